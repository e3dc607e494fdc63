/**
 * A layer's input bits over the inference (the energy's: layerInputBits, spikeTrafficBits) are T times one timestep's
 * (the input delivery's time: timestepInputBits), one formula since 2026-12-07 (docs/simulator.md, "The input delivery
 * bound"). Before, AER's T·(p·N + 1)·⌈log2 N⌉ was multiplied in another order and differed in the last bit: N = 2312,
 * p = 0.137, T = 7 gave 26,690.496 bits over the inference against 7 × 3,812.928... = 26,690.496000000003.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { layerInputBits, spikeTrafficBits, timestepInputBits } from '../../src/sim/ela/counts.js';
import type { LayerMapping } from '../../src/sim/mapping.js';

const aer = applyOverrides(defaultConfig(), { 'arch.spikeEncoding': 'aer', 'snn.timesteps': 7 });
const spikes = { inputCycles: 1 } as LayerMapping;

describe('input bits: over the inference = T x one timestep', () => {
  it('AER, N = 2312, p = 0.137, T = 7: 7 x (0.137·2312 + 1)·12 in that order, exactly', () => {
    const step = timestepInputBits(aer, 2312, 0.137, spikes);
    expect(step).toBe((0.137 * 2312 + 1) * 12);
    expect(layerInputBits(aer, 2312, 0.137, spikes)).toBe(7 * step);
    expect(layerInputBits(aer, 2312, 0.137, spikes)).toBe(26_690.496000000003);
    expect(spikeTrafficBits(aer, 2312, 0.137)).toBe(26_690.496000000003);
  });

  it('dense spikes and multi-bit planes: T·N and T·N·planes, as before', () => {
    const dense = applyOverrides(aer, { 'arch.spikeEncoding': 'dense' });
    expect(layerInputBits(dense, 2312, 0.137, spikes)).toBe(7 * 2312);
    expect(layerInputBits(dense, 784, 0.5, { inputCycles: 8 } as LayerMapping)).toBe(7 * 784 * 8);
    expect(timestepInputBits(dense, 784, 0.5, { inputCycles: 8 } as LayerMapping)).toBe(784 * 8);
  });
});
