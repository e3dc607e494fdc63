/**
 * Direct input coding: the first weight layer receives each input value x in [0, 1] as an 8-bit code
 * round(255 x), applied bit-serially by the row drivers (one bit plane per read). The software engine, the
 * ADC-less trainer, the crossbar model and the ELA engine all read DIRECT_INPUT_PLANES below.
 */

/**
 * Bit planes of the direct-coded input, applied bit-serially through 1-bit row drivers (ISAAC/NeuroSim;
 * docs/accuracy.md "Input"). The one source: the ELA engine's input cycles (src/sim/mapping.ts inputPlanes), the
 * crossbar model (src/sim/nonideal/layer.ts) and the ADC-less trainer all read it.
 */
export const DIRECT_INPUT_PLANES = 8;

/** Largest direct-input code: inputs in [0, 1] are applied as round(x * DIRECT_INPUT_CODES), 2^planes - 1. */
export const DIRECT_INPUT_CODES = 2 ** DIRECT_INPUT_PLANES - 1;

/** The 8-bit code the hardware applies for a direct input value x (round(255 x), clipped to [0, 255]). */
export function directInputCode(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? DIRECT_INPUT_CODES : Math.round(x * DIRECT_INPUT_CODES);
}
