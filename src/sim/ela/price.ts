/**
 * Prices: energy per action (pJ, at the configured node) from the per-component models of src/hardware/components,
 * for one layer's attributes (word widths, sensing time, tile size). Only prices here: counts are counts.ts.
 * Everything digital scales from 65 nm with Stillmaker-Baas; the H-tree wire with V_dd² only (its length is the
 * node's tile side); the word line is priced at the node (rowDriverEnergy_pJ); the cell read energy V²·G·t is
 * physical as it is.
 */
import { cellReadEnergy_pJ } from '../../hardware/components/crossbar.js';
import { conversionEnergy_pJ } from '../../hardware/components/adc.js';
import { accumulateEnergy_pJ, adderEnergy_pJ, COMPARATOR_ENERGY_PER_BIT_pJ, MUX_ENERGY_PER_COLUMN_pJ, rowDriverEnergy_pJ, shiftAddEnergy_pJ } from '../../hardware/components/digital.js';
import { wireEnergy_pJ } from '../../hardware/components/interconnect.js';
import type { HardwareConfig } from '../../hardware/config.js';
import { pooledCountBits } from '../../model/resolve.js';
import { ceilLog2 } from '../../core/index.js';
import { DIRECT_INPUT_CODES, DIRECT_INPUT_PLANES } from '../../snn/coding.js';
import type { ResolvedLayer } from '../../model/types.js';
import { ACTION, type ActionVector } from './actions.js';
import { tileSide_mm } from './area.js';
import type { ChipComponents } from './chip.js';
import type { WeightLayerDesign } from './design.js';
import { RecentResults } from './recent.js';

const A = ACTION;

/**
 * Prices shared by every layer: buffers, LIF, NoC (pJ per action), once per evaluation; every other entry 0. The
 * layer pricers start from a copy and set their own entries.
 */
export function priceChipActions(chip: ChipComponents, out: ActionVector): void {
  const s = chip.energyScale;
  out.fill(0);
  out[A.globalBufferReadBit] = chip.globalBuffer.read_pJ_per_bit * s;
  out[A.globalBufferWriteBit] = chip.globalBuffer.write_pJ_per_bit * s;
  out[A.tileBufferReadBit] = chip.tileBuffer.read_pJ_per_bit * s;
  out[A.tileBufferWriteBit] = chip.tileBuffer.write_pJ_per_bit * s;
  out[A.peBufferReadBit] = chip.peBuffer.read_pJ_per_bit * s;
  out[A.peBufferWriteBit] = chip.peBuffer.write_pJ_per_bit * s;
  out[A.lifUpdate] = chip.lif.updateEnergy_pJ * s;
  out[A.nocBitHop] = chip.nocEnergyPerBitHop_pJ * s;
}

/**
 * Prices of a weight layer's actions into `out`. `area`: the layer's area by component (area.ts writeWeightLayerArea),
 * whose tile side (tileSide_mm) sets the H-tree wire length.
 */
export function priceWeightLayer(
  design: WeightLayerDesign, chip: ChipComponents, chipPrices: ActionVector, config: HardwareConfig, area: readonly number[], out: ActionVector,
): void {
  out.set(chipPrices);
  writeWeightLayerPrices(design, chip, config, area, out);
}

/**
 * The entries priceWeightLayer sets over the chip's prices, every one of them on every call: into a vector that
 * already holds priceChipActions' prices for `chip` (and only this function's entries besides), the same vector as
 * priceWeightLayer's without copying the chip's prices per layer (the copy was ~1/3 of the layer's pricing).
 */
export function writeWeightLayerPrices(design: WeightLayerDesign, chip: ChipComponents, config: HardwareConfig, area: readonly number[], out: ActionVector): void {
  const { m, hw } = design;
  const s = chip.energyScale;
  out[A.cellRead] = cellReadEnergy_pJ(1, hw.device.readVoltage_V, design.levels.gMean_S, design.senseTime_ns);
  out[A.conversion] = conversionEnergy_pJ(design.conv, s);
  // The word line runs past all X cells of the row, used or not (NeuroSim: capRow2 from the subarray's numCol), and
  // its gates are the layer's access transistors, sized by the layer's own R_on (a per-layer override included).
  out[A.rowDrive] = rowDriveOf(m.crossbarSize, config, hw.device);
  out[A.muxSelect] = MUX_ENERGY_PER_COLUMN_pJ * s;
  out[A.shiftAdd] = shiftAddEnergy_pJ(design.shiftedBits) * s;
  // An accumulate adds and clocks the sum into the lane's register (area.ts prices the lane as adder + register).
  out[A.accumulate] = accumulateEnergy_pJ(design.accumulatorBits) * s;
  out[A.diffSubtract] = adderEnergy_pJ(design.accumulatorBits + config.snn.weightBits) * s;
  out[A.popcountAdd] = adderEnergy_pJ(1) * s;
  // All-zero check: one bit of an equality comparison with zero per bit checked (Aladdin comparator, per bit).
  out[A.zeroCheck] = COMPARATOR_ENERGY_PER_BIT_pJ * s;
  out[A.htreeBit] = wireEnergy_pJ(1, tileSide_mm(design, area)) * chip.wireEnergyScale;
}

/**
 * rowDriverEnergy_pJ(columns, node, the device's R_on), kept for the last two arguments seen (every layer of an
 * evaluation on shared hardware has the same). Takes the records, not their numbers (recent.ts: no number per call).
 */
function rowDriveOf(columns: number, config: HardwareConfig, device: WeightLayerDesign['hw']['device']): number {
  const key = rowDriveMemo.key;
  key[0] = columns;
  key[1] = config.tech.node_nm;
  key[2] = device.rOn_ohm;
  return rowDriveMemo.find(null) ?? rowDriveMemo.keep(null, rowDriverEnergy_pJ(key[0], key[1], key[2]));
}

const rowDriveMemo = new RecentResults<null, number>(2);

/**
 * Prices of a pooling / residual-add layer: adders of the pooled-count width (pool) or membrane width (add). Ahead of
 * the direct-coded layer (`pixels`, readsPixels) its operands are DIRECT_INPUT_PLANES-bit pixels: an average pool adds
 * k² of them (ceil(log2(255·k² + 1)) bits), a max pool compares them (a pixel-wide adder), an add sums two.
 */
export function priceSpikeLayer(
  layer: ResolvedLayer, chip: ChipComponents, chipPrices: ActionVector, config: HardwareConfig, out: ActionVector, pixels = false,
): void {
  out.set(chipPrices);
  writeSpikeLayerPrices(layer, chip, config, out, pixels);
}

/** The one entry priceSpikeLayer sets over the chip's prices (as writeWeightLayerPrices for a weight layer). */
export function writeSpikeLayerPrices(layer: ResolvedLayer, chip: ChipComponents, config: HardwareConfig, out: ActionVector, pixels = false): void {
  const addBits = pixels ? pixelAdderBits(layer) : layer.kind === 'pool' ? pooledCountBits(layer.kernel * layer.kernel) : config.snn.membraneBits;
  out[A.spikeAdd] = adderEnergy_pJ(addBits) * chip.energyScale;
}

function pixelAdderBits(layer: ResolvedLayer): number {
  if (layer.kind === 'pool' && layer.mode === 'max') return DIRECT_INPUT_PLANES;
  return ceilLog2(DIRECT_INPUT_CODES * (layer.kind === 'pool' ? layer.kernel * layer.kernel : 2) + 1);
}
