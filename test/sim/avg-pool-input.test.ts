import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { pooledCountBits, resolveNetwork, zooNetwork } from '../../src/model/index.js';
import type { LayerSpec, Network } from '../../src/model/types.js';
import { evaluate, layerActions } from '../../src/sim/evaluate.js';
import { pooledPlaneShares } from '../../src/sim/ela/design.js';
import { mapLayer } from '../../src/sim/mapping.js';
import { adderEnergy_pJ } from '../../src/hardware/components/digital.js';

// Event input 2x4x4 -> conv 1x1 (4 channels, spikes in) -> 2x2 pool -> fc 16 -> 10, at T = 4 and spike rate 0.1.
const T = 4;
const net = (mode: 'avg' | 'max', rates: { pool?: number; fc?: number } = {}): Network => resolveNetwork({
  name: `pool-${mode}`, inputCoding: 'events', input: { channels: 2, height: 4, width: 4 },
  layers: [
    { kind: 'conv', name: 'c', outChannels: 4, kernel: 1 },
    { kind: 'pool', name: 'p', mode, kernel: 2, ...(rates.pool ? { spikeRate: rates.pool } : {}) },
    { kind: 'linear', name: 'fc', outFeatures: 10, ...(rates.fc ? { spikeRate: rates.fc } : {}) },
  ],
});
const config = defaultConfig();
const aer = applyOverrides(defaultConfig(), { 'arch.spikeEncoding': 'aer', 'adc.skipZeroReads': 'on' });
// Binomial(4, 0.1): P(1) = 0.2916, P(2) = 0.0486, P(3) = 0.0036, P(4) = 0.0001.
const SHARES_4_AT_01 = [0.2916 + 0.0036, 0.0486 + 0.0036, 0.0001];

describe('a weight layer after an average pool applies the pooled counts bit-serially', () => {
  it('the count of k² spikes has ceil(log2(k² + 1)) bits: 2x2 -> 3, ResNet-19 8x8 -> 7, 1x1 -> 1 (a spike)', () => {
    expect([1, 4, 9, 64].map(pooledCountBits)).toEqual([1, 3, 4, 7]);
    const [avgFc, maxFc] = [net('avg').layers[2], net('max').layers[2]];
    expect(mapLayer(avgFc, 4, 64, config).inputCycles).toBe(3);
    expect(mapLayer(maxFc, 4, 64, config).inputCycles).toBe(1);
    const resnet = zooNetwork('resnet19-cifar10');
    const fc1 = resnet.layers.find((l) => l.name === 'fc1');
    expect(fc1 && mapLayer(fc1, 4, 64, config).inputCycles).toBe(7);
    // The direct-coded layer keeps its 8 planes; a layer reading spikes, 1.
    expect(zooNetwork('mlp-mnist').layers.map((l) => mapLayer(l, 4, 64, config).inputCycles)).toEqual([8, 1]);
  });

  it('each plane is active with its exact Binomial(k², p) share of 1s; the layer activity is their mean', () => {
    const shares = pooledPlaneShares(4, 0.1);
    shares.forEach((s, b) => expect(s).toBeCloseTo(SHARES_4_AT_01[b], 15));
    expect(pooledPlaneShares(4, 1)).toEqual([0, 0, 1]);
    const fc = evaluate(net('avg'), config).layers[2];
    expect(fc.hardware?.spikeRate).toBeCloseTo(0.3475 / 3, 15);
    // The counted spikes come at the pool's input rate (0.2 here); a rate stated for the fc layer would have no effect,
    // so the network is refused (test/model/model.test.ts), as layers.fc.snn.spikeRate in a config is.
    expect(() => net('avg', { pool: 0.2, fc: 0.05 })).toThrow(/layers\[2\] \("fc"\)\.spikeRate: got 0\.05, expected no spike rate on fc/);
    const own = evaluate(net('avg', { pool: 0.2 }), config).layers[2];
    expect(own.hardware?.spikeRate).toBeCloseTo((0.4096 + 0.0256 + 0.1536 + 0.0256 + 0.0016) / 3, 15);
    // A max pool's output is spikes: the fc layer reads them at its input rate.
    expect(evaluate(net('max'), config).layers[2].hardware?.spikeRate).toBe(0.1);
  });

  it('three planes: 3x the reads, one more accumulate per read, 2 more accumulator bits, dense 3-bit words in the buffers', () => {
    const [avg, max] = [layerActions(net('avg'), config), layerActions(net('max'), config)];
    const [a, m] = [avg[2].counts, max[2].counts];
    const reads = T * 3; // one position, 3 input cycles per timestep
    expect(a.accumulate).toBe(reads * 10 * 1);
    expect(m.accumulate).toBe(0);
    expect(a.globalBufferReadBit).toBe(T * 16 * 3);
    expect(m.globalBufferReadBit).toBe(T * 16);
    expect(avg[1].counts.globalBufferWriteBit).toBe(T * 16 * 3);
    expect(max[1].counts.globalBufferWriteBit).toBe(T * 16);
    expect(a.conversion).toBe(reads * m.conversion / T);
    const [ea, em] = [evaluate(net('avg'), config).layers[2], evaluate(net('max'), config).layers[2]];
    expect(ea.accumulatorBits - em.accumulatorBits).toBe(2);
  });

  it('under AER the counts still travel as dense words (an event carries an address, not a value)', () => {
    const [pool, fc] = layerActions(net('avg'), aer).slice(1);
    expect(pool.counts.globalBufferWriteBit).toBe(T * 16 * 3);
    expect(fc.counts.globalBufferReadBit).toBe(T * 16 * 3);
    // The all-zero check reads every row of each plane, not one "no event" flag per row block.
    expect(fc.counts.zeroCheck).toBe(T * 3 * 16);
  });

  it('a pool ahead of the direct-coded layer averages pixels: that layer keeps its 8 planes at bit density 0.5', () => {
    const pixels = resolveNetwork({ name: 'px', input: { channels: 1, height: 4, width: 4 },
      layers: [{ kind: 'pool', name: 'p', mode: 'avg', kernel: 2 }, { kind: 'linear', name: 'fc', outFeatures: 2 }] });
    expect(pixels.layers[1].pooledInput).toBeUndefined();
    expect(mapLayer(pixels.layers[1], 4, 64, config).inputCycles).toBe(8);
    expect(evaluate(pixels, config).layers[1].hardware?.spikeRate).toBe(0.5);
  });

  it('refuses a per-layer spike rate on a layer reading an average pool: its planes follow the pool\'s input rate', () => {
    const vgg16 = zooNetwork('vgg16-cifar10');
    expect(() => evaluate(vgg16, applyOverrides(defaultConfig(), { 'layers.conv3.snn.spikeRate': 0.3 }))).toThrow(
      'config "layers.conv3.snn.spikeRate": got 0.3, expected no spike rate on conv3: its input is average pool pool1\'s spike counts (their planes follow that pool\'s input rate), so a rate there has no effect');
    expect(() => evaluate(vgg16, applyOverrides(defaultConfig(), { 'layers.conv4.snn.spikeRate': 0.3 }))).not.toThrow();
  });

  it('refuses an average pool read by a layer without weights, naming it', () => {
    const withAfter = (after: LayerSpec) => () => resolveNetwork({
      name: 'n', input: { channels: 1, height: 4, width: 4 },
      layers: [{ kind: 'conv', name: 'c', outChannels: 2, kernel: 1 }, { kind: 'pool', name: 'p', mode: 'avg', kernel: 2 }, after,
        { kind: 'linear', name: 'fc', outFeatures: 2 }],
    });
    expect(withAfter({ kind: 'pool', name: 'p2', mode: 'max', kernel: 2 })).toThrow(ConfigError);
    expect(withAfter({ kind: 'pool', name: 'p2', mode: 'max', kernel: 2 })).toThrow(
      'network "n": layers[2] ("p2"): got a pool layer reading average pool "p", expected a conv or linear layer');
    expect(withAfter({ kind: 'conv', name: 'c2', outChannels: 2, kernel: 1, inputFrom: 'c' })).not.toThrow();
    expect(withAfter({ kind: 'add', name: 'x', from: 'p', inputFrom: 'c' })).toThrow('layers[2] ("x"): got a add layer reading average pool "p"');
  });
});

