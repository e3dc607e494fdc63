/**
 * Inverted generational distance: the mean, over the points of a reference front, of the Euclidean
 * distance to the nearest point of the approximation. Lower is better; 0 means every reference point is
 * matched. Distances are symmetric, so objective senses do not matter (use the same units for both sets).
 */
import { ConfigError, describeValue } from '../../core/index.js';
import { checkPoints } from './hypervolume.js';

export function igd(points: readonly (readonly number[])[], referenceFront: readonly (readonly number[])[]): number {
  if (!Array.isArray(referenceFront) || referenceFront.length === 0) {
    throw new ConfigError(`referenceFront: got ${describeValue(referenceFront)}, expected a non-empty array of points`);
  }
  const first: unknown = referenceFront[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw new ConfigError(`referenceFront[0]: got ${describeValue(first)}, expected a point (one finite number per objective)`);
  }
  // As hypervolume: a NaN point used to be skipped (no distance is below NaN), and a NaN reference point gave Infinity.
  const m = first.length;
  checkPoints(referenceFront, m, 'referenceFront');
  checkPoints(points, m);
  // No point to measure from: refused like any other bad input (not an IGD of Infinity, which reads as a number).
  if (points.length === 0) throw new ConfigError('points: got [], expected at least one point (the IGD of an empty set is undefined)');
  let total = 0;
  for (const r of referenceFront) {
    let best = Infinity;
    for (const p of points) {
      let d2 = 0;
      for (let k = 0; k < m; k++) d2 += (p[k] - r[k]) ** 2;
      if (d2 < best) best = d2;
    }
    total += Math.sqrt(best);
  }
  return total / referenceFront.length;
}
