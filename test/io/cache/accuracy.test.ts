/**
 * The persistent cache behind the accuracy engine: same results as a fresh run, new keys for a new engine or weights;
 * early-stopped accuracy (cachedStoppableAccuracyMetrics) recalled only when a fresh measurement would give the same
 * result, keyed by the wrong answer the measurement stops at; an entry stored without the accuracy proxy (a run that
 * did not ask for it) never answers a request that needs it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../helpers/tempDirs.js';
import { createEvaluator, SIMULATOR_METRICS } from '../../../src/app/simulatorEvaluator.js';
import { cachedAccuracyMetrics, cachedStoppableAccuracyMetrics, isStoredAccuracy, macOnlyKey, MemoryStore, type AccuracyStore } from '../../../src/app/cache/accuracy.js';
import { accuracyEntryKey, engineIdentity, modelSourceHash, stoppedEntryKey, weightsHash } from '../../../src/app/cache/keys.js';
import { accuracyMetricsWithProgress } from '../../../src/app/accuracyProgress.js';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { EvaluationStore } from '../../../src/io/cache/index.js';
import { loadNetwork } from '../../../src/model/load.js';
import { accuracyMetrics, clearAccuracyCache, wantsAccuracyProxy, wantsMeasuredAccuracy, wrongAnswersToStop, type AccuracyMetrics } from '../../../src/sim/accuracy.js';
import { measuringContext } from '../../../src/search/lazy/earlyStop.js';
import { readWeightsFor, useGivenWeights, type SnnWeights } from '../../../src/snn/weights.js';

const tempDir = tempDirs('cosearch-cache-');

const mlp = loadNetwork('mlp-mnist');
const small = { 'accuracy.samples': 10, 'accuracy.macSamples': 10 };

describe('the search evaluator with the persistent cache', () => {
  it('returns the same rows as a fresh run, from the store on a second run, and writes nothing without a cache', async () => {
    const dir = tempDir();
    const context = { network: 'mlp-mnist', base: small, needed: ['accuracy', 'energy_pJ'] };
    const points: Record<string, number>[] = [{ 'adc.bits': 4 }, { 'adc.bits': 4, 'crossbar.size': 128 }];
    const fresh = createEvaluator(context);
    const expected = await Promise.all(points.map((p) => fresh(p)));
    expect(await new EvaluationStore({ dir, maxBytes: 1e9 }).info()).toMatchObject({ entries: 0 });

    clearAccuracyCache();
    const cold = createEvaluator({ ...context, cache: { dir, maxBytes: 1e9 } });
    for (let i = 0; i < points.length; i++) expect(await cold(points[i])).toEqual(expected[i]);
    // Entries are written when the evaluator closes (its backend's close), not during the search.
    expect((await new EvaluationStore({ dir, maxBytes: 1e9 }).info()).entries).toBe(0);
    await cold.close?.();
    expect((await new EvaluationStore({ dir, maxBytes: 1e9 }).info()).entries).toBe(2);

    // A new process would have no in-memory cache: the rows now come from the store, unchanged.
    clearAccuracyCache();
    const warm = createEvaluator({ ...context, cache: { dir, maxBytes: 1e9 } });
    for (let i = 0; i < points.length; i++) expect(await warm(points[i])).toEqual(expected[i]);
    expect((await new EvaluationStore({ dir, maxBytes: 1e9 }).info()).entries).toBe(2);

    // Proof that the rows are read from the store: an entry changed behind the evaluator's back shows through.
    await expectReadFromStore(dir, accuracyEntryKey(mlp, applyOverrides(defaultConfig(), { ...small, ...points[0] })), context, points[0]);
  }, 120_000);

  it('a search that shows no accuracyProxy column stores no proxy; a later request for it computes it', async () => {
    const dir = tempDir();
    const cache = { dir, maxBytes: 1e9 };
    const point = { 'adc.bits': 5 };
    const needed = ['accuracy', 'energy_pJ'];
    // The CSV columns a search writes: every metric but the proxy (src/app/search.ts onDemand).
    const csvMetrics = SIMULATOR_METRICS.filter((m) => m !== 'accuracyProxy');
    const fresh = await createEvaluator({ network: 'mlp-mnist', base: small, needed })(point);
    expect(fresh.accuracyProxy).toBeGreaterThan(0);
    clearAccuracyCache();
    const searchEvaluator = createEvaluator({ network: 'mlp-mnist', base: small, needed, csvMetrics, cache });
    const search = await searchEvaluator(point);
    await searchEvaluator.close?.();
    expect(search.accuracyProxy).toBeNaN();
    expect({ ...search, accuracyProxy: fresh.accuracyProxy }).toEqual(fresh);
    // A new process (no in-memory cache) that shows the column: the stored entry lacks the proxy, so it is computed.
    clearAccuracyCache();
    const shown = await createEvaluator({ network: 'mlp-mnist', base: small, needed, csvMetrics: SIMULATOR_METRICS, cache })(point);
    expect(shown).toEqual(fresh);
  }, 120_000);

  it('costs training as without the cache when the search also needs accuracy (no silent NaN training metrics)', async () => {
    const context = { network: 'mlp-mnist', base: { ...small, 'training.algorithm': 'sdfa' }, needed: ['accuracy', 'trainEnergy_pJ_per_sample'] };
    const point = { 'adc.bits': 4 };
    const expected = await createEvaluator(context)(point);
    expect(expected.trainEnergy_pJ_per_sample).toBeGreaterThan(0);
    clearAccuracyCache();
    const cached = await createEvaluator({ ...context, cache: { dir: tempDir(), maxBytes: 1e9 } })(point);
    expect(cached).toEqual(expected);
  }, 120_000);

  it('fails a configuration the ELA engine rejects with the same error as without the cache', async () => {
    const dir = tempDir();
    const context = { network: 'mlp-mnist', base: small, needed: ['accuracy'] };
    const bad = { 'crossbar.size': 3 };
    const error = (f: () => unknown) => Promise.resolve().then(f).then(() => 'no error', (e: unknown) => String(e));
    const without = await error(() => createEvaluator(context)(bad));
    expect(without).toContain('crossbar.size');
    expect(await error(() => createEvaluator({ ...context, cache: { dir, maxBytes: 1e9 } })(bad))).toBe(without);
  });
});

describe('cache keys', () => {
  const config = applyOverrides(defaultConfig(), small);
  const fake = (accuracy: number): AccuracyMetrics => ({ accuracy, accuracy_ci95: 0.1, macError_rms: 0.01, macSnr_dB: 30, accuracyProxy: 0.2, macErrorLayers: [] });

  it('a new engine version, model source or weights misses; the same identity hits', async () => {
    const store = new EvaluationStore({ dir: tempDir(), maxBytes: 1e9 });
    const identity = { engine: 1, source: 'a', weights: 'w1' };
    let computed = 0;
    const compute = () => fake(++computed / 10);
    expect(await cachedAccuracyMetrics(store, mlp, config, { compute, identity })).toEqual({ metrics: fake(0.1), hit: false });
    expect(await cachedAccuracyMetrics(store, mlp, config, { compute, identity })).toEqual({ metrics: fake(0.1), hit: true });
    for (const changed of [{ engine: 2 }, { source: 'b' }, { weights: 'w2' }]) {
      const { hit } = await cachedAccuracyMetrics(store, mlp, config, { compute, identity: { ...identity, ...changed } });
      expect(hit).toBe(false);
    }
    expect(computed).toBe(4);
  });

  /** A fresh store and an engine stand-in computing `answer(wanted)`, recording what it was asked for. */
  function recordingEngine(answer: (wanted?: readonly string[]) => AccuracyMetrics) {
    const asked: (readonly string[] | undefined)[] = [];
    const compute = (_n: unknown, _c: unknown, wanted?: readonly string[]) => {
      asked.push(wanted);
      return answer(wanted);
    };
    return { store: new EvaluationStore({ dir: tempDir(), maxBytes: 1e9 }), identity: { engine: 1, source: 'a', weights: 'w1' }, asked, compute };
  }

  it('an entry computed without the accuracy proxy does not answer a request that needs it', async () => {
    // As the engine: the proxy only when wanted, NaN otherwise.
    const { store, identity, asked, compute } = recordingEngine((wanted) => ({ ...fake(0.5), accuracyProxy: wantsAccuracyProxy(wanted) ? 0.2 : NaN }));
    const ask = (wanted?: readonly string[]) => cachedAccuracyMetrics(store, mlp, config, { compute, identity, ...(wanted ? { wanted } : {}) });
    const withoutProxy = { ...fake(0.5), accuracyProxy: NaN };
    expect(await ask(['accuracy'])).toEqual({ metrics: withoutProxy, hit: false });
    // The entry says it has no proxy: the field is absent, not a NaN a reader could take for "n/a".
    expect(await store.get(accuracyEntryKey(mlp, config, identity, ['accuracy']), isStoredAccuracy)).not.toHaveProperty('accuracyProxy');
    expect(await ask(['accuracy'])).toEqual({ metrics: withoutProxy, hit: true });
    // Needed by name, or by a caller of every metric (`cosearch evaluate`): computed, and the entry completed.
    expect(await ask(['accuracy', 'accuracyProxy'])).toEqual({ metrics: fake(0.5), hit: false });
    expect(await ask()).toEqual({ metrics: fake(0.5), hit: true });
    // An entry with the proxy answers a request without it as a fresh computation would: NaN.
    expect(await ask(['accuracy'])).toEqual({ metrics: withoutProxy, hit: true });
    expect(asked).toEqual([['accuracy'], ['accuracy', 'accuracyProxy']]);
  });

  it('a trained network\'s MAC error asked alone is kept apart: it never answers a request for the accuracy, a full entry answers it', async () => {
    // As the engine: the test-set measurement only when wanted (NaN accuracy and no detail otherwise).
    const { store, identity, asked, compute } = recordingEngine((wanted) => {
      const metrics = { ...fake(0.5), accuracyProxy: NaN };
      return wantsMeasuredAccuracy(wanted) ? metrics : { ...metrics, accuracy: NaN, accuracy_ci95: NaN };
    });
    const ask = (wanted?: readonly string[], from: AccuracyStore = store) => cachedAccuracyMetrics(from, mlp, config, { compute, identity, ...(wanted ? { wanted } : {}) });
    const macOnly = { ...fake(0.5), accuracy: NaN, accuracy_ci95: NaN, accuracyProxy: NaN };
    const key = accuracyEntryKey(mlp, config, identity, ['macError_rms']);
    expect(await ask(['macError_rms'])).toEqual({ metrics: macOnly, hit: false });
    expect(await store.get(key, isStoredAccuracy)).toBeUndefined();
    expect(await store.get(macOnlyKey(key), isStoredAccuracy)).toBeDefined();
    expect(await ask(['macSnr_dB'])).toEqual({ metrics: macOnly, hit: true });
    // The accuracy is measured (a MAC-only entry cannot answer it) and stored under the full key.
    expect(await ask(['accuracy'])).toEqual({ metrics: { ...fake(0.5), accuracyProxy: NaN }, hit: false });
    // A full entry answers the MAC error alone as a fresh computation would: without the measurement.
    const full = new MemoryStore();
    await ask(['accuracy'], full);
    expect(await ask(['macError_rms'], full)).toEqual({ metrics: macOnly, hit: true });
    expect(asked).toEqual([['macError_rms'], ['accuracy'], ['accuracy']]);
  });

  it('an early-stopped entry without the proxy does not answer a request that needs it either', async () => {
    const store = new MemoryStore();
    let computed = 0;
    const compute = (_n: unknown, _c: unknown, _f: number, wanted?: readonly string[]) => {
      computed++;
      return { ...result(40, 29), accuracyProxy: wantsAccuracyProxy(wanted) ? 0.3 : NaN };
    };
    const ask = (wanted: readonly string[]) => cachedStoppableAccuracyMetrics(store, mlp, stopConfig, 0.9, { compute, identity: stopIdentity, wanted });
    expect((await ask(['accuracy'])).metrics.accuracyProxy).toBeNaN();
    expect((await ask(['accuracy'])).hit).toBe(true);
    expect(await ask(['accuracy', 'accuracyProxy'])).toEqual({ metrics: result(40, 29), hit: false });
    expect(await ask(['accuracyProxy'])).toEqual({ metrics: result(40, 29), hit: true });
    expect(computed).toBe(2);
  });

  it('the key follows the accuracy parameters and the sample set, not energy-only parameters', () => {
    const key = (o: Record<string, unknown>) => accuracyEntryKey(mlp, applyOverrides(config, o));
    expect(key({ 'arch.clock_MHz': 500 })).toBe(key({}));
    expect(key({ 'accuracy.samples': 11 })).not.toBe(key({}));
    expect(key({ 'accuracy.seed': 2 })).not.toBe(key({}));
    expect(key({ 'adc.bits': 6 })).not.toBe(key({}));
    expect(accuracyEntryKey(mlp, config)).toBe(accuracyEntryKey(mlp, config, engineIdentity('mlp-mnist')));
  });

  it('a network without weights keys its accuracy proxy by snn.timesteps (the proxy reads T times)', async () => {
    // mnist-fc2-small has no trained weights, but its SNN graph runs, so the engine computes its accuracy proxy
    // (docs/accuracy.md "Empirical reads"), which depends on snn.timesteps: T = 4 and T = 2 are two entries.
    const net = loadNetwork('mnist-fc2-small');
    const at = (timesteps: number) => applyOverrides(config, { 'snn.timesteps': timesteps });
    const store = new MemoryStore();
    clearAccuracyCache();
    expect((await cachedAccuracyMetrics(store, net, at(4))).metrics.accuracyProxy).toBe(0.32822640976635586);
    expect(await cachedAccuracyMetrics(store, net, at(2))).toMatchObject({ hit: false, metrics: { accuracyProxy: 0.33830524145213836 } });
    expect(await cachedAccuracyMetrics(store, net, at(4))).toMatchObject({ hit: true, metrics: { accuracyProxy: 0.32822640976635586 } });
  });

  it('the source hash covers the compiled WebAssembly kernels: a rebuilt kernel is a new source, as an edited model is', () => {
    const dirs = { code: tempDir(), wasm: tempDir() };
    mkdirSync(join(dirs.code, 'sim'));
    writeFileSync(join(dirs.code, 'sim', 'read.ts'), 'export const x = 1;');
    writeFileSync(join(dirs.wasm, 'crossbar.wasm'), Uint8Array.of(0, 97, 115, 109, 1));
    const before = modelSourceHash(dirs);
    expect(modelSourceHash(dirs)).toBe(before);
    writeFileSync(join(dirs.wasm, 'crossbar.wasm'), Uint8Array.of(0, 97, 115, 109, 2));
    const rebuilt = modelSourceHash(dirs);
    expect(rebuilt).not.toBe(before);
    writeFileSync(join(dirs.code, 'sim', 'read.ts'), 'export const x = 2;');
    expect(modelSourceHash(dirs)).not.toBe(rebuilt);
    expect(modelSourceHash()).toBe(engineIdentity('mlp-mnist').source);
  });

  it('the source hash of a bundled build covers its chunks (the code that runs), not the tsc output beside it', () => {
    const bundle = tempDir();
    const dirs = { code: bundle, bundled: true, wasm: tempDir() };
    writeFileSync(join(bundle, 'cosearch.js'), 'import "./chunk-A.js";');
    writeFileSync(join(bundle, 'chunk-A.js'), 'const macError_rms = rms;');
    writeFileSync(join(bundle, 'chunk-A.js.map'), '{}');
    const before = modelSourceHash(dirs);
    writeFileSync(join(bundle, 'chunk-A.js.map'), '{"mappings":""}');
    expect(modelSourceHash(dirs)).toBe(before); // a source map is not code
    writeFileSync(join(bundle, 'chunk-A.js'), 'const macError_rms = 2 * rms;');
    expect(modelSourceHash(dirs)).not.toBe(before);
  });

  it('weights are hashed by content, and a network without weights has none', () => {
    expect(weightsHash('mlp-mnist')).toMatch(/^hp:[0-9a-f]{64},adcless:[0-9a-f]{64}$/);
    expect(weightsHash('mlp-mnist')).not.toBe(weightsHash('cnn-mnist'));
    expect(weightsHash('vgg9-cifar10')).toBe('none');
  });

  it('given weights are keyed by their content: the same file read twice hits, other weights or none miss', () => {
    const file = 'weights/mlp-mnist-adcless.json';
    const keyWith = (w: SnnWeights | undefined) => {
      const restore = w ? useGivenWeights(w) : () => undefined;
      try {
        return accuracyEntryKey(mlp, config);
      } finally {
        restore();
      }
    };
    // Two reads are two objects (two commands in one process): the key must not count them.
    const first = keyWith(readWeightsFor(file, mlp));
    expect(keyWith(readWeightsFor(file, mlp))).toBe(first);
    expect(keyWith(readWeightsFor('weights/mlp-mnist.json', mlp))).not.toBe(first);
    expect(keyWith(undefined)).not.toBe(first);
    expect(keyWith(undefined)).not.toBe(keyWith(readWeightsFor('weights/mlp-mnist.json', mlp)));
    // Overlapping registrations would mix two files' results under one key: refused until the first is restored.
    const restore = useGivenWeights(readWeightsFor(file, mlp));
    try {
      expect(() => useGivenWeights(readWeightsFor(file, mlp))).toThrow('weights for mlp-mnist are already given');
    } finally {
      restore();
    }
    useGivenWeights(readWeightsFor(file, mlp))();
  });

  it('rejects a stored value without the fields of AccuracyMetrics', () => {
    expect(isStoredAccuracy(fake(0.5))).toBe(true);
    expect(isStoredAccuracy({ ...fake(0.5), macErrorLayers: [{ layer: 'fc1' }] })).toBe(false);
    expect(isStoredAccuracy({ ...fake(0.5), detail: { accuracy: 1 } })).toBe(false);
    expect(isStoredAccuracy({ accuracy: 0.5 })).toBe(false);
  });
});

