/**
 * The WebAssembly side of a band read (wasm/crossbar.ts): one kernel instance per thread, the bands it has read
 * resident in its memory, and the scratch a read uses. A band keeps its cells in JS (the source of truth); the first
 * read copies them into the kernel's arena, later reads use that copy. The arena is bounded: when the bands read
 * since the last reset outgrow it, it is reset and bands are copied again on their next read (a cache, so results
 * never depend on it).
 */
import { instantiateKernel, WASM_PAGE_BYTES, type WasmHeap } from '../../util/wasm.js';
import { CROSSBAR_FUNCTIONS, type CrossbarExports } from './crossbarExports.js';
import { FN, KN, SQUEEZE, WN, type NormalKernel } from './normal.js';
import { residentStride, RELEASED_EPOCH, type KernelBand, type Residence } from './residence.js';

export { notResident, RELEASED_EPOCH, residentStride, type KernelBand, type Residence } from './residence.js';

/**
 * Bands resident at once, in bytes (mlp-mnist's bands take ~1.5 MB, cnn-mnist's ~0.6 MB), with layers' read caches
 * (claim). The arena is a ring, so all of it is written once it wraps, and a first write costs a page fault: ~4-5 ms
 * CPU per MB here against ~0.07 ms to copy a band in again (docs/nonidealities.md, "twelfth pass"). It starts at
 * ARENA_START_BYTES and doubles, up to ARENA_LIMIT_BYTES, once the bytes copied or claimed again (held the epoch
 * before) since the last doubling exceed RECOPY_PER_ARENA_BYTE times its size, or a block needs it.
 */
const ARENA_START_BYTES = 16 * 2 ** 20;
const ARENA_LIMIT_BYTES = 64 * 2 ** 20;
const RECOPY_PER_ARENA_BYTE = 32; // half the measured cost ratio of a first touch to a copy per byte (rows, lost caches)
const MIN_ROWS = 64;
const MIN_STRIDE = 256;
const MAX_SLICES = 64;
/** f64 per record of convertReads' table (wasm/crossbar.ts). */
export const READ_RECORD = 6;

/** How much scratch a read needs: rows and columns of a band; draws, records and digital sums of one batch. */
interface Caps {
  rows: number;
  cols: number;
  draws: number;
  reads: number;
  outs: number;
}

/** The scratch regions, each with its element type and length from the caps (the kernel's memory layout). */
const LAYOUT = {
  active: ['i32', (c: Caps) => c.rows],
  w1: ['f64', (c: Caps) => c.rows],
  w2: ['f64', (c: Caps) => c.rows],
  u: ['f64', (c: Caps) => c.rows], // per active row, its u (exactColumns)
  s: ['f32', (c: Caps) => c.cols], // the column sums: f32 (docs/nonidealities.md, fourteenth pass)
  t1: ['f32', (c: Caps) => c.cols],
  t2: ['f32', (c: Caps) => c.cols],
  q: ['f32', (c: Caps) => c.cols],
  values: ['f32', (c: Caps) => c.cols], // a read's columns after its sums: f32 (docs/nonidealities.md, sixteenth pass)
  sigma: ['f32', (c: Caps) => c.cols],
  draws: ['f64', (c: Caps) => Math.max(c.cols, c.draws)],
  sliceWeight: ['f64', () => MAX_SLICES],
  digital: ['f64', (c: Caps) => Math.max(c.cols, c.outs)],
  counts: ['i32', (c: Caps) => c.outs],
  /** Per position of a batch: its read cache block, and 1 when that cache holds a last read (readPositions). */
  slots: ['i32', (c: Caps) => c.outs],
  flags: ['i32', (c: Caps) => c.outs],
  state: ['i32', () => 4],
  table: ['f64', (c: Caps) => READ_RECORD * c.reads],
  squeeze: ['f64', () => SQUEEZE.length],
  kn: ['f64', () => KN.length],
  wn: ['f64', () => WN.length],
  fn: ['f64', () => FN.length],
} as const;
type Region = keyof typeof LAYOUT;
type View<R extends Region> = (typeof LAYOUT)[R][0] extends 'i32' ? Int32Array : (typeof LAYOUT)[R][0] extends 'f32' ? Float32Array : Float64Array;

/** readBands' arguments (pointers are byte offsets in the kernel's memory; see wasm/crossbar.ts). */
export interface ReadBandsArgs {
  table: number;
  nBands: number;
  x: number;
  inputs: number;
  direct: boolean;
  maxCode: number;
  xInt: number;
  lastInt: number;
  hasLast: boolean;
  planes: number;
  lists: number;
  listCap: number;
  planeCount: number;
  values: number;
  sigma: number;
  stride: number;
  cols: number;
  totalCols: number;
  seriesLimit: number;
  exact: number;
}

