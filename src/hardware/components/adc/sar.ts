/** SAR ADC at 65 nm (NeuroSim V1.4 SarADC.cpp, LSTP; docs/sources.md#circuits-1-2). */
import { adcNoiseEnergy_pJ, type AdcKindModule, type ConverterCostSlot } from './kind.js';
import { MULTIPLEXED_QUANTIZER, oneBitIsSenseAmp } from './multiplexed.js';

/** NeuroSim V1.4 SarADC.cpp, 65 nm LSTP: bias power per bit and fixed, µW (docs/sources.md#circuits-1-2). */
export const SAR_POWER_PER_BIT_uW = 3.751;
export const SAR_POWER_FIXED_uW = 25.84;
/** NeuroSim V1.4 SarADC.cpp column-current term: 0.1213·exp(-2.303·log10 R′) W with R′ = R_col·0.5 V / V_read. */
export const SAR_COLUMN_POWER_COEFF_W = 0.1213;
/** NeuroSim V1.4 SarADC.cpp: one SAR cycle per bit plus one sampling cycle, 1 ns each. */
export const SAR_CYCLE_ns = 1;
/** NeuroSim V1.4 SAR area fit (transistor-count model at 65 nm): 266 + 164·b µm² (docs/sources.md#circuits-1-2). */
export const SAR_AREA_FIXED_um2 = 266;
export const SAR_AREA_PER_BIT_um2 = 164;

/**
 * Cost of one conversion of 2 or more bits. 1 bit (oneBitIsSenseAmp): one sampled decision against the mid-scale
 * reference, no DAC step, i.e. a comparator against one reference, not the fit at b = 1, (3.751 + 25.84) µW x 2 ns and
 * 430 µm², which prices SarADC.cpp's 269 + 209 transistors at 1 bit: a DAC and SAR logic a single decision does not have.
 */
function sarCostInto(bits: number, readVoltage_V: number, columnResistance_ohm: number, out: ConverterCostSlot): ConverterCostSlot {
  const conversion_ns = (bits + 1) * SAR_CYCLE_ns;
  const rPrime = (columnResistance_ohm * 0.5) / readVoltage_V;
  const columnPower_uW = SAR_COLUMN_POWER_COEFF_W * Math.exp(-2.303 * Math.log10(rPrime)) * 1e6;
  const power_uW = SAR_POWER_PER_BIT_uW * bits + SAR_POWER_FIXED_uW + columnPower_uW;
  out.circuitEnergy_pJ = power_uW * conversion_ns * 1e-3;
  out.noiseEnergy_pJ = adcNoiseEnergy_pJ(bits);
  out.conversion_ns = conversion_ns;
  out.area_um2 = SAR_AREA_FIXED_um2 + SAR_AREA_PER_BIT_um2 * bits;
  out.bits = bits;
  return out;
}

export const SAR = {
  name: 'sar',
  label: 'SAR',
  source: 'NeuroSim V1.4 SarADC.cpp',
  ...MULTIPLEXED_QUANTIZER,
  ...oneBitIsSenseAmp(sarCostInto),
} as const satisfies AdcKindModule;
