/**
 * Band arrays carved from shared 2 MB buffers (band.ts). A fresh buffer per band (a few hundred KB each, thousands
 * per search) costs more in allocation, page faults and the garbage collections its external memory triggers than
 * programming the band, so buffers are reused once every view carved from them is gone:
 * - Views taken inside `ownedBy(owner, ...)` belong to that owner (the MAC-error cache's proxies, macError.ts; the
 *   network an accuracy evaluation programs, accuracy.ts hardwarePredictions).
 *   `owner.release()` gives them back at once and marks the owner's bands released: a later read of one throws
 *   (bandKernel.ts prepare) instead of reading a reused buffer.
 * - Other views are counted out by a FinalizationRegistry when the collector has taken them.
 * A buffer with no view left goes to a bounded free list; its old contents are overwritten by the caller (buildBand
 * writes every element of a view it takes).
 */
import { RELEASED_EPOCH, type Residence } from './bandKernel.js';
import { ChunkPool, type Chunk } from './chunkPool.js';

/** 2 MB buffers, 32 kept for reuse (beyond that they are left to the collector), views 16-byte aligned. */
const pool = new ChunkPool(2 * 2 ** 20, 32, 16);

const collected = new FinalizationRegistry<Chunk>((chunk) => pool.drop(chunk));

/** The holder of band arrays that frees them explicitly (see the header). */
export class SlabOwner {
  private readonly chunks: Chunk[] = [];
  private readonly residences: Residence[] = [];
  private released = false;

  /** @internal slabF32 */
  hold(chunk: Chunk): void {
    this.chunks.push(chunk);
  }

  /** @internal band.ts: the band whose arrays this owner holds. */
  holdBand(res: Residence): void {
    this.residences.push(res);
  }

  /** Give every view back and mark the bands released (a read of one throws). Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const res of this.residences) res.epoch = RELEASED_EPOCH;
    for (const chunk of this.chunks) pool.drop(chunk);
    this.chunks.length = 0;
    this.residences.length = 0;
  }
}

let owner: SlabOwner | null = null;

/** Run `f` with the band arrays it allocates held by `o`. */
export function ownedBy<T>(o: SlabOwner, f: () => T): T {
  const outer = owner;
  owner = o;
  try {
    return f();
  } finally {
    owner = outer;
  }
}

/** The owner of arrays allocated now (null: the collector's). */
export function currentSlabOwner(): SlabOwner | null {
  return owner;
}

/** Buffers this thread has allocated so far (tests: an owner that gives its arrays back makes later ones reuse them). */
export function slabBuffersCreated(): number {
  return pool.created;
}

/** A Float32Array of `length` elements (contents undefined: the caller writes all of them). */
export function slabF32(length: number): Float32Array {
  const bytes = 4 * length;
  if (bytes > pool.chunkBytes / 4) return new Float32Array(length);
  const { chunk, offset } = pool.carve(bytes);
  const view = new Float32Array(chunk.buffer, offset, length);
  if (owner) owner.hold(chunk);
  else collected.register(view, chunk);
  return view;
}
