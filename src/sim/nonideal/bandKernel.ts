/**
 * The WebAssembly side of a band read (wasm/crossbar.ts): one kernel instance per thread, the bands it has read
 * resident in its memory, and the scratch a read uses. A band keeps its cells in JS (the source of truth); the first
 * read copies them into the kernel's arena, later reads use that copy. The arena is bounded: when the bands read
 * since the last reset outgrow it, it is reset and bands are copied again on their next read (a cache, so results
 * never depend on it).
 */
import { instantiateKernel, WASM_PAGE_BYTES, type WasmHeap } from '../../util/wasm.js';
import { KN, WN, type NormalKernel } from './normal.js';

interface CrossbarExports {
  gatherS(cell: number, stride: number, active: number, nActive: number, s: number): void;
  gatherSQ(cell: number, noise: number, stride: number, active: number, nActive: number, s: number, q: number): void;
  gatherIr(cell: number, noise: number, stride: number, active: number, nActive: number, w1: number, w2: number,
    s: number, t1: number, t2: number, q: number): void;
  convertBipolarNoisy(values: number, sigma: number, draws: number, outputs: number, slices: number, sliceWeight: number,
    digital: number, invLsb: number, lsb: number, maxCode: number, planeWeight: number): void;
  finishIr(cols: number, s: number, t1: number, t2: number, q: number, withNoise: boolean, pedestal: number, alphaSq: number,
    pedF1: number, pedF2: number, seriesLimit: number, out: number, sigma: number): number;
  setState(s0: number, s1: number, s2: number, s3: number): void;
  getState(k: number): number;
  lastBits(): number;
  fillNormals(out: number, from: number, n: number, kn: number, wn: number): number;
}

/** Where a band's cells sit in the kernel's memory; valid while `epoch` is the arena's epoch. */
export interface Residence {
  epoch: number;
  cell: number;
  noise: number;
}

export function notResident(): Residence {
  return { epoch: -1, cell: 0, noise: 0 };
}

/** What a read needs from a band (band.ts Band). */
export interface KernelBand {
  readonly rows: number;
  readonly stride: number;
  readonly cell: Float32Array;
  readonly noiseVar: Float32Array | null;
  readonly residence: Residence;
}

/**
 * Bands resident at once, in bytes (mlp-mnist's bands take ~1.5 MB, cnn-mnist's ~0.6 MB). The memory is grown to
 * hold it once, at the first reset: growing it allocation by allocation costs more than the reads (MAC-error proxies
 * are read a few dozen times each).
 */
const ARENA_LIMIT_BYTES = 64 * 2 ** 20;
const MIN_ROWS = 64;
const MIN_STRIDE = 256;
const MAX_SLICES = 64;

export class ReadKernel implements NormalKernel {
  private readonly fn: CrossbarExports;
  private readonly heap: WasmHeap;
  private epoch = 0;
  private rowCap = 0;
  private colCap = 0;
  private arenaStart = 0;
  private pActive = 0;
  private pW1 = 0;
  private pW2 = 0;
  private pS = 0;
  private pT1 = 0;
  private pT2 = 0;
  private pQ = 0;
  private pValues = 0;
  private pSigma = 0;
  private pDraws = 0;
  private pSliceWeight = 0;
  private pDigital = 0;
  private pKn = 0;
  private pWn = 0;
  private buffer: ArrayBuffer | null = null;
  // Views of the scratch (refreshed when memory grows).
  active: Int32Array = new Int32Array(0);
  w1: Float64Array = new Float64Array(0);
  w2: Float64Array = new Float64Array(0);
  s: Float64Array = new Float64Array(0);
  t1: Float64Array = new Float64Array(0);
  t2: Float64Array = new Float64Array(0);
  q: Float64Array = new Float64Array(0);
  values: Float64Array = new Float64Array(0);
  sigma: Float64Array = new Float64Array(0);
  draws: Float64Array = new Float64Array(0);
  sliceWeight: Float64Array = new Float64Array(0);
  digital: Float64Array = new Float64Array(0);

  constructor() {
    const k = instantiateKernel<CrossbarExports>('crossbar', ['gatherS', 'gatherSQ', 'gatherIr', 'convertBipolarNoisy', 'finishIr', 'setState', 'getState', 'lastBits', 'fillNormals']);
    this.fn = k.exports;
    this.heap = k.heap;
  }

  /** Make room for a read of `rows` rows and `stride` columns; then the band resident. Call before the views. */
  prepare(band: KernelBand): void {
    if (band.rows > this.rowCap || band.stride > this.colCap) this.reset(Math.max(band.rows, this.rowCap), Math.max(band.stride, this.colCap));
    const res = band.residence;
    if (res.epoch !== this.epoch) {
      const n = band.cell.length;
      const bytes = 4 * n * (band.noiseVar ? 2 : 1);
      if (this.heap.mark() + bytes + 32 - this.arenaStart > ARENA_LIMIT_BYTES) this.reset(this.rowCap, this.colCap);
      res.cell = this.heap.alloc(4 * n);
      res.noise = band.noiseVar ? this.heap.alloc(4 * n) : 0;
      res.epoch = this.epoch;
      this.heap.f32(res.cell, n).set(band.cell);
      if (band.noiseVar) this.heap.f32(res.noise, n).set(band.noiseVar);
    }
    if (this.buffer !== this.heap.memory.buffer) this.views();
  }

