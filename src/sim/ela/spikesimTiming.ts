/**
 * `arch.timing = 'spikesim-ela'`: the latency of SpikeSim's ELA script (Intelligent-Computing-Lab-Yale/SpikeSim,
 * SNN_train_infer_quantization_ela/ela_spikesim.py, latency_gen; docs/sources.md#circuits-3-5), reproduced as it
 * computes it, only to reproduce that script (docs/simulator.md §7). It charges one PE cycle (26 clocks) per output
 * neuron per timestep, one neuron after another: no crossbar parallelism, whatever the mapping; and it multiplies by
 * T twice. With n_j = out_dim²·out_ch output neurons of weight layer j and u = PE_cycle·T:
 *   start_j = 1 + Σ_{i<j} floor(0.75·n_i)·T      halt_j = n_j·T + Σ_{i<j} floor(0.75·n_i)·T
 *   layer j, as the script prints it: (halt_j − start_j)·u = (n_j·T − 1)·u
 *   end to end (first start to last halt): (max_j halt_j − start_0)·u
 * Layer j is charged its share of that span: (start_{j+1} − start_j)·u, the last layer the rest; the shares sum to
 * the end-to-end latency. All of it is the PE cycle, on the crossbar component (the script does not split it).
 * Layers without weights (pooling, adds) take no time: the script's layer lists fold pooling into the conv.
 */
import { SPIKESIM_LAYER_OVERLAP, SPIKESIM_PE_CYCLE_clocks } from '../../hardware/components/spikesimEla.js';
import type { HardwareConfig } from '../../hardware/config.js';
import { COMPONENT } from './components.js';
import type { LayerMapping } from '../mapping.js';
import type { WeightLayerDesign } from './design.js';
import { clockPeriod_ns } from '../../hardware/clock.js';

const C = COMPONENT;

/** One PE cycle (ns) at the configuration's clock: 104 ns at 250 MHz. */
export function spikesimPeCycle_ns(config: HardwareConfig): number {
  return SPIKESIM_PE_CYCLE_clocks * clockPeriod_ns(config);
}

/** Output neurons of a weight layer (out_dim²·out_ch): one PE cycle each per timestep. */
export function spikesimNeurons(m: LayerMapping): number {
  return m.positions * m.outputs;
}

/** Per weight layer, the script's printed `layerwise_latency` (ns): (n·T − 1)·PE_cycle·T. */
export function spikesimLayerLatency_ns(neurons: number, config: HardwareConfig): number {
  const T = config.snn.timesteps;
  return (neurons * T - 1) * spikesimPeCycle_ns(config) * T;
}

/**
 * The script's schedule in PE-cycle units (before the · PE_cycle · T): each weight layer's share of the span from
 * the first layer's start to the last halt, in `neurons` order. Σ shares = max_j halt_j − start_0.
 */
export function spikesimScheduleShares(neurons: readonly number[], T: number): number[] {
  const shares: number[] = [];
  let done = 0; // Σ_{i<j} floor(0.75·n_i)·T
  let lastHalt = 0;
  for (let j = 0; j < neurons.length; j++) {
    lastHalt = Math.max(lastHalt, neurons[j] * T + done);
    const step = Math.floor(SPIKESIM_LAYER_OVERLAP * neurons[j]) * T;
    shares.push(step);
    done += step;
  }
  if (neurons.length > 0) shares[neurons.length - 1] = lastHalt - (1 + done - shares[neurons.length - 1]);
  return shares;
}

/** Weight layer: the script's per-layer latency (rewritten into the layer's share of the schedule by spikesimSchedule). */
export function spikesimWeightLayerLatency(design: WeightLayerDesign, config: HardwareConfig, latency: number[]): void {
  latency.fill(0);
  latency[C.crossbar] = spikesimLayerLatency_ns(spikesimNeurons(design.m), config);
}

/** After every layer: each weight layer's latency becomes its share of the overlapped schedule; other layers 0. */
export function spikesimSchedule(designs: readonly (WeightLayerDesign | null)[], works: readonly { readonly latency: number[] }[], config: HardwareConfig): void {
  const neurons: number[] = [];
  for (const d of designs) if (d) neurons.push(spikesimNeurons(d.m));
  const shares = spikesimScheduleShares(neurons, config.snn.timesteps);
  const unit_ns = spikesimPeCycle_ns(config) * config.snn.timesteps;
  let j = 0;
  for (let i = 0; i < works.length; i++) {
    works[i].latency.fill(0);
    if (designs[i]) works[i].latency[C.crossbar] = shares[j++] * unit_ns;
  }
}
