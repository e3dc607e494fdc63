/**
 * A persistent-cache write that fails during a search is said once (QA runs defect 3; docs/cache.md, "When entries are
 * written"): each thread's store counts what it could not write, its evaluator's close says so, and the backend merges
 * the threads' warnings into one line with the run's count and the first cause. The store is damaged the way a run
 * can meet it: content-v2 replaced by a file (as root, chmod would not stop a write).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/tempDirs.js';
import { runSearch, simulatorEvaluator, simulatorSpaceContext } from '../../src/app/index.js';
import { parseCsv } from '../../src/io/run/index.js';
import { loadSpace } from '../../src/search/space/parse.js';

const tempDir = tempDirs('cosearch-cache-warn-');

/** A 4-point grid over mlp-mnist (few samples) minimising energy and MAC error: 4 accuracy-engine entries to store. */
function spaceOf(dir: string) {
  const file = join(dir, 'space.json');
  writeFileSync(file, JSON.stringify({
    name: 'cache-warn', network: 'mlp-mnist', base: { 'accuracy.samples': 10, 'accuracy.macSamples': 10 },
    parameters: { 'adc.bits': [3, 4], 'crossbar.size': [64, 128] },
    objectives: ['energy_pJ:min', 'macError_rms:min'], strategy: { name: 'grid' }, seed: 1, budget: { evaluations: 4 },
  }));
  return loadSpace(file, simulatorSpaceContext());
}

/** Runs the grid with a cache whose content folder is a file; the warning lines and the MAC-error column. */
async function damagedRun(backend: { backend: 'in-thread' } | { workers: number }, cacheDir?: string) {
  const dir = cacheDir ?? tempDir();
  if (cacheDir === undefined) writeFileSync(join(dir, 'content-v2'), 'not a folder');
  const out = tempDir();
  const warnings: string[] = [];
  const result = await runSearch({
    space: spaceOf(out), outDir: join(out, 'run'), ...backend,
    evaluator: { ...simulatorEvaluator(), context: { cache: { dir, maxBytes: 1e9 } } },
    onCloseWarning: (line) => warnings.push(line),
  });
  const csv = parseCsv(readFileSync(result.evaluationsCsv, 'utf8'));
  const column = csv.header.indexOf('macError_rms');
  return { dir, failed: result.failed, warnings, macError: csv.records.map((r) => r[column]) };
}

const line = (dir: string) =>
  `the cache in ${dir} could not store 4 of this run's entries (ENOTDIR: not a directory); the results are unaffected, a later run recomputes them`;

describe('a cache write that fails during a search', () => {
  it('is said in exactly one line with the count and cause, in-thread', { timeout: 240_000 }, async () => {
    const run = await damagedRun({ backend: 'in-thread' });
    expect(run.failed).toBe(0);
    expect(run.warnings).toEqual([line(run.dir)]);
  });

  it('is said in exactly one line from a 2-worker search (counts of both workers summed), results as with a sound cache', { timeout: 240_000 }, async () => {
    const run = await damagedRun({ workers: 2 });
    expect(run.failed).toBe(0);
    expect(run.warnings).toEqual([line(run.dir)]);
    const sound = await damagedRun({ workers: 2 }, tempDir());
    expect(sound.warnings).toEqual([]);
    expect(run.macError).toEqual(sound.macError);
  });
});
