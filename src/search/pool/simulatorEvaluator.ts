/**
 * The evaluator the co-search runs in each worker: loads the network once, then for each configuration
 * applies the base and searched overrides to the default configuration, simulates it and returns its
 * flat metrics (src/sim/metrics.ts).
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../../hardware/config.js';
import { loadNetwork } from '../../model/index.js';
import { evaluate } from '../../sim/evaluate.js';
import { METRICS, metricValues } from '../../sim/metrics.js';
import type { Evaluate, Overrides } from './protocol.js';

/** Metric names in CSV column order. */
export const SIMULATOR_METRICS: readonly string[] = METRICS.map((m) => m.name);

export interface SimulatorContext {
  readonly network: string;
  readonly base: Overrides;
}

export function createEvaluator(context: SimulatorContext): Evaluate {
  const network = loadNetwork(context.network);
  const base: HardwareConfig = applyOverrides(defaultConfig(), context.base);
  return (overrides) => metricValues(evaluate(network, applyOverrides(base, overrides)));
}
