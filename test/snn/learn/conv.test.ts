import { describe, expect, it } from 'vitest';
import { type ConvShape, convForward, convGrad, convOutput, convOutputs, convTransposedRead, convWeightCount } from '../../../src/snn/learn/conv.js';
import { LifNetwork } from '../../../src/snn/learn/network.js';
import type { SparseSteps } from '../../../src/snn/learn/neuron.js';
import { SDFA_LIF } from '../../../src/snn/learn/neuron.js';
import { createRng } from '../../../src/util/rng.js';
import { frameSetOf, sparseFrames } from '../../helpers/frames.js';

/** Dense frames (T x inputs) as sparse steps grouped by input, built here without the kernel. */
function sparse(dense: number[][]): SparseSteps {
  const T = dense.length;
  const n = dense[0].length;
  const { offsets: start, index, value } = sparseFrames(dense);
  const rows: number[] = [];
  const rowStart: number[] = [0];
  const step: number[] = [];
  const gValue: number[] = [];
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let t = 0; t < T; t++) {
      if (dense[t][i] === 0) continue;
      any = true;
      step.push(t);
      gValue.push(dense[t][i]);
    }
    if (any) {
      rows.push(i);
      rowStart.push(step.length);
    }
  }
  return { start: Int32Array.from(start), index: Int32Array.from(index), value: Float32Array.from(value),
    byInput: { count: rows.length, rows: Int32Array.from(rows), rowStart: Int32Array.from(rowStart), step: Int32Array.from(step),
      value: Float32Array.from(gValue), slot: new Int32Array(n) } };
}

/** The textbook convolution (gather per output), in f64: the reference the scatter form must match. */
function denseConv(s: ConvShape, W: Float32Array, input: number[]): number[] {
  const o = convOutput(s);
  const out: number[] = [];
  for (let oc = 0; oc < s.outChannels; oc++) {
    for (let oy = 0; oy < o.height; oy++) {
      for (let ox = 0; ox < o.width; ox++) {
        let sum = 0;
        for (let c = 0; c < s.inChannels; c++) {
          for (let ky = 0; ky < s.kernel; ky++) {
            for (let kx = 0; kx < s.kernel; kx++) {
              const y = oy * s.stride - s.padding + ky;
              const x = ox * s.stride - s.padding + kx;
              if (y < 0 || x < 0 || y >= s.inHeight || x >= s.inWidth) continue;
              sum += W[((oc * s.inChannels + c) * s.kernel + ky) * s.kernel + kx] * input[(c * s.inHeight + y) * s.inWidth + x];
            }
          }
        }
        out.push(sum);
      }
    }
  }
  return out;
}

const SHAPE: ConvShape = { inChannels: 2, inHeight: 5, inWidth: 6, outChannels: 3, kernel: 3, stride: 2, padding: 1 };
const T = 3;

function randomCase(seed: string) {
  const rng = createRng(seed);
  const inputs = SHAPE.inChannels * SHAPE.inHeight * SHAPE.inWidth;
  const dense = Array.from({ length: T }, () => Array.from({ length: inputs }, () => (rng.next() < 0.4 ? 1 + Math.floor(rng.next() * 3) : 0)));
  const W = Float32Array.from({ length: convWeightCount(SHAPE) }, () => rng.next() * 2 - 1);
  const gX = Float32Array.from({ length: T * convOutputs(SHAPE) }, () => rng.next() * 2 - 1);
  return { dense, W, gX };
}

