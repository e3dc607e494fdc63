/**
 * The learning trainer's WebAssembly kernel (wasm/trainer.ts) and the memory it works in. A network lays out all
 * its arrays (weights, gradients, Adam moments, per-layer state, sparse activity) in one kernel instance's memory
 * at construction, so weights and gradients stay resident across an epoch and no sample copies anything in or
 * out. Views are taken after the last allocation: the memory never grows afterwards, so they never go stale.
 */
import { instantiateKernel, type WasmHeap } from '../../util/wasm.js';

export interface TrainerExports {
  accumulateRows(W: number, n: number, rows: number, rowStart: number, step: number, value: number, count: number, X: number): void;
  accumulateGrad(dW: number, n: number, rows: number, rowStart: number, step: number, value: number, count: number, gX: number): void;
  transposedRead(W: number, fanIn: number, n: number, T: number, gX: number, gS: number, scratch: number): void;
  adamStep(w: number, g: number, m: number, v: number, delta: number, len: number, batch: number, lr: number,
    b1: number, ob1: number, b2: number, ob2: number, c1: number, c2: number, eps: number, apply: number): void;
  lifForward(X: number, n: number, T: number, H: number, S: number, V: number, inv: number, threshold: number,
    outStart: number, outIndex: number, outValue: number): number;
  lifBackward(H: number, S: number, gS: number, gX: number, gV: number, n: number, T: number, inv: number, keep: number,
    threshold: number, alpha: number, resetPath: number): void;
  groupByInput(start: number, index: number, value: number, T: number, inputs: number, rows: number, rowStart: number, step: number,
    gValue: number, slot: number): number;
}

const FUNCTIONS = ['accumulateRows', 'accumulateGrad', 'transposedRead', 'adamStep', 'lifForward', 'lifBackward', 'groupByInput'] as const satisfies readonly (keyof TrainerExports)[];

/** A kernel instance and a layout in progress: `f32`/`i32`/`u8`/`f64` reserve blocks, `done` hands out their views. */
export class TrainerMemory {
  readonly kernel: TrainerExports;
  private readonly heap: WasmHeap;
  private readonly pending: (() => void)[] = [];
  private sealed = false;

  constructor() {
    const k = instantiateKernel<TrainerExports>('trainer', FUNCTIONS);
    this.kernel = k.exports;
    this.heap = k.heap;
  }

  /** Reserve `length` elements; `take` receives the view once the layout is done. */
  f32(length: number, take: (a: Float32Array) => void): void {
    this.reserve(length * 4, (ptr) => take(this.heap.f32(ptr, length)));
  }

  i32(length: number, take: (a: Int32Array) => void): void {
    this.reserve(length * 4, (ptr) => take(this.heap.i32(ptr, length)));
  }

  u8(length: number, take: (a: Uint8Array) => void): void {
    this.reserve(length, (ptr) => take(this.heap.u8(ptr, length)));
  }

  f64(length: number, take: (a: Float64Array) => void): void {
    this.reserve(length * 8, (ptr) => take(this.heap.f64(ptr, length)));
  }

  /** Take every view (the memory is final from here on). */
  done(): void {
    this.sealed = true;
    for (const take of this.pending) take();
    this.pending.length = 0;
  }

  private reserve(bytes: number, take: (ptr: number) => void): void {
    if (this.sealed) throw new Error('TrainerMemory: the layout is done; views would go stale if memory grew');
    const ptr = this.heap.alloc(bytes);
    this.pending.push(() => take(ptr));
  }
}
