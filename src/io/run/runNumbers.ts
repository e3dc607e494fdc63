/**
 * The numbers a run records in its manifest and their ranges: one table, read by the manifest reader (manifest.ts)
 * and by whatever takes them before a run starts (runSearch, the space file, the CLI's --seed), so a run never
 * writes a number that `cosearch report` and --resume then refuse, and a range changed here changes everywhere.
 */
import { ConfigError, describeRange, describeValue, fitsRange, unsafeIntegerHint, type NumberRange } from '../../core/index.js';

export interface RunNumberRange {
  readonly kind: 'integer' | 'number';
  readonly range: NumberRange;
}

export const RUN_NUMBERS = {
  // Above 2^53 - 1 a number is rounded to another integer: the run would not use the seed written.
  seed: { kind: 'integer', range: { min: 0, max: Number.MAX_SAFE_INTEGER, why: '2^53 - 1' } },
  /** budget.evaluations, and runSearch's `budget`. */
  budget: { kind: 'integer', range: { min: 1 } },
  /** budget.time_s, in seconds. */
  budgetTime_s: { kind: 'number', range: { min: 0, above: true } },
  /** A backend's parallelism, recorded as `workers`. */
  workers: { kind: 'integer', range: { min: 1 } },
  // 0 is the library's `evalTimeout_ms: 0`, no limit (PiscinaBackendOptions), which the engine records as given.
  evalTimeout_ms: { kind: 'number', range: { min: 0, why: 'ms; 0: no time limit' } },
} as const satisfies Record<string, RunNumberRange>;

export type RunNumber = keyof typeof RUN_NUMBERS;

/** Whether `value` is in the range of run number `name`. */
export function isRunNumber(name: RunNumber, value: unknown): value is number {
  const { kind, range } = RUN_NUMBERS[name];
  return fitsRange(kind, value, range);
}

/**
 * What run number `name` accepts, e.g. "an integer >= 1"; `why` replaces the table's reason (said for the caller's
 * field). Given the `refused` value, an integer beyond 2^53 - 1 is told why it is refused although it is >= 1.
 */
export function describeRunNumber(name: RunNumber, why?: string, refused?: unknown): string {
  const { kind, range } = RUN_NUMBERS[name];
  return describeRange(kind, why === undefined ? range : { ...range, why }) + (kind === 'integer' ? unsafeIntegerHint(refused, range) : '');
}

/** Refuses a value outside run number `name`'s range: `<field>: got -1, expected an integer >= 1 (why)`. */
export function checkRunNumber(name: RunNumber, value: unknown, field: string = name, why?: string): void {
  if (!isRunNumber(name, value)) throw new ConfigError(`${field}: got ${describeValue(value)}, expected ${describeRunNumber(name, why, value)}`);
}