describe('accuracy with progress', () => {
  it('equals accuracyMetrics, chunk by chunk, and reports each chunk', async () => {
    const c = applyOverrides(defaultConfig(), { 'accuracy.samples': 60, 'accuracy.macSamples': 10 });
    const reports: number[] = [];
    const chunked = await accuracyMetricsWithProgress(mlp, c, (done, total) => {
      expect(total).toBe(60);
      reports.push(done);
    });
    expect(reports).toEqual([0, 30, 60]);
    clearAccuracyCache();
    expect(chunked).toEqual(accuracyMetrics(mlp, c));
  }, 120_000);
  it('with several chips, measures them one after the other and counts every chip\'s samples', async () => {
    const c = applyOverrides(defaultConfig(), { 'accuracy.samples': 30, 'accuracy.macSamples': 10, 'accuracy.chips': 2 });
    const reports: [number, number][] = [];
    const chunked = await accuracyMetricsWithProgress(mlp, c, (done, total) => reports.push([done, total]));
    expect(reports).toEqual([[0, 60], [27, 60], [30, 60], [57, 60], [60, 60]]);
    expect(chunked.detail?.chips?.accuracies).toHaveLength(2);
    clearAccuracyCache();
    expect(chunked).toEqual(accuracyMetrics(mlp, c));
    // A stored chip-averaged result keeps its chips; an early stop counts the wrong answers of all the chips.
    expect(isStoredAccuracy(JSON.parse(JSON.stringify(chunked)))).toBe(true);
    expect(isStoredAccuracy({ ...chunked, detail: { ...chunked.detail, chips: { accuracies: ['0.9'], interval: 'student-t' } } })).toBe(false);
    expect(isStoredAccuracy({ ...chunked, detail: { ...chunked.detail, chips: { accuracies: [0.9], interval: 'normal' } } })).toBe(false);
    const store = new MemoryStore(8);
    const first = await cachedStoppableAccuracyMetrics(store, mlp, c, 0.5); // no stop: the full result, stored as full
    expect([first.hit, first.metrics.detail?.chips]).toEqual([false, chunked.detail?.chips]);
    expect((await cachedStoppableAccuracyMetrics(store, mlp, c, 0.5)).hit).toBe(true);
    const stopped = await cachedStoppableAccuracyMetrics(store, mlp, c, 0.999); // stops at the first wrong answer of 60
    const detail = stopped.metrics.detail!;
    expect([stopped.hit, detail.planned, detail.samples - detail.correct]).toEqual([false, 60, 1]);
    expect((await cachedStoppableAccuracyMetrics(store, mlp, c, 0.999)).hit).toBe(true);
  }, 120_000);
});
const N = 100;
const stopConfig = applyOverrides(defaultConfig(), { 'accuracy.samples': N, 'accuracy.macSamples': 10 });
const stopIdentity = { engine: 1, source: 'a', weights: 'w' };

