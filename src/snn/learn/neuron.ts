/**
 * The neurons and per-layer kernels of the learning trainer, as in the released SDFA code (docs/sources.md#pipesdfa):
 * spikingjelly's LIFNode with tau = 2, V_th = 1, hard reset to 0, reset not detached, ATan surrogate (alpha = 2):
 *   H[t] = V[t-1] + (X[t] - V[t-1]) / tau;   s[t] = (H[t] >= V_th);   V[t] = H[t] (1 - s[t])
 *   d s / d H ~ sigma'(H - V_th) = (alpha / 2) / (1 + (pi alpha (H - V_th) / 2)^2)
 * Backward through one layer's own dynamics (BPTT inside the layer), from the gradient of its spikes gS[t]:
 *   gH[t] = gS[t] sigma'(t) + gV[t] (1 - s[t] - H[t] sigma'(t));  gX[t] = gH[t] / tau;  gV[t-1] = gH[t] (1 - 1 / tau)
 * Inputs of every layer are sparse (event counts or binary spikes): lists of (index, value) per timestep.
 * Weights are fanIn x fanOut, row-major (row = crossbar row = input), no bias (a crossbar has none).
 * The multiply-add loops run in the WebAssembly kernel (kernel.ts, wasm/trainer.ts).
 */
import type { TrainerExports, TrainerMemory } from './kernel.js';

export interface LearningLif {
  readonly tau: number;
  readonly threshold: number;
  /** ATan surrogate sharpness alpha. */
  readonly alpha: number;
  /** spikingjelly detach_reset: no gradient through the reset (dV/dH = 1 - s); default false (the H sigma' term kept). */
  readonly detachReset?: boolean;
}

/** spikingjelly LIFNode defaults used by SDFA (tau = 2, v_threshold = 1, v_reset = 0, surrogate.ATan(alpha = 2)). */
export const SDFA_LIF: LearningLif = { tau: 2, threshold: 1, alpha: 2 };

/** ATan surrogate derivative at x = H - V_th. */
export function atanSurrogate(x: number, alpha: number): number {
  const k = (Math.PI * alpha * x) / 2;
  return alpha / 2 / (1 + k * k);
}

/**
 * Sparse activity of one layer over T timesteps: entries start[t] .. start[t + 1] of index / value (ascending index
 * within a step). `byInput` is the same activity grouped by input (see groupByInput).
 */
export interface SparseSteps {
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly value: Float32Array;
  readonly byInput: InputGroups;
}

/**
 * The activity grouped by input: rows[r] (ascending) is active at steps step[p] with value value[p] for p in
 * rowStart[r] .. rowStart[r + 1] (ascending t). Why: a weight row is then read from memory once per sample, not
 * once per active step (saccade frames: ~650 distinct inputs for ~2,000 active (input, step) pairs per sample).
 */
export interface InputGroups {
  count: number;
  rows: Int32Array;
  rowStart: Int32Array;
  step: Int32Array;
  value: Float32Array;
  /** Kernel scratch, one per input: 0 between calls. */
  slot: Int32Array;
}

/**
 * Empty sparse steps for a layer with `inputs` inputs over T steps, in the kernel's memory (capacity: every input
 * active at every step once).
 */
export function createSparseSteps(T: number, inputs: number, memory: TrainerMemory): SparseSteps {
  const i0 = new Int32Array(0);
  const f0 = new Float32Array(0);
  const g: InputGroups = { count: 0, rows: i0, rowStart: i0, step: i0, value: f0, slot: i0 };
  const a: { -readonly [K in keyof SparseSteps]: SparseSteps[K] } = { start: i0, index: i0, value: f0, byInput: g };
  memory.i32(T + 1, (v) => (a.start = v));
  memory.i32(T * inputs, (v) => (a.index = v));
  memory.f32(T * inputs, (v) => (a.value = v));
  memory.i32(inputs, (v) => (g.rows = v));
  memory.i32(inputs, (v) => (g.slot = v.fill(0)));
  memory.i32(inputs + 1, (v) => (g.rowStart = v));
  memory.i32(T * inputs, (v) => (g.step = v));
  memory.f32(T * inputs, (v) => (g.value = v));
  return a;
}

/** Fill `a.byInput` from its per-step lists, in the kernel (a counting sort by input: O(entries + inputs)). */
export function groupByInput(kernel: TrainerExports, a: SparseSteps, T: number): void {
  const g = a.byInput;
  // The groups live in fixed kernel memory (room for each input once per step): refuse what cannot fit.
  if (a.start[T] > g.step.length) throw new RangeError(`sparse input: ${a.start[T]} active entries, expected at most ${g.step.length} (an input listed twice in a step?)`);
  const count = kernel.groupByInput(a.start.byteOffset, a.index.byteOffset, a.value.byteOffset, T, g.slot.length, g.rows.byteOffset,
    g.rowStart.byteOffset, g.step.byteOffset, g.value.byteOffset, g.slot.byteOffset);
  if (count < 0) throw new RangeError(`sparse input: an index out of range, expected < ${g.slot.length} inputs`);
  g.count = count;
}

