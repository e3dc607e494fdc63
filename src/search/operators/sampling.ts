/** Initial sampling of genes: uniform random, or Latin hypercube for real variables. */
import type { Rng } from '../../util/rng.js';
import { geneBounds, type Variable } from '../problem.js';

/** One uniformly random gene vector: reals uniform in [min, max], integers and choice indices uniform. */
export function randomGenes(variables: readonly Variable[], rng: Rng): number[] {
  return variables.map((v) => {
    const [lo, hi] = geneBounds(v);
    return v.kind === 'real' ? lo + rng.next() * (hi - lo) : lo + rng.int(hi - lo + 1);
  });
}

/** n uniformly random gene vectors. */
export function randomSampling(variables: readonly Variable[], n: number, rng: Rng): number[][] {
  return Array.from({ length: n }, () => randomGenes(variables, rng));
}

/**
 * n gene vectors whose real variables form a Latin hypercube (each real's range cut into n equal strata,
 * one random point per stratum, strata shuffled independently per variable); integer and choice genes are
 * drawn uniformly.
 */
export function latinHypercubeSampling(variables: readonly Variable[], n: number, rng: Rng): number[][] {
  const samples = randomSampling(variables, n, rng);
  variables.forEach((v, j) => {
    if (v.kind !== 'real') return;
    const [lo, hi] = geneBounds(v);
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const k = rng.int(i + 1);
      [strata[i], strata[k]] = [strata[k], strata[i]];
    }
    for (let i = 0; i < n; i++) samples[i][j] = lo + ((strata[i] + rng.next()) / n) * (hi - lo);
  });
  return samples;
}
