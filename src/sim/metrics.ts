/**
 * The metric registry: every number a simulation produces, declared once with its unit, its sense and a typed
 * accessor. The search (objectives, constraints, CSV columns), `cosearch list metrics`, the report and studies
 * all read this list; adding a metric is one entry here (docs/architecture.md).
 *
 * Each metric belongs to the engine that computes it (the same `Engine` names parameters' `affects` use): `ela` (energy-latency-area, evaluate()),
 * `accuracy` (hardware accuracy and MAC error, src/sim/accuracy.ts, ~100x the cost) or `training` (the on-chip training
 * cost, src/sim/training), so a caller runs only the engines whose metrics it reads. A metric added without breaking
 * --resume of older runs: docs/architecture.md (`onDemand` / `added`).
 */
import { ConfigError, didYouMean } from '../core/index.js';
import type { Engine } from '../hardware/config.js';
import { COMPONENTS, readValues, type Evaluation, type EvaluationTotals } from './evaluate.js';
import { worstMacErrorLayer } from './nonideal/worstLayer.js';
import { TRAINING_PHASES, type TrainingCost } from './training/types.js';

export type MetricSense = 'min' | 'max';

/**
 * What the accuracy engine's metrics read (src/sim/accuracy.ts `AccuracyMetrics` has these fields); declared
 * here, not imported, so the engine can import the registry without an import cycle.
 */
export interface AccuracyFigures {
  readonly accuracy: number;
  readonly accuracy_ci95: number;
  readonly macError_rms: number;
  readonly macSnr_dB: number;
  readonly accuracyProxy: number;
  /** The weight layers' MAC errors, whose mean is macError_rms and whose largest is macErrorMax_rms. */
  readonly macErrorLayers: readonly { readonly rms: number }[];
}

/**
 * The values a metric can take, for refusing a constraint or reference no design can meet (`accuracy >= 95`):
 * a share of a whole in [0, 1]; a non-negative quantity (energies, times, areas, counts, bits, rates, errors); or
 * any real (a ratio in dB).
 */
export type MetricValues = 'share' | 'nonNegative' | 'real';

interface MetricBase {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** Which direction is better when the metric is an objective. */
  readonly sense: MetricSense;
  readonly values: MetricValues;
}

/** A metric and its accessor; `engine` says which result the accessor reads. */
export type Metric =
  | (MetricBase & { readonly engine: 'ela'; readonly of: (e: EvaluationTotals) => number })
  | (MetricBase & { readonly engine: 'accuracy'; readonly of: (a: AccuracyFigures) => number })
  | (MetricBase & { readonly engine: 'training'; readonly of: (t: TrainingCost) => number });

/** The results of the engines that ran; an engine's metrics read NaN when it did not. */
export interface EngineResults {
  /** The per-layer results are not read: evaluateTotals' result will do. */
  readonly evaluation: EvaluationTotals;
  readonly accuracy?: AccuracyFigures;
  /** The training-cost model's result (training.algorithm bptt or sdfa; src/sim/training). */
  readonly training?: TrainingCost;
}

const ela = (name: string, unit: string, sense: MetricSense, description: string, of: (e: EvaluationTotals) => number, values: MetricValues = 'nonNegative'): Metric =>
  ({ name, unit, sense, description, engine: 'ela', of, values });

