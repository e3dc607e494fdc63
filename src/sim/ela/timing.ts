/**
 * Latency by component (ns) under the read model (arch.timing = 'read-model', registered in timingModels.ts; SpikeSim's
 * script timing is spikesimTiming.ts). Layer-scheduled dataflow: layers run one after another, each over all T timesteps;
 * within a layer every crossbar reads in parallel, so a layer takes reads x one crossbar read; the NoC drain and the
 * LIF read-modify-write add per timestep, and so does the drain's queue where the link is slower than the reads
 * (drainWait_ns).
 */
import { layerOverride, type HardwareConfig } from '../../hardware/config.js';
import type { ResolvedLayer } from '../../model/types.js';
import { shapeSize } from '../../model/resolve.js';
import { LIF_LANES } from '../../hardware/components/lif.js';
import { COMPONENT } from './components.js';
import type { WeightLayerDesign } from './design.js';
import { drainClocks, forwardDrain, layerDrainClocks, layerDrainSerialClocks, timestepInputBits } from './counts.js';
import { clockPeriod_ns } from '../../hardware/clock.js';
import { NOC_DELIVERY } from '../multicast.js';

const C = COMPONENT;

export function weightLayerLatency(design: WeightLayerDesign, config: HardwareConfig, hops: number, latency: number[]): void {
  const { reads } = design;
  const T = config.snn.timesteps;
  const clock_ns = clockPeriod_ns(config);
  latency[C.crossbar] = reads * design.senseTime_ns;
  latency[C.adc] = reads * design.conversionTime_ns;
  latency[C.periphery] = reads * (design.readTime_ns - (design.senseTime_ns + design.conversionTime_ns));
  latency[C.lif] = T * 2 * clock_ns; // read-modify-write of the last U_mem entries per timestep
  // NoC drain per timestep: the last position's partial sums cross `hops` routers and serialise through one
  // nocWidth-bit link into the global unit (the rest overlaps with the crossbar reads while a position drains no
  // slower than it reads), as the run's reduction sends them (psumReduction.ts). Every column block's tiles share
  // that link, so the bits it carries are the sum over column blocks (under 'global', mean tiles x outputs x
  // accumulator bits: the widest block does not drain alone).
  latency[C.noc] = T * layerDrainClocks(design, config, hops) * clock_ns;
  // Positions whose drain outlasts their reads queue on that link: drainWait_ns per timestep.
  const wait_ns = drainWait_ns(design, config);
  if (wait_ns > 0) latency[C.noc] += T * wait_ns;
}

/**
 * What a weight layer's drain adds per timestep (ns) when the link, not the reads, paces its positions. Per timestep
 * the P = m.positions positions each take r = inputCycles · readTime_ns of reads (every crossbar in parallel: the
 * sums of a position are complete after its input cycles) and then hold the link into the global unit for
 * s = layerDrainSerialClocks · clock (double-buffered: position p+1 reads while p drains); the hops h are latency.
 * Two stages over P items: the last position's sums arrive after r + (P - 1)·max(r, s) + s + h, i.e. today's
 * P·r + (s + h) plus (P - 1)·max(0, s - r). 0 when the reads are the slower stage: the same doubles as before.
 */
export function drainWait_ns(design: WeightLayerDesign, config: HardwareConfig): number {
  return linkQueue_ns(design.m.positions, design.m.inputCycles * design.readTime_ns, layerDrainSerialClocks(design, config) * clockPeriod_ns(config));
}

/**
 * The two-stage, double-buffered pipeline of `positions` items (docs/simulator.md, the drain bound): each takes
 * `read_ns` in the first stage, then holds the link for `serial_ns`. The last item leaves the link after
 * positions·read + serial (+ the hops' latency) plus what this returns, (positions - 1)·max(0, serial - read): 0 when
 * the reads are the slower stage. The forward's drain (drainWait_ns) and BPTT's transposed read (training/pipeline.ts).
 */
export function linkQueue_ns(positions: number, read_ns: number, serial_ns: number): number {
  return serial_ns > read_ns ? (positions - 1) * (serial_ns - read_ns) : 0;
}

/**
 * Clocks one timestep of a weight layer's inputs holds the global unit's outgoing nocWidth-bit channel (docs/simulator.md,
 * "The input delivery bound"): D = ⌈rootCopies · bits / nocWidth⌉, bits = timestepInputBits (dense spikes, AER events,
 * a direct layer's bit-planes), rootCopies = what the global unit sends of each bit (multicast.ts NOC_DELIVERY: one
 * down a tree, one per receiving tile unicast). The hops are latency, not occupancy, as the drain's are.
 */
