/**
 * Boundary bisection (issue 15 item 3): each generation, some offspring are the midpoints between a feasible front
 * member and an evaluated infeasible design no front member dominates, so a front that lies on a constraint boundary is
 * reached by halving the gap instead of creeping one level a generation. After Schoenauer & Michalewicz's boundary
 * operators ("Evolutionary computation at the edge of feasibility", PPSN IV 1996: search the boundary between a
 * feasible and an infeasible point), here on the ordered discrete genes.
 *
 * Why: on search-spaces/device-adc-precision.json the front is the fewest ADC bits that still meet the MAC-error
 * bound. Seeds that reach the feasible cells (1-2 bits) only at wide ADCs then step the ADC bits down one level a
 * generation (a discrete mutation moves one level; crossover between feasible parents stays among them), while IDEA's
 * infeasible places hold 3-bit cells, whose violation (0.007) is the smallest but which are infeasible at every ADC
 * width: their offspring (half of some generations) are infeasible too. Seed 46 ended at 6- and 5-bit ADCs (0.623
 * of the grid's hypervolume) although the designs beyond that boundary (2-bit cells with 1-bit ADCs) were evaluated
 * in its generations 1-2; with the bisection it holds 2-bit cells with 4-bit ADCs from generation 3 (1.000).
 *
 * The rule: pairs (a, b) with a in the population's feasible front and b an archived infeasible design that no front
 * member dominates in the objectives (only then can designs between them extend the front), nearest first
 * (normalised L1 distance over the genes); the midpoint takes a + trunc((b - a) / 2) on each ordered discrete gene (rounded toward the
 * feasible end, so two designs one level apart give a itself: that boundary is located) and a's value on real and
 * unordered genes. Midpoints already proposed are skipped, so each boundary costs about log2(levels) evaluations and
 * then stops. Real genes are left out on purpose: there bisection never terminates (every pair has a new midpoint),
 * and a first version that bisected them cost hypervolume on SRN (population 20 x 10 generations, share 0.2, 40
 * seeds: median 0.9541 -> 0.9513); SBX already spreads children along a real gene's gap. No draw from the run's
 * random stream.
 */
import { dominatesMin, paretoFrontIndicesMin } from '../pareto/dominance.js';
import { geneBounds, isReal, isOrdered, type EvaluationResult, type Variable } from '../problem.js';
import type { Individual, SearchRun } from './core.js';

/** What the generational loop asks of a boundary search: the evaluated designs, then each generation's proposals. */
export interface BoundarySearch<R extends EvaluationResult> {
  observe(batch: readonly Individual<R>[]): void;
  /** Up to `want` proposals never proposed before (each added to run.duplicates). */
  propose(run: SearchRun<R>, population: readonly Individual<R>[], want: number): number[][];
}

/**
 * Archived infeasible designs per population member: the pairs (front x archive, at most 4 x populationSize^2) then
 * cost what the survival's non-dominated sort of 2 x populationSize does. On the islands bench (seeds 1-300) 1 and 2
 * per member lost designs the bisection needed (seed 201: 0.711 and 0.722 of the grid's hypervolume; the 2-bit cells
 * with 1-2-bit ADCs lie far from the front in genes); 3, 4, 8 and no bound give the same worst, 0.904.
 */
const ARCHIVE_PER_MEMBER = 4;
/** At most this many pairs a generation (50 MB of distances and indices), whatever the population. */
const MAX_PAIRS = 2 ** 22;

/**
 * `places` proposals a generation (nsga2: IDEA's infeasible places, round(infeasibleShare x populationSize)). Undefined
 * when no gene is ordered and discrete or no place is given: then the run is the same as without it.
 */
export function boundaryBisection<R extends EvaluationResult>(
  variables: readonly Variable[], places: number, populationSize: number,
): BoundarySearch<R> | undefined {
  const span = variables.map((v) => geneBounds(v)[1] - geneBounds(v)[0]);
  const ordered = variables.map((v) => isReal(v) || isOrdered(v));
  const bisected = variables.map((v, i) => !isReal(v) && ordered[i] && span[i] > 0);
  if (places <= 0 || !bisected.some(Boolean)) return undefined;
  let archive: Individual<R>[] = [];
  /** Normalised L1 distance over the genes (an unordered gene counts 1 when it differs). */
  const distance = (a: Individual<R>, b: Individual<R>): number => {
    let d = 0;
    for (let i = 0; i < a.genes.length; i++) {
      if (span[i] > 0) d += ordered[i] ? Math.abs(a.genes[i] - b.genes[i]) / span[i] : a.genes[i] === b.genes[i] ? 0 : 1;
    }
    return d;
  };
  const nearest = (front: readonly Individual<R>[], b: Individual<R>): number => {
    let d = Infinity;
    for (const a of front) d = Math.min(d, distance(a, b));
    return d;
  };
  return {
    observe: (batch) => {
      for (const i of batch) if (i.cv > 0 && Number.isFinite(i.cv)) archive.push(i);
    },
    propose: (run, population, want) => {
      const feasible = population.filter((i) => i.cv === 0);
      const front = paretoFrontIndicesMin(feasible.map((i) => i.f)).map((j) => feasible[j]);
      if (front.length === 0 || archive.length === 0) return [];
      // Only a design no front member dominates can pair; the archive keeps the `capacity` nearest the front.
      const capacity = Math.max(1, Math.min(ARCHIVE_PER_MEMBER * populationSize, Math.floor(MAX_PAIRS / front.length)));
      const kept = archive.filter((b) => !front.some((a) => dominatesMin(a.f, b.f)));
      if (kept.length > capacity) {
        const d = kept.map((b) => nearest(front, b));
        const order = kept.map((_, j) => j).sort((x, y) => d[x] - d[y] || x - y).slice(0, capacity).sort((x, y) => x - y);
        archive = order.map((j) => kept[j]);
      } else archive = kept;
      // Pair j = (front[floor(j / archive.length)], archive[j % archive.length]), nearest first; ties in that order.
      const n = archive.length;
      const pairDistance = new Float64Array(front.length * n);
      front.forEach((a, i) => archive.forEach((b, k) => void (pairDistance[i * n + k] = distance(a, b))));
      const pairs = Uint32Array.from(pairDistance.keys()).sort((x, y) => pairDistance[x] - pairDistance[y] || x - y);
      const out: number[][] = [];
      for (const j of pairs) {
        if (out.length >= Math.min(want, places)) break;
        const a = front[Math.floor(j / n)].genes;
        const b = archive[j % n].genes;
        const midpoint = a.map((g, i) => (bisected[i] ? g + Math.trunc((b[i] - g) / 2) : g));
        if (run.duplicates.add(midpoint)) out.push(midpoint);
      }
      return out;
    },
  };
}
