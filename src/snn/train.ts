/**
 * SNN trainer: backpropagation through time with a fast-sigmoid surrogate gradient, quantisation-aware
 * weights (fake quantisation to `weightBits` with a straight-through estimator), optional multiplicative
 * Gaussian weight-noise injection, Adam with a cosine learning-rate decay, mini-batches.
 * Conv layers are im2col gather tables (see graph.ts). Plain Float32Array loops, one thread.
 *
 * Forward per sample (T timesteps): the first layer sees the same direct-coded image at every timestep, so
 * its input current is computed once; hidden layers are LIF (lif.ts); the last layer is a non-spiking
 * integrator and logits = (1/T) * sum_t I_out^t; loss = softmax cross-entropy.
 * Surrogate: dS/dU = (a/2) / (1 + a |U - theta|)^2, the derivative of 0.5 + 0.5 a v / (1 + a |v|).
 * Reset gradient: detached by default (as snnTorch does); `detachReset: false` gives the exact gradient of
 * the forward graph (used with `smoothSpikes` by the finite-difference gradient check).
 * ADC-less hardware-aware training: see adcless.ts (the first layer's direct input is binarised per crossbar
 * tile and input bit plane, as the hardware reads it bit-serially; computed once per sample).
 */
import { ConfigError } from '../core/errors.js';
import { createRng, type Rng } from '../util/rng.js';
import { type AdcLessTraining, binarizedForward, binarizedBackward, adcLessFraction, checkAdcLess } from './adcless.js';
import type { SnnGraph, WeightOp, PoolOp } from './graph.js';
import { checkLifParams, type LifParams } from './lif.js';
import type { SnnWeights } from './weights.js';

export interface TrainData {
  /** count x inputSize values; the network input is value * inputScale. */
  readonly images: Uint8Array | Float32Array;
  readonly inputScale: number;
  readonly labels: Uint8Array | Int32Array;
  readonly count: number;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Cosine decay from learningRate to learningRate * finalLearningRateFraction over all steps. */
  readonly finalLearningRateFraction: number;
  readonly seed: number | string;
  readonly timesteps: number;
  readonly lif: LifParams;
  /** Fake-quantisation bits (symmetric, per layer, scale = max|w| / (2^(bits-1) - 1)); 0 = float weights. */
  readonly weightBits: number;
  /** Multiplicative Gaussian weight noise injected in training forward passes (relative sigma); 0 = none. */
  readonly noiseSigma: number;
  readonly surrogateSlope: number;
  readonly detachReset: boolean;
  /** Initial weights ~ N(0, (initGain / sqrt(fanIn))^2). */
  readonly initGain: number;
  /** Train on at most this many (shuffled) samples per epoch; 0 = all. */
  readonly samplesPerEpoch: number;
  /** Forward with a smooth spike function whose derivative is the surrogate (gradient checks only). */
  readonly smoothSpikes?: boolean;
  readonly adcLess?: AdcLessTraining;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 10, batchSize: 64, learningRate: 1e-3, finalLearningRateFraction: 0.05, seed: 1, timesteps: 4,
  lif: { leak: 0.9, threshold: 1, reset: 'subtract' }, weightBits: 8, noiseSigma: 0, surrogateSlope: 5, detachReset: true,
  initGain: 2, samplesPerEpoch: 0,
};

export interface EpochStats {
  readonly epoch: number;
  readonly loss: number;
  readonly trainAccuracy: number;
  readonly learningRate: number;
  readonly adcLessFraction: number;
  readonly seconds: number;
}

interface OpState {
  /** Weight ops: input current per timestep (for op 0 every entry is the same buffer). */
  current: Float32Array[];
  /** Spiking weight ops: pre-reset membrane per timestep. */
  membrane: Float32Array[];
  /** Output activation per timestep (spikes for LIF ops, pooled values for pools). */
  out: Float32Array[];
  /** Pools: window index of the max per output per timestep. */
  arg: Int32Array[];
  /** Gradient w.r.t. `out` per timestep. */
  gradOut: Float32Array[];
  /** Gradient w.r.t. `current` per timestep. */
  gradCurrent: Float32Array[];
}

