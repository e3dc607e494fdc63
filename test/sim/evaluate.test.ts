import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, SPIKESIM_ELA_OVERRIDES, type HardwareConfig } from '../../src/hardware/config.js';
import { flattenConfigObject } from '../../src/hardware/configFile.js';
import { adcBitsNeeded, conversionEnergy_pJ, converterCost } from '../../src/hardware/components/adc.js';
import { adderEnergy_pJ, rowDriverEnergy_pJ } from '../../src/hardware/components/digital.js';
import { accessDrainCapacitance65nm_F, losslessAdcBits } from '../../src/hardware/components/crossbar.js';
import { sramArea_um2, sramCost } from '../../src/hardware/components/sram.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluate, layerActions, type Evaluation } from '../../src/sim/evaluate.js';
import { HAND_NETWORK as hand } from '../helpers/handNetwork.js';

const config = (overrides: Record<string, unknown> = {}): HardwareConfig => applyOverrides(defaultConfig(), overrides);
const vgg16 = (overrides: Record<string, unknown> = {}): Evaluation => evaluate(zooNetwork('vgg16-cifar10'), config(overrides));

// 1T-1R stack levels at the defaults (R_on 20 kΩ, On/Off 10, 4-bit cells): the access transistor (0.25 R_on = 5 kΩ)
// in series, so G_on = 1/25 kΩ, G_off = 1/205 kΩ; sensing t = C_BL·20 mV / (0.1 V·ΔG), C_BL = X·0.20981 fF + 10 fF (the
// bit line passes all X = 64 cells of the column, mapped or not; per cell 4F of wire, 0.07124 fF, and the 0.13857 fF drain
// of the cell's 0.1947 µm access transistor).
const G_ON_S = 1 / 25e3;
const G_OFF_S = 1 / 205e3;
const DELTA_G_S = (G_ON_S - G_OFF_S) / 15;
const G_MEAN_S = (G_ON_S + G_OFF_S) / 2;
const C_BL_PER_CELL_F = 4 * 0.065 * 0.274e-15 + accessDrainCapacitance65nm_F(20e3);
const senseTime_ns = (rows: number): number => (((rows * C_BL_PER_CELL_F + 10e-15) * 0.02) / (0.1 * DELTA_G_S)) * 1e9;
/** fc2's crossbar energy: 4 reads · 0.1 · 40 rows · 20 columns active cells · (0.1 V)²·G_mean·t_sense(64-row bit line). */
const FC2_CROSSBAR_pJ = 4 * 0.1 * 40 * 20 * 0.01 * G_MEAN_S * senseTime_ns(64) * 1e3;

