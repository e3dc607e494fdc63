/**
 * Lazy expensive metrics (docs/search.md, "Lazy accuracy"): a batch is first evaluated without the expensive
 * metrics (the evaluator's cheap engine, e.g. energy-latency-area), and the expensive engine (e.g. hardware
 * accuracy, seconds per design) runs only for designs that could still enter the feasible front. A design is
 * proven out when, with every expensive metric at its best possible value (its `bound`), it is still infeasible
 * on the cheap constraints or its objectives are dominated by a measured feasible design. Such a row keeps its
 * expensive cells empty and carries the optimistic vector to the strategy; `accuracyMeasured` in the CSV says
 * which rows were measured. Decisions use the measured rows of earlier batches and of earlier rounds of the batch
 * (rounds by dominance, see `evaluate`), so they do not depend on the worker count.
 */
import { ConfigError } from '../../core/index.js';
import { describeCell, LAZY_COLUMN, metricCells } from '../../io/run/index.js';
import type { EvalOutcome, EvaluationBackend, Overrides } from '../backend/types.js';
import { dominates } from '../pareto/dominance.js';
import { constraintViolation, type ScoredRow } from '../run/rows.js';
import type { LazyMode, ParamValue, SearchSpace, Sense } from '../space/types.js';
import { sampleEstimates, samplesOf, stopFloors, stoppedAt } from './earlyStop.js';
import { settleByKey } from './sameKey.js';
import { coordinates, predictViolation, PREDICT_SETTINGS, type MeasuredDesign, type PredictSettings } from './predict.js';

export { LAZY_COLUMN };

/**
 * `true`: the expensive engine ran; `dominated`: not run, the optimistic vector is dominated by a measured feasible
 * row; `infeasible`: not run, the cheap constraints are violated whatever the expensive metrics; `unselected`: not
 * run and not proven out, because the strategy's selection drops the design even with its optimistic vector (it
 * could still be feasible and non-dominated: not a claim either way); `false`: not run, the cheap evaluation
 * failed (the error column says why; the expensive engine would fail the same way); `bound` (cell `bound:k/N`):
 * run and stopped after k of N samples once a constraint was proven broken, the metric cell holding its upper bound;
 * `predicted`: not run, an expensive constraint is predicted violated from the measured designs near it (predict.ts:
 * an assumption, not a proof; the violation cell holds the predicted violation).
 */
export type LazyStatus = 'true' | 'false' | 'dominated' | 'infeasible' | 'unselected' | 'bound' | 'predicted';
const STATUSES: readonly string[] = ['true', 'false', 'dominated', 'infeasible', 'unselected', 'bound', 'predicted'];

/**
 * An outcome of a lazy run: what the evaluator gave, and whether the expensive engine ran. `bound`: it ran and
 * stopped early (src/search/lazy/earlyStop.ts), `stoppedAt` "k/N" samples; the stopped metric holds its upper bound.
 */
export interface LazyOutcome extends EvalOutcome {
  readonly accuracyMeasured: LazyStatus;
  readonly stoppedAt?: string;
  /** Only in the selection probe: a stopped design shown at its upper bound, its most favourable value. */
  readonly atBound?: true;
  /** A `predicted` row's violation: what the strategy ranks it by (its CSV violation cell; predict.ts). */
  readonly predictedViolation?: number;
}

export function lazyStatusOf(outcome: EvalOutcome): LazyStatus | undefined {
  const status = (outcome as Partial<LazyOutcome>).accuracyMeasured;
  return status !== undefined && STATUSES.includes(status) ? status : undefined;
}

/** A recorded cell back as the outcome's lazy fields (resume): the status, and a stopped measurement's "k/N". `where`: the cell's place (cellPlace). */
export function parseLazyCell(text: string, where: string): Pick<LazyOutcome, 'accuracyMeasured' | 'stoppedAt'> {
  const status = parseLazyStatus(text, where);
  return status === 'bound' ? { accuracyMeasured: status, stoppedAt: text.slice('bound:'.length) } : { accuracyMeasured: status };
}

