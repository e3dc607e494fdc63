/**
 * The hardware/algorithm configuration and its parameter registry: the single place that names every
 * public parameter path (used by `--set`, search spaces, `cosearch list parameters`, CSV columns and the
 * accuracy cache key) with its type, unit, default, range and the engines it affects.
 * Defaults: review Table III (SpikeSim) unless noted; see docs/sources.md#domain-2 and docs/sources.md#circuits-5.
 */
import { DEVICE_KINDS, DEVICE_PRESETS, type DeviceKind } from './devices.js';
import { ConfigError, describeValue } from '../core/errors.js';
import { ADC_KINDS, ADC_RANGE_MODES, adcKind } from './components/adc/index.js';
import { SPIKE_ENCODINGS } from './components/spikes.js';

export * from './configTypes.js';
import {
  ADC_SHARINGS, COMPONENT_COSTS, DATAFLOWS, FEEDBACK_STORAGES, LIF_CACHES, SIGNED_MAPPINGS, SWITCHES, TILE_PACKINGS, TIMINGS, TRAINING_ALGORITHMS, UPDATE_SCHEMES,
  type Engine, type HardwareConfig, type LayerHardware, type ParameterSpec, type ParamType, type ParamValue,
} from './configTypes.js';

const BOTH: readonly Engine[] = ['ela', 'accuracy'];
const ELA: readonly Engine[] = ['ela'];
const ACC: readonly Engine[] = ['accuracy'];
const TRAIN: readonly Engine[] = ['training'];
const ELA_TRAIN: readonly Engine[] = ['ela', 'training'];
/** Citations of the training-cost parameters (docs/training-cost.md). */
const TRAINING_SOURCE = 'docs/sources.md#training-neurosim';
const rram = DEVICE_PRESETS.rram;

