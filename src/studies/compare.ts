/**
 * A study's comparison table: for every combination of the `by` columns among the baseline rows, the
 * candidate's improvement over the baseline (a ratio) or its difference (e.g. accuracy cost), per metric,
 * with the range over all rows next to the paper's reported band.
 */
import { groupBy, matches, numeric, reduceRows, select } from './rows.js';
import type { CompareMetric, StudyCompare, StudyRow, StudyValue } from './types.js';

export interface CompareRow {
  readonly key: Readonly<Record<string, StudyValue>>;
  /** Per metric (in the spec's order): baseline value, candidate value and the ratio or difference. */
  readonly cells: readonly { readonly baseline: number; readonly candidate: number; readonly value: number }[];
}

export type BandRelation = 'inside' | 'overlaps' | 'below' | 'above' | 'no data';

export interface CompareSummary {
  readonly metric: CompareMetric;
  readonly min: number;
  readonly max: number;
  /** How our [min, max] sits against the paper's band (undefined without a band). */
  readonly relation?: BandRelation;
}

export interface CompareTable {
  readonly compare: StudyCompare;
  readonly rows: readonly CompareRow[];
  readonly summary: readonly CompareSummary[];
}

export function compareValue(m: CompareMetric, baseline: number, candidate: number): number {
  if (m.as === 'difference') return candidate - baseline;
  return m.sense === 'min' ? baseline / candidate : candidate / baseline;
}

export function bandRelation(min: number, max: number, band: readonly [number, number]): BandRelation {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return 'no data';
  if (min >= band[0] && max <= band[1]) return 'inside';
  if (max < band[0]) return 'below';
  if (min > band[1]) return 'above';
  return 'overlaps';
}

export function compareRows(compare: StudyCompare, rows: readonly StudyRow[]): CompareTable {
  const candidates = select(rows, compare.candidate);
  const out: CompareRow[] = [];
  for (const group of groupBy(select(rows, compare.baseline), compare.by)) {
    const baseline = reduceRows(group.rows, compare.reduce);
    const matchKey = Object.fromEntries(compare.match.map((c) => [c, group.key[c]]));
    const candidate = reduceRows(candidates.filter((r) => matches(r, matchKey)), compare.reduce);
    if (!baseline || !candidate) continue;
    out.push({
      key: group.key,
      cells: compare.metrics.map((m) => {
        const b = numeric(baseline, m.metric);
        const c = numeric(candidate, m.metric);
        return { baseline: b, candidate: c, value: compareValue(m, b, c) };
      }),
    });
  }
  const summary = compare.metrics.map((metric, i): CompareSummary => {
    const values = out.map((r) => r.cells[i].value).filter(Number.isFinite);
    const min = values.length ? Math.min(...values) : NaN;
    const max = values.length ? Math.max(...values) : NaN;
    return { metric, min, max, ...(metric.paper ? { relation: bandRelation(min, max, metric.paper) } : {}) };
  });
  return { compare, rows: out, summary };
}
