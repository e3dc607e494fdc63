/**
 * Verdicts of a study's expectations over its rows. Each expectation is checked separately in every group
 * of rows that share the `per` columns (default: every searched parameter the expectation does not move
 * along), after collapsing rows at the same point with its `reduce` (default: mean).
 */
import { type ColumnOrder, distinct, fixedColumns, groupBy, numeric, reduceRows, sameValue, select, showKey, showValue, whereColumns, whereText } from './rows.js';
import type { StudyExpectation, StudyRow, StudyValue } from './types.js';

/** Relative difference within which two values tie for an argmin or argmax (rounding, not a physical margin). */
export const TIE_TOLERANCE = 1e-12;

export type VerdictStatus = 'pass' | 'fail' | 'no data';

export interface GroupCheck {
  /** The group's `per` values. */
  readonly key: Readonly<Record<string, StudyValue>>;
  readonly ok: boolean;
  /** What was measured, e.g. `4 → 3.2 → 3.1` or `ratio 7.98`. */
  readonly measured: string;
}

export interface Verdict {
  readonly expectation: StudyExpectation;
  /** The expectation in words. */
  readonly text: string;
  readonly status: VerdictStatus;
  readonly required: boolean;
  readonly checks: readonly GroupCheck[];
  /** One line: how many groups passed, and the measured values of the first failing one (or of all, if few). */
  readonly summary: string;
}

/**
 * Check every expectation; `parameters` are the searched parameter columns (for the default groups), `order` the
 * space's order of string columns (a trend or argmin along `network` follows the network list).
 */
export function checkExpectations(expectations: readonly StudyExpectation[], rows: readonly StudyRow[], parameters: readonly string[], order?: ColumnOrder, valueText?: ValueText): Verdict[] {
  return expectations.map((e) => checkExpectation(e, rows, parameters, order, valueText));
}

/**
 * How a measured value of a metric is written in a verdict: showValue's plain number by default; the report passes its
 * one number format with the metric's unit (`smallest 164.1 µJ at ...`, src/io/study).
 */
export type ValueText = (value: number, metric: string) => string;

export function checkExpectation(e: StudyExpectation, rows: readonly StudyRow[], parameters: readonly string[], order?: ColumnOrder, valueText: ValueText = showValue): Verdict {
  const selected = select(rows, e.where);
  const moved = e.kind === 'trend' ? [e.along] : e.kind === 'argmin' || e.kind === 'argmax' ? [e.over] : e.kind === 'ratio' ? [...whereColumns(e.of), ...whereColumns(e.to)] : [];
  // Columns the selection fixes to one value make no groups of their own.
  const fixed = fixedColumns(e.where);
  const per = e.per ?? (e.kind === 'within' ? [] : parameters.filter((p) => !moved.includes(p) && !fixed.includes(p)));
  const checks: GroupCheck[] = [];
  // Groups with rows but nothing to check (no finite values, or one point of a trend) are named in the summary: a
  // verdict over some of the groups must not read as one over all of them.
  const empty: Record<string, StudyValue>[] = [];
  for (const group of groupBy(selected, per)) {
    const check = checkGroup(e, group.rows, order, (v) => valueText(v, e.metric));
    if (check) checks.push({ key: group.key, ...check });
    else empty.push(group.key);
  }
  const status: VerdictStatus = checks.length === 0 ? 'no data' : checks.every((c) => c.ok) ? 'pass' : 'fail';
  const passed = checks.filter((c) => c.ok).length;
  const summary = checks.length === 0
    ? 'no rows with finite values'
    : `${holdCount(passed, checks.length, 'check')}; ${showChecks(checks)}${showEmpty(empty)}`;
  return { expectation: e, text: describeExpectation(e), status, required: e.required, checks, summary };
}

/** "3 of 4 checks hold", "1 of 1 check holds": the noun agrees with the total, the verb with the count. */
export function holdCount(passed: number, total: number, noun: string): string {
  return `${passed} of ${total} ${noun}${total === 1 ? '' : 's'} hold${passed === 1 ? 's' : ''}`;
}

/** `; nothing to check for network=b` (the first two groups, then how many more), or '' when every group was checked. */
function showEmpty(keys: readonly Record<string, StudyValue>[]): string {
  if (keys.length === 0) return '';
  const more = keys.length > 2 ? ` and ${keys.length - 2} more` : '';
  return `; nothing to check for ${keys.slice(0, 2).map(showKey).join('; ')}${more}`;
}

/** What a verdict's summary shows of its checks: all of them when few, else the first failing one (`key: measured`). */
export function showChecks(checks: readonly GroupCheck[]): string {
  const shown = checks.length <= 4 ? checks : [checks.find((c) => !c.ok) ?? checks[0]];
  return shown.map((c) => `${Object.keys(c.key).length ? `${showKey(c.key)}: ` : ''}${c.measured}`).join('; ');
}

