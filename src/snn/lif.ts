/**
 * Leaky integrate-and-fire neurons (docs/sources.md#domain-1, review Sec. II):
 *   U^t = leak * U^{t-1} + I^t;   o^t = 1 if U^t > threshold;   then reset by subtracting the threshold
 *   ('subtract') or to zero ('zero').
 * The same step is used by the trainer's forward pass and by software and hardware inference; hardware inference
 * passes the U_mem word (membraneWord.ts), which every potential the step leaves is rounded to.
 */
import { ConfigError } from '../core/errors.js';
import { membraneWord, type MembraneWord } from './membraneWord.js';

export const RESET_MODES = ['subtract', 'zero'] as const;
export type ResetMode = (typeof RESET_MODES)[number];

export interface LifParams {
  /** Leak factor lambda in (0, 1]. */
  readonly leak: number;
  /** Firing threshold theta (> 0), in the same units as the weighted input sum. */
  readonly threshold: number;
  readonly reset: ResetMode;
}

export const DEFAULT_LIF: LifParams = { leak: 0.9, threshold: 1, reset: 'subtract' };

/** The shape of LifParams (field types only; checkLifParams checks the values). */
export function isLifParams(value: unknown): value is LifParams {
  if (value === null || typeof value !== 'object') return false;
  const p: { readonly leak?: unknown; readonly threshold?: unknown; readonly reset?: unknown } = value;
  return typeof p.leak === 'number' && typeof p.threshold === 'number' && RESET_MODES.some((mode) => mode === p.reset);
}

export function checkLifParams(p: LifParams, source?: string): LifParams {
  const at = source === undefined ? 'lif' : `${source}: lif`;
  if (!(p.leak > 0 && p.leak <= 1)) throw new ConfigError(`${at}.leak: got ${p.leak}, expected a number in (0, 1]`);
  if (!(p.threshold > 0 && Number.isFinite(p.threshold))) throw new ConfigError(`${at}.threshold: got ${p.threshold}, expected a positive number`);
  if (!RESET_MODES.includes(p.reset)) throw new ConfigError(`${at}.reset: got ${String(p.reset)}, expected one of ${RESET_MODES.join(', ')}`);
  return p;
}

type Vec = Float64Array | Float32Array;

/**
 * One timestep for a population: integrates `current` into `membrane` (in place), writes 0/1 to `spikes`,
 * applies the reset, rounds what it leaves to `word` when given, and returns the number of spikes.
 */
export function lifStep(membrane: Vec, current: Vec, spikes: Vec | Uint8Array, p: LifParams, word?: MembraneWord): number {
  const count = lifStepFloat(membrane, current, spikes, p);
  if (word) for (let i = 0; i < membrane.length; i++) membrane[i] = membraneWord(membrane[i], word);
  return count;
}

function lifStepFloat(membrane: Vec, current: Vec, spikes: Vec | Uint8Array, p: LifParams): number {
  const { leak, threshold } = p;
  let count = 0;
  if (p.reset === 'subtract') {
    // Without a data-dependent branch (spikes are close to random, so the branch mispredicted): s * threshold is 0 or
    // threshold exactly, and u - 0 is u (a -0 stays -0), the same numbers as the branch below.
    for (let i = 0; i < membrane.length; i++) {
      const u = leak * membrane[i] + current[i];
      const s = Number(u > threshold);
      spikes[i] = s;
      membrane[i] = u - s * threshold;
      count += s;
    }
    return count;
  }
  // Zero reset: a branch, since 0 * u would not reset an infinite u.
  for (let i = 0; i < membrane.length; i++) {
    const u = leak * membrane[i] + current[i];
    if (u > threshold) {
      spikes[i] = 1;
      membrane[i] = 0;
      count++;
    } else {
      spikes[i] = 0;
      membrane[i] = u;
    }
  }
  return count;
}
