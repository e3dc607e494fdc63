/**
 * Options objects of the library (nsga2(problem, options), runSearch(options) ...) and settings objects of a space
 * take known keys only: a key that is not one (popSize for populationSize) would be silently ignored, so it is
 * refused naming it, the known keys and the nearest one.
 */
import { ConfigError, describeValue } from './errors.js';
import { didYouMeanKey } from './suggest.js';

/** `got "popSize", expected <what> (<known, ...>) (did you mean "populationSize"?)`: one edit away, or abbreviated. */
export function unknownKeyMessage(key: string, known: readonly string[], what: string): string {
  return `got ${JSON.stringify(key)}, expected ${what} (${known.join(', ')})${didYouMeanKey(key, known)}`;
}

/** Throws a ConfigError `<prefix><key>: got "key", expected <what> (...)` for the first key of `given` not in `known`. */
export function refuseUnknownKeys(given: object, known: readonly string[], what: string, prefix = ''): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) throw new ConfigError(`${prefix}${key}: ${unknownKeyMessage(key, known, what)}`);
  }
}

/**
 * A nested options object (crossover: { probability }, evaluator: { module }): undefined is fine, a plain object
 * is checked key by key, anything else is refused as not an object.
 */
export function refuseUnknownNestedKeys(field: string, value: unknown, known: readonly string[]): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${field}: got ${describeValue(value)}, expected an object with any of ${known.join(', ')}`);
  }
  refuseUnknownKeys(value, known, `an option of ${field}`, `${field}.`);
}
