/**
 * A fast seeded source of standard normal draws for per-read noise (tens of thousands of draws per inference).
 * Uniform bits: xoshiro128** (Blackman & Vigna, 2018), its 128-bit state drawn from createRng(seed) so streams stay
 * derived from the project's seeded RNG. Normals: the ziggurat method with 128 layers (Marsaglia & Tsang, "The
 * Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000), about 5x faster than Box-Muller.
 */
import seedrandom from 'seedrandom';
import { createRng, type Rng } from '../../util/rng.js';
import { programKernel } from './programKernel.js';

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
 * Initial states by seed string: hashing a seed into Alea (createRng) costs more than a crossbar read's draws, and the
 * same seeds come back (every MAC-error design reseeds its proxies' noise with the same keys: layers x crossbars x
 * samples, ~50,000 in a default search). A cache of the derived state, so the stream is the same: the four words of
 * entry k at SEED_WORDS[4k..4k+3]; bounded, the oldest quarter dropped when full (its slots reused).
 */
const SEED_STATES = new Map<string, number>();
const SEED_STATE_LIMIT = 1 << 17;
const SEED_WORDS = new Int32Array(4 * SEED_STATE_LIMIT);
const freeSlots: number[] = [];

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
  const rng = createRng(seed);
  const word = () => Math.floor(rng.next() * 2 ** 32) | 0;
  const at = 4 * slot;
  SEED_WORDS[at] = word();
  SEED_WORDS[at + 1] = word();
  SEED_WORDS[at + 2] = word();
  SEED_WORDS[at + 3] = word() | 1; // never an all-zero state
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

  /** The same draws as fill(kernel.draws, n), drawn by the kernel (its slow path is this one's, bit for bit). */
  fillKernel(kernel: NormalKernel, n: number): void {
    kernel.setState(this.s0, this.s1, this.s2, this.s3);
    kernel.fillNormals(n);
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

/** An Rng whose normal() stream can also be taken in blocks (memoNormalRng's). */
export interface NormalBlocks extends Rng {
  /** The next n normals of the stream, as n normal() calls would return them: a view to read before the next call. */
  normals(n: number): Float64Array;
}

export function hasNormalBlocks(rng: Rng): rng is NormalBlocks {
  return typeof (rng as Partial<NormalBlocks>).normals === 'function';
}

/**
 * createRng(seed).normal()'s stream, memoised across calls: the n-th normal of a seed is computed once per process
 * and replayed after (a cache, the same numbers). Programming and the MAC-error proxy weights draw one stream per
 * crossbar whose seed does not depend on the device, so designs that differ only in R_on, ADC or crossbar size
 * replay the same draws (Alea plus Box-Muller's log, sqrt, sin and cos per pair) instead of drawing them again. New
 * draws come from the programming kernel in blocks of pairs (about 2x faster than createRng; the same doubles).
 * Only normal() is memoised: next() and int() of the returned Rng refuse (they would break the replay). `expected`:
 * how many draws the caller will take (the memo is sized for them at once; more still work).
 */
export function memoNormalRng(seed: string, expected = 1024): NormalBlocks {
  let stream = normalStreams.get(seed);
  if (stream) {
    normalStreams.delete(seed); // re-inserted: most recently used last
    if (stream.values.length < expected) grow(stream, expected);
  }
  else {
    const start = seedrandom.alea(String(seed), { state: true }).state();
    stream = { values: new Float64Array(evenLength(expected)), count: 0, state: new Float64Array([start.s0, start.s1, start.s2, start.c]) };
    account(stream.values.byteLength, stream);
  }
  normalStreams.set(seed, stream);
  const s = stream;
  let at = 0;
  const refuse = (): never => {
    throw new Error(`memoNormalRng(${seed}): only normal() is memoised`);
  };
  return {
    next: refuse,
    int: refuse,
    normal: () => {
      // One draw past the memo: draw a block (up to the memo's size, at least one pair) at once.
      if (at >= s.count) draw(s, Math.max(at + 1, Math.min(s.values.length, at + NORMAL_BLOCK)));
      return s.values[at++];
    },
    normals: (n) => {
      const end = at + n;
      draw(s, end);
      const block = s.values.subarray(at, end);
      at = end;
      return block;
    },
  };
}

/** Draws memoNormalRng's normal() takes at once when it runs past the memo. */
const NORMAL_BLOCK = 1024;

/**
 * Extend the memo to at least `end` values: pairs of createRng(seed).normal() drawn by the programming kernel
 * (wasm/program.ts aleaNormals: Alea and Box-Muller with V8's log, sin and cos, bit for bit), so the count stays even
 * (the spare of the last pair is already stored).
 */
function draw(s: NormalStream, end: number): void {
  if (end <= s.count) return;
  const target = evenLength(end);
  if (target > s.values.length) grow(s, Math.max(target, 2 * s.count));
  let pairs = (target - s.count) / 2;
  const kern = programKernel();
  while (pairs > 0) {
    const chunk = Math.min(pairs, DRAW_CHUNK_PAIRS);
    const done = kern.aleaNormals(s.state, s.values, s.count, chunk);
    s.count += 2 * done;
    pairs -= done;
    // The kernel refuses an angle outside its sin/cos range, unreachable with Alea's v in [0, 1): never a guess.
    if (done < chunk) throw new Error(`memoNormalRng: the programming kernel refused a Box-Muller angle (Alea state ${s.state.join(', ')})`);
  }
}

/** Pairs per kernel call (bounds the kernel memory a draw lays out: 16 bytes a pair). */
const DRAW_CHUNK_PAIRS = 1 << 16;

/** n rounded up to an even count, at least 2 (the memo holds whole pairs). */
function evenLength(n: number): number {
  return Math.max(2, n + (n & 1));
}

/** Bytes of memoised normal streams kept per process (an LRU by seed). */
export const NORMAL_MEMO_BYTES = 128 * 2 ** 20;

interface NormalStream {
  values: Float64Array;
  /** Values drawn (even). */
  count: number;
  /** Alea's state after them: s0, s1, s2, c (seedrandom's). */
  readonly state: Float64Array;
}

const normalStreams = new Map<string, NormalStream>();
let memoBytes = 0;

function grow(s: NormalStream, length: number): void {
  const values = new Float64Array(evenLength(length));
  values.set(s.values.subarray(0, s.count));
  const added = values.byteLength - s.values.byteLength;
  s.values = values;
  account(added, s);
}

/** Count `bytes` more and evict the least recently used streams (never `keep`) down to the limit. */
function account(bytes: number, keep: NormalStream): void {
  memoBytes += bytes;
  for (const [k, v] of normalStreams) {
    if (memoBytes <= NORMAL_MEMO_BYTES || v === keep) break;
    normalStreams.delete(k);
    memoBytes -= v.values.byteLength;
  }
}

/** Forget every memoised normal stream (results never depend on the memo). */
export function clearNormalMemo(): void {
  normalStreams.clear();
  memoBytes = 0;
}