/** A result after `samples` of N with `correct` right; stopped (with its bound and `planned`) when samples < N. */
function result(samples: number, correct: number): AccuracyMetrics {
  const stopped = samples < N;
  const accuracy = stopped ? (correct + N - samples) / N : correct / N;
  return { accuracy, accuracy_ci95: stopped ? NaN : 0.05, macError_rms: 0.01, macSnr_dB: 30, accuracyProxy: 0.3, macErrorLayers: [],
    detail: { accuracy, accuracy_ci95: stopped ? NaN : 0.05, accuracy_low: NaN, accuracy_high: accuracy, samples, correct, weights: 'hp', ...(stopped ? { planned: N } : {}) } };
}

describe('wrongAnswersToStop', () => {
  it('is the wrong answer at which (N - w) / N first falls below the floor', () => {
    expect(wrongAnswersToStop(0.9, 100)).toBe(11);
    expect(wrongAnswersToStop(0.895, 100)).toBe(11);
    expect(wrongAnswersToStop(0.91, 100)).toBe(10);
    expect(wrongAnswersToStop(0.905, 100)).toBe(10);
    expect(wrongAnswersToStop(0.89, 100)).toBe(12);
    expect(wrongAnswersToStop(1, 30)).toBe(1);
    expect(wrongAnswersToStop(0, 30)).toBeUndefined();
  });
});

