/**
 * The evaluator module the co-search runs in each worker (or in-thread): loads the network once (each
 * network once, when the space searches several: the `network` override), applies the base overrides to the
 * default configuration once, then simulates each configuration through simulateConfiguration, the path
 * `cosearch evaluate` and the report take too. The accuracy engine (macError_rms, macSnr_dB, accuracy: a
 * Monte Carlo, ~100x the cost of the energy-latency-area model) runs only when an objective or constraint
 * uses one of its metrics; otherwise those columns are left empty (NaN). With `cache` in the context its results
 * are recalled from (and stored in) the persistent cache (docs/cache.md), in every worker: new entries are written
 * when the evaluator closes (`close()`, called by the backend after the last evaluation), not during the search.
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../hardware/config.js';
import { overridesApplier } from '../hardware/overridesApplier.js';
import { networkLoader } from '../model/index.js';
import { METRIC_NAMES, simulationValues } from '../sim/metrics.js';
import { accuracyWanted, needsAccuracy, resolveConfiguration, simulateElaTotals, simulateMetrics, simulateResolved, type SimulationNeeds } from '../sim/simulate.js';
import { totalsSlot } from '../sim/evaluate.js';
import { outcomeFormatOf, stopFloorsOf, type Evaluate, type EvaluateOutcome, type EvaluatorClosed, type OutcomeBytes, type Overrides } from '../search/index.js';
import { elaOutcomeBytes, elaOutcomeWriter, recordOutcome } from './elaOutcome.js';
import { DeferredStore, EvaluationStore, type CacheSettings } from '../io/cache/index.js';
import { cachedAccuracyMetrics, cachedStoppableAccuracyMetrics, MemoryStore } from './cache/accuracy.js';
import { sampleCounts } from './lazyBounds.js';
import { splitNetworkOverride } from '../model/index.js';
import { macErrorAffinity } from '../sim/nonideal/index.js';
import type { AffinityKey } from '../search/index.js';

/** Metric names in CSV column order: energy-latency-area totals and breakdown, then the accuracy metrics. */
export const SIMULATOR_METRICS: readonly string[] = METRIC_NAMES;

export interface SimulatorContext {
  /** The network of configurations that do not set the `network` override. */
  readonly network: string;
  readonly base: Overrides;
  /** Metrics the search uses (objectives and constraints); decides whether the accuracy engine runs. */
  readonly needed?: readonly string[];
  /** The run's CSV metric columns (EvaluatorContext.csvMetrics): the accuracy proxy is computed when it is one (needsOf). */
  readonly csvMetrics?: readonly string[];
  /** The persistent cache for accuracy-engine results (plain data: it crosses to worker threads); none when absent. */
  readonly cache?: CacheSettings;
}

/**
 * What the simulator is asked for: the metrics the run needs (no list = every metric an engine can give; the training
 * metrics only with a training.algorithm) and the CSV columns it writes, which fill an engine's optional figures (the
 * accuracy proxy: computed only for a run that needs it or shows its column). A context without CSV columns keeps
 * every metric in its records, so all of them count as shown.
 */
function needsOf(context: SimulatorContext): SimulationNeeds {
  if (!context.needed) return {};
  // Only the simulator's own metrics: a run also needs what a wrapper adds to its rows (the early stop's
  // `accuracy:samples`, lazyBounds.ts), which the simulator refuses as unknown.
  return { metrics: context.needed.filter((m) => METRIC_NAMES.includes(m)), reported: outcomeFormatOf(context).csvMetrics ?? SIMULATOR_METRICS };
}

