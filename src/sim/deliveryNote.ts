/**
 * Where the inputs' way out of the global unit paces a run (docs/simulator.md, "The input delivery bound"): a model
 * note naming, layer-scheduled, each weight layer whose one timestep's inputs take longer on the link's outgoing
 * channel than the layer's own work per timestep, and, pipelined, the channel all stages' inputs share when it paces
 * the pipeline, with the times, so a designer sees which lever moves the latency. Since 2026-12-07 that time is in the
 * latency (timing.ts deliveryFloor_ns); from the QA pass of the same day until then the note said the latency was a
 * lower bound. Until 2026-12-07 (fixups 3) a pipelined run had no note.
 */
import type { HardwareConfig } from '../hardware/config.js';
import { clockPeriod_ns } from '../hardware/clock.js';
import { meanHops } from '../hardware/components/interconnect.js';
import { shapeSize } from '../model/resolve.js';
import type { Network } from '../model/types.js';
import type { WeightLayerDesign } from './ela/design.js';
import { pricedInference, type PricedInference } from './ela/priced.js';
import { deliveryClocks, layerLink_ns, linkFloor_ns, pipelineLatency_ns } from './ela/timing.js';
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

/** A pipelined run its input delivery paces (pipelinedDelivery). */
export interface PipelinedDelivery {
  /** Every weight layer's delivery per timestep (own_ns: its stage's own work per timestep, as BoundDelivery's). */
  readonly layers: readonly BoundDelivery[];
  /** S_out: all stages' inputs per timestep on the one outgoing channel (ns). */
  readonly shared_ns: number;
  /** Set when S_out paces the pipeline: the pace it displaces (the slowest stage, or the link in S_in when longer; ns). */
  readonly sharedOver?: { readonly pace_ns: number; readonly stage?: string };
  /** The stages whose own inputs outlast their own work per timestep (each stage is at least its own D·clk). */
  readonly boundStages: readonly BoundDelivery[];
  /** What the delivery adds to the inference (ns): the pipeline with it less the pipeline without it. */
  readonly added_ns: number;
}

/**
 * Each layer's delivery and own time per timestep (weight layers), and the stages and link in of the evaluation;
 * `priced`: the inference already priced for `network` and `config` (else priced here, the one place that does).
 */
function deliveries(network: Network, config: HardwareConfig, priced: PricedInference = pricedInference(network, config)) {
  const model = TIMING_MODELS[config.arch.timing];
  const T = config.snn.timesteps;
  const clock_ns = clockPeriod_ns(config);
  const designs: (WeightLayerDesign | null)[] = network.layers.map(() => null);
  for (const l of priced.layers) if (l.design) designs[l.index] = l.design;
  const { evaluation, stages } = priced;
  const hops = meanHops(evaluation.tiles);
  const own = zeros();
  const layers = evaluation.layers.flatMap((l): BoundDelivery[] => {
    const design = designs[l.index];
    if (!design) return [];
    const inputs = shapeSize(network.layers[l.index].inputShape);
    own.fill(0);
    model.weightLayer(design, config, hops, own);
    const copies = l.copies ?? 1;
    const own_ns = copies > 1 ? Math.max(sum(own) / copies, linkFloor_ns(design, config)) / T : sum(own) / T;
    return [{ layer: l.name, bits: timestepInputBits(config, inputs, design.activity, design.m), delivery_ns: deliveryClocks(design, config, inputs) * clock_ns, own_ns }];
  });
  return { layers, stages, linkIn_ns: layerLink_ns(designs, config, hops), weightLayer: designs.map((d) => d !== null) };
}

/**
 * Weight layers whose delivery D·clk (timing.ts deliveryClocks) exceeds their own work per timestep W (the timing
 * model's weightLayer on the final mesh, / T, and with c copies max(W / c, link floor / T)): the layers whose latency
 * is T·D·clk. Layer-scheduled read-model timing (a pipelined run: pipelinedDelivery); SpikeSim's script timing does
 * not time the delivery.
 */
export function boundDeliveries(network: Network, config: HardwareConfig, priced?: PricedInference): BoundDelivery[] {
  if (config.arch.dataflow !== 'layer' || !TIMING_MODELS[config.arch.timing].deliveryFloor_ns) return [];
  return deliveries(network, config, priced).layers.filter((b) => b.delivery_ns > b.own_ns);
}

/**
 * A pipelined run (read-model timing) its input delivery paces, or undefined: each stage is at least its own D_l·clk
 * (timing.ts deliveryClocks), and every stage's inputs of a timestep leave the global unit on the one outgoing channel,
 * S_out = Σ_l D_l·clk; the pipeline takes max(Σ τ, S) + (T − 1)·max(max τ, S) (timing.ts pipelineLatency_ns,
 * S = max(S_in, S_out)). Without the delivery the stages are their own work W_l and S = S_in (the link in): what the
 * delivery adds is the difference, named when positive, with what adds it: S_out where it exceeds the slowest stage
 * and S_in, and each stage whose D_l·clk exceeds its W_l.
 */