export const PARAMETERS: readonly ParameterSpec[] = [
  { path: 'device.kind', type: { kind: 'choice', values: DEVICE_KINDS }, unit: '', default: 'rram', perLayer: false, affects: BOTH,
    description: 'Device technology; loads that preset for the other device.* defaults', source: 'review Table III' },
  { path: 'device.bitsPerCell', type: { kind: 'int', min: 1, max: 8 }, unit: 'bit', default: 4, perLayer: true, affects: BOTH,
    description: 'Device precision: bits stored per cell', source: 'review Table III' },
  { path: 'device.rOn_ohm', type: { kind: 'real', min: 1e3, max: 1e7 }, unit: 'ohm', default: rram.rOn_ohm, perLayer: true, affects: BOTH,
    description: 'On (lowest) resistance of a cell', source: 'review Table III' },
  { path: 'device.onOffRatio', type: { kind: 'real', min: 2, max: 1e5 }, unit: '', default: rram.onOffRatio, perLayer: true, affects: BOTH,
    description: 'R_off / R_on', source: 'review Table III' },
  { path: 'device.readVoltage_V', type: { kind: 'real', min: 0.01, max: 1.2 }, unit: 'V', default: 0.1, perLayer: true, affects: BOTH,
    description: 'Row read voltage', source: 'review Table III' },
  { path: 'device.readNoiseSigma', type: { kind: 'real', min: 0, max: 1 }, unit: 'relative', default: rram.readNoiseSigma, perLayer: false, affects: ACC,
    description: 'Gaussian read noise, sigma relative to the programmed conductance, per read', source: 'review Sec. IV C 3 (sigma 0.1)' },
  { path: 'device.programSigma', type: { kind: 'real', min: 0, max: 1 }, unit: 'relative', default: 0, perLayer: false, affects: ACC,
    description: 'Programming (write) error: static Gaussian sigma relative to the target conductance, drawn once per cell per chip', source: 'review Sec. V C (write noise negligible for inference after write-verify: 0); MNSIM-2.0 SimConfig.ini 5% variation' },
  { path: 'device.programmingSpread', type: { kind: 'real', min: 0, max: 10 }, unit: 'x measured sigma_G', default: 1, perLayer: true, affects: ACC,
    description: "Conductance-state spread after program-and-verify: the device kind's measured sigma_G(G) in siemens (independent of bits per cell) times this; 0 = none", source: 'RRAM Milo IRPS 2021, PCM Joshi Nat. Commun. 2020 (CrossSim), FeFET MLP_NeuroSim_V3.0 (devices.ts)' },
  { path: 'device.driftNu', type: { kind: 'real', min: 0, max: 0.5 }, unit: '', default: rram.driftNu, perLayer: false, affects: ACC,
    description: 'Drift exponent nu in G(t) = G0 (t/t0)^-nu, t0 = 20 s', source: 'AIHWKit noise/pcm.py (t0 = 20 s)' },
  { path: 'device.driftTime_s', type: { kind: 'real', min: 0, max: 1e9 }, unit: 's', default: 0, perLayer: false, affects: ACC,
    description: 'Time since programming (no drift before t0 = 20 s)', source: 'AIHWKit noise/pcm.py' },
  { path: 'device.stuckAtRate', type: { kind: 'real', min: 0, max: 0.5 }, unit: 'fraction', default: 0, perLayer: false, affects: ACC,
    description: 'Fraction of cells stuck (90% at G_off, 10% at G_on)', source: 'MNSIM-2.0 SimConfig.ini (9% HRS : 1% LRS split)' },
  { path: 'device.writePulse_ns', type: { kind: 'real', min: 0.1, max: 1e7 }, unit: 'ns', default: rram.write.pulse_ns, perLayer: false, affects: TRAIN,
    description: 'Width of one programming pulse (on-chip training); device.kind loads the preset', source: 'docs/sources.md#training-devices' },
  { path: 'device.writeVoltage_V', type: { kind: 'real', min: 0.1, max: 10 }, unit: 'V', default: rram.write.voltage_V, perLayer: false, affects: TRAIN,
    description: 'Amplitude of one programming pulse; E = V_w²·Ḡ·t_w + C_line·V_w² per pulse', source: 'docs/sources.md#training-devices' },
  { path: 'device.pulseLevels', type: { kind: 'int', min: 1, max: 4096 }, unit: 'pulses', default: rram.write.pulseLevels, perLayer: false, affects: TRAIN,
    description: 'P_max: pulses across the full conductance window; the write step is ΔG_min = window / P_max', source: 'docs/sources.md#training-devices' },
  { path: 'device.endurance_cycles', type: { kind: 'real', min: 1, max: 1e16 }, unit: 'pulses', default: rram.write.endurance_cycles, perLayer: false, affects: TRAIN,
    description: 'Programming pulses a cell endures (a pulse counted as a full cycle: conservative)', source: 'docs/sources.md#training-devices' },
  { path: 'crossbar.size', type: { kind: 'int', min: 8, max: 1024, values: [8, 16, 32, 64, 128, 256, 512, 1024] }, unit: 'rows=cols', default: 64,
    perLayer: true, affects: BOTH, description: 'Crossbar rows and columns (X x X)', source: 'review Table III' },
  { path: 'crossbar.rWire_ohm', type: { kind: 'real', min: 0, max: 100 }, unit: 'ohm', default: 5, perLayer: false, affects: BOTH,
    description: 'Wire parasitic resistance per cell segment (physical 65 nm M1: 0.5 row / 1.5 column)', source: 'review Fig. 10; SpikeSim NICE mesh_utils.py' },
  { path: 'crossbar.signedMapping', type: { kind: 'choice', values: SIGNED_MAPPINGS }, unit: '', default: 'differential-pair', perLayer: true, affects: BOTH,
    description: "Signed weights: 'offset-diff' (one crossbar + digital DIFF), 'reference-column' (analog offset column per slice), 'differential-pair' (two crossbars)",
    source: 'review Sec. III (SpikeSim DIFF module); ISAAC (offset encoding); PRIME (positive/negative crossbar pairs)' },
  { path: 'adc.kind', type: { kind: 'choice', values: ADC_KINDS }, unit: '', default: 'sar', perLayer: true, affects: BOTH,
    description: `Column converter: ${ADC_KINDS.map((k) => `${k} (${adcKind(k).label})`).join(', ')}`,
    source: ADC_KINDS.map((k) => adcKind(k).source).join('; ') },
  { path: 'adc.bits', type: { kind: 'int', min: 1, max: 12 }, unit: 'bit', default: 5, perLayer: true, affects: BOTH,
    description: 'ADC resolution (a sense amplifier is always 1 bit)', source: 'review Fig. 11 (5-bit ADC optimal with 4-bit cells)' },
  { path: 'adc.columnsPerAdc', type: { kind: 'int', min: 1, max: 64, values: [1, 2, 4, 8, 16, 32, 64] }, unit: 'columns', default: 8, perLayer: true,
    affects: ELA, description: 'Columns multiplexed onto one ADC (sense amplifiers are per column)', source: 'NeuroSim Param.cpp; SpikeSim' },
  { path: 'adc.sharing', type: { kind: 'choice', values: ADC_SHARINGS }, unit: '', default: 'crossbar', perLayer: true, affects: ELA,
    description: "Converter ownership: 'crossbar' (X/columnsPerAdc per crossbar) or 'pe' (one set per PE, time-multiplexed over its crossbars)",
    source: 'NeuroSim (converters per sub-array); SpikeSim ela_spikesim.py (xbar_size/8 ADCs per PE of k·k crossbars)' },
  { path: 'adc.rangeMode', type: { kind: 'choice', values: ADC_RANGE_MODES }, unit: '', default: 'clip', perLayer: false, affects: ACC,
    description: "'clip': 1 LSB = one cell level, sums clip at 2^bits-1 (signed mappings: sign-magnitude, ±(2^(bits-1)-1)); 'full': the range spans the largest possible |sum|", source: 'docs/sources.md#circuits-2-1, docs/sources.md#circuits-2-4 [inference]' },
  { path: 'adc.skipZeroReads', type: { kind: 'choice', values: SWITCHES }, unit: '', default: 'off', perLayer: true, affects: ELA,
    description: "'on': a crossbar read whose active inputs are all zero is not converted (no conversion, mux, shift-add); its time slot stays",
    source: 'docs/simulator.md §3 (zero-skip) [inference]' },
  { path: 'arch.clock_MHz', type: { kind: 'real', min: 10, max: 2000 }, unit: 'MHz', default: 250, perLayer: false, affects: ELA,
    description: 'Digital clock', source: 'review Table III' },
  { path: 'arch.crossbarsPerPe', type: { kind: 'int', min: 1, max: 64 }, unit: '', default: 9, perLayer: false, affects: ELA,
    description: 'Crossbars per processing element', source: 'review Table III' },
  { path: 'arch.pesPerTile', type: { kind: 'int', min: 1, max: 64 }, unit: '', default: 8, perLayer: false, affects: ELA,
    description: 'PEs per tile', source: 'review Table III' },
  { path: 'arch.nocWidth_bits', type: { kind: 'int', min: 8, max: 512, values: [8, 16, 32, 64, 128, 256, 512] }, unit: 'bit', default: 32,
    perLayer: false, affects: ELA, description: 'Mesh NoC link width', source: 'review Table III' },
  { path: 'arch.spikeEncoding', type: { kind: 'choice', values: SPIKE_ENCODINGS }, unit: '', default: 'dense', perLayer: false, affects: ELA,
    description: "Spike traffic (NoC, buffers, H-tree): 'dense' maps (1 bit per neuron per timestep) or 'aer' address events (address bits per spike)",
    source: 'SpikeSim (dense); SpiNNaker, Loihi, TrueNorth (AER); src/hardware/components/spikes.ts' },
  { path: 'arch.tilePacking', type: { kind: 'choice', values: TILE_PACKINGS }, unit: '', default: 'per-layer', perLayer: false, affects: ELA,
    description: "'per-layer': each layer on ceil(PEs/pesPerTile) tiles of its own; 'shared': all layers' PEs packed in order into ceil(ΣPEs/pesPerTile) tiles",
    source: 'per-layer: review Sec. III [inference]; shared: SpikeSim ela_spikesim.py pe_tile_count (docs/sources.md#circuits-3-5)' },
  { path: 'arch.componentCosts', type: { kind: 'choice', values: COMPONENT_COSTS }, unit: '', default: 'physical', perLayer: false, affects: ELA,
    description: "'physical': our component models; 'spikesim-ela': SpikeSim's ELA-script constants per PE cycle and per tile (fixed H-tree, buffers, converters, crossbars; no NoC, no leakage), docs/simulator.md §7",
    source: 'docs/sources.md#circuits-3-5' },
  { path: 'arch.dataflow', type: { kind: 'choice', values: DATAFLOWS }, unit: '', default: 'layer', perLayer: false, affects: ELA_TRAIN,
    description: "'layer': layers one after another, each over all T timesteps; 'pipelined': layers as stages, timesteps (and training samples) flowing through",
    source: 'docs/sources.md#pipelayer [inference]' },
  { path: 'arch.timing', type: { kind: 'choice', values: TIMINGS }, unit: '', default: 'read-model', perLayer: false, affects: ELA,
    description: "'read-model': our per-layer read timing (docs/simulator.md §3), scheduled by arch.dataflow; 'spikesim-ela': SpikeSim's latency_gen (one 26-clock PE cycle per output neuron per timestep, x T, layers overlapping at 75%; no crossbar parallelism), only to reproduce that script (docs/simulator.md §7)",
    source: 'docs/sources.md#circuits-3-5' },
  { path: 'arch.replicate', type: { kind: 'int', min: 1, max: 64 }, unit: 'copies', default: 1, perLayer: true, affects: ELA_TRAIN,
    description: "Copies of a layer's weights (layers.<l>.arch.replicate): its stage time / copies, its own hardware x copies", source: 'docs/sources.md#pipelayer' },
  { path: 'arch.balance', type: { kind: 'choice', values: SWITCHES }, unit: '', default: 'off', perLayer: false, affects: ELA_TRAIN,
    description: "'on': replicate layers without an explicit arch.replicate so every stage is at most the slowest layer's time / arch.maxReplicate",
    source: 'docs/sources.md#pipelayer [inference]' },
  { path: 'arch.maxReplicate', type: { kind: 'int', min: 1, max: 64 }, unit: 'copies', default: 4, perLayer: false, affects: ELA_TRAIN,
    description: 'Copies the slowest layer gets under arch.balance=on', source: '[inference]' },
  { path: 'arch.buffer_KB.global', type: { kind: 'real', min: 1, max: 4096 }, unit: 'KB', default: 20, perLayer: false, affects: ELA,
    description: 'Global buffer', source: 'review Table III' },
  { path: 'arch.buffer_KB.tile', type: { kind: 'real', min: 1, max: 4096 }, unit: 'KB', default: 10, perLayer: false, affects: ELA,
    description: 'Buffer per tile', source: 'review Table III' },
  { path: 'arch.buffer_KB.pe', type: { kind: 'real', min: 0, max: 4096 }, unit: 'KB', default: 5, perLayer: false, affects: ELA,
    description: 'Buffer per PE; 0 = none (crossbar reads fetch their inputs from the tile buffer, as in SpikeSim ela_spikesim.py)', source: 'review Table III' },
  { path: 'snn.timesteps', type: { kind: 'int', min: 1, max: 64 }, unit: 'steps', default: 4, perLayer: false, affects: BOTH,
    description: 'SNN timesteps T', source: 'review Table III' },
  { path: 'snn.weightBits', type: { kind: 'int', min: 1, max: 16 }, unit: 'bit', default: 8, perLayer: false, affects: BOTH,
    description: 'Weight precision', source: 'review Table III' },
  { path: 'snn.membraneBits', type: { kind: 'int', min: 4, max: 32 }, unit: 'bit', default: 16, perLayer: false, affects: BOTH,
    description: 'Membrane-potential precision in the U_mem cache', source: 'docs/sources.md#circuits-3-4' },
  { path: 'snn.lifCache', type: { kind: 'choice', values: LIF_CACHES }, unit: '', default: 'sram', perLayer: false, affects: BOTH,
    description: 'U_mem cache technology', source: 'review Sec. V B, Fig. 12' },
  { path: 'snn.lifCacheWriteSigma', type: { kind: 'real', min: 0, max: 0.5 }, unit: 'fraction of U_mem full scale', default: 0.028, perLayer: false, affects: ACC,
    description: "FeFET U_mem cache (snn.lifCache = 'fefet'): Gaussian write variation per stored potential, sigma / full scale; SRAM stores exactly",
    source: 'MLP_NeuroSim_V3.0 Cell.cpp FeFET: 0.5% of the window per pulse x sqrt(32 pulses to mid-window) (docs/sources.md#umem-cache) [inference]' },
  { path: 'snn.lifCacheRetention_s', type: { kind: 'real', min: 1e-6, max: 1e9 }, unit: 's', default: 1e3, perLayer: false, affects: ACC,
    description: "FeFET U_mem cache: retention time constant, stored potentials relax as exp(-dt/tau) between timesteps (dt = 1 ms)",
    source: 'review Sec. V B (FeFET retention 1e3-1e4 s; lower end), docs/sources.md#umem-cache' },
  { path: 'snn.spikeRate', type: { kind: 'real', min: 0.001, max: 1 }, unit: 'fraction', default: 0.1, perLayer: true, affects: ELA,
    description: 'Input spike rate per timestep (first layer is direct-coded); a network layer may state its own', source: 'review Sec. II A 3' },
  { path: 'tech.node_nm', type: { kind: 'int', min: 14, max: 130, values: [130, 65, 45, 40, 32, 28, 22, 14] }, unit: 'nm', default: 65,
    perLayer: false, affects: ELA, description: 'CMOS node (Stillmaker-Baas scaling from 65 nm)', source: 'Stillmaker & Baas 2017' },
  { path: 'accuracy.samples', type: { kind: 'int', min: 10, max: 10000 }, unit: 'samples', default: 2000, perLayer: false, affects: ACC,
    description: 'Test samples for hardware accuracy', source: 'SE <= 0.5 pp at accuracy >= 0.94' },
  { path: 'accuracy.seed', type: { kind: 'int', min: 0, max: 2 ** 31 - 1 }, unit: '', default: 1, perLayer: false, affects: ACC, description: 'Seed of the non-ideality draws and sample choice', source: '' },
  { path: 'accuracy.chips', type: { kind: 'int', min: 1, max: 64 }, unit: 'chips', default: 1, perLayer: false, affects: ACC,
    description: 'Chip instances hardware accuracy averages (chip c programmed from seed accuracy.seed + c, each chip on its own test images); from 2, accuracy_ci95 is a Student t interval over the chips, which covers chip-to-chip variation', source: '[inference] docs/accuracy.md#chips' },
  { path: 'accuracy.macSamples', type: { kind: 'int', min: 10, max: 100000 }, unit: 'reads', default: 200, perLayer: false, affects: ACC,
    description: 'Monte Carlo reads per sampled crossbar for macError_rms / macSnr_dB (networks without weights)',
    source: '[inference] 200 reads: rms within 1% of 2,000 reads on VGG16, 0.4 s per evaluation' },
  { path: 'training.algorithm', type: { kind: 'choice', values: TRAINING_ALGORITHMS }, unit: '', default: 'none', perLayer: false, affects: TRAIN,
    description: "On-chip training whose cost the train* metrics report: 'none', 'bptt' (PipeLayer-style backpropagation through time) or 'sdfa'",
    source: 'docs/sources.md#pipesdfa' },
  { path: 'training.batchSize', type: { kind: 'int', min: 1, max: 65536 }, unit: 'samples', default: 128, perLayer: false, affects: TRAIN,
    description: 'Samples per weight update (weights frozen within a batch)', source: 'docs/sources.md#pipesdfa (SDFA N-MNIST config: 128)' },
  { path: 'training.datasetSize', type: { kind: 'int', min: 1, max: 1e8 }, unit: 'samples', default: 60000, perLayer: false, affects: TRAIN,
    description: 'Training samples per epoch', source: 'docs/sources.md#pipesdfa (N-MNIST: 60,000)' },
  { path: 'training.feedbackStorage', type: { kind: 'choice', values: FEEDBACK_STORAGES }, unit: '', default: 'rram', perLayer: false, affects: TRAIN,
    description: "SDFA's fixed random B (C x N_max): 'rram' crossbar written once, 'sram', or 'prng' (regenerated from a seed each sample)",
    source: 'docs/sources.md#pipesdfa [inference: the paper does not say]' },
  { path: 'training.updateScheme', type: { kind: 'choice', values: UPDATE_SCHEMES }, unit: '', default: 'open-loop', perLayer: false, affects: TRAIN,
    description: "'open-loop' pulses, 'verify' (a verify read after every pulse), 'threshold' (digital accumulation, pulse when |χ| >= ΔG_min)",
    source: `${TRAINING_SOURCE}; docs/sources.md#mixed-precision` },
  { path: 'training.errorBits', type: { kind: 'int', min: 2, max: 16 }, unit: 'bit', default: 8, perLayer: false, affects: TRAIN,
    description: 'Error (δ, ε) word: bit-serial inputs of transposed and feedback reads, digital error arithmetic', source: 'docs/sources.md#training-assumptions' },
  { path: 'training.gradientBits', type: { kind: 'int', min: 4, max: 32 }, unit: 'bit', default: 16, perLayer: false, affects: TRAIN,
    description: 'Weight-gradient accumulator word (SRAM, one per weight)', source: 'docs/sources.md#training-assumptions' },
  { path: 'training.updateSigma_lsb', type: { kind: 'real', min: 0.01, max: 100 }, unit: 'ΔG_min', default: 1, perLayer: false, affects: TRAIN,
    description: 'ASSUMPTION: per-batch update of a cell ~ N(0, σ²) in write steps, i.i.d. over cells and batches (sets writes per cell)',
    source: 'docs/sources.md#training-assumptions' },
];

