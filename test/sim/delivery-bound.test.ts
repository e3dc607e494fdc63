/**
 * The input delivery bound (docs/simulator.md, "The input delivery bound"; since 2026-12-07): a layer's inputs leave the
 * global unit on the NoC link's outgoing channel, D = ceil(rootCopies · bits / nocWidth) clocks per timestep, double-
 * buffered against the layer's own work W per timestep, so the layer takes T·max(W, D·clk): T·max(0, D·clk − W) more.
 * Until then the channel cost energy but no time: AER latency was flat in the spike rate and unicast as fast as a tree
 * (QA physics defect 1). 6 of these 9 tests fail on the code before; the other 3 pin what must not move.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { evaluateTotals } from '../../src/sim/ela/index.js';

// A linear layer from 1024 event inputs to 8 outputs (one position, one tile), T = 2, 250 MHz (4 ns clocks). On the
// 128-bit link its own timestep is 66.0011 ns: one read of 50.00113 ns (2.00113 sensing + 48 of conversions), its drain
// 2 clocks, the LIF write 2 clocks (dense inputs: ceil(1024 / 128) = 8 clocks = 32 ns, under it).
const fc = resolveNetwork({
  name: 'delivery', inputCoding: 'events', input: { channels: 1024, height: 1, width: 1 },
  layers: [{ kind: 'linear', name: 'fc', outFeatures: 8 }],
});
const fcAt = (more: Record<string, string | number>) => evaluate(fc, applyOverrides(defaultConfig(), { 'snn.timesteps': 2, 'arch.nocWidth_bits': 128, ...more }));
const W = 50.00113 + 2 * 4 + 2 * 4;

describe('the added time is exactly T·max(0, D·clk − W): the 1024 -> 8 layer by hand', () => {
  it('dense on the 128-bit link: 8 clocks = 32 ns < W, the latency is 2·W', () => {
    expect(fcAt({}).latency_ns).toBeCloseTo(2 * W, 4);
  });
  it('AER, (1024·rate + 1) events of log2(1024) = 10 bits: rate 0.1 ceil(1034/128) = 9 clocks = 36 ns < W; 0.5 ceil(5130/128) = 41 clocks = 164 ns; 1 ceil(10,250/128) = 81 clocks = 324 ns', () => {
    const [low, half, full] = [0.1, 0.5, 1].map((r) => fcAt({ 'arch.spikeEncoding': 'aer', 'snn.spikeRate': r }));
    expect(low.latency_ns).toBeCloseTo(2 * W, 4);
    expect(half.latency_ns).toBe(2 * 164);
    expect(full.latency_ns).toBe(2 * 324);
    // The wait is NoC time: the drain's 2·8 ns plus 2·(164 − W); the reads and the LIF do not move.
    expect(half.layers[0].breakdown.latency_ns.noc).toBeCloseTo(16 + 2 * (164 - W), 4);
    expect(half.breakdown.latency_ns.adc).toBe(low.breakdown.latency_ns.adc);
  });
  it('dense on an 8-bit link: 1024 / 8 = 128 clocks = 512 ns per timestep, 2·512', () => {
    expect(fcAt({ 'arch.nocWidth_bits': 8 }).latency_ns).toBe(2 * 512);
  });
  it('exactly linear in T (the first timestep\'s delivery overlaps the layer before): T = 2, 4, 8 at rate 1 -> T·324', () => {
    for (const T of [2, 4, 8]) expect(fcAt({ 'arch.spikeEncoding': 'aer', 'snn.spikeRate': 1, 'snn.timesteps': T }).latency_ns).toBe(T * 324);
  });
});

describe('the trends the defect hid', () => {
  const nmnist = (more: Record<string, string | number>) => evaluate(zooNetwork('nmnist-fc2'), applyOverrides(defaultConfig(), more));

  it('AER latency rises with the spike rate where delivery binds: nmnist-fc2 16,768 / 18,768 / 21,264 ns at rates 0.1 / 0.5 / 1 (16,624 at every rate before)', () => {
    // fc2: (1000·rate + 1) events of ceil(log2 1000) = 10 bits on the 32-bit link: 1010 bits 32 clocks = 128 ns, 5010 bits
    // 157 clocks = 628 ns, 10,010 bits 313 clocks = 1252 ns, each over its own 92 ns; fc1 (2312 inputs, 12-bit
    // addresses: at most 2313·12 = 27,756 bits, 868 clocks = 3472 ns) stays under its 4064.0011 ns. T = 4: 16,256.0045 + 4·D.
    const latency = [0.1, 0.5, 1].map((r) => nmnist({ 'arch.spikeEncoding': 'aer', 'snn.spikeRate': r }).latency_ns);
    expect(latency).toEqual([16_256 + 4 * 128, 16_256 + 4 * 628, 16_256 + 4 * 1252].map((ns) => expect.closeTo(ns + 0.0045, 4)));
  });
  it('unicast slower than a tree where delivery binds: nmnist-fc2 37,504 against 16,768 ns (16,624 both before)', () => {
    // fc1 unicast: a copy of its 2312 inputs for each of its 32 input tiles, ceil(32·2312 / 32) = 2312 clocks = 9248 ns
    // per timestep; by tree ceil(2312 / 32) = 73 clocks, under its 4064 ns. fc2: one tile, 1000 bits, 32 clocks = 128 ns.
    expect(nmnist({ 'arch.nocMulticast': 'unicast' }).latency_ns).toBe(4 * 9248 + 4 * 128);
    expect(nmnist({}).latency_ns).toBeCloseTo(16_256.0045 + 4 * 128, 4);
  });
  it('pipelined, the outgoing channel is shared: nmnist-fc3 unicast 4·(9248 + 2000 + 128) = 45,504 ns', () => {
    // fc2's 1000 inputs to its 16 tiles: 500 clocks = 2000 ns; every stage is its delivery, and their sum S_out paces
    // the pipeline: max(Σ τ, S_out) + 3·max(max τ, S_out) = 4·S_out (the link in carries 5,700 ns, less).
    const e = evaluate(zooNetwork('nmnist-fc3'), applyOverrides(defaultConfig(), { 'arch.nocMulticast': 'unicast', 'arch.dataflow': 'pipelined' }));
    expect(e.latency_ns).toBeCloseTo(4 * (9248 + 2000 + 128), 6);
  });
  it('no change where the reads dominate: VGG16 and ResNet-19 at the defaults, 4,112,493.117 and 19,033,773 ns as before', () => {
    expect(evaluate(zooNetwork('vgg16-cifar10'), defaultConfig()).latency_ns).toBeCloseTo(4_112_493.117, 2);
    expect(evaluateTotals(zooNetwork('resnet19-cifar10'), defaultConfig()).latency_ns).toBeCloseTo(19_033_773, -1);
  });
  it('evaluate and evaluateTotals agree bit for bit where it binds (twins, copies, pipelined)', () => {
    for (const more of [{ 'arch.spikeEncoding': 'aer', 'snn.spikeRate': 1 }, { 'arch.nocMulticast': 'unicast', 'arch.balance': 'on' }, { 'arch.nocMulticast': 'unicast', 'arch.dataflow': 'pipelined' }]) {
      for (const name of ['vgg16-cifar10', 'nmnist-fc3']) {
        const c = applyOverrides(defaultConfig(), more);
        const { layers: _layers, ...totals } = evaluate(zooNetwork(name), c);
        expect(evaluateTotals(zooNetwork(name), c)).toEqual(totals);
      }
    }
  });
});
