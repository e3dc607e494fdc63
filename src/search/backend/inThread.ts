/**
 * The in-thread backend: evaluates in the calling thread through the same evaluator-module interface the
 * workers use. The right choice when an evaluation costs less than a message to a worker (and for tests).
 * It has no time limit: an evaluation runs to its end in this thread.
 */
import { errorMessage, evaluateItems, openEvaluator, type OpenEvaluator, type OutcomeFormat } from './evaluate.js';
import { evaluateRange } from './range.js';
import { closeWarningsOut, type CloseWarningSink, evaluatorUrl, type Evaluate, type OnCloseWarning, outcomeFormatOf, type EvalOutcome, type EvaluationBackend, type EvaluatorModule, type EvaluatorRef, type Overrides, type RangePlan, type RangeResult } from './types.js';

export interface InThreadBackendOptions {
  /** Path or file: URL of the evaluator module, or the module itself. */
  readonly evaluator: EvaluatorRef | EvaluatorModule;
  /** Passed to `createEvaluator` once. */
  readonly context: unknown;
  /** Told each warning of the evaluator's close (Evaluate.close: cache entries it could not store), once. */
  readonly onCloseWarning?: OnCloseWarning;
  /** Instead of onCloseWarning: the run's sink, which says each warning once over all the run's backends. */
  readonly closeWarnings?: CloseWarningSink;
}

/** Longest stretch of evaluations without letting timers and signal handlers run (ms). */
const YIELD_MS = 50;

export class InThreadBackend implements EvaluationBackend {
  readonly parallelism = 1;
  private evaluator: Promise<OpenEvaluator> | undefined;
  /** When this backend last let the event loop run (performance.now(), ms). */
  private yieldedAt = performance.now();

  /** Where the evaluator's close warnings go (closeWarningsOut). */
  private readonly closedWith: ReturnType<typeof closeWarningsOut>;

  constructor(private readonly options: InThreadBackendOptions) {
    this.closedWith = closeWarningsOut(options);
  }

  async evaluate(items: readonly Overrides[]): Promise<EvalOutcome[]> {
    const { evaluate, format, setupError } = await this.open();
    // Yield to the event loop at least every YIELD_MS: a synchronous evaluator would otherwise keep timers and
    // signal handlers (Ctrl-C, SIGTERM and their grace timer) from running until the whole batch ends. Items run
    // in stretches sized from the time per item so far (a call and a promise per item cost more than the ELA).
    const out = new Array<EvalOutcome>(items.length);
    let stretch = 1;
    for (let start = 0; start < items.length;) {
      const end = Math.min(items.length, start + stretch);
      const since = performance.now();
      await evaluateItems(evaluate, items, setupError, undefined, format, out, start, end);
      const took_ms = performance.now() - since;
      stretch = Math.max(1, Math.min(4 * stretch, Math.floor(((end - start) * YIELD_MS) / 2 / Math.max(took_ms, 1e-3))));
      start = end;
      const paused = start < items.length ? this.pause() : undefined;
      if (paused) await paused;
    }
    return out;
  }

  /** The evaluator (or why it could not be built) and the outcome format. */
  private async open(): Promise<{ evaluate: Evaluate | undefined; format: OutcomeFormat; setupError: string | undefined }> {
    try {
      const opened = await (this.evaluator ??= this.createEvaluator());
      return { evaluate: opened.evaluate, format: opened.format, setupError: undefined };
    } catch (error) {
      return { evaluate: undefined, format: outcomeFormatOf(this.options.context), setupError: `evaluator setup failed: ${errorMessage(error)}` };
    }
  }

  /** Lets the event loop run when YIELD_MS have passed since it last did; else nothing to wait for. */
  private readonly pause = (): Promise<void> | undefined => {
    if (performance.now() - this.yieldedAt < YIELD_MS) return undefined;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.yieldedAt = performance.now();
    });
  };

  /** A grid range here (EvaluationBackend.evaluateRange), yielding to the event loop as `evaluate` does. */
  async evaluateRange(plan: RangePlan, from: number, to: number, spare?: Uint8Array): Promise<RangeResult> {
    const { evaluate, format, setupError } = await this.open();
    return evaluateRange(evaluate, format, plan, from, to, setupError, this.pause, spare);
  }

  /** Resolves once the evaluator has finished what it deferred (Evaluate.close: the persistent cache's writes). */
  async close(): Promise<void> {
    const opened = await this.evaluator?.catch(() => undefined);
    const said = await opened?.evaluate.close?.();
    this.closedWith([said]);
  }

  private async createEvaluator(): Promise<OpenEvaluator> {
    const ref = this.options.evaluator;
    const mod: EvaluatorModule = typeof ref === 'string' || ref instanceof URL ? await import(evaluatorUrl(ref)) : ref;
    return openEvaluator(mod, this.options.context);
  }
}
