/**
 * The energy-latency-area engine: evaluate(network, config) -> Evaluation. Pure and allocation-light (it runs
 * tens of thousands of times per second inside search workers). Model and equations: docs/simulator.md.
 *
 * Dataflow: layer-scheduled (review Sec. III A; SpikeSim): layers run one after another, each over all T
 * timesteps; within a layer every crossbar reads in parallel, one read per output position per input cycle.
 * Per crossbar read: the active rows are driven, the bit lines integrate for the sensing time, then each ADC
 * converts its multiplexed columns one after another (sense amplifiers: all columns at once). Partial sums go
 * over the H-tree (and the NoC when a layer spans tiles) to accumulators, shift-and-add, DIFF and the LIF module.
 */
import { layerHardware, type HardwareConfig, type LayerHardware } from '../hardware/config.js';
import { adcKind, convertersPerCrossbar } from '../hardware/components/adc/index.js';
import { cellArea_um2, cellReadEnergy_pJ, conductanceLevels, senseTime_ns } from '../hardware/components/crossbar.js';
import {
  ADDER_AREA_PER_BIT_um2, adderEnergy_pJ, columnMuxArea_um2, MUX_ENERGY_PER_COLUMN_pJ, REGISTER_AREA_PER_BIT_um2,
  ROW_DRIVER_AREA_um2, rowDriverEnergy_pJ, SHIFT_ADD_AREA_PER_BIT_um2, shiftAddEnergy_pJ,
} from '../hardware/components/digital.js';
import { htreeArea_um2, meanHops, nocEnergyPerBitHop_pJ, routerArea_mm2, wireEnergy_pJ } from '../hardware/components/interconnect.js';
import { LIF_LANES, lifCost } from '../hardware/components/lif.js';
import { DEVICE_PRESETS, type DeviceKind } from '../hardware/devices.js';
import { areaScaleFrom65nm, energyScaleFrom65nm } from '../hardware/components/scaling.js';
import { SRAM_LEAKAGE_uW_PER_KB, sramArea_um2, sramCost } from '../hardware/components/sram.js';
import { isWeightLayer, shapeSize } from '../model/resolve.js';
import type { Network } from '../model/types.js';
import { DIRECT_INPUT_BIT_DENSITY, mapLayer, type LayerMapping } from './mapping.js';

export const COMPONENTS = ['crossbar', 'adc', 'periphery', 'buffer', 'lif', 'noc', 'htree', 'leakage'] as const;
export type Component = (typeof COMPONENTS)[number];
export type ComponentValues = Record<Component, number>;

export interface Breakdown {
  readonly energy_pJ: ComponentValues;
  readonly latency_ns: ComponentValues;
  readonly area_mm2: ComponentValues;
}

/** What a weight layer ran on (after per-layer overrides). */
export interface LayerHardwareSummary {
  readonly bitsPerCell: number;
  readonly crossbarSize: number;
  readonly adcKind: string;
  readonly adcBits: number;
  readonly columnsPerAdc: number;
  readonly rOn_ohm: number;
  readonly onOffRatio: number;
  readonly readVoltage_V: number;
  readonly spikeRate: number;
}

export interface LayerEvaluation {
  readonly index: number;
  readonly name: string;
  readonly kind: string;
  readonly mapping: LayerMapping | null;
  readonly hardware: LayerHardwareSummary | null;
  /** Dense-equivalent operations over all timesteps: 2·rows·C_out·positions·T. */
  readonly ops: number;
  readonly energy_pJ: number;
  readonly latency_ns: number;
  /** The layer's own hardware (crossbars, ADCs, periphery, PE/tile buffers, routers, H-tree); shared global buffer and LIF are chip-level. */
  readonly area_mm2: number;
  /** Bit-line sensing time per read (ns). */
  readonly senseTime_ns: number;
  /** Time of one crossbar read: max(sensing + conversions, one clock) (ns). */
  readonly readTime_ns: number;
  /** Width of the accumulated partial sums (bits). */
  readonly accumulatorBits: number;
  /** NoC bandwidth the layer needs to keep its crossbars busy (Gbit/s). */
  readonly nocBandwidth_Gbps: number;
  /** Buffer bandwidth the layer needs (Gbit/s). */
  readonly bufferBandwidth_Gbps: number;
  readonly breakdown: Breakdown;
}

