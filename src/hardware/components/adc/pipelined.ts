/** PROBE: pipelined ADC (Murmann survey envelope; docs/sources.md#circuits-1-1) [assumption]. */
import { ADC_NOISE_ENERGY_PER_4POW_pJ, type AdcKindModule, type ConverterCost } from './kind.js';
import { MULTIPLEXED_QUANTIZER } from './multiplexed.js';

/** One stage per bit, 0.5 ns per stage throughput [assumption]. */
export const PIPELINED_STAGE_ns = 0.5;
/** Energy per stage, pJ [assumption]. */
export const PIPELINED_STAGE_ENERGY_pJ = 0.2;
/** Area per stage, µm² [assumption]. */
export const PIPELINED_STAGE_AREA_um2 = 300;

function pipelinedCost(bits: number): ConverterCost {
  return {
    energy_pJ: bits * PIPELINED_STAGE_ENERGY_pJ + ADC_NOISE_ENERGY_PER_4POW_pJ * 4 ** bits,
    conversion_ns: PIPELINED_STAGE_ns,
    area_um2: bits * PIPELINED_STAGE_AREA_um2,
    bits,
  };
}

export const PIPELINED = {
  name: 'pipelined',
  label: 'pipelined',
  source: 'probe',
  ...MULTIPLEXED_QUANTIZER,
  cost: pipelinedCost,
} as const satisfies AdcKindModule;
