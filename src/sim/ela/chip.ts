/**
 * The chip-level component instances every layer shares, sized once per evaluation: SRAM buffers (CACTI 7), NoC
 * routers (CACTI 7), the LIF module with its U_mem cache, and the 65 nm -> node scaling. Each answers energy per
 * action, area and leakage for its attributes.
 */
import { nocEnergyPerBitHop_pJ, routerArea_mm2 } from '../../hardware/components/interconnect.js';
import { LIF_CACHE_KINDS, lifCost, type LifCost } from '../../hardware/components/lif.js';
import { areaScaleFrom65nm, energyScaleFrom65nm, wireEnergyScaleFrom65nm } from '../../hardware/components/scaling.js';
import { BITS_PER_KB, sramArea_um2, sramCost, type SramCost } from '../../hardware/components/sram.js';
import { sramLeakage_W } from '../../hardware/components/sramLeakage.js';
import type { HardwareConfig } from '../../hardware/config.js';

export interface ChipComponents {
  /** 65 nm -> node energy factor. */
  readonly energyScale: number;
  /** 65 nm -> node factor of a wire's energy per bit per mm (V_dd² only: its length scales with the area). */
  readonly wireEnergyScale: number;
  /** 65 nm -> node area factor. */
  readonly areaScale: number;
  readonly globalBuffer: SramCost;
  readonly tileBuffer: SramCost;
  readonly peBuffer: SramCost;
  /** Areas at 65 nm (the global buffer's: chipArea, once per chip instead of once per evaluation). */
  readonly globalBufferArea_um2: number;
  readonly tileBufferArea_um2: number;
  readonly peBufferArea_um2: number;
  readonly routerArea_mm2: number;
  readonly nocEnergyPerBitHop_pJ: number;
  readonly lif: LifCost;
}

export function chipComponents(config: HardwareConfig, lifNeurons: number): ChipComponents {
  const kb = config.arch.buffer_KB;
  return {
    energyScale: energyScaleFrom65nm(config.tech.node_nm),
    wireEnergyScale: wireEnergyScaleFrom65nm(config.tech.node_nm),
    areaScale: areaScaleFrom65nm(config.tech.node_nm),
    globalBuffer: sramCost(kb.global),
    tileBuffer: sramCost(kb.tile),
    peBuffer: sramCost(kb.pe),
    globalBufferArea_um2: sramArea_um2(kb.global),
    tileBufferArea_um2: sramArea_um2(kb.tile),
    peBufferArea_um2: sramArea_um2(kb.pe),
    routerArea_mm2: routerArea_mm2(config.arch.nocWidth_bits),
    nocEnergyPerBitHop_pJ: nocEnergyPerBitHop_pJ(config.arch.nocWidth_bits),
    lif: lifCost(lifNeurons, config.snn.membraneBits, config.snn.lifCache),
  };
}

/**
 * Leakage power (W) of the chip: SRAM (LSTP) of every buffer and of the U_mem cache, at the node's LSTP device
 * (sramLeakage_W); it leaks over the whole inference and is charged to layers by time.
 */
export function chipLeakage_W(config: HardwareConfig, pes: number, tiles: number, lifNeurons: number): number {
  const sramKB = config.arch.buffer_KB.global + pes * config.arch.buffer_KB.pe + tiles * config.arch.buffer_KB.tile
    + (LIF_CACHE_KINDS[config.snn.lifCache].sramLeakage ? (lifNeurons * config.snn.membraneBits) / BITS_PER_KB : 0);
  return sramLeakage_W(sramKB, config.tech.node_nm);
}
