/**
 * What the multi-bit converters (SAR, flash, ramp) share: adc.columnsPerAdc columns per converter through a column
 * mux, adc.bits output bits, and the uniform quantizer as their functional transfer.
 */
import type { AdcKindModule } from './kind.js';
import { quantizer } from './transfer.js';

export const MULTIPLEXED_QUANTIZER = {
  oneBitPerColumn: false,
  ignoresBits: false,
  outputBits: (adcBits: number): number => adcBits,
  columnsPerConverter: (columnsPerAdc: number): number => columnsPerAdc,
  needsMux: (inputs: number): boolean => inputs > 1,
  functional: quantizer,
} as const satisfies Partial<AdcKindModule>;
