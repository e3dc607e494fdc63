/**
 * Front designs the model cannot tell apart: equal in every objective. A search's front keeps them all (none
 * dominates another), so the report names them and what differs between them (e.g. 5-7-bit cells under 8-bit weights
 * hold two 4-bit slices each: the same design as 4-bit cells; docs/simulator.md, Mapping).
 */
import type { RunRow } from './rows.js';

export interface TwinGroup {
  /** Evaluation indexes of the designs, ascending. */
  readonly indexes: readonly number[];
  /** The searched parameters whose values differ within the group, each with the values in index order. */
  readonly differing: readonly { readonly path: string; readonly values: readonly (string | number)[] }[];
}

/** Groups of two or more front rows with equal values in every objective, in order of their first index. */
export function twinGroups(front: readonly RunRow[], objectives: readonly string[]): TwinGroup[] {
  const byKey = new Map<string, RunRow[]>();
  for (const row of [...front].sort((a, b) => a.index - b.index)) {
    const key = objectives.map((o) => String(row.metrics[o])).join('\u0000');
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  return [...byKey.values()].filter((g) => g.length > 1).map((rows) => ({
    indexes: rows.map((r) => r.index),
    differing: Object.keys(rows[0].params)
      .filter((path) => rows.some((r) => r.params[path] !== rows[0].params[path]))
      .map((path) => ({ path, values: rows.map((r) => r.params[path]) })),
  }));
}

/** One sentence for the report (undefined without twins): how many designs, and each group's rows and differences. */
export function twinsText(groups: readonly TwinGroup[]): string | undefined {
  if (groups.length === 0) return undefined;
  const designs = groups.reduce((n, g) => n + g.indexes.length, 0);
  const described = groups.map((g) => `rows ${g.indexes.join(', ')}${g.differing.length
    ? ` (${g.differing.map((d) => `${d.path} ${d.values.join(' / ')}`).join('; ')})` : ''}`);
  return `${designs} front designs are equal in every objective to another (${described.join('; ')}): the model does not tell them apart, ` +
    'so any of each group is the same choice on these objectives (check what differs: a parameter the model does not resolve, such as cell bits beyond the weight slices, or a cost it does not price)';
}
