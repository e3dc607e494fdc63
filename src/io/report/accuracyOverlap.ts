/**
 * Whether a front's hardware accuracies are told apart by their measurement: each has a 95% interval over the test
 * images measured (Wilson's for one chip, not centred on the accuracy; accuracy.chips >= 2: Student t's over the
 * chips, or the pooled samples' Wilson interval), so fronts of designs whose intervals all overlap trade accuracy the
 * measurement cannot resolve (200 samples: about +-3 points), and the report says so.
 */
import { defaultConfig } from '../../hardware/config.js';
import { recordedInterval } from '../../sim/accuracyResult.js';
import { rowOverrides } from './breakdown.js';
import type { RunData } from './run.js';
import type { RunRow } from './rows.js';

/** How many test samples per chip, and how many chips, a row's accuracy was measured on. */
export interface AccuracyCount {
  readonly samples: number;
  readonly chips: number;
}

/**
 * Each front row's count, from its configuration as the report rebuilds it (the defaults, the space's base overrides,
 * the row's values; breakdown.ts). recordedInterval checks it against the row's accuracy_ci95, so a default changed
 * since the run gives no interval rather than a wrong one.
 */
export function accuracyCountOf(run: RunData): (row: RunRow) => AccuracyCount | undefined {
  const defaults = defaultConfig().accuracy;
  return (row) => {
    const overrides = rowOverrides(run, row);
    const samples = overrides['accuracy.samples'] ?? defaults.samples;
    const chips = overrides['accuracy.chips'] ?? defaults.chips;
    return typeof samples === 'number' && typeof chips === 'number' ? { samples, chips } : undefined;
  };
}

/**
 * The note, or undefined when the front has under two measured accuracies, any two whose intervals do not overlap,
 * or a measured accuracy whose interval cannot be rebuilt (its count unknown or not the one measured: nothing is guessed).
 */
export function accuracyOverlapText(front: readonly RunRow[], countOf: (row: RunRow) => AccuracyCount | undefined): string | undefined {
  const measured = front.filter((r) => Number.isFinite(r.metrics.accuracy) && Number.isFinite(r.metrics.accuracy_ci95));
  if (measured.length < 2) return undefined;
  const known: { row: RunRow; low: number; high: number }[] = [];
  for (const row of measured) {
    const count = countOf(row);
    const bounds = count && recordedInterval(row.metrics.accuracy, row.metrics.accuracy_ci95, count.samples, count.chips);
    if (!bounds) return undefined;
    known.push({ row, ...bounds });
  }
  // Intervals on a line overlap pairwise exactly when they share a point: the highest lower end is at most the lowest upper end.
  const sharedLow = Math.max(...known.map((i) => i.low));
  const sharedHigh = Math.min(...known.map((i) => i.high));
  if (sharedLow > sharedHigh) return undefined;
  const pct = (x: number) => (100 * x).toFixed(2);
  const each = known.map((i) => `row ${i.row.index} ${pct(i.row.metrics.accuracy)}% (${pct(i.low)}-${pct(i.high)}%)`).join(', ');
  return `The front's accuracies have 95% intervals that all overlap (${each}; all hold ${pct(sharedLow)}-${pct(sharedHigh)}%): `
    + 'the measurement does not tell these designs apart on accuracy; raise accuracy.samples (or accuracy.chips) to resolve them';
}
