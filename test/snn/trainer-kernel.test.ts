import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateFrames } from '../../src/snn/data/datasets.js';
import { TrainerMemory } from '../../src/snn/learn/kernel.js';
import { ALGORITHMS } from '../../src/snn/learn/network.js';
import { atanSurrogate, createSparseSteps, groupByInput, SDFA_LIF } from '../../src/snn/learn/neuron.js';
import { LearningTrainer } from '../../src/snn/learn/trainer.js';
import { createRng } from '../../src/util/rng.js';

// The WebAssembly kernels (wasm/trainer.ts) against the scalar JS loops they replaced, bit for bit.

/** Random sparse activity: each step lists a random subset of inputs (ascending), values 1 or counts 1..maxValue. */
function activity(T: number, inputs: number, density: number, maxValue: number, seed: string): { start: number[]; index: number[]; value: number[] } {
  const rng = createRng(seed);
  const start = [0];
  const index: number[] = [];
  const value: number[] = [];
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < inputs; i++) {
      if (rng.next() < density) {
        index.push(i);
        value.push(1 + Math.floor(rng.next() * maxValue));
      }
    }
    start.push(index.length);
  }
  return { start, index, value };
}

function randomF32(a: Float32Array, scale: number, seed: string): void {
  const rng = createRng(seed);
  for (let i = 0; i < a.length; i++) a[i] = (2 * rng.next() - 1) * scale;
}

