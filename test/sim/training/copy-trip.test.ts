/**
 * The weight update's NoC trip to a layer's copies (docs/training-cost.md §4, 2026-12-06; src/sim/training/writes.ts
 * copyTrip, copyTrip_ns): each written cell's signed pulse count, 1 + ceil(log2(P_max + 1)) bits, goes up from the
 * first copy's tiles to the global unit (hops per bit) and out to one tile in each other copy (unicast copies, or one
 * tree over receivers m.tiles walk links apart), and the copies write once it has arrived.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { ACTION, actionVector } from '../../../src/sim/ela/actions.js';
import { multicastTreeLinks } from '../../../src/sim/multicast.js';
import { trainingCost, trainingView, type TrainLayer } from '../../../src/sim/training/index.js';
import { copyTrip, copyTrip_ns, countUpdate, layerPulses, layerWrite_ns, updateWordBits, write_ns } from '../../../src/sim/training/writes.js';

// Hand-sized: 64 rows x 10 outputs = 640 weights, RRAM's 128 write steps (9-bit counts: 5760 bits per update),
// 4 copies (3 receivers), 2 tiles per copy, 3 hops, 250 MHz, 32-bit link.
const config = (o: Record<string, unknown> = {}) => applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', ...o });
const real = trainingView(zooNetwork('nmnist-fc3'), config()).layers[2];
const layer = (replicas: number): TrainLayer => ({ ...real, hops: 3, replicas, m: { ...real.m, rows: 64, outputs: 10, tiles: 2 } });

describe('the update\'s trip to the copies', () => {
  it('a pulse count of 0..128 and a sign: 9 bits; 0..1: 2 bits', () => {
    expect(updateWordBits(128)).toBe(9);
    expect(updateWordBits(100)).toBe(8);
    expect(updateWordBits(1)).toBe(2);
  });
  it('tree: 5760 bits up over 3 hops and down a tree of 3 + 2·min(2, 3) = 7 links: 5760·10 = 57,600 bit-hops', () => {
    const c = config({ 'arch.nocMulticast': 'tree' });
    const trip = copyTrip(layer(4), c);
    expect(trip).toEqual({ bits: 5760, receivers: 3, links: 7 });
    expect(trip.links).toBe(multicastTreeLinks([0, 2, 4], 3));
    const out = actionVector();
    countUpdate(layer(4), c, layerPulses(layer(4), c), out);
    expect(out[ACTION.nocBitHop]).toBe(57_600);
  });
  it('unicast: a copy per receiver over the mean hops, 5760·(3 + 3·3) = 69,120 bit-hops', () => {
    const c = config({ 'arch.nocMulticast': 'unicast' });
    const out = actionVector();
    countUpdate(layer(4), c, layerPulses(layer(4), c), out);
    expect(out[ACTION.nocBitHop]).toBe(69_120);
  });
  it('one copy sends nothing and takes no time', () => {
    const out = actionVector();
    countUpdate(layer(1), config(), layerPulses(layer(1), config()), out);
    expect(out[ACTION.nocBitHop]).toBe(0);
    expect(copyTrip_ns([layer(1)], config())).toBe(0);
  });
  it('time: tree (2·3 + 5760 / 32)·4 = 744 ns; unicast (6 + 3·5760 / 32)·4 = 2184 ns; the copies write after it', () => {
    const tree = config({ 'arch.nocMulticast': 'tree' });
    const unicast = config({ 'arch.nocMulticast': 'unicast' });
    expect(copyTrip_ns([layer(4)], tree)).toBe(744);
    expect(copyTrip_ns([layer(4)], unicast)).toBe(2184);
    const d = [layerPulses(layer(4), tree)];
    expect(write_ns([layer(4)], tree, d)).toBeCloseTo(layerWrite_ns(layer(4), tree, d[0]) + 744, 9);
  });
});

describe('mnist-fc2-small, T = 1, arch.replicate = 64 (both layers)', () => {
  const c = config({ 'snn.timesteps': 1, 'arch.replicate': 64 });
  it('(784·100 + 100·10)·9 = 714,600 bits through the link: (2·7 + 22,332)·4 = 89,384 ns before the copies write', () => {
    const layers = trainingView(zooNetwork('mnist-fc2-small'), c).layers;
    expect(layers.map((l) => l.hops)).toEqual([7, 7]);
    expect(copyTrip_ns(layers, c)).toBe(89_384);
    const one = trainingCost(zooNetwork('mnist-fc2-small'), config({ 'snn.timesteps': 1 }));
    expect(trainingCost(zooNetwork('mnist-fc2-small'), c).timing.write_ns).toBeCloseTo(one.timing.write_ns + 89_384, 6);
  });
});