const TOTALS: readonly Metric[] = [
  ela('energy_pJ', 'pJ', 'min', 'Energy of one inference over all timesteps (dynamic + leakage)', (e) => e.energy_pJ),
  ela('latency_ns', 'ns', 'min', 'Latency of one inference over all timesteps (arch.dataflow: layer-scheduled or pipelined)', (e) => e.latency_ns),
  ela('area_mm2', 'mm2', 'min', 'Chip area', (e) => e.area_mm2),
  ela('power_mW', 'mW', 'min', 'Average power: energy / latency', (e) => e.power_mW),
  ela('tops', 'TOPS', 'max', 'Dense-equivalent ops (2 per MAC, every timestep) per second, 1e12', (e) => e.tops),
  ela('topsPerW', 'TOPS/W', 'max', 'Ops per joule, 1e12', (e) => e.topsPerW),
  ela('topsPerMm2', 'TOPS/mm2', 'max', 'TOPS per mm² of chip', (e) => e.topsPerMm2),
  ela('edp_pJs', 'pJ*s', 'min', 'Energy-delay product', (e) => e.edp_pJs),
  ela('crossbars', '', 'min', 'Crossbars holding the weights', (e) => e.crossbars),
  ela('pes', '', 'min', 'Processing elements', (e) => e.pes),
  ela('tiles', '', 'min', 'Tiles', (e) => e.tiles),
  ela('utilisation', 'fraction', 'max', 'Used cells / provisioned cells', (e) => e.utilisation, 'share'),
  ela('adcBits', 'bit', 'min', 'Largest ADC resolution used by any layer (1 for sense amplifiers)', (e) => e.adcBits),
  ela('accumulatorBits', 'bit', 'min', 'Widest partial-sum accumulator any layer needs', (e) => e.accumulatorBits),
  ela('nocBandwidth_Gbps', 'Gbit/s', 'min', 'Peak NoC bandwidth a layer needs to keep its crossbars busy', (e) => e.nocBandwidth_Gbps),
  ela('bufferBandwidth_Gbps', 'Gbit/s', 'min', 'Peak buffer bandwidth a layer needs', (e) => e.bufferBandwidth_Gbps),
  ela('lifAreaShare', 'fraction', 'min', 'LIF module (U_mem cache + datapath) area / chip area', (e) => e.lifAreaShare, 'share'),
  ela('reticleFields', 'fields', 'min',
    'Chip area / one lithography field (26 mm x 33 mm = 858 mm²); above 1 the chip needs several dies and a network-on-package (not modelled)',
    (e) => e.reticleFields),
];

const BREAKDOWN: readonly Metric[] = [
  ...COMPONENTS.map((c) => ela(`breakdown.energy_pJ.${c}`, 'pJ', 'min', `Energy of the ${c} component`, (e) => e.breakdown.energy_pJ[c])),
  ...COMPONENTS.map((c) => ela(`breakdown.latency_ns.${c}`, 'ns', 'min', `Latency attributed to the ${c} component`, (e) => e.breakdown.latency_ns[c])),
  ...COMPONENTS.map((c) => ela(`breakdown.area_mm2.${c}`, 'mm2', 'min', `Area of the ${c} component`, (e) => e.breakdown.area_mm2[c])),
];

const acc = (name: string, unit: string, sense: MetricSense, description: string, of: (a: AccuracyFigures) => number, values: MetricValues = 'nonNegative'): Metric =>
  ({ name, unit, sense, description, engine: 'accuracy', of, values });

const ACCURACY: readonly Metric[] = [
  acc('accuracy', 'fraction', 'max',
    'Hardware test accuracy on accuracy.samples MNIST test images (networks with trained weights; NaN otherwise)', (a) => a.accuracy, 'share'),
  acc('accuracy_ci95', 'fraction', 'min', 'Half-width of the 95% interval of accuracy: Wilson over the test samples (one chip), Student t over the chips (accuracy.chips >= 2)', (a) => a.accuracy_ci95, 'share'),
  acc('macError_rms', 'fraction', 'min',
    'Mean over weight layers of the normalised RMS error of crossbar partial sums (Monte Carlo, random weights and spikes; NaN for designs with sense-amplifier layers)', (a) => a.macError_rms),
  acc('macSnr_dB', 'dB', 'max', 'Mean over weight layers of the partial-sum signal-to-noise ratio (NaN for designs with sense-amplifier layers)', (a) => a.macSnr_dB, 'real'),
  acc('accuracyProxy', 'fraction', 'min',
    'Rank proxy of hardware accuracy without trained weights: mean over weight layers of min(1, normalised RMS error of T-read crossbar sums), hidden layers reading the untrained network\'s own spikes (docs/accuracy.md "Empirical reads"; NaN for networks the functional SNN graph cannot run or whose input is not MNIST images, and for designs with sense-amplifier layers)',
    (a) => a.accuracyProxy, 'share'),
  acc('macErrorMax_rms', 'fraction', 'min',
    'Largest over weight layers of the normalised RMS error of crossbar partial sums: the worst layer of macError_rms, from the same Monte Carlo (NaN for designs with sense-amplifier layers)',
    (a) => worstMacErrorLayer(a.macErrorLayers)?.rms ?? NaN),
];

