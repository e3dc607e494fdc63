/**
 * SNN trainer: backpropagation through time with a fast-sigmoid surrogate gradient, quantisation-aware
 * weights (fake quantisation to `weightBits` with a straight-through estimator), optional multiplicative
 * Gaussian weight-noise injection, Adam with a cosine learning-rate decay, mini-batches.
 * Conv layers are im2col gather tables (see graph.ts). Plain Float32Array loops, one thread.
 *
 * This file is the training loop and its buffers; the layer passes are in layers.ts, the optimiser in
 * optimizer.ts, the epoch plumbing in epoch.ts, the options in trainOptions.ts, the quantiser in quantize.ts.
 *
 * Forward per sample (T timesteps): the first layer sees the same direct-coded image at every timestep, so
 * its input current is computed once; hidden layers are LIF (layers.ts); the last layer is a non-spiking
 * integrator and logits = (1/T) * sum_t I_out^t; loss = softmax cross-entropy.
 * ADC-less hardware-aware training: see adcless.ts (the first layer's direct input is binarised per crossbar
 * tile and input bit plane, as the hardware reads it bit-serially; computed once per sample).
 */
import { ConfigError } from '../core/errors.js';
import { createRng, type Rng } from '../util/rng.js';
import { type AdcLessTraining, adcLessFraction } from './adcless.js';
import { batchLearningRate, epochPlan } from './epoch.js';
import type { SnnGraph, WeightOp } from './graph.js';
import { lifBackward, lifForward, poolBackward, poolForward, weightBackward, weightForward, type SurrogateLif } from './layers.js';
import { Adam } from './optimizer.js';
import { quantizeValue, quantScale } from './quantize.js';
import { checkTrainOptions, DEFAULT_TRAIN_OPTIONS, type EpochStats, type TrainData, type TrainOptions } from './trainOptions.js';
import type { LayerWeights, SnnWeights } from './weights.js';

// scripts/train.ts imports these from here by path.
export { DEFAULT_TRAIN_OPTIONS, type EpochStats, type TrainData, type TrainOptions } from './trainOptions.js';

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

