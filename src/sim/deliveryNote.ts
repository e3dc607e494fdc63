/**
 * Where the inputs' way out of the global unit paces a layer (docs/simulator.md, "The input delivery bound"): a model
 * note naming each weight layer whose one timestep's inputs take longer on the link's outgoing channel than the layer's
 * own work per timestep, with both times, so a designer sees which lever moves its latency. Since 2026-12-07 that time
 * is in the latency (timing.ts deliveryFloor_ns); from the QA pass of the same day until then the note said the
 * latency was a lower bound.
 */
import type { HardwareConfig } from '../hardware/config.js';
import { clockPeriod_ns } from '../hardware/clock.js';
import { meanHops } from '../hardware/components/interconnect.js';
import { shapeSize } from '../model/resolve.js';
import type { Network } from '../model/types.js';
import type { WeightLayerDesign } from './ela/design.js';
import { evaluateWith } from './ela/evaluate.js';
import { deliveryClocks, linkFloor_ns } from './ela/timing.js';
import { TIMING_MODELS } from './ela/timingModels.js';
import { sum, zeros } from './ela/works.js';
import { timestepInputBits } from './ela/counts.js';

/** One weight layer its input delivery paces: its name, the bits and time of one timestep's delivery, its own time per timestep (ns). */
export interface BoundDelivery {
  readonly layer: string;
  readonly bits: number;
  readonly delivery_ns: number;
  /** The layer's reads, last drain, drain queue and LIF write per timestep (/ copies, at least the copies' link floor / T). */
  readonly own_ns: number;
}

/**
 * Weight layers whose delivery D·clk (timing.ts deliveryClocks) exceeds their own work per timestep W (the timing
 * model's weightLayer on the final mesh, / T, and with c copies max(W / c, link floor / T)): the layers whose latency
 * is T·D·clk. Layer-scheduled read-model timing: a pipelined stage's pace is the whole pipeline's, and SpikeSim's
 * script timing does not time the delivery.
 */
export function boundDeliveries(network: Network, config: HardwareConfig): BoundDelivery[] {
  const model = TIMING_MODELS[config.arch.timing];
  if (config.arch.dataflow !== 'layer' || !model.deliveryFloor_ns) return [];
  const T = config.snn.timesteps;
  const clock_ns = clockPeriod_ns(config);
  const designs = new Map<number, WeightLayerDesign>();
  const evaluation = evaluateWith(network, config, (i, _counts, _prices, design) => {
    if (design) designs.set(i, design);
  });
  const hops = meanHops(evaluation.tiles);
  const own = zeros();
  return evaluation.layers.flatMap((l) => {
    const design = designs.get(l.index);
    if (!design) return [];
    const inputs = shapeSize(network.layers[l.index].inputShape);
    const delivery_ns = deliveryClocks(design, config, inputs) * clock_ns;
    own.fill(0);
    model.weightLayer(design, config, hops, own);
    const copies = l.copies ?? 1;
    const own_ns = copies > 1 ? Math.max(sum(own) / copies, linkFloor_ns(design, config)) / T : sum(own) / T;
    const bits = timestepInputBits(config, inputs, design.activity, design.m);
    return delivery_ns > own_ns ? [{ layer: l.name, bits, delivery_ns, own_ns }] : [];
  });
}

/** The note for boundDeliveries, or undefined when every layer's own work outlasts its delivery. */
export function inputDeliveryNote(network: Network, config: HardwareConfig): string | undefined {
  const bound = boundDeliveries(network, config);
  if (!bound.length) return undefined;
  const T = config.snn.timesteps;
  const list = bound.map((b) => `${b.layer}: ${fmt(b.bits)} bits, ${fmt(b.delivery_ns)} ns per timestep against ${fmt(b.own_ns)} ns of its own (+${fmt(T * (b.delivery_ns - b.own_ns))} ns)`).join('; ');
  return `input delivery binds (each timestep's inputs leave the global unit on the ${config.arch.nocWidth_bits}-bit link, arch.nocMulticast=${config.arch.nocMulticast}, ` +
    `arch.spikeEncoding=${config.arch.spikeEncoding}, slower than the layer reads, drains and fires): ${list}; ` +
    `${levers(config)} shorten it (docs/simulator.md, "The input delivery bound")`;
}

/** What shortens the delivery from this configuration: a wider link, and a tree or dense spikes where they are not already chosen. */
function levers(config: HardwareConfig): string {
  const more = [...(config.arch.nocMulticast === 'unicast' ? ['arch.nocMulticast=tree'] : []), ...(config.arch.spikeEncoding === 'aer' ? ['arch.spikeEncoding=dense'] : [])];
  return more.length ? `a wider arch.nocWidth_bits or ${more.join(' or ')} would` : 'only a wider arch.nocWidth_bits would';
}

/** Whole numbers and times from 1 µs with thousands separators (to the ns), shorter ones to 4 digits. */
function fmt(x: number): string {
  return Number.isInteger(x) || Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(4);
}
