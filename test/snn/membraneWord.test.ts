/** The U_mem word (src/snn/membraneWord.ts): the quantiser, the LIF step that applies it, and its place before the cache hook. */
import { describe, expect, it } from 'vitest';
import { zooNetwork } from '../../src/model/zoo.js';
import { buildSnnGraph } from '../../src/snn/graph.js';
import { softwareEngines, SnnRunner } from '../../src/snn/inference.js';
import { lifStep } from '../../src/snn/lif.js';
import { membraneWord, membraneWordOf } from '../../src/snn/membraneWord.js';
import { loadMnist, MNIST_PIXELS } from '../../src/snn/mnist.js';
import { loadWeights } from '../../src/snn/weights.js';

describe('the U_mem word (snn.membraneBits): b-bit two\'s complement on [-2θ, 2θ), LSB 4θ / 2^b', () => {
  it('b = 4, θ = 1: LSB 0.25, nearest level, a tie goes up, θ is a level, saturates at -2 and 1.75', () => {
    const w = membraneWordOf(4, 1);
    expect(w).toEqual({ lsb: 0.25, kMin: -8, kMax: 7 });
    const stored = (u: number) => membraneWord(u, w);
    expect([0.1, 0.13, 1, -0.3, 0.4].map(stored)).toEqual([0, 0.25, 1, -0.25, 0.5]);
    // Ties (k + 1/2 LSB) go toward +∞, as adding half an LSB and truncating does; the word has one zero (no -0).
    expect([0.125, -0.125, -0.375, 0.625].map(stored)).toEqual([0.25, 0, -0.25, 0.75]);
    expect(Object.is(stored(-0.125), 0)).toBe(true);
    // Saturation at both ends: the top level is 2θ - LSB (an overshoot past it, a tie that would round to 2θ, ∞).
    expect([1.75, 1.8, 1.875, 5, Infinity].map(stored)).toEqual([1.75, 1.75, 1.75, 1.75, 1.75]);
    expect([-2, -2.1, -2.125, -100, -Infinity].map(stored)).toEqual([-2, -2, -2, -2, -2]);
  });

  it('b = 16, θ = 0.5: LSB 2^-15, top level 1 - 2^-15', () => {
    const w = membraneWordOf(16, 0.5);
    expect(w).toEqual({ lsb: 2 ** -15, kMin: -32768, kMax: 32767 });
    const stored = (u: number) => membraneWord(u, w);
    expect(stored(0.1)).toBe(3277 * 2 ** -15); // 0.1 x 2^15 = 3276.8
    expect(stored(3 * 2 ** -16)).toBe(2 ** -14); // a tie, up
    expect(stored(-3 * 2 ** -16)).toBe(-(2 ** -15)); // a tie, up (toward +∞)
    expect([0.5, 1, 7, -1, -1.5].map(stored)).toEqual([0.5, 1 - 2 ** -15, 1 - 2 ** -15, -1, -1]);
  });

  it('θ = 0.7 (not a power of two), b = 4: LSB 0.175, θ itself a level', () => {
    const w = membraneWordOf(4, 0.7);
    expect(w.lsb).toBe(0.175);
    const stored = (u: number) => membraneWord(u, w);
    expect([0.7, 0.2, 0.0875, 1.3, 1.4, -1.4, -1.5].map(stored)).toEqual([0.7, 0.175, 0.175, 7 * 0.175, 7 * 0.175, -1.4, -1.4]);
  });

  it('refuses a width whose levels miss θ or are not exact in float64', () => {
    expect(() => membraneWordOf(1, 1)).toThrow('snn.membraneBits: got 1, expected an integer in [2, 53]');
    expect(() => membraneWordOf(54, 1)).toThrow('snn.membraneBits: got 54, expected an integer in [2, 53]');
    expect(() => membraneWordOf(4.5, 1)).toThrow('snn.membraneBits: got 4.5, expected an integer in [2, 53]');
  });

  it('lifStep rounds what it leaves (after the reset) to the word, both resets; without a word it is float64', () => {
    const w = membraneWordOf(4, 1);
    const current = Float64Array.from([0.3, 1.3, 5, -7, 0.1]);
    for (const [reset, after] of [['subtract', [0.25, 0.25, 1.75, -2, 0]], ['zero', [0.25, 0, 0, -2, 0]]] as const) {
      const membrane = new Float64Array(5);
      const spikes = new Float64Array(5);
      expect(lifStep(membrane, current, spikes, { leak: 0.9, threshold: 1, reset }, w)).toBe(2);
      expect(Array.from(membrane)).toEqual(after);
      expect(Array.from(spikes)).toEqual([0, 1, 1, 0, 0]);
    }
    const float = new Float64Array(5);
    lifStep(float, current, new Float64Array(5), { leak: 0.9, threshold: 1, reset: 'subtract' });
    expect(Array.from(float)).toEqual([0.3, 1.3 - 1, 4, -7, 0.1]);
  });

  it('the runner hands the U_mem cache hook the word: every stored potential a level in [-2θ, 2θ - Δ] (mlp-mnist, 6 bits)', () => {
    const net = zooNetwork('mlp-mnist');
    const weights = loadWeights('mlp-mnist')!;
    const w = membraneWordOf(6, weights.lif.threshold);
    const test = loadMnist('test');
    let stored = 0;
    let offGrid = 0;
    new SnnRunner(buildSnnGraph(net)).run(test.images.subarray(0, MNIST_PIXELS), softwareEngines(weights), {
      timesteps: 4, lif: weights.lif, membraneWord: w,
      storeMembrane: (_op, m) => {
        for (const u of m) {
          stored++;
          const k = u / w.lsb;
          if (!(Number.isInteger(k) && k >= w.kMin && k <= w.kMax)) offGrid++;
        }
      },
    });
    expect(stored).toBe(4 * 256); // fc1: 256 LIF neurons, 4 timesteps
    expect(offGrid).toBe(0);
  });
});