describe('hand-computed small network (100 -> 40 -> 10, defaults with offset-diff: T 4, 64x64, 4-bit cells, 5-bit SAR, 8 columns per ADC)', () => {
  const net = hand;
  const e = evaluate(net, config({ 'crossbar.signedMapping': 'offset-diff' }));
  const [fc1, fc2] = e.layers;

  it('mapping totals and ops', () => {
    expect(e.crossbars).toBe(5);
    expect(e.tiles).toBe(2);
    expect(fc1.ops).toBe(2 * 100 * 40 * 4);
    expect(fc2.ops).toBe(2 * 40 * 10 * 4);
  });

  it('latency: reads x (sensing + 8 conversions x 6 ns) + NoC drain + LIF per timestep', () => {
    // fc2: 4 reads; t_sense = 23.428 fF (64-row bit line, 40 rows mapped)·20 mV / (0.1 V·2.341 µS) = 2.0011 ns; 8·6 ns conversions;
    // NoC: (1 hop + ceil(10 outputs · 9 bits / 32)) clocks · 4 ns · 4 timesteps; LIF 2 clocks per timestep
    expect(fc2.senseTime_ns).toBeCloseTo(2.001129, 5);
    expect(fc2.senseTime_ns).toBeCloseTo(senseTime_ns(64), 12);
    expect(fc2.accumulatorBits).toBe(5 + 4);
    expect(fc2.latency_ns).toBeCloseTo(4 * senseTime_ns(64) + 4 * 48 + 4 * (1 + 3) * 4 + 32, 9);
    // fc1 is direct-coded: 8 bit-serial input cycles per timestep -> 32 reads of 64 rows (t_sense 2.0011 ns);
    // accumulator 5 + 4 + 1 (2 row blocks) + 7 (8 input cycles) = 17 bits -> ceil(40·17/32) = 22 clocks of drain
    expect(fc1.accumulatorBits).toBe(17);
    expect(fc1.latency_ns).toBeCloseTo(32 * senseTime_ns(64) + 32 * 48 + 4 * (1 + 22) * 4 + 32, 9);
    expect(e.latency_ns).toBeCloseTo(fc1.latency_ns + fc2.latency_ns, 9);
  });

  it('crossbar and ADC energy', () => {
    // fc2: 4 reads · 0.1 · 40 rows · 20 columns active cells · (0.1 V)²·22.44 µS·2.0011 ns
    expect(fc2.breakdown.energy_pJ.crossbar).toBeCloseTo(0.1436908, 7);
    expect(fc2.breakdown.energy_pJ.crossbar).toBeCloseTo(FC2_CROSSBAR_pJ, 12);
    // 80 conversions; column resistance 1/(4 active rows · 22.44 µS) = 11.1 kΩ in the SAR column term
    expect(fc2.breakdown.energy_pJ.adc).toBeCloseTo(80 * conversionEnergy_pJ(converterCost('sar', 5, 0.1, 1 / (4 * G_MEAN_S))), 9);
    // fc1: 32 reads · 2 row blocks · 80 columns, bit-plane density 0.5 (32 active rows per crossbar)
    expect(fc1.breakdown.energy_pJ.adc).toBeCloseTo(32 * 2 * 80 * conversionEnergy_pJ(converterCost('sar', 5, 0.1, 1 / (32 * G_MEAN_S))), 8);
    // fc1: 32 reads · 0.5 · 100 rows · 80 columns · (0.1 V)²·G_mean·t_sense(64 rows)
    expect(fc1.breakdown.energy_pJ.crossbar).toBeCloseTo(32 * 0.5 * 100 * 80 * 0.01 * G_MEAN_S * senseTime_ns(64) * 1e3, 9);
  });

  it('at another node the converter circuit scales and its noise-limited term does not (never below kT/C)', () => {
    // fc2's 80 conversions of a 12-bit SAR at 14 nm (Stillmaker-Baas: 65 nm energy / 17.5): the NeuroSim circuit
    // (3.751·12 + 25.84 µW + column term) · 13 ns scales, the survey's 0.145 aJ·4^12 = 2.43 pJ does not.
    const node = evaluate(net, config({ 'crossbar.signedMapping': 'offset-diff', 'tech.node_nm': 14, 'adc.bits': 12 })).layers[1];
    const sar = converterCost('sar', 12, 0.1, 1 / (4 * G_MEAN_S));
    expect(sar.noiseEnergy_pJ).toBeCloseTo(0.145e-6 * 4 ** 12, 15);
    const perConversion_pJ = node.breakdown.energy_pJ.adc / 80;
    expect(perConversion_pJ).toBeCloseTo(sar.circuitEnergy_pJ / 17.5 + sar.noiseEnergy_pJ, 12);
    // kT/C with a rail-to-rail swing: 8 kT·SNR = 12 kT·4^N at 300 K (docs/sources.md#circuits-1-1) = 0.834 pJ at 12 bits
    const thermalBound_pJ = 12 * 1.380649e-23 * 300 * 4 ** 12 * 1e12;
    expect(perConversion_pJ).toBeGreaterThan(thermalBound_pJ);
  });

  it('LIF energy: one update per output neuron per timestep, 50-neuron 16-bit U_mem (1 KB CACTI point)', () => {
    // U_mem read + write (CACTI's 1 KB HP point scaled to LSTP cells by the 20 KB ratios), integrate and leak adders,
    // comparator, reset mux, and the lane's register (16 x 11.2 fJ).
    const update = 16 * ((1.44 / 32) * (14.1 / 15.2) + (4.28 / 32) * (28.9 / 22.1)) + 2 * 0.137 + (16 * 0.062) / 32 + 0.02 + 16 * 0.0112;
    expect(fc2.breakdown.energy_pJ.lif).toBeCloseTo(4 * 10 * update, 9);
    expect(fc1.breakdown.energy_pJ.lif).toBeCloseTo(4 * 40 * update, 9);
  });

  it('derived metrics follow from the totals', () => {
    expect(e.power_mW).toBeCloseTo((e.energy_pJ * 1e-12) / (e.latency_ns * 1e-9) * 1e3, 9);
    expect(e.tops).toBeCloseTo(e.ops / (e.latency_ns * 1e-9) / 1e12, 12);
    expect(e.topsPerW).toBeCloseTo(e.ops / (e.energy_pJ * 1e-12) / 1e12, 9);
    expect(e.edp_pJs).toBeCloseTo(e.energy_pJ * e.latency_ns * 1e-9, 12);
  });
});

