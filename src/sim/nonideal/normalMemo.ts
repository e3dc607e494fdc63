/**
 * createRng(seed).normal()'s streams, memoised across calls (re-exported by normal.ts): the n-th normal of a seed is
 * computed once per process and replayed after (a cache, the same numbers). Programming and the MAC-error proxy
 * weights draw one stream per crossbar whose seed does not depend on the device, so designs that differ only in R_on,
 * ADC or crossbar size replay the same draws instead of drawing them again.
 *
 * New draws come from the programming kernel (wasm/program.ts aleaNormals: seedrandom's Alea and createRng's
 * Box-Muller with ports of V8's log, sin and cos, the same doubles; test/sim/nonideal/trig.test.ts) in whole pairs,
 * about 2x faster than createRng. The memo's arrays are carved from 8 MB chunks that are reused once every stream in
 * them is evicted: a fresh large typed array per stream cost more (allocation, first-touch page faults, garbage
 * collections triggered by external memory) than drawing its normals.
 *
 * Until the process asks for some seed a second time, a stream is not stored: it is drawn into a reused buffer and
 * its seed noted, and the second request stores it. A one-shot hardware accuracy programs every crossbar once and
 * would store ~13 MB of draws (mlp-mnist) it never replays, at ~35 ns of first-touch page faults per stored normal
 * against ~18-21 ns to draw it again. From the first repeat on, every stream is stored at its first request: in
 * npm start's search 559 of 607 streams are requested again (85% of requests are replays), so storing only from the
 * second request would draw nearly every stream twice (docs/nonidealities.md, "thirteenth pass").
 */
import type { Rng } from '../../util/rng.js';
import { aleaState } from './aleaSeed.js';
import { ChunkPool, type Chunk } from './chunkPool.js';
import { programKernel } from './programKernel.js';

/** An Rng whose normal() stream can also be taken in blocks (memoNormalRng's). */
export interface NormalBlocks extends Rng {
  /**
   * The next n normals of the stream, as n normal() calls would return them: a view to read before the next call of
   * any memoised stream (memory of evicted streams is reused).
   */
  normals(n: number): Float64Array;
}

export function hasNormalBlocks(rng: Rng): rng is NormalBlocks {
  return typeof (rng as Partial<NormalBlocks>).normals === 'function';
}

/**
 * createRng(seed).normal()'s stream from the memo. Only normal() is memoised: next() and int() of the returned Rng
 * refuse (they would break the replay). `expected`: how many draws the caller will take (the memo is sized for them at
 * once; more still work). A stream evicted while a caller holds it is taken up again from the memo (drawn again if
 * needed): the numbers never depend on the memo.
 */
export function memoNormalRng(seed: string, expected = 1024): NormalBlocks {
  if (!replaying && !normalStreams.has(seed) && !noteFirstRequest(seed)) return unstoredNormalRng(seed);
  let s = streamOf(seed, expected);
  let at = 0;
  return {
    next: refuse(seed),
    int: refuse(seed),
    normal: () => {
      if (s.evicted) s = streamOf(seed, at + 1);
      // One draw past the memo: draw a block (up to the memo's size, at least one pair) at once.
      if (at >= s.count) draw(s, Math.max(at + 1, Math.min(s.values.length, at + NORMAL_BLOCK)));
      return s.values[at++];
    },
    normals: (n) => {
      if (s.evicted) s = streamOf(seed, at + n);
      const end = at + n;
      draw(s, end);
      const block = s.values.subarray(at, end);
      at = end;
      return block;
    },
  };
}

function refuse(seed: string): () => never {
  return () => {
    throw new Error(`memoNormalRng(${seed}): only normal() is memoised`);
  };
}

/** Seeds requested once and not stored (insertion order; the oldest are forgotten past SEEN_ONCE_LIMIT). */
const seenOnce = new Set<string>();
/** Seeds noted (~30-60 characters each); only until the first repeat, so a one-shot run's crossbars at most. */
const SEEN_ONCE_LIMIT = 1 << 15;
/** Some seed was requested a second time in this process: streams are stored from their first request on. */
let replaying = false;

