/**
 * Crossover. Reals: simulated binary crossover (SBX, Deb & Agrawal 1995) in its bounded form (Deb's
 * NSGA-II code): each variable crosses with probability variableProbability (0.5), the spread factor beta_q
 * follows the polynomial distribution of index eta (large eta = children near the parents), corrected so
 * children stay inside [min, max]; children are swapped with probability 0.5.
 * Integers and ordinal choices: SBX on the value / index, rounded to the nearest allowed one.
 * Unordered (categorical) choices: uniform crossover (the two parents' values are swapped with probability 0.5).
 */
import type { Rng } from '../../util/rng.js';
import { geneBounds, isChoice, isReal, isOrdered, type Variable } from '../problem.js';

/** SBX distribution index eta_c when none is set (pymoo's SBX default, 15). */
export const DEFAULT_CROSSOVER_ETA = 15;

export interface CrossoverOptions {
  /** Probability that a pair is crossed at all (default 0.9). */
  probability?: number;
  /** SBX distribution index eta_c (default DEFAULT_CROSSOVER_ETA). */
  eta?: number;
  /** Per-variable crossing probability within a crossed pair (default 0.5). */
  variableProbability?: number;
}

/** Smallest parent difference SBX acts on (Deb's code uses 1e-14). */
const SBX_EPSILON = 1e-14;

/** SBX on one variable: two children of parents a, b within [lo, hi]. */
export function sbxPair(a: number, b: number, lo: number, hi: number, eta: number, rng: Rng): [number, number] {
  if (Math.abs(a - b) <= SBX_EPSILON || hi <= lo) return [a, b];
  const y1 = a < b ? a : b;
  const y2 = a < b ? b : a;
  const u = rng.next();
  const c1 = Math.min(hi, Math.max(lo, 0.5 * (y1 + y2 - sbxSpread(1 + (2 * (y1 - lo)) / (y2 - y1), u, eta) * (y2 - y1))));
  const c2 = Math.min(hi, Math.max(lo, 0.5 * (y1 + y2 + sbxSpread(1 + (2 * (hi - y2)) / (y2 - y1), u, eta) * (y2 - y1))));
  return rng.next() < 0.5 ? [c2, c1] : [c1, c2];
}

/** Bounded spread factor beta_q for the distance `beta` to a bound and uniform draw u (same u for both children). */
function sbxSpread(beta: number, u: number, eta: number): number {
  const alpha = 2 - beta ** -(eta + 1);
  return u <= 1 / alpha ? (u * alpha) ** (1 / (eta + 1)) : (1 / (2 - u * alpha)) ** (1 / (eta + 1));
}

export type Crossover = (a: readonly number[], b: readonly number[], rng: Rng) => [number[], number[]];

/** A crossover for the given variables (see the module comment for what each kind gets). */
export function createCrossover(variables: readonly Variable[], options: CrossoverOptions = {}): Crossover {
  const probability = options.probability ?? 0.9;
  const eta = options.eta ?? DEFAULT_CROSSOVER_ETA;
  const variableProbability = options.variableProbability ?? 0.5;
  const bounds = variables.map(geneBounds);
  const mode = variables.map((v) => (isReal(v) ? 'real' : isChoice(v) && !isOrdered(v) ? 'categorical' : 'discrete'));
  return (a, b, rng) => {
    const c1 = a.slice();
    const c2 = b.slice();
    if (rng.next() >= probability) return [c1, c2];
    for (let i = 0; i < c1.length; i++) {
      if (rng.next() >= variableProbability) continue;
      if (mode[i] === 'categorical') {
        c1[i] = b[i];
        c2[i] = a[i];
        continue;
      }
      const [lo, hi] = bounds[i];
      const [y1, y2] = sbxPair(a[i], b[i], lo, hi, eta, rng);
      if (mode[i] === 'real') {
        c1[i] = y1;
        c2[i] = y2;
      } else {
        c1[i] = Math.min(hi, Math.max(lo, Math.round(y1)));
        c2[i] = Math.min(hi, Math.max(lo, Math.round(y2)));
      }
    }
    return [c1, c2];
  };
}
