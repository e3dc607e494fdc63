/**
 * trainingCost(network, config): the cost of training on the chip with training.algorithm (bptt | sdfa), per sample,
 * per batch and per epoch, analytic like the inference ELA it builds on (docs/training-cost.md). The forward is
 * the inference evaluation itself; everything else is counts (counts.ts, writes.ts) x prices (price.ts), the
 * pipeline (pipeline.ts) and the pulse statistics (pulses.ts).
 */
import { ConfigError } from '../../core/index.js';
import { ADDER_AREA_PER_BIT_um2 } from '../../hardware/components/digital.js';
import { areaScaleFrom65nm } from '../../hardware/components/scaling.js';
import { sramArea_um2 } from '../../hardware/components/sram.js';
import { sramLeakage_W } from '../../hardware/components/sramLeakage.js';
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import { actionVector } from '../ela/actions.js';
import { countProjection, countTrainingLayer, dot, phaseVectors, stateBits } from './counts.js';
import { feedbackShape, feedbackStorage } from './feedback/index.js';
import { trainingView, weightCount, type TrainingView, type TrainLayer } from './layers.js';
import { batchTime_ns, sampleTiming } from './pipeline.js';
import { priceTrainingLayer, trainingSrams, type TrainingMemories } from './price.js';
import { BITS_PER_KB } from '../../hardware/components/sram.js';
import { checkBatchFits, checkGradientWidth, epochSamples, checkPulseLevels, checkTrains, gradientWidthNote } from './checks.js';
import { writesPerCellOf } from './pulses.js';
import type { PhaseValues, TrainingCost } from './types.js';
import { countUpdate, layerPulses, write_ns } from './writes.js';

/** `given`: trainingView(network, config) when the caller already has it (the inference ELA then runs once, not twice). */
export function trainingCost(network: Network, config: HardwareConfig, given?: TrainingView): TrainingCost {
  const algorithm = config.training.algorithm;
  if (algorithm === 'none') {
    throw new ConfigError('training.algorithm: got "none", expected bptt or sdfa (the training metrics need an algorithm; --set training.algorithm=sdfa)');
  }
  // SpikeSim's per-PE-cycle constants price the forward only: a transposed read, an error's delivery or a write
  // would be priced by the physical models beside a forward that is not.
  if (config.arch.componentCosts !== 'physical') {
    throw new ConfigError(`arch.componentCosts: got ${config.arch.componentCosts}, expected physical with training.algorithm=${algorithm} (SpikeSim's per-PE-cycle constants price no training action)`);
  }
  checkGradientWidth(config);
  const D = epochSamples(network, config);
  checkBatchFits(config, D);
  const view = given ?? trainingView(network, config);
  const e = view.evaluation;
  const layers = view.layers;
  if (layers.length === 0) throw new ConfigError(`network ${network.name}: has no weight layers to train`);
  checkPulseLevels(config, layers);
  const B = config.training.batchSize;
  // Each layer's pulses: σ in weight LSBs is σ·P_max / (2^cellBits - 1) write steps of its cells (writes.ts layerPulses).
  const pulses = layers.map((l) => layerPulses(l, config));
  const written = layers.map((l, i) => ({ name: l.name, index: l.index, cells: weightCount(l), cellBits: l.m.cellBits, pulsesPerUpdate: pulses[i].mean }));
  const weights = written.reduce((s, l) => s + l.cells, 0);
  const updatesPerEpoch = Math.ceil(D / B);
  checkTrains(config, updatesPerEpoch, written);

  // Time first: the state buffer's size (samples alive at once) sets its per-bit energy.
  const timing = sampleTiming(layers, config, algorithm, e.latency_ns);
  const writeTime_ns = write_ns(layers, config, pulses);
  let stateBitsPerSample = 0;
  layers.forEach((l, i) => (stateBitsPerSample += stateBits(l, config, i === layers.length - 1)));
  const stateLifetime_ns = timing.sample_ns;
  const alive = Math.min(B, Math.max(1, Math.ceil(stateLifetime_ns / timing.interval_ns - 1e-9)));
  const stateBuffer_bits = stateBitsPerSample * alive;
  const gradientMemory_bits = weights * config.training.gradientBits;
  const { classes, nMax } = feedbackShape(layers);
  const feedbackEntries = algorithm === 'sdfa' ? classes * nMax : 0;
  const mem: TrainingMemories = {
    state_KB: stateBuffer_bits / BITS_PER_KB,
    gradient_KB: gradientMemory_bits / BITS_PER_KB,
    feedback_KB: feedbackStorage(config).sram_KB(feedbackEntries, config),
  };

  // Dynamic energy per sample by phase, and the update per batch.
  const phases = zeroPhases();
  // The forward's dynamic energy; its leakage is the chip's, charged once over the batch's wall time below.
  phases.forward = e.energy_pJ - e.breakdown.energy_pJ.leakage;
  const counts = phaseVectors();
  const prices = actionVector();
  const update = actionVector();
  const projection = actionVector();
  let update_pJ = 0;
  layers.forEach((l, i) => {
    priceTrainingLayer(l, layers[0].prices, config, mem, prices);
    countTrainingLayer(l, config, algorithm, i === layers.length - 1, counts);
    phases.stateBuffer += dot(counts.stateBuffer, prices);
    phases.errorPath += dot(counts.errorPath, prices);
    phases.localError += dot(counts.localError, prices);
    phases.weightGradient += dot(counts.weightGradient, prices);
    countUpdate(l, config, pulses[i], update);
    update_pJ += dot(update, prices);
    if (i === 0) {
      countProjection(layers, config, algorithm, projection);
      phases.errorPath += dot(projection, prices);
    }
  });
  const dynamic_pJ = phases.stateBuffer + phases.errorPath + phases.localError + phases.weightGradient;

  // Leakage: the chip's and the training SRAMs', over the batch's wall time. Pipelined samples overlap, so B
  // forwards can outlast the batch: their latencies do not add up to the time the chip is powered.
  const chipLeak_W = e.latency_ns > 0 ? (e.breakdown.energy_pJ.leakage / e.latency_ns) * 1e-3 : 0;
  const trainLeak_W = sramLeakage_W(mem.state_KB + mem.gradient_KB + mem.feedback_KB, config.tech.node_nm);
  const batch = (n: number) => {
    const time_ns = batchTime_ns(timing, n, writeTime_ns);
    const leak_pJ = (chipLeak_W + trainLeak_W) * time_ns * 1e3; // W·ns = 1e3 pJ
    return { time_ns, leak_pJ, energy_pJ: n * (phases.forward + dynamic_pJ) + update_pJ + leak_pJ };
  };
  const full = batch(B);
  phases.weightUpdate = update_pJ / B;
  phases.leakage = full.leak_pJ / B;
  const fullBatches = Math.floor(D / B);
  const rest = D - fullBatches * B;
  const last = rest > 0 ? batch(rest) : { time_ns: 0, energy_pJ: 0 };
  const writes = writesPerCellOf(written.map((w, i) => ({ d: pulses[i], cells: w.cells })), updatesPerEpoch);
  return {
    algorithm, batchSize: B, datasetSize: D,
    energy_pJ_per_sample: full.energy_pJ / B,
    latency_ns_per_sample: full.time_ns / B,
    energy_pJ_per_batch: full.energy_pJ,
    latency_ns_per_batch: full.time_ns,
    energy_J_per_epoch: (fullBatches * full.energy_pJ + last.energy_pJ) * 1e-12,
    latency_s_per_epoch: (fullBatches * full.time_ns + last.time_ns) * 1e-9,
    breakdown_pJ: phases,
    timing: { sample_ns: timing.sample_ns, interval_ns: timing.interval_ns, write_ns: writeTime_ns, batch_ns: full.time_ns },
    stateBitsPerSample, stateBuffer_bits, stateLifetime_ns, gradientMemory_bits, feedbackEntries,
    trainArea_mm2: trainingArea_mm2(network, layers, config, mem, feedbackEntries),
    pulsesPerUpdate: written.reduce((s, w) => s + w.cells * w.pulsesPerUpdate, 0) / weights, updatesPerEpoch,
    writesPerCellPerEpoch: writes,
    srams: trainingSrams(layers, config, mem),
    gradientWidthNote: gradientWidthNote(layers, config),
    lifetime_epochs: config.device.endurance_cycles / writes.max,
  };
}

