/**
 * What one weight layer's hardware is, derived once from its mapping and its (per-layer) configuration: converter
 * kind and count, word widths, read timing. Counts, prices, areas and latencies all read this; none recomputes it.
 */
import {
  adcKind, blankConverterCost, convertersPerCrossbar, type AdcKindModule, type ConverterCost, type ConverterCostSlot,
} from '../../hardware/components/adc/index.js';
import { conductanceLevels, senseTime_ns, type ConductanceLevels } from '../../hardware/components/crossbar.js';
import type { HardwareConfig, LayerHardware } from '../../hardware/config.js';
import { checkLayerConverterColumns } from '../../hardware/converterColumns.js';
import { signedMapping } from '../../hardware/signedMappings.js';
import { ceilLog2 } from '../../core/index.js';
import { pooledCountBits } from '../../model/resolve.js';
import type { ResolvedLayer } from '../../model/types.js';
import { unpooledRowDensity, type LayerMapping } from '../mapping.js';
import { RecentResults } from './recent.js';
import { clockPeriod_ns } from '../../hardware/clock.js';

export interface WeightLayerDesign {
  readonly hw: LayerHardware;
  readonly m: LayerMapping;
  readonly kind: AdcKindModule;
  readonly levels: ConductanceLevels;
  /**
   * Fraction of rows driven per read: the spike rate, the bit density of direct-coded inputs, or the mean share of
   * 1s over the planes of an average pool's counts (pooledPlaneShares).
   */
  readonly activity: number;
  /** Crossbar reads per crossbar over the inference: T · positions · input cycles. */
  readonly reads: number;
  readonly conv: ConverterCost;
  /** Shift-and-add word: converter bits + the top slice's shift (sum of the lower slices' bits). */
  readonly shiftedBits: number;
  /** Accumulated partial sums: shifted word + log2(row blocks) + input cycles - 1 (the bit-serial planes' shifts). */
  readonly accumulatorBits: number;
  readonly adcsPerCrossbar: number;
  /** adc.sharing = 'pe': one set of converters per PE, time-multiplexed over its weight blocks. */
  readonly sharePe: boolean;
  readonly converters: number;
  /**
   * Columns one converter converts in turn per read: those it serves, min(columnsPerConverter, the layer's weight
   * columns per crossbar), as many as counts.ts counts conversions (x the PE's blocks when shared).
   */
  readonly serialConversions: number;
  /** Inputs of the column mux in front of a converter: the columns wired to it, columnsPerConverter, at most X (checkLayerConverterColumns; x blocks). */
  readonly muxInputs: number;
  readonly hasMux: boolean;
  /** Offset-diff mapping: a digital DIFF module subtracts offset · Σinputs. */
  readonly hasDiff: boolean;
  readonly senseTime_ns: number;
  readonly conversionTime_ns: number;
  /** One crossbar read: max(sensing + conversions, one clock). */
  readonly readTime_ns: number;
  /**
   * The layer's tiles: its own ceil(PEs / pesPerTile) (arch.tilePacking = 'per-layer'), or its share of the shared
   * tiles, PEs · tiles / ΣPEs (fractional; 'shared'; set by withSharedTiles).
   */
  readonly tiles: number;
  /** Mean tiles an output's partial sums come from: those its column block spans (m.outputTiles). */
  readonly tileGroups: number;
  /**
   * Fraction of row-block reads not converted (adc.skipZeroReads = 'on'; else 0): those whose active input vector
   * is all zero, (1 - p)^rows of the block for inputs i.i.d. at activity p [assumption].
   */
  readonly zeroReadFraction: number;
}

/** A design with writable fields: a slot weightLayerDesign can refill (its `into`) instead of allocating a new one. */
export type DesignSlot = { -readonly [K in keyof WeightLayerDesign]: WeightLayerDesign[K] };

/**
 * The design of a weight layer on mapping `m` and hardware `hw`; `pooledRate`: the input spike rate of the average
 * pool it reads (layer.pooledInput; unused otherwise), hw.spikeRate when not given (the pool's rate on uniform hardware).
 */
export function weightLayerDesign(layer: ResolvedLayer, m: LayerMapping, hw: LayerHardware, config: HardwareConfig, pooledRate?: number): WeightLayerDesign {
  return writeDesign(layer, m, hw, config, pooledRate);
}

/**
 * weightLayerDesign written into `into` when given (evaluateTotals keeps one slot per layer: a fresh object per layer
 * per evaluation was a measurable share of its time, in GC).
 */