export class SnnTrainer {
  readonly graph: SnnGraph;
  readonly options: TrainOptions;
  /** Trainable (latent, float) weights per weight op: fanIn x fanOut, row-major (row = crossbar row). */
  readonly weights: Float32Array[];
  private readonly effective: Float32Array[];
  private readonly grads: Float32Array[];
  private readonly adamM: Float32Array[];
  private readonly adamV: Float32Array[];
  private adamStep = 0;
  private readonly state: OpState[];
  private readonly input: Float32Array;
  private readonly logits: Float64Array;
  private readonly noiseRng: Rng;
  /** Fraction of ADC-less binarisation in force (0 = high-precision partial sums). */
  adcLessFraction = 0;

  constructor(graph: SnnGraph, options: TrainOptions) {
    checkTrainOptions(graph, options);
    this.graph = graph;
    this.options = options;
    const init = createRng(`${options.seed}:init`);
    this.weights = graph.weightOps.map((op) => {
      const w = new Float32Array(op.fanIn * op.fanOut);
      const std = options.initGain / Math.sqrt(op.fanIn);
      for (let i = 0; i < w.length; i++) w[i] = init.normal() * std;
      return w;
    });
    this.effective = this.weights.map((w) => new Float32Array(w.length));
    this.grads = this.weights.map((w) => new Float32Array(w.length));
    this.adamM = this.weights.map((w) => new Float32Array(w.length));
    this.adamV = this.weights.map((w) => new Float32Array(w.length));
    this.noiseRng = createRng(`${options.seed}:noise`);
    const T = options.timesteps;
    const arr = (n: number, len: number) => Array.from({ length: n }, () => new Float32Array(len));
    this.state = graph.ops.map((op, i) => {
      if (op.kind === 'pool') {
        return { current: [], membrane: [], out: arr(T, op.outSize), arg: Array.from({ length: T }, () => new Int32Array(op.outSize)),
          gradOut: arr(T, op.outSize), gradCurrent: [] };
      }
      const shared = i === 0 ? new Float32Array(op.outSize) : undefined;
      return {
        current: shared ? Array.from({ length: T }, () => shared) : arr(T, op.outSize),
        membrane: op.spiking ? arr(T, op.outSize) : [],
        out: op.spiking ? arr(T, op.outSize) : [],
        arg: [],
        gradOut: op.spiking ? arr(T, op.outSize) : [],
        gradCurrent: arr(T, op.outSize),
      };
    });
    this.input = new Float32Array(graph.inputSize);
    this.logits = new Float64Array(graph.outputSize);
    this.refreshEffectiveWeights(false);
  }

  /**
   * Start from trained integer weights (fine-tuning, e.g. an ADC-less variant from the high-precision weights):
   * latent weight = q * weightScale, same layout (fanIn x fanOut, row-major).
   */
  initFrom(layers: readonly { readonly name: string; readonly fanIn: number; readonly fanOut: number; readonly weightScale: number;
    readonly q: Int32Array }[]): void {
    const ops = this.graph.weightOps;
    if (layers.length !== ops.length) {
      throw new ConfigError(`init weights: got ${layers.length} layers, expected ${ops.length} for network ${this.graph.name}`);
    }
    layers.forEach((l, i) => {
      if (l.fanIn !== ops[i].fanIn || l.fanOut !== ops[i].fanOut) {
        throw new ConfigError(`init weights: layer ${l.name} is ${l.fanIn}x${l.fanOut}, expected ${ops[i].fanIn}x${ops[i].fanOut} (${ops[i].name})`);
      }
      const w = this.weights[i];
      for (let j = 0; j < w.length; j++) w[j] = l.q[j] * l.weightScale;
    });
    this.refreshEffectiveWeights(false);
  }

  /** Recompute the weights the forward pass uses: fake-quantised (STE) and, when training with noise, perturbed. */
  refreshEffectiveWeights(withNoise: boolean): void {
    const bits = this.options.weightBits;
    const sigma = withNoise ? this.options.noiseSigma : 0;
    this.weights.forEach((w, l) => {
      const e = this.effective[l];
      if (bits > 0) {
        const { scale, levels } = quantScale(w, bits);
        for (let i = 0; i < w.length; i++) e[i] = scale === 0 ? 0 : Math.max(-levels - 1, Math.min(levels, Math.round(w[i] / scale))) * scale;
      } else {
        e.set(w);
      }
      if (sigma > 0) for (let i = 0; i < e.length; i++) e[i] *= 1 + sigma * this.noiseRng.normal();
    });
  }