  /** Make room for a conversion of `cols` weight columns (and at most as many outputs); then the views. */
  prepareConvert(cols: number, slices: number): void {
    if (cols > this.colCap || slices > MAX_SLICES) this.reset(this.rowCap, Math.max(cols, this.colCap));
    if (this.buffer !== this.heap.memory.buffer) this.views();
  }

  /** convertBipolarNoisy of wasm/crossbar.ts over the values, sigma, draws, sliceWeight and digital views. */
  convertBipolarNoisy(outputs: number, slices: number, invLsb: number, lsb: number, maxCode: number, planeWeight: number): void {
    this.fn.convertBipolarNoisy(this.pValues, this.pSigma, this.pDraws, outputs, slices, this.pSliceWeight, this.pDigital, invLsb, lsb,
      maxCode, planeWeight);
  }

  setState(s0: number, s1: number, s2: number, s3: number): void {
    this.fn.setState(s0, s1, s2, s3);
  }

  getState(k: number): number {
    return this.fn.getState(k);
  }

  lastBits(): number {
    return this.fn.lastBits();
  }

  fillNormals(from: number, n: number): number {
    return this.fn.fillNormals(this.pDraws, from, n, this.pKn, this.pWn);
  }

  gatherS(band: KernelBand, nActive: number): void {
    this.fn.gatherS(band.residence.cell, band.stride, this.pActive, nActive, this.pS);
  }

  gatherSQ(band: KernelBand, nActive: number): void {
    const r = band.residence;
    this.fn.gatherSQ(r.cell, r.noise, band.stride, this.pActive, nActive, this.pS, this.pQ);
  }

  /** With `noise`, also the variance sums (the band must have read noise). */
  gatherIr(band: KernelBand, nActive: number, noise: boolean): void {
    const r = band.residence;
    this.fn.gatherIr(r.cell, noise ? r.noise : 0, band.stride, this.pActive, nActive, this.pW1, this.pW2, this.pS, this.pT1, this.pT2, this.pQ);
  }

  /**
   * After gatherIr: each column's IR-corrected value into `values` (NaN where a2 > seriesLimit: the caller
   * evaluates those exactly) and, with noise, its sigma into `sigma`. Returns how many columns need the exact path.
   */
  finishIr(cols: number, noise: boolean, pedestal: number, alphaSq: number, pedF1: number, pedF2: number, seriesLimit: number): number {
    return this.fn.finishIr(cols, this.pS, this.pT1, this.pT2, this.pQ, noise, pedestal, alphaSq, pedF1, pedF2, seriesLimit, this.pValues,
      this.pSigma);
  }

  /** Drop every resident band (a new epoch) and lay out scratch for `rows` x `stride` reads. */
  private reset(rows: number, stride: number): void {
    this.epoch++;
    this.heap.release(this.heap.base);
    this.rowCap = Math.max(rows, MIN_ROWS);
    this.colCap = Math.max(stride, MIN_STRIDE);
    this.pActive = this.heap.alloc(4 * this.rowCap);
    this.pW1 = this.heap.alloc(8 * this.rowCap);
    this.pW2 = this.heap.alloc(8 * this.rowCap);
    this.pS = this.heap.alloc(8 * this.colCap);
    this.pT1 = this.heap.alloc(8 * this.colCap);
    this.pT2 = this.heap.alloc(8 * this.colCap);
    this.pQ = this.heap.alloc(8 * this.colCap);
    this.pValues = this.heap.alloc(8 * this.colCap);
    this.pSigma = this.heap.alloc(8 * this.colCap);
    this.pDraws = this.heap.alloc(8 * this.colCap);
    this.pSliceWeight = this.heap.alloc(8 * MAX_SLICES);
    this.pDigital = this.heap.alloc(8 * this.colCap);
    this.pKn = this.heap.alloc(8 * KN.length);
    this.pWn = this.heap.alloc(8 * WN.length);
    this.heap.f64(this.pKn, KN.length).set(KN);
    this.heap.f64(this.pWn, WN.length).set(WN);
    this.arenaStart = this.heap.mark();
    const want = this.arenaStart + ARENA_LIMIT_BYTES;
    const have = this.heap.memory.buffer.byteLength;
    if (want > have) this.heap.memory.grow(Math.ceil((want - have) / WASM_PAGE_BYTES));
    this.buffer = null;
  }

  private views(): void {
    const h = this.heap;
    this.active = h.i32(this.pActive, this.rowCap);
    this.w1 = h.f64(this.pW1, this.rowCap);
    this.w2 = h.f64(this.pW2, this.rowCap);
    this.s = h.f64(this.pS, this.colCap);
    this.t1 = h.f64(this.pT1, this.colCap);
    this.t2 = h.f64(this.pT2, this.colCap);
    this.q = h.f64(this.pQ, this.colCap);
    this.values = h.f64(this.pValues, this.colCap);
    this.sigma = h.f64(this.pSigma, this.colCap);
    this.draws = h.f64(this.pDraws, this.colCap);
    this.sliceWeight = h.f64(this.pSliceWeight, MAX_SLICES);
    this.digital = h.f64(this.pDigital, this.colCap);
    this.buffer = h.memory.buffer;
  }
}

let kernel: ReadKernel | null = null;

/** This thread's read kernel. */
export function readKernel(): ReadKernel {
  kernel ??= new ReadKernel();
  return kernel;
}
