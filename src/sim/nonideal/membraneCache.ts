/**
 * The U_mem (membrane-potential) cache's own non-idealities (review Sec. V B, Fig. 12 c; issue 11 item 7): between
 * timesteps every spiking neuron's potential is written to the cache and read back at the next step. What is written
 * is the LIF datapath's snn.membraneBits word (src/snn/membraneWord.ts, applied by the LIF step). An SRAM cache is a
 * digital latch and stores the word exactly. A FeFET cache stores it as a polarisation state [assumption: one analog
 * FeFET per neuron, its write driver setting the word as the target, potentials in [-θ, θ] mapped linearly on its
 * window, stored values clipped to it; the read back into the b-bit datapath is not modelled as a second rounding], with
 * - write variation: each write lands at the target plus N(0, σ_w · full scale), σ_w = snn.lifCacheWriteSigma, and
 *   what lands beyond the window saturates at its end (the clip applies to the written value, noise included);
 * - retention: the stored polarisation relaxes toward the erased (zero) state, U·exp(-Δt/τ) over the time Δt between
 *   writes, τ = snn.lifCacheRetention_s (review: 1e3-1e4 s; at µs-ms timesteps the factor is 1 - 1e-6 or closer).
 * Seeded per sample (reseed), so results are deterministic. Pure model: the hook in src/snn/inference.ts calls
 * `store` after each LIF step with the layer's potentials.
 */
import { createRng, type Rng } from '../../util/rng.js';

/** Stored potentials span [-θ, θ]: full scale 2θ [assumption: θ is the largest kept potential; below -θ clips]. */
export const MEMBRANE_FULL_SCALE_THETA = 2;

/**
 * Time between a potential's write and its read at the next timestep [assumption: 1 ms, longer than a timestep of
 * any zoo network under the defaults (VGG16/CIFAR10: 2.0 ms for 4 timesteps), so retention loss is if anything
 * overstated].
 */
export const MEMBRANE_WRITE_INTERVAL_s = 1e-3;

export interface MembraneCacheParams {
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
        // The driver writes the word (the LIF step's output); it lands at word + noise, and the polarisation saturates
        // at the window's ends: clip what is stored.
        let u = membrane[i];
        if (sigma > 0) u += sigma * rng.normal();
        membrane[i] = (u < lo ? lo : u > hi ? hi : u) * keep;
      }
    },
  };
}
