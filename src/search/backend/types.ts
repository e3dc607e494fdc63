/**
 * The evaluation seam: what the engine hands a backend and gets back. Plain, structured-clonable data, so a
 * backend may run evaluations in this thread, in worker threads (piscina) or, later, on other machines.
 */
import { pathToFileURL } from 'node:url';
import type { ParamValue, SearchSpace, SpaceVariable } from '../space/types.js';

export type Overrides = Readonly<Record<string, ParamValue>>;

/** One evaluation's outcome: its metrics, or the error that stopped it (never both). */
export interface EvalOutcome {
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: string;
  /**
   * The metric cells of its evaluations.csv row, preformatted (io/run/csv.ts metricCells) in the order of the
   * context's `csvMetrics`, when the run asked for them: formatting numbers is then done where the evaluation ran.
   */
  readonly csv?: string;
}

/** Evaluates configurations. Outcomes come back in input order, whatever the backend does inside. */
export interface EvaluationBackend {
  evaluate(items: readonly Overrides[]): Promise<EvalOutcome[]>;
  /** Evaluations it can run at once (worker threads, or 1 in-thread); recorded in the manifest as `workers`. */
  readonly parallelism: number;
  /** The per-evaluation time limit it enforces (ms), if any: a backend's business, recorded in the manifest. */
  readonly evalTimeout_ms?: number | undefined;
  /** For the manifest, when the backend reaches beyond this machine (never a secret). */
  describe?(): Readonly<Record<string, unknown>>;
  /**
   * Optional fast path of a grid search (src/search/run/gridRange.ts): evaluates grid points [from, to) of `plan`
   * where the evaluations run, scores them and writes their CSV lines there, so the caller only appends bytes and
   * reads objective vectors. Byte for byte the rows the engine would build from `evaluate`'s outcomes. `spare`: a
   * spent range's bytes given back (the caller keeps no view of them), which the range may be written into (memory
   * already touched: no page faults, and the bytes go back without a copy).
   */
  evaluateRange?(plan: RangePlan, from: number, to: number, spare?: Uint8Array): Promise<RangeResult>;
  close(): Promise<void>;
}

/** What every evaluator gets to set itself up: the default network, the base overrides and the metrics the run needs. */
export interface EvaluatorContext {
  /** The network of configurations that do not set the `network` override. */
  readonly network: string;
  readonly base: Overrides;
  /**
   * Metrics the run uses (objectives, constraints, study): an evaluator may skip computing the others, and with
   * `csvMetrics` outcomes carry only these in `metrics` (the CSV cells hold the rest).
   */
  readonly needed?: readonly string[];
  /** When given, backends return each outcome's metric cells as CSV text in this order (EvalOutcome.csv). */
  readonly csvMetrics?: readonly string[];
  readonly [extra: string]: unknown;
}

/** Builds the backend for a run, once the engine knows the evaluator context. */
export type BackendFactory = (context: EvaluatorContext) => EvaluationBackend;

/**
 * Evaluates one configuration (given as overrides) into a flat record of metrics. `close`, when present, finishes what
 * the evaluator deferred (the persistent cache's writes, docs/cache.md): a backend calls it once as it closes, after
 * the last evaluation and before the evaluator's thread ends, and waits for it unless told to close in the background.
 */
export type Evaluate = ((overrides: Overrides) => Record<string, number> | Promise<Record<string, number>>) & {
  readonly close?: () => Promise<EvaluatorClosed | void>;
};

/** What an evaluator's close (Evaluate.close) has to say: warnings its backend passes to whoever started it. */
export interface EvaluatorClosed {
  readonly warnings?: readonly CloseWarning[];
}

/**
 * Something an evaluator could not do, `count` times (plain data: it crosses from worker threads). Warnings with the
 * same `key` from several threads are one (mergeCloseWarnings): counts summed, the first `text` kept, its `{count}`
 * replaced by the sum.
 */
export interface CloseWarning {
  readonly key: string;
  readonly count: number;
  readonly text: string;
}

