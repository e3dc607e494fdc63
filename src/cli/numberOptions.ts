/**
 * Commander parsers of the numeric options, all through the one decimal grammar (src/core/input/numbers.ts): a
 * mistake is one line naming the option, the text and the range (`--workers: got "0x2", expected an integer in
 * [1, 8] (...)`), thrown as a ConfigError (exit 1).
 */
import { availableParallelism } from 'node:os';
import { parseIntegerText, type NumberRange } from '../core/index.js';
import { RUN_NUMBERS } from '../io/run/index.js';

/** An integer option in `range` (default: >= 1). */
export const integerOption = (name: string, range: NumberRange = { min: 1 }) => (raw: string): number => parseIntegerText(name, raw, range);

export const positiveInt = (name: string): ((raw: string) => number) => integerOption(name, { min: 1 });

/** At most 4 threads per core, and never more than 256: beyond that threads only cost memory. */
export function maxWorkers(): number {
  return Math.min(256, 4 * Math.max(1, availableParallelism()));
}

export const workerCount = (raw: string): number =>
  parseIntegerText('--workers', raw, { min: 1, max: maxWorkers(), why: '4 per available core, at most 256: more threads only use memory' });

/** A seed is used exactly: digits beyond 2^53 - 1 would be rounded to another seed, so they are refused. */
export const seedFlag = integerOption('--seed', RUN_NUMBERS.seed.range);
