/**
 * Picking one design from a front (pure functions on objective vectors in their own senses):
 *  - knee: the largest marginal trade-off. Objectives are scaled to [0, 1] over the front; the trade-off of
 *    point i against j is what i gains over j (the sum of its improvements) per unit it gives up (the sum of
 *    its losses); i's worth is its smallest trade-off against any other point (Deb & Gupta 2011's
 *    trade-off measure over the whole front); the knee has the largest worth.
 *  - weights: pymoo's pseudo-weights (Deb 2001, section 8.6; pymoo 0.6's pymoo/mcdm/pseudo_weights.py): w_ik =
 *    ((max_k - f_ik) / (max_k - min_k)) / sum over k of the same, in minimisation form; the pick is the point
 *    whose pseudo-weight vector is nearest the requested weights in the L1 distance, sum over k of |w_ik - w_k|,
 *    as pymoo 0.6's PseudoWeights._do takes it (docs/sources.md#pymoo-pseudo-weights). The requested weights are
 *    scaled to sum 1 first, as the pseudo-weights do (pymoo 0.6 takes them as given, so there only weights summing
 *    to 1 pick as they mean; ours pick the same for 1,1 as for 0.5,0.5).
 *  - lexicographic: best in the first objective, ties broken by the next, and so on.
 * Each returns an index into the given points; ties go to the lower index.
 * Pure, below io in the layers so the run report can mark the knee; src/search/decide re-exports it.
 */
import { ConfigError, decimalValue, describeValue } from '../core/index.js';
import { toMinimisation, type Sense } from './objectives.js';

/** Each objective scaled to [0, 1] over the points (minimisation form); a constant objective becomes 0. */
function scaled(points: readonly (readonly number[])[], senses: readonly Sense[]): number[][] {
  const f = toMinimisation(points, senses);
  const m = senses.length;
  const lo = Array.from({ length: m }, (_, k) => Math.min(...f.map((p) => p[k])));
  const hi = Array.from({ length: m }, (_, k) => Math.max(...f.map((p) => p[k])));
  return f.map((p) => p.map((v, k) => (hi[k] > lo[k] ? (v - lo[k]) / (hi[k] - lo[k]) : 0)));
}

function nonEmpty(points: readonly (readonly number[])[]): void {
  if (points.length === 0) throw new ConfigError('front: got no designs, expected at least one to pick from');
}

/** Each point's worth: its smallest gain-per-loss ratio against any other point (Infinity when it loses nothing to any). */
export function tradeoffWorth(points: readonly (readonly number[])[], senses: readonly Sense[]): number[] {
  const s = scaled(points, senses);
  return s.map((p, i) => {
    let worth = Infinity;
    s.forEach((q, j) => {
      if (j === i) return;
      let gain = 0;
      let loss = 0;
      for (let k = 0; k < p.length; k++) {
        if (p[k] < q[k]) gain += q[k] - p[k];
        else loss += p[k] - q[k];
      }
      if (loss > 0) worth = Math.min(worth, gain / loss);
    });
    return worth;
  });
}

/**
 * Fewest distinct objective vectors a knee means something on: with two, each is the other's only trade-off (equal
 * worth), and the rule would only pick the lower index; equal vectors (twin designs) count once.
 */
export const KNEE_MIN_DESIGNS = 3;

/** How many different objective vectors the points hold. */
export function distinctPointCount(points: readonly (readonly number[])[]): number {
  return new Set(points.map((p) => p.join(','))).size;
}

/** The knee: the point of largest trade-off worth. */
export function kneeIndex(points: readonly (readonly number[])[], senses: readonly Sense[]): number {
  nonEmpty(points);
  const worth = tradeoffWorth(points, senses);
  let best = 0;
  for (let i = 1; i < worth.length; i++) if (worth[i] > worth[best]) best = i;
  return best;
}

/** pymoo's pseudo-weights of each point (rows sum to 1; a point best in nothing and worst in all gets equal weights). */
export function pseudoWeights(points: readonly (readonly number[])[], senses: readonly Sense[]): number[][] {
  const s = scaled(points, senses);
  return s.map((p) => {
    const w = p.map((v) => 1 - v);
    const total = w.reduce((a, b) => a + b, 0);
    return total > 0 ? w.map((v) => v / total) : w.map(() => 1 / w.length);
  });
}

/**
 * The point whose pseudo-weights are nearest (L1, as pymoo) the requested weights scaled to sum 1 (one non-negative
 * number per objective, not all 0).
 */
export function weightedIndex(points: readonly (readonly number[])[], senses: readonly Sense[], weights: readonly number[]): number {
  nonEmpty(points);
  if (weights.length !== senses.length || !weights.every((w) => Number.isFinite(w) && w >= 0) || !weights.some((w) => w > 0)) {
    throw new ConfigError(`weights: got ${describeValue(weights)}, expected ${senses.length} non-negative numbers, not all zero`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const target = weights.map((w) => w / total);
  const pw = pseudoWeights(points, senses);
  let best = 0;
  let bestD = Infinity;
  pw.forEach((w, i) => {
    const d = w.reduce((sum, v, k) => sum + Math.abs(v - target[k]), 0);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** Lexicographic: best in objectives[order[0]], then order[1], ... (order: objective indices, most important first). */
export function lexicographicIndex(points: readonly (readonly number[])[], senses: readonly Sense[], order: readonly number[]): number {
  nonEmpty(points);
  const f = toMinimisation(points, senses);
  let best = 0;
  for (let i = 1; i < f.length; i++) {
    for (const k of order) {
      if (f[i][k] < f[best][k]) {
        best = i;
        break;
      }
      if (f[i][k] > f[best][k]) break;
    }
  }
  return best;
}

export type Comparison = '<=' | '>=' | '<' | '>' | '==';

export interface Condition {
  readonly metric: string;
  readonly op: Comparison;
  readonly value: number;
}

/** 'accuracy >= 0.95' -> { metric, op, value }; a ConfigError naming what was expected otherwise. */
export function parseCondition(text: string): Condition {
  const match = /^\s*([A-Za-z_][\w.]*)\s*(<=|>=|==|<|>)\s*(\S+)\s*$/.exec(text);
  const value = match ? decimalValue(match[3]) : undefined;
  if (!match || value === undefined) {
    throw new ConfigError(`--constraint: got ${JSON.stringify(text)}, expected "metric OP number" with OP one of <=, >=, <, >, == (e.g. 'accuracy >= 0.95')`);
  }
  return { metric: match[1], op: match[2] as Comparison, value };
}

export function satisfies(v: number, c: Condition): boolean {
  switch (c.op) {
    case '<=':
      return v <= c.value;
    case '>=':
      return v >= c.value;
    case '<':
      return v < c.value;
    case '>':
      return v > c.value;
    case '==':
      return v === c.value;
  }
}
