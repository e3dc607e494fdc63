/**
 * A grid range evaluated where the evaluator runs (a worker thread, or in-thread): the points of run indexes
 * [from, to) enumerated from the plan, evaluated, scored and written as their evaluations.csv lines with the very
 * functions the engine uses (run/rows.ts scoreRow, run/lines.ts lineBuilder), so the bytes are the same. What
 * goes back is one byte buffer and a few typed arrays per range: no object per evaluation crosses threads.
 */
import { pointOverrides } from '../../io/run/index.js';
import { lineBuilder, type LineParts } from '../run/lines.js';
import { scoreInto, type Score } from '../run/rows.js';
import type { ParamValue, Sense } from '../space/types.js';
import { evaluateItems, type OutcomeFormat } from './evaluate.js';
import { RANGE_FAILED, RANGE_FEASIBLE, RANGE_INFEASIBLE, type EvalOutcome, type Evaluate, type Overrides, type RangePlan, type RangeResult } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A plan made ready once: its line writer and senses. */
interface ReadyPlan {
  readonly plan: RangePlan;
  readonly lineOf: (row: LineParts) => string;
  readonly senses: readonly Sense[];
}

let ready: ReadyPlan | undefined;

function prepare(plan: RangePlan): ReadyPlan {
  if (ready?.plan.id !== plan.id) ready = { plan, lineOf: lineBuilder(plan.variables, plan.metrics), senses: plan.objectives.map((o) => o.sense) };
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
    const { points, items } = gridItems(plan, index, 1);
    // Scored and written too (then dropped): the row writer's code sees the grid's kinds of values before V8
    // compiles it, not only the first range's (where R_on is a small integer: a later fraction threw that code away).
    rangeResult(plan, index, points, await evaluateItems(evaluate, items, undefined, undefined, format), start);
    const paused = pause?.();
    if (paused) await paused;
  }
}

/**
 * Evaluates, scores and writes grid points [from, to) of `plan` (the evaluator may be missing: setupError for each).
 * `pause`, when given, runs between chunks and warm-up points (the in-thread backend lets the event loop run there).
 */
export async function evaluateRange(
  evaluate: Evaluate | undefined, format: OutcomeFormat, plan: RangePlan, from: number, to: number, setupError?: string,
  pause?: () => Promise<void> | undefined,
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
  const writer = new RangeWriter(known, from, Math.max(0, to - from));
  const outcomes = new Array<EvalOutcome>(CHUNK_ROWS);
  for (let at = from; at < to; at += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, to - at);
    const { points, items } = gridItems(known, at, n);
    await evaluateItems(evaluate, items, setupError, undefined, format, outcomes, 0, n);
    for (let j = 0; j < n; j++) writer.add(points[j], outcomes[j]);
    const paused = at + n < to ? pause?.() : undefined;
    if (paused) await paused;
  }
  return writer.result(start);
}

/** Rows from index `from` scored and written as a RangeResult (`start`: when the work began, performance.now()). */
export function rangeResult(plan: RangePlan, from: number, points: readonly (readonly ParamValue[])[], outcomes: readonly EvalOutcome[], start: number): RangeResult {
  const writer = new RangeWriter(plan, from, points.length);
  for (let j = 0; j < points.length; j++) writer.add(points[j], outcomes[j]);
  return writer.result(start);
}

/** Bytes reserved per row at first (an ELA-only row of the 40k grid is ~640 bytes); the buffer grows as needed. */
const ROW_BYTES = 1024;

/**
 * Rows whose lines are joined and encoded with one `Buffer.write`: a call per row flattened and encoded each ~640-byte
 * rope on its own (~3% of an in-thread search's profile), so each row paid the call's fixed cost.
 */
const WRITE_ROWS = 32;

/** A byte buffer no writer is using, kept for the next range: a fresh one per range was 4 MB of garbage each. */
let spare: Buffer | undefined;

