/**
 * The registry of latency models (`arch.timing`): how a layer's latency is charged and how the layers' latencies
 * combine into the inference's. A new model is one entry here plus its name in TIMINGS (hardware/configTypes.ts).
 */
import { ConfigError } from '../../core/index.js';
import type { HardwareConfig, Timing } from '../../hardware/config.js';
import type { ResolvedLayer } from '../../model/types.js';
import type { WeightLayerDesign } from './design.js';
import { spikesimSchedule, spikesimWeightLayerLatency } from './spikesimTiming.js';
import { deliveryFloor_ns, linkFloor_ns, nocHopLatency_ns, spikeLayerLatency, weightLayerLatency } from './timing.js';

export interface TimingModel {
  /** Refuses a configuration the model cannot time (ConfigError: field, value, expected). */
  readonly check?: (config: HardwareConfig) => void;
  /** A weight layer's latency by component (ns, into `latency`). */
  readonly weightLayer: (design: WeightLayerDesign, config: HardwareConfig, hops: number, latency: number[]) => void;
  /** What weightLayer's latency gains per NoC hop (ns; it is affine in the hops): for the final mesh (mesh.ts). */
  readonly hopLatency_ns: (config: HardwareConfig) => number;
  /** The least latency (ns) a weight layer's copies can reach (arch.replicate, arch.balance); none: no floor. */
  readonly copyFloor_ns?: (design: WeightLayerDesign, config: HardwareConfig) => number;
  /**
   * The least latency (ns) a weight layer's input delivery allows (`inputNeurons`: its input's size): each timestep
   * waits for its inputs to leave the global unit (timing.ts deliveryFloor_ns); none: the model does not time it.
   */
  readonly deliveryFloor_ns?: (design: WeightLayerDesign, config: HardwareConfig, inputNeurons: number) => number;
  /** A layer without weights (pooling, residual add). */
  readonly spikeLayer: (layer: ResolvedLayer, config: HardwareConfig, latency: number[]) => void;
  /** After every layer, before replication and arch.dataflow: rewrites the layers' latencies into their schedule. */
  readonly schedule?: (designs: readonly (WeightLayerDesign | null)[], works: readonly { readonly latency: number[] }[], config: HardwareConfig) => void;
  /** What `cosearch evaluate` notes under this model: a latency that is not a physical timing says so. */
  readonly note?: string;
}

/** The script's latency_gen has its own overlap and no copies or training: the settings that would rewrite it are refused. */
function checkSpikesim(config: HardwareConfig): void {
  const refuse = (field: string, value: string, expected: string) => {
    throw new ConfigError(`${field}: got ${value}, expected ${expected} with arch.timing=spikesim-ela (SpikeSim's latency_gen has its own 75% layer overlap, no weight copies, no training)`);
  };
  if (config.arch.dataflow !== 'layer') refuse('arch.dataflow', config.arch.dataflow, 'layer');
  if (config.arch.replicate !== 1) refuse('arch.replicate', String(config.arch.replicate), '1');
  if (config.arch.balance !== 'off') refuse('arch.balance', config.arch.balance, 'off');
  for (const key in config.layers) {
    const own = config.layers[key]['arch.replicate'];
    if (own !== undefined && own !== 1) refuse(`layers.${key}.arch.replicate`, String(own), '1');
  }
  if (config.training.algorithm !== 'none') refuse('training.algorithm', config.training.algorithm, 'none');
}

export const TIMING_MODELS: Readonly<Record<Timing, TimingModel>> = {
  'read-model': {
    weightLayer: weightLayerLatency, hopLatency_ns: nocHopLatency_ns, copyFloor_ns: linkFloor_ns, deliveryFloor_ns, spikeLayer: spikeLayerLatency,
  },
  'spikesim-ela': {
    check: checkSpikesim,
    weightLayer: (design, config, _hops, latency) => spikesimWeightLayerLatency(design, config, latency),
    hopLatency_ns: () => 0,
    spikeLayer: (_layer, _config, latency) => latency.fill(0),
    schedule: spikesimSchedule,
    note: "latency: arch.timing=spikesim-ela, SpikeSim's ELA-script timing (one PE cycle per output neuron per timestep, serially: no crossbar parallelism), only to reproduce that script (docs/simulator.md §7)",
  },
};

/** The configuration's timing model, after its check. */
export function timingModel(config: HardwareConfig): TimingModel {
  const model = TIMING_MODELS[config.arch.timing];
  model.check?.(config);
  return model;
}
