/**
 * What the multi-bit converters (SAR, flash, ramp) share: adc.columnsPerAdc columns per converter through a column
 * mux, adc.bits output bits, the uniform quantizer as their functional transfer, and their 1-bit circuit.
 */
import { ignoredOffsetSetting, type AdcKindModule, type ConverterCost, type IgnoredAdcSetting } from './kind.js';
import { SENSEAMP } from './senseamp.js';
import { quantizer } from './transfer.js';

export const MULTIPLEXED_QUANTIZER = {
  oneBitPerColumn: false,
  ignoredSettings: (adcBits: number): readonly IgnoredAdcSetting[] => [ignoredOffsetSetting(adcBits)],
  outputBits: (adcBits: number): number => adcBits,
  columnsPerConverter: (columnsPerAdc: number): number => columnsPerAdc,
  needsMux: (inputs: number): boolean => inputs > 1,
  functional: quantizer,
} as const satisfies Partial<AdcKindModule>;

/**
 * A kind's cost with its 1-bit case as the sense amplifier's circuit (9 fJ, 2.14 ns, 17 µm²: one MLSA comparator with its reference). One bit is one
 * comparator decision against one reference whatever the architecture: a flash's single comparator with no encoder, a
 * SAR's first (and only) decision against its mid-scale reference with no DAC step after it, a ramp's single step
 * (a 1-bit counter that toggles when the latch does). The fits price a multi-bit circuit's fixed part at 1 bit (the
 * MLSA's 25 µm² intercept; the SAR's 25.84 µW bias and 478-transistor DAC and logic; the ramp's two
 * counter cycles and shared ramp), none of which a single comparator has (docs/sources.md#circuits-1-4, 2026-12-06).
 */
export function oneBitIsSenseAmp(fit: (bits: number, readVoltage_V: number, columnResistance_ohm: number) => ConverterCost) {
  return (bits: number, readVoltage_V: number, columnResistance_ohm: number): ConverterCost =>
    bits === 1 ? SENSEAMP.cost() : fit(bits, readVoltage_V, columnResistance_ohm);
}
