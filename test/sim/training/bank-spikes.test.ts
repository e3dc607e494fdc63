/**
 * The stored input spikes' way from the state buffer to the gradient banks (docs/training-cost.md §3, "The stored spikes
 * to the gradient banks"; since 2026-12-07): Σ_t ε_l[t] s_{l−1}[t]ᵀ is formed in banks beside the crossbars from the
 * spikes the state buffer kept, which leave the global unit on its outgoing channel to the tiles holding the rows they
 * drive, as the forward's inputs did: ⌈rootCopies(inputTiles)·timestep input bits / nocWidth⌉ clocks per timestep,
 * double-buffered with the bank work, behind the layer's errors on the one channel. Priced since 2026-12-05; until
 * 2026-12-07 not timed.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { evaluate } from '../../../src/sim/evaluate.js';
import { sampleTiming, trainingView, type TrainLayer } from '../../../src/sim/training/index.js';
import { backwardClocks, bankErrorClocks, bankSpikeClocks, outputError_ns, projection_ns, sharedDelivery_ns, unitTimes } from '../../../src/sim/training/pipeline.js';

describe('the stored spikes to the gradient banks, by hand', () => {
  // Two layers: 300 dense input spikes -> 100 -> 10, 8-bit errors, 32-bit link, 4 ns clock, T = 4, B in SRAM, one tile each.
  const net = zooNetwork('nmnist-fc3');
  const c = applyOverrides(defaultConfig(), { 'snn.timesteps': 4, 'training.feedbackStorage': 'sram' });
  const real = trainingView(net, c).layers[0];
  const layers: TrainLayer[] = [[300, 100], [100, 10]].map(([inputNeurons, outputNeurons], ordinal) => ({
    ...real, ordinal, inputNeurons, outputNeurons, stage_ns: 100, readTime_ns: 10, activity: 0.25, accumulatorBits: 1, hops: 0,
    replicas: 1, tileGroups: 1, constantInput: false,
    m: { ...real.m, rows: 64, outputs: 64, crossbarSize: 64, slices: 1, positions: 1, columnBlocks: 1, tiles: 1, inputTiles: 1, inputCycles: 1 },
  }));

  it('D_s = ceil(300 / 32) = 10 and ceil(100 / 32) = 4 clocks per timestep, whatever the algorithm', () => {
    expect(layers.map((l) => bankSpikeClocks(l, c))).toEqual([10, 4]);
    // Errors ceil(100·8 / 32) = 25 and ceil(10·8 / 32) = 3 clocks; BPTT's second layer's come for its transposed read.
    expect(layers.map((l) => backwardClocks(l, c, 'sdfa'))).toEqual([25 + 10, 3 + 4]);
    expect(layers.map((l) => backwardClocks(l, c, 'bptt'))).toEqual([25 + 10, 3 + 4]);
    expect(layers.map((l) => bankErrorClocks(l, c, 'bptt'))).toEqual([25, 0]);
    expect(unitTimes(layers[0], c, 'sdfa').delivery).toBe(140);
    // Unicast: a copy per receiving tile, 3 tiles: ceil(900 / 32) = 29 clocks.
    const unicast = applyOverrides(c, { 'arch.nocMulticast': 'unicast' });
    expect(bankSpikeClocks({ ...layers[0], m: { ...layers[0].m, inputTiles: 3 } }, unicast)).toBe(29);
    // A constant input (the direct-coded image, 8 bit-planes) is sent once per sample, spread over T: ceil(2400 / 32) / 4.
    expect(bankSpikeClocks({ ...layers[0], constantInput: true, m: { ...layers[0].m, inputCycles: 8 } }, c)).toBe(75 / 4);
  });

  it('SDFA local update: T·max(max β\', Σ τ_d) = 4·(35 + 7)·4 = 672 ns (4·(25 + 3)·4 = 448 ns before 2026-12-07)', () => {
    // max(τ_w, τ_e) = max(ceil(64·0.25)·4, 2·ceil(100/64)·4) = 64 ns per timestep, below the channel's 168 ns.
    const t = sampleTiming(layers, c, 'sdfa', 1000);
    expect(t.sample_ns - 1000 - outputError_ns(layers, c) - projection_ns(layers, c)).toBeCloseTo(672, 9);
  });

  it('the pipelined interval\'s outgoing channel: T·Σ_l (forward inputs + errors + stored spikes) = 4·(10 + 4 + 35 + 7)·4 = 896 ns', () => {
    const p = applyOverrides(c, { 'arch.dataflow': 'pipelined' });
    expect(sharedDelivery_ns(layers, p, 'sdfa')).toBe(896);
  });
});

describe('nmnist-fc3, T = 10 (B in RRAM, layer dataflow)', () => {
  const net = zooNetwork('nmnist-fc3');
  const c = applyOverrides(defaultConfig(), { 'snn.timesteps': 10, 'training.algorithm': 'sdfa' });
  const layers = trainingView(net, c).layers;
  const forward = evaluate(net, c).latency_ns;

  it('the stored spikes take the forward\'s 73 + 32 + 32 = 137 clocks per timestep: SDFA\'s sample 81,512.03 -> 86,992.03 ns (+10·137·4 = 5,480 ns)', () => {
    expect(layers.map((l) => bankSpikeClocks(l, c))).toEqual([73, 32, 32]);
    expect(sampleTiming(layers, c, 'sdfa', forward).sample_ns).toBeCloseTo(86_992.03, 1);
  });

  it('BPTT: fc1\'s β is (250 + 73)·4 = 1,292 ns per timestep (1,000 before); the sample 510,284.38 -> 513,204.38 ns', () => {
    const u = unitTimes(layers[0], c, 'bptt');
    expect(u.delivery).toBe(1292);
    expect(sampleTiming(layers, c, 'bptt', forward).sample_ns).toBeCloseTo(513_204.38, 1);
  });
});
