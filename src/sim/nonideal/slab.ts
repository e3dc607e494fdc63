/**
 * Band arrays carved from shared 2 MB buffers (band.ts). A fresh buffer per band (a few hundred KB each, thousands
 * per search) costs more in allocation, page faults and the garbage collections its external memory triggers than
 * programming the band, so buffers are reused once every view carved from them is gone:
 * - Views taken inside `ownedBy(owner, ...)` belong to that owner (the MAC-error cache's proxies, macError.ts).
 *   `owner.release()` gives them back at once and marks the owner's bands released: a later read of one throws
 *   (bandKernel.ts prepare) instead of reading a reused buffer.
 * - Other views are counted out by a FinalizationRegistry when the collector has taken them.
 * A buffer with no view left goes to a bounded free list; its old contents are overwritten by the caller (buildBand
 * writes every element of a view it takes).
 */
import { RELEASED_EPOCH, type Residence } from './bandKernel.js';

const SLAB_BYTES = 2 * 2 ** 20;
/** Empty buffers kept for reuse (32 x 2 MB); beyond that they are left to the collector. */
const FREE_LIMIT = 32;

interface Slab {
  readonly buffer: ArrayBuffer;
  used: number;
  /** Views handed out and neither collected nor released. */
  live: number;
}

let current: Slab | null = null;
const free: ArrayBuffer[] = [];

function drop(s: Slab): void {
  s.live--;
  if (s.live === 0 && s !== current && free.length < FREE_LIMIT) free.push(s.buffer);
}

const collected = new FinalizationRegistry<Slab>(drop);

/** The holder of band arrays that frees them explicitly (see the header). */
export class SlabOwner {
  private readonly slabs: Slab[] = [];
  private readonly residences: Residence[] = [];
  private released = false;

  /** @internal slabF32 */
  hold(s: Slab): void {
    this.slabs.push(s);
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
    for (const s of this.slabs) drop(s);
    this.slabs.length = 0;
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

/** A Float32Array of `length` elements (contents undefined: the caller writes all of them). */
export function slabF32(length: number): Float32Array {
  const bytes = 4 * length;
  if (bytes > SLAB_BYTES / 4) return new Float32Array(length);
  if (!current || current.used + bytes > SLAB_BYTES) {
    const full = current;
    current = { buffer: free.pop() ?? new ArrayBuffer(SLAB_BYTES), used: 0, live: 0 };
    // A full buffer whose views are all gone already is free now (its last one went while it was current).
    if (full && full.live === 0 && free.length < FREE_LIMIT) free.push(full.buffer);
  }
  const s = current;
  const view = new Float32Array(s.buffer, s.used, length);
  s.used += Math.ceil(bytes / 16) * 16;
  s.live++;
  if (owner) owner.hold(s);
  else collected.register(view, s);
  return view;
}
