/**
 * simulateConfiguration: the one way to simulate one configuration, used by the search worker, the report and
 * `cosearch evaluate`. The configuration is a base (the defaults unless given) with overrides applied, and a
 * `network` override picks the network; the engines run only for the metrics the caller needs.
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../hardware/config.js';
import type { OverridesApplier } from '../hardware/overridesApplier.js';
import { checkedConfigFor, splitNetworkOverride } from '../model/index.js';
import type { Network } from '../model/types.js';
import { accuracyMetrics, type AccuracyMetrics } from './accuracy.js';
import type { Evaluation, EvaluationTotals, TotalsSlot } from './evaluate.js';
import { evaluateTotalsUnchecked, evaluateUnchecked } from './ela/evaluate.js';
import type { PricedInference } from './ela/priced.js';
import { ConfigError, describeValue, refuseUnknownKeys } from '../core/index.js';
import { enginesFor, METRIC_NAMES, simulationValues, TRAINING_METRIC_NAMES } from './metrics.js';
import { trainingCost, trainingView, type TrainingCost } from './training/index.js';

/**
 * The network to simulate, or how to get the one a configuration names: called with the configuration's
 * `network` override (undefined when it has none).
 */
export type NetworkSource = Network | ((override: string | undefined) => Network);

export interface SimulationNeeds {
  /**
   * The metrics the caller reads (default: every metric). The energy-latency-area engine always runs (every
   * caller reads it and it is cheap); the accuracy engine runs only when one of its metrics is named.
   */
  readonly metrics?: readonly string[];
  /**
   * The caller gets the accuracy engine's metrics elsewhere (the persistent cache, src/app/cache): the engine does
   * not run here, while the ELA and, when the metrics and configuration call for it, the training-cost model do.
   */
  readonly accuracyElsewhere?: boolean;
  /**
   * Metrics the caller shows without needing them (a search's CSV columns): they make no engine run, but an engine
   * that runs fills its optional figures (the accuracy proxy) only when they are named here or in `metrics`.
   */
  readonly reported?: readonly string[];
}

/** ELA only: what the report and `cosearch evaluate --no-accuracy` need. */
export const ELA_ONLY: SimulationNeeds = { metrics: [] };

export interface ConfigurationResult {
  readonly network: Network;
  readonly config: HardwareConfig;
  readonly evaluation: Evaluation;
  /** The accuracy engine's result, when it ran. */
  readonly accuracy?: AccuracyMetrics;
  /** The training-cost model's result, when it ran (training.algorithm bptt or sdfa). */
  readonly training?: TrainingCost;
  /** Every registered metric by name, in registry (CSV column) order; NaN for those of an engine that did not run. */
  readonly metrics: Record<string, number>;
}

/** The metrics the accuracy engine is asked for (its `wanted`): those needed and those reported; undefined = every one. */
export function accuracyWanted(needs: SimulationNeeds): readonly string[] | undefined {
  return needs.metrics === undefined ? undefined : [...needs.metrics, ...(needs.reported ?? [])];
}

/** SimulationNeeds' keys: any other is refused (`{ metric: [...] }` used to run every engine). */
const NEEDS_KEYS = Object.keys({ metrics: true, accuracyElsewhere: true, reported: true } satisfies Record<keyof SimulationNeeds, true>);

/**
 * Whether the accuracy engine must run for these needs (worked out once per needs object: workers reuse theirs).
 * Checks them first: known keys only, `metrics` a list of registered metric names (ConfigError otherwise).
 */
export function needsAccuracy(needs: SimulationNeeds): boolean {
  let accuracy = ACCURACY_NEEDED.get(needs);
  if (accuracy === undefined) {
    if (needs === null || typeof needs !== 'object') throw new ConfigError(`needs: got ${describeValue(needs)}, expected an object with any of ${NEEDS_KEYS.join(', ')}`);
    refuseUnknownKeys(needs, NEEDS_KEYS, 'a key of needs', 'needs.');
    if (needs.metrics !== undefined && !Array.isArray(needs.metrics)) {
      throw new ConfigError(`needs.metrics: got ${describeValue(needs.metrics)}, expected a list of metric names`);
    }
    const engines = enginesFor(needs.metrics ?? METRIC_NAMES, 'needs.metrics');
    accuracy = !needs.accuracyElsewhere && engines.has('accuracy');
    ACCURACY_NEEDED.set(needs, accuracy);
  }
  return accuracy;
}

const ACCURACY_NEEDED = new WeakMap<SimulationNeeds, boolean>();

/** The training-cost model runs when training.algorithm is bptt or sdfa and the needs name a training metric (or name none: every metric). */
function runsTraining(needs: SimulationNeeds, config: HardwareConfig): boolean {
  if (config.training.algorithm === 'none') return false;
  return needs.metrics === undefined || needs.metrics.some((m) => TRAINING_METRIC_NAMES.includes(m));
}

/**
 * Needs that name a training metric while training.algorithm is none are refused (after the ELA engine, so a
 * configuration both refuse fails with the ELA's error): there is no training to cost, and a NaN objective would be a
 * silent wrong answer.
 */
function refuseUntrainedMetrics(needs: SimulationNeeds, config: HardwareConfig): void {
  if (config.training.algorithm !== 'none') return;
  const named = needs.metrics?.find((m) => TRAINING_METRIC_NAMES.includes(m));
  if (named !== undefined) {
    throw new ConfigError(`${named}: needs on-chip training, but training.algorithm is "none"; expected bptt or sdfa (e.g. --set training.algorithm=sdfa)`);
  }
}

