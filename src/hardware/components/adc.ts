/**
 * Column converters: per-kind cost models live in ./adc/ (one module per kind, registry in ./adc/index.ts).
 * This module keeps the kind-independent entry points: the cost of one conversion by kind name, and the ADC bits
 * a layer "needs".
 */
import { adcKind, type ConverterCost } from './adc/index.js';

export {
  ADC_KINDS, ADC_NOISE_ENERGY_PER_4POW_pJ, ADC_RANGE_MODES, adcKind, adcNoiseEnergy_pJ, conversionEnergy_pJ, convertersPerCrossbar, digitizeColumn, digitizeColumns, isAdcKind,
  FLASH, RAMP, SAR, SENSEAMP,
  type AdcKind, type AdcKindModule, type AdcRangeMode, type ColumnConverter, type ConverterCost, type ConverterOptions, type ConverterSettings,
  type PerOutputReference,
} from './adc/index.js';
export {
  RAMP_CLOCK_PERIOD_ns, RAMP_COMPARATOR_AREA_um2, RAMP_COMPARATOR_ENERGY_PER_CYCLE_pJ, RAMP_COUNTER_AREA_PER_BIT_um2,
  RAMP_COUNTER_ENERGY_PER_CLOCK_EVENT_pJ, RAMP_LOAD_PER_CONVERTER_F, rampCycles, rippleCounterClockEvents,
} from './adc/ramp.js';
export { SAR_AREA_FIXED_um2, SAR_AREA_PER_BIT_um2, SAR_COLUMN_POWER_COEFF_W, SAR_CYCLE_ns, SAR_POWER_FIXED_uW, SAR_POWER_PER_BIT_uW } from './adc/sar.js';
export { FLASH_AREA_FIXED_um2, FLASH_AREA_PER_COMPARATOR_um2, FLASH_CONVERSION_ns, FLASH_ENERGY_PER_COMPARATOR_pJ } from './adc/flash.js';
export { MLSA_LATENCY_INTERCEPT_ns, SENSEAMP_MLSA_COMPARATOR_AREA_um2, SENSEAMP_MLSA_COMPARATOR_ENERGY_pJ } from './adc/senseamp.js';

/**
 * Cost of one conversion by a converter of `kind` configured for `bits` (the kind decides its output bits: a sense
 * amplifier is always 1 bit). `columnResistance_ohm` is the parallel resistance of the cells conducting into the
 * column (SAR column-current term).
 */
export function converterCost(kind: string, bits: number, readVoltage_V: number, columnResistance_ohm: number): ConverterCost {
  const k = adcKind(kind);
  return k.cost(k.outputBits(bits), readVoltage_V, columnResistance_ohm);
}

/**
 * ADC bits a layer "needs" for the bits-per-cell sweep (review Fig. 11): one bit of headroom above the cell
 * precision, capped at the lossless width. The review pairs 4-bit cells with 5-bit ADCs for 8-bit VGG16; the
 * same one-bit headroom at other precisions is our [inference]: at ~10% spike rate a column's typical sum spans
 * about two cell full-scales, while rare larger sums clip.
 */
export function adcBitsNeeded(bitsPerCell: number, losslessBits: number): number {
  return Math.min(bitsPerCell + 1, losslessBits);
}
