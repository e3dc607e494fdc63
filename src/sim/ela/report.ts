/** Every layer's action counts and prices as typed records: what evaluate() priced, for tests and reports. */
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import { ACTIONS, actionRecord, type Action, type Component } from './actions.js';
import { pricedInference, type PricedInference } from './priced.js';

export interface LayerActions {
  readonly index: number;
  readonly name: string;
  /** Actions over the whole inference. */
  readonly counts: Record<Action, number>;
  /** Energy per action (pJ, at the configured node). */
  readonly prices_pJ: Record<Action, number>;
}

/** Every reported layer's counts and prices as records; `priced`: the inference already priced (else priced here). */
export function layerActions(network: Network, config: HardwareConfig, priced: PricedInference = pricedInference(network, config)): LayerActions[] {
  return priced.layers.map(({ index, counts, prices }) => {
    const layer = network.layers[index];
    return { index: layer.index, name: layer.name, counts: actionRecord(counts), prices_pJ: actionRecord(prices) };
  });
}

/** One action of an inference summed over its layers: what `cosearch evaluate --actions` prints (the Accelergy view). */
export interface ActionTotal {
  readonly action: Action;
  /** The component whose energy it is (its share of the breakdown). */
  readonly component: Component;
  /** What one action is. */
  readonly unit: string;
  /** Actions over the whole inference, every layer's. */
  readonly count: number;
  /** Σ over the layers of count x price (pJ). */
  readonly energy_pJ: number;
  /** Smallest and largest price (pJ per action) among the layers that count it: they differ where layers differ (layer-wise settings, layer shapes). */
  readonly price_pJ: { readonly min: number; readonly max: number };
}

/**
 * Every inference action with a non-zero count, in ACTIONS order, summed over the layers. Per component they add up to
 * the evaluation's breakdown (every component but leakage, which is static power over the latency, not an action).
 */
export function actionTotals(network: Network, config: HardwareConfig, priced?: PricedInference): ActionTotal[] {
  const sums = new Map<Action, { count: number; energy_pJ: number; min: number; max: number }>();
  for (const layer of layerActions(network, config, priced)) {
    for (const { name } of ACTIONS) {
      const count = layer.counts[name];
      if (count === 0) continue;
      const price = layer.prices_pJ[name];
      const sum = sums.get(name) ?? { count: 0, energy_pJ: 0, min: price, max: price };
      sums.set(name, { count: sum.count + count, energy_pJ: sum.energy_pJ + count * price, min: Math.min(sum.min, price), max: Math.max(sum.max, price) });
    }
  }
  return ACTIONS.flatMap(({ name, component, unit }) => {
    const sum = sums.get(name);
    return sum ? [{ action: name, component, unit, count: sum.count, energy_pJ: sum.energy_pJ, price_pJ: { min: sum.min, max: sum.max } }] : [];
  });
}
