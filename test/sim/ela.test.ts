import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, type HardwareConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import {
  accessDrainCapacitance65nm_F, bitlineCapacitance_F, conductanceLevels, senseTime_ns as senseTimeAt,
} from '../../src/hardware/components/crossbar.js';
import { rowDriverEnergy_pJ } from '../../src/hardware/components/digital.js';
import { ACTIONS, COMPONENTS, evaluate, evaluateTotals, layerActions } from '../../src/sim/evaluate.js';
import { ACTION_COUNT, actionVector, addInferenceEnergy } from '../../src/sim/ela/actions.js';
import { HAND_NETWORK as hand } from '../helpers/handNetwork.js';

const config = (overrides: Record<string, unknown> = {}): HardwareConfig => applyOverrides(defaultConfig(), overrides);

// 1T-1R stack levels at the defaults (R_on 20 kΩ, On/Off 10, 4-bit cells): the access transistor (0.25 R_on = 5 kΩ)
// in series, so G_on = 1/25 kΩ, G_off = 1/205 kΩ; sensing t = C_BL·20 mV / (0.1 V·ΔG), C_BL = X·0.20981 fF + 10 fF
// (per cell 4F of wire, 0.26 µm x 0.274 fF/µm, and the 0.13857 fF drain of the 0.1947 µm access transistor).
const G_ON_S = 1 / 25e3;
const G_OFF_S = 1 / 205e3;
const DELTA_G_S = (G_ON_S - G_OFF_S) / 15;
const C_BL_PER_CELL_F = 4 * 0.065 * 0.274e-15 + accessDrainCapacitance65nm_F(20e3);
const senseTime_ns = (rows: number): number => (((rows * C_BL_PER_CELL_F + 10e-15) * 0.02) / (0.1 * DELTA_G_S)) * 1e9;

