/** Selecting, grouping and reducing study rows: the few table operations figures, expectations and comparisons share. */
import { evalExpr, parseExpr } from './expr.js';
import type { Condition, Reduce, StudyRow, StudyValue, Where } from './types.js';

/** The column every study row carries: whether the evaluation met the space's constraints (1 or 0). */
export const FEASIBLE_COLUMN = 'feasible';

/** Adds the study's derived metrics to each row (in the order they are declared, so one may use an earlier one). */
export function withDerived(rows: readonly StudyRow[], derived: Readonly<Record<string, string>>): StudyRow[] {
  const exprs = Object.entries(derived).map(([name, text]) => [name, parseExpr(text)] as const);
  if (exprs.length === 0) return [...rows];
  return rows.map((row) => {
    const out: Record<string, StudyValue> = { ...row };
    for (const [name, expr] of exprs) out[name] = evalExpr(expr, (c) => (typeof out[c] === 'number' ? (out[c] as number) : NaN));
    return out;
  });
}

export function matches(row: StudyRow, where: Where | undefined): boolean {
  if (!where) return true;
  if (Array.isArray(where)) return (where as readonly Condition[]).some((c) => matches(row, c));
  return Object.entries(where as Condition).every(([key, want]) => (Array.isArray(want) ? want : [want]).some((w) => sameValue(row[key], w)));
}

export function select(rows: readonly StudyRow[], where: Where | undefined): StudyRow[] {
  return rows.filter((r) => matches(r, where));
}

/** Numbers equal to 12 significant digits (CSV round trips are exact; hand-written values like 1e5 too); strings exactly. */
export function sameValue(a: StudyValue | undefined, b: StudyValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  return a !== undefined && String(a) === String(b);
}

export function numeric(row: StudyRow, column: string): number {
  const v = row[column];
  return typeof v === 'number' ? v : NaN;
}

/** Rows grouped by the values of `columns`, groups in order of first appearance. */
export function groupBy(rows: readonly StudyRow[], columns: readonly string[]): { key: Record<string, StudyValue>; rows: StudyRow[] }[] {
  const groups = new Map<string, { key: Record<string, StudyValue>; rows: StudyRow[] }>();
  for (const row of rows) {
    const key: Record<string, StudyValue> = {};
    for (const c of columns) key[c] = row[c] ?? '';
    const id = JSON.stringify(columns.map((c) => key[c]));
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, rows: [] }));
    group.rows.push(row);
  }
  return [...groups.values()];
}

/**
 * The order of a column's values where the space says it: its variables' values as written, its network list. A
 * trend along `network` must follow the list, not the order a strategy happened to evaluate the networks in.
 */
export type ColumnOrder = ReadonlyMap<string, readonly StudyValue[]>;

/**
 * Distinct values of a column in a sensible order: numbers ascending; strings in the order `order` gives for the
 * column (values it does not list after, as first seen), else as first seen.
 */
export function distinct(rows: readonly StudyRow[], column: string, order?: ColumnOrder): StudyValue[] {
  const seen: StudyValue[] = [];
  for (const r of rows) {
    const v = r[column];
    if (v !== undefined && !seen.some((s) => sameValue(s, v))) seen.push(v);
  }
  if (seen.every((v) => typeof v === 'number')) return (seen as number[]).sort((a, b) => a - b);
  const written = order?.get(column);
  if (!written) return seen;
  const rank = (v: StudyValue): number => {
    const i = written.findIndex((w) => sameValue(v, w));
    return i < 0 ? written.length : i;
  };
  return seen.sort((a, b) => rank(a) - rank(b));
}

/**
 * One row standing for several: `best` picks the row with the smallest (min) or largest (max) finite `by`
 * (feasible rows only when asked; ties keep the first); `mean` (the default) averages every numeric column
 * over the rows where it is finite and keeps the first row's strings. Undefined when nothing qualifies.
 */
export function reduceRows(rows: readonly StudyRow[], reduce: Reduce | undefined): StudyRow | undefined {
  if (rows.length === 0) return undefined;
  if (reduce?.kind === 'best') {
    let best: StudyRow | undefined;
    for (const row of rows) {
      if (reduce.feasible && row[FEASIBLE_COLUMN] !== 1) continue;
      const v = numeric(row, reduce.by);
      if (!Number.isFinite(v)) continue;
      if (!best || (reduce.sense === 'min' ? v < numeric(best, reduce.by) : v > numeric(best, reduce.by))) best = row;
    }
    return best;
  }
  if (rows.length === 1) return rows[0];
  const out: Record<string, StudyValue> = {};
  for (const column of Object.keys(rows[0])) {
    const first = rows[0][column];
    if (typeof first !== 'number') {
      out[column] = first;
      continue;
    }
    const finite = rows.map((r) => numeric(r, column)).filter(Number.isFinite);
    out[column] = finite.length ? finite.reduce((s, v) => s + v, 0) / finite.length : NaN;
  }
  return out;
}

/** A value for a table or a message: numbers to 4 significant digits. */
export function showValue(v: StudyValue | undefined): string {
  if (v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '–';
  // Counts (crossbars, tiles, evaluations) are shown exactly: 59552, not 59550.
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** The columns of a selection (every condition's). */
export function whereColumns(where: Where | undefined): string[] {
  if (!where) return [];
  return [...new Set((Array.isArray(where) ? (where as readonly Condition[]) : [where as Condition]).flatMap((c) => Object.keys(c)))];
}

/** Columns a selection fixes to one value (in every one of its conditions, the same value). */
export function fixedColumns(where: Where | undefined): string[] {
  if (!where) return [];
  const conditions = Array.isArray(where) ? (where as readonly Condition[]) : [where as Condition];
  const single = (c: Condition, k: string): StudyValue | undefined => {
    const v = c[k];
    return v === undefined ? undefined : Array.isArray(v) ? (v.length === 1 ? (v as StudyValue[])[0] : undefined) : (v as StudyValue);
  };
  return whereColumns(where).filter((k) => {
    const values = conditions.map((c) => single(c, k));
    return values.every((v) => v !== undefined && v === values[0]);
  });
}

/** `a = 1, b = x|y`, conditions joined by `or`. */
export function whereText(where: Where): string {
  const one = (c: Condition) => Object.entries(c).map(([k, v]) => `${k} = ${Array.isArray(v) ? v.map(showValue).join('|') : showValue(v as StudyValue)}`).join(', ');
  return Array.isArray(where) ? (where as readonly Condition[]).map(one).join(' or ') : one(where as Condition);
}

/** `network=vgg16-cifar10, adc.bits=5`; empty for no key. */
export function showKey(key: Readonly<Record<string, StudyValue>>): string {
  return Object.entries(key).map(([k, v]) => `${k}=${showValue(v)}`).join(', ');
}
