/**
 * A grid range evaluated where the evaluator runs (a worker thread, or in-thread): the points of run indexes
 * [from, to) enumerated from the plan, evaluated, scored and written as their evaluations.csv lines with the very
 * functions the engine uses (run/rows.ts scoreRow, run/lines.ts lineBuilder), so the bytes are the same. What
 * goes back is one byte buffer and a few typed arrays per range: no object per evaluation crosses threads.
 */
import { pointOverrides } from '../../io/run/index.js';
import { lineBuilder, type LineParts } from '../run/lines.js';
import { scoreRow } from '../run/rows.js';
import type { ParamValue, Sense } from '../space/types.js';
import { evaluateItems, type OutcomeFormat } from './evaluate.js';
import { RANGE_FAILED, RANGE_FEASIBLE, RANGE_INFEASIBLE, type EvalOutcome, type Evaluate, type Overrides, type RangePlan, type RangeResult } from './types.js';

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
    const point = digits.map((d, i) => variables[i].values[d]);
    points[j] = point;
    items[j] = pointOverrides(variables, point);
    for (let i = digits.length - 1; i >= 0 && ++digits[i] === variables[i].values.length; i--) digits[i] = 0;
  }
  return { points, items };
}

/** Evaluates, scores and writes grid points [from, to) of `plan` (the evaluator may be missing: setupError for each). */
export async function evaluateRange(
  evaluate: Evaluate | undefined, format: OutcomeFormat, plan: RangePlan, from: number, to: number, setupError?: string,
): Promise<RangeResult> {
  const start = performance.now();
  const { points, items } = gridItems(plan, from, Math.max(0, to - from));
  const outcomes = await evaluateItems(evaluate, items, setupError, undefined, format);
  return rangeResult(plan, from, points, outcomes, start);
}

/** Rows from index `from` scored and written as a RangeResult (`start`: when the work began, performance.now()). */
export function rangeResult(plan: RangePlan, from: number, points: readonly (readonly ParamValue[])[], outcomes: readonly EvalOutcome[], start: number): RangeResult {
  const { lineOf, senses } = prepare(plan);
  const { batchSize } = plan;
  const count = points.length;
  const m = senses.length;
  const ends = new Uint32Array(count);
  const objectives = new Float64Array(count * m);
  const status = new Uint8Array(count);
  let text = '';
  let bytes = 0;
  for (let j = 0; j < count; j++) {
    const index = from + j;
    const row = scoreRow({ point: points[j], key: '', outcome: outcomes[j] }, plan, senses);
    const line = lineOf({ index, generation: Math.floor(index / batchSize), point: row.point, outcome: row.outcome, feasible: row.feasible, violation: row.violation, error: row.error });
    text += line;
    bytes += Buffer.byteLength(line, 'utf8');
    ends[j] = bytes;
    status[j] = row.error !== undefined ? RANGE_FAILED : row.feasible ? RANGE_FEASIBLE : RANGE_INFEASIBLE;
    for (let k = 0; k < m; k++) objectives[j * m + k] = row.objectives[k];
  }
  const encoded = new Uint8Array(bytes);
  new TextEncoder().encodeInto(text, encoded);
  return { from, count, bytes: encoded, ends, objectives, status, compute_ms: performance.now() - start };
}
