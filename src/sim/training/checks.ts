/**
 * Refusals of a configuration whose training cost would describe a training that cannot run (docs/training-cost.md).
 * They apply only when training is costed (trainingCost), so an inference-only evaluation or search never meets them.
 * Each throws one ConfigError naming the field, its value and what was expected, worded as src/hardware/config.ts's.
 */
import { ConfigError } from '../../core/index.js';
import type { HardwareConfig } from '../../hardware/config.js';

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
 * An epoch is floor(D/B) batches of B samples and one of the rest (docs/training-cost.md §3): with B > D no batch of
 * B samples ever runs, so the per-sample and per-batch figures, which are a B-sample batch's, would describe none.
 */
export function checkBatchFits(config: HardwareConfig): void {
  const { batchSize, datasetSize } = config.training;
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

/**
 * Below one expected pulse per epoch over all the network's written cells, no cell is expected to be written in an
 * epoch: the network does not train, and its lifetime (endurance over writes that do not happen) describes nothing.
 * Until 2026-12-05 only an E[n] that underflowed to 0 was refused (σ below ~0.027 under open loop).
 */
export function checkTrains(config: HardwareConfig, updates: number, cells: number, pulsesPerUpdate: number): void {
  const expected = pulsesPerEpoch(updates, cells, pulsesPerUpdate);
  if (expected >= 1) return;
  const { updateScheme, updateSigma_lsb } = config.training;
  const hint = updateScheme === 'threshold' ? '' : '; training.updateScheme=threshold accumulates sub-step updates';
  throw new ConfigError(`training.updateSigma_lsb: got ${updateSigma_lsb}, expected updates that write at least one cell per epoch under training.updateScheme=${updateScheme} `
    + `(${updates} updates x ${cells} cells x ${pulsesPerUpdate.toPrecision(3)} pulses per update = ${expected.toPrecision(3)} pulses per epoch, below 1: no cell is expected to be written, the network does not train${hint})`);
}
