/**
 * One pricing of an inference and what its readers need besides the evaluation: each reported layer's action counts
 * and prices (copies: the engine reuses its vectors), each weight layer's design and every layer's stage. `cosearch
 * evaluate` prices a design once and hands this record to `--actions` (report.ts), the input delivery note
 * (deliveryNote.ts) and the training model (training/layers.ts); until 2026-12-07 each of them priced it again.
 */
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import { actionVector, type ActionVector } from './actions.js';
import type { WeightLayerDesign } from './design.js';
import { evaluateWith, type LayerStages } from './evaluate.js';
import type { Evaluation } from './types.js';

export interface PricedLayer {
  /** Index in the network. */
  readonly index: number;
  /** Actions over the whole inference, and energy per action (pJ), as evaluateWith reported them. */
  readonly counts: ActionVector;
  readonly prices: ActionVector;
  /** The weight layer's design (null for a layer without weights). */
  readonly design: WeightLayerDesign | null;
}

export interface PricedInference {
  readonly evaluation: Evaluation;
  /** The layers evaluateWith reported, in its order. */
  readonly layers: readonly PricedLayer[];
  /** Every layer's stage time per timestep and copies (network order). */
  readonly stages: LayerStages;
}

/** The inference of `network` on `config`, priced once (evaluateWith: evaluate()'s numbers bit for bit). */
export function pricedInference(network: Network, config: HardwareConfig): PricedInference {
  const layers: PricedLayer[] = [];
  const stages: LayerStages = { stage_ns: [], replicas: [] };
  const evaluation = evaluateWith(network, config, (index, c, p, design) => {
    const counts = actionVector();
    counts.set(c);
    const prices = actionVector();
    prices.set(p);
    layers.push({ index, counts, prices, design });
  }, stages);
  return { evaluation, layers, stages };
}
