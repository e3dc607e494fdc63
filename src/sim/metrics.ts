/**
 * The numeric output metrics of an evaluation, by name: what search uses for objectives, constraints and CSV
 * columns. Other engines (accuracy) add theirs by concatenating their own MetricSpec list to METRICS.
 */
import { COMPONENTS, type Evaluation } from './evaluate.js';

export interface MetricSpec {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** Which direction is better when the metric is an objective. */
  readonly better: 'min' | 'max';
}

const TOTALS: readonly MetricSpec[] = [
  { name: 'energy_pJ', unit: 'pJ', description: 'Energy of one inference over all timesteps (dynamic + leakage)', better: 'min' },
  { name: 'latency_ns', unit: 'ns', description: 'Latency of one inference, layer-scheduled dataflow over all timesteps', better: 'min' },
  { name: 'area_mm2', unit: 'mm2', description: 'Chip area', better: 'min' },
  { name: 'power_mW', unit: 'mW', description: 'Average power: energy / latency', better: 'min' },
  { name: 'tops', unit: 'TOPS', description: 'Dense-equivalent ops (2 per MAC, every timestep) per second, 1e12', better: 'max' },
  { name: 'topsPerW', unit: 'TOPS/W', description: 'Ops per joule, 1e12', better: 'max' },
  { name: 'topsPerMm2', unit: 'TOPS/mm2', description: 'TOPS per mm² of chip', better: 'max' },
  { name: 'edp_pJs', unit: 'pJ*s', description: 'Energy-delay product', better: 'min' },
  { name: 'crossbars', unit: '', description: 'Crossbars holding the weights', better: 'min' },
  { name: 'pes', unit: '', description: 'Processing elements', better: 'min' },
  { name: 'tiles', unit: '', description: 'Tiles', better: 'min' },
  { name: 'utilisation', unit: 'fraction', description: 'Used cells / provisioned cells', better: 'max' },
  { name: 'adcBits', unit: 'bit', description: 'Largest ADC resolution used by any layer (1 for sense amplifiers)', better: 'min' },
  { name: 'accumulatorBits', unit: 'bit', description: 'Widest partial-sum accumulator any layer needs', better: 'min' },
  { name: 'nocBandwidth_Gbps', unit: 'Gbit/s', description: 'Peak NoC bandwidth a layer needs to keep its crossbars busy', better: 'min' },
  { name: 'bufferBandwidth_Gbps', unit: 'Gbit/s', description: 'Peak buffer bandwidth a layer needs', better: 'min' },
  { name: 'lifAreaShare', unit: 'fraction', description: 'LIF module (U_mem cache + datapath) area / chip area', better: 'min' },
];

const BREAKDOWN: readonly MetricSpec[] = [
  ...COMPONENTS.map((c) => ({ name: `breakdown.energy_pJ.${c}`, unit: 'pJ', description: `Energy of the ${c} component`, better: 'min' as const })),
  ...COMPONENTS.map((c) => ({ name: `breakdown.latency_ns.${c}`, unit: 'ns', description: `Latency attributed to the ${c} component`, better: 'min' as const })),
  ...COMPONENTS.map((c) => ({ name: `breakdown.area_mm2.${c}`, unit: 'mm2', description: `Area of the ${c} component`, better: 'min' as const })),
];

/** Every numeric metric evaluate() produces, totals first, then the per-component breakdown. */
export const METRICS: readonly MetricSpec[] = [...TOTALS, ...BREAKDOWN];

/** The metrics of an evaluation as one flat record (names as in METRICS). */
export function metricValues(e: Evaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of TOTALS) out[m.name] = (e as unknown as Record<string, number>)[m.name];
  for (const c of COMPONENTS) out[`breakdown.energy_pJ.${c}`] = e.breakdown.energy_pJ[c];
  for (const c of COMPONENTS) out[`breakdown.latency_ns.${c}`] = e.breakdown.latency_ns[c];
  for (const c of COMPONENTS) out[`breakdown.area_mm2.${c}`] = e.breakdown.area_mm2[c];
  return out;
}