/** A recorded cell back as a status (resume); a ConfigError for anything else. */
export function parseLazyStatus(text: string, where: string): LazyStatus {
  if (/^bound:\d+\/\d+$/.test(text)) return 'bound';
  // As written: a stopped measurement's cell is bound:k/N, never plain "bound".
  if (!STATUSES.includes(text) || text === 'bound') throw new ConfigError(`${where}: got ${describeCell(text)}, expected one of ${STATUSES.map((s) => (s === 'bound' ? 'bound:k/N' : s)).join(', ')}`);
  return text as LazyStatus;
}

/** Which of the run's metrics are expensive, and the metrics the cheap evaluation is asked for. */
export interface LazyPlan {
  /** The run's lazy mode (space `lazy` or the option): what its fingerprint and manifest record. */
  readonly mode: Exclude<LazyMode, false>;
  /** Expensive metric -> its best possible value in its objective sense (accuracy 1, an error 0). */
  readonly bounds: Readonly<Record<string, number>>;
  /** The run's needed metrics without the expensive ones (the cheap backend's `needed`). */
  readonly cheapNeeded: readonly string[];
  /** Constraint minima on expensive metrics below which a measurement may stop early (earlyStop.ts); only with `"lazy": "early-stop"`. */
  readonly floors?: Readonly<Record<string, number>>;
  /** Predicted infeasibility's settings (predict.ts); only with `"lazy": "predict"`. */
  readonly predict?: PredictSettings;
}

/**
 * The plan of a lazy run, or undefined when no objective or constraint uses an expensive metric (lazy is then a
 * no-op and the CSV keeps its eager columns). Refuses what it could not do right: an expensive objective without a
 * finite bound (the strategy would see an infinite objective), and a study reading an expensive metric on every row.
 */
export function lazyPlan(space: SearchSpace, needed: readonly string[], bounds: Readonly<Record<string, number>>, mode: Exclude<LazyMode, false> = true): LazyPlan | undefined {
  const used = new Set([...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric)]);
  const expensive = needed.filter((m) => bounds[m] !== undefined);
  if (!expensive.some((m) => used.has(m))) return undefined;
  for (const o of space.objectives) {
    const bound = bounds[o.metric];
    if (bound !== undefined && !Number.isFinite(bound)) {
      throw new ConfigError(`lazy: objective ${o.metric} has no finite best value to stand in for it before it is measured; drop "lazy" or use another metric`);
    }
  }
  const studied = expensive.find((m) => !used.has(m));
  if (studied !== undefined) throw new ConfigError(`lazy: the study reads ${studied}, which lazy leaves empty on rows proven out; drop "lazy" or the study's use of ${studied}`);
  const own: Record<string, number> = {};
  for (const m of expensive) own[m] = bounds[m];
  return {
    mode, bounds: own, cheapNeeded: needed.filter((m) => own[m] === undefined),
    ...(mode === 'early-stop' ? { floors: stopFloors(space, own) } : {}), ...(mode === 'predict' ? { predict: PREDICT_SETTINGS } : {}),
  };
}

/** Counts of a lazy run's rows (replayed ones included) and of the expensive evaluations this process ran. */
export interface LazyCounts {
  readonly measuredRows: number;
  readonly dominatedRows: number;
  readonly infeasibleRows: number;
  /** Rows neither measured nor proven out: the strategy's selection did not need them. */
  readonly unselectedRows: number;
  readonly failedRows: number;
  /** Rows measured until proven infeasible (stopped early: `bound:k/N`). */
  readonly boundRows: number;
  /** Rows not measured because an expensive constraint was predicted violated (`predicted`). */
  readonly predictedRows: number;
  /** Expensive evaluations sent to the backend by this process (repeated designs are answered by its cache). */
  readonly measurements: number;
  /** Samples those measurements took, as the evaluator reports them (0 when it does not; earlyStop.ts). */
  readonly samples: number;
  /** Stopped measurements taken again in full because the strategy's selection kept the design (`finishKept`). */
  readonly finished: number;
}

/** Something that evaluates with the canonical keys at hand (the engine's CachedBackend). */
export interface KeyedBackend extends Pick<EvaluationBackend, 'parallelism'> {
  evaluate(items: readonly Overrides[], keys?: readonly string[]): Promise<EvalOutcome[]>;
  readonly evaluated: number;
}

