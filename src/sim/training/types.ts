/** The training-cost model's result (docs/training-cost.md). */
import type { TrainingAlgorithm } from '../../hardware/config.js';
import type { WritesPerCell } from './pulses.js';

/** Where a training sample's energy goes (pJ per sample; the batch's weight update shared over its samples). */
export const TRAINING_PHASES = ['forward', 'stateBuffer', 'errorPath', 'localError', 'weightGradient', 'weightUpdate', 'leakage'] as const;
export type TrainingPhase = (typeof TRAINING_PHASES)[number];
export type PhaseValues = Record<TrainingPhase, number>;

/** Pipeline timing of one training batch (ns). */
export interface TrainingTiming {
  /** One sample from its first forward timestep to its last weight-gradient addition. */
  readonly sample_ns: number;
  /** Initiation interval: a new sample enters every interval_ns in steady state. */
  readonly interval_ns: number;
  /** Programming the batch's update into every array (all crossbars in parallel, rows one at a time). */
  readonly write_ns: number;
  /** sample_ns + (B - 1)·interval_ns + write_ns: weights are frozen until the batch ends. */
  readonly batch_ns: number;
}

/** One of the SRAMs training adds, at the size that sets its per-bit costs (price.ts trainingSrams). */
export interface TrainingSram {
  /** What it is, as a note names it ("the training state buffer", a layer's gradient banks, B in SRAM). */
  readonly name: string;
  readonly size_KB: number;
}

export interface TrainingCost {
  readonly algorithm: Exclude<TrainingAlgorithm, 'none'>;
  readonly batchSize: number;
  /** Samples of an epoch: training.datasetSize, or the network's own training set at 0 (checks.ts epochSamples). */
  readonly datasetSize: number;
  readonly energy_pJ_per_sample: number;
  readonly latency_ns_per_sample: number;
  readonly energy_pJ_per_batch: number;
  readonly latency_ns_per_batch: number;
  readonly energy_J_per_epoch: number;
  readonly latency_s_per_epoch: number;
  /** Energy per sample by phase (sums to energy_pJ_per_sample). */
  readonly breakdown_pJ: PhaseValues;
  readonly timing: TrainingTiming;
  /** Spikes and membrane potentials kept for the backward pass, per sample: Σ_l T·(N_in·b_in + N_out·b_mem) + T·N_L. */
  readonly stateBitsPerSample: number;
  /** State buffer capacity: per-sample bits x samples alive at once (lifetime / interval, at most the batch). */
  readonly stateBuffer_bits: number;
  /** How long a sample's state lives: from its forward to the end of its backward (BPTT) or local update (SDFA). */
  readonly stateLifetime_ns: number;
  /** Weight-gradient accumulators: one per weight, training.gradientBits each. */
  readonly gradientMemory_bits: number;
  /** Entries of SDFA's feedback matrix B (C x N_max; 0 for BPTT). */
  readonly feedbackEntries: number;
  /** Hardware training adds to the inference chip: state buffer, gradient SRAM, B storage, BPTT's row-side converters. */
  readonly trainArea_mm2: number;
  /** Mean programming pulses per weight per update over every written cell (under the update assumption, σ in weight LSBs). */
  readonly pulsesPerUpdate: number;
  /** Weight updates per epoch: ceil(datasetSize / batchSize) (this object's datasetSize). */
  readonly updatesPerEpoch: number;
  readonly writesPerCellPerEpoch: WritesPerCell;
  /** The training SRAMs at the sizes that price their bits (`cosearch evaluate` notes those outside CACTI's 1-64 KB table). */
  readonly srams: readonly TrainingSram[];
  /** Set when training.gradientBits is below the width a batch's gradient sum needs (checks.ts gradientWidthNote), else null. */
  readonly gradientWidthNote: string | null;
  /** device.endurance_cycles / writesPerCellPerEpoch.max. */
  readonly lifetime_epochs: number;
}
