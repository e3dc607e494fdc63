/** What passes between the piscina backend and its worker threads (structured-clonable plain data). */
import type { EvalOutcome, Overrides } from './types.js';

export interface PoolTask {
  /** file: URL of the evaluator module. */
  readonly evaluator: string;
  readonly context: unknown;
  /** Identifies `context` so a worker builds one evaluator per distinct context. */
  readonly contextKey: string;
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
