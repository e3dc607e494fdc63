/**
 * arch.nocMulticast = 'tree' (src/sim/multicast.ts): a layer input's NoC delivery is one packet replicated where the
 * paths part, h + Σ min(gap, h) links per bit over the serpentine walk of the receiving tiles, instead of a copy of
 * h hops per receiving tile. The drain stays unicast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { meanHops } from '../../src/hardware/components/interconnect.js';
import { resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { layerActions } from '../../src/sim/ela/report.js';
import { evaluate, evaluateTotals } from '../../src/sim/evaluate.js';
import { COLUMN_STARTS, mapLayer, rowLayout } from '../../src/sim/mapping.js';
import { layerGaps, multicastTreeLinks, runTreeLinks } from '../../src/sim/multicast.js';
import { columnBlockStarts, receivingGaps, treeLinksPerBit } from '../../src/sim/tileSpans.js';
import { trainingCost, trainingView } from '../../src/sim/training/index.js';
import { refusal } from '../helpers/refusal.js';

const config = (o: Record<string, unknown> = {}) => applyOverrides(defaultConfig(), o);
const TREE = { 'arch.nocMulticast': 'tree' };
const UNICAST = { 'arch.nocMulticast': 'unicast' };
const T = 4;

describe('the multicast tree on a hand-drawn mesh', () => {
  // 4 x 4 mesh (16 tiles), serpentine numbering, global unit G at the centre: h = ceil(√16)/2 = 2.
  //    0  1  2  3
  //    7  6  5  4
  //          G
  //    8  9 10 11
  //   15 14 13 12
  it('three neighbours 4, 5, 6: 2 links to the group + 1 + 1 = 4 (unicast: 3 x 2 = 6)', () => {
    expect(multicastTreeLinks([6, 4, 5], 2)).toBe(4);
  });

  it('1, 2 and 6: 2 + 1 (1 to 2) + 2 (6 is 4 steps down the walk: its own branch from G) = 5', () => {
    expect(multicastTreeLinks([1, 2, 6], 2)).toBe(5);
  });

  it('far apart (0, 7, 15): every receiver its own branch, 3 x 2 = 6 = unicast; one receiver: h; none: 0', () => {
    expect(multicastTreeLinks([0, 7, 15], 2)).toBe(6);
    expect(multicastTreeLinks([9], 2)).toBe(2);
    expect(multicastTreeLinks([], 2)).toBe(0);
    // A column block's span: consecutive tiles.
    expect(runTreeLinks(3, 2)).toBe(multicastTreeLinks([4, 5, 6], 2));
  });

  it('never above unicast (m·h), h for one receiver, and the saving grows with the receivers (fuzzed)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 2, max: 40 }),
      (tiles, twiceHops) => {
        const h = twiceHops / 2;
        const tree = multicastTreeLinks(tiles, h);
        expect(tree).toBeLessThanOrEqual(tiles.length * h);
        if (tiles.length === 1) expect(tree).toBe(h);
        // One more receiver costs at most h more, and a run of m neighbours saves (m - 1)(h - 1).
        expect(multicastTreeLinks([...tiles, 301], h)).toBeLessThanOrEqual(tree + h);
        expect(tiles.length * h - runTreeLinks(tiles.length, h)).toBe((tiles.length - 1) * (h - 1));
      }), { numRuns: 200, seed: 7 });
  });
});

describe('a layer\'s receiving sets', () => {
  it('nmnist-fc3 fc1 (37 row blocks x 32 column blocks, 32 blocks per tile): row block r reaches tiles floor((37c + r)/32), a walk span of 35 or 36', () => {
    const net = zooNetwork('nmnist-fc3');
    const c = config(TREE);
    const m = mapLayer(net.layers[0], 4, 64, c);
    // Tile of column block c: c + floor((5c + r)/32), gaps 1 or 2 (≤ h = 4): the tree spans first to last tile.
    // Span 35 for r = 0-4 and r = 32-36 (its last row block holds 8 rows), 36 for r = 5-31; 2312 rows in all.
    const span = (64 * 5 * 35 + 64 * 27 * 36 + 64 * 4 * 35 + 8 * 35) / 2312;
    expect(treeLinksPerBit(layerGaps(net.layers[0], m, 8), 4)).toBeCloseTo(4 + span, 12);
    // 2312 input spikes x T = 4 over that tree, and the unicast drain: 2.128 tiles per output x 1000 sums x 15 bits x 4 hops (its last column block holds 8 outputs).
    const [fc1] = layerActions(net, c);
    expect(fc1.counts.nocBitHop).toBeCloseTo(T * (2312 * 4 + 82648) + T * 2128 * 15 * 4, 6);
    expect(T * (2312 * 4 + 82648) + T * 2128 * 15 * 4).toBe(878304);
    // Unicast: every one of the 32 tiles gets its own copy over 4 hops.
    expect(layerActions(net, config(UNICAST))[0].counts.nocBitHop).toBeCloseTo((T * 2312 * 32 + T * 2128 * 15) * 4, 6);
    // The tile-buffer writes do not change: each receiving tile still writes the bit.
    expect(fc1.counts.tileBufferWriteBit).toBe(layerActions(net, config(UNICAST))[0].counts.tileBufferWriteBit);
  });

  it('the tree reads the column starts the mapping placed (the 960 -> 448 layer\'s aligned ones), kept on it and out of its JSON', () => {
    const layer = resolveNetwork({
      name: 'm', inputCoding: 'events', input: { channels: 960, height: 1, width: 1 },
      layers: [{ kind: 'linear', name: 'fc1', outFeatures: 448 }],
    }).layers[0];
    const m = mapLayer(layer, 4, 64, config(TREE));
    // 15 row blocks x 14 column blocks, 4 pairs per PE, 8 PEs per tile: 3 column blocks start on the next tile.
    expect(Array.from(m[COLUMN_STARTS])).toEqual(Array.from(columnBlockStarts(15, 14, 4, 8)));
    expect(m[COLUMN_STARTS][2]).toBe(32);
    expect(layerGaps(layer, m, 8)).toEqual(receivingGaps(rowLayout(layer), 64, 15, m[COLUMN_STARTS], 32));
    expect(JSON.stringify(m)).not.toContain('columnStarts');
    expect(JSON.parse(JSON.stringify(m))).toEqual(JSON.parse(JSON.stringify(mapLayer(layer, 4, 64, config(TREE)))));
  });

  it('per input bit: at most the unicast copies, equal when every input goes to one tile (random layers, fuzzed)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 96 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 300 }),
      fc.constantFrom(16, 32, 64), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 30 }),
      (channels, kernel, stride, outputs, size, pesPerTile, twiceHops) => {
        const layer = resolveNetwork({
          name: 'f', inputCoding: 'events', input: { channels, height: 8, width: 8 },
          layers: [{ kind: 'conv', name: 'c', outChannels: outputs, kernel, stride, padding: Math.floor(kernel / 2) }],
        }).layers[0];
        const m = mapLayer(layer, 4, size, config({ 'arch.pesPerTile': pesPerTile }));
        const h = twiceHops / 2;
        const tree = treeLinksPerBit(layerGaps(layer, m, pesPerTile), h);
        expect(tree).toBeLessThanOrEqual(m.inputTiles * h * (1 + 1e-12));
        if (m.tiles === 1) expect(tree).toBe(m.inputTiles * h);
      }), { numRuns: 150, seed: 11 });
  });
});

describe('arch.nocMulticast through the engine', () => {
  it('VGG16 defaults (tree), unicast -> tree: NoC 75.435 -> 61.810 µJ, energy 183.025 -> 169.313 µJ (182.938 before the input delivery was timed, 2026-12-07; 179.951 -> 166.326 before the drain bound of 2026-12-06; 162.707 -> 149.082 until the buffer traffic and SRAM cells of 2026-12-06); latency: only conv11\'s unicast delivery binds', () => {
    const net = zooNetwork('vgg16-cifar10');
    const [u, t] = [evaluate(net, config(UNICAST)), evaluate(net, config(TREE))];
    expect(evaluate(net, config())).toEqual(t);
    expect([u.breakdown.energy_pJ.noc, t.breakdown.energy_pJ.noc].map((e) => (e / 1e6).toFixed(3))).toEqual(['75.435', '61.810']);
    expect([u.energy_pJ, t.energy_pJ].map((e) => (e / 1e6).toFixed(3))).toEqual(['183.025', '169.313']);
    // The drains are unicast either way; the inputs' way out of the global unit is timed since 2026-12-07 (docs/simulator.md,
    // the input delivery bound): conv11's 512x2x2 pooled counts, 3 bit-planes, 6,144 bits per timestep, a copy for each of
    // its 36 tiles: ceil(36·6144 / 32) = 6,912 clocks = 27,648 ns per timestep against its own 56,056.01 / 4 ns.
    const conv11 = t.layers[14];
    expect([conv11.name, conv11.latency_ns]).toEqual(['conv11', expect.closeTo(56_056.01, 2)]);
    expect(u.layers[14].latency_ns).toBe(4 * 27_648);
    expect(u.latency_ns - t.latency_ns).toBeCloseTo(4 * 27_648 - conv11.latency_ns, 6);
    expect(t.energy_pJ - t.breakdown.energy_pJ.noc - t.breakdown.energy_pJ.leakage).toBeCloseTo(u.energy_pJ - u.breakdown.energy_pJ.noc - u.breakdown.energy_pJ.leakage, 3);
  });

  it('two configurations differing only in arch.nocMulticast, interleaved: evaluate and evaluateTotals equal bit for bit', () => {
    const net = zooNetwork('nmnist-fc3');
    const configs = [config(UNICAST), config(TREE), config({ ...UNICAST, 'arch.balance': 'on' }), config({ ...TREE, 'arch.balance': 'on' })];
    const first = configs.map((c) => evaluate(net, c));
    expect(first[1].energy_pJ).toBeLessThan(first[0].energy_pJ);
    for (const i of [1, 0, 3, 2, 1, 3, 0, 2]) {
      expect(evaluate(net, configs[i])).toEqual(first[i]);
      const { layers: _layers, ...totals } = first[i];
      expect(evaluateTotals(net, configs[i])).toEqual(totals);
    }
  });

  it('replication (copies 4/2/1: 54 -> 181 tiles, 4 -> 7 hops) moves fc1 to its tree at 7 hops, not x 7/4', () => {
    const net = zooNetwork('nmnist-fc3');
    const o = { ...TREE, 'layers.fc1.arch.replicate': 4, 'layers.fc2.arch.replicate': 2 };
    expect(meanHops(evaluate(net, config(o)).tiles)).toBe(7);
    const [fc1] = layerActions(net, config(o));
    expect(fc1.counts.nocBitHop).toBeCloseTo(T * (2312 * 7 + 82648) + T * 2128 * 15 * 7, 6);
    const ratio = (T * (2312 * 7 + 82648) + T * 2128 * 15 * 7) / 878304;
    expect(evaluate(net, config(o)).layers[0].breakdown.energy_pJ.noc).toBeCloseTo(evaluate(net, config(TREE)).layers[0].breakdown.energy_pJ.noc * ratio, 6);
  });

  it('training delivers its inputs and errors over the same trees: the weight-gradient phase falls, the state buffer does not move', () => {
    const net = zooNetwork('nmnist-fc3');
    for (const algorithm of ['bptt', 'sdfa']) {
      const o = { 'training.algorithm': algorithm, ...UNICAST };
      const [u, t] = [trainingView(net, config(o)), trainingView(net, config({ ...o, ...TREE }))];
      expect(u.layers[0].inputTreeLinks).toBe(0);
      expect(t.layers[0].inputTreeLinks).toBeCloseTo(4 + 82648 / 2312, 12);
      const [cu, ct] = [trainingCost(net, config(o)).breakdown_pJ, trainingCost(net, config({ ...o, ...TREE })).breakdown_pJ];
      expect(ct.weightGradient).toBeLessThan(cu.weightGradient);
      expect(ct.forward).toBeLessThan(cu.forward);
      expect(ct.stateBuffer).toBe(cu.stateBuffer);
    }
  });

  it('an unknown value is refused in one line naming the parameter, the value and the choices', () => {
    expect(refusal(() => config({ 'arch.nocMulticast': 'multicast' }))).toBe('arch.nocMulticast: got "multicast", expected one of unicast, tree');
  });
});
