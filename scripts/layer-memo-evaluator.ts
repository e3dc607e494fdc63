/**
 * An evaluator module (createEvaluator(context), as src/app/simulatorEvaluator.ts) for scripts/strategy-table.ts on
 * spaces too large for a grid (layerwise-peripheral.json: 331,776 points). It gives the simulator's own values: the
 * energy-latency-area engine runs per configuration (microseconds), and the MAC error is networkMacError's mean over
 * weight layers with each layer's Monte Carlo (layerMacError, same seed and samples as src/sim/accuracy.ts macErrorOf)
 * computed once per (layer, that layer's hardware) in the process: a layer's MAC error reads only its own hardware
 * and seed, so a layer-wise design re-uses the layers it shares with earlier designs. checkExact compares it with the
 * real engine.
 */
import { applyOverrides, defaultConfig, layerHardware, type HardwareConfig } from '../src/hardware/config.js';
import { networkLoader } from '../src/model/index.js';
import { isWeightLayer } from '../src/model/resolve.js';
import type { Network } from '../src/model/types.js';
import { accuracyMetricsOf, accuracyProxyOf, macErrorOf, type AccuracyMetrics } from '../src/sim/accuracy.js';
import { layerMacError, type LayerMacError } from '../src/sim/nonideal/index.js';
import { simulateConfiguration } from '../src/sim/simulate.js';
import type { Overrides } from '../src/search/index.js';

const memo = new Map<string, LayerMacError>();

/** The MAC-error part of the accuracy engine, per layer memoised (no trained accuracy: the spaces use VGG16). */
export function memoMacError(network: Network, config: HardwareConfig): AccuracyMetrics {
  const { layers: _perLayer, ...global } = config;
  void _perLayer;
  const globalKey = JSON.stringify(global);
  const layers: LayerMacError[] = [];
  for (const layer of network.layers) {
    if (!isWeightLayer(layer)) continue;
    const hw = layerHardware(config, layer, network);
    const key = `${network.name}|${layer.name}|${JSON.stringify(hw)}|${globalKey}`;
    let r = memo.get(key);
    if (!r) {
      const seed = `${config.accuracy.seed}:macerror:${network.name}:${layer.name}`;
      r = { ...layerMacError(layer, hw, config, seed, config.accuracy.macSamples), layer: layer.name, index: layer.index };
      memo.set(key, r);
    }
    layers.push(r);
  }
  const mean = (f: (l: LayerMacError) => number) => layers.reduce((s, l) => s + f(l), 0) / layers.length;
  return accuracyMetricsOf(undefined, { layers, macError_rms: mean((l) => l.rms), macSnr_dB: mean((l) => l.snr_dB) }, accuracyProxyOf(network, config));
}

export interface MemoContext {
  readonly network: string;
  readonly base: Overrides;
  readonly metrics: readonly string[];
}

export function createEvaluator(context: MemoContext): (o: Overrides) => Record<string, number> {
  const network = networkLoader()(context.network);
  const base = applyOverrides(defaultConfig(), context.base);
  return (overrides) => {
    const { metrics } = simulateConfiguration(network, overrides, { metrics: ['macError_rms'] }, base, memoMacError);
    return Object.fromEntries(context.metrics.map((m) => [m, metrics[m]]));
  };
}

/** Throws unless the memoised MAC error equals the real engine's on `overrides` (bit for bit). */
export function checkExact(context: MemoContext, overrides: Overrides): void {
  const network = networkLoader()(context.network);
  const config = applyOverrides(applyOverrides(defaultConfig(), context.base), overrides);
  const real = macErrorOf(network, config).macError_rms;
  const memoised = memoMacError(network, config).macError_rms;
  if (real !== memoised) throw new Error(`memoised MAC error ${memoised} differs from the engine's ${real} on ${JSON.stringify(overrides)}`);
}