describe('a stopped measurement in the store', () => {
  it('is recalled under any floor that stops at the same wrong answer, and measured again under another', async () => {
    const store = new EvaluationStore({ dir: tempDir(), maxBytes: 1e9 });
    const calls: number[] = [];
    // 11 wrong answers in the first 40 samples: a floor of 0.9 stops at sample 40.
    const compute = (_n: unknown, _c: unknown, floor: number) => {
      calls.push(floor);
      return floor > 0.89 && floor <= 0.9 ? result(40, 29) : floor > 0.9 ? result(33, 23) : result(55, 43);
    };
    const ask = (floor: number) => cachedStoppableAccuracyMetrics(store, mlp, stopConfig, floor, { compute, identity: stopIdentity });
    expect(await ask(0.9)).toEqual({ metrics: result(40, 29), hit: false });
    expect(await ask(0.9)).toEqual({ metrics: result(40, 29), hit: true });
    expect(await ask(0.895)).toEqual({ metrics: result(40, 29), hit: true }); // also 11 wrong answers
    expect((await ask(0.905)).hit).toBe(false); // 10 wrong answers: it would stop earlier
    expect((await ask(0.89)).hit).toBe(false); // 12: it would run on
    expect(calls).toEqual([0.9, 0.905, 0.89]);
    // Never a full result: a request without a floor misses.
    expect((await cachedAccuracyMetrics(store, mlp, stopConfig, { compute: () => result(N, 80), identity: stopIdentity })).hit).toBe(false);
    expect(await store.get(stoppedEntryKey(mlp, stopConfig, 11, stopIdentity), isStoredAccuracy)).toEqual(result(40, 29));
  });

  it('a full result answers a floor only when it has fewer wrong answers than the stop needs', async () => {
    const store = new EvaluationStore({ dir: tempDir(), maxBytes: 1e9 });
    await store.put(accuracyEntryKey(mlp, stopConfig, stopIdentity), result(N, 90)); // 10 wrong
    let computed = 0;
    const compute = () => {
      computed++;
      return result(60, 49);
    };
    expect(await cachedStoppableAccuracyMetrics(store, mlp, stopConfig, 0.9, { compute, identity: stopIdentity })).toEqual({ metrics: result(N, 90), hit: true });
    expect(computed).toBe(0);
    // Under 0.91 the 10th wrong answer stops it, at a sample the full result does not tell.
    expect(await cachedStoppableAccuracyMetrics(store, mlp, stopConfig, 0.91, { compute, identity: stopIdentity })).toEqual({ metrics: result(60, 49), hit: false });
    expect(computed).toBe(1);
  });

  it('a failed write loses the entry, never the result: both lookups return the computed metrics and why they were not stored', async () => {
    const readOnly: AccuracyStore = {
      get: () => Promise.resolve(undefined),
      put: () => Promise.reject(new Error("EROFS: read-only file system, open '/cache/tmp/x'")),
    };
    const notStored = "EROFS: read-only file system, open '/cache/tmp/x'";
    expect(await cachedAccuracyMetrics(readOnly, mlp, stopConfig, { compute: () => result(N, 92), identity: stopIdentity }))
      .toEqual({ metrics: result(N, 92), hit: false, notStored });
    expect(await cachedStoppableAccuracyMetrics(readOnly, mlp, stopConfig, 0.9, { compute: () => result(40, 29), identity: stopIdentity }))
      .toEqual({ metrics: result(40, 29), hit: false, notStored });
  });

  it('a measurement that runs in full is stored as the full result an eager run reads', async () => {
    const store = new MemoryStore();
    await cachedStoppableAccuracyMetrics(store, mlp, stopConfig, 0.5, { compute: () => result(N, 92), identity: stopIdentity });
    expect(await cachedAccuracyMetrics(store, mlp, stopConfig, { compute: () => result(N, 0), identity: stopIdentity })).toEqual({ metrics: result(N, 92), hit: true });
  });
});

