/**
 * Column converters at 65 nm: SAR ADC, flash (multilevel sense amp) and the 1-bit sense amplifier of ADC-less
 * designs. Per conversion of one column: energy, time; per converter: area. circuits.md §1.2–1.4.
 */
import type { AdcKind } from '../config.js';

/** NeuroSim V1.4 SarADC.cpp, 65 nm LSTP: bias power per bit and fixed, µW (circuits.md §1.2). */
export const SAR_POWER_PER_BIT_uW = 3.751;
export const SAR_POWER_FIXED_uW = 25.84;
/** NeuroSim V1.4 SarADC.cpp column-current term: 0.1213·exp(-2.303·log10 R′) W with R′ = R_col·0.5 V / V_read. */
export const SAR_COLUMN_POWER_COEFF_W = 0.1213;
/** NeuroSim V1.4 SarADC.cpp: one SAR cycle per bit plus one sampling cycle, 1 ns each. */
export const SAR_CYCLE_ns = 1;
/** NeuroSim V1.4 SAR area fit (transistor-count model at 65 nm): 266 + 164·b µm² (circuits.md §1.2). */
export const SAR_AREA_FIXED_um2 = 266;
export const SAR_AREA_PER_BIT_um2 = 164;
/** Murmann ADC survey lower envelope, noise-limited term 0.145 aJ·4^ENOB (circuits.md §1.1). */
export const ADC_NOISE_ENERGY_PER_4POW_pJ = 0.145e-6;
/** NeuroSim V1.4 MultilevelSenseAmp.cpp fits: 9 fJ and 8.2 µm² per comparator, 25 µm² fixed (circuits.md §1.2). */
export const FLASH_ENERGY_PER_COMPARATOR_pJ = 0.009;
export const FLASH_AREA_PER_COMPARATOR_um2 = 8.2;
export const FLASH_AREA_FIXED_um2 = 25;
/** MLSA latency intercept at 65 nm (2.14 ns; its R-dependent part is our sensing time), circuits.md §1.2. */
export const FLASH_CONVERSION_ns = 2.14;
/** 1-bit sense amplifier incl. reference, one per column: 9 fJ, 17 µm² (circuits.md §1.4). */
export const SENSEAMP_ENERGY_pJ = 0.009;
export const SENSEAMP_AREA_um2 = 17;
/** Voltage latch resolution time 21 ps (NeuroSim V1.4 latch VSA, circuits.md §1.2). */
export const SENSEAMP_LATCH_ns = 0.021;

export interface ConverterCost {
  /** Energy of one column conversion (pJ), at 65 nm. */
  readonly energy_pJ: number;
  /** Time of one column conversion (ns), excluding the bit-line sensing time. */
  readonly conversion_ns: number;
  /** Area of one converter (µm²), at 65 nm. */
  readonly area_um2: number;
  /** Output bits per conversion. */
  readonly bits: number;
}

/**
 * Cost of one conversion. `columnResistance_ohm` is the parallel resistance of the cells conducting into the
 * column (SAR column-current term). adc.kind = senseamp is always 1 bit.
 */
export function converterCost(kind: AdcKind, bits: number, readVoltage_V: number, columnResistance_ohm: number): ConverterCost {
  switch (kind) {
    case 'sar': {
      const conversion_ns = (bits + 1) * SAR_CYCLE_ns;
      const rPrime = (columnResistance_ohm * 0.5) / readVoltage_V;
      const columnPower_uW = SAR_COLUMN_POWER_COEFF_W * Math.exp(-2.303 * Math.log10(rPrime)) * 1e6;
      const power_uW = SAR_POWER_PER_BIT_uW * bits + SAR_POWER_FIXED_uW + columnPower_uW;
      return {
        energy_pJ: power_uW * conversion_ns * 1e-3 + ADC_NOISE_ENERGY_PER_4POW_pJ * 4 ** bits,
        conversion_ns,
        area_um2: SAR_AREA_FIXED_um2 + SAR_AREA_PER_BIT_um2 * bits,
        bits,
      };
    }
    case 'flash': {
      const comparators = 2 ** bits - 1;
      return {
        energy_pJ: FLASH_ENERGY_PER_COMPARATOR_pJ * comparators + ADC_NOISE_ENERGY_PER_4POW_pJ * 4 ** bits,
        conversion_ns: FLASH_CONVERSION_ns,
        area_um2: FLASH_AREA_PER_COMPARATOR_um2 * comparators + FLASH_AREA_FIXED_um2,
        bits,
      };
    }
    case 'senseamp':
      return { energy_pJ: SENSEAMP_ENERGY_pJ, conversion_ns: SENSEAMP_LATCH_ns, area_um2: SENSEAMP_AREA_um2, bits: 1 };
  }
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