export function deliveryClocks(design: Pick<WeightLayerDesign, 'activity' | 'm'>, config: HardwareConfig, inputNeurons: number): number {
  return outgoingClocks(config, design.m.inputTiles, timestepInputBits(config, inputNeurons, design.activity, design.m));
}

/**
 * Clocks `bits` bound for `tiles` tiles hold the global unit's outgoing channel: ⌈rootCopies(tiles) · bits / nocWidth⌉
 * (multicast.ts NOC_DELIVERY). Every delivery out of the global unit: a layer's inputs (deliveryClocks), BPTT's errors
 * and SDFA's error vector (training/).
 */
export function outgoingClocks(config: HardwareConfig, tiles: number, bits: number): number {
  return Math.ceil((NOC_DELIVERY[config.arch.nocMulticast].rootCopies(tiles) * bits) / config.arch.nocWidth_bits);
}

/**
 * The least time (ns, the whole inference) a weight layer takes for its inputs to leave the global unit: T·D·clk.
 * Double-buffered, timestep t + 1's inputs arrive while t is read, so a timestep takes max(W, D·clk) (W: its reads,
 * last drain, drain queue and LIF write, the layer's latency / T) and the layer max(latency, T·D·clk): it adds
 * T·max(0, D·clk − W), exactly linear in T. The first timestep's delivery overlaps the layer before it [assumption:
 * the outgoing channel is free while the previous layer reads its last timestep]. Weight copies cannot divide it
 * (they share the channel, as the drains share the link in: linkFloor_ns).
 */
export function deliveryFloor_ns(design: WeightLayerDesign, config: HardwareConfig, inputNeurons: number): number {
  return config.snn.timesteps * deliveryClocks(design, config, inputNeurons) * clockPeriod_ns(config);
}

/**
 * A layer's latency by component (`latency`) waits for its delivery floor (deliveryFloor_ns): what it falls short is
 * NoC time. `later`: under replication the floor is charged after the final mesh (works.ts floorCopies), not here.
 * Returns the floor.
 */
export function awaitDelivery(floor_ns: number, later: boolean, latency: number[]): number {
  if (later) return floor_ns;
  // Σ over the components as works.ts sum adds them (this module cannot import it: works.ts imports this one).
  const wait_ns = floor_ns - (0 + latency[0] + latency[1] + latency[2] + latency[3] + latency[4] + latency[5] + latency[6] + latency[7]);
  if (wait_ns > 0) latency[C.noc] += wait_ns;
  return floor_ns;
}

/** The first `n` of each layer's whole-inference times (ns) per timestep: the pipeline's delivery shares. */
export function perTimestep(total_ns: Float64Array, n: number, T: number): number[] {
  return Array.from(total_ns.subarray(0, n), (t) => t / T);
}

/** What weightLayerLatency's NoC drain gains per hop (ns): one clock per router, every timestep. */
export function nocHopLatency_ns(config: HardwareConfig): number {
  return config.snn.timesteps * clockPeriod_ns(config);
}

/** Pooling / residual add on spikes: digital, streamed through LIF_LANES lanes per clock. */
export function spikeLayerLatency(layer: ResolvedLayer, config: HardwareConfig, latency: number[]): void {
  latency[C.periphery] = config.snn.timesteps * Math.ceil(shapeSize(layer.outputShape) / LIF_LANES) * clockPeriod_ns(config);
}

/**
 * Latency of one input through layers as pipeline stages (arch.dataflow = pipelined): stage l takes `stage[l]` per
 * timestep; timestep t of layer l starts when layer l-1 has finished timestep t and layer l timestep t-1, so with
 * T timesteps the last output leaves after Σ_l stage[l] + (T - 1)·max_l stage[l] (fill, then the slowest stage
 * paces the rest). With T = 1 it is the layer-scheduled sum.
 *
 * `shared_ns`: the time per timestep all stages together hold one resource they share (the link into the global
 * unit: linkClocks). A timestep leaves the last stage only once every layer's share of it has crossed: the first
 * after max(Σ_l stage[l], shared), each next at least max(max_l stage[l], shared) later. 0 (the default): the
 * plain pipeline, the same doubles.
 */
export function pipelineLatency_ns(stage: readonly number[], T: number, shared_ns = 0): number {
  let sum = 0;
  let max = 0;
  for (const s of stage) {
    sum += s;
    if (s > max) max = s;
  }
  return Math.max(sum, shared_ns) + (T - 1) * Math.max(max, shared_ns);
}

