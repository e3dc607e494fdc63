import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { evaluate, pipelineLatency_ns } from '../../../src/sim/evaluate.js';
import { sampleTiming, trainingView, type TrainLayer } from '../../../src/sim/training/index.js';
import { projection_ns, sharedDelivery_ns } from '../../../src/sim/training/pipeline.js';
import { deliveryClocks } from '../../../src/sim/ela/timing.js';

const net = zooNetwork('nmnist-fc3');
const config = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), { 'snn.timesteps': 10, ...o });

describe('pipelined dataflow', () => {
  it('stages [3, 5, 2] ns over T = 4: fill 10 + 3 x the slowest 5 = 25 ns; T = 1 is the plain sum', () => {
    expect(pipelineLatency_ns([3, 5, 2], 4)).toBe(25);
    expect(pipelineLatency_ns([3, 5, 2], 1)).toBe(10);
  });

  it('a 3-layer MLP: pipelined latency = max(Σ τ_l, S) + (T-1)·max(max τ_l, S), τ_l = l_i/T, S the shared link; same energy', () => {
    const layer = evaluate(net, config({}));
    const piped = evaluate(net, config({ 'arch.dataflow': 'pipelined' }));
    const stage = layer.layers.map((l) => l.latency_ns / 10);
    // Every position's sums through the one link per timestep, 4 ns clocks (test/sim/pipeline-link.test.ts).
    const link = 4 * (1002 + 411 + 9);
    const expected = Math.max(stage.reduce((a, b) => a + b, 0), link) + 9 * Math.max(...stage, link);
    expect(piped.latency_ns).toBeCloseTo(expected, 6);
    expect(piped.latency_ns).toBeLessThan(layer.latency_ns);
    expect(piped.breakdown.energy_pJ.crossbar).toBe(layer.breakdown.energy_pJ.crossbar);
    expect(piped.area_mm2).toBe(layer.area_mm2);
  });

  it('replicating fc1 twice doubles its area but stops at its link floor; balancing decides on max(latency / c, floor)', () => {
    const base = evaluate(net, config({}));
    const twice = evaluate(net, config({ 'layers.fc1.arch.replicate': 2 }));
    // fc1's copy takes the chip from 54 to 91 tiles, 4 to 5 hops: every layer's NoC drain gains T = 10 clocks of 4 ns.
    // fc1 (one position, s = 998 clocks per timestep on the link) cannot halve: 10·998·4 ns (timing.ts linkFloor_ns).
    expect(twice.tiles).toBe(91);
    expect(twice.layers[0].latency_ns).toBeCloseTo(10 * 998 * 4, 9);
    expect(twice.layers[0].latency_ns).toBeGreaterThan((base.layers[0].latency_ns + 40) / 2);
    expect(twice.layers[0].area_mm2).toBeCloseTo(2 * base.layers[0].area_mm2, 9);
    expect(twice.layers[1].latency_ns).toBeCloseTo(base.layers[1].latency_ns + 40, 9);
    expect(twice.crossbars).toBe(base.crossbars + base.layers[0].mapping!.crossbars);
    const view = trainingView(net, config({ 'arch.balance': 'on', 'arch.maxReplicate': 4 }));
    const lat = base.layers.map((l) => l.latency_ns);
    // Link floors: 998, 407 and 5 clocks per timestep (the link clocks 1002, 411, 9 less the 4 hops), T = 10.
    const floor = [998, 407, 5].map((s) => 10 * s * 4);
    const target = Math.max(...lat.map((x, i) => Math.max(x / 4, floor[i])));
    expect(target).toBe(floor[0]);
    expect(view.layers.map((l) => l.replicas)).toEqual(lat.map((x) => Math.min(4, Math.ceil(x / target))));
    expect(view.layers.map((l) => l.replicas)).toEqual([2, 1, 1]);
  });
});

