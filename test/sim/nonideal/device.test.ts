import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware } from '../../../src/hardware/config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { columnConverter, digitizeColumn } from '../../../src/sim/nonideal/adc.js';
import { buildBand, readBand } from '../../../src/sim/nonideal/band.js';
import {
  cellLevels, deviceConductance, losslessAdcBits, quantizeDirectInput, quantizeWeights, sliceCount, stackConductance,
  STUCK_AT_OFF_SHARE,
} from '../../../src/sim/nonideal/device.js';
import { programLayer } from '../../../src/sim/nonideal/layer.js';
import { FastNormal } from '../../../src/sim/nonideal/normal.js';
import { createRng } from '../../../src/util/rng.js';

describe('cell levels', () => {
  it('spaces 2^d stack levels evenly between 1/(R_off + R_acc) and 1/(R_on + R_acc), R_acc = 0.25 R_on', () => {
    const c = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
    expect(c.levels).toBe(16);
    expect(c.rAccess_ohm).toBe(5e3);
    expect(c.stackOn_S).toBe(1 / 25e3);
    expect(c.stackOff_S).toBe(1 / 205e3);
    expect(c.deltaG_S).toBeCloseTo((1 / 25e3 - 1 / 205e3) / 15, 18);
    expect(stackConductance(c.deviceOn_S, c.rAccess_ohm)).toBeCloseTo(c.stackOn_S, 18);
    expect(deviceConductance(c.stackOff_S, c.rAccess_ohm)).toBeCloseTo(1 / 200e3, 18);
  });
  it('rejects impossible devices', () => {
    expect(() => cellLevels({ bitsPerCell: 0, rOn_ohm: 20e3, onOffRatio: 10 })).toThrow(ConfigError);
    expect(() => cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 1 })).toThrow(/onOffRatio/);
  });
});

describe('quantisation and slicing', () => {
  it('quantises symmetrically with the max-abs scale', () => {
    const { q, scale } = quantizeWeights(Float32Array.from([0.5, -1, 0.25, 0]), 8);
    expect(scale).toBe(1 / 127);
    expect(Array.from(q)).toEqual([64, -127, 32, 0]); // 63.5 rounds half up
  });
  it('handles 1-bit weights and all-zero tensors', () => {
    expect(Array.from(quantizeWeights(Float32Array.from([0.3, -1, -0.2]), 1).q)).toEqual([0, -1, 0]);
    expect(quantizeWeights(new Float32Array(3), 4).scale).toBe(1);
  });
  it('counts slices and lossless ADC bits (docs/sources.md#circuits-2-1: 64 rows, 4-bit cells -> 10 bits)', () => {
    expect(sliceCount(8, 4)).toBe(2);
    expect(sliceCount(8, 3)).toBe(3);
    expect(sliceCount(8, 1)).toBe(8);
    expect(losslessAdcBits(64, 4)).toBe(10);
    expect(losslessAdcBits(128, 1)).toBe(8);
  });
  it('quantises direct input to 8 bits with clipping', () => {
    const out = new Int32Array(5);
    quantizeDirectInput(Float32Array.from([-0.2, 0, 0.5, 1, 3]), out);
    expect(Array.from(out)).toEqual([0, 0, 128, 255, 255]);
  });
});

