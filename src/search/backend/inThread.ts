/**
 * The in-thread backend: evaluates in the calling thread through the same evaluator-module interface the
 * workers use. The right choice when an evaluation costs less than a message to a worker (and for tests).
 * It has no time limit: an evaluation runs to its end in this thread.
 */
import { errorMessage, evaluateItems } from './evaluate.js';
import { csvMetricsOf, evaluatorUrl, type Evaluate, type EvalOutcome, type EvaluationBackend, type EvaluatorModule, type EvaluatorRef, type Overrides } from './types.js';

export interface InThreadBackendOptions {
  /** Path or file: URL of the evaluator module, or the module itself. */
  readonly evaluator: EvaluatorRef | EvaluatorModule;
  /** Passed to `createEvaluator` once. */
  readonly context: unknown;
}

/** Longest stretch of evaluations without letting timers and signal handlers run (ms). */
const YIELD_MS = 50;

export class InThreadBackend implements EvaluationBackend {
  readonly parallelism = 1;
  private evaluator: Promise<Evaluate> | undefined;

  constructor(private readonly options: InThreadBackendOptions) {}

  async evaluate(items: readonly Overrides[]): Promise<EvalOutcome[]> {
    let evaluate: Evaluate | undefined;
    let setupError: string | undefined;
    try {
      evaluate = await (this.evaluator ??= this.createEvaluator());
    } catch (error) {
      setupError = `evaluator setup failed: ${errorMessage(error)}`;
    }
    const csv = csvMetricsOf(this.options.context);
    // Yield to the event loop at least every YIELD_MS: a synchronous evaluator would otherwise keep timers and
    // signal handlers (Ctrl-C, SIGTERM and their grace timer) from running until the whole batch ends.
    const out: EvalOutcome[] = [];
    let since = performance.now();
    for (let start = 0; start < items.length;) {
      let end = start;
      while (end < items.length && (end === start || performance.now() - since < YIELD_MS)) {
        out.push(...(await evaluateItems(evaluate, items.slice(end, end + 1), setupError, undefined, csv)));
        end++;
      }
      start = end;
      if (start < items.length) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
    return out;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async createEvaluator(): Promise<Evaluate> {
    const ref = this.options.evaluator;
    const mod: EvaluatorModule = typeof ref === 'string' || ref instanceof URL ? await import(evaluatorUrl(ref)) : ref;
    return mod.createEvaluator(this.options.context);
  }
}