describe('SDFA projection time (rram)', () => {
  it('nmnist-fc3: e (10 errors x 8 bits) out of the global unit in ceil(80 / 32) = 3 clocks, 8 error-bit reads of B, then g (1000 sums of 16 bits) drains through one 32-bit link: 8·read + (3 + 4 + 500) clocks', () => {
    const c = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': 'rram' });
    const layers = trainingView(net, c).layers;
    expect(layers[0].hops).toBe(4);
    // Until 2026-12-07 (fixups 5) e's 3 clocks on the outgoing channel were priced but not timed: 8·read + (4 + 500) clocks.
    expect(projection_ns(layers, c)).toBeCloseTo(8 * layers[0].readTime_ns + (3 + 4 + 500) * 4, 9);
  });

  it('e is on the outgoing channel once per sample: sharedDelivery_ns = (T·Σ_l (D_l + D_d,l + D_s,l) + 3)·clk; B on the LIF lanes (sram, prng) sends nothing', () => {
    const rram = config({ 'training.algorithm': 'sdfa' });
    const layers = trainingView(net, rram).layers;
    // The forward's inputs: fc1 2312 bits in 73 clocks, fc2 and fc3 1000 bits in 32 each (docs/simulator.md, the input delivery bound).
    expect(layers.map((l) => deliveryClocks(l, rram, l.inputNeurons))).toEqual([73, 32, 32]);
    // Every layer's errors to its gradient banks (since 2026-12-07): 1000·8 bits in 250 clocks, 10·8 in 3.
    // And the stored input spikes to the banks, the forward's bits again (since 2026-12-07): 73 + 32 + 32.
    const banks = 250 + 250 + 3 + 73 + 32 + 32;
    expect(sharedDelivery_ns(layers, rram, 'sdfa')).toBe((10 * (73 + 32 + 32 + banks) + 3) * 4);
    expect(sharedDelivery_ns(layers, rram, 'bptt') - 10 * (73 + 32 + 32) * 4).toBeGreaterThan(0);
    for (const storage of ['sram', 'prng']) {
      const lanes = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': storage });
      expect(sharedDelivery_ns(trainingView(net, lanes).layers, lanes, 'sdfa')).toBe(10 * (73 + 32 + 32 + banks) * 4);
    }
  });

  it('the layer-scheduled SDFA sample is 3 clocks = 12 ns longer than with e untimed, every other time the same', () => {
    const c = config({ 'training.algorithm': 'sdfa' });
    const layers = trainingView(net, c).layers;
    const forward = evaluate(net, c).latency_ns;
    const t = sampleTiming(layers, c, 'sdfa', forward);
    const sram = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': 'sram' });
    // The same sample with the projection's own time swapped: rram's projection includes e's 12 ns.
    expect(t.sample_ns - projection_ns(layers, c)).toBeCloseTo(sampleTiming(layers, sram, 'sdfa', forward).sample_ns - projection_ns(layers, sram), 6);
    expect(projection_ns(layers, c) - (8 * layers[0].readTime_ns + (4 + 500) * 4)).toBeCloseTo(12, 9);
  });
});

