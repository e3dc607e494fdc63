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

/**
 * Bounds on a network file's sizes. Not physics: sanity limits far above any network the simulator models (the
 * zoo's largest layer is VGG16's 25088 x 4096 classifier, 1.0e8 weights; its largest input 3 x 224 x 224), and
 * below sizes whose arithmetic loses integer exactness (2^53) or whose per-layer arrays cannot be allocated.
 */
export const NETWORK_LIMITS = {
  /** Channels, height, width, features, kernel, stride, padding. */
  dimension: 2 ** 20,
  /** Weights of one layer (fan-in x fan-out). */
  layerWeights: 2 ** 34,
  /** Elements of one layer's input or output (channels x height x width). */
  activations: 2 ** 32,
} as const;

/** An integer >= min and at most NETWORK_LIMITS.dimension (a network size field). */
export function checkDimension(value: unknown, min: number, at: string): asserts value is number {
  checkInteger(value, min, at);
  if (value > NETWORK_LIMITS.dimension) {
    throw new ConfigError(`${at}: got ${describeValue(value)}, expected an integer in [${min}, ${NETWORK_LIMITS.dimension}] (a larger network cannot be simulated)`);
  }
}
