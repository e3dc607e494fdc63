/** A study figure's data: one point per (x, series, facet) and y metric, rows at the same point reduced. */
import { type ColumnOrder, distinct, groupBy, numeric, reduceRows, select } from './rows.js';
import type { StudyFigure, StudyRow, StudyValue } from './types.js';

export interface FigurePoint {
  readonly x: StudyValue;
  readonly series?: StudyValue;
  readonly facet?: StudyValue;
  readonly metric: string;
  readonly value: number;
}

/**
 * Points in x order (then series, facet; strings in the space's `order` where given); points whose x or value is
 * not finite (for a numeric x) are left out.
 */
export function figureData(figure: StudyFigure, rows: readonly StudyRow[], columnOrder?: ColumnOrder): FigurePoint[] {
  const selected = select(rows, figure.where);
  const keys = [figure.x, ...(figure.series ? [figure.series] : []), ...(figure.facet ? [figure.facet] : [])];
  const order = (column: string): ((v: StudyValue) => number) => {
    const values = distinct(selected, column, columnOrder);
    return (v) => values.findIndex((u) => u === v);
  };
  const [ox, os, of] = [order(figure.x), figure.series ? order(figure.series) : () => 0, figure.facet ? order(figure.facet) : () => 0];
  const points: FigurePoint[] = [];
  for (const group of groupBy(selected, keys)) {
    const row = reduceRows(group.rows, figure.reduce);
    if (!row) continue;
    const x = row[figure.x];
    if (x === undefined || (typeof x === 'number' && !Number.isFinite(x))) continue;
    for (const metric of figure.y) {
      const value = numeric(row, metric);
      if (!Number.isFinite(value)) continue;
      points.push({
        x,
        ...(figure.series ? { series: row[figure.series] } : {}),
        ...(figure.facet ? { facet: row[figure.facet] } : {}),
        metric,
        value,
      });
    }
  }
  return points.sort((a, b) => ox(a.x) - ox(b.x) || os(a.series ?? 0) - os(b.series ?? 0) || of(a.facet ?? 0) - of(b.facet ?? 0));
}