/** The lines of closes' warnings: one per key, in the order first seen, with the counts summed. */
export function mergeCloseWarnings(closes: readonly (EvaluatorClosed | void | undefined)[]): string[] {
  const merged = new Map<string, CloseWarning>();
  for (const warning of closes.flatMap((closed) => closed?.warnings ?? [])) {
    const seen = merged.get(warning.key);
    merged.set(warning.key, seen ? { ...seen, count: seen.count + warning.count } : warning);
  }
  return [...merged.values()].map((w) => w.text.replaceAll('{count}', String(w.count)));
}

/** Called with each line of the evaluators' close warnings (mergeCloseWarnings), once their backend has closed. */
export type OnCloseWarning = (line: string) => void;

/**
 * Where the backends of one run hand their evaluators' closes, so that a warning is said once for the run: a lazy run
 * opens two or three backends (cheap, measuring, and with an early stop one that never stops: src/search/lazy/open.ts),
 * each closing its own evaluators. A backend joins as it is made and calls what join returned once it has closed.
 */
export interface CloseWarningSink {
  join(): (closes: readonly (EvaluatorClosed | void | undefined)[]) => void;
}

/**
 * A CloseWarningSink that tells `say` each merged line (mergeCloseWarnings over every backend that joined: one per
 * key, counts summed) once the last backend that joined has closed. Until 2026-12-07 each backend said its own, so an
 * early-stop run whose cache writes failed printed two lines for one cause (`could not store 5 ...`, `... 3 ...`).
 */
export function closeWarningSink(say: OnCloseWarning): CloseWarningSink {
  let open = 0;
  let closes: (EvaluatorClosed | void | undefined)[] = [];
  return {
    join() {
      open += 1;
      let done = false;
      return (said) => {
        if (done) return;
        done = true;
        closes.push(...said);
        if (--open > 0) return;
        const lines = mergeCloseWarnings(closes);
        closes = [];
        for (const line of lines) say(line);
      };
    },
  };
}

/** A backend's close warnings: to the run's sink when it has one (joined as the backend is made), else said as lines. */
export function closeWarningsOut(options: { readonly closeWarnings?: CloseWarningSink; readonly onCloseWarning?: OnCloseWarning }): (closes: readonly (EvaluatorClosed | void | undefined)[]) => void {
  if (options.closeWarnings) return options.closeWarnings.join();
  return (closes) => {
    for (const line of mergeCloseWarnings(closes)) options.onCloseWarning?.(line);
  };
}

/**
 * An evaluator module (loaded once per worker thread, or once in-thread, by URL) exports
 * `createEvaluator(context)`; the returned function is reused for every configuration it is sent.
 */
export interface EvaluatorModule {
  createEvaluator(context: unknown): Evaluate | Promise<Evaluate>;
  /**
   * Optional fast path for runs that ask for CSV cells (outcomeFormatOf(context) has csvMetrics): evaluates one
   * configuration straight into its outcome in that format, byte for byte what the backends would build from
   * `createEvaluator`'s record. Undefined when it cannot for this context; then `createEvaluator` is used.
   */
  createOutcomeEvaluator?(context: unknown): EvaluateOutcome | undefined;
  /**
   * Optional routing hint: an opaque key per configuration, equal for configurations that share work the evaluator
   * caches per thread, so a backend sends them to the same worker (piscina.ts, affinity.ts). Called in the backend's
   * thread; speed only: outcomes must not depend on which worker evaluated them. Undefined when nothing is shared.
   */
  createAffinity?(context: unknown): AffinityKey | undefined;
}

/** A configuration's affinity key (EvaluatorModule.createAffinity); it may throw for a configuration it cannot key. */
export type AffinityKey = (overrides: Overrides) => string;

/** An evaluation's outcome in the run's format (outcomeFormatOf): the metrics it keeps and the CSV metric cells. */
export interface EvaluatedOutcome {
  readonly metrics: Record<string, number>;
  readonly csv: string;
}