/**
 * Forward of one LIF layer over T steps: X[t] = sum over active inputs of value * W[row], then the LIF step.
 * Every X[t] is computed first, input row by input row, in the kernel (each weight row read once; each X[t][j]
 * still sums its terms in ascending input order: bit-identical to the step-by-step loop). X holds T x fanOut.
 * Writes H (T x N), S (T x N, 0/1) and the layer's output spikes as sparse steps (grouped too); returns the spike count.
 * Every array but `input`'s JS scratch lives in the kernel's memory (the network lays them out there).
 */
export function lifLayerForward(kernel: TrainerExports, lif: LearningLif, W: Float32Array, fanOut: number, input: SparseSteps, T: number,
  H: Float32Array, S: Uint8Array, out: SparseSteps, X: Float32Array, V: Float32Array): number {
  X.fill(0, 0, T * fanOut);
  const g = input.byInput;
  kernel.accumulateRows(W.byteOffset, fanOut, g.rows.byteOffset, g.rowStart.byteOffset, g.step.byteOffset, g.value.byteOffset, g.count, X.byteOffset);
  return lifSteps(kernel, lif, X, fanOut, T, H, S, out, V);
}

/**
 * The LIF steps of one layer from its input currents X (T x fanOut), in the kernel: writes H, S and the output
 * spikes (sparse and grouped); returns the spike count. V is scratch (fanOut). All arrays live in the kernel's memory.
 */
export function lifSteps(kernel: TrainerExports, lif: LearningLif, X: Float32Array, fanOut: number, T: number, H: Float32Array,
  S: Uint8Array, out: SparseSteps, V: Float32Array): number {
  const spikes = kernel.lifForward(X.byteOffset, fanOut, T, H.byteOffset, S.byteOffset, V.byteOffset, 1 / lif.tau, lif.threshold,
    out.start.byteOffset, out.index.byteOffset, out.value.byteOffset);
  groupByInput(kernel, out, T);
  return spikes;
}

/**
 * Backward of one LIF layer through its own dynamics: from gS (T x N, gradient of the loss w.r.t. the layer's
 * spikes) to gX (T x N, w.r.t. its input currents); accumulates dW += sum_t input[t] (x) gX[t] over active inputs
 * only, row by row with t descending (the order of the step-by-step loop: bit-identical, one row read per sample),
 * in the kernel (every array lives in its memory; gV is scratch).
 */
export function lifLayerBackward(kernel: TrainerExports, lif: LearningLif, fanOut: number, T: number, H: Float32Array, S: Uint8Array,
  gS: Float32Array, gX: Float32Array, gV: Float32Array, input: SparseSteps, dW: Float32Array): void {
  lifDynamicsBackward(kernel, lif, fanOut, T, H, S, gS, gX, gV);
  const g = input.byInput;
  kernel.accumulateGrad(dW.byteOffset, fanOut, g.rows.byteOffset, g.rowStart.byteOffset, g.step.byteOffset, g.value.byteOffset, g.count, gX.byteOffset);
}

/** The backward through one layer's LIF dynamics only, gS -> gX (T x N), in the kernel (gV: scratch). */
export function lifDynamicsBackward(kernel: TrainerExports, lif: LearningLif, fanOut: number, T: number, H: Float32Array, S: Uint8Array,
  gS: Float32Array, gX: Float32Array, gV: Float32Array): void {
  const inv = 1 / lif.tau;
  // resetPath 0: spikingjelly's detach_reset (no gradient through the reset); 1: the reset's gradient kept.
  kernel.lifBackward(H.byteOffset, S.byteOffset, gS.byteOffset, gX.byteOffset, gV.byteOffset, fanOut, T, inv, 1 - inv, lif.threshold, lif.alpha,
    lif.detachReset ? 0 : 1);
}

/**
 * BPTT's transposed read: gSprev[t][i] = sum_j W[i][j] gX[t][j] (summed in f64, j ascending) for every input i of
 * the layer; `scratch` holds fanOut x (T rounded up to even) f64. All arrays live in the kernel's memory.
 */
export function transposedRead(kernel: TrainerExports, W: Float32Array, fanIn: number, fanOut: number, T: number, gX: Float32Array,
  gSprev: Float32Array, scratch: Float64Array): void {
  kernel.transposedRead(W.byteOffset, fanIn, fanOut, T, gX.byteOffset, gSprev.byteOffset, scratch.byteOffset);
}
