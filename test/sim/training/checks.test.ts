/** Refusals of a training that cannot run (src/sim/training/checks.ts), only when training is costed. */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { simulateConfiguration } from '../../../src/sim/simulate.js';
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
});