export function writeDesign(layer: ResolvedLayer, m: LayerMapping, hw: LayerHardware, config: HardwareConfig, pooledRate?: number, into?: DesignSlot): DesignSlot {
  // Levels actually used: balanced slicing programs 2^cellBits levels over the window (sensing, read energy).
  const d = m.cellBits;
  const X = hw.crossbar.size;
  const Vr = hw.device.readVoltage_V;
  const kind = kindOf(hw.adc);
  const levels = levelsOf(hw.device, d);
  const pooled = layer.pooledInput ? pooledPlanesOf(layer.pooledInput.spikes, pooledRate, hw) : null;
  const planes = pooled ? pooled.shares : null;
  const activity = pooled ? pooled.mean : unpooledRowDensity(layer, hw.spikeRate);
  const rowsPerCrossbar = Math.min(m.rows, X);
  const activeRowsPerCrossbar = Math.max(1, activity * rowsPerCrossbar);
  const columnResistance_ohm = 1 / (activeRowsPerCrossbar * levels.gMean_S);
  // A slot refills its own cost record (a new record per new column load was ~0.4 kB per evaluation of a grid).
  const costKey = costMemo.key;
  costKey[0] = kind.outputBits(hw.adc.bits);
  costKey[1] = Vr;
  costKey[2] = columnResistance_ohm;
  const conv = costInto(kind, into ? ownCost(into) : blankConverterCost());
  // Partial sums: per-column converter outputs, shifted and added over slices, accumulated over row blocks.
  const shiftedBits = conv.bits + m.topSliceShift;
  const accumulatorBits = accumulatorWidth(conv.bits, m);
  // Converters go per weight block and serve its W weight columns only: a differential pair's G+ and G- columns,
  // and a reference column and its weight columns, are subtracted in the current domain before them.
  // adc.sharing = 'pe': one set of adcsPerCrossbar converters per PE, time-multiplexed over the PE's weight
  // blocks (a layer with fewer blocks than a PE holds shares among those it has).
  const adcsPerCrossbar = convertersPerCrossbar(kind, m.weightColumnsPerCrossbar, hw.adc.columnsPerAdc);
  const sharePe = hw.adc.sharing === 'pe';
  const blocksPerConverter = sharePe ? Math.min(m.blocksPerPe, m.weightBlocks) : 1;
  // The mux is wired to up to columnsPerConverter columns of the crossbar; a read walks only the weight columns the
  // layer maps there (a column block holds min(columns, W) of them), the ones its conversions count (counts.ts).
  const columnsPerConverter = kind.columnsPerConverter(hw.adc.columnsPerAdc);
  checkLayerConverterColumns(config, layer, hw.adc.columnsPerAdc, columnsPerConverter, X);
  const muxInputs = columnsPerConverter * blocksPerConverter;
  const servedColumns = Math.min(m.columns, m.weightColumnsPerCrossbar);
  const serialConversions = Math.min(columnsPerConverter, servedColumns) * blocksPerConverter;
  // The bit line runs past all X cells of the column, mapped or not (NeuroSim: capCol from the subarray's numRow),
  // each with the drain of an access transistor sized for this layer's R_on.
  const senseTime = senseTimeOf(X, hw.device, levels, config);
  const conversionTime = serialConversions * conv.conversion_ns;
  const out = into ?? blankDesign(hw, m, kind, levels, conv);
  out.hw = hw;
  out.m = m;
  out.kind = kind;
  out.levels = levels;
  out.activity = activity;
  out.reads = config.snn.timesteps * m.positions * m.inputCycles;
  out.conv = conv;
  out.shiftedBits = shiftedBits;
  out.accumulatorBits = accumulatorBits;
  out.adcsPerCrossbar = adcsPerCrossbar;
  out.sharePe = sharePe;
  out.converters = (sharePe ? m.pes : m.weightBlocks) * adcsPerCrossbar;
  out.serialConversions = serialConversions;
  out.muxInputs = muxInputs;
  out.hasMux = kind.needsMux(muxInputs);
  out.hasDiff = !isBipolar(m.signedMapping); // a unipolar mapping's digital DIFF
  out.senseTime_ns = senseTime;
  out.conversionTime_ns = conversionTime;
  out.readTime_ns = Math.max(senseTime + conversionTime, clockPeriod_ns(config));
  out.tiles = m.tiles;
  out.tileGroups = m.outputTiles;
  out.zeroReadFraction = hw.adc.skipZeroReads === 'on' ? zeroReadFraction(m.rows, X, activity, planes) : 0;
  return out;
}

/**
 * Width of a layer's accumulated partial sums (bits): the converter word shifted by the top slice, plus log2(row
 * blocks) for their sum, plus input cycles - 1 for the shifts of multi-bit inputs' planes (0 for spikes).
 */
export function accumulatorWidth(conversionBits: number, m: LayerMapping): number {
  return conversionBits + m.topSliceShift + ceilLog2(m.rowBlocks) + m.inputCycles - 1;
}

