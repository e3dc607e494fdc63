/**
 * The training QA pass of 2026-12-06 (docs/training-cost.md, paragraphs dated 2026-12-06): B in RRAM priced as the
 * arrays it is, the training SRAMs priced as the buffers (and noted outside CACTI's table), the write time over the
 * cells of the weights' sign arrays, a note when an update is at least its cell's whole window, and an epoch of the
 * network's own training set. Each test failed on the code before.
 */
import { describe, expect, it } from 'vitest';
import { sramCost } from '../../../src/hardware/components/sram.js';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { resolveNetwork } from '../../../src/model/resolve.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { evaluate } from '../../../src/sim/evaluate.js';
import { modelAssumptionNotes } from '../../../src/sim/modelNotes.js';
import { feedbackArea_mm2, feedbackMapping, feedbackShape } from '../../../src/sim/training/feedback/index.js';
import { expectedRowMaxSet, openLoopPulses, trainingCost, trainingView } from '../../../src/sim/training/index.js';
import { normalTail } from '../../../src/sim/training/pulses.js';
import { refusal } from '../../helpers/refusal.js';

const cfg = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', ...o });
const vgg = zooNetwork('vgg16-cifar10');
const mlp = zooNetwork('mlp-mnist');
const fc3 = zooNetwork('nmnist-fc3');
const PIPELINED_T10 = { 'arch.dataflow': 'pipelined', 'snn.timesteps': 10 };

describe("SDFA's B in RRAM: its arrays with the periphery their reads need, not the first layer's area per crossbar", () => {
  it('VGG16: B (10 x 65,536 on differential pairs, 4,096 crossbars) costs what the inference charges a 10 -> 65,536 linear layer', () => {
    const c = cfg({});
    const layers = trainingView(vgg, c).layers;
    const fb = feedbackMapping(layers, c);
    expect([feedbackShape(layers).classes, feedbackShape(layers).nMax, fb.crossbars, fb.pes, fb.tiles]).toEqual([10, 65_536, 4096, 512, 64]);
    // The same layer evaluated by the inference engine on its own (event input: B's e is not a direct-coded image).
    const alone = resolveNetwork({ name: 'b-alone', input: { channels: 10, height: 1, width: 1 }, inputCoding: 'events', layers: [{ kind: 'linear', name: 'b', outFeatures: 65_536 }] });
    expect(feedbackArea_mm2(vgg, layers, c)).toBeCloseTo(evaluate(alone, c).layers[0].area_mm2, 9);
    // 65.63 mm², 0.0160 mm² per crossbar (conv13, a full layer: 0.0176); before, 4,096 x conv1's 0.2446 / 4 = 250.49 mm².
    expect(feedbackArea_mm2(vgg, layers, c)).toBeCloseTo(65.6266, 3);
    const rram = trainingCost(vgg, c).trainArea_mm2;
    const prng = trainingCost(vgg, cfg({ 'training.feedbackStorage': 'prng' })).trainArea_mm2;
    expect(rram - prng).toBeLessThan(66);
    // SDFA's added area is now about BPTT's (its row-side converters), not 1.6x it: 311.4 vs 310.5 mm² (496.3 before).
    const bptt = trainingCost(vgg, cfg({ 'training.algorithm': 'bptt' })).trainArea_mm2;
    expect(rram / bptt).toBeGreaterThan(0.95);
    expect(rram / bptt).toBeLessThan(1.05);
  });
});

