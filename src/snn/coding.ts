/**
 * Direct input coding: the first weight layer receives each input value x in [0, 1] as an 8-bit code
 * round(255 x), applied bit-serially by the row drivers (one bit plane per read). The software engine, the
 * ADC-less trainer and the crossbar model (src/sim/nonideal/device.ts DIRECT_INPUT_BITS) all agree on this.
 */

/** Largest direct-input code: inputs in [0, 1] are applied as round(x * 255) (8-bit, bit-serial). */
export const DIRECT_INPUT_CODES = 255;

/**
 * Bit planes of the direct-coded input: 8-bit codes 0..DIRECT_INPUT_CODES, as the crossbar model applies them
 * (src/sim/nonideal/device.ts DIRECT_INPUT_BITS; docs/accuracy.md "Input").
 */
export const DIRECT_INPUT_PLANES = 8;

/** The 8-bit code the hardware applies for a direct input value x (round(255 x), clipped to [0, 255]). */
export function directInputCode(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? DIRECT_INPUT_CODES : Math.round(x * DIRECT_INPUT_CODES);
}
