/**
 * Action counts of one layer over the whole inference (T timesteps). Only events: no energy, time or area here
 * (prices: price.ts). Dataflow (docs/simulator.md §2): every crossbar of a weight layer reads once per output
 * position per input cycle; the active rows are driven, every column of every array conducts, each converter
 * converts its columns; partial sums are shifted, added, accumulated over row blocks and go through the buffers,
 * the NoC and the H-tree to the LIF module.
 */
import { aerAddressBits } from '../../hardware/components/spikes.js';
import type { HardwareConfig } from '../../hardware/config.js';
import { poolOutputBits, shapeSize } from '../../model/resolve.js';
import { DIRECT_INPUT_PLANES } from '../../snn/coding.js';
import type { ResolvedLayer } from '../../model/types.js';
import { ACTION, PER_CONVERSION_ACTIONS, type ActionVector } from './actions.js';
import type { LayerMapping } from '../mapping.js';
import type { WeightLayerDesign } from './design.js';
import { NOC_DELIVERY } from '../multicast.js';
import { PSUM_REDUCTION, type SumDrain } from '../psumReduction.js';

const A = ACTION;
const PER_CONVERSION = PER_CONVERSION_ACTIONS;

/**
 * Bits that carry a spike tensor of `neurons` neurons at spike rate `rate` over T timesteps: dense, T·neurons;
 * AER (src/hardware/components/spikes.ts), T·(rate·neurons events + 1 end-of-timestep marker)·address bits. T times one
 * timestep's bits, the ones the input delivery's time reads (timestepInputBits): one formula since 2026-12-07 (before,
 * (T·events)·address bits: AER energies moved in the last bit, docs/simulator.md "The input delivery bound").
 */
export function spikeTrafficBits(config: HardwareConfig, neurons: number, rate: number): number {
  return config.snn.timesteps * timestepSpikeBits(config, neurons, rate);
}

/** One timestep of spikeTrafficBits: dense, neurons; AER, (rate·neurons events + 1 end-of-timestep marker)·address bits. */
function timestepSpikeBits(config: HardwareConfig, neurons: number, rate: number): number {
  return config.arch.spikeEncoding === 'aer' ? (rate * neurons + 1) * aerAddressBits(neurons) : neurons;
}

/**
 * Counts of a weight layer into `out` (every entry written). `hops`: mean NoC hops to the global unit; `outputRate`:
 * the spike rate of the layer's output spikes (the input rate of the layer that reads them).
 */
