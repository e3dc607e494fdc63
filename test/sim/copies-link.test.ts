/**
 * Weight copies share the one link into the global unit (src/sim/ela/timing.ts linkFloor_ns, works.ts floorCopies;
 * docs/simulator.md, Weight replication). c copies divide a layer's latency by c while its reads bind, but the link
 * carries every position's sums of every timestep whatever c: a layer with copies takes at least T·P·s clocks.
 * The balance decides on those latencies. Until 2026-12-06 the copies divided the whole latency, the link's queue
 * included (the 64-output conv with 2 copies: 1214.001 ns, now 2304 ns).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { meanHops } from '../../src/hardware/components/interconnect.js';
import { resolveNetwork } from '../../src/model/index.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate, evaluateWith } from '../../src/sim/evaluate.js';
import type { LayerStages } from '../../src/sim/ela/evaluate.js';

// test/sim/drain-bound.test.ts's 1x1 conv: 16 positions, 1 input cycle, one read r = 50.0011 ns, 9-bit sums, one tile
// per copy (1 hop up to 4 tiles), T = 2, 4 ns clocks, 32-bit link, global reduction.
const conv = (outChannels: number) => resolveNetwork({
  name: 'drain', inputCoding: 'events', input: { channels: 64, height: 4, width: 4 },
  layers: [{ kind: 'conv', name: 'conv', outChannels, kernel: 1, stride: 1, padding: 0 }],
});
const run = (outChannels: number, copies: number) => evaluate(conv(outChannels), applyOverrides(defaultConfig(), { 'snn.timesteps': 2, 'layers.conv.arch.replicate': copies }));

describe('a 1x1 conv with copies by hand (T = 2, P = 16, r = 50.0011 ns, 4 ns clocks, 1 hop)', () => {
  it('64 outputs, 2 copies, the drain binds (s = 18 clocks = 72 ns > r / 2): the link\'s 2·16·18·4 = 2304 ns, not half of 2428.0023 (1214.0011)', () => {
    const one = run(64, 1);
    const two = run(64, 2);
    expect([one.tiles, two.tiles, meanHops(two.tiles)]).toEqual([1, 2, 1]);
    const r = two.layers[0].readTime_ns;
    expect(r).toBeCloseTo(50.00113, 5);
    expect(two.layers[0].latency_ns).toBeCloseTo(2 * 16 * 18 * 4, 9);
    expect(one.layers[0].latency_ns).toBeCloseTo(2428.00226, 4);
    // What the link adds beyond latency / 2 is NoC time; the reads' components are still halved.
    const b = two.layers[0].breakdown.latency_ns;
    expect(b.crossbar + b.adc + b.periphery).toBeCloseTo(16 * r, 9);
    expect(b.noc).toBeCloseTo(2304 - 16 * r - 8, 9);
    // A third and fourth copy buy nothing: the link is the floor.
    expect(run(64, 4).layers[0].latency_ns).toBeCloseTo(two.layers[0].latency_ns, 9);
  });

  it('16 outputs, 2 copies, the reads bind (s = 5 clocks = 20 ns, r ≥ 2·s): exactly half of 1664.036 ns, as before', () => {
    const one = run(16, 1);
    expect(run(16, 2).layers[0].latency_ns).toBe(one.layers[0].latency_ns / 2);
    expect(one.layers[0].latency_ns).toBeCloseTo(1664.03614, 4);
    // 4 copies read faster than the link drains (r < 4·s): the link's 2·16·5·4 = 640 ns, not 416.009.
    expect(run(16, 4).layers[0].latency_ns).toBeCloseTo(640, 9);
  });

  it('one copy is the unreplicated layer, to the double', () => {
    for (const n of [16, 64]) {
      const base = evaluate(conv(n), applyOverrides(defaultConfig(), { 'snn.timesteps': 2 }));
      expect(run(n, 1).layers[0].latency_ns).toBe(base.layers[0].latency_ns);
      expect(run(n, 1).latency_ns).toBe(base.latency_ns);
    }
  });

  it('more copies never lengthen the layer, and never take it below the link floor', () => {
    for (const n of [16, 32, 64]) {
      let last = Infinity;
      for (const c of [1, 2, 3, 4]) {
        const l = run(n, c).layers[0];
        expect(l.latency_ns).toBeLessThanOrEqual(last + 1e-9);
        const s = Math.ceil((n * 9) / 32);
        expect(l.latency_ns).toBeGreaterThanOrEqual(2 * 16 * s * 4 - 1e-9);
        last = l.latency_ns;
      }
    }
  });
});

describe('arch.balance decides on the latencies with the link', () => {
  // nmnist-fc3, T = 4: fc1 (one position, s = ceil(2.128·1000·15 / 32) = 998 clocks) is link-bound, 16,264.0 ns.
  const net = zooNetwork('nmnist-fc3');
  const config = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), o);

  it('nmnist-fc3: copies 2/1/1, not 4/2/1; fc1 at its floor 4·998·4 = 15,968 ns; the chip 23.57 -> 23.30 µs (23.45 -> 23.18 before the input delivery was timed, 2026-12-07; 7.69 µs before the link floor)', () => {
    const base = evaluate(net, config({}));
    const balanced = evaluate(net, config({ 'arch.balance': 'on' }));
    expect(balanced.layers.map((l) => l.copies ?? 1)).toEqual([2, 1, 1]);
    expect(meanHops(balanced.tiles)).toBe(5);
    const fc1 = balanced.layers[0];
    expect(fc1.latency_ns).toBeCloseTo(4 * 998 * 4, 9);
    expect(base.layers[0].latency_ns).toBeCloseTo(16264.0045, 3);
    // fc3's 1000 inputs leave the global unit in ceil(1000 / 32) = 32 clocks = 128 ns per timestep, more than its own
    // (376 + 16) / 4 = 98 ns: 4·128 = 512 ns (docs/simulator.md, the input delivery bound). 15,968 + 6,824.0045 + 512.
    expect(balanced.layers[2].latency_ns).toBe(4 * 32 * 4);
    expect(balanced.latency_ns).toBeCloseTo(15_968 + 6_824.0045 + 512, 3);
    expect(balanced.latency_ns).toBeLessThan(base.latency_ns);
  });

  it('copies past the balance\'s buy nothing: fc1 with 3 or 4 copies is no faster, and the chip slower (more hops) and larger', () => {
    const balanced = evaluate(net, config({ 'arch.balance': 'on' }));
    for (const c of [3, 4]) {
      const more = evaluate(net, config({ 'layers.fc1.arch.replicate': c }));
      expect(more.layers[0].latency_ns).toBeGreaterThanOrEqual(balanced.layers[0].latency_ns);
      expect(more.latency_ns).toBeGreaterThan(balanced.latency_ns);
      expect(more.area_mm2).toBeGreaterThan(balanced.area_mm2);
    }
  });
});

describe('pipelined inference with copies (arch.dataflow = pipelined)', () => {
  it('nmnist-fc3, fc1 twice: the link share S does not shrink with copies, and fc1\'s stage is its floor / T: max(Σ τ, S) + 3·max(max τ, S) = 22,926.0 ns (22,896.0 before fc3\'s input delivery was timed, 2026-12-07; 22,784.0 before the link; 22,880.0 before the partly filled last column block, 2026-12-06)', () => {
    const net = zooNetwork('nmnist-fc3');
    const o = { 'arch.dataflow': 'pipelined', 'layers.fc1.arch.replicate': 2 };
    const stages: LayerStages = { stage_ns: [], replicas: [] };
    const piped = evaluateWith(net, applyOverrides(defaultConfig(), o), null, stages);
    expect(stages.replicas).toEqual([2, 1, 1]);
    // 5 hops on 91 tiles; stages τ = 15,968 / 4 (the floor), (6808 + 16) / 4, and fc3's input delivery 32 clocks = 128 ns
    // (over its own (376 + 16) / 4 = 98 ns; the outgoing channel's share, 73 + 32 + 32 clocks, is below S).
    expect(stages.stage_ns[0]).toBeCloseTo(998 * 4, 9);
    const layered = evaluate(net, applyOverrides(defaultConfig(), { 'layers.fc1.arch.replicate': 2 }));
    expect(stages.stage_ns).toEqual(layered.layers.map((l) => l.latency_ns / 4));
    // S: every layer's sums of a timestep, copies or not, (5 + 998) + (5 + 407) + (5 + 5) clocks of 4 ns = 5700 ns.
    const S = 4 * (1003 + 412 + 10);
    const sum = stages.stage_ns.reduce((a, b) => a + b, 0);
    expect(piped.latency_ns).toBeCloseTo(Math.max(sum, S) + 3 * Math.max(...stages.stage_ns, S), 6);
    expect(stages.stage_ns[2]).toBe(128);
    expect(piped.latency_ns).toBeCloseTo(3992 + 1706.0011 + 128 + 3 * 5700, 3);
  });
});
