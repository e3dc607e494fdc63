/**
 * The simulator as the report's point evaluator: the network (loaded once per report) on the default
 * configuration with the point's overrides, through the same simulateConfiguration() the search workers run, so a
 * re-evaluated front point reproduces its CSV row.
 */
import { loadNetwork, resolveNetwork, validateNetworkSpec } from '../../model/index.js';
import type { Network } from '../../model/types.js';
import type { LayerEvaluation } from '../../sim/evaluate.js';
import { METRIC_REGISTRY } from '../../sim/metrics.js';
import { ELA_ONLY, simulateConfiguration } from '../../sim/simulate.js';
import type { EvaluatedBreakdown, LayerFigures, PointEvaluator } from './breakdown.js';
import { isNetworkList } from '../run/index.js';
import type { MetricInfo } from './metrics.js';

/** Units and descriptions of the simulator's metrics (energy-latency-area, then accuracy). */
export const SIMULATOR_METRIC_INFO: readonly MetricInfo[] = METRIC_REGISTRY;

export function simulatorPointEvaluator(): PointEvaluator {
  const networks = new Map<string, Network>();
  const networkFor = (ref: string | Readonly<Record<string, unknown>>): Network => {
    const key = typeof ref === 'string' ? ref : JSON.stringify(ref);
    let network = networks.get(key);
    if (!network) {
      network = typeof ref === 'string' ? loadNetwork(ref) : resolveNetwork(validateNetworkSpec(ref, 'manifest network'));
      networks.set(key, network);
    }
    return network;
  };
  return async (ref, overrides): Promise<EvaluatedBreakdown> => {
    // A multi-network run names each point's network in its `network` column.
    const { evaluation: result } = simulateConfiguration((network) => networkFor(network ?? (isNetworkList(ref) ? ref[0] : ref)), overrides, ELA_ONLY);
    return {
      energy_pJ: { ...result.breakdown.energy_pJ },
      area_mm2: { ...result.breakdown.area_mm2 },
      layers: result.layers.map(layerFigures),
    };
  };
}

/** Per-layer figures for the report's layer table; hardware columns only for weight layers. */
export function layerFigures(layer: LayerEvaluation): LayerFigures {
  const values: Record<string, number> = {
    energy_pJ: layer.energy_pJ,
    latency_ns: layer.latency_ns,
    area_mm2: layer.area_mm2,
    ops: layer.ops,
  };
  // Every weight copy's crossbars (the layer's area is all copies'); the copies themselves when there are several.
  if (layer.mapping) values.crossbars = (layer.copies ?? 1) * layer.mapping.crossbars;
  if (layer.copies !== undefined) values.copies = layer.copies;
  if (layer.hardware) {
    values.bitsPerCell = layer.hardware.bitsPerCell;
    values.adcBits = layer.hardware.adcBits;
    values.crossbarSize = layer.hardware.crossbarSize;
  }
  return { index: layer.index, name: layer.name, kind: layer.kind, values };
}
