/**
 * Grid search: the full Cartesian product of every variable's values, in odometer order (the last
 * variable changes fastest), streamed lazily: nothing is materialised, so the size may be astronomically
 * larger than memory. Reals need `steps` (evenly spaced points, min..max inclusive); integers take every
 * integer in [min, max]; choices every value (steps = 1 means the single point min). The size is computed up front as a bigint and the search
 * refuses, with advice, a grid larger than its evaluation budget.
 */
import { ConfigError } from '../../core/index.js';
import { geneBounds, isReal, type EvaluationResult, type Problem, type SearchOptions, type SearchResult, type Variable } from '../problem.js';
import { SearchRun, type PendingBatch } from './core.js';
import { assertStrategyOptions, numberSettings, type StrategyCheckInput, type StrategyDefinition, type StrategyIssue } from './definition.js';
import { BATCH_SIZE, DEFAULT_BATCH_SIZE } from './variation.js';

/** Without an evaluation budget, a grid larger than this is refused (set maxEvaluations >= size to run it). */
export const GRID_UNBUDGETED_LIMIT = 10_000_000n;

/** A grid axis: how many values a variable takes and the gene of the d-th (nothing is materialised). */
export interface GridAxis {
  length: number;
  at(d: number): number;
}

/** The gene values a variable takes in a grid (reals need `steps`). */
export function gridAxis(v: Variable): GridAxis {
  const [lo, hi] = geneBounds(v);
  if (isReal(v)) {
    const steps = v.steps;
    if (steps === undefined || !Number.isInteger(steps) || steps < 1) {
      throw new ConfigError(
        `variables.${v.name}.steps: got ${steps === undefined ? 'nothing' : String(steps)}, expected an integer >= 1 (a real variable in a grid needs a number of evenly spaced points)`,
      );
    }
    if (steps === 1 || hi === lo) return { length: 1, at: () => lo };
    return { length: steps, at: (d) => (d === steps - 1 ? hi : lo + ((hi - lo) * d) / (steps - 1)) };
  }
  return { length: hi - lo + 1, at: (d) => lo + d };
}

/** Number of grid points (exact, bigint); throws a ConfigError for a real variable without steps. */
export function gridSize(problem: Pick<Problem, 'variables'>): bigint {
  return problem.variables.reduce((n, v) => n * BigInt(gridAxis(v).length), 1n);
}

/** Lazily yields the grid's gene vectors in odometer order (last variable fastest). */
export function* gridPoints(problem: Pick<Problem, 'variables'>): Generator<number[]> {
  const axes = problem.variables.map(gridAxis);
  const digits = new Array<number>(axes.length).fill(0);
  while (true) {
    yield digits.map((d, i) => axes[i].at(d));
    let i = axes.length - 1;
    while (i >= 0 && ++digits[i] === axes[i].length) digits[i--] = 0;
    if (i < 0) return;
  }
}

/** The grid's size against its budget, phrased for where the budget was set. */
function checkGrid(input: StrategyCheckInput): StrategyIssue[] {
  const size = input.size();
  const budget = input.evaluations;
  if (budget === undefined ? size <= GRID_UNBUDGETED_LIMIT : size <= BigInt(budget)) return [];
  if (budget !== undefined && input.origin === 'space') {
    return [{ field: 'budget.evaluations', message: `the grid has ${size} points but the budget allows ${budget}: raise budget.evaluations, shrink the parameter lists, or use strategy nsga2/random` }];
  }
  if (budget !== undefined && input.origin === 'command line') {
    return [{ field: 'grid', message: `the space has ${size} points but the budget allows ${budget}: raise --budget, shrink the parameter lists, or use --strategy nsga2` }];
  }
  const what = budget !== undefined ? `the evaluation budget is ${budget}` : `no evaluation budget is set (limit ${GRID_UNBUDGETED_LIMIT})`;
  const raise = input.origin === 'api' ? 'maxEvaluations' : input.origin === 'space' ? 'budget.evaluations' : '--budget';
  return [{ field: 'grid', message: `the space has ${size} points but ${what}: raise ${raise} to at least ${size}, use fewer values or steps, or use randomSearch / nsga2` }];
}

