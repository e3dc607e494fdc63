/** Refusals of a training that cannot run (src/sim/training/checks.ts), only when training is costed. */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { simulateConfiguration } from '../../../src/sim/simulate.js';
import { pulsesPerEpoch } from '../../../src/sim/training/checks.js';
import { trainingCost } from '../../../src/sim/training/index.js';
import { refusal } from '../../helpers/refusal.js';

const mlp = zooNetwork('mlp-mnist');
const config = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), o);
const sdfa = (o: Record<string, unknown>) => trainingCost(mlp, config({ 'training.algorithm': 'sdfa', ...o }));
/** An inference-only evaluation under the same settings (training.algorithm unset) is not refused. */
const inference = (o: Record<string, unknown>) => simulateConfiguration(mlp, o, { metrics: ['energy_pJ'] }).metrics.energy_pJ;

describe('training refusals', () => {
  it('an accumulator narrower than the error it adds (training.gradientBits < training.errorBits) is refused', () => {
    expect(refusal(() => sdfa({ 'training.gradientBits': 4, 'training.errorBits': 16 })))
      .toBe('training.gradientBits: got 4, expected at least training.errorBits = 16 bits (each weight-gradient accumulator adds errorBits-wide errors)');
    expect(sdfa({ 'training.gradientBits': 8, 'training.errorBits': 8 }).breakdown_pJ.weightGradient).toBeGreaterThan(0);
    expect(inference({ 'training.gradientBits': 4, 'training.errorBits': 16 })).toBeGreaterThan(0);
  });

  it('a batch larger than the dataset (training.batchSize > training.datasetSize) is refused: no such batch ever runs', () => {
    expect(refusal(() => sdfa({ 'training.datasetSize': 10 })))
      .toBe('training.batchSize: got 128, expected at most training.datasetSize = 10 samples (a batch larger than the dataset never runs)');
    const whole = sdfa({ 'training.datasetSize': 128 });
    expect(whole.updatesPerEpoch).toBe(1);
    expect(whole.energy_J_per_epoch).toBeCloseTo(whole.energy_pJ_per_batch * 1e-12, 15);
    expect(inference({ 'training.datasetSize': 10 })).toBeGreaterThan(0);
  });

  it('a network that writes under one cell per epoch does not train and is refused (updates x cells x E[n] < 1), not only when E[n] underflows', () => {
    expect(pulsesPerEpoch(469, 203264, 0.5)).toBe(469 * 203264 * 0.5);
    // σ in weight LSBs since 2026-12-06: one LSB of FeFET's 4-bit cell is 32/15 write steps, so 0.05 write steps (2Q(10) =
    // 1.52e-23 pulses per update, refused) is σ = 0.05·15/32 LSB (RRAM's 0.05·15/128 is below the parameter's 0.01); before,
    // σ = 0.05 was those steps. Until 2026-12-05
    // σ = 0.027 steps (E[n] = 5.8e-300) and 0.1 were priced, with lifetimes of 2.7e153 and 1.2e15 epochs.
    expect(refusal(() => sdfa({ 'device.kind': 'fefet', 'training.updateSigma_lsb': 0.05 * 15 / 32 }))).toBe('training.updateSigma_lsb: got 0.0234375 weight LSBs, expected updates that write at least one '
      + "cell per epoch under training.updateScheme=open-loop (layer fc1's cells: device.pulseLevels / (2^4 - 1) = 32 / 15 write steps per weight LSB, 4-bit cells from device.bitsPerCell, so σ is 0.0500 write steps; "
      + '469 updates x 203264 cells x 1.52e-23 pulses per update = 1.45e-15 pulses per epoch, '
      + 'below 1: no cell is expected to be written, the network does not train; training.updateScheme=threshold accumulates sub-step updates)');
    // The line for mlp-mnist at the defaults (469 updates, 203,264 cells): 2Q(1/(2s)) = 1 / (469 x 203,264) at s = 0.0874 write
    // steps, σ = 0.0874·15/128 = 0.01024 LSB (0.0874 LSB until 2026-12-06; 0.171 under ceil, 2Q(1/σ), before that).
    expect(refusal(() => sdfa({ 'training.updateSigma_lsb': 0.0102 }))).toContain('pulses per epoch, below 1');
    const trains = sdfa({ 'training.updateSigma_lsb': 0.0103 });
    expect(trains.updatesPerEpoch * 203264 * trains.pulsesPerUpdate).toBeGreaterThanOrEqual(1);
    // Threshold accumulation writes sub-step updates (~σ² pulses per update): the same σ trains.
    expect(sdfa({ 'training.updateSigma_lsb': 0.01, 'training.updateScheme': 'threshold', 'device.kind': 'fefet' }).pulsesPerUpdate).toBeGreaterThan(0);
    expect(inference({ 'training.updateSigma_lsb': 0.01, 'device.kind': 'fefet' })).toBeGreaterThan(0);
  });

  it('pulse counts that cannot fit the cell are refused: device.pulseLevels > 1 on a binary device, below 2^bitsPerCell - 1 (per layer too)', () => {
    // STT-MRAM at P_max = 128 was priced at 0.6829 pulses per update, the uncapped open loop, not a binary cell's 0.3173
    // (ceil; 0.6171 = 2(1 - Φ(1/2)) with NeuroSim's round since 2026-12-06).
    expect(refusal(() => sdfa({ 'device.kind': 'sttmram', 'device.pulseLevels': 128 })))
      .toBe('device.pulseLevels: got 128, expected 1 for device.kind=sttmram (a cell of at most 1 bit switches in one pulse or none)');
    expect(refusal(() => sdfa({ 'device.kind': 'sram', 'device.pulseLevels': 2 }))).toMatch(/^device\.pulseLevels: got 2, expected 1 for device\.kind=sram /);
    expect(sdfa({ 'device.kind': 'sttmram' }).pulsesPerUpdate).toBeCloseTo(2 * (1 - 0.6914624613), 7);
    const few = 'pulses (a write step, window / device.pulseLevels, larger than a level step cannot reach every stored level)';
    expect(refusal(() => sdfa({ 'device.pulseLevels': 4, 'device.bitsPerCell': 4 }))).toBe(`device.pulseLevels: got 4, expected at least 2^device.bitsPerCell - 1 = 15 ${few}`);
    expect(refusal(() => sdfa({ 'device.bitsPerCell': 8 }))).toBe(`device.pulseLevels: got 128, expected at least 2^device.bitsPerCell - 1 = 255 ${few}`);
    expect(refusal(() => sdfa({ 'layers.fc2.device.bitsPerCell': 8 }))).toBe(`device.pulseLevels: got 128, expected at least 2^layers.fc2.device.bitsPerCell - 1 = 255 ${few}`);
    // The presets' own levels: RRAM 128 steps hold 7 bits, PCM 100 hold 6, FeFET 32 hold 5, and no more.
    for (const [kind, bits] of [['rram', 7], ['pcm', 6], ['fefet', 5]] as const) {
      expect(sdfa({ 'device.kind': kind, 'device.bitsPerCell': bits }).pulsesPerUpdate).toBeGreaterThan(0);
      if (kind === 'fefet') continue; // 6 bits exceed FeFET's own 32 states, the preset's hard limit (2026-12-06)
      expect(refusal(() => sdfa({ 'device.kind': kind, 'device.bitsPerCell': bits + 1 }))).toMatch(/^device\.pulseLevels: got \d+, expected at least 2\^device\.bitsPerCell - 1/);
    }
    expect(refusal(() => sdfa({ 'device.kind': 'fefet', 'device.bitsPerCell': 6 }))).toBe('device.bitsPerCell: got 6, expected at most 5 bits per cell for device.kind=fefet');
    expect(inference({ 'device.kind': 'sttmram', 'device.pulseLevels': 128 })).toBeGreaterThan(0);
    expect(inference({ 'device.bitsPerCell': 8 })).toBeGreaterThan(0);
  });
});