describe('a pool ahead of the direct-coded layer works on 8-bit pixels, not spikes (QA network pass, defect 6)', () => {
  const pixels = (mode: 'avg' | 'max'): Network => resolveNetwork({
    name: 'pf', input: { channels: 1, height: 28, width: 28 },
    layers: [{ kind: 'pool', name: 'p0', mode, kernel: 2 }, { kind: 'linear', name: 'fc', outFeatures: 10 }],
  });
  it('reads T·784·8 pixel bits, writes T·196·8, adds 3 per output on 10-bit adders (ceil(log2(4·255 + 1))); the fc reads 8 planes', () => {
    const [p0] = layerActions(pixels('avg'), defaultConfig());
    // Before: T·784 spike bits at rate 1 (3136) read, 3-bit counts written (2352), 3-bit adders.
    expect([p0.counts.globalBufferReadBit, p0.counts.globalBufferWriteBit, p0.counts.spikeAdd]).toEqual([T * 784 * 8, T * 196 * 8, T * 196 * 3]);
    const [onSpikes] = layerActions(net('avg'), defaultConfig()).filter((l) => l.name === 'p');
    expect(p0.prices_pJ.spikeAdd / onSpikes.prices_pJ.spikeAdd).toBeCloseTo(adderEnergy_pJ(10) / adderEnergy_pJ(pooledCountBits(4)), 12);
    expect(evaluate(pixels('avg'), defaultConfig()).layers[1].mapping!.inputCycles).toBe(8);
    // A max pool compares pixels: an 8-bit adder's price.
    const [max] = layerActions(pixels('max'), defaultConfig());
    expect(max.prices_pJ.spikeAdd / p0.prices_pJ.spikeAdd).toBeCloseTo(adderEnergy_pJ(8) / adderEnergy_pJ(10), 12);
  });
});
