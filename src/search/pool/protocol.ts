/** What passes between the pool and its worker threads (structured-clonable plain data). */
import type { ParamValue } from '../../hardware/config.js';

export type Overrides = Readonly<Record<string, ParamValue>>;

/** One evaluation's outcome: its metrics, or the error that stopped it (never both). */
export interface EvalOutcome {
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: string;
}

/** Evaluates one configuration (given as overrides) into a flat record of metrics. */
export type Evaluate = (overrides: Overrides) => Record<string, number> | Promise<Record<string, number>>;

/**
 * An evaluator module (loaded once per worker thread by URL) exports
 * `createEvaluator(context)`; the returned function is reused for every configuration sent to that worker.
 */
export interface EvaluatorModule {
  createEvaluator(context: unknown): Evaluate | Promise<Evaluate>;
}

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
