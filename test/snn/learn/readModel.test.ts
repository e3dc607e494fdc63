import { describe, expect, it } from 'vitest';
import { generateFrames } from '../../../src/snn/data/datasets.js';
import { learningDevice } from '../../../src/snn/learn/devices.js';
import { TrainerMemory } from '../../../src/snn/learn/kernel.js';
import { createSparseSteps, groupByInput } from '../../../src/snn/learn/neuron.js';
import { type CrossbarReadModel, isIdealRead, readWeights, tiledCurrents } from '../../../src/snn/learn/readModel.js';
import { onChipTrainer } from '../../../src/snn/learn/session.js';
import { type LearningOptions, LearningTrainer } from '../../../src/snn/learn/trainer.js';

/** Sparse input of 4 rows over T = 2 steps: step 0 rows 0, 1, 3 (values 1, 2, 1); step 1 row 2 (value 1). */
function input4() {
  const mem = new TrainerMemory();
  const s = createSparseSteps(2, 4, mem);
  mem.done();
  s.start.set([0, 3, 4]);
  s.index.set([0, 1, 3, 2]);
  s.value.set([1, 2, 1, 1]);
  groupByInput(mem.kernel, s, 2);
  return s;
}

// W: 4 inputs x 2 outputs, row-major.
const W = Float32Array.from([1, -1, 0.5, 2, -3, 1, 1.5, -0.25]);
const clip2: (v: Float64Array, n: number) => void = (v, n) => {
  for (let j = 0; j < n; j++) v[j] = Math.max(-2, Math.min(2, Math.round(v[j])));
};

describe('crossbar read model (tiles, IR factors, converter)', () => {
  it('converts each 2-row tile on its own (hand-computed)', () => {
    const model: CrossbarReadModel = { rows: 2, cols: 2, irFactor: null, convert: clip2, fullScale_levels: 2, raiseCurrent: 'more ADC bits', label: 'test' };
    const X = new Float32Array(4);
    tiledCurrents(model, W, 2, input4(), 2, 2, X, new Float64Array(4), new Uint8Array(2));
    // Step 0: tile 0 = 1*[1,-1] + 2*[0.5,2] = [2, 3] -> x2 levels [4, 6] -> clip [2, 2] -> /2 = [1, 1];
    //         tile 1 = row 3: [1.5, -0.25] -> [3, -0.5] -> [2, -0] -> [1, 0]. X[0] = [2, 1].
    // Step 1: tile 1 = row 2: [-3, 1] -> [-6, 2] -> [-2, 2] -> [-1, 1].
    expect(Array.from(X)).toEqual([2, 1, -1, 1]);
  });

  it('IR factors scale each weight by its cell position (input mod rows, output mod cols)', () => {
    const F = Float32Array.from([1, 0.5, 0.8, 0.25]);
    const model: CrossbarReadModel = { rows: 2, cols: 2, irFactor: F, convert: null, fullScale_levels: Infinity, raiseCurrent: 'more ADC bits', label: 'test' };
    const out = new Float32Array(8);
    readWeights(model, W, 4, 2, out);
    expect(Array.from(out)).toEqual(Array.from(Float32Array.from([1, -0.5, 0.8 * 0.5, 0.25 * 2, -3, 0.5, 0.8 * 1.5, -0.0625])));
  });

  it('without a converter and IR drop the tiled currents are the dot products', () => {
    const model: CrossbarReadModel = { rows: 2, cols: 2, irFactor: null, convert: null, fullScale_levels: Infinity, raiseCurrent: 'more ADC bits', label: 'test' };
    const X = new Float32Array(4);
    tiledCurrents(model, W, 2, input4(), 2, 3, X, new Float64Array(4), new Uint8Array(2));
    expect(Array.from(X)).toEqual([1 + 1 + 1.5, -1 + 4 - 0.25, -3, 1]);
    expect(isIdealRead(model)).toBe(true);
    expect(isIdealRead(undefined)).toBe(true);
    expect(isIdealRead({ ...model, convert: clip2 })).toBe(false);
  });
});

const train = generateFrames('mnist-rate', 'train', 4, 200);
const options: LearningOptions = { algorithm: 'bptt', sizes: [784, 16, 10], timesteps: 4, epochs: 1, batchSize: 20, learningRate: 1e-2,
  finalLearningRateFraction: 0, seed: 3 };

