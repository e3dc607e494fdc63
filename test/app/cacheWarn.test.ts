/**
 * A persistent-cache write that fails during a search is said once (QA runs defect 3; docs/cache.md, "When entries are
 * written"): each thread's store counts what it could not write, its evaluator's close says so, and the backend merges
 * the threads' warnings into one line with the run's count and the first cause. The store is damaged the way a run
 * can meet it: content-v2 replaced by a file (as root, chmod would not stop a write).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { tempDirs } from '../helpers/tempDirs.js';
import { useCacheDir } from '../helpers/cacheDir.js';
import { runSearch, simulatorEvaluator, simulatorSpaceContext } from '../../src/app/index.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { EvaluationStore } from '../../src/io/cache/index.js';
import { parseCsv } from '../../src/io/run/index.js';
import { PiscinaBackend } from '../../src/search/index.js';
import { loadSpace } from '../../src/search/space/parse.js';

const tempDir = tempDirs('cosearch-cache-warn-');
const cliCache = mkdtempSync(join(tmpdir(), 'cosearch-cache-warn-cli-'));
useCacheDir(cliCache);

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

/**
 * A lazy early-stop search over mlp-mnist (20 test images, accuracy >= 0.9, NSGA-II 8 x 4): it opens three backends
 * (cheap, measuring, and the one that never stops, for designs the selection keeps: src/search/lazy/open.ts), two of
 * which store accuracy entries: 5 and 3 of its 8.
 */
function earlyStopSpace(dir: string): string {
  const file = join(dir, 'early-stop.json');
  writeFileSync(file, JSON.stringify({
    name: 'cache-warn-early-stop', network: 'mlp-mnist', base: { 'accuracy.samples': 20, 'accuracy.macSamples': 10 },
    parameters: { 'adc.bits': [2, 3, 4, 5, 6], 'crossbar.size': [32, 64, 128], 'device.rOn_ohm': [5e3, 2e4, 1e5] },
    objectives: ['energy_pJ:min', 'area_mm2:min'], constraints: ['accuracy >= 0.9'],
    strategy: { name: 'nsga2', populationSize: 8, generations: 4 }, seed: 1, budget: { evaluations: 32 }, lazy: 'early-stop',
  }));
  return file;
}

const line = (dir: string) =>
  `the cache in ${dir} could not store 4 of this run's entries (ENOTDIR: not a directory); the results are unaffected, a later run recomputes them`;

describe('a cache write that fails during a search', () => {
  it('is said in exactly one line with the count and cause, in-thread', { timeout: 240_000 }, async () => {
    const run = await damagedRun({ backend: 'in-thread' });
    expect(run.failed).toBe(0);
    expect(run.warnings).toEqual([line(run.dir)]);
  });

  it('is said in exactly one line from a 2-worker search (the counts of both workers merged), results as with a sound cache', { timeout: 240_000 }, async () => {
    const run = await damagedRun({ workers: 2 });
    expect(run.failed).toBe(0);
    expect(run.warnings).toEqual([line(run.dir)]);
    const sound = await damagedRun({ workers: 2 }, tempDir());
    expect(sound.warnings).toEqual([]);
    expect(run.macError).toEqual(sound.macError);
  });

  it('from workers closing in the background is said once they have closed (closeInBackground: the command line)', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'content-v2'), 'not a folder');
    const warnings: string[] = [];
    const context = { network: 'mlp-mnist', base: { 'accuracy.samples': 10, 'accuracy.macSamples': 10 }, needed: ['macError_rms', 'energy_pJ'], cache: { dir, maxBytes: 1e9 } };
    const piscina = new PiscinaBackend({ evaluator: simulatorEvaluator().module, context, workers: 2, closeInBackground: true, onCloseWarning: (l) => warnings.push(l) });
    await piscina.evaluate([{ 'adc.bits': 3 }, { 'adc.bits': 4 }, { 'adc.bits': 5 }]);
    await piscina.close();
    await piscina.closed;
    expect(warnings).toEqual([line(dir).replace('store 4 of', 'store 3 of')]);
    await piscina.terminated;
  });

  it('from the several backends of a lazy early-stop run is one line, in-thread (cosearch search --early-stop)', { timeout: 240_000 }, async () => {
    const out = tempDir();
    // Restored by cliRunner after the command.
    vi.spyOn(EvaluationStore.prototype, 'put').mockRejectedValue(Object.assign(new Error("ENOSPC: no space left on device, open '/cache/tmp/x'"), { code: 'ENOSPC' }));
    const run = await cliRunner([registerSearch])('search', earlyStopSpace(out), '--in-thread', '--early-stop', '--plain', '--out', join(out, 'run'));
    expect(run.exitCode, run.stderr).toBe(0);
    // Until 2026-12-07: `could not store 5 of ...` and `could not store 3 of ...`, one line per backend.
    expect(run.stderr.split('\n').filter((l) => l.includes('the cache in'))).toEqual([
      `search: warning: the cache in ${cliCache} could not store 8 of this run's entries (ENOSPC: no space left on device); the results are unaffected, a later run recomputes them`,
    ]);
  });

  it('from the several backends of a lazy early-stop run on 2 workers is one line, once the last has closed', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'content-v2'), 'not a folder');
    const out = tempDir();
    const warnings: string[] = [];
    await runSearch({
      space: loadSpace(earlyStopSpace(out), simulatorSpaceContext()), outDir: join(out, 'run'), workers: 2,
      evaluator: { ...simulatorEvaluator(), context: { cache: { dir, maxBytes: 1e9 } } },
      onCloseWarning: (l) => warnings.push(l),
    });
    expect(warnings).toEqual([line(dir).replace('store 4 of', 'store 8 of')]);
  });

  it('cosearch search prints it as one `search: warning:` line (a store whose put rejects: disk full)', { timeout: 240_000 }, async () => {
    const out = tempDir();
    const space = join(out, 'space.json');
    spaceOf(out);
    // Restored by cliRunner after the command.
    vi.spyOn(EvaluationStore.prototype, 'put').mockRejectedValue(Object.assign(new Error("ENOSPC: no space left on device, open '/cache/tmp/x'"), { code: 'ENOSPC' }));
    const run = await cliRunner([registerSearch])('search', space, '--in-thread', '--out', join(out, 'run'));
    expect(run.exitCode).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.includes('warning'))).toEqual([
      `search: warning: the cache in ${cliCache} could not store 4 of this run's entries (ENOSPC: no space left on device); the results are unaffected, a later run recomputes them`,
    ]);
  });
});
