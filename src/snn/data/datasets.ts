/**
 * The learning datasets, by name, as sparse frame sets generated on first use and cached (cache.ts):
 * - saccade-mnist: N-MNIST-like DVS events of MNIST (saccade.ts), T frames of equal event count (2312 inputs);
 * - saccade-mnist-time: the same events, T frames of equal duration;
 * - mnist-rate, mnist-latency: rate and latency spike codes of plain MNIST (codes.ts, 784 inputs).
 * Splits are MNIST's (mnist.ts): train = first 55,000 training images, validation = last 5,000, test = 10,000.
 */
import { ConfigError, didYouMean } from '../../core/index.js';
import { loadMnist, MNIST_PIXELS, MNIST_SIDE, type MnistSplit, sampleImage } from '../mnist.js';
import { cachedFrameSet } from './cache.js';
import { pushCodedFrames } from './codes.js';
import { concatFrameSets, FrameSetBuilder, type FrameSet, headOf, pushEventFrames } from './frames.js';
import { SACCADE_INPUTS, saccadeEvents } from './saccade.js';

export const LEARNING_DATASETS = ['saccade-mnist', 'saccade-mnist-time', 'mnist-rate', 'mnist-latency'] as const;
export type LearningDataset = (typeof LEARNING_DATASETS)[number];

/** Samples per cached chunk: the unit of generation, so a short run generates only what it reads. */
export const CHUNK_SAMPLES = 1000;
/** Bumped whenever a generator changes its output (old chunks are then ignored, not misread). */
const GENERATOR_VERSION = 'v1';

export function checkDataset(name: string): LearningDataset {
  const found = LEARNING_DATASETS.find((d) => d === name);
  if (!found) {
    throw new ConfigError(`dataset: got "${name}"${didYouMean(name, LEARNING_DATASETS) ?? ''}, expected one of ${LEARNING_DATASETS.join(', ')}`);
  }
  return found;
}

export function datasetInputs(name: LearningDataset): number {
  return name.startsWith('saccade') ? SACCADE_INPUTS : MNIST_PIXELS;
}

function generateChunk(name: LearningDataset, split: MnistSplit, from: number, to: number, T: number): FrameSet {
  const mnist = loadMnist(split);
  const b = new FrameSetBuilder(datasetInputs(name), T);
  const dense = new Uint16Array(b.inputs);
  for (let i = from; i < to; i++) {
    const image = sampleImage(mnist, i);
    const seed = `${name.startsWith('saccade') ? 'saccade-mnist' : name}:${split}:${i}`;
    if (name === 'saccade-mnist' || name === 'saccade-mnist-time') {
      pushEventFrames(b, saccadeEvents(image, MNIST_SIDE, seed), name === 'saccade-mnist' ? 'number' : 'time', dense);
    } else {
      pushCodedFrames(b, image, name === 'mnist-rate' ? 'rate' : 'latency', seed, dense);
    }
    b.label(mnist.labels[i]);
  }
  return b.build();
}

/** Samples in a split (train 55,000, validation 5,000, test 10,000): the most a run can read from it. */
export function splitSamples(split: MnistSplit): number {
  return loadMnist(split).count;
}

/** The first `count` samples (all when undefined) of a split of a learning dataset at T timesteps. */
export function loadFrames(name: LearningDataset, split: MnistSplit, timesteps: number, count?: number): FrameSet {
  if (!Number.isInteger(timesteps) || timesteps < 1) throw new ConfigError(`timesteps: got ${timesteps}, expected a positive integer`);
  const available = loadMnist(split).count;
  const n = count === undefined ? available : Math.min(count, available);
  if (!(n >= 1)) throw new ConfigError(`samples: got ${String(count)}, expected a positive integer`);
  const chunks: FrameSet[] = [];
  for (let c = 0; c * CHUNK_SAMPLES < n; c++) {
    const from = c * CHUNK_SAMPLES;
    const to = Math.min(available, from + CHUNK_SAMPLES);
    const key = `${name}-${GENERATOR_VERSION}/T${timesteps}/${split}-${String(c).padStart(3, '0')}`;
    chunks.push(cachedFrameSet(key, () => generateChunk(name, split, from, to, timesteps)));
  }
  return headOf(chunks.length === 1 ? chunks[0] : concatFrameSets(chunks), n);
}

/** Generate without the cache (tests and the checksum). */
export function generateFrames(name: LearningDataset, split: MnistSplit, timesteps: number, count: number): FrameSet {
  return generateChunk(name, split, 0, count, timesteps);
}
