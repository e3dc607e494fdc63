/** The trainer's data plumbing per epoch: which samples, in which order, in how many mini-batches, at which learning rate. */
import { createRng, shuffled } from '../util/rng.js';
import { cosineLearningRate } from './optimizer.js';
import type { TrainOptions } from './trainOptions.js';

export interface EpochPlan {
  /** A seeded permutation of all sample indices (its own stream per epoch). */
  readonly order: Int32Array;
  /** Samples used this epoch: the first `used` of `order`. */
  readonly used: number;
  readonly batches: number;
}

export function epochPlan(count: number, o: TrainOptions, epoch: number): EpochPlan {
  const order = shuffled(count, createRng(`${o.seed}:shuffle:${epoch}`));
  const used = o.samplesPerEpoch > 0 ? Math.min(o.samplesPerEpoch, count) : count;
  return { order, used, batches: Math.ceil(used / o.batchSize) };
}

/** Learning rate after mini-batch `batch` of `epoch`: cosine decay over all mini-batches of all epochs. */
export function batchLearningRate(o: TrainOptions, epoch: number, batch: number, batchesPerEpoch: number, totalEpochs: number): number {
  const progress = (epoch * batchesPerEpoch + batch) / (batchesPerEpoch * totalEpochs);
  return cosineLearningRate(o.learningRate, o.finalLearningRateFraction, progress);
}