export class LazyStage {
  /** Objective vectors of the measured feasible non-dominated rows of earlier batches. */
  private front: readonly (readonly number[])[] = [];
  private readonly cheapConstraints: SearchSpace['constraints'];
  private readonly rows = { measured: 0, dominated: 0, infeasible: 0, unselected: 0, failed: 0, bound: 0, predicted: 0 };
  /** The measured designs of earlier batches, for predicted infeasibility (empty unless `plan.predict`). */
  private designs: readonly MeasuredDesign[] = [];
  private readonly expensiveConstraints: SearchSpace['constraints'];
  private samples = 0;
  private finished = 0;
  private exactBackend: KeyedBackend | undefined;
  /** The stopped metrics' upper bounds, as the first stopped measurement reported them (`keptIfStopped`). */
  private stopBound: Record<string, number> | undefined;
  /** Measured outcomes by design key: a repeat of a measured chip (or configuration) takes its outcome, not a second verdict. */
  private readonly measuredByKey = new Map<string, LazyOutcome>();

  constructor(
    private readonly space: SearchSpace,
    private readonly senses: readonly Sense[],
    private readonly plan: LazyPlan,
    private readonly cheap: KeyedBackend,
    private readonly full: KeyedBackend,
    /** The CSV's metric columns: a row proven out gets its cells from its cheap metrics. */
    private readonly csvMetrics: readonly string[],
    /** Opens a backend that measures without stopping (`finishKept`); none: stopped designs stay stopped. */
    private readonly openExact?: () => KeyedBackend,
  ) {
    this.cheapConstraints = space.constraints.filter((c) => plan.bounds[c.metric] === undefined);
    this.expensiveConstraints = space.constraints.filter((c) => plan.bounds[c.metric] !== undefined);
  }

  /**
   * Cheap evaluations for all, then the expensive ones in rounds: each round measures the candidates whose
   * optimistic vectors no other candidate dominates, and its feasible results may prove the rest out before they
   * are measured. With `selects` (the strategy's selection over the batch, given every outcome so far: the ones
   * not measured yet as their optimistic bounds), candidates are only the designs it keeps; the rest end
   * `unselected`. With `plan.predict` and the designs' `points`, a candidate whose expensive constraint is predicted
   * violated from the designs measured before the round ends `predicted` (predict.ts). Rounds follow from the values
   * alone (not from which evaluation ends first), so the decisions are the same whatever the worker count.
   */
  async evaluate(
    items: readonly Overrides[], keys: readonly string[], selects?: (outcomes: readonly LazyOutcome[]) => readonly boolean[],
    points?: readonly (readonly ParamValue[])[],
  ): Promise<LazyOutcome[]> {
    // The front and the measured designs as this batch starts: a batch in flight at the same time could not change its decisions.
    let front = this.front;
    let designs = this.designs;
    const cheap = await this.cheap.evaluate(items, keys);
    const out = new Array<LazyOutcome>(items.length);
    const optimistic = new Map<number, number[]>();
    const unmeasured = (j: number, status: LazyStatus): LazyOutcome => {
      const o = cheap[j];
      return { ...o, csv: o.csv ?? metricCells(o.metrics, this.csvMetrics), accuracyMeasured: status };
    };
    const decide = (j: number): boolean => {
      if (this.measuredByKey.has(keys[j])) return void (out[j] = this.measuredByKey.get(keys[j])!), false;
      const status = this.classify(cheap[j], front);
      if (status === undefined) return true;
      out[j] = unmeasured(j, status);
      return false;
    };
    let pending = items.map((_, j) => j).filter(decide);
    for (const j of pending) optimistic.set(j, this.optimistic(cheap[j].metrics ?? {}));
    const vector = (j: number): number[] => optimistic.get(j) ?? [];
    for (;;) {
      pending = pending.filter((j) => {
        const prediction = points && this.plan.predict ? predictViolation(coordinates(this.space.variables, points[j]), designs, this.expensiveConstraints, this.plan.predict) : undefined;
        if (prediction) out[j] = { ...unmeasured(j, 'predicted'), predictedViolation: prediction.violation };
        return prediction === undefined;
      });
      // Until measured, a pending design stands as its optimistic bound (scored like a row proven out).
      for (const j of pending) out[j] = unmeasured(j, 'unselected');
      const kept = selects?.(out);
      const candidates = kept ? pending.filter((j) => kept[j]) : pending;
      const keptProvenOut = kept ? this.keptProvenOut(out, kept) : [];
      if (candidates.length === 0 && keptProvenOut.length === 0) break;
      const round = [...candidates.filter((j) => !candidates.some((k) => dominates(vector(k), vector(j), this.senses))), ...keptProvenOut];
      const measured = await this.measure(round, items, keys, this.keptIfStopped(round, out, selects));
      round.forEach((j, n) => {
        const stopped = stoppedAt(measured[n], this.plan.floors ?? {});
        this.samples += samplesOf(measured[n], this.plan.floors ?? {});
        if (stopped) this.stopBound ??= boundsOf(measured[n], this.plan.floors ?? {});
        out[j] = stopped ? { ...measured[n], accuracyMeasured: 'bound', stoppedAt: `${stopped.samples}/${stopped.planned}` }
          : { ...measured[n], accuracyMeasured: 'true' };
        const point = this.feasibleObjectives(measured[n]);
        if (point) front = withPoint(front, point, this.senses);
        if (points && out[j].accuracyMeasured === 'true') designs = this.withDesign(designs, points[j], measured[n]);
      });
      settleByKey(this.measuredByKey, out, keys);
      const done = new Set(round);
      pending = pending.filter((j) => !done.has(j)).filter(decide);
    }
    if (selects) await this.finishKept(items, keys, out, selects);
    return settleByKey(this.measuredByKey, out, keys);
  }