function zeroPhases(): PhaseValues {
  return { forward: 0, stateBuffer: 0, errorPath: 0, localError: 0, weightGradient: 0, weightUpdate: 0, leakage: 0 };
}

/**
 * Adders of a layer's weight gradient: a bank updates one row of accumulators per clock (pipeline.ts τ_w), one
 * addition for each output of its column block at once, so each bank has one training.gradientBits-wide adder per
 * output it maps, shared over its rows; a signed weight's G+ and G− arrays share its gradient [inference]. Over the
 * layer: rowBlocks·N_out adders (a last, partial column block's bank holds only its outputs, as the gradient SRAM
 * holds weights·gradientBits bits). Part of trainArea_mm2 (docs/training-cost.md §5).
 */
export function gradientAdders(l: TrainLayer): number {
  return l.m.rowBlocks * l.m.outputs;
}

/**
 * Area of the gradient adders (mm²): the inference accumulators' ripple-carry adder, 194 µm² per 16 bits at 65 nm
 * (NeuroSim V1.4, docs/sources.md#circuits-3-2), per bit at training.gradientBits, scaled to the node. The
 * accumulator words are the gradient SRAM, counted apart.
 */
export function gradientAdderArea_mm2(layers: readonly TrainLayer[], config: HardwareConfig): number {
  const adders = layers.reduce((sum, l) => sum + gradientAdders(l), 0);
  return adders * config.training.gradientBits * ADDER_AREA_PER_BIT_um2 * areaScaleFrom65nm(config.tech.node_nm) * 1e-6;
}

/**
 * Hardware training adds (mm²): the state buffer and gradient SRAMs (CACTI 7 per-bit area), the gradient adders,
 * B's storage (its SRAM, and its record's area_mm2: 'rram' its arrays with the periphery their reads need, 'prng'
 * one 32-bit LFSR per LIF lane, feedback/) and, for BPTT, row-side converters on every layer but the first (as many and as large
 * as its column converters [inference]).
 */
function trainingArea_mm2(network: Network, layers: readonly TrainLayer[], config: HardwareConfig, mem: TrainingMemories, feedbackEntries: number): number {
  const aScale = areaScaleFrom65nm(config.tech.node_nm);
  const sram = (kb: number) => (kb > 0 ? sramArea_um2(kb) * aScale * 1e-6 : 0);
  let area = sram(mem.state_KB) + sram(mem.gradient_KB) + gradientAdderArea_mm2(layers, config);
  if (config.training.algorithm === 'bptt') for (const l of layers) if (l.ordinal > 0) area += l.adcArea_mm2;
  if (feedbackEntries > 0) area += sram(mem.feedback_KB) + feedbackStorage(config).area_mm2(network, layers, config);
  return area;
}