describe('conv layer kernels (stride 2, padding 1, 2 -> 3 channels, 5x6 input)', () => {
  const { dense, W, gX } = randomCase('conv-fd');
  const n = convOutputs(SHAPE);
  const input = sparse(dense);
  const X = new Float32Array(T * n);
  convForward(SHAPE, W, input, T, X);
  // L = sum_t,o gX[t][o] X[t][o]: its gradients are what the backward computes from gX.
  const loss = (w: Float32Array, d: number[][]): number => {
    let sum = 0;
    d.forEach((frame, t) => denseConv(SHAPE, w, frame).forEach((x, o) => (sum += gX[t * n + o] * x)));
    return sum;
  };

  it('has PyTorch output size floor((H + 2p - k) / s) + 1 and matches the gather form', () => {
    expect(convOutput(SHAPE)).toEqual({ height: 3, width: 3 });
    dense.forEach((frame, t) => denseConv(SHAPE, W, frame).forEach((x, o) => expect(X[t * n + o]).toBeCloseTo(x, 5)));
  });

  it('weight gradient = central finite differences of L', () => {
    const dW = new Float32Array(W.length);
    convGrad(SHAPE, dW, input, gX);
    const h = 1e-3;
    for (let i = 0; i < W.length; i++) {
      const up = Float32Array.from(W);
      const down = Float32Array.from(W);
      up[i] += h;
      down[i] -= h;
      const fd = (loss(up, dense) - loss(down, dense)) / (up[i] - down[i]);
      expect(dW[i]).toBeCloseTo(fd, 3);
    }
    expect(dW.some((v) => Math.abs(v) > 0.1)).toBe(true);
  });

  it('transposed read = finite differences of L in every input, active or not', () => {
    const gS = new Float32Array(T * dense[0].length);
    convTransposedRead(SHAPE, W, T, gX, gS);
    const h = 0.5;
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < dense[0].length; r++) {
        const up = dense.map((f) => [...f]);
        const down = dense.map((f) => [...f]);
        up[t][r] += h;
        down[t][r] -= h;
        expect(gS[t * dense[0].length + r]).toBeCloseTo((loss(W, up) - loss(W, down)) / (2 * h), 4);
      }
    }
  });
});

/** The conv layer written out as a dense fanIn x fanOut matrix (weights repeated over positions, zeros elsewhere). */
function expand(s: ConvShape, W: Float32Array): Float32Array {
  const fanIn = s.inChannels * s.inHeight * s.inWidth;
  const n = convOutputs(s);
  const out = new Float32Array(fanIn * n);
  for (let r = 0; r < fanIn; r++) {
    const unit = new Array<number>(fanIn).fill(0);
    unit[r] = 1;
    denseConv(s, W, unit).forEach((v, o) => (out[r * n + o] = v));
  }
  return out;
}

