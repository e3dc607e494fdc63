/**
 * Forward and backward passes of the trainer's layers (train.ts): weight layers as gather-table matrix products
 * (or their ADC-less binarised form, adcless.ts), max pools, and LIF neurons unrolled over the timesteps with a
 * fast-sigmoid surrogate gradient. Plain Float32Array loops; callers own every buffer.
 *
 * Surrogate: dS/dU = (a/2) / (1 + a |U - theta|)^2, the derivative of 0.5 + 0.5 a v / (1 + a |v|).
 * Reset gradient: detached unless `detachReset` is false (then the exact gradient of the forward graph).
 */
import { type AdcLessTraining, binarizedBackward, binarizedForward } from './adcless.js';
import type { PoolOp, WeightOp } from './graph.js';
import type { LifParams } from './lif.js';

/** out = W x at every position; `direct`: the first layer's direct-coded input (binarised per input bit plane, adcless.ts). */
export function weightForward(op: WeightOp, input: Float32Array, w: Float32Array, out: Float32Array, adc: AdcLessTraining | undefined,
  direct = false): void {
  if (adc) {
    binarizedForward(op, input, w, out, adc, direct);
    return;
  }
  const K = op.fanIn;
  const N = op.fanOut;
  const gather = op.gather;
  out.fill(0);
  for (let p = 0; p < op.positions; p++) {
    const gb = p * K;
    const ob = p * N;
    for (let k = 0; k < K; k++) {
      const idx = gather[gb + k];
      if (idx < 0) continue;
      const v = input[idx];
      if (v === 0) continue;
      const wb = k * N;
      for (let n = 0; n < N; n++) out[ob + n] += v * w[wb + n];
    }
  }
}

/** Accumulates dL/dW into `gradW` and, when given, dL/dx into `gradIn`. */
export function weightBackward(op: WeightOp, input: Float32Array, w: Float32Array, gradOut: Float32Array, gradW: Float32Array,
  gradIn: Float32Array | undefined, adc: AdcLessTraining | undefined, direct = false): void {
  if (adc) {
    binarizedBackward(op, input, w, gradOut, gradW, gradIn, adc, direct);
    return;
  }
  const K = op.fanIn;
  const N = op.fanOut;
  const gather = op.gather;
  for (let p = 0; p < op.positions; p++) {
    const gb = p * K;
    const ob = p * N;
    for (let k = 0; k < K; k++) {
      const idx = gather[gb + k];
      if (idx < 0) continue;
      const v = input[idx];
      const wb = k * N;
      if (gradIn) {
        let s = 0;
        for (let n = 0; n < N; n++) s += w[wb + n] * gradOut[ob + n];
        gradIn[idx] += s;
      }
      if (v !== 0) for (let n = 0; n < N; n++) gradW[wb + n] += v * gradOut[ob + n];
    }
  }
}

/** Max over each window; `arg` keeps the winning window element for the backward pass. */
export function poolForward(op: PoolOp, input: Float32Array, out: Float32Array, arg: Int32Array): void {
  const win = op.window;
  const gather = op.gather;
  for (let o = 0; o < op.outSize; o++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let j = 0; j < win; j++) {
      const v = input[gather[o * win + j]];
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    out[o] = bestValue;
    arg[o] = best;
  }
}

/** Routes each output's gradient to the window element that won the max. */
export function poolBackward(op: PoolOp, gradOut: Float32Array, arg: Int32Array, gradIn: Float32Array): void {
  const win = op.window;
  for (let o = 0; o < op.outSize; o++) {
    gradIn[op.gather[o * win + arg[o]]] += gradOut[o];
  }
}

/** How the trainer's LIF neurons spike and how their gradient flows. */
export interface SurrogateLif {
  readonly lif: LifParams;
  /** The surrogate's slope a. */
  readonly slope: number;
  /** Forward with the smooth spike function whose derivative is the surrogate (gradient checks only). */
  readonly smooth: boolean;
  /** Treat the reset as a constant in the backward pass (as snnTorch does). */
  readonly detachReset: boolean;
}

/**
 * LIF neurons over all timesteps from zero membrane: membrane[t] gets the pre-reset potential, spikes[t] the
 * output (the membrane is stored in float32, as the trainer always has).
 */
export function lifForward(n: SurrogateLif, size: number, current: readonly Float32Array[], membrane: readonly Float32Array[],
  spikes: readonly Float32Array[]): void {
  const { lif, slope, smooth } = n;
  const m = size;
  const mem = new Float32Array(m);
  for (let t = 0; t < current.length; t++) {
    const cur = current[t];
    const pre = membrane[t];
    const s = spikes[t];
    for (let j = 0; j < m; j++) {
      const u = lif.leak * mem[j] + cur[j];
      pre[j] = u;
      let spike: number;
      if (smooth) {
        const v = slope * (u - lif.threshold);
        spike = 0.5 + (0.5 * v) / (1 + Math.abs(v));
      } else {
        spike = u > lif.threshold ? 1 : 0;
      }
      s[j] = spike;
      mem[j] = lif.reset === 'subtract' ? u - lif.threshold * spike : u * (1 - spike);
    }
  }
}

/** Backpropagation through time of lifForward: gradCurrent[t] from gradSpikes[t] and the stored membrane and spikes. */
export function lifBackward(n: SurrogateLif, size: number, membrane: readonly Float32Array[], spikes: readonly Float32Array[],
  gradSpikes: readonly Float32Array[], gradCurrent: readonly Float32Array[]): void {
  const { leak, threshold, reset } = n.lif;
  const slope = n.slope;
  const T = membrane.length;
  const m = size;
  for (let j = 0; j < m; j++) {
    let gPost = 0;
    for (let t = T - 1; t >= 0; t--) {
      const u = membrane[t][j];
      const s = spikes[t][j];
      const v = u - threshold;
      const sp = (0.5 * slope) / ((1 + slope * Math.abs(v)) * (1 + slope * Math.abs(v)));
      let gS = gradSpikes[t][j];
      if (!n.detachReset) gS += gPost * (reset === 'subtract' ? -threshold : -u);
      const direct = reset === 'subtract' ? 1 : 1 - s;
      const gPre = gPost * direct + gS * sp;
      gradCurrent[t][j] = gPre;
      gPost = leak * gPre;
    }
  }
}
