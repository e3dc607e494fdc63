/** Tournament selection. */
import type { Rng } from '../../util/rng.js';

/**
 * k-tournament over indices 0..n-1: draw k indices uniformly (with replacement) and return the best by
 * `better(a, b)` (true when a beats b; on a tie the first drawn wins). k = 2 is binary tournament.
 */
export function tournament(n: number, better: (a: number, b: number) => boolean, rng: Rng, k = 2): number {
  let best = rng.int(n);
  for (let t = 1; t < k; t++) {
    const c = rng.int(n);
    if (better(c, best)) best = c;
  }
  return best;
}

/** Binary tournament: the better of two uniformly drawn indices. */
export function binaryTournament(n: number, better: (a: number, b: number) => boolean, rng: Rng): number {
  return tournament(n, better, rng, 2);
}
