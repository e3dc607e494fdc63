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