/** A design with every field in one order (fresh designs and slots share one object shape), to be filled in. */
function blankDesign(hw: LayerHardware, m: LayerMapping, kind: AdcKindModule, levels: ConductanceLevels, conv: ConverterCost): DesignSlot {
  return {
    hw, m, kind, levels, activity: 0, reads: 0, conv, shiftedBits: 0, accumulatorBits: 0, adcsPerCrossbar: 0,
    sharePe: false, converters: 0, serialConversions: 0, muxInputs: 0, hasMux: false, hasDiff: false, senseTime_ns: 0, conversionTime_ns: 0,
    readTime_ns: 0, tiles: 0, tileGroups: 0, zeroReadFraction: 0,
  };
}

/** A slot's cost record: the one writeDesign made for it (a slot is only ever a design writeDesign returned). */
function ownCost(slot: DesignSlot): ConverterCostSlot {
  return slot.conv as ConverterCostSlot;
}

/**
 * adcKind and signedMapping(...).bipolar for the name asked last (the layers of an evaluation name the same ones; the
 * registries' lookups per layer were ~2% of evaluateTotals): the same module and flag, looked up again on a new name.
 */
let lastKindName: string | null = null;
let lastKind: AdcKindModule | null = null;
/** The converter settings whose kind was asked last: the layers of an evaluation share one object (no string compare). */
let lastAdc: LayerHardware['adc'] | null = null;
let lastMappingName: string | null = null;
let lastBipolar = false;

function kindOf(adc: LayerHardware['adc']): AdcKindModule {
  if (adc === lastAdc && lastKind !== null) return lastKind;
  const name = adc.kind;
  if (name !== lastKindName || lastKind === null) {
    lastKind = adcKind(name);
    lastKindName = name;
  }
  lastAdc = adc;
  return lastKind;
}

function isBipolar(name: string): boolean {
  if (name !== lastMappingName) {
    lastBipolar = signedMapping(name).bipolar;
    lastMappingName = name;
  }
  return lastBipolar;
}

/**
 * The layers of one evaluation mostly share their cell levels and their converter cost (same device, same converter,
 * same column load once a layer fills its crossbar rows): the last few results of each are kept and returned while
 * the arguments are the same (the functions are pure, so nothing changes by a bit). A few, not one: VGG16's first
 * two layers (crossbars not filled with rows) have their own column load, so with one entry the third layer missed
 * again, three misses and their records (~0.5 kB) per evaluation.
 */
const MEMO_ENTRIES = 4;

const levelsMemo = new RecentResults<null, ConductanceLevels>(MEMO_ENTRIES);
const costMemo = new RecentResults<AdcKindModule, null>(MEMO_ENTRIES);
/** costMemo's results as numbers, 5 per entry in ConverterCost's order: copied into the asking design's own record. */
const COST_FIELDS = 5;
const COSTS = new Float64Array(COST_FIELDS * MEMO_ENTRIES);
const senseMemo = new RecentResults<ConductanceLevels, number>(MEMO_ENTRIES);

/** conductanceLevels(R_on, on/off ratio, bits) of `device`. These helpers take records, not numbers (recent.ts). */
function levelsOf(device: LayerHardware['device'], bits: number): ConductanceLevels {
  const key = levelsMemo.key;
  key[0] = device.rOn_ohm;
  key[1] = device.onOffRatio;
  key[2] = bits;
  return levelsMemo.find(null) ?? levelsMemo.keep(null, conductanceLevels(key[0], key[1], key[2]));
}

/**
 * senseTime_ns(rows, V_read, ΔG, node, R_on), kept by the levels object (the same object for the same R_on, on/off
 * ratio and bits: levelsOf) with the other three: every layer of an evaluation on shared hardware senses alike.
 */
function senseTimeOf(rows: number, device: LayerHardware['device'], levels: ConductanceLevels, config: HardwareConfig): number {
  const key = senseMemo.key;
  key[0] = rows;
  key[1] = device.readVoltage_V;
  key[2] = config.tech.node_nm;
  return senseMemo.find(levels) ?? senseMemo.keep(levels, senseTime_ns(key[0], key[1], levels.deltaG_S, key[2], device.rOn_ohm));
}

/**
 * kind.cost(bits, V_read, R_col), the three numbers in costMemo.key, written into `out` (a design's own record) and
 * returned: the numbers kept for the last few arguments are copied, others computed into `out` (kind.costInto) and kept.
 */
function costInto(kind: AdcKindModule, out: ConverterCostSlot): ConverterCostSlot {
  let i = costMemo.entryOf(kind);
  if (i < 0) {
    const key = costMemo.key;
    kind.costInto(key[0], key[1], key[2], out);
    i = costMemo.entryFor(kind);
    const k = COST_FIELDS * i;
    COSTS[k] = out.circuitEnergy_pJ;
    COSTS[k + 1] = out.noiseEnergy_pJ;
    COSTS[k + 2] = out.conversion_ns;
    COSTS[k + 3] = out.area_um2;
    COSTS[k + 4] = out.bits;
    return out;
  }
  const k = COST_FIELDS * i;
  out.circuitEnergy_pJ = COSTS[k];
  out.noiseEnergy_pJ = COSTS[k + 1];
  out.conversion_ns = COSTS[k + 2];
  out.area_um2 = COSTS[k + 3];
  out.bits = COSTS[k + 4];
  return out;
}

