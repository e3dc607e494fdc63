/**
 * Digital periphery at 65 nm (NeuroSim V1.4 components, LSTP, V_dd 1.1 V; ISAAC and SpikeSim where noted;
 * docs/sources.md#circuits-3-2): adders, registers, shift-and-add, column mux, row drivers, comparators.
 */
import { wordlineCapacitance_F } from './crossbar.js';
import { nominalVdd_V } from './scaling.js';

/** Supply voltage at 65 nm (CACTI 65nm.dat, docs/sources.md#circuits-5). */
export const VDD_V = 1.1;
/** Ripple-carry adder: 16 b 137 fJ / 194 µm² -> per bit (NeuroSim V1.4, docs/sources.md#circuits-3-2). */
export const ADDER_ENERGY_PER_BIT_pJ = 0.137 / 16;
export const ADDER_AREA_PER_BIT_um2 = 194 / 16;
/** DFF register: 11.2 fJ per bit per clock, 11.4 µm² per bit (NeuroSim V1.4). */
export const REGISTER_ENERGY_PER_BIT_pJ = 0.0112;
export const REGISTER_AREA_PER_BIT_um2 = 11.4;
/** Shift-and-add after a 5-bit SAR: 41 fJ per column output on a 9-bit (5 + 4 shifted) word -> per bit (NeuroSim V1.4 run). */
export const SHIFT_ADD_ENERGY_PER_BIT_pJ = 0.041 / 9;
/** ISAAC 16-bit shift-add scaled to 65 nm: 198 µm² -> per bit (hwcomponents-library isaac.py, docs/sources.md#circuits-3-2). */
export const SHIFT_ADD_AREA_PER_BIT_um2 = 198 / 16;
/** Column mux: 23 fJ per column switched (NeuroSim V1.4); 45.9 µm² per 8:1 mux, one per ADC (SpikeSim ela_spikesim.py). */
export const MUX_ENERGY_PER_COLUMN_pJ = 0.023;
export const MUX_AREA_PER_ADC_um2 = 45.9;
/** Aladdin 32-b comparator scaled to 65 nm: 0.062 pJ / 156 µm² -> per bit (docs/sources.md#circuits-3-2). */
export const COMPARATOR_ENERGY_PER_BIT_pJ = 0.062 / 32;
export const COMPARATOR_AREA_PER_BIT_um2 = 156 / 32;
/** A 1-bit row driver is an input latch plus buffer: one register's area [inference from NeuroSim DFF area]. */
export const ROW_DRIVER_AREA_um2 = REGISTER_AREA_PER_BIT_um2;

/** Inputs of the 8:1 column mux that MUX_AREA_PER_ADC_um2 prices (SpikeSim: xbar_size/8 ADCs, one 8:1 mux each). */
export const MUX_INPUTS_PER_UNIT = 8;

/**
 * Area of the column mux in front of one converter with `inputs` multiplexed columns: a tree of 8:1 muxes,
 * ceil(inputs / 8) of SpikeSim's 45.9 µm² units (the small second stage is neglected) [inference].
 */
export function columnMuxArea_um2(inputs: number): number {
  return Math.ceil(Math.max(inputs, 1) / MUX_INPUTS_PER_UNIT) * MUX_AREA_PER_ADC_um2;
}

/** Column mux area, none when `singleColumnBypass` and one column (a per-column sense amplifier needs no mux). */
export function muxArea_um2(inputs: number, singleColumnBypass: boolean): number {
  if (singleColumnBypass && inputs <= 1) return 0;
  return columnMuxArea_um2(inputs);
}

export function adderEnergy_pJ(bits: number): number {
  return ADDER_ENERGY_PER_BIT_pJ * bits;
}

/**
 * One accumulate of a `bits`-wide partial sum: the lane's ripple-carry adder and the register it clocks the sum into
 * (NeuroSim V1.4 adder and DFF, docs/sources.md#circuits-3-2); the lane's area counts both (ela/area.ts).
 */
export function accumulateEnergy_pJ(bits: number): number {
  return (ADDER_ENERGY_PER_BIT_pJ + REGISTER_ENERGY_PER_BIT_pJ) * bits;
}

export function shiftAddEnergy_pJ(bits: number): number {
  return SHIFT_ADD_ENERGY_PER_BIT_pJ * bits;
}

/**
 * Energy to activate one row of a `columns`-wide crossbar of cells with on-resistance `rOn_ohm` at `node_nm`: the
 * word line (wire + the access transistors' gates, wordlineCapacitance_F, docs/sources.md#circuits-2-1) swung to the
 * node's nominal V_dd to open the access transistors [inference]. Priced at the node already: no gate-energy factor
 * on top.
 */
export function rowDriverEnergy_pJ(columns: number, node_nm: number, rOn_ohm: number): number {
  const vdd_V = nominalVdd_V(node_nm);
  return wordlineCapacitance_F(columns, node_nm, rOn_ohm) * vdd_V * vdd_V * 1e12;
}
