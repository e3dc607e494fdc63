/**
 * The LIF neuron module (global level) with its U_mem cache (review Sec. IV C 1, Fig. 6 b; docs/sources.md#circuits-3-4).
 * Per neuron per timestep: read U_mem, integrate, leak (shift + subtract), compare with θ, select reset, clock the
 * lane's register, write back.
 */
import type { LifCache } from '../config.js';
import {
  ADDER_AREA_PER_BIT_um2, adderEnergy_pJ, COMPARATOR_AREA_PER_BIT_um2, COMPARATOR_ENERGY_PER_BIT_pJ, REGISTER_AREA_PER_BIT_um2, REGISTER_ENERGY_PER_BIT_pJ,
} from './digital.js';
import { BITS_PER_KB, heldSramCost } from './sram.js';

/** FeFET U_mem cache vs SRAM: ~7x smaller LIF area, ~3x write energy (review Sec. V B, Fig. 12; docs/sources.md#review). */
export const FEFET_AREA_FACTOR = 1 / 7;
export const FEFET_WRITE_ENERGY_FACTOR = 3;
/**
 * What the engines ask of a U_mem cache kind (snn.lifCache), one record per kind in LIF_CACHE_KINDS: its write energy
 * and area against an SRAM cache of the same words, whether it leaks as SRAM does, and whether it stores each
 * potential in an analog cell (the accuracy engine's write variation and retention, src/sim/nonideal/membraneCache.ts).
 */
export interface LifCacheKind {
  readonly writeEnergyFactor: number;
  readonly areaFactor: number;
  /** Counted in the chip's SRAM leakage (src/sim/ela/chip.ts chipLeakage_W); a non-volatile cache is not. */
  readonly sramLeakage: boolean;
  /** Each potential in one analog cell (snn.lifCacheWriteSigma, snn.lifCacheRetention_s act); false: stored exactly. */
  readonly analog: boolean;
}

/** The U_mem cache kinds: adding one = its name in LIF_CACHES (src/hardware/configTypes.ts) + its record here. */
export const LIF_CACHE_KINDS: Readonly<Record<LifCache, LifCacheKind>> = {
  sram: { writeEnergyFactor: 1, areaFactor: 1, sramLeakage: true, analog: false },
  fefet: { writeEnergyFactor: FEFET_WRITE_ENERGY_FACTOR, areaFactor: FEFET_AREA_FACTOR, sramLeakage: false, analog: true },
};

/** Reset/output multiplexer per neuron update, docs/sources.md#circuits-3-4 [inference]. */
export const LIF_MUX_ENERGY_pJ = 0.02;
/** Parallel LIF lanes in the module: one crossbar's worth of columns per clock [inference]. */
export const LIF_LANES = 64;

export interface LifCost {
  /** Energy of one neuron update (pJ). */
  readonly updateEnergy_pJ: number;
  /** U_mem cache area (µm²). */
  readonly cacheArea_um2: number;
  /** LIF datapath area: LIF_LANES lanes of integrate adder, leak adder, comparator and register (µm²). */
  readonly logicArea_um2: number;
}

/** LIF cost for a U_mem cache holding `neurons` membrane potentials of `membraneBits` bits. */
export function lifCost(neurons: number, membraneBits: number, cache: LifCache): LifCost {
  const cacheBits = neurons * membraneBits;
  const sram = heldSramCost(Math.max(cacheBits / BITS_PER_KB, 1e-3));
  const { writeEnergyFactor: writeFactor, areaFactor } = LIF_CACHE_KINDS[cache];
  const memory_pJ = membraneBits * (sram.read_pJ_per_bit + writeFactor * sram.write_pJ_per_bit);
  // The lane's register (its area below) is clocked once per update: NeuroSim DFF, docs/sources.md#circuits-3-2.
  const datapath_pJ = 2 * adderEnergy_pJ(membraneBits) + COMPARATOR_ENERGY_PER_BIT_pJ * membraneBits + LIF_MUX_ENERGY_pJ
    + REGISTER_ENERGY_PER_BIT_pJ * membraneBits;
  const laneArea_um2 = membraneBits * (2 * ADDER_AREA_PER_BIT_um2 + COMPARATOR_AREA_PER_BIT_um2 + REGISTER_AREA_PER_BIT_um2);
  return {
    updateEnergy_pJ: memory_pJ + datapath_pJ,
    cacheArea_um2: cacheBits * sram.area_um2_per_bit * areaFactor,
    logicArea_um2: LIF_LANES * laneArea_um2,
  };
}
