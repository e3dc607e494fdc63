/** PROBE: one batch of random samples, then stop. */
import { createRng } from '../../util/rng.js';
import { sampleUnique, SearchRun } from './core.js';
import { numberSetting, type StrategyDefinition } from './definition.js';
import { samplerFor } from './variation.js';

export const firstBatchStrategy: StrategyDefinition = {
  name: 'first-batch',
  summary: 'one batch of random samples, then stop',
  settings: { size: { type: 'integer', min: 1, default: 5, doc: 'samples' } },
  check: () => [],
  planned: (_input, settings) => numberSetting(settings, 'size') ?? 5,
  run: async (problem, options, settings) => {
    const run = new SearchRun(problem, options);
    const sampler = samplerFor(problem.variables, undefined, createRng(`${run.seed}:first`));
    const n = Math.min(numberSetting(settings, 'size') ?? 5, run.remaining);
    await run.evaluate(sampleUnique(run, n, sampler.many, sampler.one), 0);
    return run.result('generations');
  },
};
