/**
 * Training time (docs/training-cost.md §3): per weight layer four units work per timestep: its crossbars (forward
 * stage τ_f from the inference ELA; for BPTT also the transposed read τ_t through the same arrays), its gradient
 * SRAM (τ_w) and its local-error lanes (τ_e). Under arch.dataflow = pipelined, layers are stages, timesteps flow
 * through them and successive samples overlap; under 'layer' every sample runs alone.
 *
 * - BPTT (PipeLayer-style on the same hardware): forward, output error, then the backward in reverse time and layer
 *   order, layer l's stage β_l = max(τ_t, τ_w, τ_e, τ_d), pipelined no faster than the link carries every layer's
 *   transposed row sums (transposedLink_ns; copies split the reads, never the sums); a new sample may enter once the busiest unit is free:
 *   interval = T·max_l max(τ_f + τ_t, τ_w, τ_e) (forward and transposed reads share the arrays), and at least the
 *   shared link's time (sharedLink_ns: every layer's drains cross the one link into the global unit) and its outgoing
 *   channel's (sharedDelivery_ns: every layer's inputs and errors leave the global unit on it).
 * - SDFA: forward, output error, one projection, then every layer's local update in parallel, T·max(max_l β'_l, Σ_l τ_d)
 *   with β'_l = max(τ_w, τ_e, τ_d) (all layers' deliveries leave the global unit on the one outgoing channel);
 *   interval = max(T·max_l max(τ_f, τ_w, τ_e, τ_d), projection, shared link, outgoing channel).
 * τ_d: what a layer's backward or local update receives per timestep on the outgoing channel (backwardClocks): BPTT's
 * errors for its transposed read, the errors to its gradient banks where no transposed read brought them
 * (bankErrorClocks: SDFA every layer, BPTT the first; since 2026-12-07) and the stored input spikes from the state
 * buffer to the banks (bankSpikeClocks, both algorithms, every layer; since 2026-12-07); all priced since 2026-12-05.
 * - Batch: sample + (B - 1)·interval + write: weights are frozen until the batch ends, for both.
 */
import { LIF_LANES } from '../../hardware/components/lif.js';
import type { HardwareConfig, TrainingAlgorithm } from '../../hardware/config.js';
import { copiesFloor_ns, copiesLatency_ns, deliveryClocks, linkClocks, linkQueue_ns, outgoingClocks, pipelineLatency_ns } from '../ela/timing.js';
import { PSUM_REDUCTION } from '../psumReduction.js';
import { drainClocks } from '../ela/counts.js';
import { feedbackShape, feedbackStorage } from './feedback/index.js';
import { summedErrorBits, transposedDrain, type TrainLayer } from './layers.js';
import { clockPeriod_ns } from '../../hardware/clock.js';

export interface UnitTimes {
  /** Forward per timestep (inference stage), transposed read, gradient SRAM and local-error time per timestep (ns). */
  readonly forward: number;
  readonly transposed: number;
  readonly gradient: number;
  readonly local: number;
  /** τ_d: the layer's backward deliveries on the outgoing channel per timestep (ns; backwardClocks: errors and stored input spikes). */
  readonly delivery: number;
}

/**
 * τ_t: the transposed read on the forward's timing model (ela/timing.ts; docs/simulator.md, the drain bound and
 * Weight replication): per timestep its P positions each read r = errorBits·slices·readTime (one pass per error bit
 * and slice, all crossbars at once) and then hold the link for s, their row sums' serialisation (transposedDrain of
 * one position, the reduction's serialClocks), double-buffered: P·r + (hops + s)·clk + linkQueue_ns(P, r, s·clk),
 * and with c copies max(that / c, P·s·clk) (copiesLatency_ns, copiesFloor_ns): each position's drain overlaps the next
 * reads, as the forward's does (not P·r / c + (hops + P·s)·clk, all the sums after all the reads); and never less
 * than its errors' way out of the global unit (errorDeliveryClocks, double-buffered as the forward's inputs: max(that, D_e·clk));
 * τ_w = positions·min(rows, X)·activity·inputCycles clocks: the gradient SRAM is banked like the crossbars (one
 * X x X bank of accumulators per crossbar) and each bank updates one row of accumulators per clock
 * [inference: NeuroSim's WG unit is SRAM compute-in-memory subarrays]; τ_e = 2·ceil(N_out / LIF_LANES) clocks.
 */