export function pipelinedDelivery(network: Network, config: HardwareConfig, priced?: PricedInference): PipelinedDelivery | undefined {
  if (config.arch.dataflow !== 'pipelined' || !TIMING_MODELS[config.arch.timing].deliveryFloor_ns) return undefined;
  const T = config.snn.timesteps;
  const { layers, stages, linkIn_ns, weightLayer } = deliveries(network, config, priced);
  const shared_ns = layers.reduce((s, b) => s + b.delivery_ns, 0);
  const in_ns = linkIn_ns.reduce((s, x) => s + x, 0);
  // A stage without weights (pooling) has no delivery: its own time is its stage.
  let next = 0;
  const ownStage = stages.stage_ns.map((s, i) => (weightLayer[i] ? layers[next++].own_ns : s));
  const added_ns = pipelineLatency_ns(stages.stage_ns, T, Math.max(in_ns, shared_ns)) - pipelineLatency_ns(ownStage, T, in_ns);
  if (!(added_ns > 0)) return undefined;
  const slowestAt = stages.stage_ns.indexOf(Math.max(...stages.stage_ns));
  const pace_ns = Math.max(stages.stage_ns[slowestAt], in_ns);
  const sharedOver = shared_ns > pace_ns ? { pace_ns, ...(stages.stage_ns[slowestAt] >= in_ns ? { stage: network.layers[slowestAt].name } : {}) } : undefined;
  return { layers, shared_ns, ...(sharedOver ? { sharedOver } : {}), boundStages: layers.filter((b) => b.delivery_ns > b.own_ns), added_ns };
}

/**
 * The note for boundDeliveries (layer-scheduled) or pipelinedDelivery, or undefined when the delivery paces nothing;
 * `priced`: the inference already priced for `network` and `config` (else priced here).
 */
export function inputDeliveryNote(network: Network, config: HardwareConfig, priced?: PricedInference): string | undefined {
  if (config.arch.dataflow === 'pipelined') return pipelinedNote(config, pipelinedDelivery(network, config, priced));
  const bound = boundDeliveries(network, config, priced);
  if (!bound.length) return undefined;
  const T = config.snn.timesteps;
  const list = bound.map((b) => `${b.layer}: ${fmt(b.bits)} bits, ${fmt(b.delivery_ns)} ns per timestep against ${fmt(b.own_ns)} ns of its own (+${fmt(T * (b.delivery_ns - b.own_ns))} ns)`).join('; ');
  return `input delivery binds (each timestep's inputs leave the global unit on the ${config.arch.nocWidth_bits}-bit link, ${settings(config)}, slower than the layer reads, drains and fires): ${list}; ` +
    `${levers(config)} shorten it (docs/simulator.md, "The input delivery bound")`;
}

function pipelinedNote(config: HardwareConfig, p: PipelinedDelivery | undefined): string | undefined {
  if (!p) return undefined;
  const over = p.sharedOver;
  const shared = over ? [`all stages' inputs, ${fmt(p.shared_ns)} ns per timestep (${p.layers.map((b) => `${b.layer}: ${fmt(b.bits)} bits, ${fmt(b.delivery_ns)} ns`).join('; ')}) `
    + `against ${fmt(over.pace_ns)} ns of ${over.stage !== undefined ? `the slowest stage, ${over.stage}` : 'the partial sums on the link into the global unit'}`] : [];
  const stages = p.boundStages.map((b) => `stage ${b.layer}: ${fmt(b.bits)} bits, ${fmt(b.delivery_ns)} ns per timestep against ${fmt(b.own_ns)} ns of its own`);
  return `input delivery binds the pipeline (every stage's inputs leave the global unit on the one ${config.arch.nocWidth_bits}-bit link's outgoing channel, ${settings(config)}, `
    + `slower than the stages read, drain and fire): ${[...shared, ...stages].join('; ')} (+${fmt(p.added_ns)} ns); ${levers(config)} shorten it `
    + '(docs/simulator.md, "The input delivery bound")';
}

const settings = (config: HardwareConfig): string => `arch.nocMulticast=${config.arch.nocMulticast}, arch.spikeEncoding=${config.arch.spikeEncoding}`;

/** What shortens the delivery from this configuration: a wider link, and a tree or dense spikes where they are not already chosen. */
function levers(config: HardwareConfig): string {
  const more = [...(config.arch.nocMulticast === 'unicast' ? ['arch.nocMulticast=tree'] : []), ...(config.arch.spikeEncoding === 'aer' ? ['arch.spikeEncoding=dense'] : [])];
  return more.length ? `a wider arch.nocWidth_bits or ${more.join(' or ')} would` : 'only a wider arch.nocWidth_bits would';
}

/** Whole numbers and times from 1 µs with thousands separators (to the ns), shorter ones to 4 digits. */
function fmt(x: number): string {
  return Number.isInteger(x) || Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(4);
}