describe('signed-weight mappings priced as the functional engine lays them out (hand network)', () => {
  const offset = evaluate(hand, config({ 'crossbar.signedMapping': 'offset-diff' }));
  const pair = evaluate(hand, config({ 'crossbar.signedMapping': 'differential-pair' }));
  const reference = evaluate(hand, config({ 'crossbar.signedMapping': 'reference-column' }));
  const fc = (e: Evaluation, i: number) => e.layers[i];
  // DIFF of the offset mapping, per layer: T·positions·outputs adds of (accumulator + 8) bits + a 1-bit popcount
  // add per input row per read (fc1: 32 reads of 100 rows, 17-bit accumulators; fc2: 4 reads of 40 rows, 9 bits).
  const diff = [4 * 40 * adderEnergy_pJ(17 + 8) + 32 * 100 * adderEnergy_pJ(1), 4 * 10 * adderEnergy_pJ(9 + 8) + 4 * 40 * adderEnergy_pJ(1)];

  it('the default is the differential pair', () => {
    expect(evaluate(hand, defaultConfig())).toEqual(pair);
  });
  it('differential pair: twin arrays (2x crossbars, cell reads and row drives), same conversions, no DIFF, one more lossless bit', () => {
    expect(pair.crossbars).toBe(2 * offset.crossbars);
    expect(fc(pair, 0).mapping).toMatchObject({ arrays: 2, weightBlocks: 4, crossbars: 8, blocksPerPe: 4, pes: 1, losslessAdcBits: 11, adcBitsNeeded: 5 });
    for (const i of [0, 1]) {
      const a = fc(offset, i);
      const b = fc(pair, i);
      expect(b.breakdown.energy_pJ.crossbar).toBeCloseTo(2 * a.breakdown.energy_pJ.crossbar, 9);
      expect(b.breakdown.energy_pJ.adc).toBeCloseTo(a.breakdown.energy_pJ.adc, 9);
      expect(b.breakdown.area_mm2.adc).toBeCloseTo(a.breakdown.area_mm2.adc, 12);
      expect(b.breakdown.area_mm2.crossbar).toBeCloseTo(2 * a.breakdown.area_mm2.crossbar, 12);
      expect(b.latency_ns).toBeCloseTo(a.latency_ns, 9);
      // periphery: drivers doubled, DIFF gone (fc2: 4 reads · 0.1 · 40 rows · 1 block; a word line spans all 64 columns)
      const drivers = i === 0 ? 32 * 0.5 * 100 * 2 * rowDriverEnergy_pJ(64, 65, 20e3) : 4 * 0.1 * 40 * 1 * rowDriverEnergy_pJ(64, 65, 20e3);
      expect(b.breakdown.energy_pJ.periphery - a.breakdown.energy_pJ.periphery).toBeCloseTo(drivers - diff[i], 9);
    }
    expect(fc(pair, 1).breakdown.energy_pJ.crossbar).toBeCloseTo(2 * FC2_CROSSBAR_pJ, 12);
  });
  it('reference column: S = 2 reference columns per crossbar leave 62 weight columns, read but not converted; no DIFF', () => {
    expect(fc(reference, 0).mapping).toMatchObject({ arrays: 1, weightColumnsPerCrossbar: 62, columnBlocks: 2, referenceColumns: 4, crossbars: 4, losslessAdcBits: 11 });
    expect(fc(reference, 1).mapping).toMatchObject({ columnBlocks: 1, referenceColumns: 2, crossbars: 1 });
    // fc2: 4 reads · 0.1 · 40 rows · (20 + 2) columns · (0.1 V)²·G_mean·t_sense(64-row bit line)
    expect(fc(reference, 1).breakdown.energy_pJ.crossbar).toBeCloseTo((FC2_CROSSBAR_pJ * 22) / 20, 12);
    expect(fc(reference, 1).breakdown.energy_pJ.adc).toBeCloseTo(fc(offset, 1).breakdown.energy_pJ.adc, 9);
    // converters serve the 62 weight columns only: ceil(62 / 8) = 8 SARs per crossbar, as for 64 columns; 62 sense amps
    expect(fc(reference, 1).breakdown.area_mm2.adc).toBeCloseTo(fc(offset, 1).breakdown.area_mm2.adc, 12);
    const sa = (mapping: string) => evaluate(hand, config({ 'crossbar.signedMapping': mapping, 'adc.kind': 'senseamp' })).layers[1].breakdown.area_mm2.adc;
    expect(sa('reference-column') / sa('differential-pair')).toBeCloseTo(62 / 64, 12); // one amplifier per column (pair)
    // the same 64-cell word lines: the periphery differs by the DIFF only
    expect(fc(reference, 1).breakdown.energy_pJ.periphery - fc(offset, 1).breakdown.energy_pJ.periphery).toBeCloseTo(-diff[1], 9);
    // a VGG16 conv layer needs more crossbars when 2 of every 64 columns hold references
    const conv9 = (e: Evaluation) => e.layers.find((l) => l.name === 'conv9')!.mapping!;
    expect(conv9(vgg16({ 'crossbar.signedMapping': 'reference-column' })).columnBlocks).toBe(Math.ceil(1024 / 62));
  });
  it('refuses a reference-column crossbar too narrow for its reference columns', () => {
    expect(() => evaluate(hand, config({ 'crossbar.signedMapping': 'reference-column', 'crossbar.size': 8, 'device.bitsPerCell': 1 }))).toThrow(/crossbar.size: got 8, expected more than 8 columns/);
  });
  it("names the layer's own crossbar.size when the layer overrides it, the path as written (name or index)", () => {
    // Before, the message named the global crossbar.size (64 here, fine) though the 8 came from the layer's override.
    const narrow = (key: string) => config({
      [`layers.${key}.crossbar.signedMapping`]: 'reference-column', [`layers.${key}.crossbar.size`]: 8, [`layers.${key}.device.bitsPerCell`]: 1,
    });
    expect(() => evaluate(hand, narrow('fc2'))).toThrow(
      "layers.fc2.crossbar.size: got 8, expected more than 8 columns for 'reference-column' mapping of layer fc2 (8 reference columns per crossbar)");
    expect(() => evaluate(hand, narrow('1'))).toThrow(/^layers\.1\.crossbar\.size: got 8, expected more than 8 columns for 'reference-column' mapping of layer fc2 /);
    // A layer that takes the global size but overrides the mapping: the global path is the one to change.
    expect(() => evaluate(hand, config({ 'crossbar.size': 8, 'layers.fc2.crossbar.signedMapping': 'reference-column', 'layers.fc2.device.bitsPerCell': 1 })))
      .toThrow(/^crossbar\.size: got 8, expected more than 8 columns for 'reference-column' mapping of layer fc2 /);
  });
});