export function countWeightLayer(
  layer: ResolvedLayer, design: WeightLayerDesign, config: HardwareConfig, hops: number, outputRate: number, out: ActionVector,
): void {
  const { m, reads, activity } = design;
  const multiBit = m.inputCycles > 1;
  const T = config.snn.timesteps;
  const aer = config.arch.spikeEncoding === 'aer';
  out.fill(0);
  // Row-block reads whose inputs are all zero are not converted (adc.skipZeroReads; zeroReadFraction is 0 when off).
  const conversions = reads * m.rowBlocks * m.columns * (1 - design.zeroReadFraction);
  // Every array of a pair and every reference column conducts on each read.
  out[A.cellRead] = reads * activity * m.rows * (m.columns + m.referenceColumns) * m.arrays;
  out[A.conversion] = conversions;
  out[A.rowDrive] = reads * activity * m.rows * m.columnBlocks * m.arrays;
  // Partial sums of row blocks are added in their schedule, zero or not; a multi-bit input's planes are shifted and
  // added into the sum one more time per read.
  out[A.accumulate] = reads * m.outputs * (m.rowBlocks - 1 + (multiBit ? 1 : 0));
  // The all-zero check: every input bit of a dense row vector, or one "no event arrived" flag per row block (AER);
  // on every read while skipping is on, also where no read turns out all zero (rate 1).
  if (design.hw.adc.skipZeroReads === 'on') out[A.zeroCheck] = reads * (aer && !multiBit ? m.rowBlocks : m.rows);
  // DIFF (offset-diff only): subtract offset·Σinputs (popcount of the input vector, one adder bit per input) per
  // output. The other mappings subtract in the analog domain.
  if (design.hasDiff) {
    out[A.diffSubtract] = T * m.positions * m.outputs;
    out[A.popcountAdd] = reads * m.rows;
  }
  // Buffers: inputs fetched from the global buffer once per timestep into the buffer of every tile that needs them
  // (m.inputTiles), read out of it over the H-tree into the buffer of every PE that needs them (m.inputPes); each
  // column block's reads fetch their input vector from its own PE buffers (without PE buffers, arch.buffer_KB.pe = 0,
  // from the tile buffer over the H-tree: countTileDelivery); partial sums waiting for the rest of their column
  // block's are buffered once where they are added (countDrain); output spikes go to the global buffer. Spikes
  // travel dense or as address events (arch.spikeEncoding); multi-bit inputs (the direct layer's pixels, an average pool's counts) and all partial sums
  // are dense words: an event carries an address, not a value. Under AER a read's input vector is the list of its active rows,
  // each a word-line address of log2(X) bits (reads have fixed slots: no marker).
  const inputBits = layerInputBits(config, shapeSize(layer.inputShape), activity, m);
  const fetchBits = layerInputFetchBits(config, activity, m);
  // Shared packing needs no cap: a layer's share of the tiles, ceil(ΣPEs/pesPerTile)·PEs/ΣPEs, is at least its own
  // ceil(PEs/pesPerTile) ≥ inputTiles (its blocks keep their order; where they start in a tile is neglected).
  const links = inputTreeLinks(layer, m, config, hops);
  countInputDelivery(config, inputBits, fetchBits, m.columnBlocks, m.inputTiles, m.inputPes, links, hops, out);
  countDrainOf(config, design.tileGroups, layerDrainBits(design, config), consecutiveLinks(design.tileGroups), hops, out);
  out[A.globalBufferWriteBit] += spikeTrafficBits(config, shapeSize(layer.outputShape), outputRate);
  // Every neuron leaks every timestep, spikes or not: one update (U_mem read, integrate, leak, fire, write) each.
  out[A.lifUpdate] = T * shapeSize(layer.outputShape);
  // What comes with each conversion (PER_CONVERSION_ACTIONS): its column switch when multiplexed, its shift-and-add,
  // and its output bits over the H-tree, each crossing about one tile side (as the input bits do, countTileDelivery).
  countConversionActions(conversions, design.hasMux ? 1 : 0, design.conv.bits, out);
}

/**
 * Into `out`, the actions `conversions` column conversions bring (PER_CONVERSION_ACTIONS, actions.ts): each such
 * action += conversions x its `times` (1, `muxPerConversion` (1 for a multiplexed converter, else 0), or
 * `outputBits`). Every place a conversion happens counts through here: the forward (countWeightLayer), BPTT's
 * transposed read (src/sim/training/counts.ts), SDFA's feedback crossbars (src/sim/training/feedback/rram.ts) and,
 * with `verifyOnly` (the entries marked `verify`), a weight update's verify reads (src/sim/training/writes.ts). So an
 * action declared `perConversion` is counted with all of them and needs no count line of its own.
 */
export function countConversionActions(conversions: number, muxPerConversion: number, outputBits: number, out: ActionVector, verifyOnly = false): void {
  for (let i = 0; i < PER_CONVERSION.length; i++) {
    const c = PER_CONVERSION[i];
    if (verifyOnly && !c.verify) continue;
    out[c.action] += conversions * (c.times === 'one' ? 1 : c.times === 'muxed' ? muxPerConversion : outputBits);
  }
}

/**
 * A weight layer's drain: the tileGroups consecutive tiles of an output's column block each hold its accumulated sum,
 * one per position per timestep (bit-serial input cycles of the direct layer are shifted and added inside the tile).
 */
export function layerDrain(design: WeightLayerDesign, config: HardwareConfig): SumDrain {
  return consecutiveDrain(design.tileGroups, layerDrainBits(design, config));
}

/** The bits each of a weight layer's drain tiles holds over the inference (layerDrain's `bits`). */
function layerDrainBits(design: WeightLayerDesign, config: HardwareConfig): number {
  return config.snn.timesteps * design.m.positions * design.m.outputs * design.accumulatorBits;
}

/**
 * Clocks per timestep of a weight layer's drain (the last position's sums cross the mesh and the link into the
 * global unit: ela/timing.ts), under the run's reduction. Parts, not a SumDrain: it runs per layer per evaluation.
 */
