/**
 * The evaluator module the co-search runs in each worker (or in-thread): loads the network once (each
 * network once, when the space searches several: the `network` override), then for each configuration
 * applies the base and searched overrides to the default configuration and simulates it.
 * The accuracy engine (macError_rms, macSnr_dB, accuracy: a Monte Carlo, ~100x the cost of the
 * energy-latency-area model) runs only when an objective or constraint uses one of its metrics; otherwise
 * those columns are left empty (NaN).
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../hardware/config.js';
import { networkLoader, splitNetworkOverride } from '../model/index.js';
import { ACCURACY_METRICS, simulate } from '../sim/accuracy.js';
import { evaluate } from '../sim/evaluate.js';
import { METRICS, metricValues } from '../sim/metrics.js';
import type { Network } from '../model/types.js';
import type { Evaluate, Overrides } from '../search/index.js';

/** Metric names in CSV column order: energy-latency-area totals and breakdown, then the accuracy metrics. */
export const SIMULATOR_METRICS: readonly string[] = [...METRICS, ...ACCURACY_METRICS].map((m) => m.name);
const ACCURACY_METRIC_NAMES = ACCURACY_METRICS.map((m) => m.name);

export interface SimulatorContext {
  /** The network of configurations that do not set the `network` override. */
  readonly network: string;
  readonly base: Overrides;
  /** Metrics the search uses (objectives and constraints); decides whether the accuracy engine runs. */
  readonly needed?: readonly string[];
}

/** Whether evaluating these metrics needs the accuracy engine. */
export function needsAccuracy(metrics: readonly string[]): boolean {
  return metrics.some((m) => ACCURACY_METRIC_NAMES.includes(m));
}

export function createEvaluator(context: SimulatorContext): Evaluate {
  const load = networkLoader();
  load(context.network);
  const base: HardwareConfig = applyOverrides(defaultConfig(), context.base);
  const prepare = (overrides: Overrides): [Network, HardwareConfig] => {
    const { network, rest } = splitNetworkOverride(overrides);
    return [load(network ?? context.network), applyOverrides(base, rest)];
  };
  if (needsAccuracy(context.needed ?? SIMULATOR_METRICS)) {
    return (overrides) => simulate(...prepare(overrides)).metrics;
  }
  return (overrides) => {
    const metrics = metricValues(evaluate(...prepare(overrides)));
    for (const name of ACCURACY_METRIC_NAMES) metrics[name] = NaN;
    return metrics;
  };
}
