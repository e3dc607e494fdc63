/**
 * NSGA-III's reference-direction survival (Deb & Jain 2014, sections IV-D/E), as pymoo 0.6 does it: feasible
 * members first (infeasible ones fill any remaining places by increasing violation); non-dominated fronts are
 * taken whole while they fit; the normalised members (see normalise.ts) are associated with the reference
 * direction of smallest perpendicular distance; the last front is niched: repeatedly, among the directions that
 * still have candidates, those with the fewest members kept so far are visited in random order, and each gets
 * its closest candidate when it has none yet (a random one of the closest on a tie), a random one otherwise
 * (pymoo/algorithms/moo/nsga3.py: ReferenceDirectionSurvival._do, niching, associate_to_niches).
 */
import type { Rng } from '../../util/rng.js';
import { shuffled } from '../../util/rng.js';
import { nonDominatedSortMin } from '../pareto/dominance.js';
import type { EvaluationResult } from '../problem.js';
import type { Individual } from './core.js';
import type { HyperplaneNormaliser } from './normalise.js';

/**
 * Each point's closest direction (perpendicular distance to the line through the origin along it) and that
 * distance. The distance is the norm of the point minus its projection on the direction, as pymoo's
 * calc_perpendicular_distance computes it (loaded by nsga3.py's associate_to_niches; Python and Cython versions
 * alike): sqrt(|p|^2 - (p.u)^2) would lose half the digits to cancellation for a point close to its line,
 * exactly where niching compares distances.
 */
export function associate(points: readonly (readonly number[])[], directions: readonly (readonly number[])[]): { niche: number[]; distance: number[] } {
  const units = directions.map((w) => {
    const norm = Math.hypot(...w);
    return w.map((v) => v / norm);
  });
  const niche: number[] = [];
  const distance: number[] = [];
  for (const p of points) {
    let best = 0;
    let bestD = Infinity;
    for (let j = 0; j < units.length; j++) {
      const u = units[j];
      let dot = 0;
      for (let k = 0; k < u.length; k++) dot += p[k] * u[k];
      let d2 = 0;
      for (let k = 0; k < u.length; k++) {
        const r = p[k] - dot * u[k];
        d2 += r * r;
      }
      if (d2 < bestD) {
        bestD = d2;
        best = j;
      }
    }
    niche.push(best);
    distance.push(Math.sqrt(bestD));
  }
  return { niche, distance };
}

/**
 * Picks `want` of the candidates (indices into niche/distance) given the per-direction counts of members
 * already kept (updated in place). Returns the picked candidate indices in pick order.
 */
export function niching(candidates: readonly number[], want: number, count: number[], niche: readonly number[], distance: readonly number[], rng: Rng): number[] {
  const byNiche = new Map<number, number[]>();
  for (const c of candidates) {
    const list = byNiche.get(niche[c]);
    if (list) list.push(c);
    else byNiche.set(niche[c], [c]);
  }
  const picked: number[] = [];
  while (picked.length < want && byNiche.size > 0) {
    const open = [...byNiche.keys()].sort((a, b) => a - b);
    let min = Infinity;
    for (const j of open) min = Math.min(min, count[j]);
    const least = open.filter((j) => count[j] === min);
    const order = shuffled(least.length, rng);
    const visit = Array.from(order, (i) => least[i]).slice(0, want - picked.length);
    for (const j of visit) {
      const members = byNiche.get(j) ?? [];
      let at: number;
      if (count[j] === 0) {
        // The closest; a tie goes to a random one of the tied (pymoo shuffles the niche's members, then argmin).
        let ties = [0];
        for (let i = 1; i < members.length; i++) {
          const d = distance[members[i]];
          const dBest = distance[members[ties[0]]];
          if (d < dBest) ties = [i];
          else if (d === dBest) ties.push(i);
        }
        at = ties.length === 1 ? ties[0] : ties[rng.int(ties.length)];
      } else {
        at = rng.int(members.length);
      }
      picked.push(members[at]);
      members.splice(at, 1);
      if (members.length === 0) byNiche.delete(j);
      count[j]++;
    }
  }
  return picked;
}

/** The best `size` of `pool` by NSGA-III survival; updates the normaliser. */
export function referenceDirectionSurvival<R extends EvaluationResult>(
  pool: readonly Individual<R>[],
  size: number,
  directions: readonly (readonly number[])[],
  normaliser: HyperplaneNormaliser,
  rng: Rng,
): Individual<R>[] {
  const feasible = pool.filter((i) => i.cv === 0);
  const infeasible = pool.filter((i) => i.cv > 0).sort((a, b) => a.cv - b.cv);
  if (feasible.length === 0) return infeasible.slice(0, size);
  const n = Math.min(size, feasible.length);
  const f = feasible.map((i) => i.f);
  const fronts = nonDominatedSortMin(f);
  normaliser.update(f, fronts[0]);
  const kept: number[] = [];
  let last: number[] = [];
  for (const front of fronts) {
    if (kept.length + front.length <= n) kept.push(...front);
    else {
      last = front;
      break;
    }
    if (kept.length === n) break;
  }
  if (kept.length < n) {
    const considered = [...kept, ...last];
    const { niche, distance } = associate(considered.map((i) => normaliser.normalise(f[i])), directions);
    const count = new Array<number>(directions.length).fill(0);
    for (let c = 0; c < kept.length; c++) count[niche[c]]++;
    const lastPositions = last.map((_, j) => kept.length + j);
    for (const c of niching(lastPositions, n - kept.length, count, niche, distance, rng)) kept.push(considered[c]);
  }
  return [...kept.map((i) => feasible[i]), ...infeasible.slice(0, size - n)];
}