describe('training SRAMs priced as the buffers (sramCost: extrapolated above 64 KB), and noted outside CACTI\'s table', () => {
  it('the state buffer: stateBits x (write + read) at sramCost of its size; nmnist-fc3 pipelined, T = 10: 89.1 KB, x1.17', () => {
    const c = cfg(PIPELINED_T10);
    const t = trainingCost(fc3, c);
    const kb = t.stateBuffer_bits / 8192;
    expect(kb).toBeCloseTo(89.067, 3);
    const sram = sramCost(kb);
    expect(t.breakdown_pJ.stateBuffer).toBeCloseTo(t.stateBitsPerSample * (sram.write_pJ_per_bit + sram.read_pJ_per_bit), 6);
    expect(modelAssumptionNotes(fc3, c, t)).toContain(
      "the training state buffer (89.1 KB) is above CACTI's 1-64 KB table: its energy per bit is extrapolated as (size / 64 KB)^0.464 (x1.17, Horowitz's cache energies), "
      + "its area per bit held at 64 KB's (docs/training-cost.md §2)");
  });

  it('VGG16 SDFA: a 2.29 MB state buffer, 5.27x the held per-bit energy (1.61e7 -> 8.49e7 pJ per sample)', () => {
    const t = trainingCost(vgg, cfg({}));
    const kb = t.stateBuffer_bits / 8192;
    expect(kb).toBeCloseTo(2291.0, 0);
    expect(t.breakdown_pJ.stateBuffer / 1e7).toBeCloseTo(8.490, 2);
  });

  it('B in SRAM (640 KB) and gradient banks of 128 KB (crossbar.size = 256) and 0.5 KB (16) get their notes; 8 KB banks none', () => {
    const sram = cfg({ 'training.feedbackStorage': 'sram' });
    const notes = modelAssumptionNotes(vgg, sram, trainingCost(vgg, sram));
    expect(notes.some((n) => n.startsWith("SDFA's B in SRAM (training.feedbackStorage=sram) (640 KB) is above CACTI's 1-64 KB table"))).toBe(true);
    const big = cfg({ 'crossbar.size': 256 });
    expect(modelAssumptionNotes(mlp, big, trainingCost(mlp, big))).toContain(
      "a gradient bank of every weight layer (X x X accumulators of training.gradientBits = 16) (128 KB) is above CACTI's 1-64 KB table: its energy per bit is "
      + "extrapolated as (size / 64 KB)^0.464 (x1.38, Horowitz's cache energies), its area per bit held at 64 KB's (docs/training-cost.md §2)");
    const small = cfg({ 'crossbar.size': 16 });
    expect(modelAssumptionNotes(mlp, small, trainingCost(mlp, small))).toContain(
      "a gradient bank of every weight layer (X x X accumulators of training.gradientBits = 16) (0.500 KB) is below CACTI's 1-64 KB table: priced per bit as a 1 KB array, "
      + 'an upper bound (docs/training-cost.md §2)');
    const plain = cfg({});
    expect(modelAssumptionNotes(mlp, plain, trainingCost(mlp, plain)).filter((n) => n.includes('gradient bank') || n.includes('state buffer'))).toEqual([]);
  });
});

describe("the write time: a row's cells in the weights' sign arrays", () => {
  /** Σ_k [1 − (1 − P(n > k)/(2·arrays))^K], P(n > k) = 2Q((k + ½)/s) for open loop (round(|x|)), by hand. */
  function rowMax(s: number, K: number, arrays: number): number {
    let sum = 0;
    for (let k = 0; k < 128; k++) sum += 1 - (1 - (2 * normalTail((k + 0.5) / s)) / (2 * arrays)) ** K;
    return sum;
  }

  it('mlp-mnist, RRAM, s = 128/15 write steps, 32 weights per row: 14.99 slots (17.66 with every weight in both arrays, 15.07 for exactly 16 per array)', () => {
    const s = 128 / 15;
    const d = openLoopPulses(s, 128);
    expect(rowMax(s, 32, 1)).toBeCloseTo(17.6612, 3);
    expect(rowMax(s, 16, 1)).toBeCloseTo(15.0698, 3);
    expect(rowMax(s, 32, 2)).toBeCloseTo(14.9930, 3);
    expect(expectedRowMaxSet(d, 32, 2)).toBeCloseTo(rowMax(s, 32, 2), 6);
    // 64 rows x 14.993 slots x (50 + 50) ns: 95,955 ns per batch (113,031 before).
    expect(trainingCost(mlp, cfg({})).timing.write_ns).toBeCloseTo(64 * rowMax(s, 32, 2) * 100, 0);
    expect(trainingCost(mlp, cfg({})).timing.write_ns).toBeCloseTo(95_955, 0);
  });

  it('one array per weight (offset-diff): every weight of a row is written in it, P(n > k)/2', () => {
    const c = cfg({ 'crossbar.signedMapping': 'offset-diff' });
    const layers = trainingView(mlp, c).layers;
    expect(layers[0].m.arrays).toBe(1);
    const K = Math.min(layers[0].m.outputs, Math.floor(layers[0].m.weightColumnsPerCrossbar / layers[0].m.slices));
    expect(trainingCost(mlp, c).timing.write_ns).toBeCloseTo(64 * rowMax(128 / 15, K, 1) * 100, 0);
  });
});

