/** One evaluated proposal as a CSV row: scoring an outcome against the space, the running front, the cells. */
import { runColumns, type Cell } from '../../io/run/index.js';
import { pushedReference } from '../../util/objectives.js';
import type { EvalOutcome } from '../backend/types.js';
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
  /** In a run that tells designs apart (run/designs.ts): the index of the first row of its design, when that is another row. */
  readonly sameAs?: number;
  /** Its evaluations.csv line (with the \n), kept for the rows of the front: pareto.csv repeats them. */
  readonly line?: string;
}

export type ScoredRow = Omit<Row, 'index' | 'generation'>;

export function evaluationColumns(space: SearchSpace, metrics: readonly string[]): string[] {
  return runColumns(space.variables.map((v) => v.name), metrics);
}

/**
 * The metrics a run's CSVs have a column for: the evaluator's, less every on-demand group (metrics the evaluator
 * computes only for a run that needs one of them, e.g. the training cost) of which the run needs none, since each of
 * its cells would be empty. Order kept, so a run that needs a group writes the columns every earlier version wrote.
 */
export function columnMetrics(metrics: readonly string[], needed: readonly string[], onDemand: readonly (readonly string[])[] = []): string[] {
  const dropped = new Set<string>();
  for (const group of onDemand) if (!group.some((m) => needed.includes(m))) for (const m of group) dropped.add(m);
  return metrics.filter((m) => !dropped.has(m));
}

/**
 * An outcome against the space's objectives and constraints; a missing or non-finite metric fails the row.
 * Runs once per evaluation (in the workers of a grid range, src/search/backend/range.ts): plain loops, no spread.
 */
export function scoreRow(base: Pick<Row, 'point' | 'key' | 'outcome'>, space: ScoringSpace, senses: readonly Sense[]): ScoredRow {
  const { point, key, outcome } = base;
  const objectives = new Array<number>(senses.length);
  const score: Score = { violation: 0, error: undefined, feasible: false };
  scoreInto(outcome, space, objectives, 0, score);
  const { violation, error, feasible } = score;
  return { point, key, outcome, objectives, violation, feasible, error };
}

/** An outcome's score besides its objectives: its total constraint violation, and why it failed (undefined: it did not). */
export interface Score {
  violation: number;
  error: string | undefined;
  /** No error and no violation. */
  feasible: boolean;
}

/**
 * scoreRow without the row: the objectives written to out[at, at + objectives), the violation and error to `score`
 * (a failed row: objectives 0, never compared, and infinite violation: the strategy treats it as infeasible). For a
 * grid range's writer (src/search/backend/range.ts), which keeps objectives in a typed array: no object per row.
 */
export function scoreInto(outcome: EvalOutcome, space: ScoringSpace, out: { [index: number]: number }, at: number, score: Score): void {
  const metrics = outcome.metrics;
  let error = outcome.error;
  if (!error && metrics) {
    for (const m of usedMetrics(space)) {
      if (Number.isFinite(metrics[m])) continue;
      error = `metric "${m}" is not a finite number (${String(metrics[m])})`;
      break;
    }
  }
  const m = space.objectives.length;
  if (error !== undefined || !metrics) {
    for (let k = 0; k < m; k++) out[at + k] = 0;
    score.violation = Infinity;
    score.error = error ?? 'no metrics';
    score.feasible = false;
    return;
  }
  for (let k = 0; k < m; k++) out[at + k] = metrics[space.objectives[k].metric];
  score.violation = space.constraints.length > 0 ? constraintViolation(space, metrics) : 0;
  score.error = undefined;
  score.feasible = score.violation === 0;
}

/** What scoring reads of a space (a grid range's workers get only this: src/search/backend/range.ts). */
export type ScoringSpace = Pick<SearchSpace, 'objectives' | 'constraints'>;

const USED = new WeakMap<ScoringSpace, readonly string[]>();

/** The metrics a row is scored on (objectives, then constraints), worked out once per space: scoreRow runs per row. */
function usedMetrics(space: ScoringSpace): readonly string[] {
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
export function referenceFrom(feasible: readonly (readonly number[])[], space: SearchSpace): number[] {
  return space.objectives.map((o, i) => {
    if (o.reference !== undefined) return o.reference;
    const values = feasible.map((objectives) => objectives[i]);
    return pushedReference(Math.min(...values), Math.max(...values), o.sense);
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