describe('timesteps (review Fig. 8)', () => {
  it('energy and latency are linear in T; area does not depend on T', () => {
    const [e2, e4, e8] = [2, 4, 8].map((t) => vgg16({ 'snn.timesteps': t }));
    expect(e4.energy_pJ / e2.energy_pJ).toBeCloseTo(2, 9);
    expect(e8.energy_pJ / e4.energy_pJ).toBeCloseTo(2, 9);
    expect(e8.latency_ns / e2.latency_ns).toBeCloseTo(4, 9);
    expect(e8.area_mm2).toBe(e2.area_mm2);
  });
  it('MAC + communication are ~80% of VGG16 EDP (LIF most of the rest): 86.8% and 9.3% (docs/simulator.md §6)', () => {
    const e = vgg16();
    const b = e.breakdown.energy_pJ;
    // EDP per component = its energy x the common latency, so shares of EDP equal shares of energy.
    const macComm = (b.crossbar + b.adc + b.periphery + b.buffer + b.noc + b.htree) / e.energy_pJ;
    // The review's band (~80%: docs/sources.md, domain notes), then the figures docs/simulator.md §6 quotes.
    expect(macComm).toBeGreaterThan(0.7);
    expect(macComm).toBeLessThan(0.9);
    // 88.4% and 9.5% before the drain bound of 2026-12-06 (the longer latency's leakage takes the difference).
    expect(macComm).toBeCloseTo(0.868, 3);
    expect(b.lif / e.energy_pJ).toBeCloseTo(0.093, 3);
  });
});