export interface Evaluation {
  readonly network: string;
  readonly energy_pJ: number;
  readonly latency_ns: number;
  readonly area_mm2: number;
  /** Average power over the inference, dynamic + leakage: energy / latency (mW). */
  readonly power_mW: number;
  /** Dense-equivalent ops over all timesteps. */
  readonly ops: number;
  readonly tops: number;
  readonly topsPerW: number;
  readonly topsPerMm2: number;
  /** Energy-delay product (pJ·s). */
  readonly edp_pJs: number;
  readonly crossbars: number;
  readonly pes: number;
  readonly tiles: number;
  /** Used cells / provisioned cells over all crossbars. */
  readonly utilisation: number;
  /** Largest ADC resolution any layer uses (bits; 1 for sense amplifiers). */
  readonly adcBits: number;
  /** Widest accumulator any layer needs (bits). */
  readonly accumulatorBits: number;
  /** Peak NoC / buffer bandwidth over layers (Gbit/s). */
  readonly nocBandwidth_Gbps: number;
  readonly bufferBandwidth_Gbps: number;
  /** LIF module area / chip area. */
  readonly lifAreaShare: number;
  readonly breakdown: Breakdown;
  readonly layers: readonly LayerEvaluation[];
}

const NC = COMPONENTS.length;
const [CROSSBAR, ADC, PERIPHERY, BUFFER, LIF, NOC, HTREE, LEAKAGE] = [0, 1, 2, 3, 4, 5, 6, 7];

function toValues(a: ArrayLike<number>): ComponentValues {
  return { crossbar: a[0], adc: a[1], periphery: a[2], buffer: a[3], lif: a[4], noc: a[5], htree: a[6], leakage: a[7] };
}

function zeros(): number[] {
  return [0, 0, 0, 0, 0, 0, 0, 0];
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < NC; i++) s += a[i];
  return s;
}

interface LayerWork {
  readonly energy: number[];
  readonly latency: number[];
  readonly area: number[];
  readonly result: Omit<LayerEvaluation, 'energy_pJ' | 'latency_ns' | 'area_mm2' | 'breakdown'>;
}

