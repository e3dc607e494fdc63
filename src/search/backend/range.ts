/**
 * A grid range evaluated where the evaluator runs (a worker thread, or in-thread): the points of run indexes
 * [from, to) enumerated from the plan, evaluated, scored (run/rows.ts scoreInto, as scoreRow) and written as their
 * evaluations.csv lines, byte for byte what run/lines.ts lineBuilder gives (test/search/backend/range.test.ts). What
 * goes back is one byte buffer and a few typed arrays per range: no object per evaluation crosses threads.
 */
import { csvField, formatNumber, metricCells, pointOverrides } from '../../io/run/index.js';
import { pointCell } from '../run/lines.js';
import { scoreInto, type Score } from '../run/rows.js';
import type { ParamValue, Sense } from '../space/types.js';
import { errorMessage, evaluateItems, type OutcomeFormat } from './evaluate.js';
import {
  RANGE_FAILED, RANGE_FEASIBLE, RANGE_INFEASIBLE, type EvalOutcome, type Evaluate, type EvaluateOutcome, type OutcomeBytes, type Overrides, type RangePlan,
  type RangeResult,
} from './types.js';

/** A plan made ready once: each variable's values as their line bytes (",text"), and its senses. */
interface ReadyPlan {
  readonly plan: RangePlan;
  readonly valueBytes: readonly Map<ParamValue, Uint8Array>[];
  /** The most bytes valueBytes gives a row (a value the plan does not list is written with its own reservation). */
  readonly maxValueBytes: number;
  readonly senses: readonly Sense[];
}

let ready: ReadyPlan | undefined;

function prepare(plan: RangePlan): ReadyPlan {
  if (ready?.plan.id !== plan.id) {
    // The texts lineBuilder writes for the listed values (src/search/run/lines.ts), as UTF-8.
    const valueBytes = plan.variables.map((v) => new Map(v.values.map((x) => [x, Buffer.from(`,${pointCell(x)}`, 'utf8')])));
    const maxValueBytes = valueBytes.reduce((n, m) => n + Math.max(0, ...[...m.values()].map((b) => b.length)), 0);
    ready = { plan, valueBytes, maxValueBytes, senses: plan.objectives.map((o) => o.sense) };
  }
  return ready;
}

/** The grid point of run index `index` as digits (one value index per variable, last variable fastest). */
export function gridDigits(plan: Pick<RangePlan, 'variables'>, index: number): number[] {
  const digits = new Array<number>(plan.variables.length);
  let rest = index;
  for (let i = plan.variables.length - 1; i >= 0; i--) {
    const n = plan.variables[i].values.length;
    digits[i] = rest % n;
    rest = Math.floor(rest / n);
  }
  return digits;
}

/** Grid points [from, from + count) of `plan` (odometer order) and the overrides each sets. */
export function gridItems(plan: Pick<RangePlan, 'variables'>, from: number, count: number): { points: ParamValue[][]; items: Overrides[] } {
  const { variables } = plan;
  const digits = gridDigits(plan, from);
  const points = new Array<ParamValue[]>(count);
  const items = new Array<Overrides>(count);
  for (let j = 0; j < count; j++) {
    // Filled by a loop, not digits.map: V8's optimised map() made arrays of another elements kind than the
    // interpreted one, so the code already optimised for the points (the row writer, pointOverrides) was thrown away
    // ("wrong map") once gridItems itself was optimised: 2 recompiles of each per worker in a cold run.
    const point = new Array<ParamValue>(digits.length);
    for (let i = 0; i < digits.length; i++) point[i] = variables[i].values[digits[i]];
    points[j] = point;
    items[j] = pointOverrides(variables, point);
    for (let i = digits.length - 1; i >= 0 && ++digits[i] === variables[i].values.length; i--) digits[i] = 0;
  }
  return { points, items };
}

/**
 * Rows evaluated per step of a range. A range's rows are evaluated, scored and written a chunk at a time so each
 * row's garbage (overrides, engine results, cell text, its line) dies young: holding a whole range's points,
 * outcomes and line rope (~10 MB for 2,048 rows) until its end made every scavenge copy them, ~40 us per row.
 */
const CHUNK_ROWS = 64;

/**
 * Grid points spread over the whole grid that a thread evaluates (and drops) before its first range of a plan.
 * Why: V8 optimises the engine's hot functions for the values seen so far, and a grid's first rows vary only its
 * last parameters, so fields that were small integers there become fractions later; each such change threw the
 * optimised code of the ELA's main function away and compiled it again (0.2-0.5 s of CPU per compile, 1-2 times
 * per worker on the 40k grid, with the rows in between run at 5-50x their optimised cost). Points from across the
 * grid show every kind of value before the first compile. Output is unaffected: outcomes depend only on the point.
 */
