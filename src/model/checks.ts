/**
 * Type guards and field checks for values read from JSON (network files, weight files): they narrow `unknown`
 * instead of casting it, and their errors name the field, the value and what was expected.
 */
import { ConfigError, describeValue } from '../core/errors.js';

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function checkInteger(value: unknown, min: number, at: string): asserts value is number {
  if (!isInteger(value) || value < min) throw new ConfigError(`${at}: got ${describeValue(value)}, expected an integer >= ${min}`);
}

export function checkNumber(value: unknown, at: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError(`${at}: got ${describeValue(value)}, expected a number`);
}

/** The message of a thrown value (Error or not). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