/**
 * Computes the accuracy engine's metrics of a resolved configuration (`wanted`: accuracyWanted). The default runs the
 * engine; a caller with a persistent cache (src/app/cache) injects one that recalls a stored result: the simulator does no I/O.
 */
export type AccuracyEngine = (network: Network, config: HardwareConfig, wanted?: readonly string[]) => AccuracyMetrics;

/**
 * The network and configuration a set of overrides describes (the first step of simulateConfiguration). `base` is the
 * configuration the overrides apply to, or an overridesApplier of it (the same configuration, for a caller that
 * resolves many: a search).
 */
export function resolveConfiguration(
  network: NetworkSource,
  overrides: Readonly<Record<string, unknown>>,
  base: HardwareConfig | OverridesApplier = defaultConfig(),
): { network: Network; config: HardwareConfig } {
  const split = splitNetworkOverride(overrides);
  // A fixed network takes no `network` override: left in, applyOverrides reports it as an unknown parameter.
  const chosen = typeof network === 'function' ? network(split.network) : network;
  const rest = typeof network === 'function' ? split.rest : overrides;
  return { network: chosen, config: typeof base === 'function' ? base(rest) : applyOverrides(base, rest) };
}

/**
 * Simulate a resolved configuration: the ELA engine, and the accuracy engine (or `accuracyEngine`) and training cost when
 * needed; `priced`: the inference of `network` on `config` already priced (ela/priced.ts), used instead of a second pricing.
 */
export function simulateResolved(
  network: Network,
  config: HardwareConfig,
  needs: SimulationNeeds = {},
  accuracyEngine: AccuracyEngine = accuracyMetrics,
  priced?: PricedInference,
): ConfigurationResult {
  // A lookup per layer key for resolveConfiguration's (applyOverrides built it); a hand-built one is checked whole.
  checkedConfigFor(network, config);
  const accuracyNeeded = needsAccuracy(needs);
  // One ELA run: when training is costed, its view's evaluation is the inference's (evaluateWith reporting prices
  // and stages to the training model: evaluate()'s numbers bit for bit); `priced`, a pricing the caller made, is it.
  const view = runsTraining(needs, config) ? trainingView(network, config, priced) : undefined;
  const evaluation = view ? view.evaluation : priced ? priced.evaluation : evaluateUnchecked(network, config);
  const accuracy = accuracyNeeded ? accuracyEngine(network, config, accuracyWanted(needs)) : undefined;
  refuseUntrainedMetrics(needs, config);
  const training = view ? trainingCost(network, config, view) : undefined;
  return {
    network, config, evaluation, ...(accuracy ? { accuracy } : {}), ...(training ? { training } : {}),
    metrics: simulationValues({ evaluation, accuracy, training }),
  };
}

/**
 * simulateConfiguration(...).metrics, the same numbers, for a caller that reads only the metrics (a search): when
 * neither the accuracy engine nor the training-cost model runs, the ELA engine skips the per-layer results.
 */
export function simulateMetrics(
  network: NetworkSource,
  overrides: Readonly<Record<string, unknown>>,
  needs: SimulationNeeds = {},
  base: HardwareConfig | OverridesApplier = defaultConfig(),
  accuracyEngine: AccuracyEngine = accuracyMetrics,
): Record<string, number> {
  const resolved = resolveConfiguration(network, overrides, base);
  if (needsAccuracy(needs) || runsTraining(needs, resolved.config)) return simulateResolved(resolved.network, resolved.config, needs, accuracyEngine).metrics;
  // The ELA engine first, as in simulateResolved: a configuration it refuses fails with the same error.
  const evaluation = evaluateTotalsUnchecked(resolved.network, resolved.config);
  refuseUntrainedMetrics(needs, resolved.config);
  return simulationValues({ evaluation });
}

/**
 * The energy-latency-area totals of a configuration when they are all of its metrics (no accuracy engine and no
 * training-cost model runs: simulateMetrics would return simulationValues({ evaluation: these })), else undefined
 * (call simulateMetrics). What a search that formats its own rows uses: no 70-metric record per evaluation.
 * With `into`, the totals are written into that record (evaluateTotalsInto), valid until the next call with it.
 */
export function simulateElaTotals(
  network: NetworkSource,
  overrides: Readonly<Record<string, unknown>>,
  needs: SimulationNeeds,
  base: HardwareConfig | OverridesApplier = defaultConfig(),
  into?: TotalsSlot,
): EvaluationTotals | undefined {
  if (needsAccuracy(needs)) return undefined;
  const resolved = resolveConfiguration(network, overrides, base);
  // Training costed: the caller's simulateMetrics runs the ELA (once, inside the training view).
  if (runsTraining(needs, resolved.config)) return undefined;
  const evaluation = evaluateTotalsUnchecked(resolved.network, resolved.config, into);
  refuseUntrainedMetrics(needs, resolved.config);
  return evaluation;
}

export function simulateConfiguration(
  network: NetworkSource,
  overrides: Readonly<Record<string, unknown>>,
  needs: SimulationNeeds = {},
  base: HardwareConfig = defaultConfig(),
  accuracyEngine: AccuracyEngine = accuracyMetrics,
): ConfigurationResult {
  const resolved = resolveConfiguration(network, overrides, base);
  return simulateResolved(resolved.network, resolved.config, needs, accuracyEngine);
}