describe('bits per cell sweep (review Fig. 11), ADC bits = what each precision needs', () => {
  const sweep = (kind: string, mapping = 'differential-pair') => [1, 2, 3, 4, 5, 6, 7, 8].map((d) => {
    const bits = adcBitsNeeded(d, losslessAdcBits(64, d));
    const e = vgg16({ 'device.bitsPerCell': d, 'adc.bits': bits, 'adc.kind': kind, 'crossbar.signedMapping': mapping });
    return { d, bits, e };
  });
  it('crossbar count falls with bits per cell and ADC bits rise', () => {
    const s = sweep('sar');
    for (let i = 1; i < s.length; i++) {
      expect(s[i].e.crossbars).toBeLessThanOrEqual(s[i - 1].e.crossbars);
      expect(s[i].bits).toBeGreaterThan(s[i - 1].bits);
    }
    // differential pairs (the default): twice the weight blocks of the offset mapping
    expect([s[0].e.crossbars, s[3].e.crossbars, s[7].e.crossbars]).toEqual([2 * 29776, 2 * 7448, 2 * 3728]);
  });
  it('with flash (multilevel sense-amp) ADCs the energy-area optimum is 4-bit cells with 5-bit ADCs, for every signed mapping', () => {
    for (const mapping of ['differential-pair', 'offset-diff', 'reference-column']) {
      const s = sweep('flash', mapping);
      const best = s.reduce((a, b) => (b.e.energy_pJ * b.e.area_mm2 < a.e.energy_pJ * a.e.area_mm2 ? b : a));
      expect(best.d).toBe(4);
      expect(best.bits).toBe(5);
      const bestEnergy = s.reduce((a, b) => (b.e.energy_pJ < a.e.energy_pJ ? b : a));
      expect(bestEnergy.d).toBe(4);
    }
  });
  it("with SAR ADCs (area linear in bits) on SpikeSim's one-crossbar + DIFF layout the energy-delay-area optimum is 8-bit cells, 4-bit 6.1% behind", () => {
    // 4-bit cells until the drain bound of 2026-12-06 (8-bit 24.9% behind): 4-bit cells' extra slices widen every
    // position's partial sums on the 32-bit link, which now paces the link-bound layers (docs/simulator.md §3). The
    // MAC error rules 5-8-bit cells out (search-spaces/device-adc-precision.json); with differential pairs the
    // doubled arrays tip it to 8-bit cells too (docs/simulator.md §6).
    const s = sweep('sar', 'offset-diff');
    const edap = (e: Evaluation) => e.energy_pJ * e.latency_ns * e.area_mm2;
    const best = s.reduce((a, b) => (edap(b.e) < edap(a.e) ? b : a));
    expect(best.d).toBe(8);
    expect(edap(s[3].e) / edap(best.e)).toBeCloseTo(1.061, 3);
  });
});

