/**
 * Action counts of one training sample beyond its forward pass (the forward is the inference ELA's own counts),
 * by phase, per weight layer, and of SDFA's error projection. Events only: prices are price.ts.
 * Equations and assumptions: docs/training-cost.md §2.
 */
import type { HardwareConfig, TrainingAlgorithm } from '../../hardware/config.js';
import { ACTION, actionVector, type ActionVector } from '../ela/actions.js';
import { countConversionActions, countDrain, countInputDelivery, countTileDelivery, layerInputBits, layerInputFetchBits, runLinks } from '../ela/counts.js';
import { summedErrorBits, transposedDrain, type TrainLayer } from './layers.js';
import { feedbackShape, feedbackStorage } from './feedback/index.js';

const A = ACTION;

/** Per-sample counts of one weight layer, one vector per phase. */
export interface LayerPhaseCounts {
  readonly stateBuffer: ActionVector;
  readonly errorPath: ActionVector;
  readonly localError: ActionVector;
  readonly weightGradient: ActionVector;
}

export function phaseVectors(): LayerPhaseCounts {
  return { stateBuffer: actionVector(), errorPath: actionVector(), localError: actionVector(), weightGradient: actionVector() };
}

/**
 * Bits a layer stores per sample for the backward pass: its input (T·N_in spikes, or T·N_in·inputCycles bit-planes
 * for multi-bit inputs: an average pool's counts; the direct-coded layer's 8 planes once, N_in·8, its input being
 * the same at every timestep) for ΔW, and its membrane potentials (T·N_out·membraneBits) for the surrogate; the last layer
 * also keeps its output spikes (T·N_out) for the rate error. With the next layer's input these are T·N·(1 + b).
 */
export function stateBits(l: TrainLayer, config: HardwareConfig, last: boolean): number {
  const T = config.snn.timesteps;
  // A constant input (the direct-coded layer's image, the same at every timestep) is stored once, not T times.
  const inputSteps = l.constantInput ? 1 : T;
  return inputSteps * l.inputNeurons * l.m.inputCycles + T * (l.outputNeurons * config.snn.membraneBits + (last ? l.outputNeurons : 0));
}

/**
 * One weight layer's counts for one sample (every entry of `out` written).
 * - state buffer: every stored bit written once in the forward and read once in the backward;
 * - error path (BPTT, every layer but the first): the transposed VMM W_l^T ε_l[t] per timestep and position,
 *   the error bit-serial (training.errorBits input cycles), one bit slice's columns driven per pass, row-side
 *   converters (NeuroSim's AG phase with transposable arrays): every cell conducts once per error bit, every row
 *   of every crossbar converts once per slice per error bit, each conversion multiplexed (when the forward's are),
 *   its output bits carried over the H-tree and shifted and added, and the row sums drain as the forward's partial
 *   sums do (transposedDrain; ela/counts.ts countDrain: NoC, and the waiting sums' buffer under arch.psumReduction);
 *   the errors are delivered into the arrays as the forward's inputs are (ela/counts.ts countInputDelivery);
 * - local error: 2 multiply-adds per neuron per timestep (surrogate x incoming error, temporal recursion), both
 *   algorithms (SDFA's is the local BPTT through the layer's own dynamics);
 * - weight gradient: Σ_t ε_l[t] s_{l-1}[t]^T: spikes are binary, so one addition per active input per output
 *   per timestep and position (per set bit-plane for the direct-coded layer), each a read-modify-write of a
 *   training.gradientBits accumulator in the gradient SRAM (a constant input: the errors summed over t first, one
 *   product per sample); the stored spikes and the errors reach the banks as the
 *   forward's inputs and BPTT's errors reach the arrays (ela/counts.ts countTileDelivery, countInputDelivery).
 */
