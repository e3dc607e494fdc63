import { describe, expect, it } from 'vitest';
import { buildSnnGraph, DEFAULT_TRAIN_OPTIONS, SnnTrainer, type NetworkLike, type TrainData, type TrainOptions } from '../../src/snn/index.js';
import { createRng } from '../../src/util/rng.js';

function randomData(n: number, size: number, classes: number, seed: string): TrainData {
  const rng = createRng(seed);
  const images = new Float32Array(n * size);
  for (let i = 0; i < images.length; i++) images[i] = rng.next();
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = rng.int(classes);
  return { images, inputScale: 1, labels, count: n };
}

const mlp: NetworkLike = { name: 'tiny-mlp', input: { channels: 1, height: 1, width: 6 },
  layers: [{ kind: 'linear', name: 'a', outFeatures: 5 }, { kind: 'linear', name: 'b', outFeatures: 3 }] };
const conv: NetworkLike = { name: 'tiny-cnn', input: { channels: 1, height: 4, width: 4 },
  layers: [{ kind: 'conv', name: 'c', outChannels: 2, kernel: 2 }, { kind: 'pool', name: 'p', mode: 'max', kernel: 2, stride: 1 },
    { kind: 'conv', name: 'c2', outChannels: 2, kernel: 2 }, { kind: 'linear', name: 'o', outFeatures: 3 }] };

function gradientCheck(net: NetworkLike, reset: 'subtract' | 'zero') {
  const graph = buildSnnGraph(net);
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, timesteps: 3, weightBits: 0, smoothSpikes: true, detachReset: false,
    surrogateSlope: 2, initGain: 2.5, lif: { leak: 0.8, threshold: 1, reset }, seed: 7 };
  const trainer = new SnnTrainer(graph, options);
  const data = randomData(4, graph.inputSize, 3, 'gc');
  const idx = [0, 1, 2, 3];
  for (const i of idx) trainer.lossAndGradient(data, i);
  const analytic = trainer.gradients().map((g) => Float64Array.from(g, (v) => v / idx.length));
  const eps = 1e-2;
  let worst = 0;
  let checked = 0;
  trainer.weights.forEach((w, l) => {
    for (let i = 0; i < w.length; i++) {
      const orig = w[i];
      w[i] = orig + eps;
      trainer.refreshEffectiveWeights(false);
      const up = trainer.loss(data, idx);
      w[i] = orig - eps;
      trainer.refreshEffectiveWeights(false);
      const down = trainer.loss(data, idx);
      w[i] = orig;
      const numeric = (up - down) / (2 * eps);
      const a = analytic[l][i];
      worst = Math.max(worst, Math.abs(a - numeric) / Math.max(1e-2, Math.abs(a) + Math.abs(numeric)));
      checked++;
    }
  });
  trainer.refreshEffectiveWeights(false);
  return { worst, checked, norm: analytic.reduce((s, g) => s + g.reduce((t, v) => t + Math.abs(v), 0), 0) };
}

describe('surrogate BPTT', () => {
  for (const reset of ['subtract', 'zero'] as const) {
    it(`matches finite differences on a tiny MLP (reset ${reset})`, () => {
      const r = gradientCheck(mlp, reset);
      expect(r.checked).toBe(6 * 5 + 5 * 3);
      expect(r.norm).toBeGreaterThan(1e-3);
      expect(r.worst).toBeLessThan(2e-2);
    });
  }
  it('matches finite differences on a tiny conv net with max pooling', () => {
    const r = gradientCheck(conv, 'subtract');
    expect(r.norm).toBeGreaterThan(1e-3);
    expect(r.worst).toBeLessThan(2e-2);
  });

  it('decreases the loss and learns a separable toy problem', () => {
    const n = 64;
    const images = new Float32Array(n * 8);
    const labels = new Int32Array(n);
    const rng = createRng('toy');
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (let j = 0; j < 8; j++) images[i * 8 + j] = (j < 4) === (labels[i] === 0) ? 0.6 + 0.4 * rng.next() : 0.2 * rng.next();
    }
    const data: TrainData = { images, inputScale: 1, labels, count: n };
    const graph = buildSnnGraph({ name: 'toy', input: { channels: 1, height: 1, width: 8 },
      layers: [{ kind: 'linear', name: 'h', outFeatures: 8 }, { kind: 'linear', name: 'o', outFeatures: 2 }] });
    const trainer = new SnnTrainer(graph, { ...DEFAULT_TRAIN_OPTIONS, epochs: 20, batchSize: 8, learningRate: 1e-2, seed: 3 });
    const first = trainer.trainEpoch(data, 0, 20);
    let last = first;
    for (let e = 1; e < 20; e++) last = trainer.trainEpoch(data, e, 20);
    expect(last.loss).toBeLessThan(first.loss / 3);
    expect(trainer.accuracy(data)).toBe(1);
  });
});