export function unitTimes(l: TrainLayer, config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>): UnitTimes {
  const clock_ns = clockPeriod_ns(config);
  const { m } = l;
  return {
    forward: l.stage_ns,
    transposed: algorithm === 'bptt' && l.ordinal > 0 ? transposed_ns(l, config) : 0,
    // A constant input's one product per sample, spread over its T timesteps.
    gradient: (m.positions * Math.ceil(Math.min(m.rows, m.crossbarSize) * l.activity * m.inputCycles) * clock_ns) / (l.constantInput ? config.snn.timesteps : 1),
    local: 2 * Math.ceil(l.outputNeurons / LIF_LANES) * clock_ns,
    delivery: backwardClocks(l, config, algorithm) * clock_ns,
  };
}

/**
 * Clocks per timestep a layer's backward (BPTT) or local update (SDFA) holds the global unit's outgoing channel, one
 * delivery after another on its nocWidth bits: BPTT's errors to its transposed read (errorDeliveryClocks, layers 2..L),
 * its errors to its gradient banks where those did not bring them (bankErrorClocks) and its stored input spikes from
 * the state buffer to the banks (bankSpikeClocks). Double-buffered as the forward's inputs: a stage is at least this.
 */
export function backwardClocks(l: TrainLayer, config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>): number {
  const transposedErrors = algorithm === 'bptt' && l.ordinal > 0 ? errorDeliveryClocks(l, config) : 0;
  return transposedErrors + bankErrorClocks(l, config, algorithm) + bankSpikeClocks(l, config);
}

/**
 * Clocks per timestep a layer's stored input spikes hold the outgoing channel on their way from the state buffer (at
 * the global unit) to its gradient banks (beside its crossbars, on the tiles holding the rows they drive): the bits
 * counts.ts prices (the forward's input delivery again, countTileDelivery), so the forward's clocks, deliveryClocks:
 * ⌈rootCopies(inputTiles)·timestep input bits / nocWidth⌉ (nmnist-fc3: 73, 32, 32). A constant input (the direct-coded
 * layer's image) is sent once per sample, spread over its T timesteps as its τ_w is. Both algorithms, every layer: the
 * banks form Σ_t ε[t] s[t]ᵀ from the stored spikes, not from the forward's copy [inference: the tile buffers hold one
 * timestep's inputs, double-buffered, and the state buffer keeps the sample's; docs/training-cost.md §3, the stored
 * spikes to the gradient banks]. Until 2026-12-07 priced (since 2026-12-05) but not timed.
 */
export function bankSpikeClocks(l: TrainLayer, config: HardwareConfig): number {
  const clocks = deliveryClocks(l, config, l.inputNeurons);
  return l.constantInput ? clocks / config.snn.timesteps : clocks;
}

/**
 * Clocks per timestep a layer's errors hold the global unit's outgoing channel on their way from the local-error lanes
 * to its gradient banks (the tiles of each output's column block, l.tileGroups), where no transposed read brought them
 * there: SDFA's every layer (δ_l = (B_l e) ⊙ f'(u_l) and its recursion over t are the lanes' work, the banks sit
 * beside the crossbars) and BPTT's first (its layers 2..L receive them for the transposed read, errorDeliveryClocks).
 * The bits counts.ts prices: N_out·errorBits per timestep, D = ⌈rootCopies·N_out·errorBits / nocWidth⌉ (outgoingClocks,
 * as every delivery out of the global unit); a constant-input layer's N_out sums over t (summedErrorBits) once per
 * sample, spread over its T timesteps as its τ_w is. Until 2026-12-07 priced but not timed (docs/training-cost.md §3).
 */
export function bankErrorClocks(l: TrainLayer, config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>): number {
  if (algorithm === 'bptt' && l.ordinal > 0) return 0;
  const T = config.snn.timesteps;
  if (l.constantInput) return outgoingClocks(config, l.tileGroups, l.outputNeurons * summedErrorBits(config.training.errorBits, T)) / T;
  return outgoingClocks(config, l.tileGroups, l.outputNeurons * config.training.errorBits);
}

