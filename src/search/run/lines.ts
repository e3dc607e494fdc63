/**
 * Per-run templates for the two things built once per evaluation from a point: its canonical key and its CSV
 * line. Both are worked out once per space (sorted override keys, every value's text), so an evaluation costs
 * a few string concatenations instead of building, sorting and serialising an overrides object or a row of cells.
 * Each gives byte for byte what the general functions give (canonicalKey, csvLine of rowCells).
 */
import { csvField, formatCell, formatNumber, metricCells } from '../../io/run/index.js';
import type { EvalOutcome } from '../backend/types.js';
import type { ParamValue, SpaceVariable } from '../space/types.js';

/** Each value's text, by variable, for values the space lists; anything else is formatted on the spot. */
function valueTexts(variables: readonly SpaceVariable[], text: (v: ParamValue) => string): Map<ParamValue, string>[] {
  return variables.map((v) => new Map(v.values.map((x) => [x, text(x)])));
}

/**
 * canonicalKey(pointOverrides(variables, point)) without the overrides object: the override keys a point sets are
 * the same for every point (each target takes the value of the last variable naming it), so their sorted order
 * and each value's JSON are known up front.
 */
export function keyBuilder(variables: readonly SpaceVariable[]): (point: readonly ParamValue[]) => string {
  const supplier = new Map<string, number>();
  variables.forEach((v, i) => {
    for (const target of v.targets) supplier.set(target, i);
  });
  const keys = [...supplier.keys()].sort();
  const from = keys.map((k) => supplier.get(k) ?? 0);
  const heads = keys.map((k, j) => `${j === 0 ? '' : ','}[${JSON.stringify(k)},`);
  const json = valueTexts(variables, (x) => JSON.stringify(x));
  return (point) => {
    let key = '[';
    for (let j = 0; j < keys.length; j++) {
      const i = from[j];
      const value = point[i];
      key += `${heads[j]}${json[i].get(value) ?? JSON.stringify(value)}]`;
    }
    return `${key}]`;
  };
}

/** A point's value as its evaluations.csv cell (a grid range's writer pre-encodes the same text: backend/range.ts). */
export function pointCell(value: ParamValue): string {
  return csvField(formatCell(value));
}

/** What a row's line needs besides its point: csvLine(rowCells(row, metrics)) from its parts. */
export interface LineParts {
  readonly index: number;
  readonly generation: number;
  readonly point: readonly ParamValue[];
  readonly outcome: EvalOutcome;
  readonly feasible: boolean;
  readonly violation: number;
  readonly error: string | undefined;
}

/** The evaluations.csv line of a row; the outcome's preformatted metric cells (EvalOutcome.csv) are used when present. */
export function lineBuilder(variables: readonly SpaceVariable[], metrics: readonly string[]): (row: LineParts) => string {
  const texts = valueTexts(variables, pointCell);
  const count = variables.length;
  return (row) => {
    let line = `${row.index},${row.generation}`;
    for (let i = 0; i < count; i++) {
      const value = row.point[i];
      line += `,${texts[i].get(value) ?? pointCell(value)}`;
    }
    const cells = row.outcome.csv ?? metricCells(row.outcome.metrics, metrics);
    if (metrics.length > 0) line += `,${cells}`;
    const violation = row.error !== undefined ? '' : formatNumber(row.violation);
    const error = row.error === undefined ? '' : csvField(row.error);
    return `${line},${row.feasible ? 'true' : 'false'},${violation},${error}\n`;
  };
}
