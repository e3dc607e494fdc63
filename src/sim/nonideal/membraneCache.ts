/**
 * The U_mem (membrane-potential) cache (review Sec. V B, Fig. 12 c; issue 11 item 7): between timesteps every spiking
 * neuron's potential is written to the cache and read back at the next step.
 * - The word: the LIF datapath (adders, comparator, register) and the cache are snn.membraneBits = b wide
 *   (src/hardware/components/lif.ts), so every stored potential is a b-bit two's-complement fixed-point number
 *   [assumption: range [-2θ, 2θ), LSB Δ = 4θ / 2^b; θ is a level (2^(b-2) Δ), and one bit of headroom above θ holds
 *   what a subtract reset leaves, u - θ, when an input overshoots; chosen from the LIF's own range, not fitted to any
 *   accuracy]: rounded to the nearest level, saturated at the ends (`membraneWord`).
 * - An SRAM cache is a digital latch: it stores the word exactly.
 * - A FeFET cache stores it as a polarisation state [assumption: one analog FeFET per neuron, its write driver sets
 *   the b-bit word as the target, potentials in [-θ, θ] mapped linearly on its window, stored values clipped to it;
 *   the read back into the b-bit datapath is not modelled as a second rounding], with
 *   - write variation: each write lands at the target plus N(0, σ_w · full scale), σ_w = snn.lifCacheWriteSigma, and
 *     what lands beyond the window saturates at its end (the clip applies to the written value, noise included);
 *   - retention: the stored polarisation relaxes toward the erased (zero) state, U·exp(-Δt/τ) over the time Δt between
 *     writes, τ = snn.lifCacheRetention_s (review: 1e3-1e4 s; at µs-ms timesteps the factor is 1 - 1e-6 or closer).
 * Seeded per sample (reseed), so results are deterministic. Pure model: the hook in src/snn/inference.ts calls
 * `store` after each LIF step with the layer's potentials.
 */
import { ConfigError } from '../../core/errors.js';
import type { LifCache } from '../../hardware/configTypes.js';
import { createRng, type Rng } from '../../util/rng.js';

/**
 * The U_mem word spans [-2θ, 2θ): its half range in thresholds [assumption, docs/sources.md#umem-word: a subtract
 * reset leaves u - θ < θ + max input, so one bit above θ; not fitted].
 */
export const MEMBRANE_WORD_HALF_RANGE_THETA = 2;

/** Widths the word model takes: θ must be a level (b >= 2) and every level an exact float64 (b <= 53). */
const MEMBRANE_WORD_BITS = { min: 2, max: 53 } as const;

/** The b-bit U_mem word's levels: k · lsb for integer k in [kMin, kMax]. */
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
 * `u` as the word stores it: the nearest level (a tie goes up, as adding half an LSB and truncating does), saturated
 * at the word's ends -2θ and 2θ - Δ.
 */
export function membraneWord(u: number, word: MembraneWord): number {
  const k = Math.round(u / word.lsb);
  // + 0: the word has one zero (a small negative rounds to -0 in float64).
  return (k < word.kMin ? word.kMin : k > word.kMax ? word.kMax : k) * word.lsb + 0;
}

/** Stored potentials span [-θ, θ]: full scale 2θ [assumption: θ is the largest kept potential; below -θ clips]. */
export const MEMBRANE_FULL_SCALE_THETA = 2;

/**
 * Time between a potential's write and its read at the next timestep [assumption: 1 ms, longer than a timestep of
 * any zoo network under the defaults (VGG16/CIFAR10: 2.0 ms for 4 timesteps), so retention loss is if anything
 * overstated].
 */
export const MEMBRANE_WRITE_INTERVAL_s = 1e-3;

export interface MembraneCacheParams {
  /** The cache technology (snn.lifCache): 'sram' stores the word exactly, 'fefet' adds write noise, window and retention. */
  readonly kind: LifCache;
  /** The word's width b (snn.membraneBits). */
  readonly bits: number;
  /** Write variation, σ as a fraction of the full scale, per write. */
  readonly writeSigma: number;
  /** Retention time constant (s); Infinity = none. */
  readonly retention_s: number;
  /** Time between a write and the read at the next timestep (s). */
  readonly interval_s: number;
  /** LIF threshold θ (the potentials' units). */
  readonly threshold: number;
}

export interface MembraneCache {
  /** Start a sample: fresh write-noise draws from `seed`. */
  reseed(seed: string): void;
  /** The potentials as the cache returns them at the next timestep (in place). */
  store(membrane: Float64Array): void;
}


export function membraneCache(p: MembraneCacheParams): MembraneCache {
  const word = membraneWordOf(p.bits, p.threshold);
  if (p.kind === 'sram') {
    return {
      reseed() {},
      store(membrane) {
        for (let i = 0; i < membrane.length; i++) membrane[i] = membraneWord(membrane[i], word);
      },
    };
  }
  const keep = Math.exp(-p.interval_s / p.retention_s);
  const lo = -p.threshold;
  const hi = p.threshold;
  const sigma = p.writeSigma * MEMBRANE_FULL_SCALE_THETA * p.threshold;
  let rng: Rng = createRng('membrane-cache');
  return {
    reseed(seed) {
      rng = createRng(`membrane-cache:${seed}`);
    },
    store(membrane) {
      for (let i = 0; i < membrane.length; i++) {
        // The driver writes the b-bit word; it lands at word + noise, and the polarisation saturates at the window's
        // ends: clip what is stored.
        let u = membraneWord(membrane[i], word);
        if (sigma > 0) u += sigma * rng.normal();
        membrane[i] = (u < lo ? lo : u > hi ? hi : u) * keep;
      }
    },
  };
}
