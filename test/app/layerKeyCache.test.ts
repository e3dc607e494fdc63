/**
 * One design has one persistent-cache entry however its per-layer overrides name the layer: `cosearch evaluate` writes
 * them by the layer's name (`--set layers.0.adc.bits=4` is set as layers.fc1), a search keeps the space's key (a
 * column `layers.0.adc.bits`), and both read the entry the other wrote. Before, the keys differed (the layer key was
 * written into them as given) and the search computed the design again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/tempDirs.js';
import { runSearch, simulatorEvaluator, simulatorSpaceContext } from '../../src/app/index.js';
import { evaluateConfiguration } from '../../src/app/evaluate.js';
import { isStoredAccuracy } from '../../src/app/cache/accuracy.js';
import { accuracyEntryKey } from '../../src/app/cache/keys.js';
import { buildConfig } from '../../src/cli/commands/evaluate.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { EvaluationStore } from '../../src/io/cache/index.js';
import { parseCsv } from '../../src/io/run/index.js';
import { loadNetwork } from '../../src/model/load.js';
import { clearAccuracyCache } from '../../src/sim/accuracy.js';
import { loadSpace } from '../../src/search/space/parse.js';

const tempDir = tempDirs('cosearch-layer-key-');
const mlp = loadNetwork('mlp-mnist');
const small = { 'accuracy.samples': 10, 'accuracy.macSamples': 10 };
const quiet = { isTTY: false } as NodeJS.WriteStream;

describe('a layer by name or by index: one cache entry', () => {
  it('has one key whether the configuration names fc1 or gives its index', () => {
    const byName = applyOverrides(defaultConfig(), { ...small, 'layers.fc1.adc.bits': 4, 'layers.fc2.snn.spikeRate': 0.2 });
    const byIndex = applyOverrides(defaultConfig(), { ...small, 'layers.0.adc.bits': 4, 'layers.1.snn.spikeRate': 0.2 });
    expect(accuracyEntryKey(mlp, byIndex)).toBe(accuracyEntryKey(mlp, byName));
    // Both set: the name wins, as the engines read it (layerHardware), so the index's value is not in the key.
    const both = applyOverrides(defaultConfig(), { ...small, 'layers.0.adc.bits': 6, 'layers.fc1.adc.bits': 4, 'layers.1.snn.spikeRate': 0.2 });
    expect(accuracyEntryKey(mlp, both)).toBe(accuracyEntryKey(mlp, byName));
    expect(accuracyEntryKey(mlp, byName)).not.toBe(accuracyEntryKey(mlp, applyOverrides(defaultConfig(), small)));
  });

  it('`cosearch evaluate` stores it, a search over `layers.0.adc.bits` reads it, and evaluate by index hits it', { timeout: 240_000 }, async () => {
    const cacheDir = tempDir();
    const out = tempDir();
    const cache = { dir: cacheDir, maxBytes: 1e9 };
    const store = new EvaluationStore(cache);
    clearAccuracyCache();
    // The command's own path: its configuration (the index set under the name), then the cached accuracy engine.
    const config = buildConfig(undefined, ['layers.0.adc.bits=4', 'accuracy.samples=10', 'accuracy.macSamples=10'], mlp);
    expect(config.layers).toEqual({ fc1: { 'adc.bits': 4 } });
    expect((await evaluateConfiguration(mlp, config, { cache, progress: quiet })).cacheHit).toBe(false);
    expect((await store.info()).entries).toBe(1);
    // Changed behind the cache's back: a search row that shows 0.125 was read from this entry, not computed.
    const key = accuracyEntryKey(mlp, config);
    const stored = await store.get(key, isStoredAccuracy);
    if (!stored) throw new Error('entry missing');
    await store.put(key, { ...stored, macError_rms: 0.125 });

    clearAccuracyCache();
    const file = join(out, 'space.json');
    writeFileSync(file, JSON.stringify({
      name: 'layer-key', network: 'mlp-mnist', base: small, parameters: { 'layers.0.adc.bits': [4, 5] },
      objectives: ['energy_pJ:min', 'macError_rms:min'], strategy: { name: 'grid' }, seed: 1, budget: { evaluations: 2 },
    }));
    const evaluator = { ...simulatorEvaluator(), context: { cache } };
    const run = await runSearch({ space: loadSpace(file, simulatorSpaceContext()), outDir: join(out, 'run'), workers: 1, evaluator });
    const csv = parseCsv(readFileSync(run.evaluationsCsv, 'utf8'));
    const cell = (record: readonly string[], column: string) => record[csv.header.indexOf(column)];
    expect(csv.records.map((r) => [cell(r, 'layers.0.adc.bits'), cell(r, 'macError_rms') === '0.125'])).toEqual([['4', true], ['5', false]]);
    expect((await store.info()).entries).toBe(2); // only adc.bits 5 was computed and stored

    clearAccuracyCache();
    const byIndex = applyOverrides(defaultConfig(), { ...small, 'layers.0.adc.bits': 4 });
    const again = await evaluateConfiguration(mlp, byIndex, { cache, progress: quiet });
    expect(again.cacheHit).toBe(true);
    expect(again.accuracy?.macError_rms).toBe(0.125);
  });
});
