/** From a point of the space (one value per variable) to configuration overrides, and a canonical key for caching. */
import { pointOverrides } from '../../io/run/index.js';
import type { ParamValue, SearchSpace, SpaceVariable } from './types.js';

// The one definition lives with the run folder (the report reads rows back into overrides with it too).
export { pointOverrides };

/** Base overrides followed by the point's: the full override set a worker applies to the default configuration. */
export function configOverrides(space: Pick<SearchSpace, 'base' | 'variables'>, point: readonly ParamValue[]): Record<string, ParamValue> {
  return { ...space.base, ...pointOverrides(space.variables, point) };
}

/**
 * A canonical text for a set of overrides: keys sorted, numbers in JavaScript's shortest round-trip form.
 * Identical configurations (however their variables were laid out) get identical keys.
 */
export function canonicalKey(overrides: Readonly<Record<string, ParamValue>>): string {
  const keys = Object.keys(overrides).sort();
  return JSON.stringify(keys.map((k) => [k, overrides[k]]));
}

/** The i-th grid point in mixed radix, last variable fastest (for tests and tools; strategies stream their own). */
export function gridPoint(variables: readonly SpaceVariable[], index: number): ParamValue[] {
  const point: ParamValue[] = new Array(variables.length);
  let rest = index;
  for (let i = variables.length - 1; i >= 0; i--) {
    const n = variables[i].values.length;
    point[i] = variables[i].values[rest % n];
    rest = Math.floor(rest / n);
  }
  return point;
}
