/**
 * What the report says beside the hypervolume plot: why there is none (no feasible point, every evaluation failed,
 * or a run that recorded none), and which front points add nothing to it because they do not beat the run's fixed
 * reference point (docs/search.md, Hypervolume) in every objective.
 */
import { distinctChips, type RunCounts } from './cloud.js';
import type { Objective } from './run.js';
import type { RunRow } from './rows.js';
import { withUnit } from './numberFormat.js';

/** The empty hypervolume figure's text: the real reason (it said "no hypervolume history" for an all-infeasible run). */
export function emptyHypervolumeText(counts: RunCounts): string {
  if (counts.total === 0) return 'No hypervolume yet: the run has no evaluation.';
  if (counts.failed === distinctChips(counts)) return 'No hypervolume: every evaluation failed, so there is no feasible point to measure.';
  if (counts.feasible === 0) return 'No hypervolume: no evaluation was feasible (the hypervolume measures the feasible non-dominated set).';
  return 'This run recorded no hypervolume history.';
}

/**
 * `Front rows 47 (energy_pJ 361.2 µJ ≥ 354.2 µJ) ...: not beyond the reference point in every objective, so they add
 * nothing to the hypervolume`, or undefined when every front row beats the reference (or there is none).
 */
export function beyondReferenceText(
  front: readonly RunRow[], objectives: readonly Objective[], reference: readonly number[] | undefined, unitOf: (metric: string) => string,
): string | undefined {
  if (!reference || reference.length !== objectives.length) return undefined;
  const outside = [...front].sort((a, b) => a.index - b.index).flatMap((row) => {
    const worse = objectives.flatMap((o, k) => {
      const v = row.metrics[o.metric];
      const beats = o.sense === 'min' ? v < reference[k] : v > reference[k];
      return beats ? [] : [`${o.metric} ${withUnit(v, unitOf(o.metric))} ${o.sense === 'min' ? '≥' : '≤'} ${withUnit(reference[k], unitOf(o.metric))}`];
    });
    return worse.length ? [`${row.index} (${worse.join(', ')})`] : [];
  });
  if (outside.length === 0) return undefined;
  return `Front ${outside.length === 1 ? 'row' : 'rows'} ${outside.join('; ')} ${outside.length === 1 ? 'does' : 'do'} not beat the reference point `
    + `in every objective, so ${outside.length === 1 ? 'it adds' : 'they add'} nothing to the hypervolume (the reference is fixed from the run's first feasible batch)`;
}