describe('action counts (hand network 100 -> 40 -> 10, offset-diff, T 4, 64x64, 4-bit cells, 5-bit SAR, 8 columns per ADC)', () => {
  it('fc2: exact counts by hand', () => {
    const [, fc2] = layerActions(hand, config({ 'crossbar.signedMapping': 'offset-diff' }));
    // 4 reads (T 4, 1 position, 1 input cycle), 40 rows, 10 outputs x 2 slices = 20 columns, 1 row block, spike rate 0.1
    expect(fc2.counts).toEqual({
      cellRead: 4 * 0.1 * 40 * 20, // 320 active cells
      conversion: 4 * 1 * 20,
      rowDrive: 4 * 0.1 * 40,
      muxSelect: 80,
      shiftAdd: 80,
      accumulate: 0, // one row block, spiking input: nothing to accumulate
      diffSubtract: 4 * 10,
      popcountAdd: 4 * 40,
      zeroCheck: 0, // adc.skipZeroReads off
      spikeAdd: 0,
      globalBufferReadBit: 4 * 40,
      globalBufferWriteBit: 4 * 10,
      tileBufferReadBit: 4 * 40, // read out into the one PE buffer that needs them (no partial sums from other tiles)
      tileBufferWriteBit: 4 * 40,
      peBufferReadBit: 4 * 40,
      peBufferWriteBit: 4 * 40,
      lifUpdate: 4 * 10,
      nocBitHop: (4 * 40 + 4 * 10 * 9) * 1, // inputs + 9-bit sums of 1 tile group, 1 hop (2 tiles)
      htreeBit: 4 * 40 + 80 * 5,
      // On-chip training actions: none in an inference.
      writePulse: 0, verifyRead: 0, transposedCellRead: 0, transposedConversion: 0, feedbackCellRead: 0, feedbackConversion: 0,
      feedbackMac: 0, feedbackReadBit: 0, prngBit: 0, errorMac: 0, gradientAdd: 0, gradientBit: 0, stateWriteBit: 0, stateReadBit: 0,
    });
  });
  it('buffers conserve the input bits; the H-tree carries the fill of each PE buffer once (the fetches without PE buffers)', () => {
    // fc2 at X = 16: 40 rows in 3 row blocks, 10 outputs x 2 slices = 20 columns in 2 column blocks, 2 arrays, 4 pairs
    // per PE: blocks 0-2 (column block 0) and 3 in PE 0, blocks 4-5 in PE 1, all in one tile. Rows 0-15 reach PE 0
    // only, rows 16-39 PEs 0 and 1: (16·1 + 24·2) / 40 = 1.6 PEs per input bit. 4 reads of 40 rows, 160 input bits.
    const cfg = (pe: number) => config({ 'crossbar.size': 16, 'arch.buffer_KB.pe': pe });
    const fc2 = (pe: number) => layerActions(hand, cfg(pe))[1].counts;
    const adcBits = evaluate(hand, cfg(5)).layers[1].hardware?.adcBits ?? NaN;
    const inputHtree = (c: ReturnType<typeof fc2>) => c.htreeBit - c.conversion * adcBits;
    // Written into the tile buffer once, read out of it over the H-tree into the 1.6 PE buffers (the twins of a pair
    // share one), fetched from them by each of the 2 column blocks.
    const withPe = fc2(5);
    expect([withPe.tileBufferWriteBit, withPe.tileBufferReadBit, withPe.peBufferWriteBit, withPe.peBufferReadBit, inputHtree(withPe)])
      .toEqual([160, 160 * 1.6, 160 * 1.6, 160 * 2, 160 * 1.6]);
    // No PE buffers: each column block's reads fetch from the tile buffer over the H-tree; no PE-buffer action.
    const noPe = fc2(0);
    expect([noPe.tileBufferWriteBit, noPe.tileBufferReadBit, noPe.peBufferWriteBit, noPe.peBufferReadBit, inputHtree(noPe)])
      .toEqual([160, 160 * 2, 0, 0, 160 * 2]);
  });
  it('energy per component = Σ counts x prices (leakage aside), for every layer of three networks', () => {
    const cases = [
      [hand, config({ 'crossbar.signedMapping': 'offset-diff' })],
      [zooNetwork('vgg9-cifar10'), config({ 'adc.sharing': 'pe', 'arch.buffer_KB.pe': 0, 'tech.node_nm': 32 })],
      [zooNetwork('resnet19-cifar10'), config({ 'adc.kind': 'ramp', 'layers.conv1.device.bitsPerCell': 2 })],
    ] as const;
    for (const [net, cfg] of cases) {
      const e = evaluate(net, cfg);
      const actions = layerActions(net, cfg);
      expect(actions.map((a) => a.name)).toEqual(e.layers.map((l) => l.name));
      let total = e.breakdown.energy_pJ.leakage;
      actions.forEach((a, i) => {
        const byComponent = Object.fromEntries(COMPONENTS.map((c) => [c, 0]));
        for (const action of ACTIONS) byComponent[action.component] += a.counts[action.name] * a.prices_pJ[action.name];
        for (const c of COMPONENTS) {
          if (c === 'leakage') continue;
          expect(byComponent[c]).toBeCloseTo(e.layers[i].breakdown.energy_pJ[c], 9);
          total += byComponent[c];
        }
      });
      expect(total / e.energy_pJ).toBeCloseTo(1, 12);
    }
  });
});

describe('inference energy bills every action but the on-chip training ones (docs/architecture.md, "To add an energy action")', () => {
  // An action appended to ACTIONS as the doc says was counted and priced, yet never billed: the sum stopped at writePulse.
  const TRAINING = ['writePulse', 'verifyRead', 'transposedCellRead', 'transposedConversion', 'feedbackCellRead', 'feedbackConversion',
    'feedbackMac', 'feedbackReadBit', 'prngBit', 'errorMac', 'gradientAdd', 'gradientBit', 'stateWriteBit', 'stateReadBit'];
  it('one count of each action at 1 pJ adds 1 pJ to its component, or nothing for a training action', () => {
    expect(ACTIONS.filter((a) => TRAINING.includes(a.name)).map((a) => a.name)).toEqual(TRAINING);
    for (let a = 0; a < ACTION_COUNT; a++) {
      const counts = actionVector();
      const prices = actionVector();
      counts[a] = 1;
      prices[a] = 1;
      const energy = COMPONENTS.map(() => 0);
      addInferenceEnergy(counts, prices, energy);
      const billed = TRAINING.includes(ACTIONS[a].name) ? 0 : 1;
      expect(energy, ACTIONS[a].name).toEqual(COMPONENTS.map((c) => (c === ACTIONS[a].component ? billed : 0)));
    }
  });
});

