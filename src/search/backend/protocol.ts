/** What passes between the piscina backend and its worker threads (structured-clonable plain data). */
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import type { EvalOutcome, EvaluatorClosed, Overrides, RangePlan, RangeResult } from './types.js';
import type { ParamValue } from '../space/types.js';

/**
 * What every worker of a backend evaluates with, given once as the workers' `workerData` (piscina) rather than
 * with every task: the context (with its list of CSV metrics) would otherwise be copied to a worker per task.
 */
export interface PoolSetup {
  /** file: URL of the evaluator module. */
  readonly evaluator: string;
  readonly context: unknown;
}

/**
 * A task's configurations by column: the override names once, then each configuration's values in that order
 * (a search's items all set the same names). Copying one object per configuration to a worker, its key strings
 * included, was a measurable share of the main thread's time in a cheap (ELA-only) search.
 */
export interface PackedItems {
  readonly names: readonly string[];
  /** values[i * names.length + k]: configuration i's value of names[k]. */
  readonly values: readonly ParamValue[];
}

export interface PoolTask {
  readonly items: readonly Overrides[] | PackedItems;
  /** Int32Array[1]: 1-based index of the item being evaluated (0 = not started), for per-item time limits. */
  readonly progress: SharedArrayBuffer;
}

/** A grid range task (EvaluationBackend.evaluateRange): the worker enumerates, evaluates and writes the points itself. */
export interface RangeTask {
  readonly range: { readonly plan: RangePlan; readonly from: number; readonly to: number };
  /** A spent range's bytes moved back to the worker to write this range into (EvaluationBackend.evaluateRange). */
  readonly spare?: Uint8Array;
}

/** The last task a worker gets, as its backend closes: finish what its evaluator deferred (Evaluate.close). */
export interface CloseTask {
  readonly close: true;
}

/** What a worker answers a CloseTask: whether it had an evaluator to close (one that evaluated anything), and what its close said. */
export interface CloseResult {
  readonly closed: boolean;
  readonly said?: EvaluatorClosed;
}

export type AnyPoolTask = PoolTask | RangeTask | CloseTask;
export type AnyPoolTaskResult = PoolTaskResult | RangeResult | CloseResult;

/**
 * A task's outcomes as columns: one string of CSV cells per outcome, the kept metrics as one number per metric per
 * outcome, and the errors (or null) when any; `plain` when they do not fit that shape (then sent as they are).
 */
export interface PackedOutcomes {
  readonly csv: readonly string[];
  readonly metricNames: readonly string[];
  /** metrics[i * metricNames.length + k] (every packed outcome without an error has every name, each a number). */
  readonly metrics: Float64Array;
  readonly errors: readonly (string | null)[] | null;
}

/** What a worker returns for a task. */
export interface PoolTaskResult {
  readonly outcomes: EvalOutcome[] | PackedOutcomes;
  /** Time spent evaluating (ms), for sizing later batches. */
  readonly compute_ms: number;
}

/** Items as columns when they all set the same names in the same order, else as they are. */
export function packItems(items: readonly Overrides[]): readonly Overrides[] | PackedItems {
  if (items.length < 2) return items;
  const names = Object.keys(items[0]);
  const n = names.length;
  const values: ParamValue[] = new Array<ParamValue>(items.length * n);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    let k = 0;
    for (const name in item) {
      if (k >= n || name !== names[k]) return items;
      values[i * n + k++] = item[name];
    }
    if (k !== n) return items;
  }
  return { names, values };
}

export function unpackItems(items: readonly Overrides[] | PackedItems): readonly Overrides[] {
  if (Array.isArray(items)) return items;
  const { names, values } = items as PackedItems;
  const n = names.length;
  const out: Overrides[] = new Array<Overrides>(n === 0 ? 0 : values.length / n);
  for (let i = 0; i < out.length; i++) {
    const item: Record<string, ParamValue> = {};
    for (let k = 0; k < n; k++) item[names[k]] = values[i * n + k];
    out[i] = item;
  }
  return out;
}

/**
 * Outcomes as columns when each has CSV cells and either an error or metrics with the first one's names (in
 * order); else as they are. Unpacked, every outcome is as it was (same fields, same metric order).
 */
export function packOutcomes(outcomes: readonly EvalOutcome[]): EvalOutcome[] | PackedOutcomes {
  const first = outcomes.find((o) => o.metrics !== undefined);
  const metricNames = first?.metrics ? Object.keys(first.metrics) : [];
  const m = metricNames.length;
  const csv = new Array<string>(outcomes.length);
  const metrics = new Float64Array(outcomes.length * m);
  let errors: (string | null)[] | null = null;
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i];
    if (o.csv === undefined || (o.error === undefined) === (o.metrics === undefined)) return [...outcomes];
    csv[i] = o.csv;
    if (o.error !== undefined) {
      errors ??= new Array<string | null>(outcomes.length).fill(null);
      errors[i] = o.error;
      continue;
    }
    let k = 0;
    for (const name in o.metrics) {
      const value: unknown = o.metrics[name];
      if (k >= m || name !== metricNames[k] || typeof value !== 'number') return [...outcomes];
      metrics[i * m + k++] = value;
    }
    if (k !== m) return [...outcomes];
  }
  return { csv, metricNames, metrics, errors };
}

export function unpackOutcomes(packed: EvalOutcome[] | PackedOutcomes): EvalOutcome[] {
  if (Array.isArray(packed)) return packed;
  const { csv, metricNames, metrics, errors } = packed as PackedOutcomes;
  const m = metricNames.length;
  return csv.map((cells, i) => {
    const error = errors?.[i];
    if (error !== null && error !== undefined) return { error, csv: cells };
    const record: Record<string, number> = {};
    for (let k = 0; k < m; k++) record[metricNames[k]] = metrics[i * m + k];
    return { metrics: record, csv: cells };
  });
}

/**
 * A range's result as a worker returns it to piscina: its four buffers moved to the main thread, not copied. Each must
 * be the range's own (range.ts makes them per range, or writes the bytes into the spare the task brought; the worker
 * does not read them afterwards). Why: posting a copy
 * serialised the range's CSV bytes (~1 MB) in the worker and copied them again on the main thread (a /tmp script:
 * 40 posts of 1.3 MB took 130 ms of process CPU copied, 42 ms moved, warm; 626 / 174 ms cold).
 */
export function movedRange(result: RangeResult): RangeResult {
  const buffers = [result.bytes.buffer, result.ends.buffer, result.objectives.buffer, result.status.buffer];
  return Piscina.move({ [transferableSymbol]: buffers, [valueSymbol]: result }) as unknown as RangeResult;
}