/** BPTT's transposed read of layer `l` per timestep (ns): unitTimes' τ_t. */
export function transposed_ns(l: TrainLayer, config: HardwareConfig): number {
  const clock_ns = clockPeriod_ns(config);
  const eb = config.training.errorBits;
  const { positions } = l.m;
  const read_ns = eb * l.m.slices * l.readTime_ns;
  const one = transposedDrain(l, eb, 1);
  const serialClocks = PSUM_REDUCTION[config.arch.psumReduction].serialClocks(one.tiles, one.bits, config.arch.nocWidth_bits);
  const latency_ns = positions * read_ns + drainClocks(config, one, l.hops) * clock_ns + linkQueue_ns(positions, read_ns, serialClocks * clock_ns);
  return Math.max(copiesLatency_ns(latency_ns, l.replicas, copiesFloor_ns(positions, serialClocks, clock_ns)), errorDeliveryClocks(l, config) * clock_ns);
}

/**
 * Clocks one timestep of BPTT's errors for layer `l` (N_out·errorBits bits, counts.ts) hold the global unit's outgoing
 * channel on their way to the tiles of each output's column block (l.tileGroups): D_e = ⌈rootCopies · N_out·errorBits /
 * nocWidth⌉, as the forward's inputs (ela/timing.ts deliveryClocks; docs/training-cost.md §3, the outgoing channel).
 */
export function errorDeliveryClocks(l: TrainLayer, config: HardwareConfig): number {
  return outgoingClocks(config, l.tileGroups, l.outputNeurons * config.training.errorBits);
}

/**
 * Time per sample on the global unit's outgoing channel (ns), which every delivery crosses: T·Σ_l (the forward's
 * inputs, deliveryClocks, + the backward's deliveries, backwardClocks: BPTT's errors, the errors and the stored input
 * spikes to the gradient banks) + SDFA's e on its way to B, once per sample (the storage's deliveryClocks: 'rram' only;
 * until 2026-12-07 left out as a few clocks). Under the pipelined dataflow every layer receives at once, so a new
 * sample cannot enter more often than this (the channel in: sharedLink_ns).
 */
export function sharedDelivery_ns(layers: readonly TrainLayer[], config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>): number {
  let clocks = 0;
  for (const l of layers) clocks += deliveryClocks(l, config, l.inputNeurons) + backwardClocks(l, config, algorithm);
  const feedback = algorithm === 'sdfa' && feedbackShape(layers).nMax > 0 ? feedbackStorage(config).deliveryClocks(layers, config) : 0;
  return (config.snn.timesteps * clocks + feedback) * clockPeriod_ns(config);
}

/**
 * The backward's or the local update's deliveries per timestep on the outgoing channel (ns), every layer's at once:
 * Σ_l backwardClocks (BPTT's errors to the transposed reads, errors and stored input spikes to the gradient banks).
 */
function backwardDelivery_ns(layers: readonly TrainLayer[], config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>): number {
  let clocks = 0;
  for (const l of layers) clocks += backwardClocks(l, config, algorithm);
  return clocks * clockPeriod_ns(config);
}

/** Output error, C values through the LIF lanes (ns). */
export function outputError_ns(layers: readonly TrainLayer[], config: HardwareConfig): number {
  return Math.ceil(feedbackShape(layers).classes / LIF_LANES) * clockPeriod_ns(config);
}

/**
 * SDFA projection (ns), as B's storage takes it (feedback/: 'rram' e sent to B's tiles on the outgoing channel, one
 * read per error bit through B's crossbars, all at once, then g drained to the local-error lanes through one NoC link,
 * as the transposed row sums; else C·N_max multiply-adds on the LIF lanes).
 */
export function projection_ns(layers: readonly TrainLayer[], config: HardwareConfig): number {
  if (feedbackShape(layers).nMax === 0) return 0;
  return feedbackStorage(config).projection_ns(layers, config);
}

export interface SampleTiming {
  readonly sample_ns: number;
  readonly interval_ns: number;
}

/**
 * Time per sample on the one nocWidth-bit link into the global unit (docs/simulator.md Interconnect), which every
 * drain crosses: T·Σ_l (forward drain + BPTT's transposed drain) + SDFA's projection drain (rram), in clocks as each
 * drain's own time (ela/counts.ts drainClocks; the forward's, ela/timing.ts linkClocks, is the inference's own
 * pipelined bound). Under the pipelined dataflow all layers drain concurrently, so a new sample cannot enter more
 * often than this.
 */