/**
 * SpikeSim's ELA accounting (Intelligent-Computing-Lab-Yale/SpikeSim, SNN_train_infer_quantization_ela/ela_spikesim.py)
 * as overrides of the Table III defaults, the configuration of the review's Fig. 7 LIF-area study: one crossbar per
 * weight block with a digital DIFF module (offset-diff) instead of differential pairs, each PE's
 * crossbars share one set of xbar/8 converters (time-multiplexed: the latency cost comes out of the read model),
 * no PE buffers, and a 1 KB tile buffer (0.7391 µm²/bit x 64 x 128 bits). Everything else stays physical and as
 * in Table III (4-bit cells, so 8-bit weights still take 2 slices; SpikeSim's script counts none). The same values
 * ship as configs/spikesim-ela.json for `--config`. docs/simulator.md §6 (Fig. 7) has the numbers.
 */
export const SPIKESIM_ELA_OVERRIDES: Readonly<Record<string, ParamValue>> = {
  // SpikeSim replaces the dual-crossbar approach with one crossbar and a digital DIFF module (review Sec. III).
  'crossbar.signedMapping': 'offset-diff',
  'adc.sharing': 'pe',
  'arch.buffer_KB.pe': 0,
  'arch.buffer_KB.tile': 1,
};

const BY_PATH = new Map(PARAMETERS.map((p) => [p.path, p]));
const DEVICE_PRESET_FIELDS = ['rOn_ohm', 'onOffRatio', 'readNoiseSigma', 'driftNu'] as const;