  /**
   * `"lazy": "exact"`: the designs proven out (dominated, or infeasible on a cheap constraint) that the selection
   * keeps at their optimistic bound. They cannot enter the front, but the strategy would breed from them: measured,
   * they rank as in an eager run (a dominated one that turns out infeasible drops below the feasible ones; an
   * infeasible one gets its whole violation), so the run's parents, and with them its front, are the eager run's.
   * Without "exact", none.
   */
  private keptProvenOut(out: readonly LazyOutcome[], kept: readonly boolean[]): number[] {
    if (this.plan.mode !== 'exact') return [];
    return out.flatMap((o, j) => ((o.accuracyMeasured === 'dominated' || o.accuracyMeasured === 'infeasible') && kept[j] ? [j] : []));
  }

  /**
   * The designs of `round` the selection would keep even stopped (at the bound every stopped measurement of the
   * run has reported: once proven below, the bound is always the same, (N - w) / N for the w-th wrong answer;
   * before a first stop, just below the floor, which can only keep more). `finishKept` would measure them again
   * in full, so they are measured in full at once.
   */
  private keptIfStopped(round: readonly number[], out: readonly LazyOutcome[], selects?: (outcomes: readonly LazyOutcome[]) => readonly boolean[]): Set<number> {
    const floors = this.plan.floors ?? {};
    const bound = this.stopBound ?? Object.fromEntries(Object.entries(floors).map(([m, f]) => [m, f - Number.EPSILON * Math.max(1, Math.abs(f))]));
    if (!selects || !this.openExact || Object.keys(bound).length === 0) return new Set();
    const view = out.slice();
    for (const j of round) view[j] = { ...out[j], metrics: { ...out[j].metrics, ...bound }, accuracyMeasured: 'bound', atBound: true };
    const kept = selects(view);
    return new Set(round.filter((j) => kept[j]));
  }

  /** Measures `round`: the designs in `now` without the stop (the exact backend), the rest with it. */
  private async measure(round: readonly number[], items: readonly Overrides[], keys: readonly string[], now: ReadonlySet<number>): Promise<EvalOutcome[]> {
    const part = (inExact: boolean) => round.filter((j) => now.has(j) === inExact);
    const [stopping, exact] = [part(false), part(true)];
    const [a, b] = await Promise.all([
      this.full.evaluate(stopping.map((j) => items[j]), stopping.map((j) => keys[j])),
      exact.length === 0 ? [] : this.exact().evaluate(exact.map((j) => items[j]), exact.map((j) => keys[j])),
    ]);
    const byIndex = new Map<number, EvalOutcome>([...stopping.map((j, n) => [j, a[n]] as const), ...exact.map((j, n) => [j, b[n]] as const)]);
    return round.map((j) => byIndex.get(j) as EvalOutcome);
  }

  private exact(): KeyedBackend {
    if (!this.openExact) throw new Error('internal: no exact backend for a lazy run without an early stop');
    this.exactBackend ??= this.openExact();
    return this.exactBackend;
  }