describe('co-dependencies (review Table II, Fig. 10 d)', () => {
  const base = vgg16();
  it('TOPS falls as R_on rises', () => {
    const tops = [1e4, 2e4, 5e4, 1e5, 3e5, 1e6].map((r) => vgg16({ 'device.rOn_ohm': r }).tops);
    for (let i = 1; i < tops.length; i++) expect(tops[i]).toBeLessThan(tops[i - 1]);
  });
  it('device precision up: ADC precision up, crossbar count down', () => {
    const lo = vgg16({ 'device.bitsPerCell': 2, 'adc.bits': 3 });
    const hi = vgg16({ 'device.bitsPerCell': 4, 'adc.bits': 5 });
    expect(hi.adcBits).toBeGreaterThan(lo.adcBits);
    expect(hi.crossbars).toBeLessThan(lo.crossbars);
  });
  it('R_on up: communication and buffer bandwidth down; ADC/accumulator precision and crossbar count unchanged', () => {
    const hi = vgg16({ 'device.rOn_ohm': 1e5 });
    expect(hi.nocBandwidth_Gbps).toBeLessThan(base.nocBandwidth_Gbps);
    expect(hi.bufferBandwidth_Gbps).toBeLessThan(base.bufferBandwidth_Gbps);
    expect([hi.adcBits, hi.accumulatorBits, hi.crossbars]).toEqual([base.adcBits, base.accumulatorBits, base.crossbars]);
  });
  it('read voltage up: communication and buffer bandwidth up; precisions and crossbar count unchanged', () => {
    const hi = vgg16({ 'device.readVoltage_V': 0.2 });
    expect(hi.nocBandwidth_Gbps).toBeGreaterThan(base.nocBandwidth_Gbps);
    expect(hi.bufferBandwidth_Gbps).toBeGreaterThan(base.bufferBandwidth_Gbps);
    expect(hi.tops).toBeGreaterThan(base.tops);
    expect([hi.adcBits, hi.accumulatorBits, hi.crossbars]).toEqual([base.adcBits, base.accumulatorBits, base.crossbars]);
  });
  it('On/Off up at fixed R_on: precisions and crossbars unchanged; bandwidth moves by under 5% (see docs: our sensing model has G_on fixed)', () => {
    const hi = vgg16({ 'device.onOffRatio': 100 });
    expect([hi.adcBits, hi.accumulatorBits, hi.crossbars]).toEqual([base.adcBits, base.accumulatorBits, base.crossbars]);
    expect(Math.abs(hi.nocBandwidth_Gbps / base.nocBandwidth_Gbps - 1)).toBeLessThan(0.05);
  });
});

describe('LIF module (review Fig. 7, Fig. 12)', () => {
  it('its area share grows from CIFAR10 to Caltech-101 to TinyImageNet inputs', () => {
    const share = ['vgg16-cifar10', 'vgg16-caltech101', 'vgg16-tinyimagenet'].map((n) => evaluate(zooNetwork(n), defaultConfig()).lifAreaShare);
    expect(share[1]).toBeGreaterThan(share[0]);
    expect(share[2]).toBeGreaterThan(share[1]);
    expect(share[2] / share[0]).toBeGreaterThan(2);
  });
  it('under SpikeSim ELA accounting (configs/spikesim-ela.json) the share grows 7.6% -> 15.4% -> 23.4%: Caltech-101 and TinyImageNet in the 11.7-25% band', () => {
    const fromFile = flattenConfigObject(JSON.parse(readFileSync(new URL('../../configs/spikesim-ela.json', import.meta.url), 'utf8')));
    expect(fromFile).toEqual(SPIKESIM_ELA_OVERRIDES);
    const share = ['vgg16-cifar10', 'vgg16-caltech101', 'vgg16-tinyimagenet'].map((n) => evaluate(zooNetwork(n), config(SPIKESIM_ELA_OVERRIDES)).lifAreaShare);
    expect(share[1]).toBeGreaterThan(share[0]);
    expect(share[2]).toBeGreaterThan(share[1]);
    for (const s of share.slice(1)) {
      expect(s).toBeGreaterThanOrEqual(0.117);
      expect(s).toBeLessThanOrEqual(0.25);
    }
    // CIFAR10 stays below the band, as in SpikeSim's own script (9.5%): an input-independent compute area cannot
    // hold both ends, since the U_mem cache grows 3.95x while the band's ends differ only 2.14x (docs/simulator.md).
    expect(share[0]).toBeGreaterThan(0.07);
    expect(share[0]).toBeLessThan(0.117);
    expect(share.map((s) => Number(s.toFixed(3)))).toEqual([0.076, 0.154, 0.234]);
  });
  it('a FeFET U_mem cache shrinks the LIF area and costs more LIF energy', () => {
    const sram = vgg16();
    const fefet = vgg16({ 'snn.lifCache': 'fefet' });
    expect(sram.breakdown.area_mm2.lif / fefet.breakdown.area_mm2.lif).toBeGreaterThan(5);
    expect(fefet.breakdown.energy_pJ.lif / sram.breakdown.energy_pJ.lif).toBeGreaterThan(1.5);
  });
});

