/**
 * Inverted generational distance: the mean, over the points of a reference front, of the Euclidean
 * distance to the nearest point of the approximation. Lower is better; 0 means every reference point is
 * matched. Distances are symmetric, so objective senses do not matter (use the same units for both sets).
 */
import { ConfigError, describeValue } from '../../core/index.js';

export function igd(points: readonly (readonly number[])[], referenceFront: readonly (readonly number[])[]): number {
  if (!Array.isArray(referenceFront) || referenceFront.length === 0) {
    throw new ConfigError(`referenceFront: got ${describeValue(referenceFront)}, expected a non-empty array of points`);
  }
  const m = referenceFront[0].length;
  for (const [name, set] of [['points', points], ['referenceFront', referenceFront]] as const) {
    set.forEach((p, i) => {
      if (!p || p.length !== m) throw new ConfigError(`${name}[${i}]: got ${describeValue(p)}, expected ${m} values`);
    });
  }
  if (points.length === 0) return Infinity;
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