export function sharedLink_ns(layers: readonly TrainLayer[], config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>): number {
  const clock_ns = clockPeriod_ns(config);
  const eb = config.training.errorBits;
  let clocks = 0;
  for (const l of layers) {
    clocks += linkClocks(l, config, l.hops);
    if (algorithm === 'bptt' && l.ordinal > 0) clocks += drainClocks(config, transposedDrain(l, eb), l.hops);
  }
  const projection = algorithm === 'sdfa' && feedbackShape(layers).nMax > 0 ? feedbackStorage(config).linkClocks(layers, config) : 0;
  return (config.snn.timesteps * clocks + projection) * clock_ns;
}

/**
 * BPTT's transposed row sums per timestep on the one link into the global unit (ns): Σ over layers 2..L of their
 * drain clocks (transposedDrain, hops included as sharedLink_ns counts them). The same bits whatever the copies: a
 * layer's copies split its transposed reads, not its row sums. Under the pipelined dataflow every layer's backward
 * stage drains at once, so a timestep of the backward cannot leave faster than this (pipelineLatency_ns's shared).
 */
export function transposedLink_ns(layers: readonly TrainLayer[], config: HardwareConfig): number {
  const eb = config.training.errorBits;
  let clocks = 0;
  for (const l of layers) if (l.ordinal > 0) clocks += drainClocks(config, transposedDrain(l, eb), l.hops);
  return clocks * clockPeriod_ns(config);
}

/** One sample's latency and the initiation interval; `forward_ns` is the inference latency (the same dataflow). */
export function sampleTiming(
  layers: readonly TrainLayer[], config: HardwareConfig, algorithm: Exclude<TrainingAlgorithm, 'none'>, forward_ns: number,
): SampleTiming {
  const T = config.snn.timesteps;
  const pipelined = config.arch.dataflow === 'pipelined';
  const units = layers.map((l) => unitTimes(l, config, algorithm));
  const error = outputError_ns(layers, config);
  let busiest = 0;
  if (algorithm === 'bptt') {
    const backward = units.map((u) => Math.max(u.transposed, u.gradient, u.local, u.delivery));
    // Pipelined, every layer's row sums cross the one link at once: the backward is paced by it where it binds.
    // Their errors and stored spikes leave the global unit on its outgoing channel at once too (a channel each way: the busier paces).
    const shared_ns = pipelined ? Math.max(transposedLink_ns(layers, config), backwardDelivery_ns(layers, config, algorithm)) : 0;
    const backward_ns = pipelined ? pipelineLatency_ns(backward, T, shared_ns) : T * backward.reduce((a, b) => a + b, 0);
    for (const u of units) busiest = Math.max(busiest, u.forward + u.transposed, u.gradient, u.local, u.delivery);
    const sample_ns = forward_ns + error + backward_ns;
    return { sample_ns, interval_ns: pipelined ? Math.max(T * busiest, sharedLink_ns(layers, config, algorithm), sharedDelivery_ns(layers, config, algorithm)) : sample_ns };
  }
  const project = projection_ns(layers, config);
  // Every layer updates at once, each at least as slow as its errors' and stored spikes' arrival (double-buffered, as
  // the forward's inputs), and all of them share the one outgoing channel: T·max(max_l β'_l, Σ_l τ_d).
  let local = backwardDelivery_ns(layers, config, algorithm);
  for (const u of units) {
    local = Math.max(local, u.gradient, u.local, u.delivery);
    busiest = Math.max(busiest, u.forward, u.gradient, u.local, u.delivery);
  }
  const sample_ns = forward_ns + error + project + T * local;
  return {
    sample_ns, interval_ns: pipelined ? Math.max(T * busiest, project, sharedLink_ns(layers, config, algorithm), sharedDelivery_ns(layers, config, algorithm)) : sample_ns,
  };
}

/** A batch of `samples`: the first sample's latency, the others one interval apart, then the weight update. */
export function batchTime_ns(t: SampleTiming, samples: number, write_ns: number): number {
  return t.sample_ns + (samples - 1) * t.interval_ns + write_ns;
}