export function layerDrainClocks(design: WeightLayerDesign, config: HardwareConfig, hops: number): number {
  const tiles = design.tileGroups;
  return PSUM_REDUCTION[config.arch.psumReduction].drainClocks(tiles, design.m.outputs * design.accumulatorBits, consecutiveLinks(tiles), hops, config.arch.nocWidth_bits);
}

/**
 * Clocks one position's partial sums of a weight layer hold the link into the global unit (timing.ts drainWait_ns):
 * the part of layerDrainClocks that grows with the bits, its serialisation through the nocWidth-bit link ('global':
 * ceil(tiles·bits / width); 'chain': ceil(bits / width)); the hops and the chain's links are latency, not occupancy.
 */
export function layerDrainSerialClocks(design: WeightLayerDesign, config: HardwareConfig): number {
  return PSUM_REDUCTION[config.arch.psumReduction].serialClocks(design.tileGroups, design.m.outputs * design.accumulatorBits, config.arch.nocWidth_bits);
}

/**
 * A weight layer's forward partial sums of one timestep, every position's, as they cross the link into the global
 * unit: from the tileGroups tiles an output's column block spans (layerDrain per timestep; the layer-scheduled stage
 * charges the last position's, the rest overlapping its reads or queueing on the link: timing.ts drainWait_ns). The
 * pipelined inference and the training interval are bounded by all layers' together (ela/timing.ts linkClocks).
 */
export function forwardDrain(l: { readonly tileGroups: number; readonly m: LayerMapping; readonly accumulatorBits: number }): SumDrain {
  return consecutiveDrain(l.tileGroups, l.m.positions * l.m.outputs * l.accumulatorBits);
}

/** A drain from `tiles` consecutive tiles (a column block's span) holding `bits` bits each. */
export function consecutiveDrain(tiles: number, bits: number): SumDrain {
  return { tiles, bits, links: consecutiveLinks(tiles) };
}

/** Walk links from the first of `tiles` consecutive tiles to the last (one each on the serpentine placement). */
function consecutiveLinks(tiles: number): number {
  return tiles - 1;
}

/** NoC bit-hops of a drain at mean hops `hops` under the run's reduction (psumReduction.ts PSUM_REDUCTION). */
export function drainBitHops(config: HardwareConfig, drain: SumDrain, hops: number): number {
  return drain.bits * PSUM_REDUCTION[config.arch.psumReduction].bitHopsPerBit(drain.tiles, drain.links, hops);
}

/** Clocks of a drain (`bits` per tile: one timestep's) through the link into the global unit, under the run's reduction. */
export function drainClocks(config: HardwareConfig, drain: SumDrain, hops: number): number {
  return PSUM_REDUCTION[config.arch.psumReduction].drainClocks(drain.tiles, drain.bits, drain.links, hops, config.arch.nocWidth_bits);
}

/**
 * Adds a drain to `out`: its NoC bit-hops, and the tiles - 1 sums per output that wait for the last, written and read
 * once in the buffer where the run's reduction adds them (the global buffer, or each receiving tile's).
 */
export function countDrain(config: HardwareConfig, drain: SumDrain, hops: number, out: ActionVector): void {
  countDrainOf(config, drain.tiles, drain.bits, drain.links, hops, out);
}

/**
 * countDrain of a drain given by its parts. The forward's hot path calls it so: a SumDrain object per layer per
 * evaluation cost evaluateTotals 5-13% on VGG16 (3 alternating pairs, 2026-12-05), its parts ~1.5%.
 */
function countDrainOf(config: HardwareConfig, tiles: number, bits: number, links: number, hops: number, out: ActionVector): void {
  const reduction = PSUM_REDUCTION[config.arch.psumReduction];
  const waiting = bits * (tiles - 1);
  out[A.nocBitHop] += bits * reduction.bitHopsPerBit(tiles, links, hops);
  out[reduction.bufferWrite] += waiting;
  out[reduction.bufferRead] += waiting;
}

/** Links per input bit of a weight layer's input delivery under the run's NoC pricing (multicast.ts NOC_DELIVERY: a tree's links; 0, unused, for unicast copies). */
export function inputTreeLinks(layer: ResolvedLayer, m: LayerMapping, config: HardwareConfig, hops: number): number {
  return NOC_DELIVERY[config.arch.nocMulticast].layerLinks(layer, m, config.arch.pesPerTile, hops);
}