/** The spec of a global path, or of `layers.<key>.<path>` (then only per-layer parameters are allowed). */
export function parameterSpec(path: string): ParameterSpec {
  return pathPlan(path).spec;
}

export function splitLayerPath(path: string): { layer: string; path: string } | undefined {
  const m = /^layers\.([^.]+)\.(.+)$/.exec(path);
  return m ? { layer: m[1], path: m[2] } : undefined;
}

/** What applying a value at one path takes: its spec and the keys it is set under (`layers`, key, path for a layer). */
interface PathPlan {
  readonly spec: ParameterSpec;
  readonly keys: readonly string[];
  readonly perLayer: boolean;
}

/**
 * Plans of the paths seen so far (the same few are applied for every evaluation of a search: resolving one took a
 * regex, a map lookup and a split each time). Only paths that resolve are kept, and at most PATH_PLAN_LIMIT.
 */
const PATH_PLANS = new Map<string, PathPlan>();
const PATH_PLAN_LIMIT = 10_000;

function pathPlan(path: string): PathPlan {
  const known = PATH_PLANS.get(path);
  if (known) return known;
  const layer = splitLayerPath(path);
  const spec = BY_PATH.get(layer ? layer.path : path);
  if (!spec) throw new ConfigError(`unknown parameter "${path}" (see \`cosearch list parameters\`)`);
  if (layer && !spec.perLayer) throw new ConfigError(`parameter "${layer.path}" cannot be set per layer (in "${path}")`);
  const plan: PathPlan = { spec, keys: layer ? ['layers', layer.layer, layer.path] : path.split('.'), perLayer: layer !== undefined };
  if (PATH_PLANS.size < PATH_PLAN_LIMIT) PATH_PLANS.set(path, plan);
  return plan;
}

