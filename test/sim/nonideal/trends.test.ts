import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware, SIGNED_MAPPINGS, type HardwareConfig } from '../../../src/hardware/config.js';
import type { ResolvedLayer } from '../../../src/model/types.js';
import { cellLevels, driftFactor, STUCK_AT_OFF_SHARE } from '../../../src/sim/nonideal/device.js';
import { buildBand, readBand } from '../../../src/sim/nonideal/band.js';
import { layerMacError } from '../../../src/sim/nonideal/macError.js';

/** A 256 -> 64 linear layer receiving spikes. */
const layer: ResolvedLayer = {
  kind: 'linear',
  name: 'fc',
  outFeatures: 64,
  index: 1,
  inputShape: { channels: 256, height: 1, width: 1 },
  outputShape: { channels: 64, height: 1, width: 1 },
  inputSpikeRate: 0.1,
  directInput: false,
};

/** Everything ideal except what the test turns on; 12-bit 'clip' ADC is lossless for 128 rows of 4-bit cells. */
function config(overrides: Record<string, unknown>): HardwareConfig {
  return applyOverrides(defaultConfig(), {
    'device.readNoiseSigma': 0,
    'crossbar.rWire_ohm': 0,
    'device.stuckAtRate': 0,
    'device.driftTime_s': 0,
    'device.programmingSpread': 0,
    'adc.bits': 12,
    ...overrides,
  });
}

function rmsOf(overrides: Record<string, unknown>, samples = 48): number {
  const c = config(overrides);
  const hw = { ...layerHardware(c, layer), spikeRate: 0.1 };
  return layerMacError(layer, hw, c, 'trend', samples).rms;
}

/** Each value at least `factor` times the previous one. */
function expectRising(values: number[], factor: number): void {
  for (let k = 1; k < values.length; k++) expect(values[k]).toBeGreaterThan(values[k - 1] * factor);
}

for (const mapping of SIGNED_MAPPINGS) describe(`MAC error trends over grids, ${mapping} (margins well above Monte Carlo spread)`, () => {
  const rms = (overrides: Record<string, unknown>, samples = 48) => rmsOf({ 'crossbar.signedMapping': mapping, ...overrides }, samples);
  const lossless = mapping === 'offset-diff' ? 10 : 11; // 64 rows x 4-bit cells; the bipolar converter needs a sign bit
  it('is exactly zero on ideal hardware', () => {
    expect(rms({})).toBe(0);
  });

  it('grows with crossbar size at fixed wire resistance (5 Ohm)', () => {
    const e = [32, 64, 128].map((size) => rms({ 'crossbar.size': size, 'crossbar.rWire_ohm': 5 }));
    expectRising(e, 1.5);
  });

  it('falls as R_on rises (review Fig. 10 d)', () => {
    const e = [300e3, 100e3, 40e3, 20e3].map((r) => rms({ 'device.rOn_ohm': r, 'crossbar.rWire_ohm': 5 }));
    expectRising(e, 1.5);
  });

  it('grows with read noise', () => {
    const e = [0.01, 0.03, 0.1, 0.3].map((s) => rms({ 'device.readNoiseSigma': s }));
    expectRising(e, 2);
  });

  it('grows with the programming sigma', () => {
    const e = [0.01, 0.03, 0.1, 0.3].map((s) => rms({ 'device.programSigma': s }));
    expectRising(e, 2);
  });

  it('grows with the stuck-at rate', () => {
    const e = [0.001, 0.01, 0.05, 0.2].map((r) => rms({ 'device.stuckAtRate': r }));
    expectRising(e, 1.5);
  });

  it('grows as ADC bits fall below the lossless point (clip and full range)', () => {
    // Bipolar sums of sparse spikes stay small, so the full-range converter loses them first and 'clip' needs fewer bits.
    const clipGrid = mapping === 'offset-diff' ? [lossless, 7, 6, 5, 4] : [lossless, 7, 6, 5, 3];
    const fullGrid = mapping === 'offset-diff' ? [lossless, 8, 6, 4] : [lossless, 9, 8, 7];
    const clip = clipGrid.map((b) => rms({ 'adc.bits': b }));
    expect(clip[0]).toBe(0);
    expectRising(clip.slice(1), 1.3);
    expect(clip[1]).toBeGreaterThan(0);
    const full = fullGrid.map((b) => rms({ 'adc.bits': b, 'adc.rangeMode': 'full' }));
    expect(full[0]).toBe(0);
    expectRising(full.slice(1), 1.5);
    expect(full[1]).toBeGreaterThan(0);
  });

  it('grows with drift time (conductances fall, the sums lose gain)', () => {
    const e = [30, 1e3, 1e5, 1e7].map((t) => rms({ 'device.driftTime_s': t, 'device.driftNu': 0.05 }));
    expectRising(e, 1.3);
    // t counts from programming: 20 s already drifts by 2^-nu (until 2026-12-06 nothing before t0 = 20 s).
    expect(rms({ 'device.driftTime_s': 20, 'device.driftNu': 0.05 })).toBeGreaterThan(0);
    expect(rms({ 'device.driftTime_s': 0, 'device.driftNu': 0.05 })).toBe(0);
  });
});

describe('programming error', () => {
  it('is drawn per chip: same seed same chip, and it is static (two reads of one input agree without read noise)', () => {
    const c = config({ 'device.programSigma': 0.1 });
    const hw = { ...layerHardware(c, layer), spikeRate: 0.1 };
    expect(layerMacError(layer, hw, c, 'p', 8).rms).toBe(layerMacError(layer, hw, c, 'p', 8).rms);
    expect(layerMacError(layer, hw, c, 'p', 8).rms).not.toBe(layerMacError(layer, hw, c, 'q', 8).rms);
  });
});

describe('drift', () => {
  it('follows ((t + t0)/t0)^-nu, t0 = 20 s, t since programming (AIHWKit noise/pcm.py)', () => {
    expect(driftFactor(0.05, 0)).toBe(1);
    expect(driftFactor(0.05, 20)).toBeCloseTo(2 ** -0.05, 14);
    // The QA figure (D5): 6^-0.05 = 0.9143 at 100 s, nu 0.05, where (t/t0)^-nu gave 5^-0.05 = 0.9227.
    expect(driftFactor(0.05, 100)).toBeCloseTo(0.914308, 6);
    expect(driftFactor(0.05, 1980)).toBeCloseTo(100 ** -0.05, 14);
    expect(driftFactor(0, 2000)).toBe(1);
  });

  it('lowers every column current of a programmed band', () => {
    const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
    const levels = Uint8Array.from({ length: 16 * 8 }, (_, k) => (k * 7) % 16);
    const read = (drift: number) => {
      const band = buildBand(levels, 16, 8, 16, {
        cell, readNoiseSigma: 0, driftFactor: drift, stuckAtRate: 0, stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: 0,
      }, null);
      const out = new Float64Array(8);
      readBand(band, Int32Array.from([0, 3, 5, 9, 15]), 5, out, null);
      return out;
    };
    const fresh = read(1);
    const drifted = read(driftFactor(0.05, 1e6));
    for (let j = 0; j < 8; j++) expect(drifted[j]).toBeLessThan(fresh[j] - 0.5);
  });
});
