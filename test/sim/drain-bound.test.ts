/**
 * The layer-scheduled drain bound (src/sim/ela/timing.ts drainWait_ns; docs/simulator.md, Latency): per timestep a
 * weight layer's P positions each read (r = input cycles x one crossbar read) and then serialise their partial sums
 * through the one nocWidth-bit link into the global unit (s clocks), double-buffered. Where s > r the link, not the
 * reads, paces the positions: (P - 1)·(s - r) more NoC time per timestep. Before (2026-12-06) only the last
 * position's drain was charged, whatever s.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { meanHops } from '../../src/hardware/components/interconnect.js';
import { resolveNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';

// A 1x1 conv over 64 channels of a 4x4 input: 16 positions, 64 rows (1 row block, 9-bit sums: 5-bit SAR word + 4-bit
// top slice), 1 input cycle (events), one tile (1 hop). T = 2, 250 MHz (4 ns clocks).
const conv = (outChannels: number) => resolveNetwork({
  name: 'drain', inputCoding: 'events', input: { channels: 64, height: 4, width: 4 },
  layers: [{ kind: 'conv', name: 'conv', outChannels, kernel: 1, stride: 1, padding: 0 }],
});
const run = (outChannels: number, width = 32) => evaluate(conv(outChannels), applyOverrides(defaultConfig(), { 'snn.timesteps': 2, 'arch.nocWidth_bits': width }));

describe('a 1x1 conv by hand: 16 positions, T = 2, 4 ns clocks, 32-bit link, global reduction, 1 tile, 1 hop', () => {
  it('the hand-made layer: 16 positions, 1 input cycle, 1 tile, 9-bit sums, one read 50.0011 ns (8 serial 6.25 ns SAR conversions + the sense)', () => {
    for (const n of [16, 64]) {
      const e = run(n);
      const l = e.layers[0];
      expect([meanHops(e.tiles), l.mapping?.positions, l.mapping?.inputCycles, l.mapping?.outputTiles, l.accumulatorBits]).toEqual([1, 16, 1, 1, 9]);
      expect(l.readTime_ns).toBeCloseTo(50.00113, 5);
    }
  });

  it('64 outputs, the drain binds: s = ceil(64·9/32) = 18 clocks = 72 ns > r; NoC 2·(1 + 18)·4 + 2·15·(72 - r) = 811.966 ns (152 before)', () => {
    const l = run(64).layers[0];
    expect(l.breakdown.latency_ns.noc).toBeCloseTo(2 * (1 + 18) * 4 + 2 * 15 * (72 - l.readTime_ns), 9);
    expect(l.breakdown.latency_ns.noc).toBeCloseTo(811.96612, 4);
  });

  it('16 outputs, the reads bind: s = ceil(16·9/32) = 5 clocks = 20 ns < r; NoC the last position\'s drain only, 2·(1 + 5)·4 = 48 ns exactly', () => {
    expect(run(16).layers[0].breakdown.latency_ns.noc).toBe(48);
  });
});

describe('the link width is a design lever while the drain binds', () => {
  it('64 outputs: 16 -> 32 -> 64 bits gain far more than the last position\'s tail; 64 -> 128 (reads bind) gains exactly that tail, 2·(9 - 5)·4 = 32 ns', () => {
    const latency = [16, 32, 64, 128].map((w) => run(64, w).latency_ns);
    // Tails: s = 36, 18, 9, 5 clocks; each step saves T·Δs·4 ns of tail, plus (P - 1)·T·Δ(s - r)+ while s·4 > r.
    expect(latency[0] - latency[1]).toBeGreaterThan(2 * (36 - 18) * 4 + 1000);
    expect(latency[1] - latency[2]).toBeGreaterThan(2 * (18 - 9) * 4 + 500);
    expect(latency[2] - latency[3]).toBeCloseTo(2 * (9 - 5) * 4, 9);
  });

  it('monotone: a wider link never lengthens a layer, and the reads\' components do not move', () => {
    let last = Infinity;
    for (const w of [8, 16, 32, 64, 128, 256, 512]) {
      const l = run(64, w).layers[0];
      expect(l.latency_ns).toBeLessThanOrEqual(last);
      expect(l.breakdown.latency_ns.crossbar + l.breakdown.latency_ns.adc + l.breakdown.latency_ns.periphery).toBeCloseTo(32 * l.readTime_ns, 9);
      last = l.latency_ns;
    }
  });

  it('one position (a linear layer) never queues: nmnist-style fc layers keep the last drain only', () => {
    const fc = resolveNetwork({ name: 'fc', inputCoding: 'events', input: { channels: 64, height: 1, width: 1 }, layers: [{ kind: 'linear', name: 'fc', outFeatures: 64 }] });
    const e = evaluate(fc, applyOverrides(defaultConfig(), { 'snn.timesteps': 2, 'arch.nocWidth_bits': 8 }));
    // s = 64·9/8 = 72 clocks > r, but P = 1: 2·(1 + 72)·4 = 584 ns.
    expect(e.layers[0].breakdown.latency_ns.noc).toBe(584);
  });
});
