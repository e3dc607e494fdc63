/**
 * What the multi-bit converters (SAR, flash, ramp) share: adc.columnsPerAdc columns per converter through a column
 * mux, adc.bits output bits, the uniform quantizer as their functional transfer, and their 1-bit circuit.
 */
import { blankConverterCost, ignoredOffsetSetting, type AdcKindModule, type ConverterCost, type ConverterCostSlot, type IgnoredAdcSetting } from './kind.js';
import { SENSEAMP } from './senseamp.js';
import { quantizer } from './transfer.js';

/**
 * At 1 bit a SAR, a flash and a ramp are one circuit (oneBitIsSenseAmp: one comparator against one reference, the
 * sense amplifier's cost) with one transfer (the 1-bit quantizer) and one column mux: which of them adc.kind names is
 * not read. Only these kinds say so, so a value it drops (src/sim/effectiveDesign.ts) or puts to its default, sar
 * (the accuracy caches' key), is one of them at the same bits: one chip in every engine (test/hardware/one-bit-kinds.test.ts,
 * QA runs defect 1: a 1-bit SAR, flash and ramp were three rows of one chip on the front). Not the sense amplifier:
 * its threshold transfer, one converter per column and adc-less weights make another chip, and it refuses offset-diff.
 */
const ONE_BIT_KIND: IgnoredAdcSetting = {
  path: 'adc.kind',
  why: 'at 1 bit a SAR, flash and ramp are one circuit, one comparator against one reference',
};

export const MULTIPLEXED_QUANTIZER = {
  oneBitPerColumn: false,
  ignoredSettings: (adcBits: number): readonly IgnoredAdcSetting[] => (adcBits === 1 ? [ignoredOffsetSetting(1), ONE_BIT_KIND] : [ignoredOffsetSetting(adcBits)]),
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
export function oneBitIsSenseAmp(fitInto: (bits: number, readVoltage_V: number, columnResistance_ohm: number, out: ConverterCostSlot) => ConverterCostSlot) {
  const costInto = (bits: number, readVoltage_V: number, columnResistance_ohm: number, out: ConverterCostSlot): ConverterCostSlot =>
    bits === 1 ? SENSEAMP.costInto(bits, readVoltage_V, columnResistance_ohm, out) : fitInto(bits, readVoltage_V, columnResistance_ohm, out);
  const cost = (bits: number, readVoltage_V: number, columnResistance_ohm: number): ConverterCost =>
    costInto(bits, readVoltage_V, columnResistance_ohm, blankConverterCost());
  return { cost, costInto };
}
