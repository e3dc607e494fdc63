/**
 * Early-stopped accuracy in the cache (src/app/cache/accuracy.ts cachedStoppableAccuracyMetrics): recalled only when
 * a fresh measurement would give the same result, keyed by the wrong answer the measurement stops at.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedAccuracyMetrics, cachedStoppableAccuracyMetrics, isAccuracyMetrics, MemoryStore } from '../../../src/app/cache/accuracy.js';
import { accuracyEntryKey, stoppedEntryKey, wrongAnswersToStop } from '../../../src/app/cache/keys.js';
import { createEvaluator } from '../../../src/app/simulatorEvaluator.js';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { EvaluationStore } from '../../../src/io/cache/index.js';
import { loadNetwork } from '../../../src/model/load.js';
import { clearAccuracyCache, type AccuracyMetrics } from '../../../src/sim/accuracy.js';
import { measuringContext } from '../../../src/search/lazy/earlyStop.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-stopped-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mlp = loadNetwork('mlp-mnist');
const N = 100;
const config = applyOverrides(defaultConfig(), { 'accuracy.samples': N, 'accuracy.macSamples': 10 });
const identity = { engine: 1, source: 'a', weights: 'w' };

/** A result after `samples` of N with `correct` right; stopped (with its bound and `planned`) when samples < N. */
function result(samples: number, correct: number): AccuracyMetrics {
  const stopped = samples < N;
  const accuracy = stopped ? (correct + N - samples) / N : correct / N;
  return { accuracy, accuracy_ci95: stopped ? NaN : 0.05, macError_rms: 0.01, macSnr_dB: 30, macErrorLayers: [],
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
    const ask = (floor: number) => cachedStoppableAccuracyMetrics(store, mlp, config, floor, compute, identity);
    expect(await ask(0.9)).toEqual({ metrics: result(40, 29), hit: false });
    expect(await ask(0.9)).toEqual({ metrics: result(40, 29), hit: true });
    expect(await ask(0.895)).toEqual({ metrics: result(40, 29), hit: true }); // also 11 wrong answers
    expect((await ask(0.905)).hit).toBe(false); // 10 wrong answers: it would stop earlier
    expect((await ask(0.89)).hit).toBe(false); // 12: it would run on
    expect(calls).toEqual([0.9, 0.905, 0.89]);
    // Never a full result: a request without a floor misses.
    expect((await cachedAccuracyMetrics(store, mlp, config, () => result(N, 80), identity)).hit).toBe(false);
    expect(await store.get(stoppedEntryKey(mlp, config, 11, identity), isAccuracyMetrics)).toEqual(result(40, 29));
  });

  it('a full result answers a floor only when it has fewer wrong answers than the stop needs', async () => {
    const store = new EvaluationStore({ dir: tempDir(), maxBytes: 1e9 });
    await store.put(accuracyEntryKey(mlp, config, identity), result(N, 90)); // 10 wrong
    let computed = 0;
    const compute = () => {
      computed++;
      return result(60, 49);
    };
    expect(await cachedStoppableAccuracyMetrics(store, mlp, config, 0.9, compute, identity)).toEqual({ metrics: result(N, 90), hit: true });
    expect(computed).toBe(0);
    // Under 0.91 the 10th wrong answer stops it, at a sample the full result does not tell.
    expect(await cachedStoppableAccuracyMetrics(store, mlp, config, 0.91, compute, identity)).toEqual({ metrics: result(60, 49), hit: false });
    expect(computed).toBe(1);
  });

  it('a measurement that runs in full is stored as the full result an eager run reads', async () => {
    const store = new MemoryStore();
    await cachedStoppableAccuracyMetrics(store, mlp, config, 0.5, () => result(N, 92), identity);
    expect(await cachedAccuracyMetrics(store, mlp, config, () => result(N, 0), identity)).toEqual({ metrics: result(N, 92), hit: true });
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
    // The clock changes energy, not accuracy: one entry for both points.
    expect((await new EvaluationStore({ dir, maxBytes: 1e9 }).info()).entries).toBe(1);
    const store = new EvaluationStore({ dir, maxBytes: 1e9 });
    const key = stoppedEntryKey(mlp, applyOverrides(defaultConfig(), { ...base, ...points[0] }), 1);
    const stored = await store.get(key, isAccuracyMetrics);
    if (!stored) throw new Error('entry missing');
    // Read from the store: an entry changed behind the evaluator's back shows through.
    await store.put(key, { ...stored, accuracy: 0.123 });
    clearAccuracyCache();
    expect((await createEvaluator({ ...context, cache: { dir, maxBytes: 1e9 } })(points[0])).accuracy).toBe(0.123);
  }, 120_000);
});
