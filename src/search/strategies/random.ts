/**
 * Random search: batches of uniform random samples (or a Latin hypercube per batch for reals), never
 * proposing a point twice. Needs a budget (evaluations, maxTime_ms or generations x batchSize). In a
 * discrete space nearly used up, re-draws are bounded and the run ends with stopReason 'exhausted'.
 */
import { ConfigError } from '../../core/errors.js';
import { createRng } from '../../util/rng.js';
import type { EvaluationResult, Problem, SearchOptions, SearchResult, StopReason } from '../problem.js';
import { sampleUnique, SearchRun } from './core.js';
import { samplerFor } from './variation.js';

export async function randomSearch<R extends EvaluationResult>(problem: Problem<R>, options: SearchOptions<R> = {}): Promise<SearchResult<R>> {
  const run = new SearchRun(problem, options);
  if (!Number.isFinite(run.maxEvaluations) && options.maxTime_ms === undefined && options.generations === undefined) {
    throw new ConfigError('randomSearch: got no budget, expected evaluations / maxEvaluations, maxTime_ms or generations (batches)');
  }
  const batchSize = options.batchSize ?? 100;
  const batches = options.generations ?? Infinity;
  const rng = createRng(`${run.seed}:random`);
  const sampler = samplerFor(problem.variables, options.sampling, rng);
  let stop: StopReason = 'generations';
  for (let batch = 0; batch < batches; batch++) {
    const reason = run.stopReason();
    if (reason) {
      stop = reason;
      break;
    }
    const proposals = sampleUnique(run, Math.min(batchSize, run.remaining), sampler.many, sampler.one);
    if (proposals.length === 0) {
      stop = 'exhausted';
      break;
    }
    await run.evaluate(proposals, batch);
  }
  return run.result(stop);
}