describe('training pipeline: a hand-computed 3-layer case', () => {
  // Three layers: forward stages 100, 200, 50 ns per timestep; 64 rows and neurons, one slice, one column block,
  // one tile, read 10 ns, 2-bit errors, input activity 0.25, no hops; 250 MHz (4 ns), 32-bit NoC, T = 4.
  const c = applyOverrides(defaultConfig(), { 'snn.timesteps': 4, 'training.errorBits': 2, 'training.feedbackStorage': 'sram', 'arch.dataflow': 'pipelined' });
  const real = trainingView(net, c).layers[0];
  const layers: TrainLayer[] = [100, 200, 50].map((stage, ordinal) => ({
    ...real, ordinal, stage_ns: stage, readTime_ns: 10, activity: 0.25, outputNeurons: 64, inputNeurons: 64,
    accumulatorBits: 1, hops: 0, replicas: 1, tileGroups: 1, constantInput: false,
    m: { ...real.m, rows: 64, outputs: 64, crossbarSize: 64, slices: 1, positions: 1, columnBlocks: 1, tiles: 1, inputCycles: 1 },
  }));
  // τ_t = 2·1·10 + ceil(64·(1 + 2 - 1)/32)·4 = 36; τ_w = ceil(64·0.25)·4 = 64; τ_e = 2·ceil(64/64)·4 = 8; output error 4.
  // The shared link: forward drains ceil(64·1/32) = 2 clocks each, BPTT's transposed 4: 4·(3·8 + 2·16) = 224 ns, not binding.
  // The outgoing channel per backward timestep: each layer's errors ceil(64·2/32) = 4 clocks (to the transposed read or,
  // the first layer's, to its banks) and its stored input spikes ceil(64/32) = 2 (since 2026-12-07): 3·6·4 = 72 ns.

  it('BPTT: 1000 + 4 + [3·64 + 3·72] = 1412 ns (the channel\'s 72 ns paces the backward; 1388 ns before the stored spikes were timed); interval 4·(200 + 36) = 944 ns', () => {
    const t = sampleTiming(layers, c, 'bptt', 1000);
    expect(t.sample_ns).toBeCloseTo(1412, 9);
    expect(t.interval_ns).toBeCloseTo(944, 9);
  });

  it('SDFA: 1000 + 4 + projection 64·64/64 clocks (256) + 4·72 local (the channel; 4·64 = 1516 ns before 2026-12-07) = 1548 ns; interval 4·200 = 800 ns', () => {
    const t = sampleTiming(layers, c, 'sdfa', 1000);
    expect(t.sample_ns).toBeCloseTo(1548, 9);
    expect(t.interval_ns).toBeCloseTo(800, 9);
  });

  it('layer dataflow: BPTT backward 4·(64 + 64 + 64) = 768, one sample at a time', () => {
    const t = sampleTiming(layers, applyOverrides(c, { 'arch.dataflow': 'layer' }), 'bptt', 1000);
    expect(t.sample_ns).toBeCloseTo(1772, 9);
    expect(t.interval_ns).toBe(t.sample_ns);
  });
});

// QA 2026-12-06 (D1): every drain crosses the one nocWidth-bit link into the global unit (docs/simulator.md), and
// under the pipelined dataflow all layers drain concurrently, so the link, not the busiest layer, sets the interval.
describe('the pipelined training interval is at least the shared link\'s time (nmnist-fc3, T = 10, 32-bit link, 4 ns, 4 hops)', () => {
  // Forward drains per timestep (global reduction: hops + ceil(tiles·bits/32)): fc1 4 + ceil(2.128·1000·15/32) = 1002,
  // fc2 4 + ceil(1000·13/32) = 411, fc3 4 + ceil(10·13/32) = 9; BPTT's transposed: fc2 4 + 16·20000/32 = 10004,
  // fc3 4 + 20000/32 = 629; SDFA's projection (once per sample) 4 + 1000·16/32 = 504.
  it('BPTT: 10·(1002 + 411 + 9 + 10004 + 629)·4 = 482,200 ns, not 10·(fc2 1702 + 40816) = 425,180 ns', () => {
    const c = config({ 'training.algorithm': 'bptt', 'arch.dataflow': 'pipelined' });
    const layers = trainingView(net, c).layers;
    expect(layers.map((l) => l.tileGroups)).toEqual([2.128, 1, 1]);
    expect(sampleTiming(layers, c, 'bptt', 0).interval_ns).toBeCloseTo(482_200, 6);
  });
  it('SDFA: 10·(1002 + 411 + 9)·4 + 504·4 = 58,896 ns, not 10·fc1\'s 4062 = 40,620 ns', () => {
    const c = config({ 'training.algorithm': 'sdfa', 'arch.dataflow': 'pipelined' });
    expect(sampleTiming(trainingView(net, c).layers, c, 'sdfa', 0).interval_ns).toBeCloseTo(58_896, 6);
  });
});
