/**
 * The inputs' way out of the global unit, which the latency does not time (docs/simulator.md, "Not timed: the inputs'
 * way out of the global unit"; QA physics defect 1, 2026-12-07): a model note where a layer's inputs of one timestep
 * take longer to leave the global unit than the layer takes per timestep, so its latency is a lower bound.
 */
import type { HardwareConfig } from '../hardware/config.js';
import { clockPeriod_ns } from '../hardware/clock.js';
import { shapeSize } from '../model/resolve.js';
import type { Network } from '../model/types.js';
import { layerInputBits } from './ela/counts.js';
import { evaluateWith } from './ela/evaluate.js';
import { NOC_DELIVERY } from './multicast.js';

/** One weight layer whose inputs outlast its timestep: its name, the delivery and the layer's time per timestep (ns). */
export interface SlowDelivery {
  readonly layer: string;
  readonly bits: number;
  readonly delivery_ns: number;
  readonly timestep_ns: number;
}

/**
 * Weight layers whose inputs of one timestep hold the global unit's outgoing nocWidth-bit channel longer than the layer
 * takes per timestep: D = ceil(copies · bits / width) clocks, bits = the input map of one timestep as the global buffer
 * sends it (layerInputBits / T: dense spikes, AER events, a direct layer's bit-planes), copies = what the root sends
 * of each bit (NOC_DELIVERY rootCopies: one down a tree, one per receiving tile unicast); the layer's time per timestep
 * = its latency / T. Layer-scheduled read-model timing only: a pipelined stage or SpikeSim's script timing has no
 * per-layer time per timestep to compare with.
 */
export function slowDeliveries(network: Network, config: HardwareConfig): SlowDelivery[] {
  if (config.arch.dataflow !== 'layer' || config.arch.timing !== 'read-model') return [];
  const T = config.snn.timesteps;
  const clock_ns = clockPeriod_ns(config);
  const delivery = NOC_DELIVERY[config.arch.nocMulticast];
  const found = new Map<number, { bits: number; delivery_ns: number }>();
  const evaluation = evaluateWith(network, config, (i, _counts, _prices, design) => {
    if (!design) return;
    const bits = layerInputBits(config, shapeSize(network.layers[i].inputShape), design.activity, design.m) / T;
    found.set(i, { bits, delivery_ns: Math.ceil((delivery.rootCopies(design.m.inputTiles) * bits) / config.arch.nocWidth_bits) * clock_ns });
  });
  return evaluation.layers.flatMap((l) => {
    const d = found.get(l.index);
    const timestep_ns = l.latency_ns / T;
    return d && d.delivery_ns > timestep_ns ? [{ layer: l.name, bits: d.bits, delivery_ns: d.delivery_ns, timestep_ns }] : [];
  });
}

/** The note for slowDeliveries, or undefined when every layer's timestep outlasts its delivery. */
export function inputDeliveryNote(network: Network, config: HardwareConfig): string | undefined {
  const slow = slowDeliveries(network, config);
  if (!slow.length) return undefined;
  const list = slow.map((s) => `layer ${s.layer}'s ${fmt(s.bits)} bits take ${fmt(s.delivery_ns)} ns against its ${fmt(s.timestep_ns)} ns`).join(', ');
  return `the inputs of one timestep leave the global unit on the ${config.arch.nocWidth_bits}-bit link (arch.nocMulticast=${config.arch.nocMulticast}, ` +
    `arch.spikeEncoding=${config.arch.spikeEncoding}) slower than the layer runs a timestep: ${list}; that channel is not timed, so the latency ` +
    'is a lower bound (docs/simulator.md, "Not timed: the inputs\' way out of the global unit")';
}

function fmt(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toPrecision(4);
}
