/**
 * Ask/tell: drive a strategy from your own loop (measurements from a chip or a lab instrument).
 *
 *   const opt = nsga2Optimizer(problem, { seed: 1, populationSize: 20, generations: 10 });
 *   for (let xs = await opt.ask(); xs.length > 0; xs = await opt.ask()) opt.tell(xs.map(measure));
 *   const result = await opt.result();
 *
 * The strategy itself runs unchanged: it sees a problem whose evaluateBatch hands each generation's proposals to
 * ask() and waits for tell(). So the same seed gives the same proposals and the same result as the one-shot call
 * (nsga2(problem, options)) with an evaluate returning what tell() received. ask() is asynchronous because
 * the strategy continues in promise callbacks after tell().
 */
import { ConfigError, describeValue } from '../../core/index.js';
import type { EvaluationResult, Problem, SearchResult, Solution } from '../problem.js';
import { assertNsga2Options, nsga2, type Nsga2Options } from './nsga2.js';
import { assertNsga3Options, nsga3, type Nsga3Options } from './nsga3.js';

/** The problem an ask/tell optimizer needs: no evaluate (the caller evaluates). */
export type AskTellProblem<R extends EvaluationResult = EvaluationResult> = Omit<Problem<R>, 'evaluate' | 'evaluateBatch'>;

export interface AskTellOptimizer<R extends EvaluationResult = EvaluationResult> {
  /** The next batch to evaluate; empty once the run has finished. Asking again before tell() returns the same batch. */
  ask(): Promise<Solution[]>;
  /** The results of the last batch asked, one per solution, in order. */
  tell(results: readonly R[]): void;
  /** Whether the run has finished (its budget or generations are spent). */
  readonly done: boolean;
  /**
   * The run's result once it has finished (as the one-shot call returns it); rejected before that (ask and tell until
   * ask() returns an empty batch): awaiting it with a batch untold would wait for ever.
   */
  result(): Promise<SearchResult<R>>;
}

/**
 * `start` runs the strategy on a problem whose evaluations are asked and told; `check`, given, checks that problem
 * and the options at once (a typo in an option is refused when the optimizer is created, not at the first ask).
 */
export function askTell<R extends EvaluationResult>(
  problem: AskTellProblem<R>,
  start: (problem: Problem<R>) => Promise<SearchResult<R>>,
  check?: (problem: Problem<R>) => void,
): AskTellOptimizer<R> {
  let current: { xs: Solution[]; resolve: (results: R[]) => void } | undefined;
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const event = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const driven: Problem<R> = {
    ...problem,
    evaluate: () => {
      throw new Error('ask/tell: evaluate is not used (the caller evaluates through tell)');
    },
    evaluateBatch: (xs) =>
      new Promise<R[]>((resolve) => {
        current = { xs, resolve };
        notify();
      }),
  };
  check?.(driven);
  // Started on the first ask, so the caller may attach nothing else first.
  let running: Promise<SearchResult<R>> | undefined;
  const begin = (): Promise<SearchResult<R>> =>
    (running ??= start(driven).then(
      (r) => {
        finished = true;
        notify();
        return r;
      },
      (e: unknown) => {
        finished = true;
        failure = e;
        notify();
        throw e;
      },
    ));
  return {
    async ask() {
      const waiting = event();
      begin().catch(() => undefined);
      if (!current && !finished) await waiting;
      if (failure !== undefined) throw failure;
      return current?.xs ?? [];
    },
    tell(results) {
      // A misuse of the optimizer, refused as a wrong count is: a ConfigError, the caller's mistake, not an internal one.
      if (!current) throw new ConfigError('ask/tell: tell() called with no batch pending (call ask() first)');
      // Not an array ('abc' had its characters counted, null threw a TypeError) or not one per solution: one refusal.
      if (!Array.isArray(results) || results.length !== current.xs.length) {
        const got = Array.isArray(results) ? `${results.length} results` : describeValue(results);
        throw new ConfigError(`ask/tell: tell(results): got ${got}, expected an array of ${current.xs.length} results ({ objectives, violation? }, one per solution asked)`);
      }
      const { resolve } = current;
      current = undefined;
      resolve(results.slice());
    },
    get done() {
      return finished;
    },
    result: () =>
      finished || failure !== undefined
        ? begin()
        : Promise.reject(new Error(`ask/tell: result() called before the run finished (${current ? 'a batch asked is not told yet' : 'no batch asked yet'}): ask() and tell() until ask() returns an empty batch`)),
  };
}

/** NSGA-II driven by ask/tell (see the module comment). */
export function nsga2Optimizer<R extends EvaluationResult>(problem: AskTellProblem<R>, options: Nsga2Options<R> = {}): AskTellOptimizer<R> {
  return askTell(problem, (p) => nsga2(p, options), (p) => assertNsga2Options(p, options));
}

/** NSGA-III driven by ask/tell (see the module comment). */
export function nsga3Optimizer<R extends EvaluationResult>(problem: AskTellProblem<R>, options: Nsga3Options<R> = {}): AskTellOptimizer<R> {
  return askTell(problem, (p) => nsga3(p, options), (p) => assertNsga3Options(p, options));
}