describe("adc.kind = 'ramp' in the ELA engine, by hand (fc2 of the hand network)", () => {
  const e = evaluate(hand, config({ 'crossbar.signedMapping': 'offset-diff', 'adc.kind': 'ramp' }));
  const fc2 = e.layers[1];
  it('energy: 80 conversions x 0.99464848 pJ', () => {
    expect(fc2.breakdown.energy_pJ.adc).toBeCloseTo(80 * 0.99464848, 9);
  });
  it('latency: 4 reads x 8 columns per converter x 32 ns, plus sensing, NoC drain and LIF as with a SAR', () => {
    expect(fc2.breakdown.latency_ns.adc).toBeCloseTo(4 * 8 * 32, 9);
    expect(fc2.latency_ns).toBeCloseTo(4 * senseTime_ns(64) + 4 * 8 * 32 + 4 * (1 + 3) * 4 + 32, 9);
  });
  it('area: 64 / 8 = 8 converters of 74 µm²', () => {
    expect(fc2.breakdown.area_mm2.adc).toBeCloseTo(8 * 74e-6, 15);
    expect(fc2.hardware?.adcKind).toBe('ramp');
    expect(fc2.hardware?.columnsPerAdc).toBe(8);
  });
});

describe('column mux: charged only when a converter reads more than one column (docs/simulator.md, docs/validation.md)', () => {
  const muxOf = (overrides: Record<string, unknown>, layer = 1) => layerActions(hand, config(overrides))[layer].counts;
  it('one column per converter: no mux selection, whatever the converter kind', () => {
    for (const kind of ['sar', 'flash', 'ramp', 'senseamp']) {
      const c = muxOf({ 'adc.kind': kind, 'adc.columnsPerAdc': 1 });
      expect(c.conversion, kind).toBeGreaterThan(0);
      expect(c.muxSelect, kind).toBe(0);
    }
  });
  it('two or more columns per converter: one selection per conversion', () => {
    for (const kind of ['sar', 'flash', 'ramp']) {
      const c = muxOf({ 'adc.kind': kind, 'adc.columnsPerAdc': 2 });
      expect(c.muxSelect, kind).toBe(c.conversion);
    }
  });
  it('one column per converter shared over a PE\'s crossbars: the converter still selects among them', () => {
    // fc1: 100 rows x 40 outputs x 2 slices on 64x64 crossbars = 2 row blocks x 2 column blocks, one PE.
    const c = muxOf({ 'adc.columnsPerAdc': 1, 'adc.sharing': 'pe' }, 0);
    expect(c.muxSelect).toBe(c.conversion);
  });
});

