/**
 * seedrandom's Alea seeded from a string (Baagoe's Mash hash, node_modules/seedrandom/lib/alea.js) without its
 * closures and objects: the same double operations in the same order, so the same state and uniforms bit for bit
 * (test/sim/nonideal/aleaSeed.test.ts). Read noise derives one start state per sample and layer from a new seed
 * string (normal.ts seedSlot): through createRng that took ~5 µs each here, most of it allocation and calls.
 */

/** Mash's state n after hashing `data` from state n (Mash's inner loop, verbatim). */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000; // 2^32
  }
  return n;
}

/** Mash's return value for state n. */
function mashValue(n: number): number {
  return (n >>> 0) * 2.3283064365386963e-10; // 2^-32
}

/** Alea's seeding: s0, s1, s2 from three hashes of ' ', then each less a hash of the seed (wrapped into [0, 1)). */
const N0 = 0xefc8249d;
const N1 = mash(N0, ' ');
const N2 = mash(N1, ' ');
const N3 = mash(N2, ' ');
const SPACES = [mashValue(N1), mashValue(N2), mashValue(N3)];

/** Alea's state for `seed` (as seedrandom.alea(seed) starts): out[0..3] = s0, s1, s2, c. */
export function aleaState(seed: string, out: Float64Array): Float64Array {
  let n = N3;
  for (let k = 0; k < 3; k++) {
    n = mash(n, seed);
    let s = SPACES[k] - mashValue(n);
    if (s < 0) s += 1;
    out[k] = s;
  }
  out[3] = 1;
  return out;
}

/** Alea's next uniform in [0, 1) from `state` (advanced in place). */
export function aleaNext(state: Float64Array): number {
  const t = 2091639 * state[0] + state[3] * 2.3283064365386963e-10; // 2^-32
  state[0] = state[1];
  state[1] = state[2];
  state[3] = t | 0;
  state[2] = t - state[3];
  return state[2];
}
