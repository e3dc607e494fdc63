/**
 * Typed-array views carved from large reusable buffers (bump allocation), for the per-band arrays (slab.ts) and the
 * memoised normal streams (normalMemo.ts): thousands of fresh arrays of a few hundred KB each cost more in allocation,
 * first-touch page faults and the collections their external memory triggers than the work that fills them. A chunk
 * counts its live views; once it is full and its last view is dropped it is retired: kept for reuse up to a bound,
 * else left to the collector. Callers overwrite what they carve (a reused chunk still holds old values).
 */
export interface Chunk {
  readonly buffer: ArrayBuffer;
  /** Bytes handed out. */
  used: number;
  /** Views handed out and not yet dropped. */
  live: number;
}

export class ChunkPool {
  private current: Chunk | null = null;
  private readonly free: Chunk[] = [];
  /** Chunks ever allocated (for tests). */
  created = 0;

  /**
   * `onOpen` / `onRetire`: a chunk became the current one (new or reused) / was emptied and is no longer current
   * (a memory account's hooks).
   */
  constructor(
    readonly chunkBytes: number,
    private readonly freeLimit: number,
    private readonly align: number,
    private readonly onOpen: () => void = () => {},
    private readonly onRetire: () => void = () => {},
  ) {}

  /** Room for `bytes` (at most chunkBytes) in the current chunk, opening another when it is full: the chunk and offset. */
  carve(bytes: number): { readonly chunk: Chunk; readonly offset: number } {
    if (!this.current || this.current.used + bytes > this.chunkBytes) {
      const full = this.current;
      this.current = this.free.pop() ?? this.newChunk();
      this.current.used = 0;
      this.onOpen();
      // A full chunk whose views are all gone already is free now (its last one went while it was current).
      if (full && full.live === 0) this.retire(full);
    }
    const chunk = this.current;
    const offset = chunk.used;
    chunk.used += Math.ceil(bytes / this.align) * this.align;
    chunk.live++;
    return { chunk, offset };
  }

  /** One view of `chunk` is no longer used. */
  drop(chunk: Chunk): void {
    chunk.live--;
    if (chunk.live === 0 && chunk !== this.current) this.retire(chunk);
  }

  /** Chunks waiting for reuse. */
  get freeCount(): number {
    return this.free.length;
  }

  /** Forget the current and free chunks (views still held keep their buffers until collected). */
  reset(): void {
    this.current = null;
    this.free.length = 0;
  }

  private newChunk(): Chunk {
    this.created++;
    return { buffer: new ArrayBuffer(this.chunkBytes), used: 0, live: 0 };
  }

  private retire(chunk: Chunk): void {
    this.onRetire();
    if (this.free.length < this.freeLimit) this.free.push(chunk);
  }
}