/** Whether `seed` was requested before (then every stream is stored from now on); notes it if not. */
function noteFirstRequest(seed: string): boolean {
  if (seenOnce.has(seed)) {
    replaying = true;
    seenOnce.clear();
    return true;
  }
  if (seenOnce.size >= SEEN_ONCE_LIMIT) seenOnce.delete(seenOnce.values().next().value as string);
  seenOnce.add(seed);
  return false;
}

/**
 * createRng(seed).normal()'s stream drawn on demand and not stored: blocks are views of the reused buffer (valid until
 * the next call of any memoised stream, as memoNormalRng's). Pairs are drawn whole; an unused second value is kept.
 */
function unstoredNormalRng(seed: string): NormalBlocks {
  const state = startState(seed);
  const pair = new Float64Array(2);
  let spare = 0;
  let hasSpare = false;
  return {
    next: refuse(seed),
    int: refuse(seed),
    normal: () => {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      drawPairs(state, pair, 0, 1);
      spare = pair[1];
      hasSpare = true;
      return pair[0];
    },
    normals: (n) => {
      const from = hasSpare ? 1 : 0;
      const pairs = Math.max(0, Math.ceil((n - from) / 2));
      const out = scratch(from + 2 * pairs);
      if (hasSpare) out[0] = spare;
      drawPairs(state, out, from, pairs);
      hasSpare = from + 2 * pairs > n;
      if (hasSpare) spare = out[n];
      return out.subarray(0, n);
    },
  };
}

/** Bytes of memoised normal streams kept per process (an LRU by seed; chunks count whole while any stream uses them). */
export const NORMAL_MEMO_BYTES = 128 * 2 ** 20;
let memoLimit = NORMAL_MEMO_BYTES;

/** Draws memoNormalRng's normal() takes at once when it runs past the memo. */
const NORMAL_BLOCK = 1024;

/** Pairs per kernel call (bounds the kernel memory a draw lays out: 16 bytes a pair). */
const DRAW_CHUNK_PAIRS = 1 << 16;

/**
 * Small streams are carved from 8 MB chunks (larger ones, over a quarter of a chunk, get their own array); 4 emptied
 * chunks are kept for reuse beyond the memo limit. The memo counts a chunk whole from the moment it is opened until
 * it is emptied.
 */
const MEMO_CHUNK_BYTES = 8 * 2 ** 20;
const chunks = new ChunkPool(MEMO_CHUNK_BYTES, 4, 8, () => (memoBytes += MEMO_CHUNK_BYTES), () => (memoBytes -= MEMO_CHUNK_BYTES));

interface NormalStream {
  values: Float64Array;
  /** The chunk `values` is carved from (null: its own array). */
  chunk: Chunk | null;
  /** Values drawn (even). */
  count: number;
  /** Alea's state after them: s0, s1, s2, c (seedrandom's). */
  readonly state: Float64Array;
  /** Dropped from the memo: its memory may be reused, holders take the seed's stream up again. */
  evicted: boolean;
}

const normalStreams = new Map<string, NormalStream>();
/** Bytes held: own arrays plus whole chunks in use (the current one included). */
let memoBytes = 0;
const EMPTY = new Float64Array(0);

/** The seed's memoised stream (created with room for `expected` values), marked most recently used. */
function streamOf(seed: string, expected: number): NormalStream {
  let s = normalStreams.get(seed);
  if (s) {
    normalStreams.delete(seed); // re-inserted: most recently used last
    if (s.values.length < expected) grow(s, expected);
  } else {
    s = { values: EMPTY, chunk: null, count: 0, state: startState(seed), evicted: false };
    place(s, evenLength(expected));
  }
  normalStreams.set(seed, s);
  return s;
}

/**
 * Extend the memo to at least `end` values: pairs drawn by the programming kernel, so the count stays even (the spare
 * of the last pair is already stored).
 */
function draw(s: NormalStream, end: number): void {
  if (end <= s.count) return;
  const target = evenLength(end);
  if (target > s.values.length) grow(s, Math.max(target, 2 * s.count));
  s.count = drawPairs(s.state, s.values, s.count, (target - s.count) / 2);
}

