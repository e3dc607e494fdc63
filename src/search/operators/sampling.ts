/** Initial sampling of genes: uniform random, or a Latin hypercube (reals stratified, discrete levels balanced). */
import { shuffled, type Rng } from '../../util/rng.js';
import { geneBounds, isReal, type Variable } from '../problem.js';

/** One uniformly random gene vector: reals uniform in [min, max], integers and choice indices uniform. */
export function randomGenes(variables: readonly Variable[], rng: Rng): number[] {
  return variables.map((v) => {
    const [lo, hi] = geneBounds(v);
    return isReal(v) ? lo + rng.next() * (hi - lo) : lo + rng.int(hi - lo + 1);
  });
}

/** n uniformly random gene vectors. */
export function randomSampling(variables: readonly Variable[], n: number, rng: Rng): number[][] {
  return Array.from({ length: n }, () => randomGenes(variables, rng));
}

/**
 * n gene vectors forming a Latin hypercube: each real's range cut into n equal strata, one random point per
 * stratum; each integer or choice variable's L levels spread as evenly as n allows (every level floor(n/L) or
 * ceil(n/L) times, every level at least once when n >= L). Strata are shuffled independently per variable, so
 * an initial population sees every value of every discrete parameter, including the ends of its range.
 */
export function latinHypercubeSampling(variables: readonly Variable[], n: number, rng: Rng): number[][] {
  const samples = randomSampling(variables, n, rng);
  variables.forEach((v, j) => {
    const [lo, hi] = geneBounds(v);
    const strata = shuffled(n, rng);
    if (isReal(v)) {
      for (let i = 0; i < n; i++) samples[i][j] = lo + ((strata[i] + rng.next()) / n) * (hi - lo);
      return;
    }
    const levels = hi - lo + 1;
    if (levels <= n) {
      // Stratum i of n holds level floor(i·L/n): balanced counts, every level present.
      for (let i = 0; i < n; i++) samples[i][j] = lo + Math.floor((strata[i] * levels) / n);
    } else {
      // More levels than samples: one random level inside each of n equal bands of levels.
      for (let i = 0; i < n; i++) {
        const from = Math.floor((strata[i] * levels) / n);
        const to = Math.floor(((strata[i] + 1) * levels) / n);
        samples[i][j] = lo + from + rng.int(Math.max(1, to - from));
      }
    }
  });
  return samples;
}
