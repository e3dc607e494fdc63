/**
 * A hardware-accuracy result and its 95% interval: Wilson's over the test samples of one chip, Student t's over the
 * chips of a chip-averaged evaluation (accuracy.chips; src/sim/accuracy.ts measures them, docs/accuracy.md#chips).
 */
import { ConfigError } from '../core/errors.js';
import { PARAMETERS, type HardwareConfig } from '../hardware/config.js';
import { loadMnist } from '../snn/mnist.js';
import { studentTQuantile } from '../util/studentT.js';
import { mean as meanOf, sampleStandardDeviation } from 'simple-statistics';

export interface AccuracyResult {
  readonly accuracy: number;
  /** Half-width of the 95% interval: Wilson's over one chip's samples; over several chips, `chips.interval`. */
  readonly accuracy_ci95: number;
  readonly accuracy_low: number;
  readonly accuracy_high: number;
  readonly samples: number;
  readonly correct: number;
  /** Which trained weights were used. */
  readonly weights: 'hp' | 'adcless';
  /** Only when stopped early (AccuracyOptions.stopBelow): the samples planned; `accuracy` is then an upper bound. */
  readonly planned?: number;
  /** Only with accuracy.chips >= 2: `accuracy` is the chips' mean, `samples` and `correct` their totals. */
  readonly chips?: ChipSpread;
}

/** The chips of a chip-averaged result (`combineChips`). */
export interface ChipSpread {
  /** Each chip's accuracy, chip c programmed from seed accuracy.seed + c. */
  readonly accuracies: readonly number[];
  /** Which interval the result holds: Student t's over the chips, or the pooled samples' Wilson interval when wider. */
  readonly interval: 'student-t' | 'pooled-wilson';
}

/** 95% Wilson score interval for `correct` successes out of `n`. */
export function wilsonInterval(correct: number, n: number, z = 1.959963984540054): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = correct / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** One chip's result: `correct` of `n` samples with its Wilson interval. */
export function wilsonResult(correct: number, n: number, weights: AccuracyResult['weights']): AccuracyResult {
  const { low, high } = wilsonInterval(correct, n);
  return { accuracy: correct / n, accuracy_ci95: (high - low) / 2, accuracy_low: low, accuracy_high: high, samples: n, correct, weights };
}

/** The registry's largest accuracy.seed (looked up once). */
const LARGEST_SEED = ((type) => (type?.kind === 'int' ? type.max : Infinity))(PARAMETERS.find((p) => p.path === 'accuracy.seed')?.type);

/**
 * The seeds that program accuracy.chips' chip instances: accuracy.seed, accuracy.seed + 1, ... Refused, before any
 * chip is measured, past the largest seed or when the chips' own samples would not fit in the test split.
 */
export function chipSeeds(config: HardwareConfig, testCount = loadMnist('test').count): number[] {
  const { seed, chips, samples } = config.accuracy;
  const last = seed + chips - 1;
  if (last > LARGEST_SEED) {
    throw new ConfigError(`accuracy.chips: got ${chips} chips from accuracy.seed ${seed}, expected the last seed (${last}) <= ${LARGEST_SEED}; lower accuracy.seed`);
  }
  if (chips * samples > testCount) throw chipsError(chips, samples, testCount);
  return Array.from({ length: chips }, (_, c) => seed + c);
}

/**
 * The mean of per-chip results (equal sample counts) and its two-sided 95% interval: Student t's over the chips,
 * mean -/+ t(0.975, k - 1) s / sqrt(k) with s the chips' sample standard deviation, clipped to [0, 1]. Each chip's
 * accuracy varies with its chip and with its own test samples (disjoint between chips), so the chips' accuracies are
 * independent and the interval covers both (docs/accuracy.md#chips). Never narrower than the Wilson interval of all
 * the chips' samples pooled: that is the sampling error alone, which a few chips can understate by chance (three
 * chips all at 47 of 50 give s = 0, a zero-width t interval); when it is the wider, it is the interval.
 */
export function combineChips(perChip: readonly AccuracyResult[]): AccuracyResult {
  const k = perChip.length;
  if (k < 2) throw new Error(`internal: combineChips needs 2 or more chips, got ${k}`);
  const accuracies = perChip.map((r) => r.accuracy);
  const mean = meanOf(accuracies);
  const samples = perChip.reduce((a, r) => a + r.samples, 0);
  const correct = perChip.reduce((a, r) => a + r.correct, 0);
  const half = (studentTQuantile(0.95, k - 1) * sampleStandardDeviation(accuracies)) / Math.sqrt(k);
  const pooled = wilsonInterval(correct, samples);
  const base = { accuracy: mean, samples, correct, weights: perChip[0].weights };
  return half >= (pooled.high - pooled.low) / 2
    ? { ...base, accuracy_ci95: half, accuracy_low: Math.max(0, mean - half), accuracy_high: Math.min(1, mean + half),
      chips: { accuracies, interval: 'student-t' } }
    : { ...base, accuracy_ci95: (pooled.high - pooled.low) / 2, accuracy_low: pooled.low, accuracy_high: pooled.high,
      chips: { accuracies, interval: 'pooled-wilson' } };
}

/**
 * The 95% interval of a result recorded as its accuracy and half-width only (a run CSV's accuracy, accuracy_ci95),
 * given the `samples` per chip and the `chips` it was measured on: the bounds combineChips or wilsonResult gave it.
 * A Wilson interval is not centred on the accuracy, so its bounds are recomputed from the counts, and they are
 * trusted only when their half-width is the one recorded; undefined otherwise (the counts are not the measured ones).
 */
export function recordedInterval(accuracy: number, ci95: number, samples: number, chips: number): { low: number; high: number } | undefined {
  const n = samples * chips;
  const pooled = wilsonInterval(Math.round(accuracy * n), n);
  const pooledHalf = (pooled.high - pooled.low) / 2;
  // The CSV holds the half-width as the engine computed it (every digit), so only rounding in the sums is allowed for.
  const tolerance = 1e-9 * pooledHalf;
  if (Math.abs(ci95 - pooledHalf) <= tolerance) return pooled;
  // Wider than the pooled Wilson interval: combineChips's Student t interval, centred on the mean and clipped.
  if (chips >= 2 && ci95 > pooledHalf) return { low: Math.max(0, accuracy - ci95), high: Math.min(1, accuracy + ci95) };
  return undefined;
}

/**
 * The wrong answer at which a measurement stopping below `floor` on `samples` samples stops (src/sim/accuracy.ts
 * `stopBelow`: at the w-th wrong answer once (samples - w) / samples < floor, in the same arithmetic), or undefined
 * when no count of wrong answers stops it. Floors with the same count stop the same design at the same sample with
 * the same result, so the count, not the floor, keys a stopped result (`stoppedEntryKey`).
 */
export function wrongAnswersToStop(floor: number, samples: number): number | undefined {
  for (let wrong = 1; wrong <= samples; wrong++) if ((samples - wrong) / samples < floor) return wrong;
  return undefined;
}

/** The refusal when `chips` chips of `samples` own test images each do not fit in the `testCount` test images. */
export function chipsError(chips: number, samples: number, testCount: number): ConfigError {
  return new ConfigError(`accuracy.chips: got ${chips} chips of ${samples} samples, expected chips x accuracy.samples <= ${testCount} `
    + `test images (each chip reads its own); lower accuracy.samples or accuracy.chips`);
}
