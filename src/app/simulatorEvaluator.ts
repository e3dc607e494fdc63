/**
 * The evaluator module the co-search runs in each worker (or in-thread): loads the network once (each
 * network once, when the space searches several: the `network` override), applies the base overrides to the
 * default configuration once, then simulates each configuration through simulateConfiguration, the path
 * `cosearch evaluate` and the report take too. The accuracy engine (macError_rms, macSnr_dB, accuracy: a
 * Monte Carlo, ~100x the cost of the energy-latency-area model) runs only when an objective or constraint
 * uses one of its metrics; otherwise those columns are left empty (NaN).
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../hardware/config.js';
import { networkLoader } from '../model/index.js';
import { METRIC_NAMES } from '../sim/metrics.js';
import { simulateConfiguration, type SimulationNeeds } from '../sim/simulate.js';
import type { Evaluate, Overrides } from '../search/index.js';

/** Metric names in CSV column order: energy-latency-area totals and breakdown, then the accuracy metrics. */
export const SIMULATOR_METRICS: readonly string[] = METRIC_NAMES;

export interface SimulatorContext {
  /** The network of configurations that do not set the `network` override. */
  readonly network: string;
  readonly base: Overrides;
  /** Metrics the search uses (objectives and constraints); decides whether the accuracy engine runs. */
  readonly needed?: readonly string[];
}

export function createEvaluator(context: SimulatorContext): Evaluate {
  const load = networkLoader();
  load(context.network);
  const base: HardwareConfig = applyOverrides(defaultConfig(), context.base);
  // No list = every metric an engine can give (the training metrics only with a training.algorithm).
  const needs: SimulationNeeds = context.needed ? { metrics: context.needed } : {};
  const network = (override: string | undefined) => load(override ?? context.network);
  return (overrides) => simulateConfiguration(network, overrides, needs, base).metrics;
}