describe('a conv layer inside the network', () => {
  // 2x6x6 inputs -> conv (3 channels, k3 s2 p1: 3x3x3 = 27) -> fc 8 -> fc 4.
  const shape: ConvShape = { inChannels: 2, inHeight: 6, inWidth: 6, outChannels: 3, kernel: 3, stride: 2, padding: 1 };
  const rng = createRng('conv-net');
  const data = frameSetOf([Array.from({ length: 4 }, () => Array.from({ length: 72 }, () => (rng.next() < 0.3 ? 1 + Math.floor(rng.next() * 2) : 0)))], [1]);
  const sizes = [72, 27, 8, 4];

  it('BPTT: the same forward and gradients as the equivalent fully connected network (gradients summed over tied weights)', () => {
    const conv = new LifNetwork(sizes, 4, SDFA_LIF, 'eq', 0, [shape, null, null]);
    // Larger weights so every layer spikes often (the surrogate gradient is largest near threshold).
    conv.weights.forEach((w, l) => w.forEach((_, i) => (w[i] *= [8, 6, 6][l])));
    const fc = new LifNetwork(sizes, 4, SDFA_LIF, 'eq');
    fc.weights[0].set(expand(shape, conv.weights[0]));
    fc.weights[1].set(conv.weights[1]);
    fc.weights[2].set(conv.weights[2]);
    conv.forward(data, 0);
    fc.forward(data, 0);
    expect(Array.from(conv.spikes()[0])).toEqual(Array.from(fc.spikes()[0]));
    expect(Array.from(conv.spikeCounts).every((c) => c > 0)).toBe(true);
    expect(Array.from(conv.rates)).toEqual(Array.from(fc.rates));
    const error = Float64Array.from([0.3, -0.7, 0.2, 0.1]);
    conv.backward('bptt', error);
    fc.backward('bptt', error);
    expect(Array.from(conv.grads[1])).toEqual(Array.from(fc.grads[1]));
    // Each conv weight's gradient is the sum of the dense gradients at the positions it is repeated.
    const n = convOutputs(shape);
    const tied = new Float64Array(convWeightCount(shape));
    for (let w = 0; w < tied.length; w++) {
      const unit = new Float32Array(tied.length);
      unit[w] = 1;
      const positions = expand(shape, unit);
      for (let i = 0; i < positions.length; i++) if (positions[i] !== 0) tied[w] += fc.grads[0][i];
    }
    expect(tied.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    tied.forEach((v, w) => expect(conv.grads[0][w]).toBeCloseTo(v, 6));
    expect(n).toBe(27);
  });

  it('BPTT through a conv layer that is not the first: its transposed read feeds the layer below', () => {
    const s2: ConvShape = { inChannels: 3, inHeight: 3, inWidth: 3, outChannels: 2, kernel: 2, stride: 1, padding: 0 }; // 27 -> 2x2x2
    const sz = [72, 27, 8, 4];
    const conv = new LifNetwork(sz, 4, SDFA_LIF, 'eq2', 0, [null, s2, null]);
    const fc = new LifNetwork(sz, 4, SDFA_LIF, 'eq2');
    conv.weights[0].forEach((_, i, w) => (w[i] *= 4));
    conv.weights[1].forEach((_, i, w) => (w[i] *= 3));
    fc.weights[0].set(conv.weights[0]);
    fc.weights[1].set(expand(s2, conv.weights[1]));
    fc.weights[2].set(conv.weights[2]);
    conv.forward(data, 0);
    fc.forward(data, 0);
    expect(Array.from(conv.rates)).toEqual(Array.from(fc.rates));
    const error = Float64Array.from([0.3, -0.7, 0.2, 0.1]);
    conv.backward('bptt', error);
    fc.backward('bptt', error);
    const g0 = conv.spikeGradients()[0];
    expect(g0.some((v) => v !== 0)).toBe(true);
    fc.spikeGradients()[0].forEach((v, i) => expect(g0[i]).toBeCloseTo(v, 6));
    fc.grads[0].forEach((v, i) => expect(conv.grads[0][i]).toBeCloseTo(v, 6));
  });

  it('SDFA: the conv layer gets e B[:, :N] / sqrt(N_max) at every step, and no gradient from the layers above', () => {
    const run = (scaleAbove: number) => {
      const net = new LifNetwork(sizes, 4, SDFA_LIF, 'sdfa-conv', 0, [shape, null, null]);
      net.weights[0].forEach((_, i, w) => (w[i] *= 4));
      for (const l of [1, 2]) net.weights[l].forEach((_, i, w) => (w[i] *= scaleAbove));
      net.forward(data, 0);
      const error = Float64Array.from([0.3, -0.7, 0.2, 0.1]);
      net.backward('sdfa', error);
      return { net, error };
    };
    const a = run(1);
    const b = run(-2.5);
    expect(a.net.spikeCounts[0]).toBeGreaterThan(5);
    expect(Array.from(a.net.grads[0])).toEqual(Array.from(b.net.grads[0]));
    expect(a.net.grads[0].some((v) => v !== 0)).toBe(true);
    const nMax = 27;
    const gS = a.net.spikeGradients()[0];
    for (let j = 0; j < 27; j++) {
      let s = 0;
      for (let c = 0; c < 4; c++) s += a.error[c] * a.net.feedback[c * nMax + j];
      for (let t = 0; t < 4; t++) expect(gS[t * 27 + j]).toBe(Math.fround(s / Math.sqrt(nMax)));
    }
    // BPTT does carry the change above into the conv layer's gradient.
    const bp = (scaleAbove: number) => {
      const net = new LifNetwork(sizes, 4, SDFA_LIF, 'sdfa-conv', 0, [shape, null, null]);
      net.weights[0].forEach((_, i, w) => (w[i] *= 4));
      for (const l of [1, 2]) net.weights[l].forEach((_, i, w) => (w[i] *= scaleAbove));
      net.forward(data, 0);
      net.backward('bptt', Float64Array.from([0.3, -0.7, 0.2, 0.1]));
      return Array.from(net.grads[0]);
    };
    expect(bp(1)).not.toEqual(bp(-2.5));
  });

  it('refuses a conv shape that does not fit the layer widths', () => {
    expect(() => new LifNetwork([72, 26, 4], 4, SDFA_LIF, 'x', 0, [shape, null])).toThrow(/expected the layer widths 72 -> 26/);
  });
});
