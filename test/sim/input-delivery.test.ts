import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, type HardwareConfig } from '../../src/hardware/config.js';
import { meanHops } from '../../src/hardware/components/interconnect.js';
import { resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { evaluate, layerActions } from '../../src/sim/evaluate.js';
import { columnBlockStarts, contiguousStarts, meanOutputTiles as spansOf } from '../../src/sim/tileSpans.js';
import { mapLayer } from '../../src/sim/mapping.js';
import type { Network } from '../../src/model/types.js';

// Unicast copies (arch.nocMulticast = 'unicast', a copy per receiving tile): NoC bits = delivered bits x hops + the
// drain; the default multicast tree is test/sim/multicast.test.ts.
const config = (overrides: Record<string, unknown> = {}): HardwareConfig =>
  applyOverrides(defaultConfig(), { 'arch.nocMulticast': 'unicast', ...overrides });
// One linear layer on event inputs (dense spikes: T·inputs bits, T = 4), differential pairs of 64 x 64 crossbars,
// 4-bit cells (2 slices of 8-bit weights), 4 pairs per PE, 1 PE per tile: 4 weight blocks per tile.
const linear = (inputs: number, outputs: number): Network => resolveNetwork({
  name: `fc${inputs}x${outputs}`, inputCoding: 'events', input: { channels: inputs, height: 1, width: 1 },
  layers: [{ kind: 'linear', name: 'fc', outFeatures: outputs }],
});
const onePePerTile = config({ 'arch.pesPerTile': 1 });
const T = 4;

describe('layer inputs go to the tiles holding the rows they drive, and each of those tiles writes them', () => {
  it('1 row block x 10 column blocks on 3 tiles: every input bit goes to all 3, written 3 times', () => {
    const net = linear(50, 300);
    const m = mapLayer(net.layers[0], 4, 64, onePePerTile);
    expect([m.rowBlocks, m.columnBlocks, m.tiles, m.inputTiles]).toEqual([1, 10, 3, 3]);
    expect(layerActions(net, onePePerTile)[0].counts.tileBufferWriteBit).toBe(T * 50 * 3);
  });

  it('3 row blocks x 2 column blocks, 4 blocks per tile (fewer row blocks than a tile holds): row block 0 reaches 1 tile, 1 and 2 reach 2', () => {
    // Blocks c·3 + r: tile 0 holds (0,0) (1,0) (2,0) (0,1), tile 1 holds (1,1) (2,1). Rows 64, 64, 22 of 150.
    const net = linear(150, 64);
    const m = mapLayer(net.layers[0], 4, 64, onePePerTile);
    expect([m.rowBlocks, m.columnBlocks, m.tiles]).toEqual([3, 2, 2]);
    expect(m.inputTiles).toBe((64 * 1 + 64 * 2 + 22 * 2) / 150);
    const [fc] = layerActions(net, onePePerTile);
    // Column block 1 (blocks 3-5) straddles tiles 0 and 1: its outputs' sums come from 1.5 tiles on average, and
    // half a tile's 64 11-bit sums (5-bit converter word + 4-bit top-slice shift + 2 row-block bits) wait in the
    // global buffer (arch.psumReduction = global), beside the 64 output spikes.
    const acc = evaluate(net, onePePerTile).layers[0].accumulatorBits;
    expect([m.outputTiles, acc]).toEqual([1.5, 11]);
    expect(fc.counts.tileBufferWriteBit).toBe(T * 236);
    expect(fc.counts.globalBufferWriteBit).toBe(T * 0.5 * 64 * 11 + T * 64);
    // One hop (2 tiles); the drain: 1.5 tiles x 64 outputs x 11 bits.
    expect(fc.counts.nocBitHop).toBe(T * 236 + T * 1.5 * 64 * 11);
  });

  it('a conv layer\'s rows are (ky, kx, c): an input neuron drives a row in every kernel offset its windows cover (3x3 on 64 channels: 9 row blocks on 3 tiles)', () => {
    const conv = (stride: number) => resolveNetwork({
      name: 'conv', inputCoding: 'events', input: { channels: 64, height: 8, width: 8 },
      layers: [{ kind: 'conv', name: 'c', outChannels: 32, kernel: 3, stride, padding: 1 }],
    }).layers[0];
    // Row block r is offset r (64 channels each), 1 column block, 4 blocks per tile: offsets 0-3, 4-7 and 8 per tile.
    const m = mapLayer(conv(1), 4, 64, onePePerTile);
    expect([m.rowBlocks, m.columnBlocks, m.tiles, m.inputTiles]).toEqual([9, 1, 3, 3]);
    // Stride 2: the offsets with ky, kx of the neuron's parity: {0,2,6,8} on 3 tiles, {1,7} and {3,5} on 2, {4} on 1.
    expect(mapLayer(conv(2), 4, 64, onePePerTile).inputTiles).toBe((3 + 2 + 2 + 1) / 4);
  });

  it('nmnist-fc3 fc1 (37 row blocks x 32 column blocks, 32 blocks per tile, 37 tiles): each input bit reaches 32 tiles, not 37', () => {
    const net = zooNetwork('nmnist-fc3');
    const m = mapLayer(net.layers[0], 4, 64, config());
    expect([m.rowBlocks, m.columnBlocks, m.blocksPerPe, m.tiles, m.inputTiles]).toEqual([37, 32, 4, 37, 32]);
    // Its column blocks span 68 tiles (28 of them 2, 4 of them 3: 37c mod 32 > 27). Each holds 32 outputs (2 slices
    // on 64 columns) but the last, 8 (1000 = 31·32 + 8), on 2 tiles: (32·66 + 8·2) / 1000 = 2.128 per output.
    expect(m.outputTiles).toBe((32 * 66 + 8 * 2) / 1000);
    // 2312 dense input spikes x T = 4 into the tile buffers; the 1000 15-bit partial sums of 1.128 other tiles per
    // timestep wait in the global buffer (arch.psumReduction = global) beside the 1000 output spikes; 4 hops (54
    // tiles); the drain is the sums of all 2.128 tiles.
    const [fc1] = layerActions(net, config());
    const e = evaluate(net, config()).layers[0];
    expect(e.accumulatorBits).toBe(15);
    expect(fc1.counts.tileBufferWriteBit).toBe(T * 2312 * 32);
    expect(fc1.counts.globalBufferWriteBit).toBeCloseTo(T * 1128 * 15 + T * 1000, 6);
    expect(fc1.counts.nocBitHop).toBeCloseTo((T * 2312 * 32 + T * 2128 * 15) * 4, 6);
    // The drain of a timestep: 4 hops + ceil(2128 x 15 / 32-bit link) = 998 clocks of 4 ns (250 MHz); under the tree
    // the inputs leave the global unit in ceil(2312 / 32) = 73 clocks, under the reads: that is the layer's own time.
    const own = evaluate(net, config({ 'arch.nocMulticast': 'tree' })).layers[0];
    expect(own.breakdown.latency_ns.noc).toBe(T * (4 + 998) * 4);
    // Unicast, a copy for each of the 32 tiles through the global unit's outgoing channel (since 2026-12-07, docs/simulator.md,
    // the input delivery bound): ceil(32 x 2312 / 32) = 2312 clocks = 9,248 ns per timestep paces the layer; the wait is NoC.
    expect(e.latency_ns).toBe(T * 9248);
    expect(e.breakdown.latency_ns.noc).toBeCloseTo(T * (4 + 998) * 4 + (T * 9248 - own.latency_ns), 6);
  });

  it('an output\'s partial sums come from the tiles its column block spans (block c·R + r in tile floor(block / B))', () => {
    // One output per column block (1 slice, 1 weight column per crossbar), placed contiguously.
    const meanOutputTiles = (R: number, columnBlocks: number, B: number): number =>
      spansOf(R, contiguousStarts(R, columnBlocks), B, { outputs: columnBlocks, slices: 1, perCrossbar: 1 });
    // R < B: aligned (R = 2, B = 4: two column blocks per tile), and straddling (R = 3: block 1 is in tiles 0 and 1).
    expect(meanOutputTiles(2, 4, 4)).toBe(1);
    expect(meanOutputTiles(3, 2, 4)).toBe(1.5);
    // R = B: every column block fills one tile.
    expect(meanOutputTiles(4, 3, 4)).toBe(1);
    // nmnist-fc3 fc1: R = 37, 32 column blocks, B = 32.
    expect(meanOutputTiles(37, 32, 32)).toBe(2.125);
    // R > B: R = 7, B = 4: blocks 0-6 (tiles 0-1), 7-13 (1-3), 14-20 (3-5), 21-27 (5-6).
    expect(meanOutputTiles(7, 4, 4)).toBe((2 + 3 + 3 + 2) / 4);
  });

  it('a partly filled last column block counts for the outputs it holds (1280 -> 33: 32 outputs on 1 tile, 1 on 2)', () => {
    // Contiguous placement: 20 row blocks, column block 0 in slots 0-19 (tile 0), column block 1 (output 32 alone,
    // 2 slices of 64 columns) in slots 20-39 (tiles 0 and 1), 32 blocks per tile: (32·1 + 1·2) / 33 tiles per output.
    expect(spansOf(20, contiguousStarts(20, 2), 32, { outputs: 33, slices: 2, perCrossbar: 64 })).toBe(34 / 33);
    // A 14-bit accumulator: 32·14 + 1·14·2 = 476 bits per position drained, 1·14 of them waiting (T = 4: 56).
    expect(Math.round((34 / 33) * 33 * 14)).toBe(476);
    // An output whose slices straddle two column blocks spans both (3 slices on 4 columns: output 1 is columns 3-5).
    expect(spansOf(1, contiguousStarts(1, 2), 1, { outputs: 2, slices: 3, perCrossbar: 4 })).toBe((1 + 2) / 2);
  });

  it('the QA\'s 1280 -> 33 layer drains 476 bits per position per timestep, 56 of them waiting over T = 4 (693 and 924 counted as full blocks)', () => {
    const net = linear(1280, 33);
    const e = evaluate(net, config()).layers[0];
    const m = e.mapping!;
    expect([m.rowBlocks, m.columnBlocks, m.tiles, e.accumulatorBits]).toEqual([20, 2, 2, 14]);
    expect(m.outputTiles * m.outputs * e.accumulatorBits).toBeCloseTo(476, 9);
    // Global-buffer writes: the waiting sums and the 33 output spikes per timestep.
    expect(layerActions(net, config())[0].counts.globalBufferWriteBit - T * 33).toBeCloseTo(56, 9);
  });

  it('a column block that straddles a tile boundary it need not starts at the next tile when the layer keeps its PEs and tiles (QA: 960 -> 448)', () => {
    // 15 row blocks x 14 column blocks, 4 pairs per PE, 8 PEs per tile (B = 32): 210 blocks, 53 PEs, 7 tiles.
    // Contiguous, 6 column blocks straddle (20/14 tiles per output); 3 free slots let 3 of them start on a tile.
    const starts = columnBlockStarts(15, 14, 4, 8);
    expect(Array.from(starts)).toEqual([0, 15, 32, 47, 62, 77, 96, 111, 126, 141, 160, 175, 190, 205]);
    const evented = (inputs: number): Network => resolveNetwork({
      name: 'm', inputCoding: 'events', spikeRate: 0.1, input: { channels: inputs, height: 1, width: 1 },
      layers: [{ kind: 'linear', name: 'fc1', outFeatures: 448 }, { kind: 'linear', name: 'fc2', outFeatures: 10 }],
    });
    const at = (inputs: number) => evaluate(evented(inputs), defaultConfig()).layers[0];
    const [n960, n961] = [at(960), at(961)];
    expect([n960.mapping!.pes, n960.mapping!.tiles, n960.mapping!.outputTiles]).toEqual([53, 7, 17 / 14]);
    expect(n960.mapping!.inputTiles).toBe(7);
    // The drain: 448 outputs x 14-bit sums x 17/14 tiles (5824 x 20/14 before), 4 hops, 32-bit link, T = 4, 4 ns.
    expect(n960.latency_ns).toBeCloseTo(3792.0045, 3);
    // 961 inputs fill 16 row blocks, two column blocks per tile, 56 PEs: the 3 PEs more that a full alignment of the
    // 960 layer would need too. It stays faster (3168 ns) and larger (more PEs); 960 took 4416 ns before.
    expect(n961.mapping!.pes).toBe(56);
    expect(n961.latency_ns).toBeCloseTo(3168.0045, 3);
  });

  it('no alignment where it would send inputs to more tiles: 1280 -> 33 keeps its contiguous placement (inputs to 1.4 tiles, not 2)', () => {
    const m = mapLayer(linear(1280, 33).layers[0], 4, 64, config());
    expect(Array.from(columnBlockStarts(20, 2, 4, 8))).toEqual([0, 32]);
    expect([m.inputTiles, m.outputTiles]).toEqual([1.4, 34 / 33]);
  });

  it('shared tile packing: the same tiles as per-layer packing, never a fraction of one (nmnist-fc3 fc3: 4 PEs, a share of 0.505 tiles)', () => {
    const net = zooNetwork('nmnist-fc3');
    const own = layerActions(net, config());
    const shared = layerActions(net, config({ 'arch.tilePacking': 'shared' }));
    expect(evaluate(net, config({ 'arch.tilePacking': 'shared' })).tiles).toBe(54);
    shared.forEach((l, i) => {
      expect(l.counts.tileBufferWriteBit).toBe(own[i].counts.tileBufferWriteBit);
      expect(l.counts.nocBitHop).toBe(own[i].counts.nocBitHop);
    });
    // fc3: 1000 dense input spikes x T = 4 to its 1 tile, no partial sums from other tiles.
    expect(shared[2].counts.tileBufferWriteBit).toBe(4000);
  });

  it('NoC bits = delivered input bits x hops + the drain, on every weight layer of three networks and five configurations', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['nmnist-fc3', {}], ['nmnist-fc3', { 'arch.tilePacking': 'shared', 'arch.spikeEncoding': 'aer' }], ['vgg9-cifar10', { 'arch.buffer_KB.pe': 1 }],
      ['vgg9-cifar10', { 'arch.balance': 'on' }], ['resnet19-cifar10', { 'arch.pesPerTile': 2, 'crossbar.size': 128 }],
    ];
    for (const [name, overrides] of cases) {
      const net = zooNetwork(name);
      const c = config(overrides);
      const e = evaluate(net, c);
      const hops = meanHops(e.tiles);
      const actions = layerActions(net, c);
      e.layers.forEach((l, i) => {
        if (!l.mapping) return;
        // Delivered bits are the tile-buffer writes; the drain is every contributing tile's sums, T·positions·outputs·
        // accumulator bits each (those of all but one are the global buffer's partial-sum writes).
        const tileSums = c.snn.timesteps * l.mapping.positions * l.mapping.outputs * l.accumulatorBits;
        expect(actions[i].counts.nocBitHop / hops).toBeCloseTo(actions[i].counts.tileBufferWriteBit + l.mapping.outputTiles * tileSums, 6);
      });
    }
  });

  it('more PEs per tile never raise the NoC bits (nmnist-fc3 fc1 reaches 32 tiles until a tile holds more than 37 blocks)', () => {
    const fc1 = zooNetwork('nmnist-fc3').layers[0];
    const per = [1, 2, 4, 8, 16, 32];
    const maps = per.map((p) => mapLayer(fc1, 4, 64, config({ 'arch.pesPerTile': p })));
    expect(maps.map((m) => m.tiles)).toEqual([296, 148, 74, 37, 19, 10]);
    expect(maps.map((m) => m.inputTiles.toFixed(4))).toEqual(['32.0000', '32.0000', '32.0000', '32.0000', '18.8616', '9.8616']);
    for (const [name, packing] of [['nmnist-fc3', 'per-layer'], ['vgg9-cifar10', 'shared']]) {
      const net = zooNetwork(name);
      const bits = per.map((p) => {
        const c = config({ 'arch.pesPerTile': p, 'arch.tilePacking': packing });
        const hops = meanHops(evaluate(net, c).tiles);
        return layerActions(net, c).map((a) => a.counts.nocBitHop / hops);
      });
      for (let k = 1; k < per.length; k++) bits[k].forEach((b, i) => expect(b).toBeLessThanOrEqual(bits[k - 1][i] * (1 + 1e-12)));
    }
  });
});
