import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { ACTION } from '../../../src/sim/ela/actions.js';
import { countTrainingLayer, phaseVectors, stateBits } from '../../../src/sim/training/counts.js';
import { trainingView } from '../../../src/sim/training/index.js';

// QA 2026-12-06 (D4): the direct-coded layer's input x is the same at every timestep, so Σ_t ε[t] xᵀ = (Σ_t ε[t]) xᵀ.
describe('a direct-coded first layer: the errors are summed over t before the one product', () => {
  const config = applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa' });
  const view = trainingView(zooNetwork('mlp-mnist'), config);
  const [fc1, fc2] = view.layers;

  it('mlp-mnist fc1 (784 x 256, 8 planes at 0.5, T = 4): 784·256·0.5·8 = 802,816 products + 3·256 = 768 error sums (the first error is loaded, not added), not 4·802,816 = 3,211,264', () => {
    expect(fc1.constantInput).toBe(true);
    expect(fc2.constantInput).toBe(false);
    const counts = phaseVectors();
    countTrainingLayer(fc1, config, 'sdfa', false, counts);
    expect(counts.weightGradient[ACTION.gradientAdd]).toBe(802_816 + 768);
    // Only the products read-modify-write a 16-bit accumulator: 2·16·802,816.
    expect(counts.weightGradient[ACTION.gradientBit]).toBe(25_690_112);
  });

  it('the image is stored once: 784·8 + 4·256·16 = 22,656 bits, not 4·(784·8 + 256·16) = 41,472; spike layers keep T copies', () => {
    expect(stateBits(fc1, config, false)).toBe(22_656);
    // fc2 (256 spikes in, 10 out, last): 4·(256 + 10·16 + 10) = 1,704.
    expect(stateBits(fc2, config, true)).toBe(1_704);
  });
});
