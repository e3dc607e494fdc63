/**
 * A layer's read cache (layer.ts useSlot): the deterministic part of the last read of one slot, per band and
 * input-bit plane, kept in the read kernel's memory (bandKernel.ts) so a read writes its columns where the
 * conversion reads them. The block is claimed in the kernel's arena and lost when the arena resets (a new epoch):
 * the cache then reads as empty and the next read recomputes it (the same numbers: a cache only).
 */
import { notResident, type ReadKernel, type Residence } from './bandKernel.js';
import type { KernelBand } from './bandKernel.js';

export interface ReadCache {
  /**
   * Where the block sits: `reads` value vectors, then (noisy) `reads` sigma vectors, `stride` f32 each (docs/nonidealities.md, sixteenth pass); then
   * planeCount (`reads` i32), lastInt (`inputs` i32) and lastX (`inputs` f32).
   */
  readonly mem: Residence;
  /**
   * Views of the block (per band x plane), made in the kernel's epoch `viewEpoch`: within an epoch neither the
   * kernel's memory buffer nor the block moves (WebAssembly.Memory.buffer is a slow getter to check per read).
   */
  planeAnalog: Float32Array[];
  planeSigma: (Float32Array | null)[];
  viewEpoch: number;
  /** Rows driven per read (band x plane); a view of the block. */
  planeCount: Int32Array;
  /** The last read's input (a view of the block). */
  lastX: Float32Array;
  /** The last read's quantised input: a band whose rows are unchanged keeps its analog read (a view of the block). */
  lastInt: Int32Array;
  hasLast: boolean;
  sumX: number;
  /** Noise-free layers: the digital sums of the last read (the whole read is deterministic then), and the layer
   * (converter) that computed them, null when stale. */
  readonly lastDigital: Float64Array | null;
  digitalBy: object | null;
}

/** The shape of a layer's caches. */
export interface CacheShape {
  /** bands x input-bit planes. */
  readonly reads: number;
  /** f32 per read vector (the bands' row stride: a multiple of the kernel's 4 lanes). */
  readonly stride: number;
  readonly noisy: boolean;
  readonly inputs: number;
  readonly outputs: number;
}

export function newReadCache(shape: CacheShape): ReadCache {
  return {
    mem: notResident(),
    planeAnalog: [],
    planeSigma: [],
    viewEpoch: -1,
    planeCount: new Int32Array(0),
    lastX: new Float32Array(0),
    lastInt: new Int32Array(0),
    hasLast: false,
    sumX: 0,
    lastDigital: shape.noisy ? null : new Float64Array(shape.outputs),
    digitalBy: null,
  };
}

/** Byte offset of read k's values (and its sigma) in a cache block. */
export function valuesPtr(cache: ReadCache, shape: CacheShape, k: number): number {
  return cache.mem.cell + 4 * shape.stride * k;
}

export function sigmaPtr(cache: ReadCache, shape: CacheShape, k: number): number {
  return shape.noisy ? cache.mem.cell + 4 * shape.stride * (shape.reads + k) : 0;
}

/** Byte offset of a cache block's planeCount (lastInt follows it). */
export function countsPtr(cache: ReadCache, shape: CacheShape): number {
  return cache.mem.cell + 4 * shape.stride * shape.reads * (shape.noisy ? 2 : 1);
}

export function lastIntPtr(cache: ReadCache, shape: CacheShape): number {
  return countsPtr(cache, shape) + 4 * shape.reads;
}

/** A block a layer keeps in the kernel's arena beside its caches (bandReads.ts), claimed with them. */
export interface LayerBlock {
  readonly mem: Residence;
  readonly bytes: number;
}

/**
 * Make `cache` usable for a read of `bands` in the kernel's current epoch: every band resident, the cache's block
 * claimed (an empty cache when it is new), the views fresh. `bound` holds the epoch in which the bands were all made
 * resident (skips the check while nothing was reset); `block`, a layer's own block, is claimed in the same epoch. Kernel scratch for `draws`/`reads` (one layer multiply) too.
 */
export function bindCache(k: ReadKernel, cache: ReadCache, shape: CacheShape, bands: readonly KernelBand[], caps: { rows: number; draws: number },
  bound: { epoch: number }, block: LayerBlock | null = null): void {
  if (bound.epoch !== k.epoch || cache.mem.epoch !== k.epoch) {
    const bytes = 4 * shape.stride * shape.reads * (shape.noisy ? 2 : 1) + 4 * (shape.reads + 2 * shape.inputs);
    for (let tries = 0; ; tries++) {
      k.reserve(caps.rows, shape.stride, caps.draws, shape.reads);
      const epoch = k.epoch;
      for (const band of bands) k.prepare(band);
      if (block) k.claim(block.mem, block.bytes);
      if (k.claim(cache.mem, bytes)) {
        cache.hasLast = false;
        cache.digitalBy = null;
      }
      if (k.epoch === epoch) break; // nothing reset while binding: all of it is in this epoch
      if (tries >= 1 && !k.widen()) throw new RangeError(`read cache: a layer's bands and one read cache (${bytes} bytes) do not fit the read kernel's arena`);
    }
    bound.epoch = k.epoch;
  }
  if (cache.viewEpoch === k.epoch) return;
  const buffer = k.memory.buffer;
  const { reads, stride } = shape;
  cache.planeAnalog = Array.from({ length: reads }, (_, i) => new Float32Array(buffer, valuesPtr(cache, shape, i), stride));
  cache.planeSigma = Array.from({ length: reads }, (_, i) => (shape.noisy ? new Float32Array(buffer, sigmaPtr(cache, shape, i), stride) : null));
  cache.planeCount = new Int32Array(buffer, countsPtr(cache, shape), reads);
  cache.lastInt = new Int32Array(buffer, lastIntPtr(cache, shape), shape.inputs);
  cache.lastX = new Float32Array(buffer, lastIntPtr(cache, shape) + 4 * shape.inputs, shape.inputs);
  cache.viewEpoch = k.epoch;
}
