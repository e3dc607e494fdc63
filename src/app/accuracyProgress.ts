/**
 * The accuracy engine's metrics with progress: the test samples are evaluated in a few chunks through the
 * engine's `range` option (each sample's result does not depend on the chunks: src/sim/accuracy.ts reseeds read
 * noise per sample and programs the chip from the seed), and `onProgress` hears after each chunk. Each chunk
 * programs the chip again (~0.6 s for mlp-mnist and cnn-mnist on the shared 2-core machine), so the chunks are
 * few (PROGRESS_STEPS: small ones first, for an early rate and ETA) and only a terminal gets this path (`cosearch evaluate`); everything else calls
 * accuracyMetrics in one pass. With accuracy.chips >= 2 the chips are measured one after the other, each in chunks,
 * and progress counts the samples of every chip. The result equals accuracyMetrics' (test/app/accuracyProgress.test.ts).
 */
import type { HardwareConfig } from '../hardware/config.js';
import type { Network } from '../model/types.js';
import { accuracyMetricsWith, chipSeeds, combineChips, evaluateAccuracy, wilsonResult, weightsFor, type AccuracyMetrics,
  type AccuracyResult } from '../sim/accuracy.js';

/** Where a progress-reporting run reports (shares of the samples done): 12 chunks, ~10% extra time for mlp-mnist. */
export const PROGRESS_STEPS: readonly number[] = [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Fewer samples than this are not worth a chunk of their own (each chunk programs the chip again). */
export const PROGRESS_MIN_CHUNK = 25;

export type ProgressListener = (done: number, total: number) => void;

export async function accuracyMetricsWithProgress(network: Network, config: HardwareConfig, onProgress: ProgressListener): Promise<AccuracyMetrics> {
  const detail = weightsFor(network, config) ? await chipsAccuracy(network, config, onProgress) : undefined;
  return accuracyMetricsWith(network, config, detail);
}

async function chipsAccuracy(network: Network, config: HardwareConfig, onProgress: ProgressListener): Promise<AccuracyResult> {
  if (config.accuracy.chips === 1) return chunkedAccuracy(network, config, undefined, onProgress);
  const chips = chipSeeds(config).length;
  const total = chips * config.accuracy.samples;
  const perChip: AccuracyResult[] = [];
  for (let chip = 0; chip < chips; chip++) {
    const before = chip * config.accuracy.samples;
    perChip.push(await chunkedAccuracy(network, config, chip, (done) => {
      if (done > 0 || before === 0) onProgress(before + done, total); // a later chip's start is the last one's end
    }));
  }
  return combineChips(perChip);
}

/** One chip's accuracy (`chip` of accuracy.chips; 0 for a one-chip configuration), in chunks. */
async function chunkedAccuracy(network: Network, config: HardwareConfig, chip: number | undefined, onProgress: ProgressListener): Promise<AccuracyResult> {
  const total = config.accuracy.samples;
  const ends: number[] = [];
  for (const share of PROGRESS_STEPS) {
    const end = Math.round(share * total);
    if (end === total || end - (ends.at(-1) ?? 0) >= PROGRESS_MIN_CHUNK) ends.push(end);
  }
  let correct = 0;
  let weights: AccuracyResult['weights'] = 'hp';
  onProgress(0, total);
  let from = 0;
  for (const to of ends) {
    const part = evaluateAccuracy(network, config, { range: { from, to }, chip });
    correct += part.correct;
    weights = part.weights;
    onProgress(to, total);
    from = to;
    await new Promise((resolve) => setImmediate(resolve)); // let the bar draw and signals arrive
  }
  return wilsonResult(correct, total, weights);
}
