/**
 * The 1-bit sense amplifier of ADC-less designs: one per weight column, no mux (a mux only when PE sharing makes
 * it serve several columns), 1 output bit whatever adc.bits says, a threshold transfer (docs/sources.md#circuits-1-4;
 * preamble: senseamp = 1 bit per column).
 */
import { ignoredOffsetSetting, type AdcKindModule, type ConverterCost, type IgnoredAdcSetting } from './kind.js';
import { threshold } from './transfer.js';

/** 1-bit sense amplifier incl. reference, one per column: 9 fJ, 17 µm² (docs/sources.md#circuits-1-4). */
export const SENSEAMP_ENERGY_pJ = 0.009;
export const SENSEAMP_AREA_um2 = 17;
/** Voltage latch resolution time 21 ps (NeuroSim V1.4 latch VSA, docs/sources.md#circuits-1-2). */
export const SENSEAMP_LATCH_ns = 0.021;

// A bare latch: its 9 fJ is all circuit (the 1-bit noise term, 0.6 aJ, is inside the comparator's own figure).
const SENSEAMP_COST: ConverterCost = { circuitEnergy_pJ: SENSEAMP_ENERGY_pJ, noiseEnergy_pJ: 0, conversion_ns: SENSEAMP_LATCH_ns, area_um2: SENSEAMP_AREA_um2, bits: 1 };

/** A sense amplifier resolves one bit on its own column: the resolution, the column mux and the multi-bit offset are not its. */
const SENSEAMP_IGNORED: readonly IgnoredAdcSetting[] = [
  { path: 'adc.bits', why: 'it resolves 1 bit whatever adc.bits says' },
  { path: 'adc.columnsPerAdc', why: 'it has one amplifier per weight column, no column mux' },
  ignoredOffsetSetting(1),
];

export const SENSEAMP = {
  name: 'senseamp',
  label: '1-bit sense amplifier (ADC-less)',
  source: 'NeuroSim V1.4 latch VSA',
  oneBitPerColumn: true,
  ignoresBits: true,
  ignoredSettings: (): readonly IgnoredAdcSetting[] => SENSEAMP_IGNORED,
  outputBits: (): number => 1,
  cost: (): ConverterCost => ({ ...SENSEAMP_COST }),
  columnsPerConverter: (): number => 1,
  needsMux: (inputs: number): boolean => inputs > 1,
  functional: threshold,
} as const satisfies AdcKindModule;
