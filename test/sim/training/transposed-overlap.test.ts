/**
 * BPTT's transposed read on the forward's timing model (docs/training-cost.md §3, 2026-12-06; src/sim/ela/timing.ts
 * linkQueue_ns, copiesFloor_ns, copiesLatency_ns): per timestep its P positions read, then hold the one link into the
 * global unit for their row sums, double-buffered as the forward's positions are, instead of draining all P
 * positions' sums after all the reads.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { trainingView, type TrainLayer } from '../../../src/sim/training/index.js';
import { unitTimes } from '../../../src/sim/training/pipeline.js';

// A hand-sized conv-like layer: P = 9 positions, 64 rows, one slice, 2 column blocks on 2 tiles, 7-bit accumulators,
// 2-bit errors, 3 hops, 250 MHz (4 ns clocks), 32-bit link, 'global' reduction. One position's row sums: 2 tiles x
// 64 rows x (7 + 2 - 1) bits = 1024 bits, s = 32 clocks = 128 ns on the link; its reads r = 2 error bits x 1 slice x
// the read time.
const c = applyOverrides(defaultConfig(), { 'training.errorBits': 2, 'training.algorithm': 'bptt' });
const real = trainingView(zooNetwork('nmnist-fc3'), c).layers[1];
const layer = (read_ns: number, replicas: number): TrainLayer => ({
  ...real, ordinal: 1, readTime_ns: read_ns, accumulatorBits: 7, hops: 3, replicas,
  m: { ...real.m, rows: 64, slices: 1, positions: 9, columnBlocks: 2, tiles: 2 },
});
const tau = (read_ns: number, replicas = 1) => unitTimes(layer(read_ns, replicas), c, 'bptt').transposed;

describe('the transposed read overlaps its drain with its reads', () => {
  it('link-bound (read 10 ns, r = 20 ns < s = 128 ns): r + 3 hops + 9·s = 20 + 12 + 1152 = 1184 ns, not 9·20 + (3 + 288)·4 = 1344', () => {
    expect(c.arch.clock_MHz).toBe(250);
    expect(c.arch.nocWidth_bits).toBe(32);
    expect(tau(10)).toBeCloseTo(1184, 9);
  });
  it('read-bound (read 100 ns, r = 200 ns > s): 9·200 + (3 + 32)·4 = 1940 ns, only the last drain after the reads (not 2964)', () => {
    expect(tau(100)).toBeCloseTo(1940, 9);
  });
  it('4 copies, link-bound: max(1184 / 4, 9·32·4) = 1152 ns, the link floor (not 180 / 4 + 1164 = 1209)', () => {
    expect(tau(10, 4)).toBeCloseTo(1152, 9);
  });
  it('4 copies, read 1000 ns (r = 2000 ns): the copies divide it all, (18,000 + 140) / 4 = 4535 ns, above the floor', () => {
    expect(tau(1000, 4)).toBeCloseTo(4535, 9);
  });
  it('one position (a linear layer) never queues: r + (hops + s)·clk = 160 ns, as before, where its errors arrive faster', () => {
    // 100 outputs' 2-bit errors leave the global unit in ceil(200 / 32) = 7 clocks = 28 ns per timestep (errorDeliveryClocks).
    const one: TrainLayer = { ...layer(10, 1), outputNeurons: 100, m: { ...layer(10, 1).m, positions: 1 } };
    expect(unitTimes(one, c, 'bptt').transposed).toBeCloseTo(20 + 35 * 4, 9);
  });
  it('since 2026-12-07 its errors\' way out of the global unit bounds it: 1000 outputs x 2 bits, ceil(2000 / 32) = 63 clocks = 252 ns > 160', () => {
    const one: TrainLayer = { ...layer(10, 1), m: { ...layer(10, 1).m, positions: 1 } };
    expect(one.outputNeurons).toBe(1000);
    expect(unitTimes(one, c, 'bptt').transposed).toBe(63 * 4);
    // Unicast, a copy for each tile of the output's column block (tileGroups): ceil(tileGroups·2000 / 32) clocks.
    const unicast = applyOverrides(defaultConfig(), { 'training.errorBits': 2, 'training.algorithm': 'bptt', 'arch.nocMulticast': 'unicast' });
    expect(unitTimes(one, unicast, 'bptt').transposed).toBe(Math.ceil((one.tileGroups * 2000) / 32) * 4);
    // Copies share that channel: 4 copies of the link-bound P = 9 layer stop at max(1152, 252) = 1152, one position's at 252.
    expect(unitTimes({ ...one, replicas: 4 }, c, 'bptt').transposed).toBe(63 * 4);
  });
});