export class ReadKernel implements NormalKernel {
  private readonly fn: CrossbarExports;
  private readonly heap: WasmHeap;
  /** Changes at every reset: resident bands and claimed blocks of an older epoch are gone. */
  epoch = 0;
  private caps: Caps = { rows: 0, cols: 0, draws: 0, reads: 0, outs: 0 };
  private arenaStart = 0;
  /** The arena's size now and the bytes copied or claimed again since it last doubled. */
  arenaBytes = ARENA_START_BYTES;
  private again = 0;
  /** Byte offset of every scratch region. */
  readonly ptr = Object.fromEntries(Object.keys(LAYOUT).map((r) => [r, 0])) as Record<Region, number>;
  private buffer: ArrayBuffer | null = null;
  // Views of the scratch (refreshed when memory grows).
  active: Int32Array = new Int32Array(0);
  w1: Float64Array = new Float64Array(0);
  w2: Float64Array = new Float64Array(0);
  u: Float64Array = new Float64Array(0);
  s: Float32Array = new Float32Array(0);
  t1: Float32Array = new Float32Array(0);
  t2: Float32Array = new Float32Array(0);
  q: Float32Array = new Float32Array(0);
  values: Float32Array = new Float32Array(0);
  sigma: Float32Array = new Float32Array(0);
  draws: Float64Array = new Float64Array(0);
  /** The draws region as f32 (fillNormalsF32's draws, which convertReads and convertPositions read). */
  drawsF32: Float32Array = new Float32Array(0);
  sliceWeight: Float64Array = new Float64Array(0);
  digital: Float64Array = new Float64Array(0);
  table: Float64Array = new Float64Array(0);
  counts: Int32Array = new Int32Array(0);
  slots: Int32Array = new Int32Array(0);
  flags: Int32Array = new Int32Array(0);
  state: Int32Array = new Int32Array(0);

  constructor() {
    const k = instantiateKernel<CrossbarExports>('crossbar', CROSSBAR_FUNCTIONS);
    this.fn = k.exports;
    this.heap = k.heap;
  }

  /** The kernel's memory (its buffer changes only at a reset, i.e. with the epoch). */
  get memory(): WebAssembly.Memory {
    return this.heap.memory;
  }

  /**
   * Make room for reads of `rows` x `cols`, and batches of `draws` draws over `reads` reads with `outs` digital sums
   * (a reset if more than before).
   */
  reserve(rows: number, cols: number, draws = 0, reads = 0, outs = 0): void {
    const c = this.caps;
    if (rows > c.rows || cols > c.cols || draws > c.draws || reads > c.reads || outs > c.outs) {
      this.reset({ rows: Math.max(rows, c.rows), cols: Math.max(cols, c.cols), draws: Math.max(draws, c.draws), reads: Math.max(reads, c.reads),
        outs: Math.max(outs, c.outs) });
    }
    if (this.buffer !== this.heap.memory.buffer) this.views();
  }

  /** Make room for a read of `rows` rows and `stride` columns; then the band resident. Call before the views. */
  prepare(band: KernelBand): void {
    this.reserve(band.rows, band.stride);
    const res = band.residence;
    if (res.epoch !== this.epoch) {
      if (res.epoch === RELEASED_EPOCH) throw new Error('ReadKernel: got a band whose arrays were released, expected a live band (a released MAC-error proxy was read)');
      const rs = residentStride(band.stride);
      const n = band.rows * rs;
      res.cell = this.claimBytes(4 * n * (band.noiseVar ? 2 : 1), res.epoch === this.epoch - 1);
      res.noise = band.noiseVar ? res.cell + 4 * n : 0;
      res.stride = rs;
      res.epoch = this.epoch;
      this.copyRows(band.cell, res.cell, band, rs);
      if (band.noiseVar) this.copyRows(band.noiseVar, res.noise, band, rs);
    }
    if (this.buffer !== this.heap.memory.buffer) this.views();
  }

  /** A band's rows x stride array into the kernel at `ptr` with row stride `rs`. */
  private copyRows(from: Float32Array, ptr: number, band: KernelBand, rs: number): void {
    if (rs === band.stride) {
      this.heap.f32(ptr, from.length).set(from);
      return;
    }
    const to = this.heap.f32(ptr, band.rows * rs);
    for (let i = 0; i < band.rows; i++) to.set(from.subarray(i * band.stride, (i + 1) * band.stride), i * rs);
  }

