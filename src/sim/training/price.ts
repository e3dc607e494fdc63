/**
 * Prices of the training actions (pJ per action) for one weight layer, on top of the inference pricer's vector
 * of that layer (so a transposed read costs what a forward read of the same array costs). Only prices here.
 */
import { bitlineCapacitance_F, conductanceLevels } from '../../hardware/components/crossbar.js';
import { adderEnergy_pJ, REGISTER_ENERGY_PER_BIT_pJ } from '../../hardware/components/digital.js';
import { energyScaleFrom65nm } from '../../hardware/components/scaling.js';
import { BITS_PER_KB, sramCost } from '../../hardware/components/sram.js';
import type { HardwareConfig } from '../../hardware/config.js';
import { DEVICE_PRESETS } from '../../hardware/devices.js';
import { ACTION, type ActionVector } from '../ela/actions.js';
import type { TrainLayer } from './layers.js';
import type { TrainingSram } from './types.js';
import { pulseEnergyOf_pJ } from './pulses.js';

const A = ACTION;

/**
 * Fraction of a batch's pulses that are SET (potentiating): 1/2 under the update assumption, x ~ N(0, σ²) per cell
 * (docs/sources.md#training-assumptions), positive updates SET, negative RESET (pulses.ts).
 */
export const SET_PULSE_FRACTION = 0.5;

/**
 * The training SRAMs' sizes (KB): they set the per-bit energies as the buffers' do (sramCost: CACTI 7's 1-64 KB table,
 * extrapolated above 64 KB with Horowitz's exponent, docs/sources.md#sram-large; `cosearch evaluate` notes a size
 * outside the table, src/sim/modelNotes.ts), not held at the 64 KB costs (heldSramCost).
 */
export interface TrainingMemories {
  readonly state_KB: number;
  readonly gradient_KB: number;
  readonly feedback_KB: number;
}

/** One gradient bank of a layer: X x X accumulators of its own crossbar size, one bank per crossbar (pipeline.ts). */
export function gradientBank_KB(l: TrainLayer, config: HardwareConfig): number {
  return (l.m.crossbarSize ** 2 * config.training.gradientBits) / BITS_PER_KB;
}

/**
 * The SRAMs whose sizes price training's bits (priceTrainingLayer): the state buffer, the gradient banks (one line
 * per bank size, naming its layers) and B when training.feedbackStorage = sram.
 */
export function trainingSrams(layers: readonly TrainLayer[], config: HardwareConfig, mem: TrainingMemories): TrainingSram[] {
  const out: TrainingSram[] = [{ name: 'the training state buffer', size_KB: mem.state_KB }];
  const banks = new Map<number, string[]>();
  for (const l of layers) banks.set(gradientBank_KB(l, config), [...(banks.get(gradientBank_KB(l, config)) ?? []), l.name]);
  for (const [size_KB, names] of banks) {
    const which = banks.size === 1 ? 'every weight layer' : `layer${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
    out.push({ name: `a gradient bank of ${which} (X x X accumulators of training.gradientBits = ${config.training.gradientBits})`, size_KB });
  }
  if (mem.feedback_KB > 0) out.push({ name: "SDFA's B in SRAM (training.feedbackStorage=sram)", size_KB: mem.feedback_KB });
  return out;
}

/**
 * Into `out` (a copy of the layer's inference prices): the write pulse (resistive cells: V_w²·Ḡ·t_w + C_line·V_w²;
 * ferroelectric cells: V_w²·(C_gate + C_line) + ΔP·V_w·A, pulses.ts; at the SET pulse's
 * V_w, t_w for half the pulses and at the RESET pulse's for the other half, Ḡ the mean
 * programmed stack conductance, C_line one bit line: all X cells of its column, however few rows the layer maps,
 * with the drains of access transistors sized for the layer's R_on
 * (as the read path senses it) [inference: NeuroSim charges WL, BL and
 * SL]); a verify read = one cell read + one conversion of the forward design; transposed and feedback reads at
 * the forward prices [inference: row-side converters of the same design]; digital multiply-adds as shift-and-add
 * arrays (a b x b' product = b' additions of b + b' bits [inference]); SRAM bits from CACTI 7 at the memory's size
 * (sramCost, as the buffers: extrapolated above 64 KB).
 */
export function priceTrainingLayer(l: TrainLayer, feedbackPrices: ActionVector, config: HardwareConfig, mem: TrainingMemories, out: ActionVector): void {
  const s = energyScaleFrom65nm(config.tech.node_nm);
  const d = config.device;
  const eb = config.training.errorBits;
  const wb = config.snn.weightBits;
  const levels = conductanceLevels(l.rOn_ohm, l.onOffRatio, l.bitsPerCell);
  out.set(l.prices);
  // V_w is driven onto the cell's bit line (the word line only opens the access transistor, at V_dd): C_line is the
  // bit line's. The word line's own V_dd² charge per written row is not priced here.
  const line_F = bitlineCapacitance_F(l.m.crossbarSize, config.tech.node_nm, l.rOn_ohm);
  // The device's write-energy form (DEVICE_PRESETS[kind].write.energy): a resistive cell conducts for the pulse, a
  // ferroelectric one charges its gate and switches polarisation (pulses.ts, docs/training-cost.md §4).
  const form = DEVICE_PRESETS[d.kind].write.energy;
  const cell = { gMean_S: levels.gMean_S, lineCapacitance_F: line_F, node_nm: config.tech.node_nm, pulseLevels: d.pulseLevels };
  const set_pJ = pulseEnergyOf_pJ(form, { voltage_V: d.writeVoltage_V, pulse_ns: d.writePulse_ns }, cell);
  const reset_pJ = pulseEnergyOf_pJ(form, { voltage_V: d.resetVoltage_V, pulse_ns: d.resetPulse_ns }, cell);
  // A zero-mean update (pulses.ts): half of the pulses are SET (positive updates), half RESET (negative), each at its own
  // voltage and width; the writePulse action is their mean.
  out[A.writePulse] = SET_PULSE_FRACTION * set_pJ + (1 - SET_PULSE_FRACTION) * reset_pJ;
  // A conversion here is priced as the forward's conversion alone: what comes with each (the column switch, shift-add,
  // H-tree bits and any action declared per conversion) is counted beside it at its own forward price
  // (ela/counts.ts countConversionActions, called by counts.ts, feedback/rram.ts and writes.ts).
  out[A.verifyRead] = l.prices[A.cellRead] + l.prices[A.conversion];
  out[A.transposedCellRead] = l.prices[A.cellRead];
  out[A.transposedConversion] = l.prices[A.conversion];
  out[A.feedbackCellRead] = feedbackPrices[A.cellRead];
  out[A.feedbackConversion] = feedbackPrices[A.conversion];
  out[A.feedbackMac] = wb * adderEnergy_pJ(eb + wb) * s;
  out[A.errorMac] = eb * adderEnergy_pJ(2 * eb) * s;
  out[A.prngBit] = REGISTER_ENERGY_PER_BIT_pJ * s;
  out[A.gradientAdd] = adderEnergy_pJ(config.training.gradientBits) * s;
  const gradient = sramCost(gradientBank_KB(l, config));
  out[A.gradientBit] = ((gradient.read_pJ_per_bit + gradient.write_pJ_per_bit) / 2) * s;
  const state = sramCost(Math.max(mem.state_KB, 1e-3));
  out[A.stateWriteBit] = state.write_pJ_per_bit * s;
  out[A.stateReadBit] = state.read_pJ_per_bit * s;
  out[A.feedbackReadBit] = sramCost(Math.max(mem.feedback_KB, 1e-3)).read_pJ_per_bit * s;
}
