/**
 * Weight copies and the one link into the global unit in training (docs/training-cost.md §3, "Copies and the shared
 * link", 2026-12-06): what crosses the link is paced by it whatever the copies; a copy is written as its layer is.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { ACTION, actionVector } from '../../../src/sim/ela/actions.js';
import { sampleTiming, trainingCost, trainingView } from '../../../src/sim/training/index.js';
import { transposedLink_ns, unitTimes } from '../../../src/sim/training/pipeline.js';
import { countUpdate, layerPulses, layerWrite_ns } from '../../../src/sim/training/writes.js';

const nmnist = zooNetwork('nmnist-fc3');
const small = zooNetwork('mnist-fc2-small');

// nmnist-fc3, T = 10, 4 ns clocks, 4 hops, 32-bit link (test/sim/training/pipeline.test.ts): BPTT's transposed row
// sums drain in fc2 4 + 16·20000/32 = 10004 and fc3 4 + 20000/32 = 629 clocks per timestep.
describe('pipelined BPTT: the backward cannot leave faster than the link carries its row sums', () => {
  const c = applyOverrides(defaultConfig(), { 'snn.timesteps': 10, 'training.algorithm': 'bptt', 'arch.dataflow': 'pipelined' });
  const layers = trainingView(nmnist, c).layers;
  it('S = (10004 + 629)·4 = 42,532 ns per timestep', () => {
    expect(transposedLink_ns(layers, c)).toBeCloseTo(42_532, 9);
  });
  it('sample = error 4 + max(Σβ, S) + 9·max(max β, S): 4 + (1292 + 2·16·r + 42,532) + 9·42,532, not + 9·(16·r + 40,016)', () => {
    // β: fc1 its errors' and stored spikes' way to its banks, ceil(1000·8/32) + ceil(2312/32) = 250 + 73 clocks = 1292 ns
    // (1000 ns, the errors alone, until 2026-12-07; its lanes' 2·ceil(1000/64)·4 = 128 ns until 2026-12-07); fc2 τ_t =
    // 8·2·r + 10004·4, fc3 8·2·r + 629·4 (r = the read time).
    const r = layers[1].readTime_ns;
    const sample = sampleTiming(layers, c, 'bptt', 0).sample_ns;
    expect(sample).toBeCloseTo(4 + 1292 + 32 * r + 42_532 + 9 * 42_532, 6);
    expect(sample - 4).toBeGreaterThanOrEqual(10 * 42_532);
  });
  it('the layer dataflow is unchanged: its backward is T·Σβ, each β at least its own drain', () => {
    const layer = applyOverrides(c, { 'arch.dataflow': 'layer' });
    const r = layers[1].readTime_ns;
    expect(sampleTiming(trainingView(nmnist, layer).layers, layer, 'bptt', 0).sample_ns).toBeCloseTo(4 + 10 * (1292 + 32 * r + 42_532), 6);
  });
});

describe('the transposed read with copies: the forward\'s rule, max(latency / c, its link floor)', () => {
  it('mnist-fc2-small, T = 1, arch.replicate = 64: fc2 τ_t = max((16·r + 61·4) / 64, 54·4) = 216 ns, the link\'s share (until 2026-12-06 16·r / 64 + 61·4)', () => {
    const c = applyOverrides(defaultConfig(), { 'snn.timesteps': 1, 'training.algorithm': 'bptt', 'arch.replicate': 64 });
    const layers = trainingView(small, c).layers;
    const fc2 = layers[1];
    expect(fc2.replicas).toBe(64);
    // fc2's row sums: 100 rows x 17 bits from one tile, ceil(1700 / 32) = 54 clocks, + 7 hops = 61 clocks of 4 ns.
    const drain_ns = transposedLink_ns(layers, c);
    expect(drain_ns).toBe(61 * 4);
    expect((16 * fc2.readTime_ns + drain_ns) / 64).toBeLessThan(54 * 4);
    expect(unitTimes(fc2, c, 'bptt').transposed).toBeCloseTo(54 * 4, 9);
  });
});

describe('the weight update writes every copy', () => {
  const config = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), { 'snn.timesteps': 1, 'training.algorithm': 'sdfa', ...o });
  it('mnist-fc2-small, arch.replicate = 64, verify: 64·784·100 cells of fc1 pulsed and verified, the gradient read out once', () => {
    const c = config({ 'arch.replicate': 64, 'training.updateScheme': 'verify' });
    const fc1 = trainingView(small, c).layers[0];
    const d = layerPulses(fc1, c);
    const out = actionVector();
    countUpdate(fc1, c, d, out);
    expect(out[ACTION.writePulse]).toBeCloseTo(64 * 784 * 100 * d.mean, 6);
    expect(out[ACTION.verifyRead]).toBeCloseTo(64 * 784 * 100 * d.mean, 6);
    expect(out[ACTION.gradientBit]).toBe(2 * 784 * 100 * 16);
  });
  it('copies write in parallel and each cell as often: writes per cell and lifetime as with one copy, the write time + the trip to them', () => {
    const one = trainingCost(small, config({}));
    const copies = trainingCost(small, config({ 'arch.replicate': 64 }));
    // The update's trip to the copies (copy-trip.test.ts): 89,384 ns before they write.
    expect(copies.timing.write_ns).toBeCloseTo(one.timing.write_ns + 89_384, 6);
    expect(copies.writesPerCellPerEpoch).toEqual(one.writesPerCellPerEpoch);
    expect(copies.lifetime_epochs).toBe(one.lifetime_epochs);
    expect(copies.breakdown_pJ.weightUpdate).toBeGreaterThan(10 * one.breakdown_pJ.weightUpdate);
    const fc1 = trainingView(small, config({})).layers[0];
    expect(layerWrite_ns(fc1, config({}), layerPulses(fc1, config({})))).toBe(one.timing.write_ns);
  });
});