/**
 * Evaluates one configuration into its formatted outcome (EvaluatorModule.createOutcomeEvaluator); `bytes`, when
 * present, is the same evaluation written where a grid range's writer reads it (OutcomeBytes).
 */
export type EvaluateOutcome = ((overrides: Overrides) => EvaluatedOutcome) & { readonly bytes?: OutcomeBytes };

/**
 * An EvaluateOutcome for a grid range's writer (src/search/backend/range.ts), which reads each outcome before the next
 * evaluation: no record and no string per evaluation. `write` evaluates `overrides`, sets the kept metrics in
 * `metrics` (one record refilled every call: the outcome's `metrics`, key for key) and writes the outcome's `csv`
 * text, which is ASCII, into out[at, end), returning end (at most `maxBytes` written); or returns -1 having written
 * nothing when this configuration's outcome is not for this path (the writer then calls the EvaluateOutcome). It
 * throws what the EvaluateOutcome throws.
 */
export interface OutcomeBytes {
  readonly metrics: Readonly<Record<string, number>>;
  readonly maxBytes: number;
  write(overrides: Overrides, out: Uint8Array, at: number): number;
}

/** The context's `csvMetrics` (any backend's context is `unknown` to it), or undefined. */
export function csvMetricsOf(context: unknown): readonly string[] | undefined {
  if (typeof context !== 'object' || context === null || !('csvMetrics' in context)) return undefined;
  const names = context.csvMetrics;
  return Array.isArray(names) && names.every((n): n is string => typeof n === 'string') ? names : undefined;
}

/**
 * The outcome format a context asks for: CSV cells in `csvMetrics` order, and then only the `needed` metrics kept
 * in `metrics` (see evaluate.ts OutcomeFormat); an outcome without CSV cells keeps every metric.
 */
export function outcomeFormatOf(context: unknown): { csvMetrics?: readonly string[]; keep?: readonly string[] } {
  const csvMetrics = csvMetricsOf(context);
  if (!csvMetrics) return {};
  const needed = typeof context === 'object' && context !== null && 'needed' in context ? context.needed : undefined;
  const keep = Array.isArray(needed) && needed.every((n): n is string => typeof n === 'string') ? needed : undefined;
  return keep ? { csvMetrics, keep } : { csvMetrics };
}

/** Path or file: URL of an evaluator module. */
export type EvaluatorRef = string | URL;

/** A module reference as a file: URL string (what workers import). */
export function evaluatorUrl(ref: EvaluatorRef): string {
  return ref instanceof URL ? ref.href : ref.startsWith('file:') ? ref : pathToFileURL(ref).href;
}

/**
 * What a grid range needs besides the evaluator (plain data, sent with every range task; `id` names its content, so a worker
 * builds its line writer once per plan): the grid's variables in odometer order (last fastest), the CSV metrics, the
 * objectives and constraints rows are scored on, and the batch size (a row's generation is index / batchSize).
 */
export interface RangePlan {
  readonly id: string;
  readonly variables: readonly SpaceVariable[];
  readonly metrics: readonly string[];
  readonly objectives: SearchSpace['objectives'];
  readonly constraints: SearchSpace['constraints'];
  readonly batchSize: number;
}

/** Row status in a RangeResult. */
export const RANGE_FEASIBLE = 0;
export const RANGE_INFEASIBLE = 1;
export const RANGE_FAILED = 2;

/** A grid range's rows as columns: their evaluations.csv lines as UTF-8 bytes, where each ends, objectives, status. */
export interface RangeResult {
  readonly from: number;
  readonly count: number;
  readonly bytes: Uint8Array;
  /** ends[j]: the byte offset just past row j's line (its \n). */
  readonly ends: Uint32Array;
  /** objectives[j * m + k]: row j's objective k, in its own sense (0 for a failed row, never compared). */
  readonly objectives: Float64Array;
  /** RANGE_FEASIBLE, RANGE_INFEASIBLE or RANGE_FAILED per row. */
  readonly status: Uint8Array;
  /** Time spent evaluating and writing (ms), for sizing later ranges. */
  readonly compute_ms: number;
}
