/** Flash ADC (NeuroSim's multilevel sense amplifier) at 65 nm: 2^b - 1 comparators (docs/sources.md#circuits-1-2). */
import { adcNoiseEnergy_pJ, type AdcKindModule, type ConverterCostSlot } from './kind.js';
import { MULTIPLEXED_QUANTIZER, oneBitIsSenseAmp } from './multiplexed.js';
import { MLSA_LATENCY_INTERCEPT_ns } from './senseamp.js';

/** NeuroSim V1.4 MultilevelSenseAmp.cpp fits: 9 fJ and 8.2 µm² per comparator, 25 µm² fixed (docs/sources.md#circuits-1-2). */
export const FLASH_ENERGY_PER_COMPARATOR_pJ = 0.009;
export const FLASH_AREA_PER_COMPARATOR_um2 = 8.2;
export const FLASH_AREA_FIXED_um2 = 25;
/** MLSA latency intercept at 65 nm (2.14 ns; its R-dependent part is our sensing time), docs/sources.md#circuits-1-2. */
export const FLASH_CONVERSION_ns = MLSA_LATENCY_INTERCEPT_ns;

/**
 * Cost of one conversion of 2 or more bits (1 bit: oneBitIsSenseAmp, one comparator with no thermometer encoder). The
 * fit's 2.14 ns is the intercept of NeuroSim's current-mode MLSA latency, its comparators deciding in parallel (the
 * sense amplifier's latency too, since 2026-12-06), and its 25 µm² fixed area an intercept over 1-8 bits, which one
 * comparator does not have (docs/sources.md#circuits-1-4): the fit at 1 bit would price the comparator at 33 µm².
 */
function flashCostInto(bits: number, _readVoltage_V: number, _columnResistance_ohm: number, out: ConverterCostSlot): ConverterCostSlot {
  const comparators = 2 ** bits - 1;
  out.circuitEnergy_pJ = FLASH_ENERGY_PER_COMPARATOR_pJ * comparators;
  out.noiseEnergy_pJ = adcNoiseEnergy_pJ(bits);
  out.conversion_ns = FLASH_CONVERSION_ns;
  out.area_um2 = FLASH_AREA_PER_COMPARATOR_um2 * comparators + FLASH_AREA_FIXED_um2;
  out.bits = bits;
  return out;
}

export const FLASH = {
  name: 'flash',
  label: 'flash (multilevel sense amp)',
  source: 'NeuroSim V1.4 MultilevelSenseAmp.cpp',
  ...MULTIPLEXED_QUANTIZER,
  ...oneBitIsSenseAmp(flashCostInto),
} as const satisfies AdcKindModule;
