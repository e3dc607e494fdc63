/**
 * A fast seeded source of standard normal draws for per-read noise (tens of thousands of draws per inference).
 * Uniform bits: xoshiro128** (Blackman & Vigna, 2018), its 128-bit state drawn from createRng(seed) so streams stay
 * derived from the project's seeded RNG. Normals: the ziggurat method with 128 layers (Marsaglia & Tsang, "The
 * Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000; docs/sources.md#ziggurat), about 5x
 * faster than Box-Muller.
 */
import { aleaNext, aleaState } from './aleaSeed.js';

export interface NormalSource {
  /** A standard normal N(0, 1) draw. */
  normal(): number;
}

const LAYERS = 128;
const M1 = 2 ** 31;
/** The ziggurat's layer tables (also copied into the WebAssembly kernel, wasm/crossbar.ts fillNormals). */
export const KN = new Float64Array(LAYERS);
export const WN = new Float64Array(LAYERS);
export const FN = new Float64Array(LAYERS);
const R_TAIL = 3.442619855899; // right edge of the base layer (Marsaglia & Tsang 2000)
{
  const vn = 9.91256303526217e-3; // area of each layer
  let dn = R_TAIL;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = (dn / q) * M1;
  KN[1] = 0;
  WN[0] = q / M1;
  WN[LAYERS - 1] = dn / M1;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * M1;
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / M1;
  }
}

/**
 * Squeeze lines of each layer's wedge (the kernel's slow path, in wasm/crossbar.ts fillAs): 8 f64 per layer, p0 q0 p1 q1
 * of two lines under exp(-x^2/2) and p2 q2 p3 q3 of two lines over it on the wedge |x| in [a, b] (a = the layer's
 * fast-accept edge, 0 for the top layer; b its outer edge). Where the density is convex (a >= 1) the tangents at a
 * and b lie under it and the chord over it; where concave (b <= 1) the chord lies under it and the tangents over it
 * (tangent at c: f(c) (1 + c^2) - f(c) c x). The layer that spans x = 1 gets lines at -inf / +inf: the exact test
 * always runs there. The kernel decides a wedge point from the lines only when its uniform lies more than
 * SQUEEZE_MARGIN beyond them, far more than the rounding of the lines and of exp (a few ulps of 1): its decision is
 * then the exact test's, so the stream is unchanged (test/sim/nonideal/zigguratSqueeze.test.ts). The same convexity
 * bounds as McFarland 2016 (docs/sources.md#ziggurat).
 */
export const SQUEEZE = new Float64Array(8 * LAYERS);
/** Margin (density units; the density is at most 1) by which a wedge point must clear a squeeze line to skip exp. */
export const SQUEEZE_MARGIN = 1e-12;
{
  const line = (at: number, p: number, q: number) => {
    SQUEEZE[at] = p;
    SQUEEZE[at + 1] = q;
  };
  const tangent = (at: number, c: number, fc: number) => line(at, fc * (1 + c * c), -fc * c);
  for (let i = 1; i < LAYERS; i++) {
    const o = 8 * i;
    const a = i === 1 ? 0 : WN[i - 1] * M1; // KN[1] = 0: the top layer has no fast accept
    const b = WN[i] * M1;
    const fa = FN[i - 1];
    const fb = FN[i];
    const slope = (fb - fa) / (b - a);
    const chord = fa - slope * a;
    if (a >= 1) {
      tangent(o, a, fa);
      tangent(o + 2, b, fb);
      line(o + 4, chord, slope);
      line(o + 6, chord, slope);
    } else if (b <= 1) {
      line(o, chord, slope);
      line(o + 2, chord, slope);
      tangent(o + 4, a, fa);
      tangent(o + 6, b, fb);
    } else {
      line(o, -Infinity, 0);
      line(o + 2, -Infinity, 0);
      line(o + 4, Infinity, 0);
      line(o + 6, Infinity, 0);
    }
  }
}

/**
 * Initial states by seed string: hashing a seed into Alea (createRng) costs more than a crossbar read's draws, and the
 * same seeds come back (every MAC-error design reseeds its proxies' noise with the same keys: layers x crossbars x
 * samples, ~50,000 in a default search). A cache of the derived state, so the stream is the same: the four words of
 * entry k at SEED_WORDS[4k..4k+3]; bounded, the oldest quarter dropped when full (its slots reused).
 */
const SEED_STATES = new Map<string, number>();
const SEED_STATE_LIMIT = 1 << 17;
const SEED_WORDS = new Int32Array(4 * SEED_STATE_LIMIT);
const freeSlots: number[] = [];

const SEED_ALEA = new Float64Array(4);

function seedSlot(seed: string): number {
  const known = SEED_STATES.get(seed);
  if (known !== undefined) return known;
  if (SEED_STATES.size >= SEED_STATE_LIMIT) {
    let drop = SEED_STATE_LIMIT >> 2;
    for (const [k, slot] of SEED_STATES) {
      if (drop-- === 0) break;
      SEED_STATES.delete(k);
      freeSlots.push(slot);
    }
  }
  const slot = freeSlots.length > 0 ? freeSlots.pop()! : SEED_STATES.size;
  // createRng(seed).next()'s uniforms, from aleaSeed.ts's allocation-free copy of seedrandom's Alea.
  // No closure for the words: a one-shot accuracy run derives a state per sample and layer, and under tsx every
  // closure made here is also named by a call (esbuild's keepNames), 0.4% of cnn-mnist's main thread.
  const alea = aleaState(seed, SEED_ALEA);
  const at = 4 * slot;
  for (let k = 0; k < 4; k++) SEED_WORDS[at + k] = Math.floor(aleaNext(alea) * 2 ** 32) | 0;
  SEED_WORDS[at + 3] |= 1; // never an all-zero state
  SEED_STATES.set(seed, slot);
  return slot;
}

