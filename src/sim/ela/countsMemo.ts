/**
 * A weight layer's action counts (counts.ts countWeightLayer) read its mapping and a few of its design's values, not
 * the device's conductances, the converter's cost or its sharing of columns beyond whether there is a mux: a search
 * that changes the on/off ratio, R_on or columns per ADC leaves them as they were. Each weight layer keeps its last
 * counts with exactly the values countWeightLayer read (compared with `===`, so a NaN never hits), and evaluateTotals
 * reuses them while those are the same.
 */
import type { HardwareConfig } from '../../hardware/config.js';
import type { ResolvedLayer } from '../../model/types.js';
import type { LayerMapping } from '../mapping.js';
import { actionVector, type ActionVector } from './actions.js';
import { countWeightLayer } from './counts.js';
import type { WeightLayerDesign } from './design.js';

/** What a weight layer's counts were computed from, and the counts. */
export interface CountsEntry {
  layer: ResolvedLayer | null;
  /** The mapping (an object the mapping memo keeps: the same object for the same mapping inputs). */
  m: LayerMapping | null;
  activity: number;
  zeroReadFraction: number;
  hasMux: boolean;
  skipZeroReads: string;
  tileGroups: number;
  accumulatorBits: number;
  conversionBits: number;
  timesteps: number;
  spikeEncoding: string;
  psumReduction: string;
  nocMulticast: string;
  pesPerTile: number;
  peBuffer_KB: number;
  hops: number;
  outputRate: number;
  readonly counts: ActionVector;
}

/** The entries, by layer index (the layer object is part of the key, so networks do not mix). */
const ENTRIES: CountsEntry[] = [];

/** Layer i's entry (an empty one the first time). */
export function countsEntry(i: number): CountsEntry {
  while (ENTRIES.length <= i) ENTRIES.push(blankEntry());
  return ENTRIES[i];
}

function blankEntry(): CountsEntry {
  return {
    layer: null, m: null, activity: NaN, zeroReadFraction: NaN, hasMux: false, skipZeroReads: '', tileGroups: NaN, accumulatorBits: NaN,
    conversionBits: NaN, timesteps: NaN, spikeEncoding: '', psumReduction: '', nocMulticast: '', pesPerTile: NaN, peBuffer_KB: NaN,
    hops: NaN, outputRate: NaN, counts: actionVector(),
  };
}

/**
 * Whether `e` holds the counts of this layer, design and configuration: every value countWeightLayer reads (the
 * reads per crossbar are T x the mapping's positions and input cycles; the offset-diff switch is the mapping's).
 */
export function countsHit(e: CountsEntry, layer: ResolvedLayer, d: WeightLayerDesign, config: HardwareConfig, hops: number, outputRate: number): boolean {
  const { arch } = config;
  return e.layer === layer && e.m === d.m && e.activity === d.activity && e.zeroReadFraction === d.zeroReadFraction && e.hasMux === d.hasMux
    && e.skipZeroReads === d.hw.adc.skipZeroReads && e.tileGroups === d.tileGroups && e.accumulatorBits === d.accumulatorBits
    && e.conversionBits === d.conv.bits && e.timesteps === config.snn.timesteps && e.spikeEncoding === arch.spikeEncoding
    && e.psumReduction === arch.psumReduction && e.nocMulticast === arch.nocMulticast && e.pesPerTile === arch.pesPerTile
    && e.peBuffer_KB === arch.buffer_KB.pe && e.hops === hops && e.outputRate === outputRate;
}

/** Records in `e` the values its counts (just written into e.counts) were computed from. */
export function keepCounts(e: CountsEntry, layer: ResolvedLayer, d: WeightLayerDesign, config: HardwareConfig, hops: number, outputRate: number): void {
  const { arch } = config;
  e.layer = layer;
  e.m = d.m;
  e.activity = d.activity;
  e.zeroReadFraction = d.zeroReadFraction;
  e.hasMux = d.hasMux;
  e.skipZeroReads = d.hw.adc.skipZeroReads;
  e.tileGroups = d.tileGroups;
  e.accumulatorBits = d.accumulatorBits;
  e.conversionBits = d.conv.bits;
  e.timesteps = config.snn.timesteps;
  e.spikeEncoding = arch.spikeEncoding;
  e.psumReduction = arch.psumReduction;
  e.nocMulticast = arch.nocMulticast;
  e.pesPerTile = arch.pesPerTile;
  e.peBuffer_KB = arch.buffer_KB.pe;
  e.hops = hops;
  e.outputRate = outputRate;
}

/**
 * Layer i's counts for evaluateTotals: its kept ones while every value they read is the same, else counted and kept.
 * Its output rate is `rates[i + 1]` (the engine's rates by layer: a number passed to a call V8 does not inline is a
 * new HeapNumber per call).
 */
export function layerCounts(i: number, layer: ResolvedLayer, design: WeightLayerDesign, config: HardwareConfig, hops: number, rates: Float64Array): ActionVector {
  const outputRate = rates[i + 1];
  const e = countsEntry(i);
  if (countsHit(e, layer, design, config, hops, outputRate)) return e.counts;
  countWeightLayer(layer, design, config, hops, outputRate, e.counts);
  keepCounts(e, layer, design, config, hops, outputRate);
  return e.counts;
}
