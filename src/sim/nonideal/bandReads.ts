/**
 * A differential-pair layer's deterministic reads in one WebAssembly call (wasm/crossbar.ts readBands): the input's
 * quantisation, the row lists per input-bit plane, every changed band's reads (gather, IR-drop correction, sigmas)
 * and the twins' combination, written into a read cache (readCache.ts). The same numbers as layer.ts readAnalog's
 * JS loop, read by read; it saves the JS work and the calls per read, which dominate a conv layer's small reads
 * (cnn-mnist: ~4,000 reads of 8-14 rows per sample). A read with columns above the series limit (band.ts
 * SERIES_LIMIT: exact cosh terms) is redone in JS (readBandAt).
 *
 * The layer's own block in the kernel's arena (claimed with its caches, bindCache) holds a table of its bands (their
 * resident cells, the IR basis functions f1/f2), the input and its quantisation, the row lists and, for a conv layer
 * gathered in the kernel (readGathered), its gather table: copied once per arena epoch, not per call (57.6 KB for
 * cnn-mnist's conv1, 102 KB for conv2, four timesteps a sample).
 */
import { readBandAt, SERIES_LIMIT, type Band } from './band.js';
import { notResident, type ReadBandsArgs, type ReadKernel } from './bandKernel.js';
import { countsPtr, lastIntPtr, sigmaPtr, valuesPtr, type CacheShape, type LayerBlock, type ReadCache } from './readCache.js';

/** f64 per band in readBands' table: cell, noise, rows, start, f1, f2, pedestal, alphaSq, resident row stride. */
const BAND_RECORD = 9;

export class BandReader {
  /** The block's bytes grow when a gather table needs more room (roomForGather). */
  readonly block: { readonly mem: LayerBlock['mem']; bytes: number };
  /** Byte offsets in the block. */
  private readonly at: { conv: number; f1: number; f2: number; x: number; xInt: number; lists: number; exact: number; gather: number };
  /** i32 entries of gather table the block has room for (at.gather on). */
  private gatherRoom = 0;
  /**
   * The gather table in the block: the caller's table (by identity: a graph's gather tables never change, see
   * LayerEngine.mvmGathered), its first `n` entries, copied in the kernel's epoch `epoch`.
   */
  private readonly gatherHeld: { epoch: number; table: Int32Array | null; n: number } = { epoch: -1, table: null, n: 0 };
  private readonly rowsCap: number;
  /** The epoch in which the band table was written. */
  private filled = -1;
  /** Views of the block, made in the kernel's epoch `epoch` (the block and the memory's buffer stay put within one). */
  private view: { epoch: number; x: Float32Array; exact: Int32Array } = { epoch: -1, x: new Float32Array(0), exact: new Int32Array(0) };
  private readonly args: ReadBandsArgs;
  private readonly list: Int32Array;
  private readonly to: { values: Float32Array; valuesPtr: number; sigma: Float32Array | null; sigmaPtr: number } =
    { values: new Float32Array(0), valuesPtr: 0, sigma: null, sigmaPtr: 0 };

  constructor(
    private readonly bands: readonly Band[],
    private readonly bandStart: readonly number[],
    private readonly shape: CacheShape,
    planes: number,
    cols: number,
    direct: boolean,
    maxCode: number,
    /** Per band, its converter's step and largest code (records of readPositions). */
    private readonly converters: readonly { readonly lsb: number; readonly maxCode: number }[],
  ) {
    const n = bands.length;
    const rowsCap = Math.max(...bands.map((b) => b.rows));
    this.rowsCap = rowsCap;
    const conv = 8 * BAND_RECORD * n;
    const f1 = conv + 8 * 3 * n;
    const f2 = f1 + 8 * n * rowsCap;
    const x = f2 + 8 * n * rowsCap;
    const xInt = x + 8 * Math.ceil(shape.inputs / 2);
    const lists = xInt + 4 * shape.inputs;
    const exact = lists + 4 * planes * rowsCap;
    const gather = exact + 4 * (shape.reads + 1);
    this.at = { conv, f1, f2, x, xInt, lists, exact, gather };
    this.block = { mem: notResident(), bytes: gather };
    this.list = new Int32Array(rowsCap);
    this.args = {
      table: 0, nBands: n, x: 0, inputs: shape.inputs, direct, maxCode, xInt: 0, lastInt: 0, hasLast: false, planes, lists: 0,
      listCap: rowsCap, planeCount: 0, values: 0, sigma: 0, stride: shape.stride, cols, totalCols: bands[0].cols,
      seriesLimit: SERIES_LIMIT, exact: 0,
    };
  }