function trainedWeights(read: CrossbarReadModel | undefined): Float32Array[] {
  const { trainer } = onChipTrainer(options, { device: learningDevice('epiram'), weightRange: 4, feedbackRange: 3, seed: 3 }, read);
  trainer.trainEpoch(train, 0);
  return trainer.net.weights;
}

describe('on-chip training through a read model', () => {
  it('an ideal read (no IR drop, no converter) trains bit-identically to training without one', () => {
    const without = trainedWeights(undefined);
    const ideal = trainedWeights({ rows: 64, cols: 64, irFactor: null, convert: null, fullScale_levels: Infinity, raiseCurrent: 'more ADC bits', label: 'ideal' });
    ideal.forEach((w, l) => expect(Buffer.from(w.buffer, w.byteOffset, w.byteLength).equals(Buffer.from(without[l].buffer, without[l].byteOffset, without[l].byteLength))).toBe(true));
  });

  it('the tiled path with unit IR factors and an identity converter trains (almost) as the float path', () => {
    const without = trainedWeights(undefined);
    const tiled = trainedWeights({ rows: 64, cols: 64, irFactor: new Float32Array(64 * 64).fill(1), convert: () => undefined, fullScale_levels: Infinity, raiseCurrent: 'more ADC bits', label: 'unit' });
    let maxDiff = 0;
    let maxAbs = 0;
    tiled.forEach((w, l) => w.forEach((v, i) => {
      maxDiff = Math.max(maxDiff, Math.abs(v - without[l][i]));
      maxAbs = Math.max(maxAbs, Math.abs(without[l][i]));
    }));
    // Float32 vs float64 partial sums round differently; a flipped spike would move weights by whole pulses.
    expect(maxDiff).toBeLessThan(1e-3 * maxAbs);
  });

  it('refuses a read model without a device', () => {
    expect(() => new LearningTrainer(options, undefined, { rows: 64, cols: 64, irFactor: null, convert: clip2, fullScale_levels: 2, raiseCurrent: 'more ADC bits', label: 'x' })).toThrow(/on-chip/);
  });

  it('refuses a converter whose full scale keeps a layer below threshold (it could never spike)', () => {
    // epiram: 64 states; layer 1: w_max = 4 / 28, 220.5 levels per weight, 13 tiles of 64 rows: 13 x 15 / 220.5 = 0.88 < 1.
    const model = (fullScale: number): CrossbarReadModel => ({ rows: 64, cols: 64, irFactor: null, convert: clip2, fullScale_levels: fullScale, raiseCurrent: 'more ADC bits', label: 'x' });
    expect(() => trainedWeights(model(15))).toThrow(/layer 1 .*V_th = 1/);
    // 20 levels: layer 1 reaches 13 x 20 / 220.5 = 1.18 (a membrane of 1.11 in T = 4 steps), the output layer (16
    // inputs: 1 tile, 31.5 levels per weight) only 0.635 (0.595).
    expect(() => trainedWeights(model(20))).toThrow(/current of 0\.635 for layer 2 .*at most 0\.595 in 4 steps/);
    expect(() => trainedWeights(model(45))).not.toThrow();
    // The advice is the read model's own (a sense amplifier's differs from a converter's).
    expect(() => trainedWeights({ ...model(15), raiseCurrent: 'what raises it' })).toThrow(/\(the layer could never spike\): what raises it$/);
  });

  it('refuses a current that reaches V_th but not the membrane: H rises to top (1 - 2^-T), below 1 for top < 1/(1 - 2^-T)', () => {
    // 17 levels: layer 1's largest current is 13 x 17 / 220.5 = 1.0023 >= V_th, but from V = 0 at 4 steps of tau = 2
    // the membrane reaches 1.0023 x (1 - 1/16) = 0.940: the layer could never spike (the old check passed it).
    const model: CrossbarReadModel = { rows: 64, cols: 64, irFactor: null, convert: clip2, fullScale_levels: 17, raiseCurrent: 'more ADC bits', label: 'x' };
    expect(() => trainedWeights(model)).toThrow(/current of 1\.00 for layer 1 .*at most 0\.940 in 4 steps, expected at least V_th = 1/);
  });
});