export function countTrainingLayer(l: TrainLayer, config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>, last: boolean, out: LayerPhaseCounts): void {
  const T = config.snn.timesteps;
  const { m } = l;
  const eb = config.training.errorBits;
  // The layer's output errors, bit-serial: written once by the local-error lanes, fetched once per position and bit.
  const errorBits = T * l.outputNeurons * eb;
  const errorFetchBits = T * m.positions * m.outputs * eb;
  for (const v of [out.stateBuffer, out.errorPath, out.localError, out.weightGradient]) v.fill(0);

  const bits = stateBits(l, config, last);
  out.stateBuffer[A.stateWriteBit] = bits;
  out.stateBuffer[A.stateReadBit] = bits;

  if (algorithm === 'bptt' && l.ordinal > 0) {
    const passes = T * m.positions * eb;
    out.errorPath[A.transposedCellRead] = passes * m.rows * (m.columns + m.referenceColumns) * m.arrays;
    out.errorPath[A.transposedConversion] = passes * m.slices * m.rows * m.columnBlocks;
    out.errorPath[A.rowDrive] = passes * m.columns * m.rowBlocks * m.arrays;
    // Row-side converters of the column converters' design: multiplexed as they are (the read time assumes it), and
    // every action a forward conversion brings comes with each of theirs (ela/counts.ts countConversionActions: the
    // column switch, the shift-add, the output bits over the H-tree to the PE/tile accumulators, and any action
    // declared per conversion).
    countConversionActions(out.errorPath[A.transposedConversion], l.muxPerConversion, l.conversionBits, out.errorPath);
    // The errors reach the arrays as the forward's inputs do: the local-error lanes write them to the global buffer
    // (as the LIF module writes spikes); an output's error goes over the NoC to the tiles holding its column block
    // (the tiles its forward partial sums come from), over the H-tree into the PE buffers of the PEs that column
    // block spans (m.outputPes, once each: a pair's G+ and G- twins share a PE); each pass fetches its error bit of
    // every output once per row block (the slices' column drivers reuse it) from that block's PE buffer (without PE
    // buffers, from the tile buffer over the H-tree: countTileDelivery); the row sums drain to the global unit.
    out.errorPath[A.globalBufferWriteBit] += errorBits;
    countInputDelivery(config, errorBits, errorFetchBits, m.rowBlocks, l.tileGroups, m.outputPes, runLinks(config, l.tileGroups, l.hops), l.hops, out.errorPath);
    const rowSums = transposedDrain(l, eb);
    countDrain(config, { ...rowSums, bits: T * rowSums.bits }, l.hops, out.errorPath);
  }

  out.localError[A.errorMac] = 2 * T * l.outputNeurons;

  // A constant input (direct-coded layer): Σ_t ε[t] xᵀ = (Σ_t ε[t]) xᵀ, the errors summed over t first ((T − 1)·N_out
  // additions into one register per output, in the lanes that compute them: no gradient SRAM traffic), then one
  // product per sample, not T (mlp-mnist fc1: 0.80 M read-modify-writes, not 3.21 M).
  const steps = l.constantInput ? 1 : T;
  const adds = steps * m.positions * m.rows * m.outputs * l.activity * m.inputCycles;
  const errorSums = l.constantInput ? (T - 1) * l.outputNeurons : 0;
  const wg = out.weightGradient;
  wg[A.gradientAdd] = adds + errorSums;
  wg[A.gradientBit] = 2 * config.training.gradientBits * adds;
  // The banks sit beside the crossbars (one per weight block: an accumulator per weight). The stored input spikes
  // (state buffer read, stateBuffer phase) reach them as the forward's inputs reach the arrays: NoC to the tiles
  // holding their rows (m.inputTiles), each tile's buffer, the PE buffers of the PEs holding their rows (m.inputPes),
  // one fetch per read per column block's bank.
  // A constant input is read and delivered once per sample (layerInputBits and the fetches count T copies).
  const inputBits = layerInputBits(config, l.inputNeurons, l.activity, m) * (steps / T);
  const inputFetchBits = layerInputFetchBits(config, l.activity, m) * (steps / T);
  countTileDelivery(config, inputBits, inputFetchBits, m.columnBlocks, m.inputTiles, m.inputPes, l.inputTreeLinks, l.hops, wg);
  // The errors, from the local-error lanes, as BPTT's errors reach a transposed read (global buffer, NoC to the tiles
  // of each output's column block, their PE buffers, one fetch per position per row block's bank); BPTT's banks of
  // layers 2..L reuse the errors already delivered there for the transposed read.
  // A constant input's bank gets the N_out sums over t, errorBits + ceil(log2 T) bits each, once per sample.
  if (algorithm === 'sdfa' || l.ordinal === 0) {
    const sumBits = summedErrorBits(eb, T);
    const bankBits = l.constantInput ? l.outputNeurons * sumBits : errorBits;
    const bankFetchBits = l.constantInput ? m.positions * m.outputs * sumBits : errorFetchBits;
    wg[A.globalBufferWriteBit] += bankBits;
    countInputDelivery(config, bankBits, bankFetchBits, m.rowBlocks, l.tileGroups, m.outputPes, runLinks(config, l.tileGroups, l.hops), l.hops, wg);
  }
}

/**
 * The output error and, for SDFA, the projection g = e·B/√N_max once per sample (docs/sources.md#pipesdfa):
 * - output error: C subtractions (counted as error multiply-adds), both algorithms;
 * - the projection's events as B's storage counts them (feedback/: 'rram' e bit-serial through B's crossbars, 'sram'
 *   B read from SRAM, 'prng' B regenerated, the last two with C·N_max digital multiply-adds);
 * plus the 1/√N_max scaling, one multiply per hidden neuron.
 */
export function countProjection(layers: readonly TrainLayer[], config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>, out: ActionVector): void {
  out.fill(0);
  const { classes, nMax } = feedbackShape(layers);
  out[A.errorMac] = classes;
  if (algorithm !== 'sdfa' || nMax === 0) return;
  feedbackStorage(config).count(layers, config, classes * nMax, out);
  out[A.errorMac] += nMax;
}

/** Σ counts × prices (pJ). */
export function dot(counts: ActionVector, prices: ActionVector): number {
  let s = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) s += counts[i] * prices[i];
  return s;
}