  /**
   * A block of `bytes` in the arena for `res` (its `cell` is the pointer) unless it holds one of this epoch already.
   * Returns true when the block is new (its contents are undefined). May reset the arena (a new epoch).
   */
  claim(res: Residence, bytes: number): boolean {
    if (res.epoch === this.epoch) return false;
    res.cell = this.claimBytes(bytes, res.epoch === this.epoch - 1);
    res.noise = 0;
    res.epoch = this.epoch;
    if (this.buffer !== this.heap.memory.buffer) this.views();
    return true;
  }

  /** `again`: the block held the same in the epoch before (counted towards doubling). */
  private claimBytes(bytes: number, again: boolean): number {
    if (bytes + 16 > ARENA_LIMIT_BYTES) throw new RangeError(`ReadKernel: got a block of ${bytes} bytes, expected at most the arena's ${ARENA_LIMIT_BYTES}`);
    if (this.heap.mark() + bytes + 16 - this.arenaStart > this.arenaBytes) {
      if (this.again > RECOPY_PER_ARENA_BYTE * this.arenaBytes) this.widen(false);
      while (bytes + 16 > this.arenaBytes) this.widen(false);
      this.reset(this.caps);
    }
    if (again) this.again += bytes;
    return this.heap.alloc(bytes);
  }

  /** Double the arena and reset (memory grows only at a reset: views stay valid for an epoch). False at its limit. */
  widen(resetNow = true): boolean {
    if (this.arenaBytes >= ARENA_LIMIT_BYTES) return false;
    [this.arenaBytes, this.again] = [Math.min(2 * this.arenaBytes, ARENA_LIMIT_BYTES), 0];
    if (resetNow) this.reset(this.caps);
    return true;
  }

  /** Make room for a conversion of `cols` weight columns (and at most as many outputs); then the views. */
  prepareConvert(cols: number, slices: number): void {
    if (slices > MAX_SLICES) throw new RangeError(`ReadKernel: got ${slices} slices, expected at most ${MAX_SLICES}`);
    this.reserve(0, cols);
  }

  /** convertBipolarNoisy of wasm/crossbar.ts over the values, sigma, draws, sliceWeight and digital views. */
  convertBipolarNoisy(outputs: number, slices: number, invLsb: number, lsb: number, maxCode: number, planeWeight: number): void {
    const p = this.ptr;
    this.fn.convertBipolarNoisy(p.values, p.sigma, p.draws, outputs, slices, p.sliceWeight, p.digital, invLsb, lsb, maxCode, planeWeight);
  }

  /** convertReads of wasm/crossbar.ts: the first `nReads` records of `table`, draws from `draws`, sums into `digital`. */
  convertReads(nReads: number, outputs: number, slices: number): void {
    const p = this.ptr;
    this.fn.convertReads(p.table, nReads, p.draws, outputs, slices, p.sliceWeight, p.digital);
  }

  /** convertPositions of wasm/crossbar.ts: `positions` positions, counts[p] records each, sums into `digital`. */
  convertPositions(positions: number, outputs: number, slices: number): void {
    const p = this.ptr;
    this.fn.convertPositions(p.table, p.counts, positions, p.draws, outputs, slices, p.sliceWeight, p.digital);
  }

  /** convertPositionsSteps of wasm/crossbar.ts: `steps` convertPositions of the same records (step s: draws from s stepDraws on). */
  convertPositionsSteps(positions: number, outputs: number, slices: number, steps: number, stepDraws: number): void {
    const p = this.ptr;
    this.fn.convertPositionsSteps(p.table, p.counts, positions, p.draws, outputs, slices, p.sliceWeight, p.digital, steps, stepDraws);
  }

  setState(s0: number, s1: number, s2: number, s3: number): void {
    this.fn.setState(s0, s1, s2, s3);
  }

  getState(k: number): number {
    return this.fn.getState(k);
  }

  fillNormals(n: number): void {
    this.fn.fillNormals(this.ptr.draws, n, this.ptr.kn, this.ptr.wn, this.ptr.fn, this.ptr.squeeze);
  }

  fillNormalsF32(n: number): void {
    this.fn.fillNormalsF32(this.ptr.draws, n, this.ptr.kn, this.ptr.wn, this.ptr.fn, this.ptr.squeeze);
  }