describe('a converter walks only the weight columns it serves (docs/simulator.md, mapping table)', () => {
  const mlp = zooNetwork('mlp-mnist');
  it('mlp-mnist fc2 at 64 columns per ADC: 20 columns (10 outputs x 2 slices) on one converter, 2.0011 + 20 x 6 ns = 122.0011 ns', () => {
    // 5-bit SAR: (5 + 1) x 1 ns per conversion; sensing 2.0011293 ns (64-row bit line, R_on 20 kΩ). The converter has 64
    // mux inputs but fc2 maps 20 weight columns on its crossbar, as its conversions (20 per read) count: 386.0011 ns charged 64.
    const e = evaluate(mlp, config({ 'adc.columnsPerAdc': 64 }));
    expect(e.layers[1].mapping!.columns).toBe(20);
    expect(e.layers[1].readTime_ns).toBeCloseTo(2.0011293 + 20 * 6, 6);
    expect(e.layers[1].readTime_ns).toBe(e.layers[1].senseTime_ns + 20 * 6);
  });
  it('reference-column, 64 columns per ADC: fc1 fills its crossbars\' 62 weight columns, 2.0011 + 62 x 6 ns = 374.0011 ns, not 64 slots', () => {
    const e = evaluate(mlp, config({ 'adc.columnsPerAdc': 64, 'crossbar.signedMapping': 'reference-column' }));
    expect(e.layers[0].mapping!.weightColumnsPerCrossbar).toBe(62);
    expect(e.layers[0].readTime_ns).toBeCloseTo(2.0011293 + 62 * 6, 6);
  });
});

describe('accumulate: the adder and the register it clocks (NeuroSim V1.4 DFF, docs/sources.md#circuits-3-2)', () => {
  it('fc1 (direct input, 2 row blocks): a 17-bit accumulate costs 17·(137/16 + 11.2) fJ = 0.3359625 pJ, the lane\'s register included', () => {
    // fc1: 100 rows on 64-row crossbars = 2 row blocks; 8-bit direct inputs in 8 bit-serial cycles; accumulator = 5-bit
    // SAR + 4-bit top-slice shift + log2(2) + (8 - 1) = 17 bits. Adder 17·0.137/16 = 0.1455625 pJ (the old price) +
    // register 17·0.0112 = 0.1904 pJ = 0.3359625 pJ at 65 nm (energy factor 1).
    const [fc1] = layerActions(hand, config({ 'crossbar.signedMapping': 'offset-diff' }));
    expect(fc1.prices_pJ.accumulate).toBeCloseTo(0.3359625, 12);
  });
});

describe('bit line and word line span the whole crossbar, however few of its rows and columns a layer maps (docs/simulator.md §3)', () => {
  // fc2 maps 40 rows x 20 columns onto a 64x64 crossbar: its bit lines still pass 64 cells and its word lines 64 cells
  // (NeuroSim sizes capCol and capRow from the subarray's numRow and numCol).
  const [, fc2] = layerActions(hand, config({ 'crossbar.signedMapping': 'offset-diff' }));
  it('sensing: C_BL = 64·0.20981 fF + 10 fF = 23.428 fF -> 2.0011293 ns, not the 40 mapped rows (1.5710183 ns)', () => {
    const e = evaluate(hand, config({ 'crossbar.signedMapping': 'offset-diff' }));
    expect(e.layers[1].senseTime_ns).toBeCloseTo(senseTime_ns(64), 12);
    expect(e.layers[1].senseTime_ns).toBeCloseTo(2.0011293, 7);
  });
  it('row drive: 64·(0.21372 + 0.46597) fF·(1.1 V)² = 52.635 fJ per driven word line, not the 20 mapped columns', () => {
    // Per cell: 12F of wire (0.78 µm x 0.274 fF/µm) + the gate of a 0.1947 µm access transistor (R_on 20 kΩ).
    expect(fc2.prices_pJ.rowDrive).toBeCloseTo(64 * (0.21372e-15 + 0.1947 * 2.393268e-15) * 1.21 * 1e12, 15);
    expect(fc2.prices_pJ.rowDrive).toBeCloseTo(0.0526351, 7);
  });
});

describe('H-tree wire energy at another node: V_dd² per mm, over the node-scaled tile side (docs/simulator.md, Interconnect)', () => {
  it('22 nm: 0.085 pJ/bit/mm x tile side x (0.85 V / 1.1 V)², not x the gate factor 1/7.32 on top of the shorter wire', () => {
    const cfg = config({ 'tech.node_nm': 22 });
    const e = evaluate(hand, cfg);
    const fc2 = e.layers[1];
    expect(fc2.mapping!.tiles).toBe(1);
    const a = fc2.breakdown.area_mm2;
    const tileSide_mm = Math.sqrt(a.crossbar + a.adc + a.periphery + a.buffer);
    const [, prices] = layerActions(hand, cfg);
    expect(prices.prices_pJ.htreeBit).toBeCloseTo(0.085 * tileSide_mm * (0.85 / 1.1) ** 2, 15);
  });
});