/**
 * The design on shared tiles (arch.tilePacking = 'shared'): its share of `tiles` tiles holding `pes` PEs, and partial
 * sums from at most the tiles its PEs touch, ceil(share) (the mean over column blocks capped; where its blocks start
 * in a tile is neglected, as for inputTiles in counts.ts).
 */
export function withSharedTiles(design: WeightLayerDesign, pes: number, tiles: number): WeightLayerDesign {
  const share = (design.m.pes * tiles) / pes;
  return { ...design, tiles: share, tileGroups: Math.min(design.tileGroups, Math.ceil(share)) };
}

/**
 * Share of 1s in each bit plane (least significant first) of the count an average pool of `spikes` spikes outputs,
 * each spike independently 1 with probability `rate` [assumption: i.i.d. spikes, as allZeroFraction]: the count is
 * Binomial(spikes, rate), and plane b's share is the probability that bit b of the count is 1.
 */
export function pooledPlaneShares(spikes: number, rate: number): readonly number[] {
  const key = sharesMemo.key;
  key[0] = spikes;
  key[1] = rate;
  key[2] = 0;
  return pooledPlanes().shares;
}

/** A pool's plane shares and their mean (the reading layer's activity). */
interface PooledPlanes {
  readonly shares: readonly number[];
  readonly mean: number;
}

/**
 * pooledPlaneShares and their mean for (spikes, rate, 0) in sharesMemo.key, kept for the last few: every layer after a
 * pool of one network shares them, so an evaluation neither recomputes nor re-averages them (the mean per layer per
 * evaluation, in its own call, was ~300 bytes of boxed doubles per VGG16 evaluation).
 */
function pooledPlanes(): PooledPlanes {
  const key = sharesMemo.key;
  const spikes = key[0];
  const kept = sharesMemo.find(null);
  if (kept) return kept;
  const shares = planeShares(spikes, key[1]);
  return sharesMemo.keep(null, { shares, mean: mean(shares) });
}

const sharesMemo = new RecentResults<null, PooledPlanes>(MEMO_ENTRIES);

/** pooledPlanes of `spikes` at `rate`, or at hw.spikeRate when not given (writeDesign's pooledRate). */
function pooledPlanesOf(spikes: number, rate: number | undefined, hw: LayerHardware): PooledPlanes {
  const key = sharesMemo.key;
  key[0] = spikes;
  // Two stores, not one of `rate ?? hw.spikeRate`: V8 boxes a double merged with a value of any type.
  if (rate === undefined) key[1] = hw.spikeRate;
  else key[1] = rate;
  key[2] = 0;
  return pooledPlanes();
}

function planeShares(spikes: number, rate: number): number[] {
  const shares = new Array<number>(pooledCountBits(spikes)).fill(0);
  for (let count = 0; count <= spikes; count++) {
    const p = binomialProbability(spikes, count, rate);
    for (let b = 0; b < shares.length; b++) if ((count >> b) & 1) shares[b] += p;
  }
  return shares;
}

/** P(count = k) for count ~ Binomial(n, p), in logs so that large n neither overflows nor underflows the terms. */
function binomialProbability(n: number, k: number, p: number): number {
  if (p === 1) return k === n ? 1 : 0;
  let logChoose = 0;
  for (let i = 0; i < k; i++) logChoose += Math.log((n - i) / (i + 1));
  return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

function mean(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

/**
 * Fraction of row-block reads whose inputs are all zero: at activity p (spikes, the direct layer's planes), or the
 * mean over the planes of a pool's counts, each plane at its own share (`planes`).
 */
function zeroReadFraction(rows: number, X: number, p: number, planes: readonly number[] | null): number {
  if (!planes) return allZeroFraction(rows, X, p);
  let total = 0;
  for (const share of planes) total += allZeroFraction(rows, X, share);
  return total / planes.length;
}

/**
 * Mean probability, over a layer's row blocks, that a read's inputs are all zero: full blocks of X rows and a last
 * block of the remaining rows, each row independently active with probability p [assumption: i.i.d. spikes; the
 * direct-coded layer's bit planes at their bit density].
 */
export function allZeroFraction(rows: number, X: number, p: number): number {
  const full = Math.floor(rows / X);
  const rest = rows - full * X;
  const blocks = full + (rest > 0 ? 1 : 0);
  return (full * (1 - p) ** X + (rest > 0 ? (1 - p) ** rest : 0)) / blocks;
}