const WARM_POINTS = 16;
/** Grids smaller than this get no warm-up (its points would be a visible share of the run). */
const WARM_MIN_GRID = 4096;
/**
 * The warm-up stops once it has taken this long, so an expensive evaluator (which gains nothing from it) loses at
 * most one evaluation's or this much time per thread. The ELA's first points take 5-40 ms each (cold code, each
 * point a new crossbar mapping); its 16 take ~10 ms of CPU on a quiet machine.
 */
const WARM_MAX_MS = 250;

/**
 * The run index of warm-up point k: value (k + i) mod n_i of variable i (of n_i values), so every value of every
 * variable with up to WARM_POINTS values is seen, in varied combinations (evenly spaced indexes would share their
 * fast-changing values: on the 40k grid all 16 had the same R_on, timesteps, columns per ADC and on/off ratio).
 */
export function warmIndex(plan: Pick<RangePlan, 'variables'>, k: number): number {
  let index = 0;
  plan.variables.forEach((v, i) => (index = index * v.values.length + ((k + i) % v.values.length)));
  return index;
}

/** Plans (ids) this thread has warmed up for, or is warming up for. */
const warmed = new Set<string>();

/** Evaluates up to WARM_POINTS points from across `plan`'s grid (warmIndex), outcomes dropped (see WARM_POINTS). */
async function warmUp(evaluate: Evaluate, format: OutcomeFormat, plan: RangePlan, pause?: () => Promise<void> | undefined): Promise<void> {
  const size = plan.variables.reduce((n, v) => n * v.values.length, 1);
  if (size < WARM_MIN_GRID) return;
  const start = performance.now();
  for (let k = 0; k < WARM_POINTS && performance.now() - start < WARM_MAX_MS; k++) {
    const index = warmIndex(plan, k);
    // Scored and written too (then dropped), as a range's rows are: the row writer's code sees the grid's kinds of
    // values before V8 compiles it, not only the first range's (where R_on is a small integer: a later fraction threw
    // that code away).
    await writeRows(new RangeWriter(plan, index, 1), evaluate, format, plan, index, index + 1);
    const paused = pause?.();
    if (paused) await paused;
  }
}

/**
 * Evaluates, scores and writes grid points [from, to) of `plan` (the evaluator may be missing: setupError for each).
 * `pause`, when given, runs between chunks and warm-up points (the in-thread backend lets the event loop run there).
 * `spare`: a spent range's bytes to write into when they fit (EvaluationBackend.evaluateRange).
 */
export async function evaluateRange(
  evaluate: Evaluate | undefined, format: OutcomeFormat, plan: RangePlan, from: number, to: number, setupError?: string,
  pause?: () => Promise<void> | undefined, spare?: Uint8Array,
): Promise<RangeResult> {
  // This thread's first copy of the plan (same id, same contents), not the task's own: a worker gets a fresh copy with
  // every task, and per-plan caches keyed by the object (scoreRow's) missed every time; V8's code for the grid's
  // points, built on the first copy's arrays, was thrown away on the next copy's ("wrong map", 2 recompiles per worker).
  const known = prepare(plan).plan;
  if (evaluate && !warmed.has(known.id)) {
    // Kept apart from `ready` (one plan): two runs in one thread, alternating ranges, warm up once each.
    if (warmed.size >= 64) warmed.clear();
    warmed.add(known.id);
    await warmUp(evaluate, format, known, pause);
  }
  const start = performance.now();
  const writer = new RangeWriter(known, from, Math.max(0, to - from), spare);
  await writeRows(writer, evaluate, format, known, from, to, setupError, pause);
  return writer.result(start);
}

/** Grid points [from, to) of `plan` evaluated into `writer` a chunk at a time (evaluateRange). */
async function writeRows(
  writer: RangeWriter, evaluate: Evaluate | undefined, format: OutcomeFormat, plan: RangePlan, from: number, to: number, setupError?: string,
  pause?: () => Promise<void> | undefined,
): Promise<void> {
  const { csvMetrics, outcome } = format;
  const bytes = evaluate && plan.metrics.length > 0 ? outcome?.bytes : undefined;
  if (bytes && outcome && csvMetrics) {
    // Straight into the range's bytes: one point and one overrides object for every row (GridCursor), and the
    // evaluator's reused metrics record; nothing per row survives it.
    const cursor = new GridCursor(plan, from);
    for (let at = from; at < to; at += CHUNK_ROWS) {
      const end = Math.min(at + CHUNK_ROWS, to);
      for (let index = at; index < end; index++, cursor.next()) writer.addEvaluated(cursor.point, cursor.overrides, outcome, bytes, csvMetrics);
      const paused = end < to ? pause?.() : undefined;
      if (paused) await paused;
    }
    return;
  }
  const outcomes = new Array<EvalOutcome>(CHUNK_ROWS);
  for (let at = from; at < to; at += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, to - at);
    const { points, items } = gridItems(plan, at, n);
    await evaluateItems(evaluate, items, setupError, undefined, format, outcomes, 0, n);
    for (let j = 0; j < n; j++) writer.add(points[j], outcomes[j]);
    const paused = at + n < to ? pause?.() : undefined;
    if (paused) await paused;
  }
}

