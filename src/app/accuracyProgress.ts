/**
 * The accuracy engine's metrics in chunks, with progress, in this thread or on worker threads: the test samples of
 * each chip are cut into a few chunks evaluated through the engine's `range` option (each sample's result does not
 * depend on the chunks: src/sim/accuracy.ts reseeds read noise per sample and programs the chip from the seed), and
 * `onProgress` hears as each chunk ends. A chunk costs ~0.1 s beyond its samples (the chip's layers are looked up
 * again), so the chunks are few (PROGRESS_STEPS per chip: small ones first, for an early rate and ETA). A runner
 * evaluates one chunk (inThreadRunner, or accuracyPool.ts's workers); the chips' results are combined exactly as
 * evaluateAccuracy combines them, so the result equals accuracyMetrics' (test/io/cache/accuracy.test.ts,
 * test/app/accuracyPool.test.ts).
 */
import type { HardwareConfig } from '../hardware/config.js';
import type { Network } from '../model/types.js';
import { accuracyMetricsOf, accuracyProxyOf, chipSeeds, combineChips, evaluateAccuracy, macErrorOf, wilsonResult,
  type AccuracyMetrics, type AccuracyResult } from '../sim/accuracy.js';
import { loadWeights } from '../snn/weights.js';

/** Where a chip's chunks end (shares of its samples): 12 chunks. */
export const PROGRESS_STEPS: readonly number[] = [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Fewer samples than this are not worth a chunk of their own. */
export const PROGRESS_MIN_CHUNK = 25;

export type ProgressListener = (done: number, total: number) => void;

/** Samples [from, to) of chip `chip` (undefined: a one-chip configuration). */
export interface AccuracyChunk {
  readonly chip: number | undefined;
  readonly from: number;
  readonly to: number;
}

export interface ChunkResult {
  readonly correct: number;
  readonly weights: AccuracyResult['weights'];
}

/** Evaluates one chunk of `network` on `config`. */
export type ChunkRunner = (network: Network, config: HardwareConfig, chunk: AccuracyChunk) => Promise<ChunkResult>;

/** One chunk through the engine (in this thread, or in a worker of accuracyPool.ts). */
export function evaluateChunk(network: Network, config: HardwareConfig, { chip, from, to }: AccuracyChunk): ChunkResult {
  const r = evaluateAccuracy(network, config, { range: { from, to }, chip });
  return { correct: r.correct, weights: r.weights };
}

/** A runner in this thread; it yields before each chunk so that a progress bar draws and signals arrive. */
export const inThreadRunner: ChunkRunner = async (network, config, chunk) => {
  await new Promise((resolve) => setImmediate(resolve));
  return evaluateChunk(network, config, chunk);
};

/** Every chip's chunks, chip after chip. */
export function accuracyChunks(config: HardwareConfig): AccuracyChunk[] {
  const total = config.accuracy.samples;
  const ends: number[] = [];
  for (const share of PROGRESS_STEPS) {
    const end = Math.round(share * total);
    if (end === total || end - (ends.at(-1) ?? 0) >= PROGRESS_MIN_CHUNK) ends.push(end);
  }
  const chips = config.accuracy.chips === 1 ? [undefined] : chipSeeds(config).map((_, c) => c);
  return chips.flatMap((chip) => ends.map((to, i) => ({ chip, from: i === 0 ? 0 : ends[i - 1], to })));
}

export interface ChunkedOptions {
  readonly runner?: ChunkRunner;
  /** Chunks in flight at once (the runner's workers); default 1. */
  readonly concurrency?: number;
}

export async function accuracyMetricsWithProgress(network: Network, config: HardwareConfig, onProgress: ProgressListener,
  options: ChunkedOptions = {}): Promise<AccuracyMetrics> {
  const run = { stopped: false };
  const detail = loadWeights(network.name) ? chunkedAccuracy(network, config, onProgress, options, run) : undefined;
  // The MAC error and the proxy in this thread while the workers measure the samples (~0.6 s for the MNIST nets).
  // Should they throw, the samples' own failure is not left unhandled (awaiting `detail` still reports it), and no
  // further chunk starts: the command has failed, its samples would only cost time.
  detail?.catch(() => undefined);
  try {
    const mac = macErrorOf(network, config);
    const proxy = accuracyProxyOf(network, config);
    return accuracyMetricsOf(await detail, mac, proxy);
  } catch (error) {
    run.stopped = true;
    throw error;
  }
}

async function chunkedAccuracy(network: Network, config: HardwareConfig, onProgress: ProgressListener,
  { runner = inThreadRunner, concurrency = 1 }: ChunkedOptions, run: { stopped: boolean }): Promise<AccuracyResult> {
  const chunks = accuracyChunks(config);
  const results: ChunkResult[] = new Array(chunks.length);
  const total = chunks.reduce((n, c) => n + c.to - c.from, 0);
  let done = 0;
  let next = 0;
  onProgress(0, total);
  const lane = async () => {
    while (next < chunks.length && !run.stopped) {
      const i = next++;
      try {
        results[i] = await runner(network, config, chunks[i]);
      } catch (error) {
        run.stopped = true; // the other lanes start no further chunk
        throw error;
      }
      done += chunks[i].to - chunks[i].from;
      onProgress(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, chunks.length)) }, lane));
  if (run.stopped) throw new Error('internal: accuracy chunks stopped without an error');
  const perChip = new Map<number | undefined, { correct: number; samples: number; weights: AccuracyResult['weights'] }>();
  chunks.forEach((c, i) => {
    const chip = perChip.get(c.chip) ?? { correct: 0, samples: 0, weights: results[i].weights };
    perChip.set(c.chip, { ...chip, correct: chip.correct + results[i].correct, samples: chip.samples + c.to - c.from });
  });
  const chips = [...perChip.values()].map((c) => wilsonResult(c.correct, c.samples, c.weights));
  return config.accuracy.chips === 1 ? chips[0] : combineChips(chips);
}