describe('options refused before training, naming the option', () => {
  const graph = buildSnnGraph({ name: 'tiny', input: { channels: 1, height: 1, width: 4 }, layers: [{ kind: 'linear', name: 'h', outFeatures: 2 }] });
  const make = (o: Partial<TrainOptions>) => () => new SnnTrainer(graph, { ...DEFAULT_TRAIN_OPTIONS, ...o });

  it('a surrogate slope or initialisation gain <= 0, a fractional or negative sample count, a decay outside [0, 1]', () => {
    // scripts/train.ts passes --slope, --gain and --samples-per-epoch through Number(): -5 reversed every gradient.
    expect(make({ surrogateSlope: -5 })).toThrow('surrogateSlope: got -5, expected a finite number > 0');
    expect(make({ surrogateSlope: 0 })).toThrow('surrogateSlope: got 0, expected a finite number > 0');
    expect(make({ initGain: Number.NaN })).toThrow('initGain: got NaN, expected a finite number > 0');
    expect(make({ samplesPerEpoch: 2.5 })).toThrow('samplesPerEpoch: got 2.5, expected an integer >= 0 (0 = all)');
    expect(make({ samplesPerEpoch: -3 })).toThrow('samplesPerEpoch: got -3, expected an integer >= 0 (0 = all)');
    expect(make({ finalLearningRateFraction: 1.5 })).toThrow('finalLearningRateFraction: got 1.5, expected a number in [0, 1]');
    expect(make({ surrogateSlope: 5, initGain: 2, samplesPerEpoch: 0, finalLearningRateFraction: 0 })).not.toThrow();
  });
});

describe('training with the conductance spread (spreadSigma_levels)', () => {
  const graph = buildSnnGraph({ name: 'wide', input: { channels: 1, height: 1, width: 400 },
    layers: [{ kind: 'linear', name: 'h', outFeatures: 50 }] });
  const sigma = [0.6, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.05, 0.02];

  it('adds sigma[|q|] quantisation steps of Gaussian noise to each 4-bit weight, redrawn on every refresh', () => {
    const trainer = new SnnTrainer(graph, { ...DEFAULT_TRAIN_OPTIONS, weightBits: 4, seed: 5, spreadSigma_levels: sigma });
    const clean = Float32Array.from(trainer.effectiveWeights()[0]);
    let scale = 0;
    for (const v of clean) scale = Math.max(scale, Math.abs(v));
    scale /= 7;
    trainer.refreshEffectiveWeights(true);
    const noisy = Float32Array.from(trainer.effectiveWeights()[0]);
    const sum = new Float64Array(9);
    const sq = new Float64Array(9);
    const count = new Float64Array(9);
    for (let i = 0; i < clean.length; i++) {
      const q = Math.round(clean[i] / scale);
      const r = (noisy[i] - clean[i]) / scale;
      sum[Math.abs(q)] += r;
      sq[Math.abs(q)] += r * r;
      count[Math.abs(q)]++;
    }
    let checked = 0;
    for (let k = 0; k < 9; k++) {
      if (count[k] < 400) continue;
      const sd = Math.sqrt(sq[k] / count[k]);
      expect(Math.abs(sum[k] / count[k])).toBeLessThan((4 * sigma[k]) / Math.sqrt(count[k]));
      expect(Math.abs(sd / sigma[k] - 1)).toBeLessThan(4 / Math.sqrt(2 * count[k]));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    trainer.refreshEffectiveWeights(true);
    expect(Array.from(trainer.effectiveWeights()[0].subarray(0, 50))).not.toEqual(Array.from(noisy.subarray(0, 50)));
    trainer.refreshEffectiveWeights(false);
    expect(trainer.effectiveWeights()[0]).toEqual(clean);
  });

  it('refuses a table that misses a level, a negative sigma, or float weights, naming the option', () => {
    const make = (o: Partial<TrainOptions>) => () => new SnnTrainer(graph, { ...DEFAULT_TRAIN_OPTIONS, weightBits: 4, ...o });
    expect(make({ spreadSigma_levels: sigma.slice(0, 8) })).toThrow('spreadSigma_levels: got 8 values, expected 9 (|q| = 0 .. 8 of 4-bit weights)');
    expect(make({ spreadSigma_levels: [...sigma, ...sigma] })).toThrow('spreadSigma_levels: got 18 values, expected 9 (|q| = 0 .. 8 of 4-bit weights)');
    expect(make({ spreadSigma_levels: [...sigma.slice(0, 8), -1] })).toThrow('spreadSigma_levels[8]: got -1, expected a finite number >= 0');
    expect(make({ weightBits: 0, spreadSigma_levels: sigma })).toThrow('spreadSigma_levels: got a spread with float weights');
  });
});