/** Links per bit delivered to `tiles` consecutive tiles (a column block's span) under the run's NoC pricing (multicast.ts NOC_DELIVERY). */
export function runLinks(config: HardwareConfig, tiles: number, hops: number): number {
  return NOC_DELIVERY[config.arch.nocMulticast].runLinks(tiles, hops);
}

/** A weight layer's NoC bit-hops (its input delivery and its drain) at mean hops `hops`, as countWeightLayer counts them. */
export function weightLayerNocBitHops(layer: ResolvedLayer, design: WeightLayerDesign, config: HardwareConfig, hops: number): number {
  const { m } = design;
  const bits = layerInputBits(config, shapeSize(layer.inputShape), design.activity, m);
  return deliveryBitHops(config, bits, m.inputTiles, inputTreeLinks(layer, m, config, hops), hops) + drainBitHops(config, layerDrain(design, config), hops);
}

/**
 * NoC bit-hops of `bits` delivered to `tiles` receiving tiles (mean per bit) at mean hops `hops`, as the run's NoC
 * pricing counts them (multicast.ts NOC_DELIVERY: a copy per tile for 'unicast', one tree of `links` links per bit
 * for 'tree'). Sums sent back are a drain (drainBitHops).
 */
export function deliveryBitHops(config: HardwareConfig, bits: number, tiles: number, links: number, hops: number): number {
  return NOC_DELIVERY[config.arch.nocMulticast].bitHops(bits, tiles, links, hops);
}

/** Bits of a weight layer's input over the inference, as the global buffer sends them: spikes (dense or AER), or multi-bit inputs' bit-planes (dense). */
export function layerInputBits(config: HardwareConfig, inputNeurons: number, activity: number, m: LayerMapping): number {
  return config.snn.timesteps * timestepInputBits(config, inputNeurons, activity, m);
}

/**
 * Bits of one timestep of a weight layer's input as the global buffer sends it (what layerInputBits counts over the
 * inference, per timestep): the multi-bit inputs' bit-planes (N·inputCycles), AER events ((rate·N + 1)·⌈log2 N⌉) or
 * dense spikes (N). The input delivery's time (timing.ts deliveryClocks).
 */
export function timestepInputBits(config: HardwareConfig, inputNeurons: number, activity: number, m: LayerMapping): number {
  return m.inputCycles > 1 ? inputNeurons * m.inputCycles : timestepSpikeBits(config, inputNeurons, activity);
}

/** Bits one column block's reads fetch (from its PE buffers, or the tile buffer): each read's input vector (dense rows, or AER word-line addresses of its active rows). */
export function layerInputFetchBits(config: HardwareConfig, activity: number, m: LayerMapping): number {
  const reads = config.snn.timesteps * m.positions * m.inputCycles;
  return config.arch.spikeEncoding === 'aer' && m.inputCycles === 1 ? reads * activity * m.rows * aerAddressBits(m.crossbarSize) : reads * m.rows;
}

/**
 * Adds to `out` the delivery of an input vector into a layer's arrays (the forward's inputs; training's errors):
 * `bits` read from the global buffer, sent over the NoC to the `tiles` (mean per bit) that hold an array they drive
 * (a copy each, or one tree of `links` links per bit: deliveryBitHops, `hops` mean hops), each of which writes them
 * into its own tile buffer. Every bit written is read out again (docs/simulator.md, Buffers). With PE buffers
 * (arch.buffer_KB.pe > 0) each of the `pes` PEs (mean per bit) holding an array the bit drives receives it once: read
 * from the tile buffer, over the H-tree (the fill, about one tile side), into its PE buffer; each of the `fetchers`
 * blocks (a forward read's column blocks, each fetching its own PEs' rows) then fetches `fetchBits` from its PE
 * buffer, PE-local (no H-tree). Without PE buffers every fetch reads the tile buffer and crosses the H-tree. A
 * differential pair's G+ and G- twins sit in one PE, so they share the fill and the fetch. Sums sent back: countDrain.
 */
export function countInputDelivery(
  config: HardwareConfig, bits: number, fetchBits: number, fetchers: number, tiles: number, pes: number, links: number, hops: number, out: ActionVector,
): void {
  out[A.globalBufferReadBit] += bits;
  countTileDelivery(config, bits, fetchBits, fetchers, tiles, pes, links, hops, out);
}

