/**
 * What `cosearch train --set path=value` may set (docs/training.md): every path with its type and range, checked
 * before any data are loaded, so a nonsense value (a negative sigma, a weight range of -1) is one line naming the
 * path, never a run that trains through it, stores it in the manifest, or fails much later with another message.
 * A reason is given where a bound is not simply what the quantity is (a standard deviation is >= 0, a count >= 1).
 */
import { ConfigError } from '../../core/errors.js';
import { didYouMean } from '../../core/suggest.js';
import { parseIntegerText, parseNumberText, type NumberRange } from '../../core/input/numbers.js';

/** A path and its range, described and checked as every number option is (src/core/input/numbers.ts describeRange). */
export interface TrainSetting extends NumberRange {
  readonly path: string;
  readonly kind: 'int' | 'real';
  readonly min: number;
}

const sigma = (path: string, what: string): TrainSetting => ({ path, kind: 'real', min: 0, why: `a standard deviation (${what})` });

export const TRAIN_SETTINGS: readonly TrainSetting[] = [
  { path: 'learning.learningRate', kind: 'real', min: 0, above: true },
  { path: 'learning.batchSize', kind: 'int', min: 1 },
  { path: 'learning.timesteps', kind: 'int', min: 1 },
  { path: 'learning.seed', kind: 'int', min: 0, max: Number.MAX_SAFE_INTEGER },
  { path: 'learning.finalLearningRateFraction', kind: 'real', min: 0, max: 1, why: 'the cosine decay ends at this share of the learning rate' },
  { path: 'onchip.weightRange', kind: 'real', min: 0, above: true,
    why: 'w_max = weightRange / sqrt(fanIn) is the weight of a full cell: 0 maps every conductance to 0, a negative range inverts the weights' },
  { path: 'onchip.feedbackRange', kind: 'real', min: 0, above: true, why: "SDFA's B is clipped to +-feedbackRange and mapped onto the cells' range" },
  { path: 'onchip.verifyIterations', kind: 'int', min: 1 },
  { path: 'device.states', kind: 'int', min: 2, why: 'P_max = states - 1 pulses span the conductance range' },
  sigma('device.c2cSigma', 'of the conductance range, per write'),
  sigma('device.d2dSigma', 'relative, of each cell\'s pulse step'),
  sigma('device.readNoiseSigma', 'of the conductance range, per read'),
  ...(['Ltp', 'Ltd'] as const).map((d): TrainSetting => ({ path: `device.normalizedA${d}`, kind: 'real', min: 0, above: true, infinity: 'linear',
    why: "A / P_max of NeuroSim's G(p) = B (1 - e^(-p/A)): getParamA gives 0.10 to 31.6 (docs/sources.md#online-learning-devices); " +
      'the curve bends by the nonlinearity label\'s sign, not A\'s, and A = 0 divides by zero' })),
];

export const TRAIN_SETTING_PATHS: readonly string[] = TRAIN_SETTINGS.map((s) => s.path);

/** The number `raw` is for setting `s`; a ConfigError naming the path, the value and the range otherwise. */
export function parseSetting(s: TrainSetting, raw: string): number {
  const field = `--set ${s.path}`;
  // Decimal text as every number option reads it (no 0x10, or empty text as 0; an integer in digits alone), with the same message.
  return s.kind === 'int' ? parseIntegerText(field, raw, s) : parseNumberText(field, raw, s);
}

/**
 * `path=value` strings into values by path; unknown paths, out-of-range values and a path given twice with two
 * values refused (the last used to win silently).
 */
export function parseTrainSettings(sets: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const first = new Map<string, string>();
  for (const raw of sets) {
    const eq = raw.indexOf('=');
    const path = eq > 0 ? raw.slice(0, eq).trim() : '';
    const setting = TRAIN_SETTINGS.find((s) => s.path === path);
    // A misspelt path gets its nearest (until 2026-12-07 only the list: `learning.learningRat=1e-2`, QA trust25).
    if (!setting) throw new ConfigError(`--set: got ${JSON.stringify(raw)}, expected path=value with path one of ${TRAIN_SETTING_PATHS.join(', ')}${didYouMean(path, TRAIN_SETTING_PATHS)}`);
    const value = parseSetting(setting, raw.slice(eq + 1));
    const earlier = out.get(path);
    if (earlier !== undefined && earlier !== value) {
      throw new ConfigError(`--set ${JSON.stringify(raw)}: ${path} is already set by --set ${JSON.stringify(first.get(path))}, expected each setting once on the command line; remove one of them`);
    }
    if (earlier === undefined) first.set(path, raw);
    out.set(path, value);
  }
  return out;
}