describe('converters shared by the crossbars of a PE (adc.sharing = pe, SpikeSim)', () => {
  const own = vgg16();
  const shared = vgg16({ 'adc.sharing': 'pe' });
  const layer = (e: Evaluation, name: string) => e.layers.find((l) => l.name === name)!;
  it('the default is one converter set per crossbar', () => {
    expect(vgg16({ 'adc.sharing': 'crossbar' })).toEqual(own);
    // one set per weight block: a differential pair's twins share it
    expect(own.breakdown.area_mm2.adc).toBeCloseTo((own.crossbars / 2) * 8 * (266 + 164 * 5) * 1e-6, 9);
  });
  it('X / columnsPerAdc converters per PE; same mapping, conversions and conversion energy', () => {
    expect(shared.breakdown.area_mm2.adc).toBeCloseTo(shared.pes * 8 * (266 + 164 * 5) * 1e-6, 9);
    expect([shared.crossbars, shared.pes, shared.tiles]).toEqual([own.crossbars, own.pes, own.tiles]);
    expect(shared.breakdown.energy_pJ.adc).toBeCloseTo(own.breakdown.energy_pJ.adc, 6);
    expect(shared.breakdown.area_mm2.periphery).toBeLessThan(own.breakdown.area_mm2.periphery);
  });
  it("time-multiplexed: a converter walks its 8 columns of each of the PE's weight blocks (4 pairs in 9 crossbars, or fewer in a small layer)", () => {
    for (const name of ['conv1', 'conv5']) {
      const a = layer(own, name);
      const b = layer(shared, name);
      const sharers = Math.min(4, a.mapping!.weightBlocks);
      expect(b.readTime_ns).toBeCloseTo(a.senseTime_ns + sharers * 8 * 6, 9);
    }
    expect(layer(shared, 'conv1').mapping!.weightBlocks).toBe(2);
    // Slower reads show only where they, not the link into the global unit, pace the layer: 1.55x at the default
    // 32-bit link (2.34x before the drain bound of 2026-12-06), 2.37x on a 512-bit link where the link seldom binds.
    expect(shared.latency_ns / own.latency_ns).toBeCloseTo(1.5455, 4);
    const wide = { 'arch.nocWidth_bits': 512 };
    expect(vgg16({ ...wide, 'adc.sharing': 'pe' }).latency_ns / vgg16(wide).latency_ns).toBeGreaterThan(2);
    expect(shared.tops).toBeLessThan(own.tops);
  });
});

describe('no PE buffers (arch.buffer_KB.pe = 0)', () => {
  it('drops the PE buffer area and fetches every read\'s inputs from the tile buffer', () => {
    const base = vgg16();
    const e = vgg16({ 'arch.buffer_KB.pe': 0 });
    expect(base.breakdown.area_mm2.buffer - e.breakdown.area_mm2.buffer).toBeCloseTo(base.pes * sramArea_um2(5) * 1e-6, 9);
    // Every column block's reads fetch their rows (T = 4, dense) from the tile buffer instead of their PE buffers, and
    // the PE buffers are no longer filled from the tile buffer (the bits they were written: layerActions).
    const fetchBits = e.layers.reduce((s, l) => s + (l.mapping ? 4 * l.mapping.positions * l.mapping.inputCycles * l.mapping.rows * l.mapping.columnBlocks : 0), 0);
    const filled = layerActions(zooNetwork('vgg16-cifar10'), config()).reduce((s, l) => s + l.counts.peBufferWriteBit, 0);
    const noPe = layerActions(zooNetwork('vgg16-cifar10'), config({ 'arch.buffer_KB.pe': 0 }));
    expect(noPe.every((l) => l.counts.peBufferWriteBit === 0 && l.counts.peBufferReadBit === 0)).toBe(true);
    const extra = fetchBits * (sramCost(10).read_pJ_per_bit - sramCost(5).read_pJ_per_bit) - filled * (sramCost(10).read_pJ_per_bit + sramCost(5).write_pJ_per_bit);
    expect(e.breakdown.energy_pJ.buffer - base.breakdown.energy_pJ.buffer).toBeCloseTo(extra, 0);
  });
});

