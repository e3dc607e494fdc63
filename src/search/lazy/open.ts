/** Setting up a lazy run from the engine's options: the plan, and the stage over a cheap and an expensive backend. */
import { ConfigError } from '../../core/index.js';
import { CachedBackend } from '../backend/cached.js';
import type { BackendFactory, EvaluationBackend, EvaluatorContext } from '../backend/types.js';
import type { LazyMode, SearchSpace, Sense } from '../space/types.js';
import { exactLazyRefusal, type StrategyRegistry } from '../strategies/registry.js';
import type { RunOrigin } from '../strategies/definition.js';
import { measuringContext } from './earlyStop.js';
import { LazyStage, lazyPlan, type LazyPlan } from './stage.js';

export interface LazyChoice {
  readonly lazy?: LazyMode;
  readonly expensiveMetrics?: Readonly<Record<string, number>>;
  readonly backend: EvaluationBackend | BackendFactory;
}

/**
 * The lazy plan of a run: undefined when lazy is off (the option, else the space's `lazy`, else off) or when no
 * objective or constraint uses an expensive metric. Lazy needs a backend factory: one backend instance has one
 * `needed` list, so it cannot give the cheap metrics alone.
 */
export function lazyPlanOf(space: SearchSpace, choice: LazyChoice, needed: readonly string[]): LazyPlan | undefined {
  const mode = choice.lazy ?? space.lazy ?? false;
  if (mode === false) return undefined;
  const plan = lazyPlan(space, needed, choice.expensiveMetrics ?? {}, mode);
  if (plan && typeof choice.backend !== 'function') throw new ConfigError('lazy: needs a backend factory (a cheap and an expensive evaluator), not one backend instance');
  return plan;
}

/** The stage: a second backend from the factory, asked for the cheap metrics only; `full` is the run's own (a third, without the early stop, when one is needed). */
export function openLazy(
  plan: LazyPlan, space: SearchSpace, senses: readonly Sense[], context: EvaluatorContext,
  open: (context: EvaluatorContext) => EvaluationBackend, full: CachedBackend, csvMetrics: readonly string[],
): LazyStage {
  const cheap = new CachedBackend(open({ ...context, needed: plan.cheapNeeded }));
  // With an early stop: a backend that never stops (floors at -Infinity: it still reports its samples), opened the
  // first time a design the selection keeps must be measured in full.
  const floors = Object.keys(plan.floors ?? {});
  const exact = floors.length > 0 ? () => new CachedBackend(open(measuringContext(context, Object.fromEntries(floors.map((m) => [m, -Infinity]))))) : undefined;
  return new LazyStage(space, senses, plan, cheap, full, csvMetrics, exact);
}

/**
 * Refuses the exact mode with a strategy whose selection the run cannot ask (exactLazyRefusal), named where the mode
 * was chosen: the run's option (--lazy-exact, or runSearch's lazy), else the space's field (the space parser refuses
 * that one first; this covers a space built without it).
 */
export function refuseExactWithoutSelection(registry: StrategyRegistry, strategy: string, chosen: { byRun: boolean; origin: RunOrigin; file: string | undefined }): void {
  const refusal = exactLazyRefusal(registry, strategy);
  if (refusal === undefined) return;
  const [field, instead] = chosen.byRun
    ? (chosen.origin === 'command line' ? ['--lazy-exact', '--lazy'] : ['lazy: "exact"', 'lazy: true'])
    : [`${chosen.file === undefined ? '' : `${chosen.file}: `}lazy`, '"lazy": true'];
  throw new ConfigError(`${field}: ${refusal}, or ${instead}`);
}
