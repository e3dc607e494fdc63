/**
 * The evaluator the co-search runs in each worker: loads the network once, then for each configuration
 * applies the base and searched overrides to the default configuration and simulates it.
 * The accuracy engine (macError_rms, macSnr_dB, accuracy: a Monte Carlo, ~100x the cost of the
 * energy-latency-area model) runs only when an objective or constraint uses one of its metrics; otherwise
 * those columns are left empty (NaN).
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../../hardware/config.js';
import { loadNetwork } from '../../model/index.js';
import { ACCURACY_METRICS, simulate } from '../../sim/accuracy.js';
import { evaluate } from '../../sim/evaluate.js';
import { METRICS, metricValues } from '../../sim/metrics.js';
import type { Evaluate, Overrides } from './protocol.js';

/** Metric names in CSV column order: energy-latency-area totals and breakdown, then the accuracy metrics. */
export const SIMULATOR_METRICS: readonly string[] = [...METRICS, ...ACCURACY_METRICS].map((m) => m.name);
const ACCURACY_METRIC_NAMES = ACCURACY_METRICS.map((m) => m.name);

export interface SimulatorContext {
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
  const network = loadNetwork(context.network);
  const base: HardwareConfig = applyOverrides(defaultConfig(), context.base);
  if (needsAccuracy(context.needed ?? SIMULATOR_METRICS)) {
    return (overrides) => simulate(network, applyOverrides(base, overrides)).metrics;
  }
  return (overrides) => {
    const metrics = metricValues(evaluate(network, applyOverrides(base, overrides)));
    for (const name of ACCURACY_METRIC_NAMES) metrics[name] = NaN;
    return metrics;
  };
}
