import { describe, expect, it } from 'vitest';
import { adcLessFraction, binarizedForward, type AdcLessTraining } from '../../src/snn/adcless.js';
import { buildSnnGraph } from '../../src/snn/graph.js';
import { DEFAULT_TRAIN_OPTIONS, SnnTrainer, type TrainData } from '../../src/snn/train.js';
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