/** Per-timestep buffers for every op of `graph`. */
function createOpStates(graph: SnnGraph, T: number): OpState[] {
  const arr = (n: number, len: number) => Array.from({ length: n }, () => new Float32Array(len));
  return graph.ops.map((op, i) => {
    if (op.kind === 'pool') {
      return { current: [], membrane: [], out: arr(T, op.outSize), arg: Array.from({ length: T }, () => new Int32Array(op.outSize)),
        gradOut: arr(T, op.outSize), gradCurrent: [] };
    }
    // The direct-coded first layer's current is the same every timestep: one buffer.
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
}

/** Softmax cross-entropy of `logits` against `label`, with the max and the normaliser its gradient needs. */
function softmaxCrossEntropy(logits: Float64Array, label: number): { loss: number; max: number; sum: number } {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  return { loss: Math.log(sum) + max - logits[label], max, sum };
}

export class SnnTrainer {
  readonly graph: SnnGraph;
  readonly options: TrainOptions;
  /** Trainable (latent, float) weights per weight op: fanIn x fanOut, row-major (row = crossbar row). */
  readonly weights: Float32Array[];
  private readonly effective: Float32Array[];
  private readonly grads: Float32Array[];
  private readonly optimizer: Adam;
  private readonly neurons: SurrogateLif;
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
    this.optimizer = new Adam(this.weights);
    this.neurons = { lif: options.lif, slope: options.surrogateSlope, smooth: options.smoothSpikes === true, detachReset: options.detachReset };
    this.noiseRng = createRng(`${options.seed}:noise`);
    this.state = createOpStates(graph, options.timesteps);
    this.input = new Float32Array(graph.inputSize);
    this.logits = new Float64Array(graph.outputSize);
    this.refreshEffectiveWeights(false);
  }

  /**
   * Start from trained integer weights (fine-tuning, e.g. an ADC-less variant from the high-precision weights):
   * latent weight = q * weightScale, same layout (fanIn x fanOut, row-major).
   */
  initFrom(layers: readonly LayerWeights[]): void {
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

  /** The weights the forward pass uses now (read-only views: fake-quantised, perturbed while training with noise). */
  effectiveWeights(): readonly Readonly<Float32Array>[] {
    return this.effective;
  }

  /** Recompute the weights the forward pass uses: fake-quantised (STE) and, when training with noise or spread, perturbed. */
  refreshEffectiveWeights(withNoise: boolean): void {
    const bits = this.options.weightBits;
    const sigma = withNoise ? this.options.noiseSigma : 0;
    const spread = withNoise ? this.options.spreadSigma_levels : undefined;
    this.weights.forEach((w, l) => {
      const e = this.effective[l];
      if (bits > 0) {
        const { scale, levels } = quantScale(w, bits);
        if (spread) {
          for (let i = 0; i < w.length; i++) {
            const q = quantizeValue(w[i], scale, levels);
            e[i] = (q + spread[Math.abs(q)] * this.noiseRng.normal()) * scale;
          }
        } else {
          for (let i = 0; i < w.length; i++) e[i] = quantizeValue(w[i], scale, levels) * scale;
        }
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
      const adc = this.binarization(op);
      if (i === 0) {
        weightForward(op, this.input, w, st.current[0], adc, true);
      } else {
        const prev = this.state[i - 1].out;
        for (let t = 0; t < T; t++) weightForward(op, prev[t], w, st.current[t], adc);
      }
      if (op.spiking) lifForward(this.neurons, op.outSize, st.current, st.membrane, st.out);
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
    const { loss, max, sum } = softmaxCrossEntropy(logits, label);
    const T = this.options.timesteps;
    const lastState = this.state[this.graph.ops.length - 1];
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
    for (let i = g.ops.length - 1; i >= 0; i--) {
      const op = g.ops[i];
      const st = this.state[i];
      const prevGrad = i > 0 ? this.state[i - 1].gradOut : [];
      for (const grad of prevGrad) grad.fill(0);
      if (op.kind === 'pool') {
        for (let t = 0; t < T; t++) poolBackward(op, st.gradOut[t], st.arg[t], prevGrad[t]);
        continue;
      }
      if (op.spiking) lifBackward(this.neurons, op.outSize, st.membrane, st.out, st.gradOut, st.gradCurrent);
      const w = this.effective[op.weightIndex];
      const gw = this.grads[op.weightIndex];
      const adc = this.binarization(op);
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
        for (let t = 0; t < T; t++) weightBackward(op, prevOut[t], w, st.gradCurrent[t], gw, prevGrad[t], adc);
      }
    }
  }

  /** The ADC-less settings when `op` is binarised now, else undefined (high-precision partial sums). */
  private binarization(op: WeightOp): AdcLessTraining | undefined {
    const a = this.options.adcLess;
    if (!a || this.adcLessFraction <= 0) return undefined;
    // Progressive hardware awareness: layers are binarised first to last as the fraction rises.
    return op.weightIndex < Math.round(this.adcLessFraction * this.graph.weightOps.length) ? a : undefined;
  }

  /** Adam step with the mean gradient over `batch` samples; clears the gradients. */
  step(batch: number, learningRate: number): void {
    this.optimizer.step(this.weights, this.grads, batch, learningRate);
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
    const { order, used, batches } = epochPlan(data.count, o, epoch);
    let lossSum = 0;
    let correct = 0;
    let lr = o.learningRate;
    for (let s = 0; s < batches; s++) {
      const from = s * o.batchSize;
      const to = Math.min(used, from + o.batchSize);
      this.refreshEffectiveWeights(o.noiseSigma > 0 || o.spreadSigma_levels !== undefined);
      for (let k = from; k < to; k++) {
        const r = this.lossAndGradient(data, order[k]);
        lossSum += r.loss;
        if (r.correct) correct++;
      }
      lr = batchLearningRate(o, epoch, s, batches, totalEpochs);
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
      total += softmaxCrossEntropy(this.logits, data.labels[i]).loss;
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
