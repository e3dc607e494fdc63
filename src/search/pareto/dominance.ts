/**
 * Dominance, non-dominated filtering, fast non-dominated sort (Deb et al. 2002) and crowding distance.
 * Public functions take points in their own senses ('min' | 'max' per objective); the *Min helpers work
 * on minimisation-form vectors (max objectives negated) and are what the strategies use internally.
 */

// Sense, toMinimisation and dominatesMin live in util (the report, in io, uses them too: its knee, its recomputed front).
export { dominatesMin, toMinimisation, type Sense } from '../../util/objectives.js';
import { dominatesMin, toMinimisation, type Sense } from '../../util/objectives.js';

/** Pareto dominance in the objectives' own senses (no copies: the engine calls it for every row against the front). */
export function dominates(a: readonly number[], b: readonly number[], senses: readonly Sense[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    const gain = senses[i] === 'min' ? b[i] - a[i] : a[i] - b[i];
    if (gain < 0) return false;
    if (gain > 0) better = true;
  }
  return better;
}

/**
 * 1 if a dominates b, -1 if b dominates a, 0 otherwise, by Deb's constraint-domination (minimisation form, violation
 * >= 0, 0 = feasible): a feasible point beats an infeasible one; of two infeasible points the smaller violation wins;
 * two feasible points compare by Pareto.
 */
function compareMin(a: ArrayLike<number>, cvA: number, b: ArrayLike<number>, cvB: number): number {
  if (cvA > 0 || cvB > 0) return cvA < cvB ? 1 : cvB < cvA ? -1 : 0;
  let aBetter = false;
  let bBetter = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) aBetter = true;
    else if (a[i] > b[i]) bBetter = true;
    if (aBetter && bBetter) return 0;
  }
  return aBetter === bBetter ? 0 : aBetter ? 1 : -1;
}

/**
 * Indices of the non-dominated points (minimisation form), in input order. Points with a non-finite value
 * are left out. Identical points do not dominate each other, so duplicates on the front are all kept.
 * Sorting lexicographically first means a point can only be dominated by one sorted before it, and only a
 * point already on the front needs checking: O(n log n + n |front| m).
 */
export function paretoFrontIndicesMin(points: readonly (readonly number[])[]): number[] {
  const order: number[] = [];
  points.forEach((p, i) => {
    if (p.every(Number.isFinite)) order.push(i);
  });
  order.sort((i, j) => {
    const a = points[i];
    const b = points[j];
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return i - j;
  });
  const front: number[] = [];
  for (const i of order) {
    let dominated = false;
    for (const j of front) {
      if (dominatesMin(points[j], points[i])) {
        dominated = true;
        break;
      }
    }
    if (!dominated) front.push(i);
  }
  return front.sort((a, b) => a - b);
}

/** Indices (input order) of the non-dominated points, in the objectives' own senses. */
export function paretoFrontIndices(points: readonly (readonly number[])[], senses?: readonly Sense[]): number[] {
  return paretoFrontIndicesMin(toMinimisation(points, senses));
}

/** The non-dominated points (input order), in the objectives' own senses. */
export function paretoFront(points: readonly (readonly number[])[], senses?: readonly Sense[]): number[][] {
  return paretoFrontIndices(points, senses).map((i) => points[i].slice());
}

/**
 * Fast non-dominated sort (Deb et al. 2002, O(m n^2)) on minimisation-form points with optional
 * violations (constraint-domination). Returns the fronts as index lists, best first.
 */
export function nonDominatedSortMin(points: readonly ArrayLike<number>[], violations?: ArrayLike<number>): number[][] {
  const n = points.length;
  const dominatedCount = new Int32Array(n);
  const dominatesList: number[][] = [];
  for (let i = 0; i < n; i++) dominatesList.push([]);
  const cv = new Float64Array(n);
  if (violations) for (let i = 0; i < n; i++) cv[i] = violations[i];
  for (let i = 0; i < n; i++) {
    const a = points[i];
    const cvA = cv[i];
    for (let j = i + 1; j < n; j++) {
      const c = compareMin(a, cvA, points[j], cv[j]);
      if (c > 0) {
        dominatesList[i].push(j);
        dominatedCount[j]++;
      } else if (c < 0) {
        dominatesList[j].push(i);
        dominatedCount[i]++;
      }
    }
  }
  const fronts: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (dominatedCount[i] === 0) current.push(i);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) {
      for (const j of dominatesList[i]) {
        if (--dominatedCount[j] === 0) next.push(j);
      }
    }
    next.sort((a, b) => a - b);
    current = next;
  }
  return fronts;
}

/** Fast non-dominated sort in the objectives' own senses (optional violations: constraint-domination). */
export function nonDominatedSort(
  points: readonly (readonly number[])[],
  senses?: readonly Sense[],
  violations?: readonly number[],
): number[][] {
  return nonDominatedSortMin(toMinimisation(points, senses), violations);
}

/**
 * Crowding distance (Deb et al. 2002) of the members of one front: for each objective, the members sorted by
 * it get the normalised gap between their two neighbours; the two extremes get Infinity. An objective on
 * which the whole front is equal adds nothing. Senses do not matter (distances are symmetric).
 * Returns one distance per entry of `front` (same order). Ties are broken by index, so the result is deterministic.
 */
export function crowdingDistance(points: readonly ArrayLike<number>[], front: readonly number[]): number[] {
  const k = front.length;
  const distance = new Array<number>(k).fill(0);
  if (k === 0) return distance;
  if (k <= 2) return distance.fill(Infinity);
  const m = points[front[0]].length;
  const order = Array.from({ length: k }, (_, i) => i);
  for (let obj = 0; obj < m; obj++) {
    order.sort((a, b) => points[front[a]][obj] - points[front[b]][obj] || front[a] - front[b]);
    const lo = points[front[order[0]]][obj];
    const hi = points[front[order[k - 1]]][obj];
    distance[order[0]] = Infinity;
    distance[order[k - 1]] = Infinity;
    const span = hi - lo;
    if (!(span > 0) || !Number.isFinite(span)) continue;
    for (let r = 1; r < k - 1; r++) {
      distance[order[r]] += (points[front[order[r + 1]]][obj] - points[front[order[r - 1]]][obj]) / span;
    }
  }
  return distance;
}
