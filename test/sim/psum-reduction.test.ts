/**
 * arch.psumReduction (src/sim/psumReduction.ts): where an output's partial sums from the tiles of its column block are
 * added. 'global' (default): every tile sends its sums to the global unit, the waiting ones held in the global buffer;
 * 'chain': the running sum passes tile to tile (one link each, held once in each receiving tile's buffer) and one sum
 * per output leaves the last tile. Before, every tile's sums went to the global unit but the waiting ones were
 * counted in a tile buffer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { meanHops } from '../../src/hardware/components/interconnect.js';
import { resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { ACTION, actionVector } from '../../src/sim/ela/actions.js';
import { consecutiveDrain, countDrain, drainClocks } from '../../src/sim/ela/counts.js';
import { layerActions } from '../../src/sim/ela/report.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { mapLayer } from '../../src/sim/mapping.js';
import { refusal } from '../helpers/refusal.js';

const config = (o: Record<string, unknown> = {}) => applyOverrides(defaultConfig(), o);
const GLOBAL = { 'arch.psumReduction': 'global' };
const CHAIN = { 'arch.psumReduction': 'chain' };

describe('a drain by hand: 3 tiles, 4 outputs, 16-bit sums, T = 2, 1 position, 4 hops', () => {
  // One tile's sums: 2 x 1 x 4 x 16 = 128 bits; 2 of every output's 3 sums wait for the third.
  const drain = consecutiveDrain(3, 128);
  const counted = (o: Record<string, unknown>) => {
    const out = actionVector();
    countDrain(config(o), drain, 4, out);
    return { noc: out[ACTION.nocBitHop], global: [out[ACTION.globalBufferWriteBit], out[ACTION.globalBufferReadBit]], tile: [out[ACTION.tileBufferWriteBit], out[ACTION.tileBufferReadBit]] };
  };

  it('global: 3 tiles x 128 bits x 4 hops = 1536 bit-hops; 256 bits written and read in the global buffer, none in a tile buffer', () => {
    expect(counted(GLOBAL)).toEqual({ noc: 1536, global: [256, 256], tile: [0, 0] });
    expect(config().arch.psumReduction).toBe('global');
  });

  it('chain: 128 bits x (2 links + 4 hops) = 768 bit-hops; the 256 waiting bits in the receiving tiles\' buffers', () => {
    expect(counted(CHAIN)).toEqual({ noc: 768, global: [0, 0], tile: [256, 256] });
  });

  it('latency per timestep of 64 bits per tile (4 outputs x 16) on 32-bit links: global 4 + ceil(192 / 32) = 10 clocks, chain 4 + 2 + ceil(64 / 32) = 8', () => {
    const perTimestep = consecutiveDrain(3, 64);
    expect(drainClocks(config(GLOBAL), perTimestep, 4)).toBe(10);
    expect(drainClocks(config(CHAIN), perTimestep, 4)).toBe(8);
  });
});

describe('arch.psumReduction through the engine', () => {
  // fc: 576 inputs (9 row blocks of 64) x 4 outputs (1 column block) on 4 blocks per tile: blocks 0-8 span tiles 0-2,
  // so every output's sums come from 3 tiles; 13-bit sums (5-bit word + 4-bit top slice + 4 row-block bits). `wide`
  // only fills the mesh: 53 tiles, 4 hops. T = 2; the inputs (2 x 576 dense spikes) go to 1 tile each over 4 links.
  const net = resolveNetwork({
    name: 'psum', inputCoding: 'events', input: { channels: 576, height: 1, width: 1 },
    layers: [{ kind: 'linear', name: 'fc', outFeatures: 4 }, { kind: 'linear', name: 'wide', outFeatures: 6400 }],
  });
  const at = (o: Record<string, unknown>) => config({ 'arch.pesPerTile': 1, 'snn.timesteps': 2, ...o });

  it('the hand-made layer: 3 tiles per column block, 13-bit sums, 4 hops', () => {
    const e = evaluate(net, at(GLOBAL));
    const m = e.layers[0].mapping;
    expect([e.tiles, meanHops(e.tiles), m?.tiles, m?.outputTiles, m?.inputTiles, e.layers[0].accumulatorBits]).toEqual([53, 4, 3, 3, 1, 13]);
  });

  it('global: NoC 1152 x 4 + 104 x 3 x 4 = 5856 bit-hops; the global buffer writes 208 waiting bits + 8 output spikes and reads 1152 inputs + 208; the tile buffer only the inputs (written, and read into the one PE of 1 per tile)', () => {
    const [fc1] = layerActions(net, at(GLOBAL));
    const c = fc1.counts;
    expect([c.nocBitHop, c.globalBufferWriteBit, c.globalBufferReadBit, c.tileBufferWriteBit, c.tileBufferReadBit]).toEqual([5856, 216, 1360, 1152, 1152]);
    // Drain per timestep: 4 hops + ceil(3 x 4 x 13 / 32) = 9 clocks of 4 ns, T = 2.
    expect(evaluate(net, at(GLOBAL)).layers[0].breakdown.latency_ns.noc).toBe(72);
  });

  it('chain: NoC 1152 x 4 + 104 x (2 + 4) = 5232 bit-hops; the 208 waiting bits in the tile buffers beside the 1152 inputs; drain 4 + 2 + ceil(52 / 32) = 8 clocks', () => {
    const [fc1] = layerActions(net, at(CHAIN));
    const c = fc1.counts;
    expect([c.nocBitHop, c.globalBufferWriteBit, c.globalBufferReadBit, c.tileBufferWriteBit, c.tileBufferReadBit]).toEqual([5232, 8, 1152, 1360, 1360]);
    expect(evaluate(net, at(CHAIN)).layers[0].breakdown.latency_ns.noc).toBe(64);
  });

  it('nmnist-fc3 fc1 (2.128 tiles per output, 1000 15-bit sums, T = 4, 4 hops), chain: 60,000 bits per tile x (1.128 + 4) = 307,680 drain bit-hops, 67,680 waiting bits per tile buffer beside the inputs read into 32 PEs, drain 4 + 1.128 + 469 clocks', () => {
    const net3 = zooNetwork('nmnist-fc3');
    const [fc1] = layerActions(net3, config(CHAIN));
    // The input tree: T x (2312 x 4 + 82,648) links (test/sim/multicast.test.ts).
    expect(fc1.counts.nocBitHop).toBeCloseTo(4 * (2312 * 4 + 82648) + 60_000 * (1.128 + 4), 6);
    // Each input bit is written into the tile buffer of its 32 column blocks' tiles, and read out into their 32 PEs.
    expect(fc1.counts.tileBufferWriteBit).toBeCloseTo(4 * 2312 * 32 + 67_680, 6);
    expect(fc1.counts.tileBufferReadBit).toBeCloseTo(4 * 2312 * 32 + 67_680, 6);
    expect(fc1.counts.globalBufferWriteBit).toBe(4 * 1000);
    expect(evaluate(net3, config(CHAIN)).layers[0].breakdown.latency_ns.noc).toBeCloseTo(4 * (4 + 1.128 + 469) * 4, 9);
  });

  it('per bit of sums: a chain never crosses more links than the global reduction, equal when a column block spans one tile or h = 1 (random layers, fuzzed)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 300 }), fc.constantFrom(16, 32, 64), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 30 }),
      (inputs, outputs, size, pesPerTile, twiceHops) => {
        const layer = resolveNetwork({ name: 'f', inputCoding: 'events', input: { channels: inputs, height: 1, width: 1 }, layers: [{ kind: 'linear', name: 'l', outFeatures: outputs }] }).layers[0];
        const m = mapLayer(layer, 4, size, config({ 'arch.pesPerTile': pesPerTile }));
        const h = twiceHops / 2;
        const sums = (o: Record<string, unknown>) => {
          const out = actionVector();
          countDrain(config(o), consecutiveDrain(m.outputTiles, 100), h, out);
          return out[ACTION.nocBitHop];
        };
        expect(sums(CHAIN)).toBeLessThanOrEqual(sums(GLOBAL) * (1 + 1e-12));
        if (m.outputTiles === 1 || h === 1) expect(sums(CHAIN)).toBeCloseTo(sums(GLOBAL), 9);
      }), { numRuns: 150, seed: 12 });
  });

  it('a misspelt value is refused in one line naming the parameter, the value, the choices and the closest', () => {
    expect(refusal(() => config({ 'arch.psumReduction': 'chian' }))).toBe('arch.psumReduction: got "chian", expected one of global, chain (did you mean "chain"?)');
  });

  it('SpikeSim\'s component costs have no NoC and no partial-sum buffering: their energy does not move', () => {
    const spikesim = { 'arch.componentCosts': 'spikesim-ela' };
    const net3 = zooNetwork('nmnist-fc3');
    expect(evaluate(net3, config({ ...spikesim, ...CHAIN })).breakdown.energy_pJ).toEqual(evaluate(net3, config(spikesim)).breakdown.energy_pJ);
  });
});