/**
 * Grid points in odometer order from one run index, as one point array and one overrides object rewritten in place
 * (gridItems' values, without two objects per row): what they hold is the current point until next().
 */
class GridCursor {
  readonly point: ParamValue[];
  readonly overrides: Record<string, ParamValue>;
  private readonly digits: number[];

  constructor(private readonly plan: Pick<RangePlan, 'variables'>, index: number) {
    const { variables } = plan;
    this.digits = gridDigits(plan, index);
    this.point = new Array<ParamValue>(variables.length);
    for (let i = 0; i < variables.length; i++) this.point[i] = variables[i].values[this.digits[i]];
    this.overrides = pointOverrides(variables, this.point);
  }

  /** Moves to the next run index. */
  next(): void {
    const { variables } = this.plan;
    const { digits, point, overrides } = this;
    for (let i = digits.length - 1; i >= 0; i--) {
      const values = variables[i].values;
      const wrapped = ++digits[i] === values.length;
      if (wrapped) digits[i] = 0;
      point[i] = values[digits[i]];
      if (!wrapped) break;
    }
    // Every target again, in variable order: a later variable naming the same target wins, as in pointOverrides.
    for (let i = 0; i < variables.length; i++) for (const target of variables[i].targets) overrides[target] = point[i];
  }
}

/** Rows from index `from` scored and written as a RangeResult (`start`: when the work began, performance.now()). */
export function rangeResult(plan: RangePlan, from: number, points: readonly (readonly ParamValue[])[], outcomes: readonly EvalOutcome[], start: number): RangeResult {
  const writer = new RangeWriter(plan, from, points.length);
  for (let j = 0; j < points.length; j++) writer.add(points[j], outcomes[j]);
  return writer.result(start);
}

/**
 * Bytes reserved per row at first (an ELA-only row of the 40k grid is ~640 bytes); the buffer grows as needed. A
 * spare smaller than this per row is not used: its range was smaller, and growing it would copy what was written.
 */
const ROW_BYTES = 1024;

/** The most bytes a row's index and generation take: two integers below 2^53 (16 digits each) and the comma. */
const ROW_HEAD_BYTES = 33;

/** The most bytes a row's fixed tail takes besides its error text: ",false," and the violation's number text (<= 25). */
const ROW_TAIL_BYTES = 40;

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const TRUE = Buffer.from(',true,', 'latin1');
const FALSE = Buffer.from(',false,', 'latin1');

/**
 * A range's rows scored and written one by one, straight into its byte buffer and typed arrays: each line byte for
 * byte what lineBuilder (src/search/run/lines.ts) gives for it, as UTF-8, with no string per row.
 */
class RangeWriter {
  private readonly ready: ReadyPlan;
  private readonly ends: Uint32Array;
  private readonly objectives: Float64Array;
  private readonly status: Uint8Array;
  private buffer: Buffer;
  private bytes = 0;
  private rows = 0;
  /** The row being scored: its score, and the outcome read from an OutcomeBytes (its reused metrics record). */
  private readonly score: Score = { violation: 0, error: undefined, feasible: false };

  /** `spare`: memory to write the bytes into when it fits (a spent range's, given back by the caller). */
  constructor(private readonly plan: RangePlan, private readonly from: number, private readonly count: number, spare?: Uint8Array) {
    this.ready = prepare(plan);
    this.ends = new Uint32Array(count);
    this.objectives = new Float64Array(count * this.ready.senses.length);
    this.status = new Uint8Array(count);
    const wanted = Math.max(1, count) * ROW_BYTES;
    // The spare's whole ArrayBuffer (it is the range's own: the result moves it), or fresh memory not zero-filled.
    const given = spare && spare.buffer instanceof ArrayBuffer && spare.buffer.byteLength >= wanted ? spare.buffer : undefined;
    this.buffer = given ? Buffer.from(given) : Buffer.allocUnsafeSlow(wanted);
  }

  /** The next row: `point` and its outcome. */
  add(point: readonly ParamValue[], outcome: EvalOutcome): void {
    this.head(point);
    if (this.plan.metrics.length > 0) {
      this.byte(COMMA);
      this.text(outcome.csv ?? metricCells(outcome.metrics, this.plan.metrics));
    }
    this.tail(outcome);
  }

