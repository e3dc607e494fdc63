/**
 * What the ELA engine works out once per network instead of once per evaluation (a search evaluates one network
 * tens of thousands of times): which layers hold weights, the neuron counts that size the U_mem cache and the input
 * memory. Also the chip-level components, recomputed only when one of the values they read changes. Each returns
 * what the function itself would, so results do not change by a bit. (A memo of the crossbar mappings, keyed by a
 * string per layer, was measured slower than mapLayer itself and left out.)
 */
import type { HardwareConfig } from '../../hardware/config.js';
import { isWeightLayer, shapeSize } from '../../model/resolve.js';
import type { Network } from '../../model/types.js';
import { chipComponents, type ChipComponents } from './chip.js';

export interface NetworkPlan {
  /** isWeightLayer, by layer. */
  readonly weight: readonly boolean[];
  /** Output neurons of the weight layers (the U_mem cache). */
  readonly lifNeurons: number;
  /** Input activations of the weight layers (spikesim-ela's input memory). */
  readonly inputActivations: number;
}

const PLANS = new WeakMap<Network, NetworkPlan>();

export function networkPlan(network: Network): NetworkPlan {
  let plan = PLANS.get(network);
  if (!plan) {
    const weight = network.layers.map(isWeightLayer);
    let lifNeurons = 0;
    let inputActivations = 0;
    network.layers.forEach((layer, i) => {
      if (!weight[i]) return;
      lifNeurons += shapeSize(layer.outputShape);
      inputActivations += shapeSize(layer.inputShape);
    });
    plan = { weight, lifNeurons, inputActivations };
    PLANS.set(network, plan);
  }
  return plan;
}

/** The values chipComponents reads, and the chip it built from them last (evaluations of one search mostly share it). */
let last: { node_nm: number; global: number; tile: number; pe: number; nocWidth: number; lifNeurons: number; membraneBits: number; lifCache: string; chip: ChipComponents } | undefined;

/** chipComponents(config, lifNeurons), the same object while the values it reads are the same. */
export function chipFor(config: HardwareConfig, lifNeurons: number): ChipComponents {
  const kb = config.arch.buffer_KB;
  const { snn, arch } = config;
  if (last && last.node_nm === config.tech.node_nm && last.global === kb.global && last.tile === kb.tile && last.pe === kb.pe
    && last.nocWidth === arch.nocWidth_bits && last.lifNeurons === lifNeurons && last.membraneBits === snn.membraneBits && last.lifCache === snn.lifCache) {
    return last.chip;
  }
  const chip = chipComponents(config, lifNeurons);
  last = { node_nm: config.tech.node_nm, global: kb.global, tile: kb.tile, pe: kb.pe, nocWidth: arch.nocWidth_bits, lifNeurons, membraneBits: snn.membraneBits, lifCache: snn.lifCache, chip };
  return chip;
}