const train = (name: string, unit: string, sense: MetricSense, description: string, of: (t: TrainingCost) => number, values: MetricValues = 'nonNegative'): Metric =>
  ({ name, unit, sense, description, engine: 'training', of, values });

/** On-chip training cost (docs/training-cost.md); refused when training.algorithm is none. */
const TRAINING: readonly Metric[] = [
  train('trainEnergy_pJ_per_sample', 'pJ', 'min', 'Training energy per sample: forward, state buffer, error path, local error, weight gradient, 1/B of the update, leakage', (t) => t.energy_pJ_per_sample),
  train('trainLatency_ns_per_sample', 'ns', 'min', 'Training time per sample: batch time / batch size (pipeline fill, intervals, weight update)', (t) => t.latency_ns_per_sample),
  train('trainEnergy_pJ_per_batch', 'pJ', 'min', 'Training energy of one batch, its weight update included', (t) => t.energy_pJ_per_batch),
  train('trainLatency_ns_per_batch', 'ns', 'min', 'Time of one batch: first sample + (B-1) intervals + the weight update', (t) => t.latency_ns_per_batch),
  train('trainEnergy_J_per_epoch', 'J', 'min', 'Training energy of one epoch (training.datasetSize samples)', (t) => t.energy_J_per_epoch),
  train('trainLatency_s_per_epoch', 's', 'min', 'Training time of one epoch', (t) => t.latency_s_per_epoch),
  train('trainInterval_ns', 'ns', 'min', 'Initiation interval: a new training sample every interval in steady state', (t) => t.timing.interval_ns),
  train('writeLatency_ns_per_batch', 'ns', 'min', 'Programming one batch update (all crossbars in parallel, rows one at a time)', (t) => t.timing.write_ns),
  train('stateBuffer_bits', 'bit', 'min', 'State buffer for spikes and membrane potentials: bits per sample x samples alive at once', (t) => t.stateBuffer_bits),
  train('stateLifetime_ns', 'ns', 'min', "How long a sample's stored state lives (forward to the end of its backward or local update)", (t) => t.stateLifetime_ns),
  train('gradientMemory_bits', 'bit', 'min', 'Weight-gradient accumulators (one per weight)', (t) => t.gradientMemory_bits),
  train('feedbackEntries', '', 'min', "SDFA's feedback matrix B entries (C x N_max; 0 for BPTT)", (t) => t.feedbackEntries),
  train('trainArea_mm2', 'mm2', 'min', 'Area training adds: state and gradient SRAMs, B storage, BPTT row-side converters', (t) => t.trainArea_mm2),
  train('pulsesPerUpdate', 'pulses', 'min', 'Mean programming pulses per weight per update (ASSUMPTION: training.updateSigma_lsb, the update spread in weight LSBs)', (t) => t.pulsesPerUpdate),
  train('writesPerCellPerEpoch_mean', 'pulses', 'min', 'Programming pulses per cell per epoch, mean (under the update assumption)', (t) => t.writesPerCellPerEpoch.mean),
  train('writesPerCellPerEpoch_p99', 'pulses', 'min', 'Programming pulses per cell per epoch, 99th percentile', (t) => t.writesPerCellPerEpoch.p99),
  train('writesPerCellPerEpoch_max', 'pulses', 'min', 'Programming pulses per cell per epoch, largest over the written cells', (t) => t.writesPerCellPerEpoch.max),
  train('lifetime_epochs', 'epochs', 'max', 'Epochs until the most-written cell reaches device.endurance_cycles', (t) => t.lifetime_epochs),
  ...TRAINING_PHASES.map((p) => train(`trainBreakdown.energy_pJ.${p}`, 'pJ', 'min', `Training energy per sample of the ${p} phase`, (t) => t.breakdown_pJ[p])),
];

