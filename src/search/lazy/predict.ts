/**
 * Predicted infeasibility (`"lazy": "predict"`, docs/search.md, "Lazy accuracy" step 5): a surrogate screen of the
 * expensive constraints. A design is predicted to violate a constraint when its k nearest measured designs (in the
 * space's normalised coordinates), all within `radius`, all violate it; the predicted value is their
 * distance-weighted mean. An assumption (designs near each other measure alike), not a proof: the lazy stage skips
 * the measurement of such a design and its row says `predicted`. Pure: the same measured designs give the same
 * decisions, whatever the order they finished in (ties in distance go to the earlier measured).
 */
import { constraintViolation } from '../run/rows.js';
import type { ParamValue, SpaceConstraint, SpaceVariable } from '../space/types.js';

export interface PredictSettings {
  /** Neighbours that must all violate (>= 2: one measured design never decides alone). */
  readonly k: number;
  /** The largest distance, in normalised coordinates, a neighbour may be at. */
  readonly radius: number;
  /** Measured designs needed before any prediction (the run's first ones are measured as in `"lazy": true`). */
  readonly minMeasured: number;
}

/** The settings `"lazy": "predict"` uses (chosen on lazy-mlp-mnist by the rule in docs/search.md, step 5). */
export const PREDICT_SETTINGS: PredictSettings = { k: 3, radius: 0.35, minMeasured: 16 };

/** A measured design: its coordinates and its values of the expensive constrained metrics. */
export interface MeasuredDesign {
  readonly at: readonly number[];
  readonly values: Readonly<Record<string, number>>;
}

/** A prediction: the predicted values of the constraints predicted violated, and their violation (> 0). */
export interface Prediction {
  readonly values: Readonly<Record<string, number>>;
  readonly violation: number;
}

/**
 * A point in [0, 1] per level scale: a numeric variable's level index / (levels - 1) (its values are ordinal, in the
 * order written), a choice's levels one-hot at 1/sqrt(2), so two different choices are 1 apart and no order is implied.
 */
export function coordinates(variables: readonly SpaceVariable[], point: readonly ParamValue[]): number[] {
  const at: number[] = [];
  variables.forEach((v, i) => {
    const level = v.values.indexOf(point[i]);
    if (v.values.every((x) => typeof x === 'number')) at.push(v.values.length > 1 ? level / (v.values.length - 1) : 0);
    else for (let l = 0; l < v.values.length; l++) at.push(l === level ? Math.SQRT1_2 : 0);
  });
  return at;
}

function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}

/**
 * The constraints on expensive metrics `at` is predicted to violate, or undefined when none is (too few measured
 * designs, a neighbour too far or not violating, or a mean that would not violate: e.g. neighbours on both sides
 * of a min-max range). `constraints`: the expensive ones only.
 */
export function predictViolation(
  at: readonly number[], measured: readonly MeasuredDesign[], constraints: readonly SpaceConstraint[], settings: PredictSettings,
): Prediction | undefined {
  if (measured.length < settings.minMeasured) return undefined;
  const values: Record<string, number> = {};
  const violated: SpaceConstraint[] = [];
  for (const c of constraints) {
    const near = measured.filter((d) => Number.isFinite(d.values[c.metric]))
      .map((d, order) => ({ d, order, distance: distance(at, d.at) }))
      .sort((a, b) => a.distance - b.distance || a.order - b.order)
      .slice(0, settings.k);
    if (near.length < settings.k || near.some((n) => n.distance > settings.radius)) continue;
    if (near.some((n) => constraintViolation({ constraints: [c] }, n.d.values) === 0)) continue;
    const value = weightedMean(near.map((n) => [n.d.values[c.metric], n.distance] as const));
    if (constraintViolation({ constraints: [c] }, { [c.metric]: value }) === 0) continue;
    values[c.metric] = value;
    violated.push(c);
  }
  return violated.length === 0 ? undefined : { values, violation: constraintViolation({ constraints: violated }, values) };
}

/** Weights 1 / distance; a neighbour at distance 0 (the same coordinates) outweighs every other. */
function weightedMean(valueAt: readonly (readonly [number, number])[]): number {
  const same = valueAt.filter(([, d]) => d === 0);
  const used = same.length > 0 ? same.map(([v]) => [v, 1] as const) : valueAt.map(([v, d]) => [v, 1 / d] as const);
  return used.reduce((s, [v, w]) => s + v * w, 0) / used.reduce((s, [, w]) => s + w, 0);
}