export function describeType(type: ParamType): string {
  switch (type.kind) {
    case 'choice': return `one of ${type.values.join(', ')}`;
    case 'int': return type.values ? `one of ${type.values.join(', ')}` : `an integer in [${type.min}, ${type.max}]`;
    case 'real': return `a number in [${type.min}, ${type.max}]`;
  }
}

/** Parse a raw value (a CLI string or a JSON value) for `path`; throws a ConfigError naming field, value, expectation. */
export function parseParameterValue(path: string, raw: unknown): ParamValue {
  return checkedValue(path, pathPlan(path).spec, raw);
}

function checkedValue(path: string, spec: ParameterSpec, raw: unknown): ParamValue {
  const type = spec.type;
  if (type.kind === 'choice') {
    if (typeof raw !== 'string' || !type.values.includes(raw)) return badValue(path, spec, raw);
    return raw;
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < type.min || n > type.max) return badValue(path, spec, raw);
  if (type.kind === 'int' && (!Number.isInteger(n) || (type.values && !type.values.includes(n)))) return badValue(path, spec, raw);
  return n;
}

function badValue(path: string, spec: ParameterSpec, raw: unknown): never {
  throw new ConfigError(`${path}: got ${describeValue(raw)}, expected ${describeType(spec.type)}${spec.unit ? ` (${spec.unit})` : ''}`);
}

