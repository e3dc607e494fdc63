/**
 * Grid search: the full Cartesian product of every variable's values, in odometer order (the last
 * variable changes fastest), streamed lazily: nothing is materialised, so the size may be astronomically
 * larger than memory. Reals need `steps` (evenly spaced points, min..max inclusive); integers take every
 * integer in [min, max]; choices every value. The size is computed up front as a bigint and the search
 * refuses, with advice, a grid larger than its evaluation budget.
 */
import { ConfigError } from '../../hardware/errors.js';
import { geneBounds, type EvaluationResult, type Problem, type SearchOptions, type SearchResult, type Variable } from '../problem.js';
import { SearchRun } from './core.js';

/** Without an evaluation budget, a grid larger than this is refused (set maxEvaluations >= size to run it). */
export const GRID_UNBUDGETED_LIMIT = 10_000_000n;

/** The gene values a variable takes in a grid. */
export function gridAxis(v: Variable): number[] {
  if (v.kind === 'real') {
    const [lo, hi] = geneBounds(v);
    if (v.steps === undefined || !Number.isInteger(v.steps) || v.steps < 1) {
      throw new ConfigError(`variables.${v.name}.steps: got ${v.steps === undefined ? 'nothing' : String(v.steps)}, expected an integer >= 1 (a real variable in a grid needs a number of evenly spaced points)`);
    }
    if (v.steps === 1 || hi === lo) return [lo];
    return Array.from({ length: v.steps }, (_, i) => (i === v.steps! - 1 ? hi : lo + ((hi - lo) * i) / (v.steps! - 1)));
  }
  const [lo, hi] = geneBounds(v);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** Number of grid points (exact, bigint). */
export function gridSize(problem: Pick<Problem, 'variables'>): bigint {
  return problem.variables.reduce((n, v) => n * BigInt(v.kind === 'real' ? (v.steps ?? 0) : geneBounds(v)[1] - geneBounds(v)[0] + 1), 1n);
}

/** Lazily yields the grid's gene vectors in odometer order (last variable fastest). */
export function* gridPoints(problem: Pick<Problem, 'variables'>): Generator<number[]> {
  const axes = problem.variables.map(gridAxis);
  if (axes.some((a) => a.length === 0)) return;
  const digits = new Array<number>(axes.length).fill(0);
  while (true) {
    yield digits.map((d, i) => axes[i][d]);
    let i = axes.length - 1;
    while (i >= 0 && ++digits[i] === axes[i].length) digits[i--] = 0;
    if (i < 0) return;
  }
}

export async function gridSearch<R extends EvaluationResult>(problem: Problem<R>, options: SearchOptions<R> = {}): Promise<SearchResult<R>> {
  const run = new SearchRun(problem, options);
  problem.variables.forEach(gridAxis); // reals without steps fail here, before any evaluation
  const size = gridSize(problem);
  const budget = run.maxEvaluations;
  if (Number.isFinite(budget) ? size > BigInt(budget) : size > GRID_UNBUDGETED_LIMIT) {
    const what = Number.isFinite(budget) ? `the evaluation budget is ${budget}` : `no evaluation budget is set (limit ${GRID_UNBUDGETED_LIMIT})`;
    throw new ConfigError(
      `grid: the space has ${size} points but ${what}: raise maxEvaluations to at least ${size}, use fewer values or steps, or use randomSearch / nsga2`,
    );
  }
  const batchSize = options.batchSize ?? 100;
  const points = gridPoints(problem);
  let batch = 0;
  while (true) {
    const reason = run.stopReason();
    if (reason) return run.result(reason);
    const proposals: number[][] = [];
    for (let n = 0; n < batchSize; n++) {
      const next = points.next();
      if (next.done) break;
      run.duplicates.add(next.value);
      proposals.push(next.value);
    }
    if (proposals.length === 0) return run.result('complete');
    await run.evaluate(proposals, batch++);
  }
}
