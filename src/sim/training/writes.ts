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
import { clockPeriod_ns } from '../../hardware/clock.js';
import { ceilLog2 } from '../../core/index.js';
import { ACTION, type ActionVector } from '../ela/actions.js';
import { consecutiveDrain, countConversionActions, deliveryBitHops, drainBitHops } from '../ela/counts.js';
import { NOC_DELIVERY } from '../multicast.js';
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
 * parallel (layerWrite_ns: every crossbar its own drivers). The gradient is one bank's, read out once, and travels
 * the NoC to each copy's cells (copyTrip: its bit-hops here, its time in write_ns).
 */
export function countUpdate(l: TrainLayer, config: HardwareConfig, d: PulseDistribution, out: ActionVector): void {
  out.fill(0);
  const weights = weightCount(l);
  const cells = weights * l.replicas;
  out[A.writePulse] = cells * d.mean;
  out[A.verifyRead] = config.training.updateScheme === 'verify' ? cells * d.mean : 0;
  // Each verify read's one conversion brings the actions of a conversion itself (those declared `verify`; price.ts
  // prices the read as a cell read + the conversion).
  countConversionActions(out[A.verifyRead], l.muxPerConversion, l.conversionBits, out, true);
  // Read the accumulated gradients (and the threshold scheme's residuals) and clear them.
  out[A.gradientBit] = 2 * weights * config.training.gradientBits;
  const trip = copyTrip(l, config);
  if (trip.receivers > 0) {
    out[A.nocBitHop] = drainBitHops(config, consecutiveDrain(1, trip.bits), l.hops) + deliveryBitHops(config, trip.bits, trip.receivers, trip.links, l.hops);
  }
}

/**
 * Bits of one written cell's update as a copy's write drivers take it: its signed pulse count, a sign and
 * 0..P_max pulses, 1 + ceil(log2(P_max + 1)) bits (RRAM's 128 steps: 9). NeuroSim converts the weight change to a
 * pulse count before the write (Δpulses = round(Δw·P_max/2), DNN_NeuroSim V2.1 train.py, /work/shared/pipesdfa.md
 * §3.2; docs/sources.md#training-neurosim) and drives the cell with it [inference: the count is what crosses].
 */
export function updateWordBits(pulseLevels: number): number {
  return 1 + ceilLog2(pulseLevels + 1);
}

/** A layer's update on its way to its copies: `bits` sent once per update, to `receivers` tiles over `links` tree links per bit. */
export interface CopyTrip {
  readonly bits: number;
  readonly receivers: number;
  readonly links: number;
}

/**
 * The update's trip to a layer's c - 1 other copies (docs/training-cost.md §4). What is sent: the weight change, each
 * written cell's pulse count (updateWordBits), formed once where the gradient is, the layer's one bank beside its first
 * copy (§3: the banks are not copied). Not the errors and input spikes the change was formed from: they were summed
 * into the bank over the batch's B samples, and a copy has no bank to sum them in. Route [inference]: as every transfer
 * between tiles in this dataflow (docs/simulator.md Interconnect), through the global unit: up from the first copy's
 * tiles as a drain (l.hops per bit), then delivered under arch.nocMulticast to the one tile of each other copy that holds
 * the cell, the copies following one another on the tile walk, m.tiles walk links apart (multicast.ts spacedTreeLinks;
 * unicast: a copy per receiver over the mean hops).
 */
export function copyTrip(l: TrainLayer, config: HardwareConfig): CopyTrip {
  const receivers = l.replicas - 1;
  const bits = receivers > 0 ? weightCount(l) * updateWordBits(config.device.pulseLevels) : 0;
  return { bits, receivers, links: NOC_DELIVERY[config.arch.nocMulticast].spacedLinks(receivers, l.m.tiles, l.hops) };
}

/**
 * Time of every copied layer's trip (ns): all cross the one nocWidth-bit link of the global unit, up and out at once
 * (a channel each way [inference]), so the slower way, the out way's bits x copies the root sends (rootCopies: one for a
 * tree, one per receiver for unicast), paces it: 2·hops + ceil(Σ_l rootCopies·bits / width) clocks. 0 without copies.
 */
export function copyTrip_ns(layers: readonly TrainLayer[], config: HardwareConfig): number {
  const delivery = NOC_DELIVERY[config.arch.nocMulticast];
  let bits = 0;
  let hops = 0;
  for (const l of layers) {
    const trip = copyTrip(l, config);
    if (trip.receivers === 0) continue;
    bits += delivery.rootCopies(trip.receivers) * trip.bits;
    hops = Math.max(hops, l.hops);
  }
  return bits > 0 ? (2 * hops + Math.ceil(bits / config.arch.nocWidth_bits)) * clockPeriod_ns(config) : 0;
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

/**
 * The batch's write time: every layer in parallel (`d[i]`: layer i's pulses, layerPulses), so the slowest layer's; a
 * layer with copies writes them once the update's trip has reached them (copyTrip_ns) [assumption: the whole trip
 * first, an upper bound: rows could stream into the copies while earlier rows write].
 */
export function write_ns(layers: readonly TrainLayer[], config: HardwareConfig, d: readonly PulseDistribution[]): number {
  const trip_ns = copyTrip_ns(layers, config);
  let worst = 0;
  layers.forEach((l, i) => (worst = Math.max(worst, layerWrite_ns(l, config, d[i]) + (l.replicas > 1 ? trip_ns : 0))));
  return worst;
}
