/**
 * Seeded random numbers (seedrandom's Alea: fast, good quality, reproducible across platforms).
 * Derive independent streams with `createRng(`${seed}:${purpose}:${index}`)` so results never depend on
 * evaluation order or worker count.
 */
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1) (Box-Muller; the spare value is kept). */
  normal(): number;
}

export function createRng(seed: string | number): Rng {
  const alea = seedrandom.alea(String(seed));
  let spare: number | undefined;
  const next = (): number => alea();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * A random permutation of 0..n-1 (Fisher-Yates, from the top; n - 1 draws of rng.int). The order of the draws
 * is part of the contract: LHS strata, NSGA-II mating, the trainer's epoch order and the accuracy samples
 * depend on it, so results stay reproducible.
 */
export function shuffled(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    const t = out[i];
    out[i] = out[k];
    out[k] = t;
  }
  return out;
}
