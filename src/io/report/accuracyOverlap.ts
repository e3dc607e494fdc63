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
  const accuracies = measured.map((r) => r.metrics.accuracy);
  // Intervals on a line overlap pairwise exactly when they share a point: the highest lower end is at most the lowest upper end.
  if (Math.max(...measured.map((r) => r.metrics.accuracy - r.metrics.accuracy_ci95)) > Math.min(...measured.map((r) => r.metrics.accuracy + r.metrics.accuracy_ci95))) return undefined;
  const pct = (x: number) => (100 * x).toFixed(2);
  const ci = Math.max(...measured.map((r) => r.metrics.accuracy_ci95));
  return `The front's accuracies (${pct(Math.min(...accuracies))}-${pct(Math.max(...accuracies))}%) have 95% intervals that all overlap `
    + `(up to +-${pct(ci)} points): the measurement does not tell these designs apart on accuracy; `
    + 'raise accuracy.samples (or accuracy.chips) to resolve them';
}
