/**
 * The WebAssembly side of band programming (wasm/program.ts): one kernel instance per thread and the memory a
 * buildBand call lays out in it (released after each call). The kernel computes, bit for bit, what band.ts's scalar
 * loops compute: every cell's stack conductance (without stuck-at faults) and its read value and noise variance with
 * the row IR factor, whose cosh is a port of V8's Math.cosh (test/sim/nonideal/program.test.ts).
 */
import { instantiateKernel, type WasmHeap } from '../../util/wasm.js';

interface ProgramExports {
  cosh(x: number): number;
  coshMany(x: number, out: number, n: number): void;
  coshPairs(x: number, out: number, n: number): void;
  expMany(x: number, out: number, n: number): void;
  logMany(x: number, out: number, n: number): void;
  cellConductances(n: number, levels: number, draws: number, programSigma: number, spread: boolean, levelStack: number,
    levelDevice: number, levelSpread: number, drift: number, rAcc: number, perturbed: boolean, g: number, cellDrift: boolean,
    driftDraws: number, levelNuMean: number, levelNuSigma: number, driftParams: number): void;
  cellValues(rows: number, cols: number, stride: number, size: number, g: number, levels: number, block: number, position: number,
    theta: number, denom: number, blocks: number, ir: boolean, perturbed: boolean, invDelta: number, g0: number, sigma: number,
    rAcc: number, cell: number, noise: number, rfRow: number): void;
  maxLevel(levels: number, n: number): number;
  rowSums(rows: number, cols: number, g: number, block: number, blocks: number, base: number, sums: number): void;
  sinCosMany(x: number, sin: number, cos: number, n: number): void;
  aleaNormals(state: number, out: number, pairs: number): number;
}

export class ProgramKernel {
  readonly fn: ProgramExports;
  readonly heap: WasmHeap;

  constructor() {
    const k = instantiateKernel<ProgramExports>('program', ['cosh', 'coshMany', 'coshPairs', 'expMany', 'logMany', 'cellConductances', 'cellValues', 'maxLevel', 'rowSums', 'sinCosMany', 'aleaNormals']);
    this.fn = k.exports;
    this.heap = k.heap;
  }

  /**
   * Math.cosh of every value, computed by the kernel one at a time or, with `pairs`, two at a time (x >= 0) as
   * buildBand does (for tests: it must equal Math.cosh bit for bit).
   */
  coshAll(x: Float64Array, pairs = false): Float64Array {
    return this.each(pairs ? 'coshPairs' : 'coshMany', x);
  }

  /** The kernel's exp or log (wasm/lib/ieee754.ts, shared with the read kernel) of every value (for tests). */
  mathAll(f: 'exp' | 'log', x: Float64Array): Float64Array {
    return this.each(f === 'exp' ? 'expMany' : 'logMany', x);
  }

  /** The kernel's sin and cos of every value (wasm/lib/trig.ts; NaN where it refuses x), for tests. */
  sinCosAll(x: Float64Array): { sin: Float64Array; cos: Float64Array } {
    const mark = this.heap.mark();
    const px = this.heap.alloc(8 * x.length);
    const ps = this.heap.alloc(8 * x.length);
    const pc = this.heap.alloc(8 * x.length);
    this.heap.f64(px, x.length).set(x);
    this.fn.sinCosMany(px, ps, pc, x.length);
    const out = { sin: this.heap.f64(ps, x.length).slice(), cos: this.heap.f64(pc, x.length).slice() };
    this.heap.release(mark);
    return out;
  }

  /**
   * The next `pairs` pairs of createRng normals (cos value, then sin value) from the Alea state (s0, s1, s2, c;
   * advanced) into out[at..at + 2 pairs - 1]. Returns the pairs drawn (fewer only where the kernel refused an angle:
   * the state is then the one before that pair).
   */
  aleaNormals(state: Float64Array, out: Float64Array, at: number, pairs: number): number {
    const mark = this.heap.mark();
    const ps = this.heap.alloc(32);
    const po = this.heap.alloc(16 * pairs);
    this.heap.f64(ps, 4).set(state);
    const done = this.fn.aleaNormals(ps, po, pairs);
    state.set(this.heap.f64(ps, 4));
    out.set(this.heap.f64(po, 2 * done), at);
    this.heap.release(mark);
    return done;
  }

  private each(f: 'coshMany' | 'coshPairs' | 'expMany' | 'logMany', x: Float64Array): Float64Array {
    const mark = this.heap.mark();
    const px = this.heap.alloc(8 * x.length);
    const po = this.heap.alloc(8 * x.length);
    this.heap.f64(px, x.length).set(x);
    this.fn[f](px, po, x.length);
    const out = this.heap.f64(po, x.length).slice();
    this.heap.release(mark);
    return out;
  }
}

let kernel: ProgramKernel | null = null;

/** This thread's programming kernel. */
export function programKernel(): ProgramKernel {
  kernel ??= new ProgramKernel();
  return kernel;
}