export function defaultConfig(): HardwareConfig {
  let tree: object = { layers: {} };
  for (const spec of PARAMETERS) tree = withPath(tree, spec.path.split('.'), 0, spec.default);
  if (!isHardwareConfig(tree)) throw new Error('the parameter registry does not fill every configuration field');
  return tree;
}

/**
 * Apply overrides (path -> raw value), validating each. `device.kind` is applied first and loads its preset,
 * so `{ 'device.kind': 'pcm', 'device.rOn_ohm': 1e5 }` keeps the explicit R_on.
 */
export function applyOverrides(base: HardwareConfig, overrides: Readonly<Record<string, unknown>>): HardwareConfig {
  // Copy on write: each object on an overridden path is copied once per call (not once per override), the
  // rest of `base` is shared; the result is the same tree, keys in the same order, as one copy per override.
  const root: HardwareConfig = { ...base };
  const copied: object[] = [root];
  // device.kind first: its preset is loaded, then the other overrides apply on top of it.
  if (Object.hasOwn(overrides, 'device.kind')) setValue(root, copied, pathPlan('device.kind').keys, applyDeviceKind(root, copied, overrides['device.kind']));
  for (const path in overrides) {
    if (!Object.hasOwn(overrides, path) || path === 'device.kind') continue;
    const plan = pathPlan(path);
    setValue(root, copied, plan.keys, checkedValue(path, plan.spec, overrides[path]));
  }
  checkConsistency(root);
  return root;
}