export const gridStrategy: StrategyDefinition = {
  name: 'grid',
  selection: 'none',
  summary: 'every point of the space, in odometer order (last variable fastest)',
  settings: { batchSize: BATCH_SIZE },
  check: checkGrid,
  planned: (input) => {
    const size = Number(input.size());
    return Math.min(size, input.evaluations ?? size);
  },
  run: (problem, options, settings) => runGrid(problem, { ...options, ...numberSettings(settings, ['batchSize']) }),
};

/** gridSearch's options: the run options and batchSize (SEARCH_OPTION_KEYS); the others are refused. */
export type GridSearchOptions<R extends EvaluationResult = EvaluationResult> = Omit<SearchOptions<R>, 'populationSize' | 'generations' | 'sampling' | 'maxDuplicateTries'>;

/** Every grid point, in batches; refuses (ConfigError) a grid larger than its budget. */
export async function gridSearch<R extends EvaluationResult>(problem: Problem<R>, options: GridSearchOptions<R> = {}): Promise<SearchResult<R>> {
  assertStrategyOptions(gridStrategy, problem, options, () => gridSize(problem), { name: 'gridSearch' });
  return runGrid(problem, options);
}

/**
 * Points requested from the problem at once when it evaluates batches independently (Problem.independentBatches):
 * up to two such chunks are in flight, so the evaluators work on the next chunk while this thread records the
 * last. Batches (the `generation` column) are still `batchSize` points, recorded in order: the records and the
 * run's CSV do not depend on it.
 */
export const GRID_CHUNK_POINTS = 2048;
const CHUNKS_IN_FLIGHT = 2;

async function runGrid<R extends EvaluationResult>(problem: Problem<R>, options: SearchOptions<R>): Promise<SearchResult<R>> {
  const run = new SearchRun(problem, options, { unique: true });
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const perChunk = problem.independentBatches ? Math.max(1, Math.floor(GRID_CHUNK_POINTS / batchSize)) : 1;
  const inFlight = problem.independentBatches ? CHUNKS_IN_FLIGHT : 1;
  const points = gridPoints(problem);
  let exhausted = false;
  /** Requested batches, in order, not yet recorded. */
  const queue: PendingBatch<R>[] = [];
  let chunks = 0;
  const requestChunk = (): void => {
    const batches: (readonly number[])[][] = [];
    for (let b = 0; b < perChunk && !exhausted; b++) {
      const proposals: number[][] = [];
      for (let n = 0; n < batchSize; n++) {
        const next = points.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        // No duplicate set: the odometer never repeats a point, and nothing else reads it (it grew with the run).
        proposals.push(next.value);
      }
      if (proposals.length > 0) batches.push(proposals);
    }
    if (batches.length === 0) return;
    chunks++;
    queue.push(...splitRequest(run.request(batches.flat()), batches.map((b) => b.length)));
  };
  let batch = 0;
  try {
    while (true) {
      const reason = run.stopReason();
      // Every point recorded: complete, even when a stop was asked for during the last batch (a spent budget is named first).
      if (reason !== 'evaluations' && exhausted && queue.length === 0) return run.result('complete');
      if (reason) return run.result(reason);
      // Keep `inFlight` chunks requested (one when batches are not independent: request, record, request...).
      while (!exhausted && queue.length <= (inFlight - 1) * perChunk) requestChunk();
      const next = queue.shift();
      if (!next) return run.result('complete');
      await run.settle(next, batch++);
    }
  } finally {
    // A stop with batches in flight: let them end before the caller closes its evaluators.
    if (chunks > 0) await Promise.allSettled(queue.map((q) => q.results));
  }
}

/** One request of consecutive batches, as one pending batch per batch. */
function splitRequest<R extends EvaluationResult>(pending: PendingBatch<R>, sizes: readonly number[]): PendingBatch<R>[] {
  if (sizes.length === 1) return [pending];
  let at = 0;
  return sizes.map((size) => {
    const from = at;
    at += size;
    const results = pending.results.then((r) => r.slice(from, from + size));
    results.catch(() => undefined); // reported when settled (SearchRun.request)
    return { proposals: pending.proposals.slice(from, at), xs: pending.xs.slice(from, at), results };
  });
}
