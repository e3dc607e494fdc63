/**
 * Duplicate elimination: a set of gene-vector keys, O(1) per check however many evaluations came before.
 * Discrete spaces (integers and choices only) use exact keys: the point's index in the mixed-radix
 * numbering of the space when the space has at most 2^53 points (a number: no string is built per check
 * and the set holds no strings for the garbage collector to trace), else the genes joined. Spaces with
 * reals use a 53-bit hash of the genes' float64 bits, far cheaper than printing 30 doubles; with 10^5
 * entries a false "already seen" has probability ~1e-6 and would only cost one deterministic re-draw.
 */
import { geneBounds, isReal, type Variable } from '../problem.js';

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

/**
 * Exact key of a discrete space with at most 2^53 points: sum of (gene - lo) x stride, strides the
 * products of the cardinalities of the genes after it. A gene outside its range or not an integer (no
 * operator makes one) gets the joined string instead, which no number equals, so the key stays exact.
 */
function mixedRadixKey(variables: readonly Variable[]): ((genes: readonly number[]) => string | number) | undefined {
  const n = variables.length;
  const lo = new Float64Array(n);
  const size = new Float64Array(n);
  const stride = new Float64Array(n);
  let total = 1;
  for (let i = n - 1; i >= 0; i--) {
    const [a, b] = geneBounds(variables[i]);
    lo[i] = a;
    size[i] = b - a + 1;
    stride[i] = total;
    total *= size[i];
    if (!(total <= Number.MAX_SAFE_INTEGER)) return undefined;
  }
  return (genes) => {
    let key = 0;
    for (let i = 0; i < n; i++) {
      const d = genes[i] - lo[i];
      if (!(d >= 0 && d < size[i] && Number.isInteger(d))) return genes.join(',');
      key += d * stride[i];
    }
    return key;
  };
}

/** Key function for gene vectors of these variables: exact for discrete spaces, hashed with reals. */
export function geneKeyFor(variables: readonly Variable[]): (genes: readonly number[]) => string | number {
  if (variables.some((v) => isReal(v))) return hashGenes;
  return mixedRadixKey(variables) ?? ((genes) => genes.join(','));
}

/**
 * The set of gene vectors already proposed. Each key also records whether its point was requested for evaluation
 * (claim, SearchRun.request): a strategy adds a point when it proposes it, then requests it once.
 */
export class DuplicateSet {
  /** Key -> whether the point was requested for evaluation. */
  private readonly seen = new Map<string | number, boolean>();
  /** The key of a gene vector (exact for discrete spaces, a hash with reals): compute once, then use hasKey / addKey. */
  readonly key: (genes: readonly number[]) => string | number;
  constructor(variables: readonly Variable[]) {
    this.key = geneKeyFor(variables);
  }
  has(genes: readonly number[]): boolean {
    return this.seen.has(this.key(genes));
  }
  hasKey(key: string | number): boolean {
    return this.seen.has(key);
  }
  /** Adds genes; returns false if they were already present. */
  add(genes: readonly number[]): boolean {
    return this.addKey(this.key(genes));
  }
  /** Adds a key made by `key(genes)`; returns false if it was already present. */
  addKey(key: string | number): boolean {
    if (this.seen.has(key)) return false;
    this.seen.set(key, false);
    return true;
  }
  /** Whether genes were requested for evaluation already (SearchRun.request claimed them). */
  requested(genes: readonly number[]): boolean {
    return this.seen.get(this.key(genes)) === true;
  }
  /** Marks genes requested for evaluation (adding them if they are new); false if they were requested before. */
  claim(genes: readonly number[]): boolean {
    const key = this.key(genes);
    if (this.seen.get(key) === true) return false;
    this.seen.set(key, true);
    return true;
  }
  get size(): number {
    return this.seen.size;
  }
}
