/**
 * The search's fast path (issue 14): evaluateTotals and simulateMetrics give every total, breakdown entry and metric
 * of evaluate / simulateConfiguration bit for bit, whatever order configurations come in (the per-network mapping
 * memo, the chip memo and the reused per-layer vectors must not carry anything from one evaluation to the next).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluate, evaluateTotals, evaluateTotalsInto, totalsSlot } from '../../src/sim/evaluate.js';
import { mapLayer } from '../../src/sim/mapping.js';
import { simulateConfiguration, simulateMetrics } from '../../src/sim/simulate.js';

const network = zooNetwork('vgg16-cifar10');
const points: Record<string, number | string>[] = [];
for (const bits of [1, 2, 4]) {
  for (const size of [32, 128, 256]) {
    points.push({ 'device.bitsPerCell': bits, 'crossbar.size': size, 'adc.bits': 3 + bits, 'snn.timesteps': bits * 2, 'device.rOn_ohm': 1e4 * size });
  }
}
// Switches that take other branches of the engine (shared tiles, pipelining, balancing, AER, spikesim costs, PE buffers, node).
points.push({ 'arch.tilePacking': 'shared', 'arch.dataflow': 'pipelined', 'snn.timesteps': 4 });
points.push({ 'arch.balance': 'on', 'arch.spikeEncoding': 'aer', 'adc.skipZeroReads': 'on' });
points.push({ 'arch.componentCosts': 'spikesim-ela', 'crossbar.signedMapping': 'differential-pair' });
points.push({ 'crossbar.signedMapping': 'reference-column', 'tech.node_nm': 22, 'arch.buffer_KB.pe': 0 });
points.push({ 'layers.conv1.device.bitsPerCell': 1, 'layers.fc1.crossbar.size': 64, 'layers.conv3.arch.replicate': 3 });
// Copies that grow the mesh (237 -> 474 tiles, 8 -> 11 hops), twin layers and all: the layers move to the final mesh.
points.push({ 'arch.replicate': 2 }, { 'arch.tilePacking': 'shared', 'arch.balance': 'on', 'arch.maxReplicate': 4 });
// The mapping key's other parts (a kept mapping must not serve another PE / tile size or weight width), a per-layer
// rate (twin layers are not shared then) and a global rate.
// Multicast trees (the default; per-mapping gaps memo) are in every point above; unicast copies: alone, replicated
// (scaled by the hop ratio), other PEs per tile.
points.push({ 'arch.nocMulticast': 'unicast' }, { 'arch.nocMulticast': 'unicast', 'arch.replicate': 2 }, { 'arch.nocMulticast': 'unicast', 'arch.pesPerTile': 4, 'arch.balance': 'on' });
points.push({ 'arch.pesPerTile': 4 }, { 'arch.crossbarsPerPe': 4, 'snn.weightBits': 6 }, { 'layers.conv7.snn.spikeRate': 0.3 }, { 'snn.spikeRate': 0.25 });

describe('evaluateTotals / simulateMetrics', () => {
  it('equal evaluate() without its layers, bit for bit, in any order', () => {
    const configs = points.map((p) => applyOverrides(defaultConfig(), p));
    const expected = configs.map((c) => {
      const { layers, ...totals } = evaluate(network, c);
      expect(layers.length).toBe(network.layers.length);
      return totals;
    });
    for (const order of [[...configs.keys()], [...configs.keys()].reverse()]) {
      for (const i of order) expect(evaluateTotals(network, configs[i])).toStrictEqual(expected[i]);
    }
    // Interleaved with full evaluations, which use the same scratch vectors.
    for (let i = 0; i < configs.length; i++) {
      expect(evaluateTotals(network, configs[i])).toStrictEqual(expected[i]);
      evaluate(network, configs[(i + 3) % configs.length]);
    }
  });

  it('evaluateTotalsInto refills one record with evaluateTotals, bit for bit, and keeps nothing of the last call', () => {
    const configs = points.map((p) => applyOverrides(defaultConfig(), p));
    const expected = configs.map((c) => evaluateTotals(network, c));
    const slot = totalsSlot();
    for (const order of [[...configs.keys()], [...configs.keys()].reverse()]) {
      for (const i of order) {
        expect(evaluateTotalsInto(network, configs[i], slot)).toBe(slot);
        expect(slot).toStrictEqual(expected[i]);
      }
    }
    // A fresh evaluateTotals between two calls is not the slot and is not changed by them.
    const fresh = evaluateTotals(network, configs[0]);
    evaluateTotalsInto(network, configs[1], slot);
    expect(fresh).toStrictEqual(expected[0]);
    expect(Object.keys(slot)).toStrictEqual(Object.keys(fresh));
  });

  it('report the mapping mapLayer gives, whatever was mapped before (the per-network mapping memo)', () => {
    for (const p of [...points, ...points.slice().reverse()]) {
      const config = applyOverrides(defaultConfig(), p);
      evaluate(network, config).layers.forEach((result, i) => {
        const layer = network.layers[i];
        if (!result.mapping) return;
        const hw = layerHardware(config, layer, network);
        expect(result.mapping).toStrictEqual(mapLayer(layer, hw.device.bitsPerCell, hw.crossbar.size, config, hw.crossbar.signedMapping));
      });
    }
  });

  it('give simulateConfiguration metrics (ELA only and every metric)', () => {
    for (const needs of [{ metrics: ['energy_pJ', 'area_mm2'] }, { metrics: [] }]) {
      for (const p of points) expect(simulateMetrics(network, p, needs)).toStrictEqual(simulateConfiguration(network, p, needs).metrics);
    }
  });

  it('refuse what simulateConfiguration refuses, with the same message', () => {
    const bad = { 'crossbar.signedMapping': 'reference-column', 'crossbar.size': 8, 'device.bitsPerCell': 1 };
    expect(() => simulateConfiguration(network, bad, { metrics: [] })).toThrow(/crossbar.size/);
    expect(() => simulateMetrics(network, bad, { metrics: [] })).toThrow(/crossbar.size/);
    const training = { metrics: ['trainEnergy_pJ_per_sample'] };
    expect(() => simulateMetrics(network, {}, training)).toThrow(/training.algorithm/);
  });
});