  /**
   * A stopped design's exact value matters to the strategy only if its selection keeps the design: a dropped one
   * is no parent. So the selection is asked with every stopped design at its upper bound (its most favourable
   * value: the least violation it can have); the ones it keeps even so are measured again in full, and the
   * selection is asked anew until it keeps none. The rest keep their stop: dropped at the bound, they are dropped
   * at their true value too (a larger violation ranks no better).
   */
  private async finishKept(
    items: readonly Overrides[], keys: readonly string[], out: LazyOutcome[], selects: (outcomes: readonly LazyOutcome[]) => readonly boolean[],
  ): Promise<void> {
    if (!this.openExact) return;
    for (;;) {
      const kept = selects(out.map((o) => (o.accuracyMeasured === 'bound' ? { ...o, atBound: true } : o)));
      const finish = out.map((o, j) => (o.accuracyMeasured === 'bound' && kept[j] ? j : -1)).filter((j) => j >= 0);
      if (finish.length === 0) return;
      const measured = await this.exact().evaluate(finish.map((j) => items[j]), finish.map((j) => keys[j]));
      finish.forEach((j, n) => {
        this.samples += Number(out[j].stoppedAt?.split('/')[1] ?? 0);
        this.finished++;
        out[j] = { ...measured[n], accuracyMeasured: 'true' };
      });
    }
  }

  /** The measured designs with `outcome`'s (a new array, as `withPoint`); unchanged without predictions or values. */
  private withDesign(designs: readonly MeasuredDesign[], point: readonly ParamValue[], outcome: EvalOutcome): readonly MeasuredDesign[] {
    const m = outcome.metrics;
    if (!this.plan.predict || outcome.error !== undefined || !m) return designs;
    const values = Object.fromEntries(this.expensiveConstraints.map((c) => [c.metric, m[c.metric]]).filter(([, v]) => Number.isFinite(v)));
    return [...designs, { at: coordinates(this.space.variables, point), values }];
  }

  /** The objectives of a measured outcome that meets every constraint, else undefined. */
  private feasibleObjectives(o: EvalOutcome): number[] | undefined {
    const m = o.metrics;
    if (o.error !== undefined || !m) return undefined;
    const objectives = this.space.objectives.map((x) => m[x.metric]);
    const used = [...objectives, ...this.space.constraints.map((c) => m[c.metric])];
    return used.every(Number.isFinite) && constraintViolation(this.space, m) === 0 ? objectives : undefined;
  }

  /** Why a cheap outcome needs no expensive evaluation, or undefined when it must be measured. */
  private classify(o: EvalOutcome, front: readonly (readonly number[])[]): LazyStatus | undefined {
    const m = o.metrics;
    if (o.error !== undefined || !m) return 'false';
    const cheapUsed = [...this.space.objectives.map((x) => x.metric), ...this.cheapConstraints.map((c) => c.metric)].filter((x) => this.plan.bounds[x] === undefined);
    if (cheapUsed.some((x) => !Number.isFinite(m[x]))) return 'false';
    if (constraintViolation({ constraints: this.cheapConstraints }, m) > 0) return 'infeasible';
    const optimistic = this.optimistic(m);
    return front.some((p) => dominates(p, optimistic, this.senses)) ? 'dominated' : undefined;
  }

  /** Objectives with every expensive one at its best possible value. */
  private optimistic(m: Readonly<Record<string, number>>): number[] {
    return this.space.objectives.map((o) => this.plan.bounds[o.metric] ?? m[o.metric]);
  }

