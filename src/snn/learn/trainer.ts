/**
 * The learning trainer's loop: seeded shuffles, mini-batches, Adam on the mean gradient with a cosine learning-rate
 * decay (SDFA's optimiser, docs/sources.md#pipesdfa), and where the update goes: straight into float weights
 * (software) or through a device model (on-chip, device.ts) that owns the weights.
 */
import { ConfigError } from '../../core/errors.js';
import { counted } from '../../core/counted.js';
import { runThrough } from '../../util/pausing.js';
import { createRng, shuffled } from '../../util/rng.js';
import type { FrameSet } from '../data/frames.js';
import { BETA1, BETA2, cosineLearningRate, EPSILON } from '../optimizer.js';
import { type Algorithm, checkLayerKinds, type LayerKinds, LifNetwork, LOSSES, type Loss } from './network.js';
import { SDFA_LIF } from './neuron.js';
import type { CrossbarReadModel } from './readModel.js';
import { checkLoopOptions } from '../trainOptions.js';

export interface LearningOptions {
  readonly algorithm: Algorithm;
  readonly sizes: readonly number[];
  readonly timesteps: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly finalLearningRateFraction: number;
  readonly seed: number | string;
  /** Default 'ce' (softmax cross-entropy of the rates); 'mse' as the SDFA train.py (docs/training.md). */
  readonly loss?: Loss;
  /** No gradient through the LIF reset (spikingjelly detach_reset=True, as the SDFA train.py); default false. */
  readonly detachReset?: boolean;
  /** Per weight layer a convolution (conv.ts) or null (fully connected); absent = an MLP. */
  readonly conv?: LayerKinds;
}

export const DEFAULT_LEARNING_OPTIONS = {
  timesteps: 10, epochs: 5, batchSize: 128, learningRate: 1e-2, finalLearningRateFraction: 0, seed: 1,
} as const;

/** Where weight updates land: the float weights, or a device that quantises and distorts them. */
export interface WeightSink {
  /** Apply `delta` (the optimiser's intended change) to layer `l`; the sink writes the resulting weights into `w`. */
  apply(l: number, delta: Float32Array, w: Float32Array): void;
  /** Called before each mini-batch's forward passes (e.g. to draw read noise). */
  beforeBatch?(weights: Float32Array[]): void;
  /** The weights inference should use after training (e.g. noise-free conductances). */
  settle?(weights: Float32Array[]): void;
  /** The feedback matrix as programmed (SDFA's B with its own programming error). */
  readonly feedback?: Float32Array;
  /** Called at the start of each epoch (per-epoch random streams keep a resumed run identical). */
  startEpoch?(epoch: number): void;
  /** State to checkpoint (and restore with the same arrays' contents). */
  state?(): Float32Array[];
  /** Cell levels per weight unit of each layer (for a crossbar read model: one level = one device state step). */
  levelsPerWeight?(): number[];
}

export interface LearningEpoch {
  readonly epoch: number;
  readonly loss: number;
  readonly trainAccuracy: number;
  readonly learningRate: number;
  /** Training time of the epoch (the test pass not included). */
  readonly seconds: number;
  readonly samples: number;
  /** Spikes each weight layer emitted over the epoch's training samples (all neurons, all steps). */
  readonly spikesPerLayer: readonly number[];
}

export function checkLearningOptions(o: LearningOptions): void {
  checkLoopOptions(o);
  if (o.loss !== undefined && !LOSSES.includes(o.loss)) throw new ConfigError(`loss: got ${String(o.loss)}, expected one of ${LOSSES.join(', ')}`);
  if (o.sizes.length < 2 || o.sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new ConfigError(`network sizes: got ${o.sizes.join('-')}, expected at least two positive layer widths`);
  }
  checkLayerKinds(o.sizes, o.conv ?? []);
}

export class LearningTrainer {
  readonly net: LifNetwork;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private readonly delta: Float32Array[];
  private steps = 0;
  private readonly error: Float64Array;

  /** `read`: the crossbar reads of the forward and error passes (readModel.ts); needs a sink that knows cell levels. */
  constructor(readonly options: LearningOptions, private readonly sink?: WeightSink, read?: CrossbarReadModel) {
    checkLearningOptions(options);
    // Adam's moments and the update live in the kernel's memory beside the weights (the step runs there); with a
    // read model, a fourth set holds the weights as read.
    this.net = new LifNetwork(options.sizes, options.timesteps, options.detachReset ? { ...SDFA_LIF, detachReset: true } : SDFA_LIF,
      options.seed, read ? 4 : 3, options.conv ?? []);
    [this.m, this.v, this.delta] = this.net.weightShaped;
    if (read) {
      const levels = sink?.levelsPerWeight?.();
      if (!levels) throw new ConfigError(`crossbar read model ${read.label}: got no device, expected on-chip training (a device that maps weights to cell levels)`);
      this.net.setReadModel(read, levels, this.net.weightShaped[3]);
    }
    this.error = new Float64Array(options.sizes[options.sizes.length - 1]);
  }

  /** Layers this algorithm trains ('shallow': the output layer only). */
  trainable(l: number): boolean {
    return this.options.algorithm !== 'shallow' || l === this.net.depth - 1;
  }