/** countInputDelivery without the global-buffer read: for bits another memory (training's state buffer) sends. */
export function countTileDelivery(
  config: HardwareConfig, bits: number, fetchBits: number, fetchers: number, tiles: number, pes: number, links: number, hops: number, out: ActionVector,
): void {
  const fetchedBits = fetchBits * fetchers;
  // With PE buffers: tile-buffer read = PE-buffer write = H-tree = bits · pes (the fill), PE-buffer read = fetchedBits
  // (PE-local); without: tile-buffer read = H-tree = fetchedBits.
  const treeBits = config.arch.buffer_KB.pe > 0 ? bits * pes : fetchedBits;
  out[A.tileBufferWriteBit] += bits * tiles;
  out[A.tileBufferReadBit] += treeBits;
  out[A.htreeBit] += treeBits;
  if (config.arch.buffer_KB.pe > 0) {
    out[A.peBufferWriteBit] += treeBits;
    out[A.peBufferReadBit] += fetchedBits;
  }
  out[A.nocBitHop] += deliveryBitHops(config, bits, tiles, links, hops);
}

/**
 * Counts of a pooling / residual-add layer on spikes: digital adds, global-buffer reads and writes (dense or AER at
 * the input rate `inputRate` and the output rate `outputRate`). An average pool of more than one spike writes its
 * counts, dense words of pooledCountBits(k²) bits whatever the encoding (resolve.ts lets only a weight layer read them).
 */
export function countSpikeLayer(
  layer: ResolvedLayer, config: HardwareConfig, inputRate: number, outputRate: number, out: ActionVector, pixels = false,
): void {
  out.fill(0);
  writeSpikeLayerCounts(layer, config, inputRate, outputRate, out, pixels);
}

/**
 * The three entries countSpikeLayer sets over zeros, every one on every call: into a vector only this function
 * writes (zero elsewhere), the same counts without zeroing the whole vector per layer.
 */
export function writeSpikeLayerCounts(
  layer: ResolvedLayer, config: HardwareConfig, inputRate: number, outputRate: number, out: ActionVector, pixels = false,
): void {
  RATE_PAIR[0] = inputRate;
  RATE_PAIR[1] = outputRate;
  writeSpikeLayerCountsAt(layer, config, RATE_PAIR, 0, out, pixels);
}

const RATE_PAIR = new Float64Array(2);

/**
 * writeSpikeLayerCounts with the input rate `rates[i]` and the output rate `rates[i + 1]` (the engine's rates by
 * layer): a rate passed as a number to a call V8 does not inline is a new HeapNumber per call.
 */
export function writeSpikeLayerCountsAt(
  layer: ResolvedLayer, config: HardwareConfig, rates: Float64Array, i: number, out: ActionVector, pixels: boolean,
): void {
  const T = config.snn.timesteps;
  const outputs = shapeSize(layer.outputShape);
  out[A.spikeAdd] = T * outputs * (layer.kind === 'pool' ? layer.kernel * layer.kernel - 1 : 1);
  const operands = layer.kind === 'add' ? 2 : 1;
  if (pixels) {
    // Ahead of the direct-coded layer (readsPixels): DIRECT_INPUT_PLANES-bit pixels in and out, every timestep, as
    // that layer reads them (layerInputBits); an average of pixels is a pixel (its 1/k² is a shift).
    out[A.globalBufferReadBit] = T * shapeSize(layer.inputShape) * DIRECT_INPUT_PLANES * operands;
    out[A.globalBufferWriteBit] = T * outputs * DIRECT_INPUT_PLANES;
    return;
  }
  out[A.globalBufferReadBit] = spikeTrafficBits(config, shapeSize(layer.inputShape), rates[i]) * operands;
  const countBits = poolOutputBits(layer);
  out[A.globalBufferWriteBit] = countBits > 1 ? T * outputs * countBits : spikeTrafficBits(config, outputs, rates[i + 1]);
}

/** Bits through the NoC (bit-hops / hops). */
export function nocBits(counts: ActionVector, hops: number): number {
  return counts[A.nocBitHop] / hops;
}

/** Bits through all buffers (read + written). */
export function bufferBits(counts: ActionVector): number {
  return counts[A.globalBufferReadBit] + counts[A.globalBufferWriteBit] + counts[A.tileBufferReadBit]
    + counts[A.tileBufferWriteBit] + counts[A.peBufferReadBit] + counts[A.peBufferWriteBit];
}