describe('stuck-at faults and read noise in a band', () => {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
  const dev = { cell, readNoiseSigma: 0, driftFactor: 1, stuckAtRate: 0, stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: 0 };

  it('sticks 90% of faulty cells at G_off and 10% at G_on (MNSIM split)', () => {
    const n = 20000;
    const band = buildBand(new Uint8Array(n).fill(7), 1, n, 64, { ...dev, stuckAtRate: 1 }, createRng('faults'));
    let off = 0;
    let on = 0;
    for (const v of band.cell) {
      if (Math.abs(v) < 1e-9) off++;
      else if (Math.abs(v - 15) < 1e-9) on++;
    }
    expect(off + on).toBe(n);
    expect(off / n).toBeGreaterThan(0.88);
    expect(off / n).toBeLessThan(0.92);
  });

  it('faulty cells at a lower rate are a subset of those at a higher rate (same seed)', () => {
    const levels = new Uint8Array(4000).fill(7);
    const low = buildBand(levels, 1, 4000, 64, { ...dev, stuckAtRate: 0.01 }, createRng('f'));
    const high = buildBand(levels, 1, 4000, 64, { ...dev, stuckAtRate: 0.1 }, createRng('f'));
    let lowCount = 0;
    for (let k = 0; k < 4000; k++) {
      if (low.cell[k] !== 7) {
        lowCount++;
        expect(high.cell[k]).toBe(low.cell[k]);
      }
    }
    expect(lowCount).toBeGreaterThan(10);
  });

  it('gives each cell a noise sigma of sigma * G (1 - G R_acc) in level units and sums variances per column', () => {
    const band = buildBand(Uint8Array.from([15, 0, 3, 9]), 2, 2, 64, { ...dev, readNoiseSigma: 0.1 }, null);
    const g = (k: number) => (cell.stackOff_S + k * cell.deltaG_S);
    const s = (k: number) => 0.1 * (g(k) / cell.deltaG_S) * (1 - g(k) * cell.rAccess_ohm);
    expect(band.noiseVar![0]).toBeCloseTo(s(15) ** 2, 5);
    const out = new Float64Array(2);
    const sigma = new Float64Array(2);
    readBand(band, Int32Array.from([0, 1]), 2, out, sigma);
    expect(Array.from(out)).toEqual([18, 9]);
    expect(sigma[0]).toBeCloseTo(Math.sqrt(s(15) ** 2 + s(3) ** 2), 5);
    expect(sigma[1]).toBeCloseTo(Math.sqrt(s(0) ** 2 + s(9) ** 2), 5);
  });

  it('draws read noise per read: a layer output scatters with the predicted sigma', () => {
    // One input, one output, 4-bit weights on one 4-bit cell; w = 7 -> u = 15 (top level).
    const config = applyOverrides(defaultConfig(), { 'snn.weightBits': 4, 'crossbar.rWire_ohm': 0, 'adc.bits': 8, 'device.readNoiseSigma': 0.1,
      'crossbar.signedMapping': 'offset-diff', 'device.programmingSpread': 0 });
    const hw = layerHardware(config, { index: 0, name: 'l' });
    const layer = programLayer(Float32Array.from([7]), 1, 1, hw, config, 'n', { directInput: false });
    const y = new Float32Array(1);
    const n = 4000;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      layer.mvm(Float32Array.from([1]), y);
      const e = y[0] / layer.weightScale - 7;
      s1 += e;
      s2 += e * e;
    }
    const g = cell.stackOn_S;
    const sigmaLevels = 0.1 * (g / cell.deltaG_S) * (1 - g * cell.rAccess_ohm); // 1.37 levels
    expect(Math.abs(s1 / n)).toBeLessThan(0.1);
    expect(Math.sqrt(s2 / n)).toBeGreaterThan(sigmaLevels * 0.93);
    expect(Math.sqrt(s2 / n)).toBeLessThan(Math.sqrt(sigmaLevels ** 2 + 1 / 12) * 1.07);
  });

  it('differential pair: the noise of both cells adds (G+ at level 7, G- at G_off)', () => {
    const config = applyOverrides(defaultConfig(), { 'snn.weightBits': 4, 'crossbar.rWire_ohm': 0, 'adc.bits': 8, 'device.readNoiseSigma': 0.1,
      'crossbar.signedMapping': 'differential-pair' });
    const layer = programLayer(Float32Array.from([7]), 1, 1, layerHardware(config, { index: 0, name: 'l' }), config, 'n', { directInput: false });
    const y = new Float32Array(1);
    const n = 4000;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      layer.mvm(Float32Array.from([1]), y);
      const v = y[0] / layer.weightScale;
      s1 += v;
      s2 += v * v;
    }
    // The spread about the mean: the programmed pair's own offset from level 7 (programming error, drift) is fixed
    // for the instance and is not read noise (measured about 7, the RMS at 40,000 reads left the upper bound).
    const spread = Math.sqrt(s2 / n - (s1 / n) ** 2);
    const sd = (g: number) => 0.1 * (g / cell.deltaG_S) * (1 - g * cell.rAccess_ohm);
    const sigmaLevels = Math.hypot(sd(cell.stackOff_S + 7 * cell.deltaG_S), sd(cell.stackOff_S)); // ~0.74 levels
    expect(spread).toBeGreaterThan(sigmaLevels * 0.93);
    expect(spread).toBeLessThan(Math.sqrt(sigmaLevels ** 2 + 1 / 12) * 1.07);
  });
});