const bits = (a: Float32Array | Float64Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe('trainer kernel = scalar JS, bit for bit', () => {
  // Output widths with and without vector tails (4 f32 lanes, 2 f64 lanes); odd T exercises the paired-step read.
  const shapes = [
    { inputs: 37, n: 13, T: 5, maxValue: 9 },
    { inputs: 20, n: 10, T: 4, maxValue: 1 },
    { inputs: 16, n: 7, T: 3, maxValue: 3 },
    { inputs: 50, n: 32, T: 10, maxValue: 1 },
  ];
  for (const s of shapes) {
    const label = `${s.inputs}x${s.n}, T = ${s.T}, values ${s.maxValue === 1 ? '1 (spikes)' : `1..${s.maxValue} (counts)`}`;
    const mem = new TrainerMemory();
    const steps = createSparseSteps(s.T, s.inputs, mem);
    let W: Float32Array = new Float32Array(0);
    let X: Float32Array = new Float32Array(0);
    let dW: Float32Array = new Float32Array(0);
    let gX: Float32Array = new Float32Array(0);
    let gS: Float32Array = new Float32Array(0);
    let scratch: Float64Array = new Float64Array(0);
    mem.f32(s.inputs * s.n, (a) => (W = a));
    mem.f32(s.T * s.n, (a) => (X = a));
    mem.f32(s.inputs * s.n, (a) => (dW = a));
    mem.f32(s.T * s.n, (a) => (gX = a));
    mem.f32(s.T * s.inputs, (a) => (gS = a));
    mem.f64(s.n * (s.T + (s.T % 2)), (a) => (scratch = a));
    mem.done();
    const act = activity(s.T, s.inputs, 0.4, s.maxValue, label);
    steps.start.set(act.start);
    steps.index.set(act.index);
    steps.value.set(act.value);
    groupByInput(mem.kernel, steps, s.T);
    randomF32(W, 0.7, `${label}:W`);
    randomF32(gX, 0.3, `${label}:gX`);
    randomF32(dW, 0.01, `${label}:dW`);
    const g = steps.byInput;
    const ptrs = [g.rows.byteOffset, g.rowStart.byteOffset, g.step.byteOffset, g.value.byteOffset, g.count] as const;

    it(`forward accumulation, ${label}`, () => {
      const want = new Float32Array(s.T * s.n);
      for (let t = 0; t < s.T; t++) {
        for (let e = act.start[t]; e < act.start[t + 1]; e++) {
          for (let j = 0; j < s.n; j++) want[t * s.n + j] += act.value[e] * W[act.index[e] * s.n + j];
        }
      }
      X.fill(0);
      mem.kernel.accumulateRows(W.byteOffset, s.n, ...ptrs, X.byteOffset);
      expect(bits(X)).toEqual(bits(want));
      expect(want.some((v) => v !== 0)).toBe(true);
    });

    it(`weight-gradient accumulation (t descending), ${label}`, () => {
      const want = Float32Array.from(dW);
      for (let t = s.T - 1; t >= 0; t--) {
        for (let e = act.start[t]; e < act.start[t + 1]; e++) {
          for (let j = 0; j < s.n; j++) want[act.index[e] * s.n + j] += act.value[e] * gX[t * s.n + j];
        }
      }
      mem.kernel.accumulateGrad(dW.byteOffset, s.n, ...ptrs, gX.byteOffset);
      expect(bits(dW)).toEqual(bits(want));
    });

    it(`transposed read, ${label}`, () => {
      const want = new Float32Array(s.T * s.inputs);
      for (let t = 0; t < s.T; t++) {
        for (let i = 0; i < s.inputs; i++) {
          let sum = 0;
          for (let j = 0; j < s.n; j++) sum += W[i * s.n + j] * gX[t * s.n + j];
          want[t * s.inputs + i] = sum;
        }
      }
      mem.kernel.transposedRead(W.byteOffset, s.inputs, s.n, s.T, gX.byteOffset, gS.byteOffset, scratch.byteOffset);
      expect(bits(gS)).toEqual(bits(want));
    });
  }

  for (const n of [13, 32]) {
    it(`LIF forward and backward through the dynamics (tau 2, ATan), n = ${n}, T = 5`, () => {
      const T = 5;
      const lif = SDFA_LIF;
      const mem = new TrainerMemory();
      const out = createSparseSteps(T, n, mem);
      const f: Float32Array[] = [];
      for (let k = 0; k < 6; k++) mem.f32(T * n, (a) => (f[k] = a));
      let S: Uint8Array = new Uint8Array(0);
      mem.u8(T * n, (a) => (S = a));
      mem.done();
      const [X, H, V, gS, gX, gV] = f;
      randomF32(X, 1.6, `lif:${n}:X`);
      for (let i = 0; i < X.length; i++) X[i] += 0.8; // currents around the threshold: spikes and silence
      randomF32(gS, 0.2, `lif:${n}:gS`);
      // The JS loops the kernel replaced (neuron.ts before wasm/trainer.ts).
      const wantH = new Float32Array(T * n);
      const wantS = new Uint8Array(T * n);
      const v = new Float32Array(n);
      const wantIndex: number[] = [];
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < n; j++) {
          const h = v[j] + (X[t * n + j] - v[j]) * (1 / lif.tau);
          wantH[t * n + j] = h;
          wantS[t * n + j] = h >= lif.threshold ? 1 : 0;
          v[j] = h >= lif.threshold ? 0 : h;
          if (h >= lif.threshold) wantIndex.push(j);
        }
      }
      const spikes = mem.kernel.lifForward(X.byteOffset, n, T, H.byteOffset, S.byteOffset, V.byteOffset, 1 / lif.tau, lif.threshold,
        out.start.byteOffset, out.index.byteOffset, out.value.byteOffset);
      expect(bits(H)).toEqual(bits(wantH));
      expect(Array.from(S)).toEqual(Array.from(wantS));
      expect(Array.from(out.index.subarray(0, spikes))).toEqual(wantIndex);
      expect(spikes > 0 && spikes < T * n).toBe(true);
      // resetPath 1 keeps the reset's gradient (the default), 0 detaches it (spikingjelly's detach_reset).
      for (const resetPath of [1, 0]) {
        const wantGX = new Float32Array(T * n);
        const gv = new Float32Array(n);
        for (let t = T - 1; t >= 0; t--) {
          for (let j = 0; j < n; j++) {
            const h = wantH[t * n + j];
            const sg = atanSurrogate(h - lif.threshold, lif.alpha);
            const gH = gS[t * n + j] * sg + gv[j] * (1 - wantS[t * n + j] - resetPath * h * sg);
            wantGX[t * n + j] = gH * (1 / lif.tau);
            gv[j] = gH * (1 - 1 / lif.tau);
          }
        }
        mem.kernel.lifBackward(H.byteOffset, S.byteOffset, gS.byteOffset, gX.byteOffset, gV.byteOffset, n, T, 1 / lif.tau, 1 - 1 / lif.tau,
          lif.threshold, lif.alpha, resetPath);
        expect(bits(gX)).toEqual(bits(wantGX));
      }
    });
  }

  it('groups sparse steps by input: rows ascending, each row\'s steps ascending; refuses an index out of range', () => {
    const mem = new TrainerMemory();
    const a = createSparseSteps(3, 6, mem);
    mem.done();
    // t0: inputs 4 (x2), 1; t1: 1 (x3); t2: 5, 4, 1 (x7).
    a.start.set([0, 2, 3, 6]);
    a.index.set([4, 1, 1, 5, 4, 1]);
    a.value.set([2, 1, 3, 1, 1, 7]);
    groupByInput(mem.kernel, a, 3);
    const g = a.byInput;
    expect(g.count).toBe(3);
    expect(Array.from(g.rows.subarray(0, 3))).toEqual([1, 4, 5]);
    expect(Array.from(g.rowStart.subarray(0, 4))).toEqual([0, 3, 5, 6]);
    expect(Array.from(g.step.subarray(0, 6))).toEqual([0, 1, 2, 0, 2, 2]);
    expect(Array.from(g.value.subarray(0, 6))).toEqual([1, 3, 7, 2, 1, 1]);
    expect(g.slot.every((x) => x === 0)).toBe(true);
    a.index[2] = 6;
    expect(() => groupByInput(mem.kernel, a, 3)).toThrow(/index out of range, expected < 6 inputs/);
    expect(g.slot.every((x) => x === 0)).toBe(true);
  });

  it('Adam step (odd length: a scalar tail), with and without applying the update', () => {
    const len = 1001;
    const mem = new TrainerMemory();
    const arrays: Float32Array[] = [];
    for (let k = 0; k < 5; k++) mem.f32(len, (a) => (arrays[k] = a));
    mem.done();
    const [w, grad, m, v, d] = arrays;
    for (const apply of [1, 0]) {
      arrays.forEach((a, k) => randomF32(a, k === 3 ? 1e-4 : 0.2, `adam:${apply}:${k}`));
      for (let i = 0; i < len; i++) v[i] = Math.abs(v[i]);
      const [ws, gs, ms, vs] = [w, grad, m, v].map((a) => Float32Array.from(a));
      const ds = new Float32Array(len);
      const [batch, lr, c1, c2] = [32, 3e-3, 1 - 0.9 ** 7, 1 - 0.999 ** 7];
      for (let i = 0; i < len; i++) {
        const gi = gs[i] / batch;
        ms[i] = 0.9 * ms[i] + (1 - 0.9) * gi;
        vs[i] = 0.999 * vs[i] + (1 - 0.999) * gi * gi;
        ds[i] = -(lr * (ms[i] / c1)) / (Math.sqrt(vs[i] / c2) + 1e-8);
        if (apply) ws[i] += ds[i];
      }
      mem.kernel.adamStep(w.byteOffset, grad.byteOffset, m.byteOffset, v.byteOffset, d.byteOffset, len, batch, lr, 0.9, 1 - 0.9, 0.999, 1 - 0.999, c1, c2, 1e-8, apply);
      expect(bits(m)).toEqual(bits(ms));
      expect(bits(v)).toEqual(bits(vs));
      expect(bits(d)).toEqual(bits(ds));
      expect(bits(w)).toEqual(bits(ws));
      expect(grad.every((x) => x === 0)).toBe(true);
    }
  });
});

