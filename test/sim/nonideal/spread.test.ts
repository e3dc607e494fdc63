/**
 * Conductance-state spread after program-and-verify (devices.ts, band.ts) and balanced bit slicing (placement.ts):
 * exact fit values per preset, independence of the bits per cell, off = the previous behaviour.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware, type HardwareConfig } from '../../../src/hardware/config.js';
import { bitsPerCellNote, DEVICE_KINDS, DEVICE_PRESETS, programmingSpread_S } from '../../../src/hardware/devices.js';
import { cellLevels, spreadOf } from '../../../src/sim/nonideal/device.js';
import { idealMvm, programLayer } from '../../../src/sim/nonideal/layer.js';
import { bitSlicing } from '../../../src/sim/nonideal/placement.js';
import { deviceRangeNote } from '../../../src/cli/commands/evaluate.js';
import { createRng } from '../../../src/util/rng.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { accuracyCacheKey, hardwarePredictions } from '../../../src/sim/accuracy.js';

const uS = 1e-6;

describe('conductance spread fits (sigma_G in siemens)', () => {
  it('RRAM: Milo IRPS 2021 (CrossSim) sigma_G = 4.782321 - 0.009107 G µS on its own 50-225 µS window', () => {
    const fit = DEVICE_PRESETS.rram.programmingSpread;
    const milo = { gMax_S: 225 * uS, gMin_S: 50 * uS };
    expect(programmingSpread_S(fit, 50 * uS, milo) / uS).toBeCloseTo(4.782321 - 0.009107 * 50, 12);
    expect(programmingSpread_S(fit, 225 * uS, milo) / uS).toBeCloseTo(4.782321 - 0.009107 * 225, 12);
    expect(programmingSpread_S(fit, 600 * uS, milo)).toBe(0); // the linear fit falls below 0 above 525 µS: floored
  });
  it('RRAM preset window (1/R_on = 50 µS): the fit scaled by G_max / 225 µS (CrossSim normalisation)', () => {
    const fit = DEVICE_PRESETS.rram.programmingSpread;
    const w = { gMax_S: 50 * uS, gMin_S: 5 * uS };
    const s = 50 / 225;
    expect(programmingSpread_S(fit, 50 * uS, w) / uS).toBeCloseTo(s * (4.782321 - 0.009107 * 225), 12); // 0.607 µS
    expect(programmingSpread_S(fit, 5 * uS, w) / uS).toBeCloseTo(s * (4.782321 - 0.009107 * 22.5), 12); // 1.017 µS
  });
  it('PCM: Joshi Nat. Commun. 2020 (CrossSim) on the preset 0.25-25 µS window, unscaled', () => {
    const fit = DEVICE_PRESETS.pcm.programmingSpread;
    const w = { gMax_S: 1 / DEVICE_PRESETS.pcm.rOn_ohm, gMin_S: 0.25 * uS };
    for (const g of [0.25, 5, 12.5, 25]) {
      expect(programmingSpread_S(fit, g * uS, w) / uS).toBeCloseTo(-0.00178767 * g * g + 0.07585724 * g + 0.28638599, 10);
    }
  });
  it('FeFET: NeuroSim V3 cycle-to-cycle 0.5% of the window per pulse, sqrt(32 x) pulses to state x (its 32 states; 64 until 2026-12-06)', () => {
    const fit = DEVICE_PRESETS.fefet.programmingSpread;
    const w = { gMax_S: 1.79 * uS, gMin_S: 0.0397 * uS };
    const range = w.gMax_S - w.gMin_S;
    expect(programmingSpread_S(fit, w.gMin_S, w)).toBe(0);
    expect(programmingSpread_S(fit, w.gMax_S, w)).toBeCloseTo(0.005 * range * Math.sqrt(32), 18);
    expect(programmingSpread_S(fit, w.gMin_S + range / 8, w)).toBeCloseTo(0.005 * range * 2, 18);
  });
  it('binary STT-MRAM and SRAM cells have none', () => {
    for (const kind of ['sttmram', 'sram'] as const) expect(programmingSpread_S(DEVICE_PRESETS[kind].programmingSpread, 1e-5, { gMax_S: 1e-4, gMin_S: 1e-5 })).toBe(0);
  });
  it('depends on G in siemens only: the same at every bits per cell, scaled by device.programmingSpread', () => {
    const c = (bits: number, scale = 1) => applyOverrides(defaultConfig(), { 'device.bitsPerCell': bits, 'device.programmingSpread': scale });
    const sigmaAt = (config: HardwareConfig, g_S: number) => spreadOf(config.device, cellLevels(config.device))!(g_S);
    for (const g of [5, 20, 50]) {
      const ref = sigmaAt(c(1), g * uS);
      for (let d = 2; d <= 8; d++) expect(sigmaAt(c(d), g * uS)).toBe(ref);
      expect(sigmaAt(c(4, 2), g * uS)).toBeCloseTo(2 * ref, 18);
    }
    expect(spreadOf(c(4, 0).device, cellLevels(c(4).device))).toBeNull();
  });
});

describe('programmed layers with the spread', () => {
  const base = { 'device.readNoiseSigma': 0, 'crossbar.rWire_ohm': 0, 'device.stuckAtRate': 0, 'adc.bits': 12 };
  const weights = (n: number) => {
    const rng = createRng('w');
    return Float32Array.from({ length: n }, () => rng.normal());
  };
  const run = (overrides: Record<string, unknown>) => {
    const config = applyOverrides(defaultConfig(), { ...base, ...overrides });
    const layer = programLayer(weights(64 * 16), 64, 16, layerHardware(config, { index: 0, name: 'l' }), config, 's', { directInput: false });
    const rng = createRng('x');
    const out: number[] = [];
    const y = new Float32Array(16);
    const ref = new Float32Array(16);
    let err2 = 0;
    for (let k = 0; k < 40; k++) {
      const x = Float32Array.from({ length: 64 }, () => (rng.next() < 0.2 ? 1 : 0));
      layer.mvm(x, y);
      idealMvm(layer, x, ref);
      out.push(...y);
      for (let o = 0; o < 16; o++) err2 += (y[o] - ref[o]) ** 2;
    }
    return { out, err2 };
  };
  it('is on by default; off (programmingSpread 0) the otherwise ideal layer is exact again', () => {
    // With the spread off nothing else changes: the ideal-hardware and trend tests (layer.test.ts, trends.test.ts) run
    // with programmingSpread 0 and pass unchanged, and the programSigma draws keep their stream.
    expect(defaultConfig().device.programmingSpread).toBe(1);
    expect(run({}).err2).toBeGreaterThan(0);
    expect(run({ 'device.programmingSpread': 0 }).err2).toBe(0);
    const a = run({ 'device.programmingSpread': 1 });
    expect(run({ 'device.programmingSpread': 1 }).out).toEqual(a.out); // static: drawn once per chip from the seed
  });
  it('grows with the spread scale', () => {
    const e = [0.5, 1, 2].map((s) => run({ 'device.programmingSpread': s }).err2);
    expect(e[1]).toBeGreaterThan(2 * e[0]);
    expect(e[2]).toBeGreaterThan(2 * e[1]);
  });
});

describe('the spread per layer (a layer programmed with more or fewer verify rounds)', () => {
  const ADCLESS_MLP = { 'adc.kind': 'senseamp', 'snn.weightBits': 4, 'crossbar.size': 64, 'accuracy.samples': 200 };
  const predictions = (overrides: Record<string, unknown>) =>
    Array.from(hardwarePredictions(zooNetwork('mlp-mnist'), applyOverrides(defaultConfig(), { ...ADCLESS_MLP, ...overrides })).predictions).join('');
  it('off in every layer equals off globally; off in one layer is neither', () => {
    const off = predictions({ 'device.programmingSpread': 0 });
    const on = predictions({});
    expect(predictions({ 'layers.fc1.device.programmingSpread': 0, 'layers.fc2.device.programmingSpread': 0 })).toBe(off);
    const fc1Only = predictions({ 'layers.fc1.device.programmingSpread': 0 });
    expect(on).not.toBe(off);
    expect(fc1Only).not.toBe(on);
    expect(fc1Only).not.toBe(off);
  });
  it('keys the accuracy cache by the layer override', () => {
    const key = (o: Record<string, unknown>) => accuracyCacheKey(zooNetwork('mlp-mnist'), applyOverrides(defaultConfig(), o));
    expect(key({ 'layers.fc1.device.programmingSpread': 0 })).not.toBe(key({}));
    expect(key({ 'layers.fc1.device.programmingSpread': 0 })).not.toBe(key({ 'layers.fc2.device.programmingSpread': 0 }));
  });
});

describe('balanced bit slicing', () => {
  it('spreads w bits evenly over ceil(w/d) slices, the wider ones on top', () => {
    expect(bitSlicing(8, 1)).toEqual({ slices: 8, widths: [1, 1, 1, 1, 1, 1, 1, 1], shifts: [0, 1, 2, 3, 4, 5, 6, 7], cellBits: 1 });
    expect(bitSlicing(8, 3)).toEqual({ slices: 3, widths: [2, 3, 3], shifts: [0, 2, 5], cellBits: 3 });
    for (const d of [4, 5, 6, 7]) expect(bitSlicing(8, d)).toEqual({ slices: 2, widths: [4, 4], shifts: [0, 4], cellBits: 4 });
    expect(bitSlicing(8, 8)).toEqual({ slices: 1, widths: [8], shifts: [0], cellBits: 8 });
    expect(bitSlicing(4, 8)).toEqual({ slices: 1, widths: [4], shifts: [0], cellBits: 4 });
    for (let w = 1; w <= 16; w++) {
      for (let d = 1; d <= 8; d++) {
        const s = bitSlicing(w, d);
        expect(s.widths.reduce((a, b) => a + b, 0)).toBe(w);
        expect(Math.max(...s.widths) - Math.min(...s.widths)).toBeLessThanOrEqual(1);
        expect(s.cellBits).toBeLessThanOrEqual(d);
      }
    }
  });
});

describe('realistic bits per cell', () => {
  it('every preset documents a range within its hard limit, with a source', () => {
    for (const kind of DEVICE_KINDS) {
      const p = DEVICE_PRESETS[kind];
      expect(p.realisticBitsPerCell.min).toBeGreaterThanOrEqual(1);
      expect(p.realisticBitsPerCell.max).toBeLessThanOrEqual(p.maxBitsPerCell);
      expect(p.realisticBitsPerCell.source.length).toBeGreaterThan(10);
    }
  });
  it('evaluate notes a value beyond it (global and per layer) but accepts it', () => {
    expect(bitsPerCellNote('rram', 4)).toBeUndefined();
    expect(bitsPerCellNote('rram', 6)).toMatch(/device.bitsPerCell=6 is beyond the realistic range of rram cells \(1-4 bits/);
    expect(deviceRangeNote(defaultConfig())).toBeUndefined();
    const c = applyOverrides(defaultConfig(), { 'device.bitsPerCell': 8, 'layers.conv1.device.bitsPerCell': 5 });
    expect(deviceRangeNote(c)).toMatch(/device.bitsPerCell=8 .*; layers.conv1.device.bitsPerCell=5/);
  });
  it('evaluate notes cells that hold fewer bits than they offer (5-7-bit cells under 8-bit weights: two 4-bit slices)', () => {
    expect(deviceRangeNote(applyOverrides(defaultConfig(), { 'device.bitsPerCell': 5 }))).toBe(
      'device.bitsPerCell=5 holds 4 bits per cell: snn.weightBits=8 is split into 2 slices of at most 4 bits (docs/simulator.md, Mapping), ' +
      'the same cells, columns and results as device.bitsPerCell=4');
    const c = applyOverrides(defaultConfig(), { 'snn.weightBits': 16, 'layers.conv1.device.bitsPerCell': 7 });
    expect(deviceRangeNote(c)).toBe(
      'layers.conv1.device.bitsPerCell=7 holds 6 bits per cell: snn.weightBits=16 is split into 3 slices of at most 6 bits (docs/simulator.md, Mapping), ' +
      'the same cells, columns and results as layers.conv1.device.bitsPerCell=6; 6 bits are beyond the realistic range of rram cells ' +
      '(1-4 bits: review Table III (4-bit RRAM); NeuroSim V1.4 Param.cpp (1-4 bits per RRAM cell, docs/sources.md#circuits-2-5)); ' +
      'accepted: the conductance spread and read noise decide its accuracy');
    expect(deviceRangeNote(applyOverrides(defaultConfig(), { 'snn.weightBits': 4, 'device.bitsPerCell': 3 }))).toBe(
      'device.bitsPerCell=3 holds 2 bits per cell: snn.weightBits=4 is split into 2 slices of at most 2 bits (docs/simulator.md, Mapping), ' +
      'the same cells, columns and results as device.bitsPerCell=2');
  });
  it('evaluate notes an R_on whose access transistor is wider than the 12F cell (below ~4.99 kOhm), global and per layer', () => {
    // W = 4867.5 Ohm·um · 0.2 / (0.25 · R_on): 2 kOhm -> 1.947 um = 29.95F at 65 nm; 5 kOhm -> 11.98F fits.
    expect(deviceRangeNote(applyOverrides(defaultConfig(), { 'device.rOn_ohm': 5000 }))).toBeUndefined();
    const wide = 'needs an access transistor 30.0F wide (R_access = 0.25·R_on), wider than the 12F cell it is priced in: ' +
      'cell area, word-line energy and bit-line load assume a cell that cannot be drawn (docs/simulator.md, Crossbar)';
    expect(deviceRangeNote(applyOverrides(defaultConfig(), { 'device.rOn_ohm': 2000 }))).toBe(`device.rOn_ohm=2000 ${wide}`);
    expect(deviceRangeNote(applyOverrides(defaultConfig(), { 'layers.conv1.device.rOn_ohm': 2000 }))).toBe(`layers.conv1.device.rOn_ohm=2000 ${wide}`);
  });
});
