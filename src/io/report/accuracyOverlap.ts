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

/** A constraint's bound on `accuracy` (`accuracy >= 0.8`: side min). */
interface AccuracyBound {
  readonly side: 'min' | 'max';
  readonly bound: number;
}

function accuracyBounds(constraints: readonly unknown[]): AccuracyBound[] {
  return constraints.flatMap((c): AccuracyBound[] => {
    if (!c || typeof c !== 'object' || (c as { metric?: unknown }).metric !== 'accuracy') return [];
    const { min, max } = c as { min?: unknown; max?: unknown };
    return [
      ...(typeof min === 'number' ? [{ side: 'min' as const, bound: min }] : []),
      ...(typeof max === 'number' ? [{ side: 'max' as const, bound: max }] : []),
    ];
  });
}

/** Front rows whose 95% accuracy interval crosses an accuracy constraint's bound, and the sentence the report gives them. */
export interface AccuracyBoundFlag {
  readonly rows: readonly number[];
  readonly text: string;
}

/**
 * Front rows (feasible by their measured accuracy) whose 95% interval reaches past an accuracy constraint's bound
 * (`accuracy >= 0.8` and an interval 70.93-92.94%): the measurement cannot say whether the design meets the
 * constraint, so the report flags them rather than offer them as feasible without a word. Undefined when no row's
 * interval crosses a bound; a row whose interval cannot be rebuilt (count unknown) is not judged (nothing guessed).
 */
export function accuracyBoundFlag(
  front: readonly RunRow[], constraints: readonly unknown[], countOf: (row: RunRow) => AccuracyCount | undefined,
): AccuracyBoundFlag | undefined {
  const bounds = accuracyBounds(constraints);
  if (bounds.length === 0) return undefined;
  const pct = (x: number) => (100 * x).toFixed(2);
  const flagged: { index: number; text: string }[] = [];
  for (const row of [...front].sort((a, b) => a.index - b.index)) {
    const { accuracy, accuracy_ci95: ci95 } = row.metrics;
    if (!Number.isFinite(accuracy) || !Number.isFinite(ci95)) continue;
    const count = countOf(row);
    const interval = count && recordedInterval(accuracy, ci95, count.samples, count.chips);
    if (!interval) continue;
    const crossed = bounds.filter((b) => (b.side === 'min' ? interval.low < b.bound : interval.high > b.bound));
    if (crossed.length === 0) continue;
    const which = crossed.map((b) => `accuracy ${b.side === 'min' ? '≥' : '≤'} ${b.bound}`).join(' and ');
    flagged.push({ index: row.index, text: `row ${row.index} ${pct(accuracy)}% (95% interval ${pct(interval.low)}-${pct(interval.high)}%) against ${which}` });
  }
  if (flagged.length === 0) return undefined;
  const one = flagged.length === 1;
  return {
    rows: flagged.map((f) => f.index),
    text: `${one ? 'A front row meets' : `${flagged.length} front rows meet`} an accuracy constraint by its measured accuracy but ${one ? 'its' : 'their'} 95% interval crosses the bound `
      + `(${flagged.map((f) => f.text).join('; ')}): the measurement cannot tell whether ${one ? 'it meets' : 'they meet'} the constraint; `
      + 'raise accuracy.samples (or accuracy.chips) before relying on it',
  };
}