  /**
   * readAnalog of x[from .. from + inputs - 1] into `cache` (bound in this epoch with this reader's block: bindCache).
   */
  read(k: ReadKernel, cache: ReadCache, x: Float32Array, from: number): void {
    const { x: xk, exact } = this.ready(k);
    const inputs = this.shape.inputs;
    for (let i = 0; i < inputs; i++) xk[i] = x[from + i];
    const a = this.args;
    a.lastInt = lastIntPtr(cache, this.shape);
    a.planeCount = countsPtr(cache, this.shape);
    a.values = valuesPtr(cache, this.shape, 0);
    a.sigma = sigmaPtr(cache, this.shape, 0);
    a.hasLast = cache.hasLast;
    cache.sumX = k.readBands(a);
    for (let e = 1; e <= exact[0]; e++) this.exact(k, cache, exact[e]);
    const lastX = cache.lastX;
    for (let i = 0; i < inputs; i++) lastX[i] = x[from + i];
    cache.hasLast = true;
  }

  /**
   * readPositions: `positions` positions (xs: positions x inputs) in caches[p], each bound in this epoch with this
   * reader's block, its block pointer in k.slots[p] and its hasLast in k.flags[p] (layer.ts batchPositions); records
   * into k.table and k.counts. Returns the record count. k.draws must hold positions x inputs f32 (the inputs go there).
   */
  readPositions(k: ReadKernel, caches: readonly ReadCache[], xs: Float32Array, positions: number): number {
    const inputs = this.shape.inputs;
    new Float32Array(k.memory.buffer, k.ptr.draws, positions * inputs).set(xs.subarray(0, positions * inputs));
    return this.readPositionsAt(k, caches, positions);
  }

  /**
   * Make the block hold a gather table of `n` entries. True when it had less room: the block is given up (its
   * contents are rebuilt in the next bind), and the caller must bind its caches and this block again before
   * readGathered (layer.ts mvmGathered). Once per layer in a run (a graph's table has one size per layer).
   */
  roomForGather(n: number): boolean {
    if (n <= this.gatherRoom) return false;
    this.gatherRoom = n;
    this.block.bytes = this.at.gather + 4 * n;
    this.block.mem.epoch = -1;
    this.filled = -1;
    this.view.epoch = -1;
    this.gatherHeld.epoch = -1;
    return true;
  }

  /**
   * readPositions of the positions' inputs gathered in the kernel (im2col): xs[p * inputs + i] = input[gather[...]]
   * as f32 (the bytes SnnRunner's JS gather writes). k.draws must hold positions x inputs + input.length f32, and
   * the block room for positions x inputs gather entries (roomForGather). `gather` must not change between calls:
   * the block keeps the copy made the first time it was passed in this epoch.
   */
  readGathered(k: ReadKernel, caches: readonly ReadCache[], input: Float64Array, gather: Int32Array, positions: number): number {
    const n = positions * this.shape.inputs;
    if (n > this.gatherRoom) throw new RangeError(`readGathered: got ${n} gather entries, expected at most the block's ${this.gatherRoom} (roomForGather first)`);
    const buffer = k.memory.buffer;
    const tableAt = this.block.mem.cell + this.at.gather;
    const held = this.gatherHeld;
    if (held.epoch !== k.epoch || held.table !== gather || held.n < n) {
      new Int32Array(buffer, tableAt, n).set(gather.subarray(0, n));
      held.epoch = k.epoch;
      held.table = gather;
      held.n = n;
    }
    const inputAt = k.ptr.draws + 4 * n;
    new Float32Array(buffer, inputAt, input.length).set(input);
    k.gatherPositions(inputAt, tableAt, n, k.ptr.draws);
    return this.readPositionsAt(k, caches, positions);
  }

