/**
 * The dataset cache: generated frame sets are kept as gzip'd binary chunks under
 * $COSEARCH_CACHE_DIR, else $XDG_CACHE_HOME/cosearch, else ~/.cache/cosearch (src/core/cacheRoot.ts). Writes are atomic
 * (a unique temporary file renamed into place), so concurrent processes never read a half-written chunk.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { cacheRoot } from '../../core/index.js';
import type { FrameSet } from './frames.js';

const MAGIC = 0x43534653; // 'CSFS'
const VERSION = 1;
const HEADER_WORDS = 7;

/** The cache folder (cacheRoot: an empty COSEARCH_CACHE_DIR, or a path that is not a directory, is refused). */
export function cacheDir(): string {
  return cacheRoot();
}

export function encodeFrameSet(s: FrameSet): Buffer {
  const entries = s.offsets[s.offsets.length - 1];
  const header = Uint32Array.from([MAGIC, VERSION, s.inputs, s.timesteps, s.count, entries, s.offsets.length]);
  const parts = [header, s.offsets, s.labels, s.index, s.value].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  return gzipSync(Buffer.concat(parts));
}

export function decodeFrameSet(zipped: Buffer, source: string): FrameSet {
  const raw = gunzipSync(zipped);
  const buf = new Uint8Array(raw).buffer; // aligned copy
  const h = new Uint32Array(buf, 0, HEADER_WORDS);
  if (h[0] !== MAGIC || h[1] !== VERSION) throw new Error(`${source}: not a cosearch frame-set chunk (version ${VERSION})`);
  const [inputs, timesteps, count, entries, nOffsets] = [h[2], h[3], h[4], h[5], h[6]];
  let at = HEADER_WORDS * 4;
  const offsets = new Uint32Array(buf, at, nOffsets);
  at += nOffsets * 4;
  const labels = new Uint8Array(buf, at, count);
  at += count;
  const index = new Uint16Array(buf.slice(at, at + entries * 2));
  at += entries * 2;
  const value = new Uint8Array(buf, at, entries);
  return { inputs, timesteps, count, labels, offsets, index, value };
}

function chunkFile(key: string): string {
  return join(cacheDir(), `${key}.bin.gz`);
}

/** The cached chunk `key` (a relative path), or undefined when it is not cached yet. */
export function readCachedFrameSet(key: string): FrameSet | undefined {
  const file = chunkFile(key);
  return existsSync(file) ? decodeFrameSet(readFileSync(file), file) : undefined;
}

/** Caches `set` as chunk `key`, atomically: a reader sees the whole chunk or none (a stopped run leaves none). */
export function writeCachedFrameSet(key: string, set: FrameSet): void {
  const file = chunkFile(key);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, encodeFrameSet(set));
  renameSync(tmp, file);
}
