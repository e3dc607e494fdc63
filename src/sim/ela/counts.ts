/**
 * Action counts of one layer over the whole inference (T timesteps). Only events: no energy, time or area here
 * (prices: price.ts). Dataflow (docs/simulator.md §2): every crossbar of a weight layer reads once per output
 * position per input cycle; the active rows are driven, every column of every array conducts, each converter
 * converts its columns; partial sums are shifted, added, accumulated over row blocks and go through the buffers,
 * the NoC and the H-tree to the LIF module.
 */
import type { HardwareConfig } from '../../hardware/config.js';
import { shapeSize } from '../../model/resolve.js';
import type { ResolvedLayer } from '../../model/types.js';
import { ACTION, type ActionVector } from './actions.js';
import type { WeightLayerDesign } from './design.js';

const A = ACTION;

/** Counts of a weight layer into `out` (every entry written). `hops`: mean NoC hops to the global unit. */
export function countWeightLayer(
  layer: ResolvedLayer, design: WeightLayerDesign, config: HardwareConfig, hops: number, out: ActionVector,
): void {
  const { m, reads, activity, directInput } = design;
  const T = config.snn.timesteps;
  out.fill(0);
  const conversions = reads * m.rowBlocks * m.columns;
  // Every array of a pair and every reference column conducts on each read.
  out[A.cellRead] = reads * activity * m.rows * (m.columns + m.referenceColumns) * m.arrays;
  out[A.conversion] = conversions;
  out[A.rowDrive] = reads * activity * m.rows * m.columnBlocks * m.arrays;
  out[A.muxSelect] = design.hasMux ? conversions : 0;
  out[A.shiftAdd] = conversions;
  out[A.accumulate] = reads * m.outputs * (m.rowBlocks - 1 + (directInput ? 1 : 0));
  // DIFF (offset-diff only): subtract offset·Σinputs (popcount of the input vector, one adder bit per input) per
  // output. The other mappings subtract in the analog domain.
  if (design.hasDiff) {
    out[A.diffSubtract] = T * m.positions * m.outputs;
    out[A.popcountAdd] = reads * m.rows;
  }
  // Buffers: inputs fetched from the global buffer into tile buffers once per timestep; each read fetches its
  // input vector from the PE buffer (without PE buffers, arch.buffer_KB.pe = 0, from the tile buffer); partial sums
  // arriving from other tiles are buffered once in the tile buffer of the accumulating tile; output spikes go to
  // the global buffer.
  const inputBits = T * shapeSize(layer.inputShape) * (directInput ? m.inputCycles : 1);
  const fetchBits = reads * m.rows;
  // Bit-serial input cycles of the direct layer are shifted and added inside the tile: one sum per position.
  const sums = T * m.positions;
  const partialBits = sums * (design.tileGroups - 1) * m.outputs * design.accumulatorBits;
  const outputs = T * shapeSize(layer.outputShape);
  out[A.globalBufferReadBit] = inputBits;
  out[A.tileBufferWriteBit] = inputBits + partialBits;
  out[A.tileBufferReadBit] = partialBits;
  if (config.arch.buffer_KB.pe > 0) out[A.peBufferReadBit] = fetchBits;
  else out[A.tileBufferReadBit] += fetchBits;
  out[A.globalBufferWriteBit] = outputs;
  out[A.lifUpdate] = outputs;
  // NoC: inputs multicast to the layer's tiles; each tile's accumulated partial sums travel to the global unit.
  out[A.nocBitHop] = (inputBits * m.tiles + sums * design.tileGroups * m.outputs * design.accumulatorBits) * hops;
  // H-tree: every input bit and converter output crosses about one tile side.
  out[A.htreeBit] = fetchBits * m.columnBlocks * m.arrays + conversions * design.conv.bits;
}

/** Counts of a pooling / residual-add layer on spikes: digital adds, global-buffer reads and writes. */
export function countSpikeLayer(layer: ResolvedLayer, config: HardwareConfig, out: ActionVector): void {
  const T = config.snn.timesteps;
  const outputs = shapeSize(layer.outputShape);
  out.fill(0);
  out[A.spikeAdd] = T * outputs * (layer.kind === 'pool' ? layer.kernel * layer.kernel - 1 : 1);
  out[A.globalBufferReadBit] = T * shapeSize(layer.inputShape) * (layer.kind === 'add' ? 2 : 1);
  out[A.globalBufferWriteBit] = T * outputs;
}

/** Bits through the NoC (bit-hops / hops). */
export function nocBits(counts: ActionVector, hops: number): number {
  return counts[A.nocBitHop] / hops;
}

/** Bits through all buffers (read + written). */
export function bufferBits(counts: ActionVector): number {
  return counts[A.globalBufferReadBit] + counts[A.globalBufferWriteBit] + counts[A.tileBufferReadBit]
    + counts[A.tileBufferWriteBit] + counts[A.peBufferReadBit];
}
