import { describe, expect, it } from 'vitest';
import type { FrameSet } from '../../src/snn/data/frames.js';
import { LifNetwork } from '../../src/snn/learn/network.js';
import { SDFA_LIF } from '../../src/snn/learn/neuron.js';
import { frameSetOf } from '../helpers/frames.js';

/** A hand-made frame set: one sample, frames given as dense arrays. */
const frames = (dense: number[][], label: number): FrameSet => frameSetOf([dense], [label]);

const sg = (h: number) => 1 / (1 + (Math.PI * (h - 1)) ** 2); // ATan, alpha = 2, V_th = 1

describe('SDFA on a hand-computed 2-layer network, T = 2', () => {
  // Inputs: t0 = (2, 0), t1 = (0, 1). W0 rows = inputs.
  const data = frames([[2, 0], [0, 1]], 0);
  const net = new LifNetwork([2, 2, 2], 2, SDFA_LIF, 'hand');
  net.weights[0].set([0.8, 1.2, 0.5, -0.3]);
  net.weights[1].set([1.5, 0.2, 3.0, -1.0]);
  net.feedback.set([1, -2, 0.5, 1]); // B = [[1, -2], [0.5, 1]] (classes x N_max)
  const predicted = net.forward(data, 0);
  const error = new Float64Array(2);
  const loss = net.lossAndError(0, error);
  net.backward('sdfa', error);

  it('runs the spikingjelly LIF forward (tau 2, hard reset)', () => {
    // Hidden: H(t0) = X/2 = (0.8, 1.2) -> spikes (0, 1), V = (0.8, 0); H(t1) = V + (X - V)/2 = (0.65, -0.15) -> none.
    expect(Array.from(net.spikes()[0])).toEqual([0, 1, 0, 0]);
    // Output: t0 input spike of neuron 1 -> X = (3, -1), H = (1.5, -0.5) -> (1, 0); t1 no input -> H = (0, -0.25).
    expect(Array.from(net.spikes()[1])).toEqual([1, 0, 0, 0]);
    expect(Array.from(net.rates)).toEqual([0.5, 0]);
    expect(predicted).toBe(0);
    const p0 = Math.exp(0.5) / (Math.exp(0.5) + 1);
    expect(loss).toBeCloseTo(-Math.log(p0), 12);
    expect(error[0]).toBeCloseTo(p0 - 1, 12);
    expect(error[1]).toBeCloseTo(1 - p0, 12);
  });

  it('hidden layer: the projection e B / sqrt(N_max) at every step, then BPTT through its own dynamics', () => {
    const e = [error[0], error[1]];
    const g = [(e[0] * 1 + e[1] * 0.5) / Math.SQRT2, (e[0] * -2 + e[1] * 1) / Math.SQRT2];
    expect(Array.from(net.spikeGradients()[0])).toEqual([g[0], g[1], g[0], g[1]].map(Math.fround));
    const H = [[0.8, 1.2], [0.65, -0.15]];
    const S = [[0, 1], [0, 0]];
    const dW = [[0, 0], [0, 0]];
    for (let j = 0; j < 2; j++) {
      const gH1 = g[j] * sg(H[1][j]); // t1: no gradient from the future
      const gV0 = gH1 * 0.5;
      const gH0 = g[j] * sg(H[0][j]) + gV0 * (1 - S[0][j] - H[0][j] * sg(H[0][j]));
      dW[0][j] = 2 * (gH0 / 2); // input 0 is 2 at t0
      dW[1][j] = 1 * (gH1 / 2); // input 1 is 1 at t1
    }
    const got = net.grads[0];
    expect(got[0]).toBeCloseTo(dW[0][0], 6);
    expect(got[1]).toBeCloseTo(dW[0][1], 6);
    expect(got[2]).toBeCloseTo(dW[1][0], 6);
    expect(got[3]).toBeCloseTo(dW[1][1], 6);
  });

  it('output layer: the true gradient of CE on the mean rate', () => {
    const H = [[1.5, -0.5], [0, -0.25]];
    const S = [[1, 0], [0, 0]];
    const dW = [[0, 0], [0, 0]];
    for (let j = 0; j < 2; j++) {
      const gS = error[j] / 2;
      const gH1 = gS * sg(H[1][j]);
      const gH0 = gS * sg(H[0][j]) + gH1 * 0.5 * (1 - S[0][j] - H[0][j] * sg(H[0][j]));
      dW[1][j] = gH0 / 2; // the only input spike: hidden neuron 1 at t0
    }
    const got = net.grads[1];
    expect(got[0]).toBe(0);
    expect(got[1]).toBe(0);
    expect(got[2]).toBeCloseTo(dW[1][0], 6);
    expect(got[3]).toBeCloseTo(dW[1][1], 6);
  });
});

describe('gradient paths', () => {
  const data = frames([[1, 0, 2, 1], [0, 3, 1, 0], [2, 1, 0, 1]], 1);
  const first = (algorithm: 'sdfa' | 'bptt', perturb: boolean): Float32Array => {
    const net = new LifNetwork([4, 6, 5, 3], 3, SDFA_LIF, 'paths');
    for (const w of net.weights) for (let i = 0; i < w.length; i++) w[i] *= 4; // enough activity for spikes everywhere
    net.forward(data, 0);
    const error = new Float64Array(3);
    net.lossAndError(1, error);
    if (perturb) for (const l of [1, 2]) for (let i = 0; i < net.weights[l].length; i++) net.weights[l][i] += 0.37 * ((i % 5) - 2);
    net.backward(algorithm, error);
    return Float32Array.from(net.grads[0]);
  };

  it('SDFA: no gradient flows from one hidden layer into the one below (changing the layers above does not change it)', () => {
    const base = first('sdfa', false);
    expect(base.some((v) => v !== 0)).toBe(true);
    expect(Array.from(first('sdfa', true))).toEqual(Array.from(base));
  });

  it('BPTT: the first layer gradient does depend on the weights above (the path SDFA cuts)', () => {
    expect(Array.from(first('bptt', true))).not.toEqual(Array.from(first('bptt', false)));
  });

  it('shallow: only the output layer gets a gradient', () => {
    const net = new LifNetwork([4, 6, 5, 3], 3, SDFA_LIF, 'paths');
    for (const w of net.weights) for (let i = 0; i < w.length; i++) w[i] = Math.abs(w[i]) * 8; // every layer fires
    net.forward(data, 0);
    expect(net.spikes()[1].some((s) => s === 1)).toBe(true);
    const error = new Float64Array(3);
    net.lossAndError(1, error);
    net.backward('shallow', error);
    expect(net.grads[0].every((v) => v === 0)).toBe(true);
    expect(net.grads[1].every((v) => v === 0)).toBe(true);
    expect(net.grads[2].some((v) => v !== 0)).toBe(true);
  });
});