/** Validates a device.kind value and loads its preset into `root`; returns the value. */
function applyDeviceKind(root: HardwareConfig, copied: object[], raw: unknown): ParamValue {
  const value = parseParameterValue('device.kind', raw);
  if (!isDeviceKind(value)) return value;
  const preset = DEVICE_PRESETS[value];
  for (const field of DEVICE_PRESET_FIELDS) setValue(root, copied, ['device', field], preset[field]);
  setValue(root, copied, ['device', 'writePulse_ns'], preset.write.pulse_ns);
  setValue(root, copied, ['device', 'writeVoltage_V'], preset.write.voltage_V);
  setValue(root, copied, ['device', 'pulseLevels'], preset.write.pulseLevels);
  setValue(root, copied, ['device', 'endurance_cycles'], preset.write.endurance_cycles);
  if (root.device.bitsPerCell > preset.maxBitsPerCell) setValue(root, copied, ['device', 'bitsPerCell'], preset.maxBitsPerCell);
  return value;
}

/** Sets keys = value under `root`, copying each object on the way that this call has not copied yet (`copied`). */
function setValue(root: object, copied: object[], keys: readonly string[], value: ParamValue): void {
  let node: object = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const child: unknown = Reflect.get(node, keys[i]);
    let next: object;
    if (isObject(child) && copied.includes(child)) next = child;
    else {
      next = isObject(child) ? { ...child } : {};
      copied.push(next);
      Reflect.set(node, keys[i], next);
    }
    node = next;
  }
  Reflect.set(node, keys[keys.length - 1], value);
}

/** Every parameter as a flat path -> value record (global values; per-layer overrides as `layers.k.path`). */
export function flattenConfig(config: HardwareConfig): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const spec of PARAMETERS) out[spec.path] = getPath(config, spec.path);
  for (const [layer, values] of Object.entries(config.layers)) {
    for (const [path, value] of Object.entries(values)) out[`layers.${layer}.${path}`] = value;
  }
  return out;
}

