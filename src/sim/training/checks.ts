/**
 * Refusals of a configuration whose training cost would describe a training that cannot run (docs/training-cost.md).
 * They apply only when training is costed (trainingCost), so an inference-only evaluation or search never meets them.
 * Each throws one ConfigError naming the field, its value and what was expected, worded as src/hardware/config.ts's.
 */
import { ConfigError } from '../../core/index.js';
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import { DEVICE_PRESETS } from '../../hardware/devices.js';
import { layerValuePath } from '../../hardware/layerView.js';
import { summedErrorBits, type TrainLayer } from './layers.js';
import { pulsesPerLsb } from './pulses.js';

/**
 * The weight-gradient accumulator adds errorBits-wide errors (Σ_t ε_l[t] s_{l−1}[t]ᵀ, docs/training-cost.md §2): one
 * narrower than the error it adds cannot hold a single addition, and pricing its narrower adder and SRAM made the
 * largest phase cheaper.
 */
export function checkGradientWidth(config: HardwareConfig): void {
  const { gradientBits, errorBits } = config.training;
  if (gradientBits < errorBits) {
    throw new ConfigError(`training.gradientBits: got ${gradientBits}, expected at least training.errorBits = ${errorBits} bits (each weight-gradient accumulator adds errorBits-wide errors)`);
  }
}

/**
 * Bits a layer's weight-gradient accumulator needs to hold a batch's sum without overflow: each addition is an
 * errorBits-wide error times an input of inputCycles bits (errorBits + inputCycles - 1 bits), and a weight's
 * accumulator adds B·T·positions of them (log2 of that many more bits); a constant input (the direct-coded layer)
 * adds its T errors first (ceil(log2 T) bits wider) and then B·positions products. The worst layer.
 */
export function neededGradientBits(layers: readonly TrainLayer[], config: HardwareConfig): { readonly bits: number; readonly layer: string } {
  const T = config.snn.timesteps;
  const B = config.training.batchSize;
  let worst = { bits: 0, layer: '' };
  for (const l of layers) {
    const error = l.constantInput ? summedErrorBits(config.training.errorBits, T) : config.training.errorBits;
    const bits = error + l.m.inputCycles - 1 + Math.log2(B * (l.constantInput ? 1 : T) * l.m.positions);
    if (bits > worst.bits) worst = { bits, layer: l.name };
  }
  return worst;
}

/**
 * A note (not a refusal: the default 16 bits are short for the shipped networks at batch 128, nmnist 18.3 bits and
 * mlp-mnist 24.0) when training.gradientBits is below the width a batch's sum needs (neededGradientBits): the
 * accumulators saturate, and the weight gradient is priced at the narrower width. null when it fits.
 */
export function gradientWidthNote(layers: readonly TrainLayer[], config: HardwareConfig): string | null {
  const { gradientBits } = config.training;
  const need = neededGradientBits(layers, config);
  if (Math.ceil(need.bits - 1e-9) <= gradientBits) return null;
  return `training.gradientBits: ${gradientBits} bits, but a batch's sum of layer ${need.layer}'s weight gradient needs about ${need.bits.toFixed(1)} bits `
    + `(errorBits + input bits - 1 + log2(batch x timesteps x positions)): its accumulators saturate (priced at ${gradientBits} bits)`;
}

/**
 * The samples of an epoch, D: training.datasetSize as given, or at 0 (its default) the network's own training set
 * (Network.trainingSamples: CIFAR-10 50,000, MNIST and N-MNIST 60,000, docs/sources.md#training-sets). A network that
 * states none (a user's file, vgg16-caltech101) is refused at 0: an epoch of an unknown size would be a guess (one
 * default for every network, 60,000, makes VGG16 on CIFAR-10's epoch 20% long).
 */
export function epochSamples(network: Network, config: HardwareConfig): number {
  const given = config.training.datasetSize;
  if (given > 0) return given;
  if (network.trainingSamples !== undefined) return network.trainingSamples;
  throw new ConfigError(`training.datasetSize: got 0 (the network's own training set), expected a number of samples: network ${network.name} states no trainingSamples (--set training.datasetSize=N)`);
}

/**
 * An epoch is floor(D/B) batches of B samples and one of the rest (docs/training-cost.md §3): with B > D no batch of
 * B samples ever runs, so the per-sample and per-batch figures, which are a B-sample batch's, would describe none.
 * `datasetSize`: D (epochSamples).
 */
export function checkBatchFits(config: HardwareConfig, datasetSize: number): void {
  const { batchSize } = config.training;
  if (batchSize > datasetSize) {
    throw new ConfigError(`training.batchSize: got ${batchSize}, expected at most training.datasetSize = ${datasetSize} samples (a batch larger than the dataset never runs)`);
  }
}

