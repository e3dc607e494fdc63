/**
 * The learning datasets, by name, as sparse frame sets generated on first use and cached (cache.ts):
 * - saccade-mnist: N-MNIST-like DVS events of MNIST (saccade.ts), T frames of equal event count (2312 inputs);
 * - saccade-mnist-time: the same events, T frames of equal duration;
 * - mnist-rate, mnist-latency: rate and latency spike codes of plain MNIST (codes.ts, 784 inputs).
 * Splits are MNIST's (mnist.ts): train = first 55,000 training images, validation = last 5,000, test = 10,000.
 */
import { ConfigError, didYouMean } from '../../core/index.js';
import { loadMnist, MNIST_PIXELS, MNIST_SIDE, type MnistSplit, sampleImage } from '../mnist.js';
import { drive, runThrough, type StopControl } from '../../util/pausing.js';
import { readCachedFrameSet, writeCachedFrameSet } from './cache.js';
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

/** Where a load of a split stands (for the line of a stopped run). */
export interface LoadPosition {
  /** Samples of the split read or generated so far. */
  sample: number;
  /** Samples the load reads or generates (whole chunks: at least the samples asked for). */
  readonly of: number;
  /** In a chunk that was not cached (being generated), else reading cached chunks. */
  generating: boolean;
  /** Samples of the split in the cache (whole chunks, written atomically: a stop never leaves part of one). */
  cached: number;
}

/** A split's frames, or where the load was stopped (by its StopControl). */
export type Loaded = { readonly frames: FrameSet; readonly stopped?: undefined } | { readonly frames?: undefined; readonly stopped: LoadPosition };

/** Samples from..to-1 of a split, one step per sample (a pausing loop: util/pausing.ts); `at.sample` counts them. */
function* chunkSteps(name: LearningDataset, split: MnistSplit, from: number, to: number, T: number, at: { sample: number }): Generator<void, FrameSet> {
  const mnist = loadMnist(split);
  const b = new FrameSetBuilder(datasetInputs(name), T);
  const dense = new Uint16Array(b.inputs);
  for (let i = from; i < to; i++) {
    // Before the sample, not after: a finished chunk is cached without a pause between its last sample and the write.
    at.sample = i;
    yield;
    const image = sampleImage(mnist, i);
    const seed = `${name.startsWith('saccade') ? 'saccade-mnist' : name}:${split}:${i}`;
    if (name === 'saccade-mnist' || name === 'saccade-mnist-time') {
      pushEventFrames(b, saccadeEvents(image, MNIST_SIDE, seed), name === 'saccade-mnist' ? 'number' : 'time', dense);
    } else {
      pushCodedFrames(b, image, name === 'mnist-rate' ? 'rate' : 'latency', seed, dense);
    }
    b.label(mnist.labels[i]);
  }
  at.sample = to;
  return b.build();
}

/** Samples in a split (train 55,000, validation 5,000, test 10,000): the most a run can read from it. */
export function splitSamples(split: MnistSplit): number {
  return loadMnist(split).count;
}

/** The first `count` samples (all when undefined) of a split of a learning dataset at T timesteps (cached chunks, else generated). */
export function loadFrames(name: LearningDataset, split: MnistSplit, timesteps: number, count?: number): FrameSet {
  return runThrough(loadSteps(name, split, timesteps, startLoad(split, timesteps, count)));
}

/**
 * loadFrames giving the event loop a turn every YIELD_EVERY_MS (between samples; `cosearch train`): a stop returns
 * where the load stood, with the chunks finished until then cached and nothing of the chunk in progress.
 */
export async function loadFramesStoppable(name: LearningDataset, split: MnistSplit, timesteps: number, count: number | undefined,
  control: StopControl): Promise<Loaded> {
  const at = startLoad(split, timesteps, count);
  const frames = await drive(loadSteps(name, split, timesteps, at), control);
  return frames ? { frames } : { stopped: at };
}

/** The position at the start of a load of `count` samples (checked). */
function startLoad(split: MnistSplit, timesteps: number, count: number | undefined): LoadPosition & { readonly n: number } {
  if (!Number.isInteger(timesteps) || timesteps < 1) throw new ConfigError(`timesteps: got ${timesteps}, expected a positive integer`);
  const available = loadMnist(split).count;
  const n = count === undefined ? available : Math.min(count, available);
  if (!(n >= 1)) throw new ConfigError(`samples: got ${String(count)}, expected a positive integer`);
  return { n, sample: 0, of: Math.min(available, Math.ceil(n / CHUNK_SAMPLES) * CHUNK_SAMPLES), generating: false, cached: 0 };
}

/** Chunk by chunk: a cached one is read (one step), a missing one generated (a step per sample) and cached whole. */
function* loadSteps(name: LearningDataset, split: MnistSplit, timesteps: number, at: LoadPosition & { readonly n: number }): Generator<void, FrameSet> {
  const n = at.n;
  const chunks: FrameSet[] = [];
  for (let c = 0; c * CHUNK_SAMPLES < n; c++) {
    const from = c * CHUNK_SAMPLES;
    const to = Math.min(at.of, from + CHUNK_SAMPLES);
    const key = `${name}-${GENERATOR_VERSION}/T${timesteps}/${split}-${String(c).padStart(3, '0')}`;
    let chunk = readCachedFrameSet(key);
    const read = chunk !== undefined;
    if (!chunk) {
      at.generating = true;
      chunk = yield* chunkSteps(name, split, from, to, timesteps, at);
      writeCachedFrameSet(key, chunk);
      at.generating = false;
    }
    at.sample = to;
    at.cached = to;
    chunks.push(chunk);
    if (read) yield; // between two chunks read (decoding one takes a while too)
  }
  return headOf(chunks.length === 1 ? chunks[0] : concatFrameSets(chunks), n);
}

/** Generate without the cache (tests and the checksum). */
export function generateFrames(name: LearningDataset, split: MnistSplit, timesteps: number, count: number): FrameSet {
  return runThrough(chunkSteps(name, split, 0, count, timesteps, { sample: 0 }));
}