describe('ADC-less mode (adc.kind = senseamp)', () => {
  it('is several times cheaper in energy and latency than an 8-bit SAR design (paper: 2-7x, 8.9-24.6x; the latency only where the link does not bind)', () => {
    const adc = vgg16({ 'adc.kind': 'sar', 'adc.bits': 8 });
    const sa = vgg16({ 'adc.kind': 'senseamp' });
    expect(adc.energy_pJ / sa.energy_pJ).toBeGreaterThan(2);
    expect(adc.energy_pJ / sa.energy_pJ).toBeLessThan(7);
    // One-clock reads drain slower than they read on the default 32-bit link (docs/simulator.md §3): 2.45x (13.09x
    // before the drain bound of 2026-12-06). On a 512-bit link the reads pace most layers again: 11.76x.
    expect(adc.latency_ns / sa.latency_ns).toBeCloseTo(2.453, 3);
    const wide = { 'arch.nocWidth_bits': 512 };
    const ratio = vgg16({ ...wide, 'adc.kind': 'sar', 'adc.bits': 8 }).latency_ns / vgg16({ ...wide, 'adc.kind': 'senseamp' }).latency_ns;
    expect(ratio).toBeGreaterThan(8.9);
    expect(ratio).toBeLessThan(24.6);
  });
  it('has one sense amplifier per column, no mux, and 1-bit partial sums whatever adc.bits says', () => {
    const sa = vgg16({ 'adc.kind': 'senseamp', 'adc.bits': 8 });
    const sa1 = vgg16({ 'adc.kind': 'senseamp', 'adc.bits': 1 });
    expect(sa.energy_pJ).toBe(sa1.energy_pJ);
    expect(sa.adcBits).toBe(1);
    // 64 SAs x 17 µm² per weight block (one per column pair)
    expect(sa.breakdown.area_mm2.adc).toBeCloseTo((sa.crossbars / 2) * 64 * 17e-6, 9);
    // t_sense of the 64-row bit line (2.001 ns) + the comparator's 2.14 ns: just over one 250 MHz clock (4 ns with the
    // bare latch's 21 ps until 2026-12-06, QA adcless defect 6).
    expect(sa.layers.find((l) => l.name === 'conv5')!.readTime_ns).toBeCloseTo(2.001129 + 2.14, 6);
  });
});

describe('per-layer overrides, node scaling, determinism', () => {
  it("a per-layer override changes only that layer's mapping and array costs (NoC distances are chip-wide)", () => {
    const base = vgg16();
    const e = vgg16({ 'layers.conv9.device.bitsPerCell': 2, 'layers.conv9.adc.bits': 3 });
    const i = base.layers.findIndex((l) => l.name === 'conv9');
    expect(e.layers[i].mapping!.crossbars).toBe(2 * base.layers[i].mapping!.crossbars);
    for (const c of ['crossbar', 'adc', 'periphery', 'lif'] as const) {
      expect(e.layers[i - 1].breakdown.energy_pJ[c]).toBeCloseTo(base.layers[i - 1].breakdown.energy_pJ[c], 6);
    }
    expect(e.layers[i - 1].mapping).toEqual(base.layers[i - 1].mapping);
  });
  it('a smaller node lowers digital energy and area', () => {
    const e32 = vgg16({ 'tech.node_nm': 32 });
    const base = vgg16();
    expect(e32.energy_pJ).toBeLessThan(base.energy_pJ);
    expect(e32.area_mm2).toBeLessThan(base.area_mm2);
    expect(e32.breakdown.area_mm2.crossbar / base.breakdown.area_mm2.crossbar).toBeCloseTo((32 / 65) ** 2, 9);
  });
  it('is deterministic', () => {
    expect(vgg16({ 'adc.bits': 6 })).toEqual(vgg16({ 'adc.bits': 6 }));
  });
});
