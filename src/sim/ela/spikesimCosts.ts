/**
 * `arch.componentCosts = 'spikesim-ela'`: a weight layer's energy and area priced with SpikeSim's ELA-script
 * constants (src/hardware/components/spikesimEla.ts) instead of our component models, to reproduce the script under
 * its own assumptions (docs/simulator.md §7). The script's accounting, per PE cycle (one PE read of one output
 * position in one timestep), with a = X / columnsPerAdc converters per PE, each stepping through columnsPerAdc
 * columns, and k = crossbars per PE:
 *   crossbar  columnsPerAdc · k · 1.76423        adc  columnsPerAdc · a · 2.03084
 *   periphery columnsPerAdc · a · 0.094245 (mux) + a · 16 · 1.15e-6 (Sub)
 *   buffer    397 (tile buffer) + a · 0.2 (temp buffer) + 4.64 (input fetch)
 *   lif       5.096 (neuron)                      htree 157.12
 * Energy = PE cycles · T of the above; PE cycles = PEs · output positions. No NoC, leakage or pooling energy (the
 * script has none). Area per tile: pesPerTile PEs of k crossbars and a converters + mux units, a Sub lanes, the temp
 * and tile buffers and a fixed H-tree; the chip adds an input memory (every weight layer's input map, 22 bits per
 * activation) and the U_mem cache (every weight layer's neurons x membraneBits; the script counts its first five).
 */
import { SPIKESIM_AREA_um2 as AR, SPIKESIM_ENERGY_pJ as EN, SPIKESIM_INPUT_ACTIVATION_BITS } from '../../hardware/components/spikesimEla.js';
import { BITS_PER_KB } from '../../hardware/components/sram.js';
import type { HardwareConfig } from '../../hardware/config.js';
import { COMPONENT } from './components.js';
import type { WeightLayerDesign } from './design.js';

const C = COMPONENT;

/** Energy (pJ, by component) of one PE cycle under the script's constants. */
export function spikesimPeCycleEnergy(design: WeightLayerDesign, config: HardwareConfig, out: number[]): void {
  const cpa = design.hw.adc.columnsPerAdc;
  const a = design.m.crossbarSize / cpa;
  const k = config.arch.crossbarsPerPe;
  out.fill(0);
  out[C.crossbar] = cpa * k * EN.crossbarSlot;
  out[C.adc] = cpa * a * EN.adcConversion;
  out[C.periphery] = cpa * a * EN.muxConversion + a * 16 * EN.subtract;
  out[C.buffer] = EN.tileBuffer + a * EN.tempBuffer + EN.memFetch;
  out[C.lif] = EN.neuron;
  out[C.htree] = EN.htree;
}

/** A weight layer's energy and area (by component) under the script's constants; `tiles`: the layer's share of tiles. */
export function spikesimWeightLayer(design: WeightLayerDesign, config: HardwareConfig, tiles: number, energy: number[], area: number[]): void {
  spikesimPeCycleEnergy(design, config, energy);
  const peCycles = design.m.pes * design.m.positions * config.snn.timesteps;
  for (let c = 0; c < energy.length; c++) energy[c] *= peCycles;
  const a = design.m.crossbarSize / design.hw.adc.columnsPerAdc;
  const ppt = config.arch.pesPerTile;
  area.fill(0);
  area[C.crossbar] = tiles * ppt * config.arch.crossbarsPerPe * AR.crossbar * 1e-6;
  area[C.adc] = tiles * ppt * a * AR.adc * 1e-6;
  area[C.periphery] = tiles * (ppt * a * AR.mux + a * AR.subtract) * 1e-6;
  area[C.buffer] = tiles * (AR.tempBuffer + config.arch.buffer_KB.tile * BITS_PER_KB * AR.memoryBit) * 1e-6;
  area[C.htree] = tiles * AR.htreePerTile * 1e-6;
}

/** Chip-level area (mm², into `area`): the input memory and the U_mem cache, at the script's bit area. */
export function spikesimChipArea(config: HardwareConfig, inputActivations: number, lifNeurons: number, area: number[]): void {
  area.fill(0);
  area[C.buffer] = inputActivations * SPIKESIM_INPUT_ACTIVATION_BITS * AR.memoryBit * 1e-6;
  area[C.lif] = lifNeurons * config.snn.membraneBits * AR.memoryBit * 1e-6;
}