describe('the early-stop evaluator with a cache', () => {
  it('gives the rows of a fresh measurement, from the store on a second run', async () => {
    const dir = tempDir();
    const base = { 'accuracy.samples': 30, 'accuracy.macSamples': 10, 'adc.kind': 'sar', 'device.kind': 'rram', 'device.bitsPerCell': 1 };
    const context = measuringContext({ network: 'mlp-mnist', base, needed: ['accuracy', 'energy_pJ'] }, { accuracy: 0.99 });
    const points: Record<string, number>[] = [{ 'adc.bits': 3 }, { 'adc.bits': 3, 'arch.clock_MHz': 500 }];
    const fresh = await Promise.all(points.map((p) => createEvaluator(context)(p)));
    expect(fresh[0]['accuracy:samples']).toBeLessThan(30); // stopped at the first wrong answer
    clearAccuracyCache();
    const cold = createEvaluator({ ...context, cache: { dir, maxBytes: 1e9 } });
    for (let i = 0; i < points.length; i++) expect(await cold(points[i])).toEqual(fresh[i]);
    expect((await new EvaluationStore({ dir, maxBytes: 1e9 }).info()).entries).toBe(0);
    await cold.close?.();
    // The clock changes energy, not accuracy: one entry for both points.
    expect((await new EvaluationStore({ dir, maxBytes: 1e9 }).info()).entries).toBe(1);
    await expectReadFromStore(dir, stoppedEntryKey(mlp, applyOverrides(defaultConfig(), { ...base, ...points[0] }), 1), context, points[0]);
  }, 120_000);
});

/** An entry changed behind the evaluator's back shows through: the evaluator reads `key` from the store. */
async function expectReadFromStore(dir: string, key: string, context: Parameters<typeof createEvaluator>[0], point: Record<string, number>): Promise<void> {
  const store = new EvaluationStore({ dir, maxBytes: 1e9 });
  const stored = await store.get(key, isStoredAccuracy);
  if (!stored) throw new Error('entry missing');
  await store.put(key, { ...stored, accuracy: 0.123 });
  clearAccuracyCache();
  expect((await createEvaluator({ ...context, cache: { dir, maxBytes: 1e9 } })(point)).accuracy).toBe(0.123);
}
