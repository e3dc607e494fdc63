/** What passes between the piscina backend and its worker threads (structured-clonable plain data). */
import type { EvalOutcome, Overrides } from './types.js';

/**
 * What every worker of a backend evaluates with, given once as the workers' `workerData` (piscina) rather than
 * with every task: the context (with its list of CSV metrics) would otherwise be copied to a worker per task.
 */
export interface PoolSetup {
  /** file: URL of the evaluator module. */
  readonly evaluator: string;
  readonly context: unknown;
}

export interface PoolTask {
  readonly items: readonly Overrides[];
  /** Int32Array[1]: 1-based index of the item being evaluated (0 = not started), for per-item time limits. */
  readonly progress: SharedArrayBuffer;
}

/** What a worker returns for a task. */
export interface PoolTaskResult {
  readonly outcomes: EvalOutcome[];
  /** Time spent evaluating (ms), for sizing later batches. */
  readonly compute_ms: number;
}
