/**
 * Compact trained-weights files for the learning trainer (`.snnw`): gzip of
 *   'CSNW' | u32 header length | header JSON (UTF-8) | per layer: float32 scale, then fanIn x fanOut int8 (row-major;
 *   a conv layer, listed in the header's `conv` (one entry per layer, null = fully connected): its kernel's weights)
 * with symmetric per-layer 8-bit quantisation (scale = max|w| / 127). The header carries the network sizes, the
 * exact command, seed, training time and accuracies, so a file says how to regenerate itself.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConfigError } from '../../core/errors.js';
import { type ConvShape, convWeightCount } from './conv.js';

const MAGIC = 'CSNW';
export const SNNW_FORMAT = 'cosearch-learned-weights/1';

export interface LearnedWeightsHeader {
  readonly format: typeof SNNW_FORMAT;
  readonly sizes: readonly number[];
  readonly bits: 8;
  readonly [key: string]: unknown;
}

export function encodeLearnedWeights(meta: Record<string, unknown>, sizes: readonly number[], weights: readonly Float32Array[]): Buffer {
  const header = Buffer.from(JSON.stringify({ format: SNNW_FORMAT, sizes, bits: 8, ...meta }), 'utf8');
  const parts: Buffer[] = [Buffer.from(MAGIC, 'latin1'), Buffer.from(Uint32Array.from([header.length]).buffer), header];
  for (const w of weights) {
    let max = 0;
    for (const v of w) max = Math.max(max, Math.abs(v));
    const scale = max > 0 ? max / 127 : 1;
    const q = new Int8Array(w.length);
    for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i] / scale);
    parts.push(Buffer.from(Float32Array.from([scale]).buffer), Buffer.from(q.buffer));
  }
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function decodeLearnedWeights(zipped: Buffer, source: string): { header: LearnedWeightsHeader; weights: Float32Array[] } {
  const raw = gunzipSync(zipped);
  if (raw.toString('latin1', 0, 4) !== MAGIC) throw new ConfigError(`${source}: got no ${MAGIC} magic, expected a .snnw weights file`);
  const len = raw.readUInt32LE(4);
  const parsed: unknown = JSON.parse(raw.toString('utf8', 8, 8 + len));
  if (typeof parsed !== 'object' || parsed === null || !('format' in parsed) || parsed.format !== SNNW_FORMAT || !('sizes' in parsed)
    || !Array.isArray(parsed.sizes)) {
    throw new ConfigError(`${source}: header is not ${SNNW_FORMAT}`);
  }
  const sizes = parsed.sizes.map(Number);
  const conv = 'conv' in parsed && Array.isArray(parsed.conv) ? (parsed.conv as (ConvShape | null)[]) : [];
  const header: LearnedWeightsHeader = { ...parsed, format: SNNW_FORMAT, sizes, bits: 8 };
  let at = 8 + len;
  const weights = sizes.slice(1).map((n, l) => {
    const scale = raw.readFloatLE(at);
    at += 4;
    const c = conv[l];
    const count = c ? convWeightCount(c) : sizes[l] * n;
    const w = new Float32Array(count);
    for (let i = 0; i < count; i++) w[i] = raw.readInt8(at + i) * scale;
    at += count;
    return w;
  });
  if (at !== raw.length) throw new ConfigError(`${source}: ${raw.length - at} bytes left over, expected none for sizes ${sizes.join('-')}`);
  return { header, weights };
}