/**
 * Expected programming pulses of one epoch over every written cell: `updates` updates (ceil(D/B)) x `cells` cells
 * (one per weight, docs/training-cost.md §4) x `pulsesPerUpdate` (E[n] of one cell's update).
 */
export function pulsesPerEpoch(updates: number, cells: number, pulsesPerUpdate: number): number {
  return updates * cells * pulsesPerUpdate;
}

/** A written layer as the refusal below sees it: its cells, the levels they are programmed with and its pulses per update. */
export interface WrittenLayer {
  readonly name: string;
  readonly index: number;
  readonly cells: number;
  /** Bits of the levels the engine programs (src/sim/mapping.ts cellBits: the widest slice, <= device.bitsPerCell). */
  readonly cellBits: number;
  /** E[n] of one cell's update (pulses.ts, at σ in this layer's write steps). */
  readonly pulsesPerUpdate: number;
}

/**
 * Below one expected pulse per epoch over all the network's written cells (Σ_l ceil(D/B) x cells_l x E[n_l], E[n_l]
 * at σ = training.updateSigma_lsb weight LSBs = σ·P_max / (2^cellBits_l - 1) write steps of layer l's cells), no cell
 * is expected to be written in an epoch: the network does not train, and its lifetime describes nothing. The message
 * names the written cells' most numerous layer and the field that sets its steps per LSB. The line is an expected
 * count, not only an E[n] that underflows to 0: a network expected to write no cell in an epoch does not train.
 */
export function checkTrains(config: HardwareConfig, updates: number, layers: readonly WrittenLayer[]): void {
  const cells = layers.reduce((s, l) => s + l.cells, 0);
  const expected = layers.reduce((s, l) => s + pulsesPerEpoch(updates, l.cells, l.pulsesPerUpdate), 0);
  if (expected >= 1) return;
  const { updateScheme, updateSigma_lsb } = config.training;
  const { pulseLevels } = config.device;
  const most = layers.reduce((a, b) => (b.cells > a.cells ? b : a));
  const levels = 2 ** most.cellBits - 1;
  const hint = updateScheme === 'threshold' ? '' : '; training.updateScheme=threshold accumulates sub-step updates';
  throw new ConfigError(`training.updateSigma_lsb: got ${updateSigma_lsb} weight LSBs, expected updates that write at least one cell per epoch under training.updateScheme=${updateScheme} `
    + `(layer ${most.name}'s cells: device.pulseLevels / (2^${most.cellBits} - 1) = ${pulseLevels} / ${levels} write steps per weight LSB, ${most.cellBits}-bit cells from ${layerValuePath(config, most, 'device.bitsPerCell')}, `
    + `so σ is ${(updateSigma_lsb * pulsesPerLsb(pulseLevels, most.cellBits)).toPrecision(3)} write steps; `
    + `${updates} updates x ${cells} cells x ${(expected / (updates * cells)).toPrecision(3)} pulses per update = ${expected.toPrecision(3)} pulses per epoch, below 1: no cell is expected to be written, the network does not train${hint})`);
}

/** A weight layer as the pulse-level check sees it: its name, index and bits per cell (global or its override). */
export interface CellBits {
  readonly name: string;
  readonly index: number;
  readonly bitsPerCell: number;
}

/**
 * NeuroSim's write step is ΔG_min = window / P_max (device.pulseLevels, docs/training-cost.md §4) and a cell of b bits
 * holds 2^b levels, window / (2^b - 1) apart: P_max below 2^b - 1 makes one pulse larger than a level step, so a
 * stored level cannot be reached. A device that holds at most one bit (DEVICE_PRESETS[kind].maxBitsPerCell = 1: a
 * bistable cell) has one step, so one pulse switches it and P_max is 1: more would price fractions of a switch
 * (STT-MRAM at P_max = 128 would take 0.683 pulses per update under ceil pulses, not 0.317).
 */
export function checkPulseLevels(config: HardwareConfig, layers: readonly CellBits[]): void {
  const { kind, pulseLevels } = config.device;
  if (DEVICE_PRESETS[kind].maxBitsPerCell === 1 && pulseLevels > 1) {
    throw new ConfigError(`device.pulseLevels: got ${pulseLevels}, expected 1 for device.kind=${kind} (a cell of at most 1 bit switches in one pulse or none)`);
  }
  for (const l of layers) {
    const levels = 2 ** l.bitsPerCell - 1;
    if (pulseLevels < levels) {
      throw new ConfigError(`device.pulseLevels: got ${pulseLevels}, expected at least 2^${layerValuePath(config, l, 'device.bitsPerCell')} - 1 = ${levels} pulses (a write step, window / device.pulseLevels, larger than a level step cannot reach every stored level)`);
    }
  }
}