  /** Forward pass of sample `index`; fills the state and `logits`; returns the predicted class. */
  forward(data: TrainData, index: number): number {
    const g = this.graph;
    const T = this.options.timesteps;
    const lif = this.options.lif;
    const slope = this.options.surrogateSlope;
    const smooth = this.options.smoothSpikes === true;
    const n = g.inputSize;
    for (let i = 0; i < n; i++) this.input[i] = data.images[index * n + i] * data.inputScale;
    g.ops.forEach((op, i) => {
      const st = this.state[i];
      if (op.kind === 'pool') {
        const prev = this.state[i - 1].out;
        for (let t = 0; t < T; t++) poolForward(op, prev[t], st.out[t], st.arg[t]);
        return;
      }
      const w = this.effective[op.weightIndex];
      const binarized = this.isBinarized(op);
      if (i === 0) {
        weightForward(op, this.input, w, st.current[0], binarized ? this.options.adcLess : undefined, true);
      } else {
        const prev = this.state[i - 1].out;
        for (let t = 0; t < T; t++) weightForward(op, prev[t], w, st.current[t], binarized ? this.options.adcLess : undefined);
      }
      if (!op.spiking) return;
      const m = op.outSize;
      const mem = new Float32Array(m);
      for (let t = 0; t < T; t++) {
        const cur = st.current[t];
        const pre = st.membrane[t];
        const s = st.out[t];
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
    });
    const last = this.state[g.ops.length - 1];
    const logits = this.logits;
    logits.fill(0);
    for (let t = 0; t < T; t++) {
      const c = last.current[t];
      for (let j = 0; j < logits.length; j++) logits[j] += c[j] / T;
    }
    let best = 0;
    for (let j = 1; j < logits.length; j++) if (logits[j] > logits[best]) best = j;
    return best;
  }

  /** Loss of sample `index` (softmax cross-entropy of the logits); accumulates its gradient into the grads. */
  lossAndGradient(data: TrainData, index: number): { loss: number; correct: boolean } {
    const predicted = this.forward(data, index);
    const label = data.labels[index];
    const logits = this.logits;
    let max = -Infinity;
    for (const v of logits) max = Math.max(max, v);
    let sum = 0;
    for (const v of logits) sum += Math.exp(v - max);
    const loss = Math.log(sum) + max - logits[label];
    const T = this.options.timesteps;
    const g = this.graph;
    const lastIdx = g.ops.length - 1;
    const lastState = this.state[lastIdx];
    for (let t = 0; t < T; t++) {
      const gc = lastState.gradCurrent[t];
      for (let j = 0; j < logits.length; j++) gc[j] = (Math.exp(logits[j] - max) / sum - (j === label ? 1 : 0)) / T;
    }
    this.backward();
    return { loss, correct: predicted === label };
  }

  private backward(): void {
    const g = this.graph;
    const T = this.options.timesteps;
    const { leak, threshold, reset } = this.options.lif;
    const slope = this.options.surrogateSlope;
    const detach = this.options.detachReset;
    for (let i = g.ops.length - 1; i >= 0; i--) {
      const op = g.ops[i];
      const st = this.state[i];
      const prevGrad = i > 0 ? this.state[i - 1].gradOut : undefined;
      if (prevGrad) for (let t = 0; t < T; t++) prevGrad[t].fill(0);
      if (op.kind === 'pool') {
        for (let t = 0; t < T; t++) poolBackward(op, st.gradOut[t], st.arg[t], prevGrad![t]);
        continue;
      }
      if (op.spiking) {
        const m = op.outSize;
        for (let j = 0; j < m; j++) {
          let gPost = 0;
          for (let t = T - 1; t >= 0; t--) {
            const u = st.membrane[t][j];
            const s = st.out[t][j];
            const v = u - threshold;
            const sp = (0.5 * slope) / ((1 + slope * Math.abs(v)) * (1 + slope * Math.abs(v)));
            let gS = st.gradOut[t][j];
            if (!detach) gS += gPost * (reset === 'subtract' ? -threshold : -u);
            const direct = reset === 'subtract' ? 1 : 1 - s;
            const gPre = gPost * direct + gS * sp;
            st.gradCurrent[t][j] = gPre;
            gPost = leak * gPre;
          }
        }
      }
      const w = this.effective[op.weightIndex];
      const gw = this.grads[op.weightIndex];
      const adc = this.isBinarized(op) ? this.options.adcLess : undefined;
      if (i === 0) {
        // Constant input: dW = (sum_t dI^t) x^T in one pass.
        const total = new Float32Array(op.outSize);
        for (let t = 0; t < T; t++) {
          const gc = st.gradCurrent[t];
          for (let j = 0; j < total.length; j++) total[j] += gc[j];
        }
        weightBackward(op, this.input, w, total, gw, undefined, adc, true);
      } else {
        const prevOut = this.state[i - 1].out;
        for (let t = 0; t < T; t++) weightBackward(op, prevOut[t], w, st.gradCurrent[t], gw, prevGrad![t], adc);
      }
    }
  }

  private isBinarized(op: WeightOp): boolean {
    const a = this.options.adcLess;
    if (!a || this.adcLessFraction <= 0) return false;
    // Progressive hardware awareness: layers are binarised first to last as the fraction rises.
    return op.weightIndex < Math.round(this.adcLessFraction * this.graph.weightOps.length);
  }

  /** Adam step with the mean gradient over `batch` samples; clears the gradients. */
  step(batch: number, learningRate: number): void {
    const b1 = 0.9;
    const b2 = 0.999;
    const eps = 1e-8;
    this.adamStep++;
    const c1 = 1 - Math.pow(b1, this.adamStep);
    const c2 = 1 - Math.pow(b2, this.adamStep);
    this.weights.forEach((w, l) => {
      const gw = this.grads[l];
      const m = this.adamM[l];
      const v = this.adamV[l];
      for (let i = 0; i < w.length; i++) {
        const gi = gw[i] / batch;
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        w[i] -= (learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
      gw.fill(0);
    });
  }

  /** Per op, per timestep: input currents and outputs (spikes, pooled values) of the last forward pass (for tests). */
  lastForward(): readonly { readonly current: readonly Float32Array[]; readonly out: readonly Float32Array[] }[] {
    return this.state;
  }

  /** Gradients accumulated so far (for tests). */
  gradients(): readonly Float32Array[] {
    return this.grads;
  }

  /** One epoch over a seeded shuffle of `data`. */
  trainEpoch(data: TrainData, epoch: number, totalEpochs: number): EpochStats {
    const start = Date.now();
    const o = this.options;
    if (o.adcLess) this.adcLessFraction = adcLessFraction(o.adcLess, epoch, totalEpochs);
    const order = shuffled(data.count, createRng(`${o.seed}:shuffle:${epoch}`));
    const used = o.samplesPerEpoch > 0 ? Math.min(o.samplesPerEpoch, data.count) : data.count;
    const stepsPerEpoch = Math.ceil(used / o.batchSize);
    const totalSteps = stepsPerEpoch * totalEpochs;
    let lossSum = 0;
    let correct = 0;
    let lr = o.learningRate;
    for (let s = 0; s < stepsPerEpoch; s++) {
      const from = s * o.batchSize;
      const to = Math.min(used, from + o.batchSize);
      this.refreshEffectiveWeights(o.noiseSigma > 0);
      for (let k = from; k < to; k++) {
        const r = this.lossAndGradient(data, order[k]);
        lossSum += r.loss;
        if (r.correct) correct++;
      }
      const progress = (epoch * stepsPerEpoch + s) / totalSteps;
      lr = o.learningRate * (o.finalLearningRateFraction + (1 - o.finalLearningRateFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
      this.step(to - from, lr);
    }
    this.refreshEffectiveWeights(false);
    return { epoch, loss: lossSum / used, trainAccuracy: correct / used, learningRate: lr, adcLessFraction: this.adcLessFraction,
      seconds: (Date.now() - start) / 1000 };
  }

  /** Accuracy of the current fake-quantised weights (float forward, no noise) on up to `limit` samples. */
  accuracy(data: TrainData, limit = data.count): number {
    this.refreshEffectiveWeights(false);
    let correct = 0;
    const n = Math.min(limit, data.count);
    for (let i = 0; i < n; i++) if (this.forward(data, i) === data.labels[i]) correct++;
    return correct / n;
  }

  /** Mean loss over samples without touching the gradients (for finite-difference checks). */
  loss(data: TrainData, indices: readonly number[]): number {
    let total = 0;
    for (const i of indices) {
      this.forward(data, i);
      const logits = this.logits;
      let max = -Infinity;
      for (const v of logits) max = Math.max(max, v);
      let sum = 0;
      for (const v of logits) sum += Math.exp(v - max);
      total += Math.log(sum) + max - logits[data.labels[i]];
    }
    return total / indices.length;
  }
}

/**
 * The software model of ADC-less weights: the trainer's forward pass with every layer binarised (adcless.ts) on
 * the weights' integers, at `timesteps`. Predictions for `indices` of `data` (lowest index on ties, as hardware).
 */
export function adcLessPredictions(graph: SnnGraph, weights: SnnWeights, data: TrainData, indices: ArrayLike<number>,
  timesteps: number): Int32Array {
  if (!weights.adcLess) throw new ConfigError(`weights for ${weights.network}: got no adcLess settings, expected ADC-less trained weights`);
  const trainer = new SnnTrainer(graph, { ...DEFAULT_TRAIN_OPTIONS, timesteps, lif: weights.lif, weightBits: weights.weightBits,
    adcLess: weights.adcLess });
  trainer.initFrom(weights.layers);
  trainer.adcLessFraction = 1;
  const out = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = trainer.forward(data, indices[i]);
  return out;
}

/**
 * Symmetric per-layer quantisation: q = round(w / scale) in [-levels-1, levels], scale ~ max|w| / levels.
 * The scale is rounded to (24 - bits) significant bits so that every q * scale is an exact float32: the
 * Float32 real weights handed to the crossbar model then re-quantise to exactly the same q and scale.
 */
export function quantScale(w: Float32Array | Float64Array, bits: number): { scale: number; levels: number } {
  const levels = Math.max(2 ** (bits - 1) - 1, 1);
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  return { scale: roundSignificand(max / levels, Math.max(1, 24 - bits)), levels };
}

/** x rounded to `bits` significant binary digits. */
export function roundSignificand(x: number, bits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log2(Math.abs(x)));
  const unit = 2 ** (e - bits + 1);
  return Math.round(x / unit) * unit;
}

/** `direct`: the first layer's direct-coded input (binarised per input bit plane, adcless.ts). */
function weightForward(op: WeightOp, input: Float32Array, w: Float32Array, out: Float32Array, adc: AdcLessTraining | undefined,
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

function weightBackward(op: WeightOp, input: Float32Array, w: Float32Array, gradOut: Float32Array, gradW: Float32Array,
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

function poolForward(op: PoolOp, input: Float32Array, out: Float32Array, arg: Int32Array): void {
  const win = op.window;
  const gather = op.gather;
  for (let o = 0; o < op.outSize; o++) {
    {
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
}

function poolBackward(op: PoolOp, gradOut: Float32Array, arg: Int32Array, gradIn: Float32Array): void {
  const win = op.window;
  for (let o = 0; o < op.outSize; o++) {
    gradIn[op.gather[o * win + arg[o]]] += gradOut[o];
  }
}

export function shuffled(n: number, rng: Rng): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

function checkTrainOptions(graph: SnnGraph, o: TrainOptions): void {
  checkLifParams(o.lif);
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`${name}: got ${v}, expected a positive integer`);
  };
  positiveInt('epochs', o.epochs);
  positiveInt('batchSize', o.batchSize);
  positiveInt('timesteps', o.timesteps);
  if (!(o.learningRate > 0)) throw new ConfigError(`learningRate: got ${o.learningRate}, expected a positive number`);
  if (!Number.isInteger(o.weightBits) || o.weightBits < 0 || o.weightBits > 16) {
    throw new ConfigError(`weightBits: got ${o.weightBits}, expected an integer in [0, 16] (0 = float)`);
  }
  if (!(o.noiseSigma >= 0)) throw new ConfigError(`noiseSigma: got ${o.noiseSigma}, expected a number >= 0`);
  if (graph.ops[0].kind !== 'weight') throw new ConfigError(`network ${graph.name}: got a pool first, expected a weight layer first`);
  if (o.adcLess) checkAdcLess(o.adcLess);
}