/** A range's rows scored and written one by one, straight into its byte buffer and typed arrays. */
class RangeWriter {
  private readonly ready: ReadyPlan;
  private readonly ends: Uint32Array;
  private readonly objectives: Float64Array;
  private readonly status: Uint8Array;
  private buffer: Buffer;
  private bytes = 0;
  private rows = 0;
  /** Lines of rows [rows - pendingRows, rows) not yet encoded, joined; `ends` holds their UTF-16 ends in `pending`. */
  private pending = '';
  private pendingRows = 0;
  /** The row being written: its score and its line's parts (lineOf reads them at once; nothing keeps them). */
  private readonly score: Score = { violation: 0, error: undefined };
  private readonly parts: Mutable<LineParts> = { index: 0, generation: 0, point: [], outcome: {}, feasible: false, violation: 0, error: undefined };

  constructor(private readonly plan: RangePlan, private readonly from: number, private readonly count: number) {
    this.ready = prepare(plan);
    this.ends = new Uint32Array(count);
    this.objectives = new Float64Array(count * this.ready.senses.length);
    this.status = new Uint8Array(count);
    const wanted = Math.max(1, count) * ROW_BYTES;
    // In-thread, two ranges may be written at once (each yields between chunks): only one takes the spare.
    this.buffer = spare && spare.length >= wanted ? spare : Buffer.allocUnsafeSlow(wanted);
    if (this.buffer === spare) spare = undefined;
  }

  add(point: readonly ParamValue[], outcome: EvalOutcome): void {
    const { lineOf, senses } = this.ready;
    const j = this.rows++;
    const index = this.from + j;
    // Scored straight into the objectives' column, and written through one parts record: no object per row.
    const { score, parts } = this;
    scoreInto(outcome, this.plan, this.objectives, j * senses.length, score);
    const { violation, error } = score;
    const feasible = error === undefined && violation === 0;
    parts.index = index;
    parts.generation = Math.floor(index / this.plan.batchSize);
    parts.point = point;
    parts.outcome = outcome;
    parts.feasible = feasible;
    parts.violation = violation;
    parts.error = error;
    this.pending += lineOf(parts);
    this.ends[j] = this.pending.length;
    this.status[j] = error !== undefined ? RANGE_FAILED : feasible ? RANGE_FEASIBLE : RANGE_INFEASIBLE;
    if (++this.pendingRows === WRITE_ROWS) this.flush();
  }

  /** Encodes the pending lines and turns their `ends` into byte offsets. */
  private flush(): void {
    const text = this.pending;
    const first = this.rows - this.pendingRows;
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    this.reserve(3 * text.length);
    const start = this.bytes;
    const written = this.buffer.write(text, start, 'utf8');
    if (written === text.length) {
      // One byte per unit: every character is ASCII, so a row's byte end is its text end (the usual case).
      for (let j = first; j < this.rows; j++) this.ends[j] += start;
    } else {
      // Some row has non-ASCII text: encode row by row for its byte ends.
      let at = 0;
      let bytes = start;
      for (let j = first; j < this.rows; j++) {
        bytes += this.buffer.write(text.slice(at, this.ends[j]), bytes, 'utf8');
        at = this.ends[j];
        this.ends[j] = bytes;
      }
    }
    this.bytes = start + written;
    this.pending = '';
    this.pendingRows = 0;
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
    if (this.pendingRows > 0) this.flush();
    // A copy of exactly the bytes written (a view would carry the whole buffer across threads), into memory that is
    // not zero-filled first (new Uint8Array(n) was; every byte is overwritten) and is its own ArrayBuffer, so it moves.
    const bytes = Buffer.allocUnsafeSlow(this.bytes);
    this.buffer.copy(bytes, 0, 0, this.bytes);
    if (!spare || spare.length < this.buffer.length) spare = this.buffer;
    return { from: this.from, count: this.count, bytes, ends: this.ends, objectives: this.objectives, status: this.status, compute_ms: performance.now() - start };
  }
}
