/** The metric columns a run folder may hold: this version's, and those earlier versions wrote for the same run. */
import { columnMetrics } from './rows.js';

/**
 * This version's metric columns (columnMetrics) first, then every other set an earlier version could have written
 * for the same space: one that dropped only some of the on-demand groups (a group is added when its metrics become
 * computed on demand: the training cost, then the accuracy engine, then its proxy), down to every metric (no group
 * dropped). A resumed run continues in its file's own columns, and the evaluator fills what they show.
 */
export function columnSets(metrics: readonly string[], needed: readonly string[], onDemand: readonly (readonly string[])[] = []): string[][] {
  const sets: string[][] = [];
  const seen = new Set<string>();
  // Subsets of the groups, all of them first (this version's columns), none last (every metric).
  for (let mask = (1 << onDemand.length) - 1; mask >= 0; mask--) {
    const columns = columnMetrics(metrics, needed, onDemand.filter((_, i) => (mask & (1 << i)) !== 0));
    const key = columns.join(',');
    if (!seen.has(key)) sets.push(columns);
    seen.add(key);
  }
  return sets;
}
