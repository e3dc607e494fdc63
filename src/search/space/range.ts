/**
 * Bounds no value of a metric can meet, refused with the reason (`accuracy is a fraction in [0, 1]: 0.95 for 95%`):
 * a space's constraints and objective references (sections.ts), `cosearch pick --constraint` and `cosearch pareto
 * --reference` ask the same question of the simulator's ranges (SpaceContext.metricRange, src/sim/metrics.ts).
 */
import type { MetricRange, Sense } from './types.js';

/** A bound on a metric: `min` (metric >= min, or > when strict) and/or `max` (metric <= max, or < when strict). */
export interface MetricBound {
  readonly min?: number;
  readonly max?: number;
  /** `>` / `<` rather than `>=` / `<=`: the range's own end is then out too. */
  readonly strict?: boolean;
}

/** Why no value of the metric meets the bound (`accuracy is a fraction in [0, 1]: 0.95 for 95%`), or undefined. */
export function outsideRange(metric: string, bound: MetricBound, range: MetricRange | undefined): string | undefined {
  if (!range) return undefined;
  const { min, max, strict = false } = bound;
  const span = range.max === Infinity ? `>= ${range.min}` : `in [${range.min}, ${range.max}]`;
  const what = `${metric} is ${range.unit === 'fraction' ? 'a fraction' : 'a value'} ${span}${range.unit && range.unit !== 'fraction' ? ` ${range.unit}` : ''}`;
  if (min !== undefined && (min > range.max || (strict && min >= range.max))) return range.max === 1 && min > 1 && min <= 100 ? `${what}: ${min / 100} for ${min}%` : what;
  if (max !== undefined && (max < range.min || (strict && max <= range.min))) return what;
  return undefined;
}

/**
 * Which end of `earlier` the bound `later` on the same metric contradicts, so no value meets both (`max`: later's
 * min is above earlier's max, `>= 0.95` after `<= 0.9`; `min`: the reverse), or undefined. With a strict side
 * (`<`, `>`), ends that are equal contradict too. A space's constraints (sections.ts) and `pick --constraint` share it.
 */
export function contradictedEnd(earlier: MetricBound, later: MetricBound): 'min' | 'max' | undefined {
  const strict = earlier.strict === true || later.strict === true;
  const apart = (low: number, high: number): boolean => low > high || (strict && low === high);
  if (later.min !== undefined && earlier.max !== undefined && apart(later.min, earlier.max)) return 'max';
  if (later.max !== undefined && earlier.min !== undefined && apart(earlier.min, later.max)) return 'min';
  return undefined;
}

/**
 * What a hypervolume reference must be when no value of the metric can improve on it (`a value designs can beat
 * (...)`), or undefined when designs can: such a reference leaves every design outside the hypervolume, 0 for any front.
 */
export function unbeatableReference(metric: string, sense: Sense, reference: number, range: MetricRange | undefined): string | undefined {
  if (!range || (sense === 'min' ? reference > range.min : reference < range.max)) return undefined;
  const never = sense === 'min' ? `below ${range.min}` : `above ${range.max}`;
  return `a value designs can beat (${metric} is never ${never}: this reference leaves every design outside the hypervolume, 0 for any front)`;
}