/** `pairs` pairs from the Alea `state` (advanced) into values[from..]: the index after them. */
function drawPairs(state: Float64Array, values: Float64Array, from: number, pairs: number): number {
  const kern = programKernel();
  while (pairs > 0) {
    const chunk = Math.min(pairs, DRAW_CHUNK_PAIRS);
    const done = kern.aleaNormals(state, values, from, chunk);
    from += 2 * done;
    pairs -= done;
    // The kernel refuses an angle outside its sin/cos range, unreachable with Alea's v in [0, 1): never a guess.
    if (done < chunk) throw new Error(`memoNormalRng: the programming kernel refused a Box-Muller angle (Alea state ${state.join(', ')})`);
  }
  return from;
}

let onceBuffer = EMPTY;

/** The reused buffer of unstored draws, at least `length` long (grown by doubling). */
function scratch(length: number): Float64Array {
  if (onceBuffer.length < length) onceBuffer = new Float64Array(Math.max(length, 2 * onceBuffer.length));
  return onceBuffer;
}

/**
 * The first n normals of createRng(seed).normal(), not memoised (a view of a reused buffer, valid until the next
 * call). For a stream whose caller keeps its own cache (a proxy's quantised weights, macError.ts): in the memo it
 * would cost ~35 ns of first-touch page faults per normal here, while drawing it again costs ~21 ns
 * (docs/nonidealities.md, "twelfth pass").
 */
export function normalsOnce(seed: string, n: number): Float64Array {
  const known = normalStreams.get(seed);
  if (known && known.count >= n) return known.values.subarray(0, n);
  const length = evenLength(n);
  const out = scratch(length);
  drawPairs(startState(seed), out, 0, length / 2);
  return out.subarray(0, n);
}

/** Alea's state for a seed: s0, s1, s2, c (seedrandom's). */
function startState(seed: string): Float64Array {
  return aleaState(seed, new Float64Array(4));
}

/** n rounded up to an even count, at least 2 (the memo holds whole pairs). */
function evenLength(n: number): number {
  return Math.max(2, n + (n & 1));
}

function grow(s: NormalStream, length: number): void {
  const old = s.values;
  const oldChunk = s.chunk;
  place(s, evenLength(length));
  s.values.set(old.subarray(0, s.count));
  release(old, oldChunk);
}

/** New room for `length` values of s: carved from the current chunk, or its own array when large. */
function place(s: NormalStream, length: number): void {
  const bytes = 8 * length;
  if (bytes > MEMO_CHUNK_BYTES / 4) {
    s.values = new Float64Array(length);
    s.chunk = null;
    account(bytes, s);
    return;
  }
  // A reused chunk still holds old draws: never read, since only values below `count` are.
  const { chunk, offset } = chunks.carve(bytes);
  s.values = new Float64Array(chunk.buffer, offset, length);
  s.chunk = chunk;
  account(0, s); // the chunk, if a new one was opened, is counted already
}

/** values (in `chunk`, or its own array) of a stream no longer uses them. */
function release(values: Float64Array, chunk: Chunk | null): void {
  if (chunk) chunks.drop(chunk);
  else memoBytes -= values.byteLength;
}

/** Count `bytes` more and evict the least recently used streams (never `keep`) down to the limit. */
function account(bytes: number, keep: NormalStream): void {
  memoBytes += bytes;
  for (const [k, v] of normalStreams) {
    if (memoBytes <= memoLimit || v === keep) break;
    normalStreams.delete(k);
    evict(v);
  }
}

function evict(s: NormalStream): void {
  s.evicted = true;
  const { values, chunk } = s;
  s.values = EMPTY;
  s.chunk = null;
  s.count = 0;
  release(values, chunk);
}

/** Forget every memoised normal stream (results never depend on the memo). */
export function clearNormalMemo(): void {
  for (const s of normalStreams.values()) s.evicted = true;
  normalStreams.clear();
  seenOnce.clear();
  replaying = false;
  memoBytes = 0;
  chunks.reset();
}

/** For tests: the memo's byte limit (returns the previous one); evicts down to it at the next stream's growth. */
export function setNormalMemoLimit(bytes: number): number {
  const before = memoLimit;
  memoLimit = bytes;
  return before;
}

/** For tests: bytes counted, streams held, chunks ever created and chunks waiting for reuse. */
export function normalMemoStats(): { bytes: number; streams: number; chunksCreated: number; freeChunks: number } {
  return { bytes: memoBytes, streams: normalStreams.size, chunksCreated: chunks.created, freeChunks: chunks.freeCount };
}
