import { describe, expect, it } from 'vitest';
import { generateFrames } from '../../src/snn/data/datasets.js';
import { learningDevice, type LearningDevice } from '../../src/snn/learn/devices.js';
import { DeviceSink, type OnChipUpdateScheme } from '../../src/snn/learn/onchip.js';
import { type LearningOptions, LearningTrainer } from '../../src/snn/learn/trainer.js';

/**
 * Accuracy after on-chip training falls with fewer conductance states under NeuroSim's update scheme (each update
 * rounded to whole pulses, the remainder lost), and not under threshold accumulation (docs/training.md "Why").
 * Mechanism: Adam's steps are at most about the learning rate; the output layer's pulse is 2 w_max / P_max with
 * w_max = 4 / sqrt(32) = 0.707, so at 40 states (P_max = 39) half a pulse is 0.018 > lr = 0.01 and every output-layer
 * update rounds to 0 pulses; at 400 states half a pulse is 0.0018. Measured here: 8.0 % / 72.7 % / 72.0 %.
 */
const train = generateFrames('mnist-rate', 'train', 8, 1000);
const test = generateFrames('mnist-rate', 'test', 8, 300);
const options: LearningOptions = { algorithm: 'sdfa', sizes: [784, 32, 10], timesteps: 8, epochs: 2, batchSize: 16, learningRate: 1e-2,
  finalLearningRateFraction: 0, seed: 5 };

function onChipAccuracy(states: number, updateScheme: OnChipUpdateScheme): number {
  const device: LearningDevice = { ...learningDevice('ideal'), states };
  const plain = new LearningTrainer(options);
  const sink = new DeviceSink({ device, weightRange: 4, feedbackRange: 3, seed: 5, updateScheme }, options.sizes, plain.net.weights, plain.net.feedback);
  const trainer = new LearningTrainer(options, sink);
  trainer.net.weights.forEach((w, l) => w.set(plain.net.weights[l]));
  for (let e = 0; e < options.epochs; e++) trainer.trainEpoch(train, e);
  return trainer.accuracy(test);
}

describe('on-chip accuracy vs conductance states (seeded, small)', () => {
  it('rounded updates: 40 states lose the output layer (near chance); 400 states and threshold accumulation do not', () => {
    const rounded40 = onChipAccuracy(40, 'rounded');
    const rounded400 = onChipAccuracy(400, 'rounded');
    const threshold40 = onChipAccuracy(40, 'threshold');
    expect(rounded40).toBeLessThan(0.25);
    expect(rounded400).toBeGreaterThan(rounded40 + 0.2);
    expect(threshold40).toBeGreaterThan(rounded40 + 0.2);
  });
});
