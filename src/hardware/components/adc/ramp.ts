/**
 * Single-slope (ramp) converter: a ramp shared by the crossbar's converters sweeps the full scale while each
 * converter's comparator watches its column and its counter counts clock cycles; the count at the crossing is the
 * code. A conversion takes 2^N counter cycles (Snoeij, Theuwissen, Makinwa & Huijsing, "Multiple-ramp
 * column-parallel ADC architectures for CMOS image sensors", IEEE JSSC 42(12):2968-2977, 2007; ramp ADCs for
 * analog neural networks: Spear et al., "The impact of analog-to-digital converter architecture and variability on
 * analog neural network accuracy", IEEE JXCDC 2023, modelled there, as here, as a uniform quantizer).
 *
 * Energy per conversion = comparator decisions + counter clock events + the shared ramp's swing of this converter's
 * input + the Murmann noise floor. Built from this repository's cited 65 nm primitives; docs/sources.md lists them.
 * For scale: 8 bits cost 8.0 pJ (31 fJ per conversion step), about 3x the 10.2 fJ per step of a 65 nm hybrid
 * SAR/single-slope CIM ADC (Fan et al., ISCAS 2022, doi 10.1109/ISCAS48785.2022.9937285), as a pure ramp should.
 */
import { BITLINE_CAP_FIXED_65NM_F } from '../crossbar.js';
import { REGISTER_AREA_PER_BIT_um2, REGISTER_ENERGY_PER_BIT_pJ, VDD_V } from '../digital.js';
import { adcNoiseEnergy_pJ, type AdcKindModule, type ConverterCostSlot } from './kind.js';
import { MULTIPLEXED_QUANTIZER, oneBitIsSenseAmp } from './multiplexed.js';
import { SENSEAMP_MLSA_COMPARATOR_AREA_um2, SENSEAMP_MLSA_COMPARATOR_ENERGY_pJ } from './senseamp.js';

/** Counter clock period: NeuroSim V1.4's 1 ns SAR cycle at 65 nm (SarADC.cpp) [inference: same clock]. */
export const RAMP_CLOCK_PERIOD_ns = 1;
/** Clocked comparator, one decision per counter cycle: the sense amplifier's comparator (one comparator of NeuroSim V1.4's MLSA, reference included), 9 fJ (docs/sources.md#circuits-1-4). */
export const RAMP_COMPARATOR_ENERGY_PER_CYCLE_pJ = SENSEAMP_MLSA_COMPARATOR_ENERGY_pJ;
/** Comparator area: the same comparator, 17 µm² (docs/sources.md#circuits-1-4). */
export const RAMP_COMPARATOR_AREA_um2 = SENSEAMP_MLSA_COMPARATOR_AREA_um2;
/** Ripple-counter flip-flop: one NeuroSim V1.4 DFF clock event, 11.2 fJ (docs/sources.md#circuits-3-2). */
export const RAMP_COUNTER_ENERGY_PER_CLOCK_EVENT_pJ = REGISTER_ENERGY_PER_BIT_pJ;
/** Counter area per bit: one NeuroSim V1.4 DFF, 11.4 µm² (docs/sources.md#circuits-3-2); the shared ramp's area is neglected. */
export const RAMP_COUNTER_AREA_PER_BIT_um2 = REGISTER_AREA_PER_BIT_um2;
/** Comparator input load the shared ramp swings over V_dd once per conversion: the 10 fF ADC input (docs/sources.md#circuits-2-1) [inference]. */
export const RAMP_LOAD_PER_CONVERTER_F = BITLINE_CAP_FIXED_65NM_F;

/** Counter cycles of one conversion: the ramp sweeps all 2^N codes. */
export function rampCycles(bits: number): number {
  return 2 ** bits;
}

/** Clock events of an N-bit ripple counter over 2^N counts: bit k toggles 2^(N-k) times, sum 2^(N+1) - 2. */
export function rippleCounterClockEvents(bits: number): number {
  return 2 ** (bits + 1) - 2;
}

/**
 * Cost of one conversion of 2 or more bits. 1 bit (oneBitIsSenseAmp): one reference, the latch's output is the code;
 * not this function's formulas at b = 1: 2 counter cycles (2 ns), 2 decisions, 2 clock events and a ramp swing (52.5 fJ,
 * 28.4 µm²) for that one comparison.
 */
function rampCostInto(bits: number, _readVoltage_V: number, _columnResistance_ohm: number, out: ConverterCostSlot): ConverterCostSlot {
  const comparator_pJ = rampCycles(bits) * RAMP_COMPARATOR_ENERGY_PER_CYCLE_pJ;
  const counter_pJ = rippleCounterClockEvents(bits) * RAMP_COUNTER_ENERGY_PER_CLOCK_EVENT_pJ;
  const ramp_pJ = RAMP_LOAD_PER_CONVERTER_F * VDD_V * VDD_V * 1e12;
  out.circuitEnergy_pJ = comparator_pJ + counter_pJ + ramp_pJ;
  out.noiseEnergy_pJ = adcNoiseEnergy_pJ(bits);
  out.conversion_ns = rampCycles(bits) * RAMP_CLOCK_PERIOD_ns;
  out.area_um2 = RAMP_COMPARATOR_AREA_um2 + bits * RAMP_COUNTER_AREA_PER_BIT_um2;
  out.bits = bits;
  return out;
}

export const RAMP = {
  name: 'ramp',
  label: 'single-slope ramp',
  source: 'Snoeij et al. JSSC 2007 (single-slope); NeuroSim V1.4 latch and DFF',
  ...MULTIPLEXED_QUANTIZER,
  ...oneBitIsSenseAmp(rampCostInto),
} as const satisfies AdcKindModule;