/** fill in WebAssembly (bandKernel.ts over wasm/crossbar.ts fillNormals), drawing into `draws`. */
export interface NormalKernel {
  readonly draws: Float64Array;
  setState(s0: number, s1: number, s2: number, s3: number): void;
  getState(k: number): number;
  /** draws[0..n-1] = the next n normals of the state set (slow paths included). */
  fillNormals(n: number): void;
  /** drawsF32[0..n-1] = the same n normals, each rounded to f32. */
  fillNormalsF32(n: number): void;
}

/**
 * FastNormal start states of the seeds `${prefix}${key}` by key, kept once derived: FastNormal.restart(of(key)) is
 * new FastNormal(prefix + key)'s stream without building and hashing the seed string again (layer.ts reseedNoise).
 * A cache, cleared beyond `limit` keys. Instances with the same prefix share it (a MAC-error proxy programmed again
 * for another device reseeds with the same keys).
 */
export class SeedStarts {
  private readonly starts: Map<string, Int32Array>;

  constructor(private readonly prefix: string, private readonly limit = 4096) {
    let known = STARTS_BY_PREFIX.get(prefix);
    if (!known) {
      if (STARTS_BY_PREFIX.size >= PREFIX_LIMIT) STARTS_BY_PREFIX.clear();
      known = new Map();
      STARTS_BY_PREFIX.set(prefix, known);
    }
    this.starts = known;
  }

  of(key: string): Int32Array {
    let words = this.starts.get(key);
    if (words) return words;
    if (this.starts.size >= this.limit) this.starts.clear();
    const at = 4 * seedSlot(this.prefix + key);
    words = SEED_WORDS.slice(at, at + 4);
    this.starts.set(key, words);
    return words;
  }
}

/** SeedStarts' maps by prefix (a cache of caches: cleared beyond PREFIX_LIMIT prefixes). */
const STARTS_BY_PREFIX = new Map<string, Map<string, Int32Array>>();
const PREFIX_LIMIT = 1024;

export class FastNormal implements NormalSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: string) {
    const at = 4 * seedSlot(seed);
    this.s0 = SEED_WORDS[at];
    this.s1 = SEED_WORDS[at + 1];
    this.s2 = SEED_WORDS[at + 2];
    this.s3 = SEED_WORDS[at + 3];
  }

  /** Start over from a SeedStarts state: the stream of new FastNormal(seed) for its seed. */
  restart(words: Int32Array): void {
    this.s0 = words[0];
    this.s1 = words[1];
    this.s2 = words[2];
    this.s3 = words[3];
  }

  /** Next 32 random bits as a signed int32 (xoshiro128**). */
  nextInt32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r | 0;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    return ((this.nextInt32() >>> 0) + 0.5) / 2 ** 32;
  }

  /**
   * Fill out[0..n-1] with standard normals: the same draws, in the same order, as n calls of normal(), but with
   * the generator state in locals (about twice as fast).
   */
  fill(out: Float64Array, n: number): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let k = 0; k < n; k++) {
      const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      const hz = r | 0;
      const iz = hz & (LAYERS - 1);
      if (Math.abs(hz) < KN[iz]) {
        out[k] = hz * WN[iz];
        continue;
      }
      this.s0 = s0;
      this.s1 = s1;
      this.s2 = s2;
      this.s3 = s3;
      out[k] = this.slowPath(hz, iz);
      s0 = this.s0;
      s1 = this.s1;
      s2 = this.s2;
      s3 = this.s3;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /**
   * The same draws as fill(kernel.draws, n), drawn by the kernel (its slow path is this one's, bit for bit); with
   * `asF32`, each rounded to f32 in kernel.drawsF32 instead (what the batched conversions read).
   */
  fillKernel(kernel: NormalKernel, n: number, asF32 = false): void {
    kernel.setState(this.s0, this.s1, this.s2, this.s3);
    if (asF32) kernel.fillNormalsF32(n);
    else kernel.fillNormals(n);
    this.s0 = kernel.getState(0);
    this.s1 = kernel.getState(1);
    this.s2 = kernel.getState(2);
    this.s3 = kernel.getState(3);
  }

  normal(): number {
    const hz = this.nextInt32();
    const iz = hz & (LAYERS - 1);
    if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
    return this.slowPath(hz, iz);
  }

  /** The tail or the wedge of a layer (about 1% of draws). */
  private slowPath(hz: number, iz: number): number {
    for (;;) {
      if (iz === 0) {
        let x: number;
        let y: number;
        do {
          x = -Math.log(this.uniform()) / R_TAIL;
          y = -Math.log(this.uniform());
        } while (y + y < x * x);
        return hz > 0 ? R_TAIL + x : -R_TAIL - x;
      }
      const x = hz * WN[iz];
      if (FN[iz] + this.uniform() * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * x * x)) return x;
      hz = this.nextInt32();
      iz = hz & (LAYERS - 1);
      if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// createRng(seed).normal()'s memoised streams (programming and the MAC-error proxy weights) live in normalMemo.ts.
export { clearNormalMemo, hasNormalBlocks, memoNormalRng, NORMAL_MEMO_BYTES, type NormalBlocks } from './normalMemo.js';
