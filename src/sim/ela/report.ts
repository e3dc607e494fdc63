/** Every layer's action counts and prices as typed records: what evaluate() priced, for tests and reports. */
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import { actionRecord, type Action } from './actions.js';
import { evaluateWith } from './evaluate.js';

export interface LayerActions {
  readonly index: number;
  readonly name: string;
  /** Actions over the whole inference. */
  readonly counts: Record<Action, number>;
  /** Energy per action (pJ, at the configured node). */
  readonly prices_pJ: Record<Action, number>;
}

export function layerActions(network: Network, config: HardwareConfig): LayerActions[] {
  const out: LayerActions[] = [];
  evaluateWith(network, config, (i, counts, prices) => {
    const layer = network.layers[i];
    out.push({ index: layer.index, name: layer.name, counts: actionRecord(counts), prices_pJ: actionRecord(prices) });
  });
  return out;
}
