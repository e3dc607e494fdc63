/**
 * The weight layers as the training model sees them: what the inference ELA derived (mapping, read time, stage
 * time, prices of every action) plus the neuron counts the backward pass works on. One evaluateWith call gives
 * all of it, so a training step's forward is the inference engine's own (docs/training-cost.md §1).
 */
import { meanHops } from '../../hardware/components/interconnect.js';
import type { HardwareConfig } from '../../hardware/config.js';
import { isWeightLayer, shapeSize } from '../../model/resolve.js';
import type { Network } from '../../model/types.js';
import type { ActionVector } from '../ela/actions.js';
import type { Evaluation } from '../evaluate.js';
import { pricedInference, type PricedInference } from '../ela/priced.js';
import type { LayerMapping } from '../mapping.js';
import { inputTreeLinks } from '../ela/counts.js';
import { ceilLog2 } from '../../core/index.js';
import type { SumDrain } from '../psumReduction.js';

export interface TrainLayer {
  /** Index in the network. */
  readonly index: number;
  /** Position among the weight layers (0 = first). */
  readonly ordinal: number;
  readonly name: string;
  readonly m: LayerMapping;
  /** Neurons feeding the layer, and its own neurons (for a conv layer the whole feature maps). */
  readonly inputNeurons: number;
  readonly outputNeurons: number;
  /**
   * The layer's input is the same at every timestep (the direct-coded first layer: the image, repeated): its weight
   * gradient Σ_t ε[t] xᵀ = (Σ_t ε[t]) xᵀ is one product per sample, and its input is stored once.
   */
  readonly constantInput: boolean;
  /** Fraction of input rows active per read (spike rate; mean plane share of multi-bit inputs: design.ts). */
  readonly activity: number;
  readonly readTime_ns: number;
  /** Width of the forward partial sums (bits). */
  readonly accumulatorBits: number;
  /** Mean NoC hops to the global unit (the inference's). */
  readonly hops: number;
  /** Tree links per input bit of its input delivery under arch.nocMulticast = 'tree' (0 under 'unicast'; src/sim/multicast.ts). */
  readonly inputTreeLinks: number;
  /**
   * Mean tiles an output's column block spans (column-block-major placement, m.outputTiles): its forward partial
   * sums come from them, and its error for the transposed read goes to them.
   */
  readonly tileGroups: number;
  /** Forward time per timestep as a pipeline stage (after replication). */
  readonly stage_ns: number;
  readonly replicas: number;
  /** The layer's area and its converters' area (mm²), replication included. */
  readonly area_mm2: number;
  readonly adcArea_mm2: number;
  readonly rOn_ohm: number;
  readonly onOffRatio: number;
  readonly bitsPerCell: number;
  /** Energy per action of this layer (pJ): the inference pricer's vector (copied). */
  readonly prices: ActionVector;
  /** Output bits of one conversion (the forward converters' word; each crosses the H-tree). */
  readonly conversionBits: number;
  /** Column switches per conversion in the forward: 1 when its converters are multiplexed, else 0. */
  readonly muxPerConversion: number;
}

export interface TrainingView {
  readonly evaluation: Evaluation;
  readonly layers: readonly TrainLayer[];
  /** Every layer's forward stage time per timestep (weight and spike layers, network order). */
  readonly stage_ns: readonly number[];
}

/** Collect what training needs per weight layer from the inference, priced once (`priced`: already, else here). */
export function trainingView(network: Network, config: HardwareConfig, priced: PricedInference = pricedInference(network, config)): TrainingView {
  const prices = new Map<number, ActionVector>();
  // What training reads of each weight layer's design.
  const designs = new Map<number, { hasMux: boolean; tileGroups: number }>();
  for (const { index, prices: p, design } of priced.layers) {
    prices.set(index, p);
    if (design) designs.set(index, { hasMux: design.hasMux, tileGroups: design.tileGroups });
  }
  const { evaluation, stages } = priced;
  const layers: TrainLayer[] = [];
  network.layers.forEach((layer, i) => {
    const e = evaluation.layers[i];
    const price = prices.get(i);
    if (!isWeightLayer(layer) || !e.mapping || !e.hardware || !price) return;
    const hops = meanHops(evaluation.tiles);
    layers.push({
      index: i, ordinal: layers.length, name: layer.name, m: e.mapping,
      inputNeurons: shapeSize(layer.inputShape), outputNeurons: shapeSize(layer.outputShape),
      constantInput: layer.directInput === true && e.mapping.inputCycles > 1,
      activity: e.hardware.spikeRate, readTime_ns: e.readTime_ns,
      accumulatorBits: e.accumulatorBits, hops, inputTreeLinks: inputTreeLinks(layer, e.mapping, config, hops), tileGroups: designs.get(i)?.tileGroups ?? 1,
      stage_ns: stages.stage_ns[i], replicas: stages.replicas[i],
      area_mm2: e.area_mm2, adcArea_mm2: e.breakdown.area_mm2.adc,
      rOn_ohm: e.hardware.rOn_ohm, onOffRatio: e.hardware.onOffRatio, bitsPerCell: e.hardware.bitsPerCell,
      prices: price, conversionBits: e.hardware.adcBits, muxPerConversion: designs.get(i)?.hasMux ? 1 : 0,
    });
  });
  return { evaluation, layers, stage_ns: stages.stage_ns };
}

/**
 * The transposed read's partial sums per timestep (of `positions` positions: all, or one for its timing), drained as the forward's are (ela/counts.ts countDrain): every
 * row's sum is spread over the column blocks, which the column-block-major placement puts in min(columnBlocks, tiles)
 * tiles; each holds positions x rows x (accumulator + errorBits - 1) bits (the bit-serial error shifted and added in
 * the tile). A chain through them crosses at most the layer's tiles - 1 links: exactly when there are at least as
 * many column blocks as tiles (all its tiles, consecutive), else an upper bound (they are spread over its tiles).
 * Under shared packing the layer's own tile count is still the bound: its share, PEs·ceil(ΣPEs/pesPerTile)/ΣPEs, is
 * at least PEs/pesPerTile, so the forward's ceil(share) cap (withSharedTiles) never binds below it.
 */
export function transposedDrain(l: TrainLayer, errorBits: number, positions = l.m.positions): SumDrain {
  return { tiles: Math.min(l.m.columnBlocks, l.m.tiles), bits: positions * l.m.rows * (l.accumulatorBits + errorBits - 1), links: l.m.tiles - 1 };
}

/** Bits of a constant-input layer's error summed over its `timesteps` (Σ_t ε[t], errorBits wide each): errorBits + ceil(log2 T). */
export function summedErrorBits(errorBits: number, timesteps: number): number {
  return errorBits + ceilLog2(timesteps);
}

/** Weights of a layer (rows x outputs): one written cell each per update [assumption: docs/training-cost.md §4]. */
export function weightCount(l: TrainLayer): number {
  return l.m.rows * l.m.outputs;
}
