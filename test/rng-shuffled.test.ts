/** One Fisher-Yates for every caller: the same permutation and the same draws as the copies it replaced. */
import { describe, expect, it } from 'vitest';
import { createRng, shuffled } from '../src/util/rng.js';

/** The loop that LHS sampling and NSGA-II mating each carried before (kept here as the reference). */
function reference(n: number, seed: string): { perm: number[]; next: number } {
  const rng = createRng(seed);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [perm[i], perm[k]] = [perm[k], perm[i]];
  }
  return { perm, next: rng.next() };
}

describe('shuffled', () => {
  it('is a permutation that consumes the random stream exactly as the copies it replaced', () => {
    for (const n of [0, 1, 2, 7, 100]) {
      const rng = createRng(`shuffle:${n}`);
      const perm = shuffled(n, rng);
      const ref = reference(n, `shuffle:${n}`);
      expect([...perm]).toEqual(ref.perm);
      expect(rng.next()).toBe(ref.next);
      expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
});
