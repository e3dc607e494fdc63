/**
 * Whether a front's hardware accuracies are told apart by their measurement: each is a Wilson 95% interval over the
 * test images measured (accuracy_ci95, its half-width), so fronts of designs whose intervals all overlap trade
 * accuracy the measurement cannot resolve (200 samples: about +-3 points), and the report says so.
 */
import type { RunRow } from './rows.js';

/** The note, or undefined when the front has under two measured accuracies or any two whose intervals do not overlap. */
export function accuracyOverlapText(front: readonly RunRow[]): string | undefined {
  const measured = front.filter((r) => Number.isFinite(r.metrics.accuracy) && Number.isFinite(r.metrics.accuracy_ci95));
  if (measured.length < 2) return undefined;
  const low = measured.reduce((a, b) => (b.metrics.accuracy < a.metrics.accuracy ? b : a));
  const high = measured.reduce((a, b) => (b.metrics.accuracy > a.metrics.accuracy ? b : a));
  // Every pair (a front holds tens to hundreds of designs): one pair apart means the measurement resolves something.
  const apart = (a: RunRow, b: RunRow) => Math.abs(a.metrics.accuracy - b.metrics.accuracy) > a.metrics.accuracy_ci95 + b.metrics.accuracy_ci95;
  if (measured.some((a, i) => measured.some((b, j) => j > i && apart(a, b)))) return undefined;
  const pct = (x: number) => (100 * x).toFixed(2);
  const ci = Math.max(...measured.map((r) => r.metrics.accuracy_ci95));
  return `The front's accuracies (${pct(low.metrics.accuracy)}-${pct(high.metrics.accuracy)}%) have 95% intervals that all overlap `
    + `(up to +-${pct(ci)} points): the measurement does not tell these designs apart on accuracy; `
    + 'raise accuracy.samples (or accuracy.chips) to resolve them';
}
