/**
 * Early stop of a lazy run's measurements (docs/search.md, "Lazy accuracy"): a measurement that averages over a
 * sample (hardware accuracy over N test images) can stop as soon as it is proven below the minimum a constraint
 * sets: after k of N samples with c successes, the full result is at most (c + N - k) / N. The protocol, so that
 * the search knows nothing of what is measured:
 * - the measuring backend's context carries `stopBelow` (metric -> the constraint's minimum);
 * - an evaluator that honours it reports a stopped metric as its upper bound, with `<metric>:samples` (measured)
 *   and `<metric>:planned` (N) among its metrics (also when it did not stop: then samples = planned);
 * - an evaluator that ignores it measures in full, which the stage treats as exact.
 * A stopped design is infeasible for certain; its row says `bound:k/N` in the lazy column and its metric cell
 * holds the upper bound, never an invented exact value.
 */
import type { EvalOutcome, EvaluatorContext } from '../backend/types.js';
import type { SearchSpace } from '../space/types.js';

/** The evaluator-context field: metric -> the minimum below which its measurement may stop. */
export const STOP_BELOW_FIELD = 'stopBelow';

export const samplesMetric = (metric: string): string => `${metric}:samples`;
export const plannedMetric = (metric: string): string => `${metric}:planned`;

/**
 * The minima a lazy run's measurements may stop below: every `min` constraint on an expensive metric whose best
 * value (bound) lies above the minimum (a higher value is better), the largest minimum per metric.
 */
export function stopFloors(space: Pick<SearchSpace, 'constraints'>, bounds: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  const floors: Record<string, number> = {};
  for (const c of space.constraints) {
    const bound = bounds[c.metric];
    if (bound === undefined || c.min === undefined || !(bound >= c.min)) continue;
    floors[c.metric] = Math.max(floors[c.metric] ?? -Infinity, c.min);
  }
  return floors;
}

/** The context of the measuring backend: the floors, and the sample counts kept among the outcome's metrics. */
export function measuringContext<C extends EvaluatorContext>(context: C, floors: Readonly<Record<string, number>>): C {
  const names = Object.keys(floors);
  if (names.length === 0) return context;
  const needed = context.needed ? [...context.needed, ...names.flatMap((m) => [samplesMetric(m), plannedMetric(m)])] : undefined;
  return { ...context, [STOP_BELOW_FIELD]: { ...floors }, ...(needed ? { needed } : {}) };
}

/** The floors an evaluator was given (an evaluator's side of the protocol); empty when none or malformed. */
export function stopFloorsOf(context: unknown): Readonly<Record<string, number>> {
  const field = typeof context === 'object' && context !== null ? (context as Record<string, unknown>)[STOP_BELOW_FIELD] : undefined;
  if (typeof field !== 'object' || field === null) return {};
  return Object.fromEntries(Object.entries(field).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

/** Samples measured and planned for a stopped metric of `outcome`, or undefined when every metric was measured in full. */
export function stoppedAt(outcome: EvalOutcome, floors: Readonly<Record<string, number>>): { samples: number; planned: number } | undefined {
  for (const m of Object.keys(floors)) {
    const samples = outcome.metrics?.[samplesMetric(m)];
    const planned = outcome.metrics?.[plannedMetric(m)];
    if (samples !== undefined && planned !== undefined && samples < planned) return { samples, planned };
  }
  return undefined;
}

/** Samples an outcome's measurement took (the sum over the stoppable metrics; 0 when the evaluator does not say). */
export function samplesOf(outcome: EvalOutcome, floors: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const m of Object.keys(floors)) total += outcome.metrics?.[samplesMetric(m)] ?? 0;
  return total;
}

/**
 * A stopped row's metrics with each stopped metric at its samples' estimate c / k instead of its upper bound
 * (c + N - k) / N (`stoppedAt` "k/N"; c recovered from the bound). The estimate is at most the bound, so still
 * below the floor. For the strategy's ranking of infeasible designs only; the CSV cell keeps the bound.
 */
export function sampleEstimates(metrics: Readonly<Record<string, number>>, floors: Readonly<Record<string, number>>, stoppedAt: string): Record<string, number> {
  const [k, n] = stoppedAt.split('/').map(Number);
  const out = { ...metrics };
  for (const [m, floor] of Object.entries(floors)) {
    const bound = metrics[m];
    if (!(bound < floor) || !(k > 0)) continue;
    out[m] = Math.round(bound * n - (n - k)) / k;
  }
  return out;
}
