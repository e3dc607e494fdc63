/**
 * Mutation. Reals: polynomial mutation (Deb & Goyal 1996) in its bounded form: the perturbation
 * delta_q follows a polynomial distribution of index eta (large eta = small steps) and is scaled so the
 * value stays inside [min, max]. Integers and ordinal choices: the same on the value / index, rounded;
 * a mutated gene that rounds back to its own value moves one step instead (toward the perturbation, or
 * inward at a bound), so small integer ranges still mutate [inference: design choice]. Unordered choices:
 * replaced by a different value drawn uniformly.
 */
import type { Rng } from '../../util/rng.js';
import { geneBounds, isChoice, isReal, isOrdered, type Variable } from '../problem.js';

/** Polynomial mutation distribution index eta_m when none is set (pymoo's PM default, 20). */
export const DEFAULT_MUTATION_ETA = 20;

export interface MutationOptions {
  /** Per-variable mutation probability (default 1 / number of variables). */
  probability?: number;
  /** Polynomial mutation distribution index eta_m (default DEFAULT_MUTATION_ETA). */
  eta?: number;
  /**
   * Probability that an offspring is mutated at all (default 1: every offspring, as in Deb's code); pymoo's PM
   * mutates an offspring with probability 0.9 (its `prob`), then each variable with `probability`.
   */
  individualProbability?: number;
}

/** Polynomial mutation of one value y within [lo, hi]. */
export function polynomialMutation(y: number, lo: number, hi: number, eta: number, rng: Rng): number {
  if (hi <= lo) return y;
  const span = hi - lo;
  const u = rng.next();
  const power = 1 / (eta + 1);
  let deltaQ: number;
  if (u < 0.5) {
    const xy = 1 - (y - lo) / span;
    const val = 2 * u + (1 - 2 * u) * xy ** (eta + 1);
    deltaQ = val ** power - 1;
  } else {
    const xy = 1 - (hi - y) / span;
    const val = 2 * (1 - u) + 2 * (u - 0.5) * xy ** (eta + 1);
    deltaQ = 1 - val ** power;
  }
  return Math.min(hi, Math.max(lo, y + deltaQ * span));
}

export type Mutation = (genes: readonly number[], rng: Rng) => number[];

/** Mutates gene i of `genes` in place (see the module comment for what each kind gets). */
type GeneMutator = (genes: number[], i: number, rng: Rng) => void;

function geneMutator(variables: readonly Variable[], eta: number): GeneMutator {
  const bounds = variables.map(geneBounds);
  const mode = variables.map((v) => (isReal(v) ? 'real' : isChoice(v) && !isOrdered(v) ? 'categorical' : 'discrete'));
  return (out, i, rng) => {
    const [lo, hi] = bounds[i];
    if (hi <= lo) return;
    if (mode[i] === 'real') {
      out[i] = polynomialMutation(out[i], lo, hi, eta, rng);
    } else if (mode[i] === 'categorical') {
      const k = rng.int(hi - lo);
      out[i] = lo + k >= out[i] ? lo + k + 1 : lo + k;
    } else {
      const y = polynomialMutation(out[i], lo, hi, eta, rng);
      let r = Math.round(y);
      if (r === out[i]) r = out[i] + (y > out[i] || out[i] === lo ? 1 : y < out[i] || out[i] === hi ? -1 : rng.next() < 0.5 ? 1 : -1);
      out[i] = Math.min(hi, Math.max(lo, r));
    }
  };
}

/** A mutation for the given variables: each gene mutates with the given probability. */
export function createMutation(variables: readonly Variable[], options: MutationOptions = {}): Mutation {
  const probability = options.probability ?? 1 / variables.length;
  const mutateGene = geneMutator(variables, options.eta ?? DEFAULT_MUTATION_ETA);
  const individualProbability = options.individualProbability ?? 1;
  return (genes, rng) => {
    const out = genes.slice();
    // Drawn only when below 1, so runs with the default draw exactly as before.
    if (individualProbability < 1 && rng.next() >= individualProbability) return out;
    for (let i = 0; i < out.length; i++) if (rng.next() < probability) mutateGene(out, i, rng);
    return out;
  };
}

/**
 * Point mutation: exactly one gene, drawn uniformly among the variables that can change, is mutated
 * (discrete genes always change). Used to move an offspring that was already evaluated to a neighbour.
 */
export function createPointMutation(variables: readonly Variable[], options: Pick<MutationOptions, 'eta'> = {}): Mutation {
  const mutateGene = geneMutator(variables, options.eta ?? DEFAULT_MUTATION_ETA);
  const free = variables.map((v, i) => [i, geneBounds(v)] as const).filter(([, [lo, hi]]) => hi > lo).map(([i]) => i);
  return (genes, rng) => {
    const out = genes.slice();
    if (free.length > 0) mutateGene(out, free[rng.int(free.length)], rng);
    return out;
  };
}
