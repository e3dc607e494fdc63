/**
 * Latency by component (ns). Layer-scheduled dataflow: layers run one after another, each over all T timesteps;
 * within a layer every crossbar reads in parallel, so a layer takes reads x one crossbar read; the NoC drain and the
 * LIF read-modify-write add per timestep.
 */
import type { HardwareConfig } from '../../hardware/config.js';
import type { ResolvedLayer } from '../../model/types.js';
import { shapeSize } from '../../model/resolve.js';
import { LIF_LANES } from '../../hardware/components/lif.js';
import { COMPONENT } from './components.js';
import type { WeightLayerDesign } from './design.js';

const C = COMPONENT;

export function weightLayerLatency(design: WeightLayerDesign, config: HardwareConfig, hops: number, latency: number[]): void {
  const { m, reads } = design;
  const T = config.snn.timesteps;
  const clock_ns = 1000 / config.arch.clock_MHz;
  latency[C.crossbar] = reads * design.senseTime_ns;
  latency[C.adc] = reads * design.conversionTime_ns;
  latency[C.periphery] = reads * (design.readTime_ns - (design.senseTime_ns + design.conversionTime_ns));
  latency[C.lif] = T * 2 * clock_ns; // read-modify-write of the last U_mem entries per timestep
  // NoC drain per timestep: the last position's partial sums cross `hops` routers and serialise through one
  // nocWidth-bit link into the global unit (the rest overlaps with the crossbar reads).
  latency[C.noc] = T * (hops + Math.ceil((design.tileGroups * m.outputs * design.accumulatorBits) / config.arch.nocWidth_bits)) * clock_ns;
}

/** Pooling / residual add on spikes: digital, streamed through LIF_LANES lanes per clock. */
export function spikeLayerLatency(layer: ResolvedLayer, config: HardwareConfig, latency: number[]): void {
  latency[C.periphery] = config.snn.timesteps * Math.ceil(shapeSize(layer.outputShape) / LIF_LANES) * (1000 / config.arch.clock_MHz);
}
