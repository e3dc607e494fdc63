/**
 * When a search's cache entries become visible (docs/cache.md, "When entries are written"): workers defer them and
 * write them as their backend closes. A library runSearch resolves only once they are on disk, so a second run (in this
 * process or another) reads them, also when the run was stopped after a batch; a backend closed in the background (the
 * command line) writes them by `closed`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cacache from 'cacache';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/tempDirs.js';
import { runSearch, simulatorEvaluator, simulatorSpaceContext } from '../../src/app/index.js';
import { isStoredAccuracy } from '../../src/app/cache/accuracy.js';
import { EvaluationStore } from '../../src/io/cache/index.js';
import { parseCsv } from '../../src/io/run/index.js';
import { InThreadBackend, PiscinaBackend } from '../../src/search/index.js';
import { loadSpace } from '../../src/search/space/parse.js';

const tempDir = tempDirs('cosearch-cache-close-');

const base = { 'accuracy.samples': 10, 'accuracy.macSamples': 10 };
const points = [{ 'adc.bits': 3 }, { 'adc.bits': 4 }, { 'adc.bits': 5 }];
const entries = async (dir: string) => (await new EvaluationStore({ dir, maxBytes: 1e9 }).info()).entries;

/** A search space over mlp-mnist (few samples) minimising energy and MAC error, written to a file and loaded. */
function spaceOf(dir: string, parameters: Record<string, number[]>, strategy: Record<string, unknown>, evaluations: number) {
  const file = join(dir, 'space.json');
  writeFileSync(file, JSON.stringify({
    name: 'cache-close', network: 'mlp-mnist', base, parameters,
    objectives: ['energy_pJ:min', 'macError_rms:min'], strategy, seed: 1, budget: { evaluations },
  }));
  return loadSpace(file, simulatorSpaceContext());
}

describe('cache entries a search defers', () => {
  it('are on disk when a library runSearch resolves, and the next run reads them', { timeout: 240_000 }, async () => {
    const cacheDir = tempDir();
    const out = tempDir();
    const space = spaceOf(out, { 'adc.bits': [3, 4], 'crossbar.size': [64, 128] }, { name: 'grid' }, 4);
    const evaluator = { ...simulatorEvaluator(), context: { cache: { dir: cacheDir, maxBytes: 1e9 } } };
    const first = await runSearch({ space, outDir: join(out, 'first'), workers: 2, evaluator });
    expect(first.failed).toBe(0);
    expect(await entries(cacheDir)).toBe(4);
    // Every entry changed behind the cache's back shows through in the next run: its rows are read from the store.
    for (const entry of Object.values(await cacache.ls(cacheDir))) {
      const store = new EvaluationStore({ dir: cacheDir, maxBytes: 1e9 });
      const stored = await store.get(entry.key, isStoredAccuracy);
      if (!stored) throw new Error('entry unreadable');
      await store.put(entry.key, { ...stored, macError_rms: 0.125 });
    }
    const second = await runSearch({ space, outDir: join(out, 'second'), workers: 2, evaluator });
    const csv = parseCsv(readFileSync(second.evaluationsCsv, 'utf8'));
    const column = csv.header.indexOf('macError_rms');
    expect(csv.records.map((r) => r[column])).toEqual(['0.125', '0.125', '0.125', '0.125']);
  });

  it('of a run stopped after a batch (the first Ctrl-C) are on disk when runSearch resolves', { timeout: 240_000 }, async () => {
    const cacheDir = tempDir();
    const out = tempDir();
    const space = spaceOf(out, { 'adc.bits': [3, 4, 5, 6, 7], 'crossbar.size': [64, 128] }, { name: 'random', batchSize: 2 }, 10);
    const evaluator = { ...simulatorEvaluator(), context: { cache: { dir: cacheDir, maxBytes: 1e9 } } };
    let batches = 0;
    const run = await runSearch({ space, outDir: join(out, 'run'), workers: 2, evaluator, onProgress: () => batches++, shouldStop: () => batches >= 1 });
    expect(run.status).toBe('interrupted');
    expect(run.evaluations).toBeGreaterThan(0);
    expect(run.evaluations).toBeLessThan(10);
    // Each evaluated design has its own MAC-error key here (ADC bits and crossbar size both change it).
    expect(await entries(cacheDir)).toBe(run.evaluations);
  });

  it('are written by `closed` when the backend closes in the background; by close() otherwise', { timeout: 240_000 }, async () => {
    const context = { network: 'mlp-mnist', base, needed: ['macError_rms', 'energy_pJ'] };
    const module = simulatorEvaluator().module;
    const background = tempDir();
    const piscina = new PiscinaBackend({ evaluator: module, context: { ...context, cache: { dir: background, maxBytes: 1e9 } }, workers: 2, closeInBackground: true });
    expect((await piscina.evaluate(points)).every((o) => o.metrics !== undefined)).toBe(true);
    expect(await entries(background)).toBe(0); // deferred: nothing written during the search
    await piscina.close();
    await piscina.closed;
    expect(await entries(background)).toBe(3);

    const inThread = tempDir();
    const local = new InThreadBackend({ evaluator: module, context: { ...context, cache: { dir: inThread, maxBytes: 1e9 } } });
    await local.evaluate(points);
    expect(await entries(inThread)).toBe(0);
    await local.close();
    expect(await entries(inThread)).toBe(3);
  });
});

