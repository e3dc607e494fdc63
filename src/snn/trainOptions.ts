/** What the trainer is told: its data, its options (with defaults and checks) and what it reports per epoch. */
import { ConfigError } from '../core/errors.js';
import { type AdcLessTraining, checkAdcLess } from './adcless.js';
import type { SnnGraph } from './graph.js';
import { checkLifParams, type LifParams } from './lif.js';

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
  /**
   * Additive Gaussian noise on each fake-quantised weight q, in quantisation steps, indexed by |q| (the chip's
   * conductance spread after programming: differentialWeightSpread_levels in src/sim/nonideal/weightSpread.ts),
   * redrawn every mini-batch like noiseSigma; absent = none. Needs weightBits > 0.
   */
  readonly spreadSigma_levels?: readonly number[];
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

/** The training-loop options every trainer shares (this one and src/snn/learn's): epochs, batch, timesteps, rate, decay. */
export function checkLoopOptions(o: { epochs: number; batchSize: number; timesteps: number; learningRate: number; finalLearningRateFraction: number }): void {
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`${name}: got ${v}, expected a positive integer`);
  };
  positiveInt('epochs', o.epochs);
  positiveInt('batchSize', o.batchSize);
  positiveInt('timesteps', o.timesteps);
  if (!(o.learningRate > 0)) throw new ConfigError(`learningRate: got ${o.learningRate}, expected a positive number`);
  if (!(o.finalLearningRateFraction >= 0 && o.finalLearningRateFraction <= 1)) {
    throw new ConfigError(`finalLearningRateFraction: got ${o.finalLearningRateFraction}, expected a number in [0, 1]`);
  }
}

/** Throws a ConfigError naming the first option the trainer cannot run with on `graph`. */
export function checkTrainOptions(graph: SnnGraph, o: TrainOptions): void {
  checkLifParams(o.lif);
  checkLoopOptions(o);
  if (!Number.isInteger(o.weightBits) || o.weightBits < 0 || o.weightBits > 16) {
    throw new ConfigError(`weightBits: got ${o.weightBits}, expected an integer in [0, 16] (0 = float)`);
  }
  if (!(o.noiseSigma >= 0)) throw new ConfigError(`noiseSigma: got ${o.noiseSigma}, expected a number >= 0`);
  // A slope <= 0 zeroes or reverses every surrogate gradient; a gain <= 0 (or NaN) starts from no usable weights.
  if (!(o.surrogateSlope > 0 && Number.isFinite(o.surrogateSlope))) throw new ConfigError(`surrogateSlope: got ${o.surrogateSlope}, expected a finite number > 0`);
  if (!(o.initGain > 0 && Number.isFinite(o.initGain))) throw new ConfigError(`initGain: got ${o.initGain}, expected a finite number > 0`);
  if (!Number.isInteger(o.samplesPerEpoch) || o.samplesPerEpoch < 0) {
    throw new ConfigError(`samplesPerEpoch: got ${o.samplesPerEpoch}, expected an integer >= 0 (0 = all)`);
  }
  if (o.spreadSigma_levels) checkSpread(o.spreadSigma_levels, o.weightBits);
  if (graph.ops[0].kind !== 'weight') throw new ConfigError(`network ${graph.name}: got a pool first, expected a weight layer first`);
  if (o.adcLess) checkAdcLess(o.adcLess);
}

/**
 * A spread table must hold one finite sigma >= 0 for every |q| of the weight bits (0 .. 2^(bits-1)), no more: a
 * longer table is another precision's (an 8-bit table on 4-bit weights would put ~9 steps of noise on them).
 */
function checkSpread(sigma: readonly number[], weightBits: number): void {
  if (weightBits === 0) throw new ConfigError('spreadSigma_levels: got a spread with float weights (weightBits 0), expected quantised weights');
  const need = 2 ** (weightBits - 1) + 1;
  if (sigma.length !== need) {
    throw new ConfigError(`spreadSigma_levels: got ${sigma.length} values, expected ${need} (|q| = 0 .. ${need - 1} of ${weightBits}-bit weights)`);
  }
  const bad = sigma.findIndex((v) => !(v >= 0 && Number.isFinite(v)));
  if (bad >= 0) throw new ConfigError(`spreadSigma_levels[${bad}]: got ${sigma[bad]}, expected a finite number >= 0`);
}
