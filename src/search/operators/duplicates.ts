/**
 * Duplicate elimination: a set of gene-vector keys, O(1) per check however many evaluations came before.
 * Discrete spaces (integers and choices only) use exact keys (genes joined). Spaces with reals use a 53-bit
 * hash of the genes' float64 bits, far cheaper than printing 30 doubles; with 10^5 entries a false
 * "already seen" has probability ~1e-6 and would only cost one deterministic re-draw.
 */
import type { Variable } from '../problem.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** 53-bit hash of a number vector (two 32-bit multiply-xorshift lanes over the float64 bits). */
export function hashGenes(genes: readonly number[]): number {
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  for (let i = 0; i < genes.length; i++) {
    f64[0] = genes[i] + 0; // -0 -> 0
    const lo = u32[0];
    const hi = u32[1];
    h1 = Math.imul(h1 ^ lo, 0xcc9e2d51);
    h1 = Math.imul(h1 ^ (h1 >>> 15) ^ hi, 0x1b873593);
    h2 = Math.imul(h2 ^ hi, 0x27d4eb2f);
    h2 = Math.imul(h2 ^ (h2 >>> 13) ^ lo, 0x165667b1);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ h2;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35) ^ h1;
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) >>> 11);
}

/** Key function for gene vectors of these variables: exact for discrete spaces, hashed with reals. */
export function geneKeyFor(variables: readonly Variable[]): (genes: readonly number[]) => string | number {
  return variables.some((v) => v.kind === 'real') ? hashGenes : (genes) => genes.join(',');
}

/** The set of gene vectors already proposed. */
export class DuplicateSet {
  private readonly seen = new Set<string | number>();
  private readonly key: (genes: readonly number[]) => string | number;
  constructor(variables: readonly Variable[]) {
    this.key = geneKeyFor(variables);
  }
  has(genes: readonly number[]): boolean {
    return this.seen.has(this.key(genes));
  }
  /** Adds genes; returns false if they were already present. */
  add(genes: readonly number[]): boolean {
    const k = this.key(genes);
    if (this.seen.has(k)) return false;
    this.seen.add(k);
    return true;
  }
  get size(): number {
    return this.seen.size;
  }
}