  /** readPositions with the positions' inputs already at k.ptr.draws. */
  private readPositionsAt(k: ReadKernel, caches: readonly ReadCache[], positions: number): number {
    const { exact } = this.ready(k);
    k.state[0] = 0;
    for (let from = 0; from < positions;) {
      from = k.readPositions(this.args, from, positions, k.ptr.draws, this.block.mem.cell + this.at.conv, this.shape.reads, this.shape.noisy);
      for (let e = 1; e <= exact[0]; e++) this.exact(k, caches[from - 1], exact[e]);
    }
    for (let p = 0; p < positions; p++) caches[p].hasLast = true;
    return k.state[0];
  }

  /** The block's band table and views in this epoch; the argument pointers into the block. */
  private ready(k: ReadKernel): { x: Float32Array; exact: Int32Array } {
    const base = this.block.mem.cell;
    if (this.filled !== k.epoch) this.fill(k, base);
    if (this.view.epoch !== k.epoch) {
      const buffer = k.memory.buffer;
      this.view = { epoch: k.epoch, x: new Float32Array(buffer, base + this.at.x, this.shape.inputs),
        exact: new Int32Array(buffer, base + this.at.exact, this.shape.reads + 1) };
    }
    const a = this.args;
    a.table = base;
    a.x = base + this.at.x;
    a.xInt = base + this.at.xInt;
    a.lists = base + this.at.lists;
    a.exact = base + this.at.exact;
    return this.view;
  }

  /** The band table and the bands' f1 / f2 in this epoch's block (the bands are resident: bindCache). */
  private fill(k: ReadKernel, base: number): void {
    const buffer = k.memory.buffer;
    const n = this.bands.length;
    const table = new Float64Array(buffer, base, BAND_RECORD * n);
    const conv = new Float64Array(buffer, base + this.at.conv, 3 * n);
    for (let b = 0; b < n; b++) {
      const band = this.bands[b];
      const f1 = base + this.at.f1 + 8 * b * this.rowsCap;
      const f2 = base + this.at.f2 + 8 * b * this.rowsCap;
      new Float64Array(buffer, f1, band.rows).set(band.f1);
      new Float64Array(buffer, f2, band.rows).set(band.f2);
      table.set([band.residence.cell, band.residence.noise, band.rows, this.bandStart[b], f1, f2, band.pedestal, band.colAlphaSqPerLevel,
        band.residence.stride],
        BAND_RECORD * b);
      const { lsb, maxCode } = this.converters[b];
      conv.set([1 / lsb, lsb, maxCode], 3 * b);
    }
    this.filled = k.epoch;
  }

  /** Read r (band x plane) in JS: it has columns above the series limit (readBandAt evaluates their cosh terms). */
  private exact(k: ReadKernel, cache: ReadCache, r: number): void {
    const planes = this.args.planes;
    const b = Math.floor(r / planes);
    const p = r % planes;
    const band = this.bands[b];
    const start = this.bandStart[b];
    const xInt = cache.lastInt;
    let n = 0;
    for (let row = 0; row < band.rows; row++) {
      const v = xInt[start + row];
      if (planes === 1 ? v !== 0 : (v >> p) & 1) this.list[n++] = row;
    }
    const to = this.to;
    to.values = cache.planeAnalog[r];
    to.valuesPtr = valuesPtr(cache, this.shape, r);
    to.sigma = cache.planeSigma[r];
    to.sigmaPtr = sigmaPtr(cache, this.shape, r);
    readBandAt(band, this.list, n, to);
    k.pairCombine(to.valuesPtr, to.sigmaPtr, this.args.cols, to.sigma !== null);
  }
}