  /**
   * The next row: `point` (whose overrides are `overrides`) evaluated by `bytes` straight into this buffer, or by
   * `outcome` when `bytes` declines it; a throw is the row's error, as evaluateItems records it.
   */
  addEvaluated(point: readonly ParamValue[], overrides: Overrides, outcome: EvaluateOutcome, bytes: OutcomeBytes, csvMetrics: readonly string[]): void {
    this.head(point);
    this.byte(COMMA);
    let other: EvalOutcome;
    try {
      this.reserve(bytes.maxBytes);
      const end = bytes.write(overrides, this.buffer, this.bytes);
      if (end >= 0) {
        this.bytes = end;
        this.tail(bytes);
        return;
      }
      other = outcome(overrides);
    } catch (error) {
      other = { error: errorMessage(error), csv: metricCells(undefined, csvMetrics) };
    }
    this.text(other.csv ?? metricCells(other.metrics, this.plan.metrics));
    this.tail(other);
  }

  /** The row's index, generation and point. */
  private head(point: readonly ParamValue[]): void {
    const { valueBytes, maxValueBytes } = this.ready;
    const index = this.from + this.rows;
    this.reserve(ROW_HEAD_BYTES + maxValueBytes);
    this.integer(index);
    this.buffer[this.bytes++] = COMMA;
    this.integer(Math.floor(index / this.plan.batchSize));
    for (let i = 0; i < valueBytes.length; i++) {
      const value = point[i];
      const bytes = valueBytes[i].get(value);
      if (bytes) this.copy(bytes);
      else this.text(`,${pointCell(value)}`);
    }
  }

  /** The row's score (of `outcome`) and the rest of its line: feasible, violation, error; then the row is done. */
  private tail(outcome: EvalOutcome): void {
    const { senses } = this.ready;
    const j = this.rows++;
    // Scored straight into the objectives' column: no object per row.
    const { score } = this;
    scoreInto(outcome, this.plan, this.objectives, j * senses.length, score);
    const { violation, error, feasible } = score;
    this.reserve(ROW_TAIL_BYTES);
    this.copy(feasible ? TRUE : FALSE);
    if (error === undefined) {
      if (violation === 0) this.buffer[this.bytes++] = 0x30;
      else this.text(formatNumber(violation));
    }
    this.byte(COMMA);
    if (error !== undefined) this.text(csvField(error));
    this.byte(NEWLINE);
    this.ends[j] = this.bytes;
    this.status[j] = error !== undefined ? RANGE_FAILED : feasible ? RANGE_FEASIBLE : RANGE_INFEASIBLE;
  }

  /** One byte (after a text, whose reservation it may have used up). */
  private byte(b: number): void {
    this.reserve(1);
    this.buffer[this.bytes++] = b;
  }

  /** A non-negative integer's decimal digits (String(n) for a safe integer), with room reserved by the caller. */
  private integer(n: number): void {
    const { buffer } = this;
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let at = this.bytes + digits;
    this.bytes = at;
    let rest = n;
    do {
      buffer[--at] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** Bytes copied in, with room reserved by the caller (short pieces: a loop costs less than a native call). */
  private copy(bytes: Uint8Array): void {
    const { buffer } = this;
    let at = this.bytes;
    for (let k = 0; k < bytes.length; k++) buffer[at++] = bytes[k];
    this.bytes = at;
  }

  /** A text as UTF-8 (at most 3 bytes per UTF-16 unit: a surrogate pair is 4 bytes for 2). */
  private text(text: string): void {
    this.reserve(3 * text.length);
    this.bytes += this.buffer.write(text, this.bytes, 'utf8');
  }

  /** Grows the buffer so `extra` more bytes fit. */
  private reserve(extra: number): void {
    if (this.buffer.length - this.bytes >= extra) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, this.bytes + extra));
    this.buffer.copy(grown, 0, 0, this.bytes);
    this.buffer = grown;
  }

  /** The rows added so far (all `count` of them) as a RangeResult. */
  result(start: number): RangeResult {
    if (this.rows !== this.count) throw new Error(`internal: range of ${this.count} rows written with ${this.rows}`);
    // A view of the bytes written: the whole buffer (its own ArrayBuffer) moves across threads with it, and the caller
    // gives it back as the spare of a later range. Before, the bytes were copied into an exact-size buffer per range
    // (~26 MB of copies and of fresh memory's page faults per 40k run) and the writing buffer kept in the thread.
    const bytes = this.buffer.subarray(0, this.bytes);
    return { from: this.from, count: this.count, bytes, ends: this.ends, objectives: this.objectives, status: this.status, compute_ms: performance.now() - start };
  }
}