describe('column converter', () => {
  const adc = (bits: number, rangeMode: 'clip' | 'full', kind: 'sar' | 'senseamp' = 'sar') => ({ kind, bits, columnsPerAdc: 8, sharing: 'crossbar' as const, rangeMode, skipZeroReads: 'off' as const, offsetSigma_lsb: 0, senseOffsetSigma_uA: 0 });
  it("'clip': one level per LSB, rounds, clips at 2^b - 1 and at 0", () => {
    const c = columnConverter(adc(5, 'clip'), 64, 4);
    expect([12.4, 12.5, 40, -3].map((v) => digitizeColumn(c, v))).toEqual([12, 13, 31, 0]);
  });
  it("'full': the range spans rows * (2^d - 1); lossless bits give LSB 1", () => {
    const c = columnConverter(adc(4, 'full'), 64, 4); // range 960, LSB 64
    expect(c.lsb).toBe(64);
    expect([31, 33, 2000].map((v) => digitizeColumn(c, v))).toEqual([0, 64, 960]);
    expect(columnConverter(adc(10, 'full'), 64, 4).lsb).toBe(1);
  });
  it('bipolar (signed mappings): sign-magnitude, 1 level per LSB in clip mode, ±(2^(b-1) - 1), half away from zero', () => {
    const c = columnConverter(adc(5, 'clip'), 64, 4, { bipolar: true });
    expect(c.maxCode).toBe(15);
    expect([12.4, 12.5, -12.5, -0.4, 40, -40].map((v) => digitizeColumn(c, v))).toEqual([12, 13, -13, 0, 15, -15]);
    const full = columnConverter(adc(4, 'full'), 64, 4, { bipolar: true }); // range 960 over 7 codes
    expect(full.lsb).toBeCloseTo(960 / 7, 12);
    expect(columnConverter(adc(11, 'full'), 64, 4, { bipolar: true }).lsb).toBe(1); // lossless: sign + 10 bits
    const sign = columnConverter(adc(1, 'clip'), 64, 4, { bipolar: true }); // the sign comparator alone
    expect([3.2, -0.1, 0].map((v) => digitizeColumn(sign, v))).toEqual([1, -1, 0]);
    const sa = columnConverter(adc(8, 'clip', 'senseamp'), 64, 4, { bipolar: true, senseValue: 3 });
    expect([0, 0.01, -5].map((v) => digitizeColumn(sa, v))).toEqual([0, 3, 0]);
  });
  it('senseamp: 1 bit at half the range, whatever adc.bits says', () => {
    const clip = columnConverter(adc(8, 'clip', 'senseamp'), 64, 4);
    expect([0.4, 0.5, 100].map((v) => digitizeColumn(clip, v))).toEqual([0, 1, 1]);
    const full = columnConverter(adc(8, 'full', 'senseamp'), 64, 4);
    expect([479, 480].map((v) => digitizeColumn(full, v))).toEqual([0, 960]);
    const custom = columnConverter(adc(8, 'clip', 'senseamp'), 64, 4, 2.5);
    expect([2, 3].map((v) => digitizeColumn(custom, v))).toEqual([0, 5]);
  });
});

describe('sense-amplifier layers (ADC-less), offset-diff: partial sums binarised per crossbar', () => {
  // 2-bit weights on 2-bit cells: one slice, offset 2, u = q + 2 in 0..3.
  // The configuration check refuses this pair (src/hardware/adcRange.ts unsignedSenseColumn); the engine's transfer is
  // kept and shown here on a configuration built past the check, as the reason for the refusal (ideal 4, read -6).
  const checked = applyOverrides(defaultConfig(), {
    'snn.weightBits': 2, 'device.bitsPerCell': 2, 'adc.kind': 'senseamp', 'crossbar.size': 8,
    'crossbar.rWire_ohm': 0, 'device.readNoiseSigma': 0,
  });
  const config = { ...checked, crossbar: { ...checked.crossbar, signedMapping: 'offset-diff' as const } };
  const hw = layerHardware(config, { index: 0, name: 'l' });
  it('thresholds each crossbar column, then DIFF subtracts offset * sum(x)', () => {
    const layer = programLayer(Float32Array.from([1, -1]), 2, 1, hw, config, 's', { directInput: false }); // q = [1, -1], u = [3, 1]
    const y = new Float32Array(1);
    layer.mvm(Float32Array.from([1, 1]), y); // column sum 3 + 1 = 4 >= 0.5 -> 1; 1 - 2*2 = -3
    expect(y[0]).toBe(-3);
    layer.mvm(Float32Array.from([0, 1]), y); // sum 1 -> 1; 1 - 2 = -1
    expect(y[0]).toBe(-1);
    const custom = programLayer(Float32Array.from([1, -1]), 2, 1, hw, config, 's', { directInput: false, senseThreshold: 2.5 });
    custom.mvm(Float32Array.from([1, 1]), y); // 4 >= 2.5 -> 5; 5 - 4 = 1
    expect(y[0]).toBe(1);
    const perOutput = programLayer(Float32Array.from([1, -1]), 2, 1, hw, config, 's', { directInput: false, senseThreshold: Float32Array.from([4.5]) });
    perOutput.mvm(Float32Array.from([1, 1]), y); // 4 < 4.5 -> 0; 0 - 4 = -4
    expect(y[0]).toBe(-4);
  });
  it('binarises each 8-row crossbar separately before the digital sum', () => {
    // 16 inputs = 2 crossbars; all weights q = 1 (u = 3). Spikes on 1 row of band 0 and 3 rows of band 1:
    // each band's column is >= 0.5 -> 1 + 1 = 2; DIFF 2 * 4 = 8 -> -6 (the ideal sum would be 4).
    const layer = programLayer(new Float32Array(16).fill(1), 16, 1, hw, config, 's', { directInput: false });
    const x = new Float32Array(16);
    x[2] = 1;
    x[9] = x[10] = x[12] = 1;
    const y = new Float32Array(1);
    layer.mvm(x, y);
    expect(y[0]).toBe(-6);
  });
});

