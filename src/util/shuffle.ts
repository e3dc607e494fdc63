/**
 * Seeded Fisher-Yates permutation of 0..n-1. The order of `rng.int` calls is part of the contract: the
 * trainer's epoch order and the accuracy module's sample choice depend on it, so results stay reproducible.
 */
import type { Rng } from './rng.js';

export function shuffled(n: number, rng: Rng): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