  /** Forward + backward of one sample; accumulates gradients; returns its loss and whether it was right. */
  learnSample(data: FrameSet, k: number): { loss: number; correct: boolean } {
    const predicted = this.net.forward(data, k);
    const label = data.labels[k];
    const loss = this.net.lossAndError(label, this.error, this.options.loss);
    this.net.backward(this.options.algorithm, this.error, this.sink?.feedback);
    return { loss, correct: predicted === label };
  }

  /** Adam step on the mean gradient over `batch` samples; the update goes to the sink (or the weights); clears the gradients. */
  step(batch: number, learningRate: number): void {
    this.steps++;
    const c1 = 1 - BETA1 ** this.steps;
    const c2 = 1 - BETA2 ** this.steps;
    this.net.weights.forEach((w, l) => {
      if (!this.trainable(l)) return;
      const d = this.delta[l];
      // Per weight, in f64 with f32 stores (wasm/trainer.ts adamStep): g_i = g / batch; m = b1 m + (1 - b1) g_i;
      // v = b2 v + (1 - b2) g_i^2; d = -(lr m / c1) / (sqrt(v / c2) + eps); w += d without a sink; g = 0.
      this.net.kernel.adamStep(w.byteOffset, this.net.grads[l].byteOffset, this.m[l].byteOffset, this.v[l].byteOffset, d.byteOffset, w.length,
        batch, learningRate, BETA1, 1 - BETA1, BETA2, 1 - BETA2, c1, c2, EPSILON, this.sink ? 0 : 1);
      if (this.sink) this.sink.apply(l, d, w);
    });
    this.net.weightsChanged();
  }

  /** One epoch over a seeded shuffle of `data` (at most `samples` of it); `progress` is told after each batch. */
  trainEpoch(data: FrameSet, epoch: number, samples = data.count, progress?: (done: number, loss: number, correct: number) => void): LearningEpoch {
    return runThrough(this.epochSteps(data, epoch, samples, progress));
  }

  /**
   * trainEpoch's loop, pausing (a generator yield) after every sample, so that a caller can give the event loop a
   * turn there (a signal) or stop (session.ts). An epoch stopped part-way leaves the trainer mid-epoch: its state is
   * no checkpoint (a run resumes from the last finished epoch).
   */
  *epochSteps(data: FrameSet, epoch: number, samples = data.count, progress?: (done: number, loss: number, correct: number) => void): Generator<void, LearningEpoch> {
    const start = Date.now();
    const o = this.options;
    const order = shuffled(data.count, createRng(`${o.seed}:shuffle:${epoch}`));
    const used = Math.min(samples, data.count);
    this.sink?.startEpoch?.(epoch);
    const batches = Math.ceil(used / o.batchSize);
    let lossSum = 0;
    let correct = 0;
    let lr = o.learningRate;
    const spikes = new Array<number>(this.net.depth).fill(0);
    for (let b = 0; b < batches; b++) {
      const from = b * o.batchSize;
      const to = Math.min(used, from + o.batchSize);
      this.sink?.beforeBatch?.(this.net.weights);
      this.net.weightsChanged();
      for (let k = from; k < to; k++) {
        const r = this.learnSample(data, order[k]);
        lossSum += r.loss;
        if (r.correct) correct++;
        for (let l = 0; l < spikes.length; l++) spikes[l] += this.net.spikeCounts[l];
        yield;
      }
      lr = cosineLearningRate(o.learningRate, o.finalLearningRateFraction, (epoch * batches + b) / (batches * o.epochs));
      this.step(to - from, lr);
      progress?.(to, lossSum / to, correct);
    }
    this.sink?.settle?.(this.net.weights);
    this.net.weightsChanged();
    return { epoch, loss: lossSum / used, trainAccuracy: correct / used, learningRate: lr, seconds: (Date.now() - start) / 1000, samples: used,
      spikesPerLayer: spikes };
  }

  /** Everything a resumed run needs: weights, Adam moments, the step count, the sink's state (restore() takes it back). */
  state(): { steps: number; arrays: Float32Array[] } {
    return { steps: this.steps, arrays: [...this.net.weights, ...this.m, ...this.v, ...(this.sink?.state?.() ?? [])] };
  }

  restore(steps: number, arrays: readonly Float32Array[]): void {
    const own = this.state().arrays;
    if (arrays.length !== own.length || own.some((a, i) => a.length !== arrays[i].length)) {
      const lengths = (list: readonly Float32Array[]) => list.map((a) => a.length).join(', ');
      throw new ConfigError(`got a checkpoint of ${counted(arrays.length, 'array')} (lengths ${lengths(arrays)}), expected ${own.length} of this `
        + `network's sizes (${lengths(own)}): a checkpoint of another network or device`);
    }
    own.forEach((a, i) => a.set(arrays[i]));
    this.steps = steps;
    this.net.weightsChanged();
  }

  /** Accuracy of the current weights on the first `limit` samples of `data`. */
  accuracy(data: FrameSet, limit = data.count): number {
    return runThrough(this.accuracySteps(data, limit));
  }

  /** accuracy(), pausing after every sample (as epochSteps). */
  *accuracySteps(data: FrameSet, limit = data.count): Generator<void, number> {
    const n = Math.min(limit, data.count);
    let correct = 0;
    for (let k = 0; k < n; k++) {
      if (this.net.forward(data, k) === data.labels[k]) correct++;
      yield;
    }
    return correct / n;
  }
}