describe('weights after an epoch equal the scalar JS trainer (main at e432d30)', () => {
  // Hashes (sha256 of the weights, first 16 hex digits) from the JS trainer before the kernel; initial weights scaled
  // (x3 first layer, x8 above) so every layer spikes and every path carries gradient.
  const expected: Record<string, Record<string, string>> = {
    '2312-40-24-10': { bptt: '9daaaa9c1d3e99fb', sdfa: '10aeb1a899341bcf', shallow: 'e2a156537dc08d64' },
    '784-50-10': { bptt: 'a648d218c201498d', sdfa: '6d176a072a88f65c', shallow: '228b3a121a341030' },
  };
  const cases = [
    { dataset: 'saccade-mnist' as const, sizes: [2312, 40, 24, 10] },
    { dataset: 'mnist-rate' as const, sizes: [784, 50, 10] },
  ];
  for (const c of cases) {
    it(`${c.sizes.join('-')} on ${c.dataset}, 32 samples, batch 16: bptt, sdfa, shallow`, () => {
      const data = generateFrames(c.dataset, 'train', 10, 32);
      for (const algorithm of ALGORITHMS) {
        const t = new LearningTrainer({ algorithm, sizes: c.sizes, timesteps: 10, epochs: 1, batchSize: 16, learningRate: 5e-2,
          finalLearningRateFraction: 0, seed: 3 });
        t.net.weights.forEach((w, l) => {
          for (let i = 0; i < w.length; i++) w[i] *= l === 0 ? 3 : 8;
        });
        t.trainEpoch(data, 0, 32);
        const h = createHash('sha256');
        for (const w of t.net.weights) h.update(Buffer.from(w.buffer, w.byteOffset, w.byteLength));
        expect({ algorithm, hash: h.digest('hex').slice(0, 16) }).toEqual({ algorithm, hash: expected[c.sizes.join('-')][algorithm] });
      }
    });
  }
});