/** Evaluate energy, latency and area of `network` on `config`. Pure: same inputs, same result. */
export function evaluate(network: Network, config: HardwareConfig): Evaluation {
  const T = config.snn.timesteps;
  const clock_ns = 1000 / config.arch.clock_MHz;
  const eScale = energyScaleFrom65nm(config.tech.node_nm);
  const aScale = areaScaleFrom65nm(config.tech.node_nm);
  const membraneBits = config.snn.membraneBits;
  const weightBits = config.snn.weightBits;
  const peBuffer = sramCost(config.arch.buffer_KB.pe);
  const tileBuffer = sramCost(config.arch.buffer_KB.tile);
  const globalBuffer = sramCost(config.arch.buffer_KB.global);
  const peBufferArea_um2 = sramArea_um2(config.arch.buffer_KB.pe);
  const tileBufferArea_um2 = sramArea_um2(config.arch.buffer_KB.tile);
  const nocBitHop_pJ = nocEnergyPerBitHop_pJ(config.arch.nocWidth_bits);
  const router_mm2 = routerArea_mm2(config.arch.nocWidth_bits);

  // First pass: mappings (tile count sets NoC distances; neuron count sizes the U_mem cache).
  const works: LayerWork[] = [];
  const mappings: (LayerMapping | null)[] = [];
  const views: (LayerHardware | null)[] = [];
  let totalTiles = 0;
  let lifNeurons = 0;
  for (const layer of network.layers) {
    if (!isWeightLayer(layer)) {
      mappings.push(null);
      views.push(null);
      continue;
    }
    const hw = layerHardware(config, layer, network);
    const m = mapLayer(layer, hw.device.bitsPerCell, hw.crossbar.size, config, hw.crossbar.signedMapping);
    mappings.push(m);
    views.push(hw);
    totalTiles += m.tiles;
    lifNeurons += shapeSize(layer.outputShape);
  }
  const hops = meanHops(totalTiles);
  const lif = lifCost(lifNeurons, membraneBits, config.snn.lifCache);

  let crossbars = 0;
  let pes = 0;
  let usedCells = 0;
  let provisionedCells = 0;
  let adcBitsMax = 0;
  let accumulatorBitsMax = 0;
  let nocBwMax = 0;
  let bufferBwMax = 0;
  let ops = 0;

  for (let i = 0; i < network.layers.length; i++) {
    const layer = network.layers[i];
    const energy = zeros();
    const latency = zeros();
    const area = zeros();
    const m = mappings[i];
    const outputs = shapeSize(layer.outputShape);
    const inputs = shapeSize(layer.inputShape);
    if (!m) {
      // Pooling / residual add on spikes: digital, streamed through LIF_LANES lanes per clock.
      const k = layer.kind === 'pool' ? layer.kernel : 1;
      const addBits = layer.kind === 'pool' ? Math.ceil(Math.log2(k * k + 1)) : membraneBits;
      const addsPerOutput = layer.kind === 'pool' ? k * k - 1 : 1;
      energy[PERIPHERY] = T * outputs * addsPerOutput * adderEnergy_pJ(addBits) * eScale;
      const readBits = T * inputs * (layer.kind === 'add' ? 2 : 1);
      energy[BUFFER] = (readBits * globalBuffer.read_pJ_per_bit + T * outputs * globalBuffer.write_pJ_per_bit) * eScale;
      latency[PERIPHERY] = T * Math.ceil(outputs / LIF_LANES) * clock_ns;
      works.push({
        energy, latency, area,
        result: {
          index: layer.index, name: layer.name, kind: layer.kind, mapping: null, hardware: null, ops: 0, senseTime_ns: 0, readTime_ns: 0,
          accumulatorBits: 0, nocBandwidth_Gbps: 0, bufferBandwidth_Gbps: 0,
        },
      });
      continue;
    }

    const hw = views[i] as LayerHardware;
    const d = hw.device.bitsPerCell;
    const X = hw.crossbar.size;
    const Vr = hw.device.readVoltage_V;
    const kind = adcKind(hw.adc.kind);
    const levels = conductanceLevels(hw.device.rOn_ohm, hw.device.onOffRatio, d);
    const activity = layer.directInput ? DIRECT_INPUT_BIT_DENSITY : hw.spikeRate;
    const reads = T * m.positions * m.inputCycles;
    const rowsPerCrossbar = Math.min(m.rows, X);
    const activeRowsPerCrossbar = Math.max(1, activity * rowsPerCrossbar);
    const columnResistance_ohm = 1 / (activeRowsPerCrossbar * levels.gMean_S);
    const conv = kind.cost(kind.outputBits(hw.adc.bits), Vr, columnResistance_ohm);
    const outBits = conv.bits;
    // Partial sums: per-column converter outputs, shifted and added over slices, accumulated over row blocks.
    const shiftedBits = outBits + d * (m.slices - 1);
    const accumulatorBits = shiftedBits + Math.ceil(Math.log2(m.rowBlocks)) + (layer.directInput ? m.inputCycles - 1 : 0);
    // Converters go per weight block and serve its W weight columns only: a differential pair's G+ and G- columns,
    // and a reference column and its weight columns, are subtracted in the current domain before them.
    // adc.sharing = 'pe': one set of adcsPerCrossbar converters per PE, time-multiplexed over the PE's weight
    // blocks (a layer with fewer blocks than a PE holds shares among those it has).
    const W = m.weightColumnsPerCrossbar;
    const adcsPerCrossbar = convertersPerCrossbar(kind, W, hw.adc.columnsPerAdc);
    const sharePe = hw.adc.sharing === 'pe';
    const blocksPerConverter = sharePe ? Math.min(m.blocksPerPe, m.weightBlocks) : 1;
    const converters = (sharePe ? m.pes : m.weightBlocks) * adcsPerCrossbar;
    const serialConversions = Math.min(kind.columnsPerConverter(hw.adc.columnsPerAdc), X) * blocksPerConverter;

    // Timing of one crossbar read.
    const tSense = senseTime_ns(rowsPerCrossbar, Vr, levels.deltaG_S);
    const tConvert = serialConversions * conv.conversion_ns;
    const tAnalog = tSense + tConvert;
    const tRead = Math.max(tAnalog, clock_ns);
    latency[CROSSBAR] = reads * tSense;
    latency[ADC] = reads * tConvert;
    latency[PERIPHERY] = reads * (tRead - tAnalog);
    latency[LIF] = T * 2 * clock_ns; // read-modify-write of the last U_mem entries per timestep

    // Energy.
    const conversions = reads * m.rowBlocks * m.columns;
    // Every array of a pair and every reference column conducts on each read.
    const readColumns = (m.columns + m.referenceColumns) * m.arrays;
    energy[CROSSBAR] = cellReadEnergy_pJ(reads * activity * m.rows * readColumns, Vr, levels.gMean_S, tSense);
    energy[ADC] = conversions * conv.energy_pJ * eScale;
    const drivers_pJ = reads * activity * m.rows * m.columnBlocks * m.arrays * rowDriverEnergy_pJ(Math.min(m.columns + m.referenceColumns, X));
    const hasMux = kind.needsMux(serialConversions);
    const mux_pJ = hasMux ? conversions * MUX_ENERGY_PER_COLUMN_pJ : 0;
    const shiftAdd_pJ = conversions * shiftAddEnergy_pJ(shiftedBits);
    const accumulate_pJ = reads * m.outputs * (m.rowBlocks - 1 + (layer.directInput ? 1 : 0)) * adderEnergy_pJ(accumulatorBits);
    // DIFF (offset-diff only): subtract offset·Σinputs (popcount of the input vector, one adder bit per input) per
    // output. The other mappings subtract in the analog domain.
    const hasDiff = m.signedMapping === 'offset-diff';
    const diff_pJ = hasDiff ? T * m.positions * m.outputs * adderEnergy_pJ(accumulatorBits + weightBits) + reads * m.rows * adderEnergy_pJ(1) : 0;
    energy[PERIPHERY] = (drivers_pJ + mux_pJ + shiftAdd_pJ + accumulate_pJ + diff_pJ) * eScale;
    // Buffers: inputs fetched from the global buffer into tile buffers once per timestep; each read fetches its
    // input vector from the PE buffer; partial sums arriving from other tiles are buffered once in the tile
    // buffer of the accumulating tile; output spikes go to the global buffer.
    const inputBits = T * inputs * (layer.directInput ? m.inputCycles : 1);
    const fetchBits = reads * m.rows;
    // Without PE buffers (arch.buffer_KB.pe = 0) each read fetches its input vector from the tile buffer.
    const fetchBuffer = config.arch.buffer_KB.pe > 0 ? peBuffer : tileBuffer;
    // Column-block-major placement: a tile fills with row blocks of one column block, so an output's partial
    // sums come from ceil(rowBlocks / crossbars per tile) tiles.
    const tileGroups = Math.min(Math.ceil(m.rowBlocks / (m.blocksPerPe * config.arch.pesPerTile)), m.tiles);
    // NoC drain per timestep: the last position's partial sums cross `hops` routers and serialise through one
    // nocWidth-bit link into the global unit (the rest overlaps with the crossbar reads).
    latency[NOC] = T * (hops + Math.ceil((tileGroups * m.outputs * accumulatorBits) / config.arch.nocWidth_bits)) * clock_ns;
    // Bit-serial input cycles of the direct layer are shifted and added inside the tile: one sum per position.
    const sums = T * m.positions;
    const partialBits = sums * (tileGroups - 1) * m.outputs * accumulatorBits;
    const outputBits = T * outputs;
    energy[BUFFER] = (inputBits * (globalBuffer.read_pJ_per_bit + tileBuffer.write_pJ_per_bit)
      + fetchBits * fetchBuffer.read_pJ_per_bit
      + partialBits * (tileBuffer.write_pJ_per_bit + tileBuffer.read_pJ_per_bit)
      + outputBits * globalBuffer.write_pJ_per_bit) * eScale;
    energy[LIF] = T * outputs * lif.updateEnergy_pJ * eScale;
    // NoC: inputs multicast to the layer's tiles; each tile's accumulated partial sums travel to the global unit.
    const nocBits = inputBits * m.tiles + sums * tileGroups * m.outputs * accumulatorBits;
    energy[NOC] = nocBits * hops * nocBitHop_pJ * eScale;

    // Area.
    const cell_um2 = cellArea_um2(devicePresetCellArea(hw.device.kind), config.tech.node_nm);
    area[CROSSBAR] = m.crossbars * X * X * cell_um2 * 1e-6;
    area[ADC] = converters * conv.area_um2 * aScale * 1e-6;
    const perConverterPeriphery_um2 = (hasMux ? columnMuxArea_um2(serialConversions) : 0) + shiftedBits * SHIFT_ADD_AREA_PER_BIT_um2;
    // PE accumulators: with per-crossbar converters all of a PE's crossbars deliver their columns at once, X lanes;
    // with PE-shared converters each converter steps through its columns and, per column, through the PE's
    // crossbars, so the row-block partial sums of a column are summed in one adder + register lane per converter.
    const peLanes = sharePe ? adcsPerCrossbar : X;
    const laneArea_um2 = accumulatorBits * (ADDER_AREA_PER_BIT_um2 + REGISTER_AREA_PER_BIT_um2);
    const accumulators_um2 = (m.pes * peLanes + m.tiles * X) * laneArea_um2;
    const diffUnits_um2 = hasDiff ? m.tiles * X * (accumulatorBits + weightBits) * ADDER_AREA_PER_BIT_um2 : 0;
    area[PERIPHERY] = (m.crossbars * X * ROW_DRIVER_AREA_um2 + converters * perConverterPeriphery_um2 + accumulators_um2 + diffUnits_um2)
      * aScale * 1e-6;
    area[BUFFER] = (m.pes * peBufferArea_um2 + m.tiles * tileBufferArea_um2) * aScale * 1e-6;
    area[NOC] = m.tiles * router_mm2 * aScale;
    const tileSide_mm = Math.sqrt((area[CROSSBAR] + area[ADC] + area[PERIPHERY] + area[BUFFER]) / m.tiles);
    const leaves = Math.min(m.crossbars, config.arch.crossbarsPerPe * config.arch.pesPerTile);
    area[HTREE] = m.tiles * htreeArea_um2(tileSide_mm, leaves, config.arch.nocWidth_bits) * 1e-6;
    // H-tree: every input bit and converter output crosses about one tile side.
    const htreeBits = fetchBits * m.columnBlocks * m.arrays + conversions * outBits;
    energy[HTREE] = wireEnergy_pJ(htreeBits, tileSide_mm) * eScale;

    const layerLatency = sum(latency);
    const nocBw = nocBits / layerLatency;
    const bufferBw = (inputBits * 2 + fetchBits + 2 * partialBits + outputBits) / layerLatency;
    crossbars += m.crossbars;
    pes += m.pes;
    usedCells += m.rows * (m.columns + m.referenceColumns) * m.arrays;
    provisionedCells += m.crossbars * X * X;
    adcBitsMax = Math.max(adcBitsMax, outBits);
    accumulatorBitsMax = Math.max(accumulatorBitsMax, accumulatorBits);
    nocBwMax = Math.max(nocBwMax, nocBw);
    bufferBwMax = Math.max(bufferBwMax, bufferBw);
    const layerOps = 2 * m.rows * m.outputs * m.positions * T;
    ops += layerOps;
    works.push({
      energy, latency, area,
      result: {
        index: layer.index, name: layer.name, kind: layer.kind, mapping: m,
        hardware: {
          bitsPerCell: d, crossbarSize: X, adcKind: hw.adc.kind, adcBits: outBits, columnsPerAdc: kind.columnsPerConverter(hw.adc.columnsPerAdc),
          rOn_ohm: hw.device.rOn_ohm, onOffRatio: hw.device.onOffRatio, readVoltage_V: Vr, spikeRate: activity,
        },
        ops: layerOps, senseTime_ns: tSense, readTime_ns: tRead, accumulatorBits,
        nocBandwidth_Gbps: nocBw, bufferBandwidth_Gbps: bufferBw,
      },
    });
  }

  // Chip-level parts: global buffer and the LIF module, whose U_mem cache keeps every weight layer's membrane
  // potentials (each layer owns a region, as in SpikeSim's neuron-memory sum, so consecutive inputs can overlap).
  const chipArea = zeros();
  chipArea[BUFFER] = sramArea_um2(config.arch.buffer_KB.global) * aScale * 1e-6;
  chipArea[LIF] = (lif.cacheArea_um2 + lif.logicArea_um2) * aScale * 1e-6;
  const energy = zeros();
  const latency = zeros();
  const area = zeros();
  for (let c = 0; c < NC; c++) area[c] = chipArea[c];
  for (const w of works) {
    for (let c = 0; c < NC; c++) {
      energy[c] += w.energy[c];
      latency[c] += w.latency[c];
      area[c] += w.area[c];
    }
  }
  // Leakage: SRAM (LSTP) of every buffer and the U_mem cache, over the whole inference; charged to layers by time.
  const sramKB = config.arch.buffer_KB.global + pes * config.arch.buffer_KB.pe + totalTiles * config.arch.buffer_KB.tile
    + (config.snn.lifCache === 'sram' ? (lifNeurons * membraneBits) / 8192 : 0);
  const leakage_W = sramKB * SRAM_LEAKAGE_uW_PER_KB * 1e-6 * eScale;
  const totalLatency = sum(latency);
  for (const w of works) w.energy[LEAKAGE] = leakage_W * sum(w.latency) * 1e3; // W·ns = 1e3 pJ
  energy[LEAKAGE] = leakage_W * totalLatency * 1e3;

  const energy_pJ = sum(energy);
  const area_mm2 = sum(area);
  const seconds = totalLatency * 1e-9;
  const joules = energy_pJ * 1e-12;
  const layers: LayerEvaluation[] = new Array(works.length);
  for (let i = 0; i < works.length; i++) {
    const w = works[i];
    const r = w.result;
    layers[i] = {
      index: r.index, name: r.name, kind: r.kind, mapping: r.mapping, hardware: r.hardware, ops: r.ops,
      energy_pJ: sum(w.energy), latency_ns: sum(w.latency), area_mm2: sum(w.area),
      senseTime_ns: r.senseTime_ns, readTime_ns: r.readTime_ns, accumulatorBits: r.accumulatorBits,
      nocBandwidth_Gbps: r.nocBandwidth_Gbps, bufferBandwidth_Gbps: r.bufferBandwidth_Gbps,
      breakdown: { energy_pJ: toValues(w.energy), latency_ns: toValues(w.latency), area_mm2: toValues(w.area) },
    };
  }
  return {
    network: network.name,
    energy_pJ,
    latency_ns: totalLatency,
    area_mm2,
    power_mW: (joules / seconds) * 1e3,
    ops,
    tops: ops / seconds / 1e12,
    topsPerW: ops / joules / 1e12,
    topsPerMm2: ops / seconds / 1e12 / area_mm2,
    edp_pJs: energy_pJ * seconds,
    crossbars,
    pes,
    tiles: totalTiles,
    utilisation: usedCells / provisionedCells,
    adcBits: adcBitsMax,
    accumulatorBits: accumulatorBitsMax,
    nocBandwidth_Gbps: nocBwMax,
    bufferBandwidth_Gbps: bufferBwMax,
    lifAreaShare: area[LIF] / area_mm2,
    breakdown: { energy_pJ: toValues(energy), latency_ns: toValues(latency), area_mm2: toValues(area) },
    layers,
  };
}

function devicePresetCellArea(kind: DeviceKind): number {
  return DEVICE_PRESETS[kind].cellArea_F2;
}