/**
 * Every metric, in CSV column order: energy-latency-area totals, the per-component breakdown, the accuracy
 * engine's metrics, then the training-cost metrics. Append a new metric to its engine's list above.
 */
export const METRIC_REGISTRY: readonly Metric[] = [...TOTALS, ...BREAKDOWN, ...ACCURACY, ...TRAINING];

/** The energy-latency-area metrics (evaluate()), totals first, then the per-component breakdown. */
export const METRICS: readonly Metric[] = METRIC_REGISTRY.filter((m) => m.engine === 'ela');
/** The accuracy engine's metrics. */
export const ACCURACY_METRICS: readonly Metric[] = METRIC_REGISTRY.filter((m) => m.engine === 'accuracy');
/** Every metric a simulation produces (the same list as METRIC_REGISTRY). */
export const SIMULATION_METRICS: readonly Metric[] = METRIC_REGISTRY;
/** Metric names in CSV column order. */
export const METRIC_NAMES: readonly string[] = METRIC_REGISTRY.map((m) => m.name);

const BY_NAME = new Map(METRIC_REGISTRY.map((m) => [m.name, m]));

/**
 * Every ELA metric's value, METRICS[i].of(e) at out[i], read without a call per metric: a search's row reads all of
 * them, and through the accessors each read was a call at a site that sees every accessor (never inlined) returning
 * a boxed double (~0.6 kB of garbage per row). test/sim/metrics.test.ts pins it against the accessors.
 */
export function writeElaValues(e: EvaluationTotals, out: Float64Array): void {
  out[0] = e.energy_pJ;
  out[1] = e.latency_ns;
  out[2] = e.area_mm2;
  out[3] = e.power_mW;
  out[4] = e.tops;
  out[5] = e.topsPerW;
  out[6] = e.topsPerMm2;
  out[7] = e.edp_pJs;
  out[8] = e.crossbars;
  out[9] = e.pes;
  out[10] = e.tiles;
  out[11] = e.utilisation;
  out[12] = e.adcBits;
  out[13] = e.accumulatorBits;
  out[14] = e.nocBandwidth_Gbps;
  out[15] = e.bufferBandwidth_Gbps;
  out[16] = e.lifAreaShare;
  out[17] = e.reticleFields;
  readValues(e.breakdown.energy_pJ, out, TOTALS.length);
  readValues(e.breakdown.latency_ns, out, TOTALS.length + COMPONENTS.length);
  readValues(e.breakdown.area_mm2, out, TOTALS.length + 2 * COMPONENTS.length);
}

/** The metric called `name`; a ConfigError with a one-edit suggestion when there is none (`where` names the field). */
export function metricByName(name: string, where = 'metric'): Metric {
  const metric = BY_NAME.get(name);
  if (!metric) throw new ConfigError(`${where}: unknown metric "${name}"${didYouMean(name, METRIC_NAMES)}; see cosearch list metrics`);
  return metric;
}

/** The values a metric can take (its registry entry's `values`); undefined for an unknown metric or any real. */
export function metricRange(name: string): { readonly min: number; readonly max: number; readonly unit: string } | undefined {
  const metric = BY_NAME.get(name);
  if (!metric || metric.values === 'real') return undefined;
  return { min: 0, max: metric.values === 'share' ? 1 : Infinity, unit: metric.unit };
}