  /** Column sums into the s scratch, `stride` values. */
  gatherS(band: KernelBand, nActive: number): void {
    this.fn.gatherS(band.residence.cell, band.stride, band.residence.stride, this.ptr.active, nActive, this.ptr.s);
  }

  /** gatherS, and the read-noise variance sums into the q scratch. */
  gatherSQ(band: KernelBand, nActive: number): void {
    const r = band.residence;
    this.fn.gatherSQ(r.cell, r.noise, band.stride, r.stride, this.ptr.active, nActive, this.ptr.s, this.ptr.q);
  }

  /** With `noise`, also the variance sums (the band must have read noise). */
  gatherIr(band: KernelBand, nActive: number, noise: boolean): void {
    const r = band.residence;
    const p = this.ptr;
    this.fn.gatherIr(r.cell, noise ? r.noise : 0, band.stride, r.stride, p.active, nActive, p.w1, p.w2, p.s, p.t1, p.t2, p.q);
  }

  /**
   * After gatherIr: each column's IR-corrected f32 value into `out` (default the values scratch; NaN where a2 > seriesLimit:
   * the caller evaluates those exactly), with noise its f32 sigma into `sigma`. Returns how many columns need the exact path.
   */
  finishIr(cols: number, noise: boolean, pedestal: number, alphaSq: number, pedF1: number, pedF2: number, seriesLimit: number,
    out = this.ptr.values, sigma = this.ptr.sigma): number {
    const p = this.ptr;
    return this.fn.finishIr(cols, p.s, p.t1, p.t2, p.q, noise, pedestal, alphaSq, pedF1, pedF2, seriesLimit, out, sigma);
  }

  /**
   * gatherIr then finishIr in one kernel pass (the same bits; the s, t1, t2, q scratch is left undefined). For tests:
   * readBands' reads call the kernel's own.
   */
  gatherFinishIr(band: KernelBand, nActive: number, noise: boolean, cols: number, pedestal: number, alphaSq: number, pedF1: number,
    pedF2: number, seriesLimit: number, out: number, sigma: number): number {
    const r = band.residence;
    const p = this.ptr;
    return this.fn.gatherFinishIr(r.cell, noise ? r.noise : 0, band.stride, r.stride, p.active, nActive, p.w1, p.w2, p.s, p.t1, p.t2, p.q,
      cols, pedestal, alphaSq, pedF1, pedF2, seriesLimit, out, sigma);
  }

  /**
   * gatherFinishIr then pairCombine of a differential pair's read (cols weight columns, a multiple of 4, and their twins;
   * the band's columns 2 cols), in one kernel pass: the same bits. For tests: readBands' reads call the kernel's own.
   */
  gatherFinishPairIr(band: KernelBand, nActive: number, noise: boolean, cols: number, pedestal: number, alphaSq: number, pedF1: number,
    pedF2: number, seriesLimit: number, out: number, sigma: number): number {
    const r = band.residence;
    const p = this.ptr;
    return this.fn.gatherFinishPairIr(r.cell, noise ? r.noise : 0, r.stride, p.active, nActive, p.w1, p.w2, cols, pedestal, alphaSq, pedF1,
      pedF2, seriesLimit, out, sigma);
  }

  /**
   * After gatherIr and finishIr: the exact-cosh columns (NaN in `out`) from the s scratch and each active row's u in
   * the u scratch (band.ts readWithIr; wasm/crossbar.ts exactColumns).
   */
  exactColumns(band: KernelBand, nActive: number, g0: number, alphaSq: number, pedestal: number, out: number, cols: number): void {
    const r = band.residence;
    const p = this.ptr;
    this.fn.exactColumns(r.cell, r.stride, p.active, nActive, p.u, g0, alphaSq, pedestal, p.s, out, cols);
  }

  /** After gatherS / gatherSQ into the s scratch: the f32 values into `out` and, with noise, f32 sqrt(q) into `sigma`. */
  finishPlain(cols: number, noise: boolean, out: number, sigma: number): void {
    this.fn.finishPlain(cols, this.ptr.s, this.ptr.q, noise, out, sigma);
  }

  /** pairCombine of wasm/crossbar.ts (a differential pair's twins at c and cols + c). */
  pairCombine(values: number, sigma: number, cols: number, withSigma: boolean): void {
    this.fn.pairCombine(values, sigma, cols, withSigma);
  }