/**
 * Clocks one timestep of a weight layer's forward partial sums (every position's: counts.ts forwardDrain) holds
 * the link into the global unit, in the run's own drain clocks (psumReduction.ts drainClocks). Under a pipelined
 * dataflow every layer drains at once, so the link's time per timestep is the sum over the layers.
 */
export function linkClocks(l: Parameters<typeof forwardDrain>[0], config: HardwareConfig, hops: number): number {
  return drainClocks(config, forwardDrain(l), hops);
}

/** Each layer's linkClocks per timestep (ns; 0 for a layer without weights) at mean hops `hops`: the pipelined inference's shared link. */
export function layerLink_ns(designs: readonly (WeightLayerDesign | null)[], config: HardwareConfig, hops: number): number[] {
  const clock_ns = clockPeriod_ns(config);
  return designs.map((d) => (d ? linkClocks(d, config, hops) * clock_ns : 0));
}

/**
 * The least latency (ns, the whole inference) a weight layer's copies can reach: every copy's partial sums go through
 * the one link into the global unit, so however many copies read, the link carries all T·P positions' sums for
 * s clocks each (layerDrainSerialClocks; the same bits whatever the copies): T·P·s clocks. The link branch of the
 * two-stage pipeline of docs/simulator.md (Weight replication) with the copies feeding the link back to back, less
 * its one first read, last hops and LIF write, so that it stays linear in T and never exceeds latency / c where the
 * copies read slower than the link drains (r ≥ c·s: latency / c ≥ T·P·r / c ≥ T·P·s). At most the unreplicated
 * latency. Under a chain reduction s is one tile's sums (one sum per output crosses the link). No hops: the final
 * mesh's correction (mesh.ts) is unaffected.
 */
export function linkFloor_ns(design: WeightLayerDesign, config: HardwareConfig): number {
  return copiesFloor_ns(config.snn.timesteps * design.m.positions, layerDrainSerialClocks(design, config), clockPeriod_ns(config));
}

/**
 * linkFloor_ns of `items` drains of `serialClocks` each (the forward: T·P positions; BPTT's transposed read, per
 * timestep: P): items·serialClocks·clock, what copies cannot divide (they share the link).
 */
export function copiesFloor_ns(items: number, serialClocks: number, clock_ns: number): number {
  return items * serialClocks * clock_ns;
}

/**
 * A layer's time with `copies` copies against its floor (docs/simulator.md, Weight replication): max(latency / c,
 * floor); one copy keeps its latency (never below the floor). The ELA applies the same rule in two steps after its
 * mesh correction (works.ts replicate, floorCopies); BPTT's transposed read calls this.
 */
export function copiesLatency_ns(latency_ns: number, copies: number, floor_ns: number): number {
  return copies > 1 ? Math.max(latency_ns / copies, floor_ns) : latency_ns;
}

/**
 * Copies of each layer's weights: `layers.<name|index>.arch.replicate` when set, else under arch.balance = on the
 * fewest copies that bring each weight layer to the target, else arch.replicate. Layers without weights (pooling,
 * adds) are digital: always 1. A layer with c copies takes max(latency / c, floor) (`floor_ns`: linkFloor_ns, 0 for
 * none): the target is the slowest of those at arch.maxReplicate copies, and a layer gets ceil(latency / target)
 * copies (its floor is at most the target, so that is the fewest that reach it). Without a floor above
 * slowest / maxReplicate the slowest gets maxReplicate copies and the others ceil(latency / (slowest / maxReplicate));
 * a layer whose floor sets the target gets ceil(latency / floor), the fewest that reach its
 * floor, never copies that buy nothing, and the others just enough to keep up with it.
 */
export function layerReplicas(
  layers: readonly { readonly index: number; readonly name: string }[], weight: readonly boolean[], latency_ns: readonly number[], config: HardwareConfig,
  floor_ns: readonly number[] | null = null,
): number[] {
  const max = config.arch.maxReplicate;
  let target = 0;
  for (let i = 0; i < layers.length; i++) {
    if (!weight[i]) continue;
    const best = Math.max(latency_ns[i] / max, floor_ns ? floor_ns[i] : 0);
    if (best > target) target = best;
  }
  return layers.map((layer, i) => {
    if (!weight[i]) return 1;
    const own = layerOverride(config, layer, 'arch.replicate');
    if (typeof own === 'number') return own;
    if (config.arch.balance === 'on' && target > 0) return Math.min(max, Math.max(1, Math.ceil(latency_ns[i] / target - 1e-9)));
    return config.arch.replicate;
  });
}