  /**
   * The row of an outcome proven out: the optimistic objectives and the cheap constraints' violation (a lower
   * bound of the true one) for the strategy, and `feasible` false (the run claims feasibility only when measured).
   * Undefined for measured and failed outcomes: they are scored as in an eager run.
   */
  score<B extends Pick<ScoredRow, 'point' | 'key' | 'outcome'>>(base: B): ScoredRow | undefined {
    const status = lazyStatusOf(base.outcome);
    const m = base.outcome.metrics;
    const at = (base.outcome as Partial<LazyOutcome>).stoppedAt;
    const atBound = (base.outcome as Partial<LazyOutcome>).atBound === true;
    if (status === 'bound' && m && (at !== undefined || atBound)) {
      // Stopped early: infeasible for certain; the strategy ranks it by the violation at the samples' estimate
      // (the upper bound would rank every stopped design as just short of the floor); the selection probe of
      // `finishKept` sees the bound.
      const violation = constraintViolation(this.space, atBound || at === undefined ? m : sampleEstimates(m, this.plan.floors ?? {}, at));
      return { point: base.point, key: base.key, outcome: base.outcome, objectives: this.space.objectives.map((o) => m[o.metric]), violation, feasible: false, error: undefined };
    }
    if ((status !== 'dominated' && status !== 'infeasible' && status !== 'unselected' && status !== 'predicted') || !m) return undefined;
    // A predicted row ranks as infeasible by its predicted violation (its cheap constraints hold: it was a candidate).
    const predicted = (base.outcome as Partial<LazyOutcome>).predictedViolation;
    if (status === 'predicted' && predicted === undefined) throw new Error('internal: a predicted lazy row without its predicted violation');
    const violation = predicted ?? constraintViolation({ constraints: this.cheapConstraints }, m);
    return { point: base.point, key: base.key, outcome: base.outcome, objectives: this.optimistic(m), violation, feasible: false, error: undefined };
  }

  /** After a batch is scored (replayed rows too): count its rows and add the measured feasible ones to the front. */
  observe(rows: readonly ScoredRow[]): void {
    for (const row of rows) {
      const status = lazyStatusOf(row.outcome);
      if (status === 'true') this.rows.measured++;
      else if (status === 'dominated') this.rows.dominated++;
      else if (status === 'infeasible') this.rows.infeasible++;
      else if (status === 'unselected') this.rows.unselected++;
      else if (status === 'bound') this.rows.bound++;
      else if (status === 'predicted') this.rows.predicted++;
      else this.rows.failed++;
      if (status === 'true' && row.feasible) this.addToFront(row.objectives);
      if (status === 'true') this.designs = this.withDesign(this.designs, row.point, row.outcome);
      if (status === 'true' && !this.measuredByKey.has(row.key)) this.measuredByKey.set(row.key, row.outcome as LazyOutcome);
    }
  }

  private addToFront(point: readonly number[]): void {
    this.front = withPoint(this.front, point, this.senses);
  }

  counts(): LazyCounts {
    return {
      measuredRows: this.rows.measured,
      dominatedRows: this.rows.dominated,
      infeasibleRows: this.rows.infeasible,
      unselectedRows: this.rows.unselected,
      failedRows: this.rows.failed,
      boundRows: this.rows.bound,
      predictedRows: this.rows.predicted,
      measurements: this.full.evaluated + (this.exactBackend?.evaluated ?? 0),
      samples: this.samples,
      finished: this.finished,
    };
  }
}

/**
 * The front with `point` added (a new array: a batch's snapshot stays as it was); unchanged when a member
 * dominates or equals it.
 */
function withPoint(front: readonly (readonly number[])[], point: readonly number[], senses: readonly Sense[]): readonly (readonly number[])[] {
  if (front.some((p) => dominates(p, point, senses) || p.every((v, i) => v === point[i]))) return front;
  return [...front.filter((p) => !dominates(point, p, senses)), [...point]];
}

/** The stopped metrics of a stopped outcome, at their upper bounds. */
function boundsOf(outcome: EvalOutcome, floors: Readonly<Record<string, number>>): Record<string, number> | undefined {
  const entries = Object.keys(floors).map((m) => [m, outcome.metrics?.[m]] as const).filter((e): e is readonly [string, number] => e[1] !== undefined && e[1] < floors[e[0]]);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A line builder's line with the row's lazy status appended as the last cell. */
export function withLazyCell<R extends { readonly outcome: EvalOutcome }>(line: (row: R) => string): (row: R) => string {
  return (row) => `${line(row).slice(0, -1)},${lazyCell(row.outcome)}\n`;
}

/** The lazy column's cell: the status, with the samples of a measurement stopped early (`bound:k/N`). */
function lazyCell(outcome: EvalOutcome): string {
  const status = lazyStatusOf(outcome) ?? 'false';
  const at = (outcome as Partial<LazyOutcome>).stoppedAt;
  return status === 'bound' && at !== undefined ? `bound:${at}` : status;
}
