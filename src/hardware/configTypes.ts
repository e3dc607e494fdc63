/**
 * The shape of a hardware/algorithm configuration and of a parameter's registry entry: types only (and the
 * enumerations they are built from). The registry and the functions that read and apply it: config.ts.
 */
import type { DeviceKind } from './devices.js';
import { ADC_KINDS, ADC_RANGE_MODES, type AdcKind, type AdcRangeMode } from './components/adc/index.js';
import { SPIKE_ENCODINGS, type SpikeEncoding } from './components/spikes.js';

export { ADC_KINDS, ADC_RANGE_MODES, SPIKE_ENCODINGS, type AdcKind, type AdcRangeMode, type SpikeEncoding };
/**
 * How signed weights meet unsigned conductances. 'offset-diff': one crossbar stores w + 2^(b-1) and a digital
 * DIFF module subtracts the offset times the input count (SpikeSim). 'reference-column': one extra column per
 * bit slice per crossbar holds the offset and is subtracted from every column's current before the converter.
 * 'differential-pair': positive and negative parts on two crossbars (G+ - G-), twice the arrays.
 */
export const SIGNED_MAPPINGS = ['offset-diff', 'reference-column', 'differential-pair'] as const;
export type SignedMapping = (typeof SIGNED_MAPPINGS)[number];
/**
 * Who owns a set of column converters. 'crossbar': every crossbar has X / columnsPerAdc converters of its own.
 * 'pe': the crossbars of a PE share one set of X / columnsPerAdc converters, time-multiplexed through a mux
 * tree (SpikeSim ela_spikesim.py: xbar_size/8 ADCs per PE of k·k crossbars), so a read converts
 * columnsPerAdc x (crossbars per PE) columns per converter in turn.
 */
export const ADC_SHARINGS = ['crossbar', 'pe'] as const;
export type AdcSharing = (typeof ADC_SHARINGS)[number];
/**
 * Where a layer's PEs sit. 'per-layer': each layer gets ceil(PEs / pesPerTile) tiles of its own. 'shared': the PEs of
 * all layers are packed in order into ceil(ΣPEs / pesPerTile) tiles, a tile may hold PEs of two layers (SpikeSim
 * ela_spikesim.py pe_tile_count).
 */
export const TILE_PACKINGS = ['per-layer', 'shared'] as const;
export type TilePacking = (typeof TILE_PACKINGS)[number];
/**
 * How weight layers are priced. 'physical': our component models. 'spikesim-ela': SpikeSim's ELA-script constants,
 * fixed per PE cycle and per tile (src/sim/ela/spikesimCosts.ts), to reproduce that script under its own assumptions.
 */
export const COMPONENT_COSTS = ['physical', 'spikesim-ela'] as const;
export type ComponentCosts = (typeof COMPONENT_COSTS)[number];
export const LIF_CACHES = ['sram', 'fefet'] as const;
export const SWITCHES = ['off', 'on'] as const;
export type Switch = (typeof SWITCHES)[number];
export type LifCache = (typeof LIF_CACHES)[number];

export interface DeviceConfig {
  readonly kind: DeviceKind;
  readonly bitsPerCell: number;
  readonly rOn_ohm: number;
  readonly onOffRatio: number;
  readonly readVoltage_V: number;
  readonly readNoiseSigma: number;
  readonly programSigma: number;
  /** Scale on the preset's measured conductance spread after program-and-verify (0 = none, 1 = measured). */
  readonly programmingSpread: number;
  readonly driftNu: number;
  readonly driftTime_s: number;
  readonly stuckAtRate: number;
}
export interface CrossbarConfig {
  readonly size: number;
  readonly rWire_ohm: number;
  readonly signedMapping: SignedMapping;
}
export interface AdcConfig {
  readonly kind: AdcKind;
  readonly bits: number;
  readonly columnsPerAdc: number;
  readonly sharing: AdcSharing;
  readonly rangeMode: AdcRangeMode;
  readonly skipZeroReads: Switch;
}
export interface ArchConfig {
  readonly clock_MHz: number;
  readonly crossbarsPerPe: number;
  readonly pesPerTile: number;
  readonly nocWidth_bits: number;
  readonly spikeEncoding: SpikeEncoding;
  readonly tilePacking: TilePacking;
  readonly componentCosts: ComponentCosts;
  readonly buffer_KB: { readonly global: number; readonly tile: number; readonly pe: number };
}
export interface SnnConfig {
  readonly timesteps: number;
  readonly weightBits: number;
  readonly membraneBits: number;
  readonly lifCache: LifCache;
  /** FeFET U_mem cache: write variation, fraction of the stored range per write. */
  readonly lifCacheWriteSigma: number;
  /** FeFET U_mem cache: retention time constant (s). */
  readonly lifCacheRetention_s: number;
  readonly spikeRate: number;
}
export interface TechConfig {
  readonly node_nm: number;
}
export interface AccuracyConfig {
  readonly samples: number;
  readonly seed: number;
  readonly macSamples: number;
}

export type ParamValue = number | string;

/** The per-layer view: what a single layer's crossbars see after its overrides are applied. */
export interface LayerHardware {
  readonly device: DeviceConfig;
  readonly crossbar: CrossbarConfig;
  readonly adc: AdcConfig;
  /** Input spike rate per timestep (config override > layer spec > network spec > config global). */
  readonly spikeRate: number;
}

export interface HardwareConfig {
  readonly device: DeviceConfig;
  readonly crossbar: CrossbarConfig;
  readonly adc: AdcConfig;
  readonly arch: ArchConfig;
  readonly snn: SnnConfig;
  readonly tech: TechConfig;
  readonly accuracy: AccuracyConfig;
  /** Per-layer overrides keyed by layer index ("3") or name ("conv4"), each a map of parameter path -> value. */
  readonly layers: Readonly<Record<string, Readonly<Record<string, ParamValue>>>>;
}

export type ParamType =
  | { readonly kind: 'int'; readonly min: number; readonly max: number; readonly values?: readonly number[] }
  | { readonly kind: 'real'; readonly min: number; readonly max: number }
  | { readonly kind: 'choice'; readonly values: readonly string[] };

/** Which engine a parameter acts on; 'accuracy' parameters form the accuracy cache key. */
export type Engine = 'ela' | 'accuracy';

export interface ParameterSpec {
  readonly path: string;
  readonly type: ParamType;
  readonly unit: string;
  readonly default: ParamValue;
  readonly perLayer: boolean;
  readonly affects: readonly Engine[];
  readonly description: string;
  readonly source: string;
}