describe('bit and word lines at another node: per-cell part with the pitch F, sense node like a gate (docs/simulator.md, Technology scaling)', () => {
  // C_BL(N) = 64·0.20981 fF·N/65 + 10 fF·(1/f_E)/(V_N/1.1 V)²; 22 nm: f_E 7.32, V_dd 0.85 V.
  const c22_F = 64 * C_BL_PER_CELL_F * (22 / 65) + 10e-15 / 7.32 / (0.85 / 1.1) ** 2;
  const cfg = config({ 'crossbar.signedMapping': 'offset-diff', 'tech.node_nm': 22 });
  it('22 nm: C_BL = 6.833 fF -> 0.5836 ns sensing (65 nm: 23.43 fF, 2.001 ns)', () => {
    const e = evaluate(hand, cfg);
    expect(e.layers[1].senseTime_ns).toBeCloseTo(((c22_F * 0.02) / (0.1 * DELTA_G_S)) * 1e9, 12);
    expect(e.layers[1].senseTime_ns).toBeCloseTo(0.5836273, 6);
  });
  it('22 nm row drive: C_WL(22 nm)·(0.85 V)², not the 65 nm line x the gate factor 1/7.32', () => {
    // Wire x22/65, access gates x(1/7.32)/(0.85/1.1)² (docs/simulator.md, Crossbar lines).
    const cWl22_F = 64 * (0.21372e-15 * (22 / 65) + (0.1947 * 2.393268e-15) / 7.32 / (0.85 / 1.1) ** 2);
    const [, fc2] = layerActions(hand, cfg);
    expect(fc2.prices_pJ.rowDrive).toBeCloseTo(cWl22_F * 0.85 ** 2 * 1e12, 15);
  });
  it('the same design senses faster at a smaller node: 130 > 65 > 22 > 14 nm', () => {
    const t = [130, 65, 22, 14].map((node) => evaluate(hand, config({ 'tech.node_nm': node })).layers[1].senseTime_ns);
    for (let i = 1; i < t.length; i++) expect(t[i], `${i}`).toBeLessThan(t[i - 1]);
  });
});

describe('the word line follows R_on: its gates are access transistors sized by it (docs/simulator.md, Crossbar lines)', () => {
  const vgg = zooNetwork('vgg16-cifar10');
  const low = config({ 'device.rOn_ohm': 20e3 });
  const high = config({ 'device.rOn_ohm': 100e3 });
  // Only the row drivers' price moves the periphery with R_on: the difference is Σ rowDrive counts x the price step.
  const drives = layerActions(vgg, low).reduce((n, a) => n + a.counts.rowDrive, 0);
  const step_pJ = rowDriverEnergy_pJ(64, 65, 20e3) - rowDriverEnergy_pJ(64, 65, 100e3);
  it('VGG16: two configurations differing only in R_on, interleaved through evaluateTotals and evaluate, never a stale price', () => {
    expect(step_pJ).toBeGreaterThan(0.0119);
    const periphery = [
      evaluateTotals(vgg, low), evaluateTotals(vgg, high), evaluate(vgg, low), evaluate(vgg, high),
      evaluateTotals(vgg, high), evaluateTotals(vgg, low), evaluate(vgg, high), evaluate(vgg, low),
    ].map((e) => e.breakdown.energy_pJ.periphery);
    for (const [lo, hi] of [[0, 1], [2, 3], [5, 4], [7, 6]]) expect(periphery[lo] - periphery[hi], `${lo}, ${hi}`).toBeCloseTo(drives * step_pJ, 3);
    expect(layerActions(vgg, high).map((a) => a.prices_pJ.rowDrive).filter((p) => p > 0)[0]).toBe(rowDriverEnergy_pJ(64, 65, 100e3));
  });
  it('a per-layer R_on reaches that layer\'s row drivers only', () => {
    const [fc1, fc2] = layerActions(hand, config({ 'layers.fc1.device.rOn_ohm': 100e3 }));
    expect(fc1.prices_pJ.rowDrive).toBe(rowDriverEnergy_pJ(64, 65, 100e3));
    expect(fc2.prices_pJ.rowDrive).toBe(rowDriverEnergy_pJ(64, 65, 20e3));
    // 52.635 fJ at 20 kΩ, 40.644 fJ at 100 kΩ (access gates 0.466 -> 0.311 fF per cell: the 2F floor, 0.13 µm).
    expect(fc2.prices_pJ.rowDrive - fc1.prices_pJ.rowDrive).toBeCloseTo(0.0119912, 7);
  });
});

