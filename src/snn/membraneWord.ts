/**
 * The U_mem word (snn.membraneBits = b; docs/sources.md#umem-word): the LIF datapath (adders, comparator, register)
 * and the U_mem cache are b bits wide (src/hardware/components/lif.ts), so every potential a LIF step leaves is a
 * b-bit two's-complement fixed-point number [assumption: range [-2θ, 2θ), LSB Δ = 4θ / 2^b; θ is a level (2^(b-2) Δ),
 * and one bit of headroom above θ holds what a subtract reset leaves, u - θ, when an input overshoots; chosen from
 * the LIF's own range, not fitted to any accuracy]: rounded to the nearest level, saturated at the ends. Applied by
 * the LIF step itself (lif.ts lifStep, and wasm/lif.ts lifSubtractWord op for op), after the reset.
 */
import { ConfigError } from '../core/errors.js';

/** The word spans [-2θ, 2θ): its half range in thresholds [assumption above]. */
export const MEMBRANE_WORD_HALF_RANGE_THETA = 2;

/** Widths the word model takes: θ must be a level (b >= 2) and every level an exact float64 (b <= 53). */
const MEMBRANE_WORD_BITS = { min: 2, max: 53 } as const;

/** The b-bit word's levels: k · lsb for integer k in [kMin, kMax]. */
export interface MembraneWord {
  readonly lsb: number;
  readonly kMin: number;
  readonly kMax: number;
}

/** The b-bit two's-complement word on [-2θ, 2θ): LSB Δ = 4θ / 2^b, levels -2^(b-1) Δ ... (2^(b-1) - 1) Δ. */
export function membraneWordOf(bits: number, threshold: number): MembraneWord {
  if (!Number.isInteger(bits) || bits < MEMBRANE_WORD_BITS.min || bits > MEMBRANE_WORD_BITS.max) {
    throw new ConfigError(`snn.membraneBits: got ${bits}, expected an integer in [${MEMBRANE_WORD_BITS.min}, ${MEMBRANE_WORD_BITS.max}]`);
  }
  const half = 2 ** (bits - 1);
  return { lsb: (2 * MEMBRANE_WORD_HALF_RANGE_THETA * threshold) / 2 ** bits, kMin: -half, kMax: half - 1 };
}

/**
 * `u` as the word holds it: the nearest level (a tie goes up, as adding half an LSB and truncating does), saturated
 * at the word's ends -2θ and 2θ - Δ.
 */
export function membraneWord(u: number, word: MembraneWord): number {
  const k = Math.round(u / word.lsb);
  // + 0: the word has one zero (a small negative rounds to -0 in float64).
  return (k < word.kMin ? word.kMin : k > word.kMax ? word.kMax : k) * word.lsb + 0;
}
