/**
 * A stop asked for while the last batch runs (Ctrl-C at the end of a run) finds the run complete: status 'completed'
 * and nothing to resume. Until 2026-12-05 the stop was checked before "is anything left?", so a finished grid (or a
 * run whose budget was spent) was written 'interrupted' and its report told the user to --resume it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { InThreadBackend, runSearch, type EvaluationBackend, type EvaluatorContext } from '../../src/search/index.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { FIXTURE_METRICS, FIXTURE_SPACE } from './fixtures/hardwareEvaluator.js';

const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const module = new URL('./fixtures/hardwareEvaluator.ts', import.meta.url);
const tmp = () => mkdtempSync(join(tmpdir(), 'cosearch-stop-last-'));
const inThread = (c: EvaluatorContext): EvaluationBackend => new InThreadBackend({ evaluator: module, context: c });
/** The backend's evaluate only: the grid then runs through the strategy's path, not the range path. */
const itemsOnly = (c: EvaluatorContext): EvaluationBackend => {
  const inner = inThread(c);
  return { parallelism: inner.parallelism, evaluate: (items) => inner.evaluate(items), close: () => inner.close() };
};
/** Stop once `after` generations have been recorded. */
const stopAfter = (after: number) => {
  let generations = 0;
  return () => ++generations >= after;
};

describe('a stop during the last batch', () => {
  // 8 x 10 x 4 = 320 points in batches of 7: 46 generations.
  const grid = parseSpace({ ...FIXTURE_SPACE, strategy: { name: 'grid', batchSize: 7 } }, context, { file: 'grid.json' });
  for (const [path, backend] of [['strategy', itemsOnly], ['range', inThread]] as const) {
    it(`leaves a finished grid complete, and one stopped earlier interrupted (${path} path)`, async () => {
      const last = await runSearch({ space: grid, outDir: tmp(), backend, metrics: FIXTURE_METRICS, shouldStop: stopAfter(46) });
      expect([last.status, last.evaluations]).toEqual(['completed', 320]);
      const early = await runSearch({ space: grid, outDir: tmp(), backend, metrics: FIXTURE_METRICS, shouldStop: stopAfter(45) });
      expect([early.status, early.evaluations]).toEqual(['interrupted', 315]);
    });
  }
  it('leaves a run whose evaluation budget is spent complete (NSGA-II, 2 generations of 10 in a budget of 20)', async () => {
    const nsga = parseSpace({ ...FIXTURE_SPACE, strategy: { name: 'nsga2', populationSize: 10, generations: 5 }, budget: { evaluations: 20 } }, context, { file: 'nsga.json' });
    const run = await runSearch({ space: nsga, outDir: tmp(), backend: inThread, metrics: FIXTURE_METRICS, shouldStop: stopAfter(2) });
    expect([run.status, run.evaluations]).toEqual(['completed', 20]);
  });
});
