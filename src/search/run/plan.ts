/**
 * What a run will be, decided from its options before anything is opened or written: the strategy and its settings,
 * the seed, the metrics the run needs, its lazy plan, the CSV formats it may find or write, and its fingerprint.
 */
import { ConfigError, didYouMean } from '../../core/index.js';
import { fingerprintMetrics, fingerprintOf, neededMetrics, PACKAGE_VERSION } from './manifest.js';
import type { RunFormat, RunSettings } from './resume.js';
import { evaluationColumns } from './rows.js';
import { columnSets } from './columnSets.js';
import { NOTE_COLUMN, runNotes, type RunNotes } from './notes.js';
import { RunDesigns, SAME_DESIGN_COLUMN } from './designs.js';
import type { RunSearchOptions } from './options.js';
import { LAZY_COLUMN, type LazyPlan } from '../lazy/stage.js';
import { lazyPlanOf, refuseExactWithoutSelection } from '../lazy/open.js';
import { effectiveStrategy, plannedEvaluations, type EffectiveStrategy } from '../space/strategy.js';
import type { LazyMode, SearchSpace } from '../space/types.js';
import { STRATEGIES } from '../strategies/registry.js';
import type { RunOrigin, StrategyDefinition } from '../strategies/definition.js';

export interface RunPlan {
  readonly space: SearchSpace;
  readonly origin: RunOrigin;
  /** The caller's and the strategy's notes, for onNote once the folder is open: a refused run prints its refusal alone. */
  readonly notes: readonly string[];
  readonly strategy: EffectiveStrategy;
  readonly definition: StrategyDefinition;
  readonly seed: number;
  /** Planned evaluations, when the budget or the strategy settings fix them. */
  readonly planned: number | undefined;
  readonly needed: readonly string[];
  readonly lazyPlan: LazyPlan | undefined;
  readonly lazyMode: LazyMode;
  /** The run's design keys (undefined: every configuration its own design, no SAME_DESIGN_COLUMN). */
  readonly designs: RunDesigns | undefined;
  /** The run's row notes (undefined: no note column). */
  readonly noteOf: RunNotes | undefined;
  /** This version's columns first, then those of a run an earlier version wrote. */
  readonly formats: readonly RunFormat[];
  readonly fingerprint: string;
}

/** The run's plan; refuses objectives and constraints the evaluator does not produce, and a lazy mode the strategy cannot serve. */
export function planRun(options: RunSearchOptions): RunPlan {
  const { space, metrics } = options;
  const registry = options.strategies ?? STRATEGIES;
  for (const m of [...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric)]) {
    if (!metrics.includes(m)) throw new ConfigError(`metric "${m}" is not produced by the evaluator (${metrics.join(', ')})${didYouMean(m, metrics)}`);
  }
  const origin = options.origin ?? 'api';
  const notes = [...(options.notes ?? [])];
  const strategy = effectiveStrategy(space, registry, { ...options, onNote: (n) => notes.push(n) }, origin);
  const definition = registry.require(strategy.name);
  const seed = options.seed ?? space.seed;
  const planned = plannedEvaluations(space, strategy, registry);
  const needed = neededMetrics(space, metrics);
  const lazyPlan = lazyPlanOf(space, options, needed);
  if (lazyPlan?.mode === 'exact') refuseExactWithoutSelection(registry, strategy.name, { byRun: options.lazy !== undefined, origin, file: space.file });
  const noteOf = runNotes(options.rowNote, needed, { network: space.network, base: space.base });
  const designOf = options.designKey?.create({ network: space.network, networks: space.networks, base: space.base, variables: space.variables });
  const designs = designOf ? new RunDesigns(space.variables, designOf) : undefined;
  const formatOf = (m: readonly string[], same: boolean, note: boolean): RunFormat => ({
    metrics: m, columns: [...evaluationColumns(space, m), ...(lazyPlan ? [LAZY_COLUMN] : []), ...(same ? [SAME_DESIGN_COLUMN] : []), ...(note ? [NOTE_COLUMN] : [])],
  });
  // This version's columns, then those of a run an earlier version wrote (--resume continues it as it was: before the
  // note column, before the same-design column (2026-12-07): such a run lists its repeats as it did).
  const sames = designs ? [true, false] : [false];
  const formats = columnSets(metrics, needed, options.onDemandMetrics)
    .flatMap((m) => sames.flatMap((same) => (noteOf ? [formatOf(m, same, true), formatOf(m, same, false)] : [formatOf(m, same, false)])));
  // An early-stopping, predicting or exact lazy run writes other rows than a plain lazy one: its own fingerprint (a plain lazy run's is unchanged).
  const lazyMode: LazyMode = lazyPlan?.mode ?? false;
  const fingerprint = fingerprintOf({ ...space, lazy: lazyMode }, strategy.name, strategy.settings, seed, strategy.evaluations,
    fingerprintMetrics(metrics, needed, options.addedMetrics));
  return { space, origin, notes, strategy, definition, seed, planned, needed, lazyPlan, lazyMode, designs, noteOf, formats, fingerprint };
}

/** What a resume compares with the run's manifest, setting by setting (run/resume.ts). */
export function runSettings(plan: RunPlan, options: Pick<RunSearchOptions, 'modelHash' | 'weightsHash'>): RunSettings {
  const { strategy } = plan;
  return {
    seed: plan.seed, strategy: strategy.name, settings: strategy.settings, budget: strategy.evaluations, lazy: plan.lazyMode,
    build: { version: PACKAGE_VERSION, modelHash: options.modelHash, weightsHash: options.weightsHash },
  };
}
