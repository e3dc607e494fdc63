import { describe, expect, it } from 'vitest';
import {
  adcLessFraction, binarizedBackward, binarizedForward, buildSnnGraph, DEFAULT_TRAIN_OPTIONS, DIRECT_INPUT_PLANES, directInputCode, SnnTrainer,
  type AdcLessTraining, type TrainData, type WeightOp,
} from '../../src/snn/index.js';
import { createRng } from '../../src/util/rng.js';

const A: AdcLessTraining = { crossbarRows: 2, gain: 0.5, surrogateWidth: 0.5, rampStartEpoch: 1, rampEndEpoch: 2 };

describe('ADC-less training', () => {
  it('binarises the partial sum of each crossbar row tile (hand-computed)', () => {
    const graph = buildSnnGraph({ name: 'l', input: { channels: 1, height: 1, width: 4 }, layers: [{ kind: 'linear', name: 'o', outFeatures: 2 }] });
    // rows x outputs: tile 0 = rows 0-1, tile 1 = rows 2-3.
    const w = Float32Array.from([0.3, -0.2, -0.5, 0.1, 0.4, 0.4, 0.2, -0.9]);
    const out = new Float32Array(2);
    binarizedForward(graph.weightOps[0], Float32Array.from([1, 1, 0, 1]), w, out, A);
    // Output 0: tile0 0.3-0.5 = -0.2 -> 0; tile1 0.2 -> 1  => 0.5. Output 1: tile0 -0.2+0.1 = -0.1 -> 0; tile1 -0.9 -> 0 => 0.
    expect(Array.from(out)).toEqual([0.5, 0]);
  });

  it('direct input: each 8-bit input plane is sensed per tile and weighted 2^b / 255 (hand-computed)', () => {
    const graph = buildSnnGraph({ name: 'l', input: { channels: 1, height: 1, width: 2 }, layers: [{ kind: 'linear', name: 'o', outFeatures: 1 }] });
    // codes 3 = planes 0, 1 and 5 = planes 0, 2; w = [1, -1]: plane 0: 1 - 1 = 0 -> 0; plane 1: 1 -> 1; plane 2: -1 -> 0.
    const out = new Float32Array(1);
    binarizedForward(graph.weightOps[0], Float32Array.from([3 / 255, 5 / 255]), Float32Array.from([1, -1]), out,
      { ...A, crossbarRows: 2, gain: 0.5 }, true);
    expect(out[0]).toBeCloseTo((0.5 * 2) / 255, 9);
    expect([0, 0.2, 1 / 255, 254.6 / 255, 1, 2].map(directInputCode)).toEqual([0, 51, 1, 255, 255, 255]);
  });

  // The surrogate backward is the exact gradient of the smooth forward with H replaced by S(P) = 0.5 + 0.5 v / (1 + |v|),
  // v = P / width (dS/dP = 1 / (2 width (1 + |P| / width)^2)): checked by central finite differences of that forward,
  // on a padded conv (gather with -1 entries, several positions and row tiles), for spike and direct (bit-plane) input.
  const conv = buildSnnGraph({ name: 'c', input: { channels: 2, height: 4, width: 4 },
    layers: [{ kind: 'conv', name: 'c1', outChannels: 3, kernel: 3, stride: 1, padding: 1 }] }).weightOps[0];
  const smoothLoss = (op: WeightOp, x: Float32Array, w: Float32Array, g: Float32Array, a: AdcLessTraining, direct: boolean): number => {
    const K = op.fanIn;
    const N = op.fanOut;
    let loss = 0;
    for (let p = 0; p < op.positions; p++) {
      for (let r = 0; r * a.crossbarRows < K; r++) {
        for (let b = 0; b < (direct ? DIRECT_INPUT_PLANES : 1); b++) {
          for (let n = 0; n < N; n++) {
            let P = 0;
            for (let k = r * a.crossbarRows; k < Math.min(K, (r + 1) * a.crossbarRows); k++) {
              const idx = op.gather[p * K + k];
              if (idx < 0) continue;
              const v = direct ? (directInputCode(x[idx]) >> b) & 1 : x[idx];
              P += w[k * N + n] * v;
            }
            const v = P / a.surrogateWidth;
            const unit = direct ? (a.gain * 2 ** b) / 255 : a.gain;
            loss += g[p * N + n] * unit * (0.5 + (0.5 * v) / (1 + Math.abs(v)));
          }
        }
      }
    }
    return loss;
  };
  for (const direct of [false, true]) {
    it(`surrogate backward = finite differences of the smooth forward (${direct ? 'direct bit-plane' : 'spike'} input)`, () => {
      const a: AdcLessTraining = { crossbarRows: 7, gain: 0.7, surrogateWidth: 0.3, rampStartEpoch: 0, rampEndEpoch: 0 };
      const rng = createRng(`fd:${direct}`);
      const x = Float32Array.from({ length: 32 }, () => (direct ? Math.floor(256 * rng.next()) / 255 : rng.next() < 0.5 ? 0 : rng.next()));
      const w = Float32Array.from({ length: conv.fanIn * conv.fanOut }, () => rng.next() - 0.5);
      const g = Float32Array.from({ length: conv.positions * conv.fanOut }, () => rng.next() - 0.5);
      const gradW = new Float32Array(w.length);
      const gradIn = new Float32Array(x.length);
      binarizedBackward(conv, x, w, g, gradW, direct ? undefined : gradIn, a, direct);
      const h = 1e-3;
      const fd = (arr: Float32Array, i: number) => {
        const keep = arr[i];
        arr[i] = keep + h;
        const up = smoothLoss(conv, x, w, g, a, direct);
        arr[i] = keep - h;
        const down = smoothLoss(conv, x, w, g, a, direct);
        arr[i] = keep;
        return (up - down) / (2 * h);
      };
      let maxErr = 0;
      let maxGrad = 0;
      for (let i = 0; i < w.length; i++) {
        maxErr = Math.max(maxErr, Math.abs(fd(w, i) - gradW[i]));
        maxGrad = Math.max(maxGrad, Math.abs(gradW[i]));
      }
      if (!direct) {
        for (let i = 0; i < x.length; i++) {
          maxErr = Math.max(maxErr, Math.abs(fd(x, i) - gradIn[i]));
          maxGrad = Math.max(maxGrad, Math.abs(gradIn[i]));
        }
      }
      expect(maxGrad).toBeGreaterThan(0.01);
      expect(maxErr).toBeLessThan(1e-3 * maxGrad);
    });
  }

  it('ramps the binarised share of layers over epochs', () => {
    expect([0, 1, 2, 3].map((e) => adcLessFraction(A, e, 4))).toEqual([0, 0.5, 1, 1]);
  });

  // Binarising at zero keeps the sign of each tile's partial sum but not its magnitude, so the classes differ in
  // the pattern inside each tile (even vs odd inputs high), not in overall intensity.
  it('learns a pattern toy problem with every layer binarised at the end', () => {
    const n = 64;
    const images = new Float32Array(n * 8);
    const labels = new Int32Array(n);
    const rng = createRng('toy-adcless');
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (let j = 0; j < 8; j++) images[i * 8 + j] = (j % 2 === 0) === (labels[i] === 0) ? 0.6 + 0.4 * rng.next() : 0.2 * rng.next();
    }
    const data: TrainData = { images, inputScale: 1, labels, count: n };
    const graph = buildSnnGraph({ name: 'toy', input: { channels: 1, height: 1, width: 8 },
      layers: [{ kind: 'linear', name: 'h', outFeatures: 16 }, { kind: 'linear', name: 'o', outFeatures: 2 }] });
    const epochs = 30;
    const trainer = new SnnTrainer(graph, { ...DEFAULT_TRAIN_OPTIONS, epochs, batchSize: 8, learningRate: 1e-2, seed: 5,
      adcLess: { crossbarRows: 4, gain: 1, surrogateWidth: 0.5, rampStartEpoch: 5, rampEndEpoch: 10 } });
    let last = trainer.trainEpoch(data, 0, epochs);
    for (let e = 1; e < epochs; e++) last = trainer.trainEpoch(data, e, epochs);
    expect(last.adcLessFraction).toBe(1);
    expect(trainer.accuracy(data)).toBeGreaterThanOrEqual(0.95);
  });
});

describe('MNIST loader', () => {
  it('keeps the 60k/10k split and takes the last 5,000 training images for validation', async () => {
    const { loadMnist } = await import('../../src/snn/mnist.js');
    const train = loadMnist('train');
    const val = loadMnist('validation');
    const test = loadMnist('test');
    expect([train.count, val.count, test.count]).toEqual([55000, 5000, 10000]);
    expect(train.images.length).toBe(55000 * 784);
    // Known first labels of the MNIST files: training 5 0 4 1 9, test 7 2 1 0 4.
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    const counts = new Array<number>(10).fill(0);
    for (const l of test.labels) counts[l]++;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });
});