export function getPath(config: HardwareConfig, path: string): ParamValue {
  const value = valueAt(config, path);
  if (!isParamValue(value)) throw new ConfigError(`unknown parameter "${path}" (see \`cosearch list parameters\`)`);
  return value;
}

function valueAt(root: object, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) node = isObject(node) ? Reflect.get(node, key) : undefined;
  return node;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isParamValue(value: unknown): value is ParamValue {
  return typeof value === 'number' || typeof value === 'string';
}

function isDeviceKind(value: ParamValue): value is DeviceKind {
  return DEVICE_KINDS.some((kind) => kind === value);
}

/** Every registry path holds a value of its type, and `layers` is an object: the shape of a HardwareConfig. */
function isHardwareConfig(tree: object): tree is HardwareConfig {
  return isObject(Reflect.get(tree, 'layers')) && PARAMETERS.every((spec) => {
    const value = valueAt(tree, spec.path);
    return spec.type.kind === 'choice' ? typeof value === 'string' : typeof value === 'number';
  });
}

/**
 * The hardware one layer sees: global values with `layers.<index>` then `layers.<name>` overrides, and its input
 * spike rate (override > the layer's own > the network's > snn.spikeRate). Allocation-free without overrides (the
 * ELA engine calls it per layer per evaluation).
 */
export function layerHardware(config: HardwareConfig, layer: LayerRef, network?: { readonly spikeRate?: number }): LayerHardware {
  const byIndex = config.layers[String(layer.index)];
  const byName = config.layers[layer.name];
  if (!byIndex && !byName) {
    return { device: config.device, crossbar: config.crossbar, adc: config.adc, spikeRate: layer.spikeRate ?? network?.spikeRate ?? config.snn.spikeRate };
  }
  const own = { ...byIndex, ...byName };
  return {
    device: { ...config.device, ...groupFields(own, 'device.') },
    crossbar: { ...config.crossbar, ...groupFields(own, 'crossbar.') },
    adc: { ...config.adc, ...groupFields(own, 'adc.') },
    spikeRate: layerSpikeRate(config, layer, network),
  };
}

type LayerRef = { readonly index: number; readonly name: string; readonly spikeRate?: number };

/** A layer's input spike rate, as layerHardware gives it, without building the view (allocation-free). */
export function layerSpikeRate(config: HardwareConfig, layer: LayerRef, network?: { readonly spikeRate?: number }): number {
  const byName = config.layers[layer.name]?.['snn.spikeRate'];
  const rate = typeof byName === 'number' ? byName : config.layers[String(layer.index)]?.['snn.spikeRate'];
  return typeof rate === 'number' ? rate : layer.spikeRate ?? network?.spikeRate ?? config.snn.spikeRate;
}

/** The overrides under `prefix` keyed by field ('device.rOn_ohm' -> rOn_ohm); values were validated by applyOverrides. */
function groupFields(overrides: Readonly<Record<string, ParamValue>>, prefix: string): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const path in overrides) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = overrides[path];
  return out;
}

function checkConsistency(config: HardwareConfig): void {
  const max = DEVICE_PRESETS[config.device.kind].maxBitsPerCell;
  if (config.device.bitsPerCell > max) tooManyBits(config, config.device.bitsPerCell, 'device.bitsPerCell', max);
  for (const layer in config.layers) {
    const bits = config.layers[layer]['device.bitsPerCell'];
    if (typeof bits === 'number' && bits > max) tooManyBits(config, bits, `layers.${layer}.device.bitsPerCell`, max);
  }
}

function tooManyBits(config: HardwareConfig, bits: number, where: string, max: number): never {
  throw new ConfigError(`${where}: got ${bits}, expected at most ${max} bits per cell for device.kind=${config.device.kind}`);
}

/** A copy of `node` with keys[i..] set to `value` (creating missing levels); the rest shared. */
function withPath<T extends object>(node: T, keys: readonly string[], i: number, value: ParamValue): T {
  const key = keys[i];
  if (i === keys.length - 1) return { ...node, [key]: value };
  const child: unknown = Reflect.get(node, key);
  return { ...node, [key]: withPath(isObject(child) ? child : {}, keys, i + 1, value) };
}
