/** The training-cost table `cosearch evaluate --training bptt|sdfa` prints beside the inference report. */
import { UNLIMITED_ENDURANCE_cycles } from '../../hardware/devices.js';
import { TRAINING_PHASES, type TrainingCost } from '../../sim/training/index.js';

/** The training object `--json` prints: a lifetime from an unlimited endurance (SRAM's 1e16) is null, not 5e13 epochs. */
export function trainingJson(t: TrainingCost, endurance_cycles: number): TrainingCost | (Omit<TrainingCost, 'lifetime_epochs'> & { lifetime_epochs: null }) {
  return endurance_cycles >= UNLIMITED_ENDURANCE_cycles ? { ...t, lifetime_epochs: null } : t;
}

const fmt = (x: number): string => (x === 0 ? '0' : !Number.isFinite(x) ? String(x) : Math.abs(x) >= 1e5 || Math.abs(x) < 1e-2 ? x.toExponential(3) : x.toPrecision(4));

function table(rows: readonly (readonly [string, string])[]): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}

/**
 * `datasetSize`: the samples of an epoch, printed beside the epoch's cost, which rests on it; `given`: whether
 * training.datasetSize set it (else the network's own training set, the default 0).
 */
export function formatTraining(t: TrainingCost, datasetSize: number, endurance_cycles = 0, given = true): string {
  const per = t.energy_pJ_per_sample;
  const phases = TRAINING_PHASES.map((p): [string, string] => [`  ${p} (pJ/sample)`, `${fmt(t.breakdown_pJ[p])}  ${((100 * t.breakdown_pJ[p]) / per).toFixed(1)}%`]);
  return `\ntraining (${t.algorithm}, batch ${t.batchSize}; docs/training-cost.md)\n${table([
    ['energy per sample (pJ)', fmt(per)], ...phases,
    ['time per sample (ns)', fmt(t.latency_ns_per_sample)],
    ['sample latency / interval (ns)', `${fmt(t.timing.sample_ns)} / ${fmt(t.timing.interval_ns)}`],
    ['batch: energy (pJ), time (ns)', `${fmt(t.energy_pJ_per_batch)}, ${fmt(t.latency_ns_per_batch)}`],
    ['weight update per batch (ns)', fmt(t.timing.write_ns)],
    [`epoch of ${datasetSize} samples (${given ? 'training.datasetSize' : "the network's training set"}): energy (J), time (s)`, `${fmt(t.energy_J_per_epoch)}, ${fmt(t.latency_s_per_epoch)}`],
    ['state buffer (bit), lifetime (ns)', `${fmt(t.stateBuffer_bits)}, ${fmt(t.stateLifetime_ns)}`],
    ['gradient memory (bit)', fmt(t.gradientMemory_bits)],
    ['feedback B entries', fmt(t.feedbackEntries)],
    ['training area added (mm²)', fmt(t.trainArea_mm2)],
    ['pulses per weight per update', `${fmt(t.pulsesPerUpdate)} (assumption: training.updateSigma_lsb, the update spread in weight LSBs)`],
    ['writes/cell/epoch mean, p99, max', `${fmt(t.writesPerCellPerEpoch.mean)}, ${fmt(t.writesPerCellPerEpoch.p99)}, ${fmt(t.writesPerCellPerEpoch.max)}`],
    ['lifetime (epochs)', endurance_cycles >= UNLIMITED_ENDURANCE_cycles ? 'unlimited (no wear-out)' : fmt(t.lifetime_epochs)],
  ])}\n${t.gradientWidthNote ? `note: ${t.gradientWidthNote} (docs/training-cost.md §5)\n` : ''}`;
}
