/** Objective senses and the minimisation form every comparison works in (max objectives negated). */
import { ConfigError, describeValue } from '../core/index.js';

export type Sense = 'min' | 'max';

/** Points in minimisation form: max objectives negated. Checks that every point has senses.length values. */
export function toMinimisation(points: readonly (readonly number[])[], senses?: readonly Sense[]): number[][] {
  const m = senses?.length ?? points[0]?.length ?? 0;
  if (senses) {
    senses.forEach((s, i) => {
      if (s !== 'min' && s !== 'max') throw new ConfigError(`senses[${i}]: got ${describeValue(s)}, expected 'min' or 'max'`);
    });
  }
  return points.map((p, i) => {
    if (!p || p.length !== m) {
      throw new ConfigError(`points[${i}]: got ${describeValue(p)}, expected ${m} objective values`);
    }
    return senses ? minimisedPoint(p, senses) : p.slice();
  });
}

/** One point in minimisation form (max objectives negated), unchecked: for a reader going through many rows. */
export function minimisedPoint(values: readonly number[], senses: readonly Sense[]): number[] {
  return values.map((v, j) => (senses[j] === 'max' ? -v : v));
}

/** a Pareto-dominates b (minimisation form): no worse in every objective and better in at least one. */
export function dominatesMin(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

/**
 * A hypervolume reference coordinate from the worst and best values an objective took: the worst pushed a further
 * 10% of the range (10% of its magnitude when the range is 0, 1 when that is 0 too), so every point counts. The
 * search's rule for a run without given references (docs/search.md, Hypervolume) and the report's per-network fronts'.
 */
export function pushedReference(lo: number, hi: number, sense: Sense): number {
  const margin = hi > lo ? 0.1 * (hi - lo) : 0.1 * Math.abs(sense === 'min' ? hi : lo) || 1;
  return sense === 'min' ? hi + margin : lo - margin;
}