for (const mapping of ['differential-pair', 'reference-column'] as const) {
  describe(`sense-amplifier layers (ADC-less), ${mapping}: the sign of each crossbar's signed partial sum`, () => {
    // 3-bit weights on 4-bit cells: one slice per weight; 8-row crossbars (reference-column: 7 weight columns).
    const config = applyOverrides(defaultConfig(), {
      'snn.weightBits': 3, 'device.bitsPerCell': 4, 'adc.kind': 'senseamp', 'crossbar.size': 8,
      'crossbar.rWire_ohm': 0, 'device.readNoiseSigma': 0, 'crossbar.signedMapping': mapping, 'device.programmingSpread': 0,
    });
    const hw = layerHardware(config, { index: 0, name: 'l' });
    it('bit = (sum q x > threshold), a 1 reads senseValue, summed over the row tiles', () => {
      // 16 inputs = 2 row tiles; q = [3, -2, 0, ...] in tile 0 and [-1, -1, 1, ...] in tile 1 (scale 1).
      const w = new Float32Array(16);
      w.set([3, -2], 0);
      w.set([-1, -1, 1], 8);
      const layer = programLayer(w, 16, 1, hw, config, 's', { directInput: false });
      expect(Array.from(layer.quantizedWeights.slice(0, 3))).toEqual([3, -2, 0]);
      const y = new Float32Array(1);
      const run = (on: number[], opts = {}) => {
        const l = Object.keys(opts).length ? programLayer(w, 16, 1, hw, config, 's', { directInput: false, ...opts }) : layer;
        const x = new Float32Array(16);
        for (const i of on) x[i] = 1;
        l.mvm(x, y);
        return y[0] / l.weightScale;
      };
      expect(run([0, 1])).toBe(1); // tile 0: 3 - 2 = 1 > 0 -> 1
      expect(run([1])).toBe(0); // -2 -> 0
      expect(run([0, 10])).toBe(2); // tile 0: 3 > 0, tile 1: 1 > 0
      expect(run([0, 8, 9, 10])).toBe(1); // tile 1: -1 -> 0
      expect(run([2])).toBe(0); // 0 is not > 0
      expect(run([0, 10], { senseValue: 2.5 })).toBe(5);
      expect(run([0, 1], { senseThreshold: 1 })).toBe(0); // 1 is not > 1
      expect(run([0], { senseThreshold: Float32Array.from([2.5]), senseValue: Float32Array.from([4]) })).toBe(4);
    });
  });
}

describe('FastNormal', () => {
  it('is reproducible and has the moments and tails of N(0, 1)', () => {
    const a = new FastNormal('k');
    const b = new FastNormal('k');
    for (let k = 0; k < 100; k++) expect(a.normal()).toBe(b.normal());
    const r = new FastNormal('moments');
    const n = 400_000;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let tail = 0;
    for (let k = 0; k < n; k++) {
      const x = r.normal();
      s1 += x;
      s2 += x * x;
      s4 += x ** 4;
      if (Math.abs(x) > 2.5) tail++;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.01);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.06);
    expect(tail / n).toBeCloseTo(0.0124193, 3); // 2 (1 - Phi(2.5))
  });

  it('starts every instance of a seed at the seed state derived from createRng (the per-seed state cache)', () => {
    const a = new FastNormal('cached');
    const first = Array.from({ length: 50 }, () => a.normal());
    const b = new FastNormal('cached'); // created after a has advanced: the cached state must not have moved
    expect(Array.from({ length: 50 }, () => b.normal())).toEqual(first);
    // The first 32-bit output of xoshiro128** from the state createRng('cached') derives, computed here by hand.
    const rng = createRng('cached');
    const word = () => Math.floor(rng.next() * 2 ** 32) | 0;
    word();
    const s1 = word();
    const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
    expect(new FastNormal('cached').nextInt32()).toBe(Math.imul(rotl(Math.imul(s1, 5), 7), 9) | 0);
  });
});
