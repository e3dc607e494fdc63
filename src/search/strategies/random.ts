/**
 * Random search: batches of uniform random samples (or a Latin hypercube per batch for reals), never
 * proposing a point twice. Needs a budget (evaluations, maxTime_ms or generations x batchSize). In a
 * discrete space nearly used up, re-draws are bounded and the run ends with stopReason 'exhausted'.
 */
import { createRng } from '../../util/rng.js';
import type { EvaluationResult, Problem, SearchOptions, SearchResult, StopReason } from '../problem.js';
import { sampleUnique, SearchRun } from './core.js';
import { assertStrategyOptions, numberSettings, type StrategyDefinition } from './definition.js';
import { BATCH_SIZE, DEFAULT_BATCH_SIZE, GENERATIONS, MAX_DUPLICATE_TRIES, SAMPLING, samplerFor, variationSettings } from './variation.js';

export const randomStrategy: StrategyDefinition = {
  name: 'random',
  selection: 'none',
  summary: 'batches of random samples (or Latin hypercubes), never a point twice',
  settings: {
    batchSize: { ...BATCH_SIZE, doc: 'samples per batch' },
    generations: { ...GENERATIONS, doc: 'batches' },
    sampling: SAMPLING,
    maxDuplicateTries: MAX_DUPLICATE_TRIES,
  },
  check: (input, settings) => {
    if (input.evaluations !== undefined || input.timed || settings.generations !== undefined) return [];
    if (input.origin === 'api') return [{ field: 'randomSearch', message: 'got no budget, expected evaluations / maxEvaluations, maxTime_ms or generations (batches)' }];
    const where = input.origin === 'space' ? 'budget.evaluations, budget.time_s' : '--budget, budget.evaluations, budget.time_s';
    return [{ field: input.origin === 'space' ? 'budget' : 'random', message: `got no budget, expected ${where} or strategy.generations (random search stops on a budget)` }];
  },
  run: (problem, options, settings) =>
    runRandom(problem, {
      ...options,
      ...variationSettings(settings),
      ...numberSettings(settings, ['batchSize', 'generations']),
    }),
};

/** randomSearch's options: every SearchOptions key but populationSize (refused). */
export type RandomSearchOptions<R extends EvaluationResult = EvaluationResult> = Omit<SearchOptions<R>, 'populationSize'>;

export async function randomSearch<R extends EvaluationResult>(problem: Problem<R>, options: RandomSearchOptions<R> = {}): Promise<SearchResult<R>> {
  assertStrategyOptions(randomStrategy, problem, options, () => 0n, { name: 'randomSearch' });
  return runRandom(problem, options);
}

async function runRandom<R extends EvaluationResult>(problem: Problem<R>, options: SearchOptions<R>): Promise<SearchResult<R>> {
  const run = new SearchRun(problem, options);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
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