describe('the bit line follows R_on: its cells\' drains are access transistors sized by it (docs/simulator.md, Crossbar lines)', () => {
  const vgg = zooNetwork('vgg16-cifar10');
  const low = config({ 'device.rOn_ohm': 20e3 });
  const high = config({ 'device.rOn_ohm': 100e3 });
  // ΔG ∝ 1/R_on (R_access = 0.25·R_on), so 5x R_on senses 5x slower x the lighter bit line: 21.968 / 23.428 fF (the
  // 100 kΩ access transistor floored at 2F, 0.13 µm).
  const ratio = 5 * (bitlineCapacitance_F(64, 65, 100e3) / bitlineCapacitance_F(64, 65, 20e3));
  it('VGG16: two configurations differing only in R_on, interleaved through evaluateTotals and evaluate, never a stale sensing time', () => {
    expect(ratio).toBeCloseTo(4.68840, 5);
    const runs = [
      evaluateTotals(vgg, low), evaluateTotals(vgg, high), evaluate(vgg, low), evaluate(vgg, high),
      evaluateTotals(vgg, high), evaluateTotals(vgg, low), evaluate(vgg, high), evaluate(vgg, low),
    ];
    const sensing = runs.map((e) => e.breakdown.latency_ns.crossbar);
    const cells = runs.map((e) => e.breakdown.energy_pJ.crossbar);
    for (const [lo, hi] of [[0, 1], [2, 3], [5, 4], [7, 6]]) {
      expect(sensing[hi] / sensing[lo], `${lo}, ${hi}`).toBeCloseTo(ratio, 12);
      // Cell read energy V²·G_mean·t: G_mean ∝ 1/R_on, so only the bit line's share of 5x remains.
      expect(cells[hi] / cells[lo], `${lo}, ${hi}`).toBeCloseTo(ratio / 5, 12);
    }
    for (const [a, b] of [[0, 2], [0, 5], [0, 7], [1, 3], [1, 4], [1, 6]]) {
      expect(runs[a].energy_pJ, `${a}, ${b}`).toBe(runs[b].energy_pJ);
      expect(runs[a].latency_ns, `${a}, ${b}`).toBe(runs[b].latency_ns);
    }
  });
  it('a per-layer R_on reaches that layer\'s sensing time only', () => {
    const e = evaluate(hand, config({ 'layers.fc1.device.rOn_ohm': 100e3, 'crossbar.signedMapping': 'offset-diff' }));
    const levels = (rOn: number) => conductanceLevels(rOn, 10, 4).deltaG_S;
    expect(e.layers[0].senseTime_ns).toBe(senseTimeAt(64, 0.1, levels(100e3), 65, 100e3));
    expect(e.layers[1].senseTime_ns).toBe(senseTimeAt(64, 0.1, levels(20e3), 65, 20e3));
    expect(e.layers[1].senseTime_ns).toBeCloseTo(2.0011293, 7);
    expect(e.layers[0].senseTime_ns).toBeCloseTo(2.0011293 * ratio, 6);
  });
});
