/**
 * What the ELA engine works out once per network instead of once per evaluation (a search evaluates one network
 * tens of thousands of times): which layers hold weights, the neuron counts that size the U_mem cache and the input
 * memory, the crossbar mappings seen so far. Also the chip-level components, recomputed only when one of the values they read changes. Each returns
 * what the function itself would, so results do not change by a bit. The crossbar mappings are kept per layer under
 * a numeric key of the six values mapLayer reads (a string key was measured slower than mapLayer itself).
 */
import { layerHardware, SIGNED_MAPPINGS, type HardwareConfig, type SignedMapping } from '../../hardware/config.js';
import { isWeightLayer, readsPixels, shapeSize } from '../../model/resolve.js';
import type { Network, ResolvedLayer } from '../../model/types.js';
import { mapLayer, type LayerMapping } from '../mapping.js';
import { chipComponents, type ChipComponents } from './chip.js';

export interface NetworkPlan {
  /** isWeightLayer, by layer. */
  readonly weight: readonly boolean[];
  /** Output neurons of the weight layers (the U_mem cache). */
  readonly lifNeurons: number;
  /** Input activations of the weight layers (spikesim-ela's input memory). */
  readonly inputActivations: number;
  /** Mappings of the layers computed so far, by mappingKey (layer index -> mapping; see mappingRow). */
  readonly mappings: Map<number, (LayerMapping | undefined)[]>;
  /** No layer of the network sets its own spike rate. */
  readonly uniformRate: boolean;
  /**
   * For each weight layer, an earlier weight layer the engine cannot tell apart from it (-1 if none): the same kind,
   * kernel, input and output shapes and input coding (direct, spikes, or a pool's counts of k² spikes), which is all of a layer the engine reads besides its name and
   * index (VGG16's conv7 is conv6's twin). Under the same hardware and spike rates its costs are its twin's.
   */
  readonly twin: Int32Array;
  /**
   * Input neurons (shapeSize of the input shape) by layer: what a weight layer's input delivery sends per timestep
   * (timing.ts deliveryClocks). Small integers in an array, not a Float64Array: a double read from one and passed to a
   * call V8 does not inline is a new HeapNumber per call, a small integer is passed as it is.
   */
  readonly inputNeurons: readonly number[];
  /** readsPixels, by layer: a pool or add ahead of the direct-coded layer works on its pixels. */
  readonly pixels: readonly boolean[];
  /** The key mappingRow was last asked for and its row: evaluations in a row mostly share one (a Map lookup each was ~1.5%). */
  lastKey: number;
  lastRow: (LayerMapping | undefined)[] | null;
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
    plan = {
      weight, lifNeurons, inputActivations, mappings: new Map(), twin: twins(network, weight), uniformRate: network.layers.every((l) => l.spikeRate === undefined),
      inputNeurons: network.layers.map((l) => shapeSize(l.inputShape)),
      pixels: network.layers.map((l) => readsPixels(network, l)), lastKey: -1, lastRow: null,
    };
    PLANS.set(network, plan);
  }
  return plan;
}

function twins(network: Network, weight: readonly boolean[]): Int32Array {
  const first = new Map<string, number>();
  return Int32Array.from(network.layers, (layer, i) => {
    if (!weight[i]) return -1;
    const { kind, inputShape: a, outputShape: b, directInput, spikeRate, pooledInput } = layer;
    const kernel = layer.kind === 'conv' ? layer.kernel : 0;
    const key = JSON.stringify([kind, kernel, a.channels, a.height, a.width, b.channels, b.height, b.width, directInput, pooledInput?.spikes ?? 0, spikeRate ?? null]);
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    return j ?? -1;
  });
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

/** Mapping keys kept at most (a search over more crossbar shapes recomputes past it). */
const MAPPING_KEYS = 4096;

/**
 * An injective number for mapLayer's inputs (bits per cell, crossbar size, signed mapping, weight bits, crossbars per PE,
 * PEs per tile), or -1 when one lies outside the ranges it packs (then the mapping is not kept).
 */
export function mappingKey(bitsPerCell: number, size: number, signed: SignedMapping, config: HardwareConfig): number {
  const wb = config.snn.weightBits;
  const cpp = config.arch.crossbarsPerPe;
  const ppt = config.arch.pesPerTile;
  const sm = SIGNED_MAPPINGS.indexOf(signed);
  // 4 mapping slots: a 5th registered mapping is not kept (its key would meet another mapping's).
  if (!isSmall(sm, 4) || !(isSmall(bitsPerCell, 16) && isSmall(size, 2048) && isSmall(wb, 32) && isSmall(cpp, 128) && isSmall(ppt, 128))) return -1;
  return bitsPerCell + 16 * (size + 2048 * (sm + 4 * (wb + 32 * (cpp + 128 * ppt))));
}

function isSmall(n: number, limit: number): boolean {
  return Number.isInteger(n) && n >= 0 && n < limit;
}

/**
 * The mappings of every layer under one mapping key, filled in as layers are mapped (one lookup per evaluation when
 * all layers share the key), or null for key -1.
 */
export function mappingRow(plan: NetworkPlan, key: number): (LayerMapping | undefined)[] | null {
  if (key < 0) return null;
  if (key === plan.lastKey) return plan.lastRow;
  let row = plan.mappings.get(key);
  if (!row) {
    row = new Array<LayerMapping | undefined>(plan.weight.length).fill(undefined);
    if (plan.mappings.size < MAPPING_KEYS) plan.mappings.set(key, row);
  }
  plan.lastKey = key;
  plan.lastRow = row;
  return row;
}

/** mapLayer(layer i, bitsPerCell, size, config, signed), kept in `row` (mappingRow of their key) when there is one. */
export function rowMapping(
  row: (LayerMapping | undefined)[] | null, i: number, layer: ResolvedLayer, bitsPerCell: number, size: number, config: HardwareConfig, signed: SignedMapping,
): LayerMapping {
  const known = row?.[i];
  if (known) return known;
  const m = mapLayer(layer, bitsPerCell, size, config, signed);
  if (row) row[i] = m;
  return m;
}

/**
 * Every weight layer of `network` mapped with the hardware it sees (layerHardware), in order: the mappings an
 * evaluation starts from, with the same refusals (a space's base design and its probes are checked with it,
 * src/app/context.ts), kept in the plan's rows as an evaluation keeps them: a space's hundreds of probes share a few
 * mapping keys (the 40k grid's 311 probes mapped 4,976 layers, ~0.8 CPU-s, for 16 keys). A refusal is never kept: it
 * is thrown again, with its own message, on the next call.
 */
export function mapNetwork(network: Network, config: HardwareConfig): LayerMapping[] {
  const plan = networkPlan(network);
  const mappings: LayerMapping[] = [];
  network.layers.forEach((layer, i) => {
    if (!plan.weight[i]) return;
    const hw = layerHardware(config, layer, network);
    const { bitsPerCell } = hw.device;
    const { size, signedMapping } = hw.crossbar;
    mappings.push(rowMapping(mappingRow(plan, mappingKey(bitsPerCell, size, signedMapping, config)), i, layer, bitsPerCell, size, config, signedMapping));
  });
  return mappings;
}
