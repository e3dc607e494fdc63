/**
 * The 1-bit sense amplifier of ADC-less designs: one per weight column, no mux (a mux only when PE sharing makes
 * it serve several columns), 1 output bit whatever adc.bits says, a threshold transfer (docs/sources.md#circuits-1-4;
 * preamble: senseamp = 1 bit per column).
 */
import { blankConverterCost, ignoredOffsetSetting, type AdcKindModule, type ConverterCost, type ConverterCostSlot, type IgnoredAdcSetting } from './kind.js';
import { threshold } from './transfer.js';

/**
 * The 1-bit sense amplifier is one comparator of NeuroSim's current-mode multilevel sense amplifier (MLSA), with its
 * reference: energy, area and latency describe that one circuit (docs/sources.md#circuits-1-4).
 * - Energy 9 fJ and area 17 µm² per column: one comparator's share of the 2-bit MLSA, reference included.
 * - Latency 2.14 ns: the MLSA's latency intercept at 65 nm (MultilevelSenseAmp.cpp's ColumnLatency_Table; its comparators
 *   decide in parallel, so one comparator takes the MLSA's time), whose R-dependent part is the column's sensing time
 *   this model charges apart (t_sense), as for the flash (flash.ts). circuits-1-4 gives such a sense amplifier
 *   "1-2 ns sensing". Until 2026-12-06 the latency was the bare voltage latch's 21 ps (SenseAmp.cpp, core only, no
 *   reference or precharge: 3.7 fJ, 2.5 µm²), another circuit than the energy and area.
 */
export const SENSEAMP_MLSA_COMPARATOR_ENERGY_pJ = 0.009;
export const SENSEAMP_MLSA_COMPARATOR_AREA_um2 = 17;
export const MLSA_LATENCY_INTERCEPT_ns = 2.14;

// One comparator: its 9 fJ is all circuit (the 1-bit noise term, 0.6 aJ, is inside the comparator's own figure).
const SENSEAMP_COST: ConverterCost = {
  circuitEnergy_pJ: SENSEAMP_MLSA_COMPARATOR_ENERGY_pJ, noiseEnergy_pJ: 0, conversion_ns: MLSA_LATENCY_INTERCEPT_ns, area_um2: SENSEAMP_MLSA_COMPARATOR_AREA_um2, bits: 1,
};

function senseAmpCostInto(out: ConverterCostSlot): ConverterCostSlot {
  out.circuitEnergy_pJ = SENSEAMP_COST.circuitEnergy_pJ;
  out.noiseEnergy_pJ = SENSEAMP_COST.noiseEnergy_pJ;
  out.conversion_ns = SENSEAMP_COST.conversion_ns;
  out.area_um2 = SENSEAMP_COST.area_um2;
  out.bits = SENSEAMP_COST.bits;
  return out;
}

/**
 * A sense amplifier resolves one bit on its own column: the resolution, the column mux, the multi-bit offset and the
 * range mode are not its. adc.rangeMode sets a quantizer's step (transfer.ts quantizer) and, for a threshold, only the
 * reference on an unsigned column (transfer.ts threshold's unipolar path), which a sense amplifier never reads: on
 * offset-diff it is refused (adcRange.ts unsignedSenseColumn), the training read model is bipolar (app/train.ts), the
 * 1-bit full-range check skips it (adcRange.ts checkOneBitFullRange), the ELA does not read the mode (affects: accuracy
 * only) and the MAC error does not apply to it (accuracy.ts macErrorOf). Until QA recent defect 2 it was not listed,
 * so a search over {sar, senseamp} x {clip, full} put one sense-amplifier chip twice on its front.
 */
const SENSEAMP_IGNORED: readonly IgnoredAdcSetting[] = [
  { path: 'adc.bits', why: 'it resolves 1 bit whatever adc.bits says' },
  { path: 'adc.columnsPerAdc', why: 'it has one amplifier per weight column, no column mux' },
  ignoredOffsetSetting(1),
  { path: 'adc.rangeMode', why: 'its one decision on a signed column compares the difference with its reference, not a range' },
];

export const SENSEAMP = {
  name: 'senseamp',
  label: '1-bit sense amplifier (ADC-less)',
  source: 'NeuroSim V1.4 MLSA, one comparator with its reference (docs/sources.md#circuits-1-4)',
  oneBitPerColumn: true,
  ignoredSettings: (): readonly IgnoredAdcSetting[] => SENSEAMP_IGNORED,
  outputBits: (): number => 1,
  cost: (): ConverterCost => senseAmpCostInto(blankConverterCost()),
  costInto: (_bits: number, _readVoltage_V: number, _columnResistance_ohm: number, out: ConverterCostSlot): ConverterCostSlot => senseAmpCostInto(out),
  columnsPerConverter: (): number => 1,
  needsMux: (inputs: number): boolean => inputs > 1,
  functional: threshold,
} as const satisfies AdcKindModule;
