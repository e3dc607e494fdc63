/**
 * The weight update at the end of a batch (docs/training-cost.md §4): the gradient SRAM is read out and cleared,
 * each weight's cell gets its pulses (pulses.ts), rows are written one at a time (a SET phase then a RESET phase,
 * each as long as the row's largest pulse count), all crossbars in parallel [assumption: one write driver set per
 * crossbar]. 'verify' adds a verify read after every pulse; 'threshold' pulses only when the residual crosses ΔG_min.
 *
 * Written cells: one per weight per update, the least-significant slice's cell of the weight's sign array
 * [assumption: carries into higher slices and the other array of a pair are not modelled].
 */
import type { HardwareConfig } from '../../hardware/config.js';
import { ACTION, type ActionVector } from '../ela/actions.js';
import { weightCount, type TrainLayer } from './layers.js';
import { expectedRowMaxSet, pulseDistribution, pulsesPerLsb, type PulseDistribution } from './pulses.js';

const A = ACTION;

/**
 * A layer's pulses per update: the update's σ, training.updateSigma_lsb weight LSBs, is σ·pulsesPerLsb write steps of
 * its cell, P_max / (2^cellBits - 1) (pulses.ts; cellBits: the levels the engine programs, src/sim/mapping.ts).
 */
export function layerPulses(l: TrainLayer, config: HardwareConfig): PulseDistribution {
  const { updateScheme, updateSigma_lsb } = config.training;
  const { pulseLevels } = config.device;
  return pulseDistribution(updateScheme, updateSigma_lsb * pulsesPerLsb(pulseLevels, l.m.cellBits), pulseLevels);
}

/**
 * Counts of one layer's update (one batch) into `out` (every entry written). Each of the layer's copies
 * (arch.replicate, arch.balance) reads with the same weights, so every copy's cells get the update's pulses (and
 * verify reads): weights·replicas cells, each with the same pulses (a cell's writes per epoch do not change), in
 * parallel (layerWrite_ns: every crossbar its own drivers). The gradient is one bank's, read out once. Until
 * 2026-12-06 only the first copy was written. Not counted: the update's NoC trip from the bank to the copies' tiles.
 */
export function countUpdate(l: TrainLayer, config: HardwareConfig, d: PulseDistribution, out: ActionVector): void {
  out.fill(0);
  const weights = weightCount(l);
  const cells = weights * l.replicas;
  out[A.writePulse] = cells * d.mean;
  out[A.verifyRead] = config.training.updateScheme === 'verify' ? cells * d.mean : 0;
  // Read the accumulated gradients (and the threshold scheme's residuals) and clear them.
  out[A.gradientBit] = 2 * weights * config.training.gradientBits;
}

/**
 * Weights of one crossbar row (columns / slices, at most the layer's outputs). Each is written in one array only, its
 * sign array's (expectedRowMaxSet takes m.arrays): a pair's G+ row holds a cell of every one of them, about half of
 * them written.
 */
export function cellsPerRow(l: TrainLayer): number {
  return Math.max(1, Math.min(l.m.outputs, Math.floor(l.m.weightColumnsPerCrossbar / l.m.slices)));
}

/**
 * Time to program one layer's update (ns): min(rows, X) rows per crossbar, each a SET phase then a RESET phase
 * (NeuroSim: t_WU = Σ_rows (max n_SET·t_SET + max n_RESET·t_RESET), docs/sources.md#training-neurosim), each phase
 * E[max pulses of one sign in the row] slots long over the row's cells in the weights' sign array (the same for both
 * signs: a zero-mean update, expectedRowMaxSet);
 * a SET slot = t_SET, a RESET slot = t_RESET, each + one read for 'verify'.
 */
export function layerWrite_ns(l: TrainLayer, config: HardwareConfig, d: PulseDistribution): number {
  const verify_ns = config.training.updateScheme === 'verify' ? l.readTime_ns : 0;
  const rowMaxPerSign = expectedRowMaxSet(d, cellsPerRow(l), l.m.arrays);
  const rowSet_ns = rowMaxPerSign * (config.device.writePulse_ns + verify_ns);
  const rowReset_ns = rowMaxPerSign * (config.device.resetPulse_ns + verify_ns);
  return Math.min(l.m.rows, l.m.crossbarSize) * (rowSet_ns + rowReset_ns);
}

/** The batch's write time: every layer in parallel (`d[i]`: layer i's pulses, layerPulses), so the slowest layer's. */
export function write_ns(layers: readonly TrainLayer[], config: HardwareConfig, d: readonly PulseDistribution[]): number {
  let worst = 0;
  layers.forEach((l, i) => (worst = Math.max(worst, layerWrite_ns(l, config, d[i]))));
  return worst;
}