/**
 * The best value a metric's range allows in its sense: the end of its `values` its sense moves toward (a share's 1 or
 * 0, a non-negative quantity's 0 or Infinity, a real's +-Infinity). A strict bound no design can beat, which a lazy
 * search lets stand in for a metric until it is measured (src/app/lazyBounds.ts).
 */
export function bestPossibleValue(metric: Metric): number {
  if (metric.sense === 'max') return metric.values === 'share' ? 1 : Infinity;
  return metric.values === 'real' ? -Infinity : 0;
}

export function isMetricName(name: string): boolean {
  return BY_NAME.has(name);
}

/**
 * The engines that must run for these metrics; an unknown name is refused (metricByName, `where` naming the field): it
 * used to need no engine, so a typo (energy_uj) ran the ELA alone and its NaN went unnoticed.
 */
export function enginesFor(names: readonly string[], where = 'metrics'): Set<Engine> {
  return new Set(names.map((name, i) => metricByName(name, `${where}[${i}]`).engine));
}

/** The accuracy engine's metric names (it runs only for a run that needs one of them). */
export const ACCURACY_METRIC_NAMES: readonly string[] = ACCURACY_METRICS.map((m) => m.name);

/**
 * The accuracy engine's metrics computed apart from the rest, only for a caller that names them (src/sim/accuracy.ts
 * accuracyMetricsWith's `wanted`): the others come out of one run together.
 */
export const APART_ACCURACY_METRIC_NAMES: readonly string[] = ['accuracyProxy'];

/**
 * The worst layer's MAC error: read off the per-layer results macError_rms averages (no computation of its own), but
 * a column only for a run that reads it, so the runs of earlier versions keep their columns.
 */
export const WORST_LAYER_METRIC_NAMES: readonly string[] = ['macErrorMax_rms'];

/**
 * The accuracy engine's test-set measurement (hardware accuracy and its interval): run only for a caller that names
 * one of them (src/sim/accuracy.ts wantsMeasuredAccuracy). The MAC error alone is a Monte Carlo of the crossbars,
 * ~0.1 s per design, where the measurement of a trained network runs its test images through the chip (accuracy.samples,
 * 2,000 by default: seconds per design).
 */
export const MEASURED_ACCURACY_METRIC_NAMES: readonly string[] = ['accuracy', 'accuracy_ci95'];

/**
 * The crossbars' Monte Carlo metrics (MAC error, its SNR and worst layer, the accuracy proxy): errors against the exact
 * dot product, NaN for a design with sense-amplifier layers (src/sim/nonideal/macError.ts senseAmplifierLayers).
 */
export const MAC_ERROR_METRIC_NAMES: readonly string[] = ACCURACY_METRIC_NAMES.filter((m) => !MEASURED_ACCURACY_METRIC_NAMES.includes(m));

/** The training-cost metrics' names (they need training.algorithm bptt or sdfa). */
export const TRAINING_METRIC_NAMES: readonly string[] = TRAINING.map((m) => m.name);

/** One metric's value from the engines' results: NaN when its engine did not run. */
export function metricValue(metric: Metric, results: EngineResults): number {
  switch (metric.engine) {
    case 'ela': return metric.of(results.evaluation);
    case 'accuracy': return results.accuracy ? metric.of(results.accuracy) : NaN;
    case 'training': return results.training ? metric.of(results.training) : NaN;
  }
}

/** Every registered metric as one flat record, in registry order (NaN for an engine that did not run). */
export function simulationValues(results: EngineResults): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of METRIC_REGISTRY) out[m.name] = metricValue(m, results);
  return out;
}

/** The energy-latency-area metrics of an evaluation as one flat record (names as in METRICS). */
export function metricValues(e: Evaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of METRICS) out[m.name] = metricValue(m, { evaluation: e });
  return out;
}
