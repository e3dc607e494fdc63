import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { gradientWidthNote, neededGradientBits } from '../../../src/sim/training/checks.js';
import { trainingCost, trainingView } from '../../../src/sim/training/index.js';

// QA 2026-12-06 (D6): a batch's gradient sum needs errorBits + (input bits - 1) + log2(B·T·positions) bits. The
// defaults (16) are short for the shipped networks, so it is a note, not a refusal.
describe('the weight-gradient accumulator width a batch needs', () => {
  const cfg = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', ...o });

  it('nmnist-fc3, B = 128, T = 10, spikes: 8 + 0 + log2(1280) = 18.32 bits; mlp-mnist fc1 (direct, T = 4): 8 + 2 + 7 + log2(128) = 24', () => {
    const c = cfg({ 'snn.timesteps': 10 });
    expect(neededGradientBits(trainingView(zooNetwork('nmnist-fc3'), c).layers, c).bits).toBeCloseTo(8 + Math.log2(1280), 12);
    const m = cfg({});
    expect(neededGradientBits(trainingView(zooNetwork('mlp-mnist'), m).layers, m)).toEqual({ bits: 24, layer: 'fc1' });
  });

  it('16-bit accumulators (the default) get a note naming the field, the width and the need; 24 bits none; in the cost too', () => {
    const m = cfg({});
    const note = gradientWidthNote(trainingView(zooNetwork('mlp-mnist'), m).layers, m);
    expect(note).toMatch(/^training\.gradientBits: 16 bits, but a batch's sum of layer fc1's weight gradient needs about 24\.0 bits/);
    const wide = cfg({ 'training.gradientBits': 24 });
    expect(gradientWidthNote(trainingView(zooNetwork('mlp-mnist'), wide).layers, wide)).toBeNull();
    expect(trainingCost(zooNetwork('mlp-mnist'), m).gradientWidthNote).toBe(note);
  });

  it('8-bit accumulators at batch 65,536 (accepted, errorBits 8): noted at 8 + log2(65536·10) = 27.3 bits', () => {
    const c = cfg({ 'snn.timesteps': 10, 'training.gradientBits': 8, 'training.batchSize': 65536, 'training.datasetSize': 131072 });
    expect(trainingCost(zooNetwork('nmnist-fc3'), c).gradientWidthNote).toContain('needs about 27.3 bits');
  });
});
