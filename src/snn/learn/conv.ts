/**
 * A convolution layer for the learning trainer (docs/training.md "The conv net"): PyTorch's Conv2d without bias,
 * weights [outChannels][inChannels][k][k], inputs and outputs flattened channel-major (c, y, x), as spikingjelly's
 * [C, H, W] and the saccade frames' polarity * 1156 + y * 34 + x. Inputs are sparse (event counts or spikes), so
 * the forward and the weight gradient scatter each active input into the outputs whose receptive field holds it;
 * the transposed read (BPTT into the layer below) gathers per input. Plain JavaScript: a saccade sample has ~2,000
 * active (input, step) pairs, x ~6 covering positions x outChannels, a few hundred thousand multiply-adds.
 */
import { ConfigError } from '../../core/errors.js';
import type { SparseSteps } from './neuron.js';

export interface ConvShape {
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
}

/** Output height and width: floor((H + 2p - k) / s) + 1 (PyTorch's Conv2d). */
export function convOutput(s: ConvShape): { height: number; width: number } {
  return { height: Math.floor((s.inHeight + 2 * s.padding - s.kernel) / s.stride) + 1, width: Math.floor((s.inWidth + 2 * s.padding - s.kernel) / s.stride) + 1 };
}

export const convInputs = (s: ConvShape): number => s.inChannels * s.inHeight * s.inWidth;
export const convOutputs = (s: ConvShape): number => {
  const o = convOutput(s);
  return s.outChannels * o.height * o.width;
};
export const convWeightCount = (s: ConvShape): number => s.outChannels * s.inChannels * s.kernel * s.kernel;
/** Fan-in of one output: PyTorch's Conv2d initialisation bound is 1 / sqrt(this). */
export const convFanIn = (s: ConvShape): number => s.inChannels * s.kernel * s.kernel;

/** Refuse a shape that is not a valid layer between widths `fanIn` and `fanOut`. */
export function checkConvShape(s: ConvShape, fanIn: number, fanOut: number, where: string): void {
  const ints = [s.inChannels, s.inHeight, s.inWidth, s.outChannels, s.kernel, s.stride];
  if (ints.some((v) => !Number.isInteger(v) || v < 1) || !Number.isInteger(s.padding) || s.padding < 0) {
    throw new ConfigError(`${where}: got conv ${JSON.stringify(s)}, expected positive integer channels, sizes, kernel, stride and padding >= 0`);
  }
  const o = convOutput(s);
  if (o.height < 1 || o.width < 1) throw new ConfigError(`${where}: got an output of ${o.height}x${o.width}, expected at least 1x1 (kernel ${s.kernel} on ${s.inHeight}x${s.inWidth})`);
  if (convInputs(s) !== fanIn || convOutputs(s) !== fanOut) {
    throw new ConfigError(`${where}: got conv ${convInputs(s)} -> ${convOutputs(s)}, expected the layer widths ${fanIn} -> ${fanOut}`);
  }
}

/**
 * Call `visit(o, w)` for every output o whose receptive field holds input (c, y, x), with w the index of the weight
 * joining them; outputs ascending within a channel, channels ascending.
 */
function forEachCover(s: ConvShape, r: number, visit: (o: number, w: number) => void): void {
  const hw = s.inHeight * s.inWidth;
  const c = Math.floor(r / hw);
  const y = Math.floor((r % hw) / s.inWidth);
  const x = r % s.inWidth;
  const out = convOutput(s);
  const k = s.kernel;
  for (let ky = 0; ky < k; ky++) {
    const ny = y + s.padding - ky;
    if (ny < 0 || ny % s.stride !== 0 || ny / s.stride >= out.height) continue;
    const oy = ny / s.stride;
    for (let kx = 0; kx < k; kx++) {
      const nx = x + s.padding - kx;
      if (nx < 0 || nx % s.stride !== 0 || nx / s.stride >= out.width) continue;
      const ox = nx / s.stride;
      for (let oc = 0; oc < s.outChannels; oc++) visit((oc * out.height + oy) * out.width + ox, ((oc * s.inChannels + c) * k + ky) * k + kx);
    }
  }
}

/** X[t][o] = sum over active inputs of value x W (T x outputs, float32 after each addition; inputs ascending). */
export function convForward(s: ConvShape, W: Float32Array, input: SparseSteps, T: number, X: Float32Array): void {
  const n = convOutputs(s);
  X.fill(0, 0, T * n);
  const g = input.byInput;
  for (let q = 0; q < g.count; q++) {
    const from = g.rowStart[q];
    const to = g.rowStart[q + 1];
    forEachCover(s, g.rows[q], (o, w) => {
      const weight = W[w];
      for (let p = from; p < to; p++) X[g.step[p] * n + o] += g.value[p] * weight;
    });
  }
}

/** dW += sum_t input[t] (x) gX[t] through the shared kernel (gX: T x outputs). */
export function convGrad(s: ConvShape, dW: Float32Array, input: SparseSteps, gX: Float32Array): void {
  const n = convOutputs(s);
  const g = input.byInput;
  for (let q = 0; q < g.count; q++) {
    const from = g.rowStart[q];
    const to = g.rowStart[q + 1];
    forEachCover(s, g.rows[q], (o, w) => {
      let sum = 0;
      for (let p = from; p < to; p++) sum += g.value[p] * gX[g.step[p] * n + o];
      dW[w] += sum;
    });
  }
}

/** BPTT's transposed read: gSprev[t][r] = sum over the outputs covering input r of W x gX[t][o] (f64 sums). */
export function convTransposedRead(s: ConvShape, W: Float32Array, T: number, gX: Float32Array, gSprev: Float32Array): void {
  const n = convOutputs(s);
  const inputs = convInputs(s);
  const sums = new Float64Array(T);
  for (let r = 0; r < inputs; r++) {
    sums.fill(0);
    forEachCover(s, r, (o, w) => {
      const weight = W[w];
      for (let t = 0; t < T; t++) sums[t] += weight * gX[t * n + o];
    });
    for (let t = 0; t < T; t++) gSprev[t * inputs + r] = sums[t];
  }
}
