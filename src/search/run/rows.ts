/** One evaluated proposal as a CSV row: scoring an outcome against the space, the running front, the cells. */
import { runColumns, type Cell } from '../../io/run/index.js';
import type { EvalOutcome } from '../backend/types.js';
import { dominates } from '../pareto/dominance.js';
import type { ParamValue, SearchSpace, Sense } from '../space/types.js';

export interface Row {
  readonly index: number;
  readonly generation: number;
  readonly point: readonly ParamValue[];
  readonly key: string;
  readonly outcome: EvalOutcome;
  readonly objectives: readonly number[];
  readonly violation: number;
  readonly feasible: boolean;
  readonly error: string | undefined;
  /** Its evaluations.csv line (with the \n), kept for the rows of the front: pareto.csv repeats them. */
  readonly line?: string;
}

export type ScoredRow = Omit<Row, 'index' | 'generation'>;

export function evaluationColumns(space: SearchSpace, metrics: readonly string[]): string[] {
  return runColumns(space.variables.map((v) => v.name), metrics);
}

/** An outcome against the space's objectives and constraints; a missing or non-finite metric fails the row. */
export function scoreRow(base: Pick<Row, 'point' | 'key' | 'outcome'>, space: SearchSpace, senses: readonly Sense[]): ScoredRow {
  const metrics = base.outcome.metrics;
  let error = base.outcome.error;
  if (!error && metrics) {
    const missing = usedMetrics(space).find((m) => !Number.isFinite(metrics[m]));
    if (missing) error = `metric "${missing}" is not a finite number (${String(metrics[missing])})`;
  }
  if (error !== undefined || !metrics) {
    // The strategy treats a failed result as infeasible with infinite violation; these objectives are never compared.
    return { ...base, objectives: senses.map(() => 0), violation: Infinity, feasible: false, error: error ?? 'no metrics' };
  }
  const violation = constraintViolation(space, metrics);
  return { ...base, objectives: space.objectives.map((o) => metrics[o.metric]), violation, feasible: violation === 0, error: undefined };
}

const USED = new WeakMap<SearchSpace, readonly string[]>();

/** The metrics a row is scored on (objectives, then constraints), worked out once per space: scoreRow runs per row. */
function usedMetrics(space: SearchSpace): readonly string[] {
  let used = USED.get(space);
  if (!used) USED.set(space, (used = [...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric)]));
  return used;
}

/**
 * Total constraint violation: the sum over bounds of how far the metric is outside, relative to the bound
 * (|bound|, or 1 for a zero bound), so bounds of different units add up comparably. 0 = feasible.
 */
export function constraintViolation(space: Pick<SearchSpace, 'constraints'>, metrics: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const c of space.constraints) {
    const v = metrics[c.metric];
    if (c.min !== undefined && v < c.min) total += (c.min - v) / (Math.abs(c.min) || 1);
    if (c.max !== undefined && v > c.max) total += (v - c.max) / (Math.abs(c.max) || 1);
  }
  return total;
}

/** Insert a feasible row into the non-dominated archive (a repeated configuration is not added twice). */
export function addToFront(front: Row[], row: Row, senses: readonly Sense[]): void {
  for (const other of front) {
    if (other.key === row.key || dominates(other.objectives, row.objectives, senses)) return;
  }
  for (let i = front.length - 1; i >= 0; i--) if (dominates(row.objectives, front[i].objectives, senses)) front.splice(i, 1);
  front.push(row);
}


/** The space's hypervolume reference, when every objective gives one. */
export function givenReference(space: SearchSpace): number[] | undefined {
  const refs = space.objectives.map((o) => o.reference);
  return refs.every((r): r is number => r !== undefined) ? refs : undefined;
}

/**
 * The hypervolume reference when the space gives none: from the first batch with feasible points, each
 * objective's worst value pushed 10% of that batch's range further (or 10% of its magnitude when all equal).
 * Fixed for the run, so hypervolumes are comparable across generations (and deterministic given the seed).
 */
export function referenceFrom(feasible: readonly Row[], space: SearchSpace): number[] {
  return space.objectives.map((o, i) => {
    if (o.reference !== undefined) return o.reference;
    const values = feasible.map((r) => r.objectives[i]);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const margin = hi > lo ? 0.1 * (hi - lo) : 0.1 * Math.abs(hi) || 1;
    return o.sense === 'min' ? hi + margin : lo - margin;
  });
}

export function rowCells(row: Row, metrics: readonly string[]): Cell[] {
  const m = row.outcome.metrics ?? {};
  return [
    row.index,
    row.generation,
    ...row.point,
    ...metrics.map((name) => m[name]),
    row.feasible,
    row.error !== undefined ? undefined : row.violation,
    row.error,
  ];
}
