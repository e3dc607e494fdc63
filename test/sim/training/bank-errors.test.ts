/**
 * The errors' way from the local-error lanes to the gradient banks (docs/training-cost.md §3, "The errors to the gradient
 * banks"; since 2026-12-07): where no transposed read brought them (SDFA: every layer; BPTT: the first), a layer's
 * N_out·errorBits bits per timestep leave the global unit on its outgoing channel to the tiles of each output's column
 * block, ⌈rootCopies·bits / nocWidth⌉ clocks, as every delivery out of it; until 2026-12-07 priced (§2) but not timed.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { evaluate } from '../../../src/sim/evaluate.js';
import { sampleTiming, trainingView, type TrainLayer } from '../../../src/sim/training/index.js';
import { bankErrorClocks, outputError_ns, projection_ns, unitTimes } from '../../../src/sim/training/pipeline.js';

const net = zooNetwork('nmnist-fc3');

describe('the errors to the gradient banks, by hand', () => {
  // Three layers of 1000, 1000 and 10 outputs, one column block's tile each, 8-bit errors, 32-bit link, 4 ns, T = 4, B in SRAM.
  const c = applyOverrides(defaultConfig(), { 'snn.timesteps': 4, 'training.feedbackStorage': 'sram' });
  const real = trainingView(net, c).layers[0];
  const layers: TrainLayer[] = [1000, 1000, 10].map((outputNeurons, ordinal) => ({
    ...real, ordinal, outputNeurons, stage_ns: 100, readTime_ns: 10, activity: 0.25, inputNeurons: 64, accumulatorBits: 1, hops: 0,
    replicas: 1, tileGroups: 1, constantInput: false,
    m: { ...real.m, rows: 64, outputs: 64, crossbarSize: 64, slices: 1, positions: 1, columnBlocks: 1, tiles: 1, inputCycles: 1 },
  }));

  it('D_d = ceil(1000·8 / 32) = 250 clocks per timestep (1000 ns), ceil(10·8 / 32) = 3; BPTT only for its first layer', () => {
    expect(layers.map((l) => bankErrorClocks(l, c, 'sdfa'))).toEqual([250, 250, 3]);
    expect(layers.map((l) => bankErrorClocks(l, c, 'bptt'))).toEqual([250, 0, 0]);
    // With its stored input spikes (64 dense bits, 2 clocks; bank-spikes.test.ts) the layer's τ_d is 252 clocks.
    expect(unitTimes(layers[0], c, 'sdfa').delivery).toBe(1008);
    // Unicast sends a copy per receiving tile: 2 tiles, 16,000 bits, 500 clocks.
    const unicast = applyOverrides(c, { 'arch.nocMulticast': 'unicast' });
    expect(bankErrorClocks({ ...layers[0], tileGroups: 2 }, unicast, 'sdfa')).toBe(500);
    // A constant input's bank gets the N_out sums over t once per sample, 8 + ceil(log2 4) = 10 bits: ceil(10,000 / 32) = 313
    // clocks, spread over its 4 timesteps.
    expect(bankErrorClocks({ ...layers[0], constantInput: true }, c, 'sdfa')).toBe(313 / 4);
  });

  it('SDFA: every layer updates at once on the one channel: local = T·max(max β\', Σ τ_d) = 4·(250 + 250 + 3 + 3·2)·4 = 8,144 ns', () => {
    // max(τ_w, τ_e) = max(ceil(64·0.25)·4, 2·ceil(1000/64)·4) = 128 ns per timestep: 512 ns until 2026-12-07; the
    // errors alone (8,048 ns) until the stored spikes were timed, 2026-12-07.
    const t = sampleTiming(layers, c, 'sdfa', 1000);
    expect(t.sample_ns - 1000 - outputError_ns(layers, c) - projection_ns(layers, c)).toBeCloseTo(8144, 9);
  });

  it('BPTT, layer dataflow: the first layer\'s β is its errors\' and stored spikes\' (250 + 2)·4 = 1,008 ns', () => {
    const bptt = unitTimes(layers[0], c, 'bptt');
    expect(Math.max(bptt.transposed, bptt.gradient, bptt.local, bptt.delivery)).toBe(1008);
    // Layer 2's errors come for its transposed read (250 clocks), its spikes for its banks (2): 1,008 ns on the channel.
    expect(unitTimes(layers[1], c, 'bptt').delivery).toBe(1008);
  });
});

describe('nmnist-fc3, T = 10, SDFA (B in RRAM, layer dataflow)', () => {
  it('the local update is 10·(250 + 250 + 3 + 73 + 32 + 32)·4 = 25,600 ns per sample (20,120 ns without the stored spikes until 2026-12-07; 10·128 = 1,280 ns until 2026-12-07)', () => {
    const c = applyOverrides(defaultConfig(), { 'snn.timesteps': 10, 'training.algorithm': 'sdfa' });
    const layers = trainingView(net, c).layers;
    expect(layers.map((l) => bankErrorClocks(l, c, 'sdfa'))).toEqual([250, 250, 3]);
    const forward = evaluate(net, c).latency_ns;
    const t = sampleTiming(layers, c, 'sdfa', forward);
    expect(t.sample_ns - forward - outputError_ns(layers, c) - projection_ns(layers, c)).toBeCloseTo(25_600, 6);
  });
});