function checkGroup(e: StudyExpectation, rows: readonly StudyRow[], order: ColumnOrder | undefined, show: (v: number) => string): { ok: boolean; measured: string } | undefined {
  switch (e.kind) {
    case 'trend': {
      const points = along(rows, e.along, e.metric, e, order);
      if (points.length < 2) return undefined;
      let ok = true;
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1].value, points[i].value];
        // A step of exactly the tolerance is within it for a non-strict trend, not for a strict one, whatever floating
        // point makes of a - tolerance (0.17 - 0.02 is 0.15000000000000002): the slack moves by 12 significant digits
        // of the values (as selections compare numbers), never from 0.
        const strict = e.trend === 'increasing' || e.trend === 'decreasing';
        const rounding = 1e-12 * Math.max(Math.abs(a), Math.abs(b));
        const t = e.tolerance === 0 ? 0 : strict ? e.tolerance - rounding : e.tolerance + rounding;
        const holds = e.trend === 'increasing' ? b > a - t : e.trend === 'decreasing' ? b < a + t : e.trend === 'nondecreasing' ? b >= a - t : b <= a + t;
        // A strict trend with no tolerance must move; with a tolerance, steps within it are allowed.
        if (!holds || (t === 0 && strict && a === b)) ok = false;
      }
      return { ok, measured: points.map((p) => show(p.value)).join(' → ') + ` (${e.along} ${points.map((p) => showValue(p.at)).join(', ')})` };
    }
    case 'within': {
      // With a reduce, the group's rows collapse to one (e.g. the best feasible); otherwise every row is checked.
      const reduced = e.reduce ? reduceRows(rows, e.reduce) : undefined;
      const values = (e.reduce ? (reduced ? [reduced] : []) : rows).map((r) => numeric(r, e.metric)).filter(Number.isFinite);
      if (values.length === 0) return undefined;
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      return { ok: lo >= e.min && hi <= e.max, measured: values.length === 1 ? show(lo) : `${show(lo)} to ${show(hi)} (${values.length} values)` };
    }
    case 'ratio': {
      const num = reduceRows(select(rows, e.of), e.reduce);
      const den = reduceRows(select(rows, e.to), e.reduce);
      const ratio = num && den ? numeric(num, e.metric) / numeric(den, e.metric) : NaN;
      if (!Number.isFinite(ratio)) return undefined;
      return { ok: ratio >= e.min && ratio <= e.max, measured: `ratio ${showValue(ratio)}` };
    }
    case 'argmin':
    case 'argmax': {
      const points = along(rows, e.over, e.metric, e, order);
      if (points.length === 0) return undefined;
      const best = points.reduce((b, p) => ((e.kind === 'argmin' ? p.value < b.value : p.value > b.value) ? p : b));
      // Every point within a relative TIE_TOLERANCE of the best ties with it: the answer is all of them, and it holds
      // only if every tied point is one of `at` ("smallest at 4" over a tie of 4-7 does not hold; "at 4-7" does).
      const tied = points.filter((p) => Math.abs(p.value - best.value) <= TIE_TOLERANCE * Math.max(Math.abs(p.value), Math.abs(best.value)));
      const where = tied.length > 1 ? `${tied.map((p) => showValue(p.at)).join(', ')} (a tie of ${tied.length})` : showValue(best.at);
      return { ok: tied.every((p) => e.at.some((v) => sameValue(p.at, v))), measured: `${e.kind === 'argmin' ? 'smallest' : 'largest'} ${show(best.value)} at ${e.over} = ${where}` };
    }
  }
}

/** The metric at each value of a column (rows at the same value reduced), finite values only, in column order. */
export function along(rows: readonly StudyRow[], column: string, metric: string, e: Pick<StudyExpectation, 'reduce'>, order?: ColumnOrder): { at: StudyValue; value: number }[] {
  const out: { at: StudyValue; value: number }[] = [];
  for (const at of distinct(rows, column, order)) {
    const row = reduceRows(rows.filter((r) => sameValue(r[column], at)), e.reduce);
    const value = row ? numeric(row, metric) : NaN;
    if (Number.isFinite(value)) out.push({ at, value });
  }
  return out;
}

export function describeExpectation(e: StudyExpectation): string {
  const where = e.where ? ` (where ${whereText(e.where)})` : '';
  switch (e.kind) {
    case 'trend': return `${e.metric} ${e.trend} along ${e.along}${e.tolerance ? ` (tolerance ${showValue(e.tolerance)})` : ''}${where}`;
    case 'within': return `${e.metric} within [${showValue(e.min)}, ${showValue(e.max)}]${where}`;
    case 'ratio': return `${e.metric} at ${whereText(e.of)} / at ${whereText(e.to)} within [${showValue(e.min)}, ${showValue(e.max)}]${where}`;
    default: return `${e.metric} ${e.kind === 'argmin' ? 'smallest' : 'largest'} at ${e.over} = ${e.at.map(showValue).join(' or ')}${where}`;
  }
}