describe('an update at least the whole window of its cells is noted (saturates the least significant cell; carries not modelled)', () => {
  const note = (o: Record<string, unknown>) => {
    const c = cfg(o);
    return modelAssumptionNotes(mlp, c, trainingCost(mlp, c)).find((n) => n.startsWith('training.updateSigma_lsb='));
  };

  it('σ = 16 LSB on 4-bit RRAM cells is 136.5 write steps of 128: 2Q(127.5/136.5) = 35.0% of updates at the cap', () => {
    const s = (16 * 128) / 15;
    expect(2 * normalTail(127.5 / s)).toBeCloseTo(0.35039, 5);
    expect(note({ 'training.updateSigma_lsb': 16 })).toBe(
      'training.updateSigma_lsb=16 weight LSBs is at least the whole window, device.pulseLevels=128 write steps, of the cells of layers fc1, fc2 '
      + '(4-bit cells from device.bitsPerCell: 128 / (2^4 - 1) write steps per LSB, so σ is 136.5 write steps; 35.0% of updates at the cap of 128 pulses): '
      + 'such an update saturates the least significant cell (its pulses capped at the window) and the rest would carry into higher slices, which is not modelled, '
      + 'so the pulses per update, write time, update energy and writes per cell are lower bounds (docs/training-cost.md §4)');
  });

  it('1-bit cells: one LSB is the whole window (128 steps), 2Q(127.5/128) = 31.9% at the cap; none at the defaults, just below (σ = 14.9) or without training', () => {
    expect(2 * normalTail(127.5 / 128)).toBeCloseTo(0.3192, 4);
    expect(note({ 'device.bitsPerCell': 1 })).toContain('(1-bit cells from device.bitsPerCell: 128 / (2^1 - 1) write steps per LSB, so σ is 128.0 write steps; 31.9% of updates');
    expect(note({})).toBeUndefined();
    expect(note({ 'training.updateSigma_lsb': 14.9 })).toBeUndefined();
    expect(note({ 'training.updateSigma_lsb': 15 })).toBeDefined();
    expect(modelAssumptionNotes(mlp, applyOverrides(defaultConfig(), { 'training.updateSigma_lsb': 16 })).some((n) => n.startsWith('training.updateSigma_lsb'))).toBe(false);
  });

  it('per layer: only the layer whose cells are 1 bit', () => {
    expect(note({ 'layers.fc2.device.bitsPerCell': 1 })).toContain('of the cells of layer fc2 (1-bit cells from layers.fc2.device.bitsPerCell:');
  });
});

describe("training.datasetSize: 0 (the default) is the network's own training set; a given value is kept", () => {
  it('VGG16 on CIFAR-10: 50,000 samples, 391 updates; MNIST and N-MNIST 60,000; 60,000 given stays 60,000', () => {
    expect(defaultConfig().training.datasetSize).toBe(0);
    const v = trainingCost(vgg, cfg({}));
    expect([v.datasetSize, v.updatesPerEpoch]).toEqual([50_000, 391]);
    const given = trainingCost(vgg, cfg({ 'training.datasetSize': 60_000 }));
    expect([given.datasetSize, given.updatesPerEpoch]).toEqual([60_000, 469]);
    // 390 full batches and one of 80 against 468 and one of 96: the epoch is 50,000 / 60,000 of it, to the last batch.
    expect(v.energy_J_per_epoch / given.energy_J_per_epoch).toBeCloseTo(50_000 / 60_000, 4);
    expect(trainingCost(mlp, cfg({})).datasetSize).toBe(60_000);
    expect(trainingCost(fc3, cfg({})).datasetSize).toBe(60_000);
    expect(trainingCost(zooNetwork('resnet19-cifar10'), cfg({})).datasetSize).toBe(50_000);
  });

  it('a network that states no training set is refused at 0, in one line naming the field', () => {
    const caltech = zooNetwork('vgg16-caltech101');
    expect(refusal(() => trainingCost(caltech, cfg({}))))
      .toBe("training.datasetSize: got 0 (the network's own training set), expected a number of samples: network vgg16-caltech101 states no trainingSamples (--set training.datasetSize=N)");
    expect(trainingCost(caltech, cfg({ 'training.datasetSize': 3030, 'training.batchSize': 32 })).datasetSize).toBe(3030);
    expect(refusal(() => resolveNetwork({ name: 'x', input: { channels: 1, height: 1, width: 1 }, trainingSamples: 0.5, layers: [{ kind: 'linear', name: 'a', outFeatures: 2 }] })))
      .toBe('network "x": trainingSamples: got 0.5, expected a positive integer (the samples of its dataset\'s training split)');
  });
});