  /**
   * readBands of wasm/crossbar.ts (a differential-pair layer's deterministic reads, src/sim/nonideal/bandReads.ts),
   * with the kernel's w1, w2, s, t1, t2 and q scratch. Returns the sum of the quantised input.
   */
  readBands(a: ReadBandsArgs): number {
    const p = this.ptr;
    return this.fn.readBands(a.table, a.nBands, a.x, a.inputs, a.direct, a.maxCode, a.xInt, a.lastInt, a.hasLast, a.planes, a.lists,
      a.listCap, a.planeCount, a.values, a.sigma, a.stride, a.cols, a.totalCols, p.w1, p.w2, p.s, p.t1, p.t2, p.q, a.seriesLimit, a.exact);
  }

  /**
   * readPositions of wasm/crossbar.ts from position `from` (inputs at `xs`, caches at slots/flags, records into table
   * and counts, the running record count in state[0]); `conv`: per band invLsb, lsb, maxCode. Returns the next position.
   */
  readPositions(a: ReadBandsArgs, from: number, positions: number, xs: number, conv: number, reads: number, noisy: boolean): number {
    const p = this.ptr;
    return this.fn.readPositions(from, positions, xs, p.slots, p.flags, p.state, p.table, p.counts, conv, reads, noisy, a.table, a.nBands,
      a.inputs, a.direct, a.maxCode, a.xInt, a.planes, a.lists, a.listCap, a.stride, a.cols, a.totalCols, p.w1, p.w2, p.s, p.t1, p.t2, p.q,
      a.seriesLimit, a.exact);
  }

  /** gatherPositions of wasm/crossbar.ts: out[j] = input[gather[j]] (f32, +0 where gather[j] < 0) for j < n. */
  gatherPositions(input: number, gather: number, n: number, out: number): void {
    this.fn.gatherPositions(input, gather, n, out);
  }

  /** ys[j] = f32(digital[j] * scale) for j < ys.length, computed in the kernel (its draws region, free after a conversion). */
  scaleOutputs(ys: Float32Array, scale: number): void {
    this.fn.scaleOutputs(this.ptr.digital, ys.length, scale, this.ptr.draws);
    ys.set(this.heap.f32(this.ptr.draws, ys.length));
  }

  /** Drop every resident band and claimed block (a new epoch) and lay out scratch for `caps`. */
  private reset(caps: Caps): void {
    this.epoch++;
    this.heap.release(this.heap.base);
    this.caps = { ...caps, rows: Math.max(caps.rows, MIN_ROWS), cols: Math.max(caps.cols, MIN_STRIDE) };
    for (const r of Object.keys(LAYOUT) as Region[]) {
      const [type, length] = LAYOUT[r];
      this.ptr[r] = this.heap.alloc((type === 'f64' ? 8 : 4) * length(this.caps));
    }
    this.heap.f64(this.ptr.squeeze, SQUEEZE.length).set(SQUEEZE);
    this.heap.f64(this.ptr.kn, KN.length).set(KN);
    this.heap.f64(this.ptr.wn, WN.length).set(WN);
    this.heap.f64(this.ptr.fn, FN.length).set(FN);
    this.arenaStart = this.heap.mark();
    const want = this.arenaStart + this.arenaBytes;
    const have = this.heap.memory.buffer.byteLength;
    if (want > have) this.heap.memory.grow(Math.ceil((want - have) / WASM_PAGE_BYTES));
    this.buffer = null;
  }

  private view<R extends Region>(r: R): View<R> {
    const [type, length] = LAYOUT[r];
    const n = length(this.caps);
    return (type === 'i32' ? this.heap.i32(this.ptr[r], n) : type === 'f32' ? this.heap.f32(this.ptr[r], n) : this.heap.f64(this.ptr[r], n)) as View<R>;
  }

  private views(): void {
    this.active = this.view('active');
    this.w1 = this.view('w1');
    this.w2 = this.view('w2');
    this.u = this.view('u');
    this.s = this.view('s');
    this.t1 = this.view('t1');
    this.t2 = this.view('t2');
    this.q = this.view('q');
    this.values = this.view('values');
    this.sigma = this.view('sigma');
    this.draws = this.view('draws');
    this.drawsF32 = this.heap.f32(this.ptr.draws, 2 * this.draws.length);
    this.sliceWeight = this.view('sliceWeight');
    this.digital = this.view('digital');
    this.table = this.view('table');
    this.counts = this.view('counts');
    this.slots = this.view('slots');
    this.flags = this.view('flags');
    this.state = this.view('state');
    this.buffer = this.heap.memory.buffer;
  }
}

let kernel: ReadKernel | null = null;

/** This thread's read kernel. */
export function readKernel(): ReadKernel {
  kernel ??= new ReadKernel();
  return kernel;
}