export function createEvaluator(context: SimulatorContext): Evaluate {
  const load = networkLoader();
  load(context.network);
  const base: HardwareConfig = applyOverrides(defaultConfig(), context.base);
  const needs = needsOf(context);
  const wanted = accuracyWanted(needs);
  const network = (override: string | undefined) => load(override ?? context.network);
  // Where accuracy comes from the early stop or the store, everything else (training cost included) runs as usual.
  const elsewhere: SimulationNeeds = { ...needs, accuracyElsewhere: true };
  // A lazy run's measurement that may stop early (src/search/lazy/earlyStop.ts): stopped results are kept by the
  // wrong answer they stopped at (src/app/cache/accuracy.ts), in the persistent cache or else in memory.
  const floor = stopFloorsOf(context).accuracy;
  if (floor !== undefined && needsAccuracy(needs)) {
    const deferred = context.cache ? new DeferredStore(new EvaluationStore(context.cache)) : undefined;
    const kept = deferred ?? new MemoryStore();
    return withClose(async (overrides) => {
      const resolved = resolveConfiguration(network, overrides, base);
      const { network: chosen, config, evaluation, training } = simulateResolved(resolved.network, resolved.config, elsewhere);
      const { metrics: accuracy } = await cachedStoppableAccuracyMetrics(kept, chosen, config, floor, { wanted });
      return { ...simulationValues({ evaluation, accuracy, training }), ...sampleCounts(accuracy) };
    }, deferred, context.cache?.dir);
  }
  if (!context.cache || !needsAccuracy(needs)) return (overrides) => simulateMetrics(network, overrides, needs, base);
  const store = new DeferredStore(new EvaluationStore(context.cache));
  return withClose(async (overrides) => {
    // The ELA engine first, as without the cache: a configuration it rejects fails with the same error.
    const resolved = resolveConfiguration(network, overrides, base);
    const { network: chosen, config, evaluation, training } = simulateResolved(resolved.network, resolved.config, elsewhere);
    const { metrics: accuracy } = await cachedAccuracyMetrics(store, chosen, config, { wanted });
    return simulationValues({ evaluation, accuracy, training });
  }, store, context.cache.dir);
}

/**
 * The evaluator, closed by writing the entries its store deferred (Evaluate.close); entries the store in `dir` could
 * not write (disk full, no permission, a store damaged mid-run) are said in one warning, merged across threads.
 */
function withClose(evaluate: (overrides: Overrides) => Promise<Record<string, number>>, store: DeferredStore | undefined, dir: string | undefined): Evaluate {
  if (!store) return evaluate;
  const close = async (): Promise<EvaluatorClosed> => {
    await store.flush();
    const failed = store.failures;
    if (!failed) return {};
    const text = `the cache in ${dir} could not store {count} of this run's entries (${failed.cause}); the results are unaffected, a later run recomputes them`;
    return { warnings: [{ key: `cache-write:${dir}`, count: failed.count, text }] };
  };
  return Object.assign(evaluate, { close });
}

/**
 * The search's fast path (EvaluatorModule.createOutcomeEvaluator): when the run asks for CSV cells and neither the
 * accuracy engine nor the cache is involved, configurations go from the ELA totals straight to their outcome
 * (src/app/elaOutcome.ts); one that runs the training-cost model takes the record path.
 */
export function createOutcomeEvaluator(context: SimulatorContext): EvaluateOutcome | undefined {
  const { csvMetrics, keep } = outcomeFormatOf(context);
  const needs = needsOf(context);
  if (!csvMetrics || needsAccuracy(needs)) return undefined;
  const load = networkLoader();
  load(context.network);
  const base: HardwareConfig = applyOverrides(defaultConfig(), context.base);
  const network = (override: string | undefined) => load(override ?? context.network);
  const write = elaOutcomeWriter(csvMetrics, keep);
  // One totals record refilled per evaluation: the writer reads it out at once (its cells and kept metrics).
  const slot = totalsSlot();
  // A search's points set the same parameters, each to a few values: each section's copies are shared (overridesApplier).
  const apply = overridesApplier(base);
  const outcome = (overrides: Overrides) => {
    const totals = simulateElaTotals(network, overrides, needs, apply, slot);
    return totals ? write(totals) : recordOutcome(simulateMetrics(network, overrides, needs, apply), csvMetrics, keep);
  };
  // The same outcome for a grid range's writer (OutcomeBytes): a configuration the ELA alone does not describe says -1.
  const cells = elaOutcomeBytes(csvMetrics, keep);
  const bytes: OutcomeBytes = {
    metrics: cells.metrics,
    maxBytes: cells.maxBytes,
    write(overrides, out, at) {
      const totals = simulateElaTotals(network, overrides, needs, apply, slot);
      return totals ? cells.write(totals, out, at) : -1;
    },
  };
  return Object.assign(outcome, { bytes });
}

/**
 * The routing hint (EvaluatorModule.createAffinity) of a run that runs the accuracy engine: configurations with the
 * same network and MAC-error key (macErrorAffinity) share programmed crossbars, weights and Monte Carlo inputs in a
 * worker's caches, so the backend sends them to the same worker. None for a run without the accuracy engine.
 */
export function createAffinity(context: SimulatorContext): AffinityKey | undefined {
  if (!needsAccuracy(needsOf(context))) return undefined;
  const base: HardwareConfig = applyOverrides(defaultConfig(), context.base);
  return (overrides) => {
    const { network, rest } = splitNetworkOverride(overrides);
    return `${network ?? context.network}|${macErrorAffinity(applyOverrides(base, rest))}`;
  };
}
