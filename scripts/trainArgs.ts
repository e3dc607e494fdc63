/**
 * scripts/train.ts's flags: parsed, defaulted and checked here (pure, so tests call it), each refusal one ConfigError
 * line naming the flag and the value. `--adcless` defaults are the ADC-less design's and the shipped ADC-less weights'
 * (docs/model-card.md "The ADC-less design": 4-bit weights, 64-row tiles, gain 1, surrogate width 0.25); the ramp's
 * defaults follow --epochs (start at epoch min(1, epochs - 1), end at the last epoch).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/core/errors.js';
import { ADCLESS_DESIGN } from '../src/snn/adcless.js';

export const TRAIN_USAGE = `usage: node --import tsx scripts/train.ts [--network NAME|FILE] [--seed N] [--epochs N] [--batch N] [--lr X]
  [--timesteps N] [--leak X] [--threshold X] [--reset subtract|zero] [--noise X] [--bits N (8; 4 with --adcless; 0 = float)]
  [--gain X] [--slope X] [--samples-per-epoch N (0 = all)] [--adcless [--adcless-rows N (64)] [--adcless-gain X (1)]
  [--adcless-width X (0.25)] [--adcless-ramp-start N (min(1, epochs-1))] [--adcless-ramp-end N (epochs-1)]] [--spread]
  [--init FILE] [--out FILE (needed to replace an existing weights/<network>[-adcless].json)] [--help]
docs/model-card.md lists what each does.`;

const FLAGS = {
  network: { type: 'string', default: 'mlp-mnist' },
  seed: { type: 'string', default: '1' },
  epochs: { type: 'string' },
  batch: { type: 'string', default: '32' },
  lr: { type: 'string' },
  timesteps: { type: 'string', default: '4' },
  leak: { type: 'string', default: '0.9' },
  threshold: { type: 'string', default: '1' },
  reset: { type: 'string', default: 'subtract' },
  noise: { type: 'string', default: '0' },
  bits: { type: 'string' },
  gain: { type: 'string', default: '2' },
  slope: { type: 'string', default: '5' },
  'samples-per-epoch': { type: 'string', default: '0' },
  adcless: { type: 'boolean', default: false },
  spread: { type: 'boolean', default: false },
  'adcless-rows': { type: 'string' },
  'adcless-gain': { type: 'string', default: '1' },
  'adcless-width': { type: 'string', default: '0.25' },
  'adcless-ramp-start': { type: 'string' },
  'adcless-ramp-end': { type: 'string' },
  init: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

export type TrainFlags = ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];

/** The flags of `argv`; a ConfigError for an unknown flag or a missing value. */
export function parseTrainFlags(argv: readonly string[]): TrainFlags {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true }).values;
  } catch (error) {
    if (error instanceof TypeError) throw new ConfigError(`${error.message.split('\n')[0]} (--help lists the flags)`);
    throw error;
  }
}

/** A numeric flag's value: a finite number (an integer when `integer`), else a one-line refusal naming the flag. */
export function numberFlag(flag: string, raw: string, integer = false): number {
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`--${flag}: got ${JSON.stringify(raw)}, expected ${integer ? 'an integer' : 'a finite number'}`);
  }
  return value;
}

function resetMode(raw: string): 'subtract' | 'zero' {
  if (raw === 'subtract' || raw === 'zero') return raw;
  throw new ConfigError(`--reset: got ${JSON.stringify(raw)}, expected subtract or zero`);
}

/** The trainer's numbers from the flags (`isCnn`: the network has convolutions, for the epochs and rate defaults). */
export function trainNumbers(flags: TrainFlags, isCnn: boolean) {
  const n = (flag: keyof TrainFlags, integer = false, fallback?: number): number => {
    const raw = flags[flag];
    return typeof raw === 'string' ? numberFlag(flag, raw, integer) : (fallback as number);
  };
  const epochs = n('epochs', true, isCnn ? 3 : 10);
  const reset = resetMode(flags.reset);
  const adcLess = flags.adcless ? (() => {
    const rampStartEpoch = n('adcless-ramp-start', true, Math.min(1, epochs - 1));
    const rampEndEpoch = n('adcless-ramp-end', true, Math.max(rampStartEpoch, epochs - 1));
    // The binarised share reaches 1 at the ramp's end: past the last epoch, the weights written are not yet the design's.
    if (rampEndEpoch > epochs - 1) {
      throw new ConfigError(`--adcless-ramp-${typeof flags['adcless-ramp-end'] === 'string' ? 'end' : 'start'}: got ${typeof flags['adcless-ramp-end'] === 'string' ? rampEndEpoch : rampStartEpoch}, ` +
        `expected at most the last epoch, ${epochs - 1} (--epochs ${epochs}): every layer must be binarised by the end`);
    }
    return {
      crossbarRows: n('adcless-rows', true, Number(ADCLESS_DESIGN['crossbar.size'])),
      gain: n('adcless-gain'),
      surrogateWidth: n('adcless-width'),
      rampStartEpoch,
      rampEndEpoch,
    };
  })() : undefined;
  return {
    epochs, adcLess, reset,
    batch: n('batch', true), lr: n('lr', false, isCnn ? 2e-3 : 1e-3), seed: n('seed', true), timesteps: n('timesteps', true),
    leak: n('leak'), threshold: n('threshold'), noise: n('noise'), gain: n('gain'), slope: n('slope'),
    bits: n('bits', true, flags.adcless ? Number(ADCLESS_DESIGN['snn.weightBits']) : 8), samplesPerEpoch: n('samples-per-epoch', true),
  };
}

/**
 * Where the weights go: --out, else the shipped weights/<network>[-adcless].json, which is refused when it exists (a
 * run would silently replace the shipped weights): say --out with that path to replace them.
 */
export function trainTarget(out: string | undefined, shipped: string): string {
  if (out !== undefined) return out;
  if (existsSync(shipped)) throw new ConfigError(`--out: not given, and the default ${shipped} holds shipped weights: pass --out ${shipped} to replace them, or --out FILE to write elsewhere`);
  return shipped;
}

/** The samples one epoch trains on (src/snn/epoch.ts: --samples-per-epoch caps the training set; 0 = all). */
export function samplesTrained(samplesPerEpoch: number, count: number): number {
  return samplesPerEpoch > 0 ? Math.min(samplesPerEpoch, count) : count;
}

/** Option fields of the trainer's refusals, as the flags that set them. */
const FLAG_OF: Readonly<Record<string, string>> = {
  epochs: '--epochs', batchSize: '--batch', timesteps: '--timesteps', learningRate: '--lr', weightBits: '--bits', noiseSigma: '--noise',
  surrogateSlope: '--slope', initGain: '--gain', samplesPerEpoch: '--samples-per-epoch', 'adcLess.crossbarRows': '--adcless-rows',
  'adcLess.gain': '--adcless-gain', 'adcLess.surrogateWidth': '--adcless-width', 'adcLess.rampEndEpoch': '--adcless-ramp-start/--adcless-ramp-end',
  'lif.leak': '--leak', 'lif.threshold': '--threshold',
};

/** A trainer's refusal ("field: got ...") with the flag that sets the field in front, when one does. */
export function withFlag(message: string): string {
  const field = message.split(':')[0];
  return FLAG_OF[field] ? `${FLAG_OF[field]} (${message})` : message;
}
