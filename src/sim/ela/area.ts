/**
 * Area by component (mm², at the configured node): a weight layer's own hardware (crossbars, converters, periphery,
 * PE/tile buffers, routers, H-tree) and the chip-level parts (global buffer, LIF module).
 */
import { cellArea_um2 } from '../../hardware/components/crossbar.js';
import {
  ADDER_AREA_PER_BIT_um2, columnMuxArea_um2, REGISTER_AREA_PER_BIT_um2, ROW_DRIVER_AREA_um2, SHIFT_ADD_AREA_PER_BIT_um2,
} from '../../hardware/components/digital.js';
import { htreeArea_um2 } from '../../hardware/components/interconnect.js';
import type { HardwareConfig } from '../../hardware/config.js';
import { cellAreaAtNode_F2 } from '../../hardware/devices.js';
import { COMPONENT } from './components.js';
import type { ChipComponents } from './chip.js';
import type { WeightLayerDesign } from './design.js';

const C = COMPONENT;

/** Area of a weight layer's own hardware into `area` (by component index). Returns the tile side (mm, tileSide_mm). */
export function weightLayerArea(design: WeightLayerDesign, chip: ChipComponents, config: HardwareConfig, area: number[]): number {
  writeWeightLayerArea(design, chip, config, area);
  return tileSide_mm(design, area);
}

/**
 * The side of one of a weight layer's tiles (mm), square: its crossbars, converters, periphery and buffers (`area`,
 * the layer's, as writeWeightLayerArea wrote it) over its tiles. The H-tree's wire runs over it (price.ts).
 */
export function tileSide_mm(design: WeightLayerDesign, area: readonly number[]): number {
  return Math.sqrt((area[C.crossbar] + area[C.adc] + area[C.periphery] + area[C.buffer]) / design.tiles);
}

/**
 * weightLayerArea without its result: the engine reads the tile side from `area` where it needs it (a number
 * returned from a call V8 does not inline is a new HeapNumber, one per layer per evaluation).
 */
export function writeWeightLayerArea(design: WeightLayerDesign, chip: ChipComponents, config: HardwareConfig, area: number[]): void {
  const { m, hw } = design;
  const X = m.crossbarSize;
  const aScale = chip.areaScale;
  const cell_um2 = cellArea_um2(cellAreaAtNode_F2(hw.device.kind, config.tech.node_nm), config.tech.node_nm);
  area[C.crossbar] = m.crossbars * X * X * cell_um2 * 1e-6;
  area[C.adc] = design.converters * design.conv.area_um2 * aScale * 1e-6;
  const mux_um2 = design.hasMux ? columnMuxArea_um2(design.muxInputs) : 0;
  const perConverterPeriphery_um2 = mux_um2 + design.shiftedBits * SHIFT_ADD_AREA_PER_BIT_um2;
  // PE accumulators: with per-crossbar converters all of a PE's crossbars deliver their columns at once, X lanes;
  // with PE-shared converters each converter steps through its columns and, per column, through the PE's
  // crossbars, so the row-block partial sums of a column are summed in one adder + register lane per converter.
  const peLanes = design.sharePe ? design.adcsPerCrossbar : X;
  const laneArea_um2 = design.accumulatorBits * (ADDER_AREA_PER_BIT_um2 + REGISTER_AREA_PER_BIT_um2);
  const accumulators_um2 = (m.pes * peLanes + design.tiles * X) * laneArea_um2;
  const diffUnits_um2 = design.hasDiff ? design.tiles * X * (design.accumulatorBits + config.snn.weightBits) * ADDER_AREA_PER_BIT_um2 : 0;
  area[C.periphery] = (m.crossbars * X * ROW_DRIVER_AREA_um2 + design.converters * perConverterPeriphery_um2 + accumulators_um2 + diffUnits_um2)
    * aScale * 1e-6;
  area[C.buffer] = (m.pes * chip.peBufferArea_um2 + design.tiles * chip.tileBufferArea_um2) * aScale * 1e-6;
  area[C.noc] = design.tiles * chip.routerArea_mm2 * aScale;
  const leaves = Math.min(m.crossbars, config.arch.crossbarsPerPe * config.arch.pesPerTile);
  area[C.htree] = design.tiles * htreeArea_um2(tileSide_mm(design, area), leaves, config.arch.nocWidth_bits) * 1e-6;
}

/**
 * Chip-level area into `area`: the global buffer and the LIF module, whose U_mem cache keeps every weight layer's
 * membrane potentials (each layer owns a region, as in SpikeSim's neuron-memory sum, so consecutive inputs can overlap).
 */
export function chipArea(chip: ChipComponents, area: number[]): void {
  area[C.buffer] = chip.globalBufferArea_um2 * chip.areaScale * 1e-6;
  area[C.lif] = (chip.lif.cacheArea_um2 + chip.lif.logicArea_um2) * chip.areaScale * 1e-6;
}
