/**
 * PCM's per-cell drift and accumulated 1/f noise: AIHWKit's PCMLikeNoiseModel (docs/sources.md#aihwkit-pcm), drawn
 * once per cell per chip and state-dependent (src/sim/nonideal/cellDrift.ts, wasm/program.ts). Until 2026-12-06 PCM
 * drifted with one nu for every cell and read a fresh 3.7% Gaussian on every read: every test here failed on that code.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware, type HardwareConfig } from '../../../src/hardware/config.js';
import { AIHWKIT_PCM_DRIFT, DEVICE_PRESETS } from '../../../src/hardware/devices.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { evaluateAccuracy, macErrorOf } from '../../../src/sim/accuracy.js';
import { buildBand, type BandDevice } from '../../../src/sim/nonideal/band.js';
import { cellDriftOf, driftedConductance, logLinear, nuStats, qsOf, type CellDrift } from '../../../src/sim/nonideal/cellDrift.js';
import { cellLevels, deviceConductance, spreadOf, stackConductance, STUCK_AT_OFF_SHARE } from '../../../src/sim/nonideal/device.js';
import { programLayer } from '../../../src/sim/nonideal/layer.js';
import { memoNormalRng } from '../../../src/sim/nonideal/normal.js';
import { createRng } from '../../../src/util/rng.js';

const M = AIHWKIT_PCM_DRIFT;
const mu = (g: number) => logLinear(M.nuMean, g, M.minRelativeG);
const sd = (g: number) => logLinear(M.nuSigma, g, M.minRelativeG);

describe('AIHWKit PCM constants (pcm.py, hand-computed)', () => {
  it('Q_s, mu_nu and sigma_nu at G/G_max = 1, 0.5, 0.1, 0.01, 0.001, 1e-6', () => {
    // Q_s = min(0.0088 / max(x^0.65, 1e-3), 0.2); mu = clamp(-0.0155 ln x + 0.0244, 0.049, 0.1);
    // sigma = clamp(-0.0125 ln x - 0.0059, 0.008, 0.045).
    expect(qsOf(M, 1)).toBe(0.0088);
    expect(qsOf(M, 0.5)).toBeCloseTo(0.0138087, 7);
    expect(qsOf(M, 0.1)).toBeCloseTo(0.0393082, 7);
    expect(qsOf(M, 0.01)).toBeCloseTo(0.175583, 6);
    expect(qsOf(M, 0.001)).toBe(0.2);
    expect(qsOf(M, 1e-6)).toBe(0.2); // the power's floor (1e-3) and then the cap
    expect(qsOf(M, 0)).toBe(0.2);
    expect([mu(1), sd(1)]).toEqual([0.049, 0.008]);
    expect([mu(0.5), sd(0.5)]).toEqual([0.049, 0.008]);
    expect(mu(0.1)).toBeCloseTo(0.0600901, 7);
    expect(sd(0.1)).toBeCloseTo(0.0228823, 7);
    expect(mu(0.01)).toBeCloseTo(0.0957801, 7);
    expect(sd(0.01)).toBe(0.045);
    expect([mu(0.001), sd(0.001)]).toEqual([0.1, 0.045]);
    expect([mu(0), sd(0)]).toEqual([0.1, 0.045]);
  });

  it('the 1/f sigma at t = 0 (t0 = 20 s, t_read = 250 ns): 3.68% at G_max, 16.4% at 0.1, 73% at 0.01', () => {
    const cd = cellDriftOf({ kind: 'pcm', driftNu: DEVICE_PRESETS.pcm.driftNu, driftTime_s: 0 }, { deviceOn_S: 25e-6 })!;
    expect(cd.lnTime).toBe(0);
    expect(cd.noiseTime).toBeCloseTo(Math.sqrt(Math.log(20.00000025 / 5e-7)), 12);
    expect(qsOf(M, 1) * cd.noiseTime).toBeCloseTo(0.036818, 6);
    expect(qsOf(M, 0.1) * cd.noiseTime).toBeCloseTo(0.16446, 5);
    expect(qsOf(M, 0.01) * cd.noiseTime).toBeCloseTo(0.73461, 5);
    // The preset's driftNu is the model's mean nu at G_max, so AIHWKit's drift_scale is 1; driftNu scales it.
    expect(cd.driftScale).toBe(1);
    expect(nuStats({ ...cd, driftScale: 2 }, 2.5e-6)).toEqual({ mean: 2 * mu(0.1), sigma: 2 * sd(0.1) });
    expect(cellDriftOf({ kind: 'rram', driftNu: 0.005, driftTime_s: 1e6 }, { deviceOn_S: 50e-6 })).toBeNull();
  });
});

/** A PCM band of `levels` (no programming perturbation, no wires or read noise) with its per-cell model `cd`. */
function bandOf(levels: Uint8Array, cd: CellDrift, seed: string) {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: DEVICE_PRESETS.pcm.rOn_ohm, onOffRatio: DEVICE_PRESETS.pcm.onOffRatio });
  const dev: BandDevice = { cell, readNoiseSigma: 0, driftFactor: 1, cellDrift: cd, stuckAtRate: 0, stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: 0 };
  const band = buildBand(levels, levels.length / 64, 64, 64, dev, null, null, null, memoNormalRng(seed, 2 * levels.length));
  // Each cell's device conductance back from its read value (level units, pedestal removed; f32).
  return Float64Array.from(band.cell, (v) => deviceConductance((v + cell.stackOff_S / cell.deltaG_S) * cell.deltaG_S, cell.rAccess_ohm));
}

const mean = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0) / x.length;
const stdev = (x: ArrayLike<number>) => {
  const m = mean(x);
  return Math.sqrt(Array.from(x).reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};

describe('per-cell drift factors, 65,536 cells against the formula', () => {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 40e3, onOffRatio: 100 });
  const pcm = (t: number) => cellDriftOf({ kind: 'pcm', driftNu: DEVICE_PRESETS.pcm.driftNu, driftTime_s: t }, cell)!;
  const n = 65536;

  for (const level of [1, 4, 15]) {
    it(`level ${level}: ln(G(t)/G_target) has mean -mu_nu ln((t + t0)/t0) and sd sigma_nu ln((t + t0)/t0) at t = 1e7 s (1/f off)`, () => {
      const cd = { ...pcm(1e7), noiseTime: 0 };
      const target = deviceConductance(cell.stackOff_S + level * cell.deltaG_S, cell.rAccess_ohm);
      const x = target / cell.deviceOn_S;
      const g = bandOf(new Uint8Array(n).fill(level), cd, `dist:${level}`);
      const lnR = Array.from(g, (v) => Math.log(v / target));
      const L = Math.log((1e7 + 20) / 20);
      // nu = |mu + sigma N| with mu >= 2.1 sigma here: |.| moves the mean by < 0.3% of mu.
      expect(mean(lnR) / (-mu(x) * L)).toBeCloseTo(1, 2);
      expect(stdev(lnR) / (sd(x) * L)).toBeGreaterThan(0.97);
      expect(stdev(lnR) / (sd(x) * L)).toBeLessThan(1.02);
    });
  }

  it('the 1/f deviation at t = 0: mean 1, sd Q_s sqrt(ln((t0 + t_read)/(2 t_read))), no drift (level 8)', () => {
    const cd = pcm(0);
    const target = deviceConductance(cell.stackOff_S + 8 * cell.deltaG_S, cell.rAccess_ohm);
    const r = Array.from(bandOf(new Uint8Array(n).fill(8), cd, 'noise'), (v) => v / target);
    const expected = qsOf(M, target / cell.deviceOn_S) * cd.noiseTime;
    expect(expected).toBeCloseTo(0.0591, 4); // G/G_max = 0.483: 1.6x G_max's 3.68%
    expect(Math.abs(mean(r) - 1)).toBeLessThan((4 * expected) / Math.sqrt(n));
    expect(stdev(r) / expected).toBeGreaterThan(0.985);
    expect(stdev(r) / expected).toBeLessThan(1.015);
  });

  it('the kernel computes driftedConductance bit for bit, after the spread and with stuck cells at their own draws', () => {
    const rng = createRng('bits');
    const [rows, cols] = [48, 64];
    const levels = Uint8Array.from({ length: rows * cols }, () => rng.int(16));
    const cd = pcm(3e5);
    const spread = spreadOf({ kind: 'pcm', programmingSpread: 1 }, cell)!;
    const dev: BandDevice = { cell, readNoiseSigma: 0, driftFactor: 1, cellDrift: cd, programmingSpread_S: spread, stuckAtRate: 0.05,
      stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: 0 };
    const band = buildBand(levels, rows, cols, 64, dev, createRng('bits:f'), null, memoNormalRng('bits:p', rows * cols),
      memoNormalRng('bits:d', 2 * rows * cols));
    const prog = createRng('bits:p');
    const drift = createRng('bits:d');
    const faults = createRng('bits:f');
    const invDelta = 1 / cell.deltaG_S;
    const g0 = cell.stackOff_S * invDelta;
    const expected = new Float32Array(rows * cols);
    for (let k = 0; k < rows * cols; k++) {
      const target = deviceConductance(cell.stackOff_S + levels[k] * cell.deltaG_S, cell.rAccess_ohm);
      const gp = Math.max(0, target + spread(target) * prog.normal());
      const [n1, n2] = [drift.normal(), drift.normal()];
      const hit = faults.next() < 0.05;
      const off = faults.next() < STUCK_AT_OFF_SHARE;
      const at = hit ? (off ? cell.deviceOff_S : cell.deviceOn_S) : gp;
      const nu = nuStats(cd, hit ? at : target);
      expected[k] = stackConductance(driftedConductance(cd, nu.mean, nu.sigma, at, n1, n2), cell.rAccess_ohm) * invDelta - g0;
    }
    expect(band.cell).toEqual(expected);
  });
});

/** A 96 -> 24 PCM layer (random weights) and a spike input. */
function pcmLayer(config: HardwareConfig, seed: string) {
  const rng = createRng('w');
  const w = Float32Array.from({ length: 96 * 24 }, () => rng.normal());
  const hw = layerHardware(config, { index: 0, name: 'fc' });
  return programLayer(w, 96, 24, hw, config, seed, { directInput: false });
}

describe('the static draw belongs to the chip', () => {
  const pcm = applyOverrides(defaultConfig(), { 'device.kind': 'pcm', 'device.driftTime_s': 1e6, 'adc.bits': 12, 'crossbar.rWire_ohm': 0 });
  const x = Float32Array.from({ length: 96 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const read = (layer: ReturnType<typeof pcmLayer>, key: string) => {
    const y = new Float32Array(24);
    layer.reseedNoise(key);
    layer.mvm(x, y);
    return Array.from(y);
  };

  it('every read and timestep of one chip reads the same deviations; another chip (seed) others; the same seed the same chip', () => {
    expect(pcm.device.readNoiseSigma).toBe(0); // AIHWKit's PCM inference model has no per-read term
    const chip = pcmLayer(pcm, 'chip-a');
    const first = read(chip, 'sample-0');
    expect(read(chip, 'sample-1')).toEqual(first);
    expect(read(chip, 'sample-0:t3')).toEqual(first);
    expect(read(pcmLayer(pcm, 'chip-a'), 'other')).toEqual(first);
    expect(read(pcmLayer(pcm, 'chip-b'), 'sample-0')).not.toEqual(first);
  });

  it('device.readNoiseSigma adds a fresh per-read term on top; device.driftNu 0 stops the drift but keeps the 1/f term', () => {
    const noisy = pcmLayer(applyOverrides(pcm, { 'device.readNoiseSigma': 0.05 }), 'chip-a');
    expect(read(noisy, 'sample-0')).not.toEqual(read(noisy, 'sample-1'));
    const fresh = read(pcmLayer(applyOverrides(pcm, { 'device.driftTime_s': 0 }), 'chip-a'), 's');
    const noDrift = read(pcmLayer(applyOverrides(pcm, { 'device.driftNu': 0 }), 'chip-a'), 's');
    const aged = read(pcmLayer(pcm, 'chip-a'), 's');
    const size = (y: number[]) => y.reduce((a, b) => a + Math.abs(b), 0);
    expect(size(aged)).toBeLessThan(0.7 * size(fresh)); // ((1e6 + 20)/20)^-0.049 = 0.59 at G_max
    expect(size(noDrift)).toBeGreaterThan(0.8 * size(fresh));
    expect(noDrift).not.toEqual(fresh); // the 1/f term grows with t: sqrt(ln(1e6 / 5e-7)) / sqrt(ln(20 / 5e-7)) = 1.26x
  });
});

describe('PCM on mlp-mnist ages', () => {
  const net = zooNetwork('mlp-mnist');
  // 4 bits per cell named: at PCM's own default of 3 (since 2026-12-06) the wider level spacing absorbs the drift in
  // 300 samples (measured 95.3 -> 95.0 -> 95.3%), so the trend is shown on 4-bit cells.
  const at = (t: number) => applyOverrides(defaultConfig(), { 'device.kind': 'pcm', 'device.bitsPerCell': 4, 'device.driftTime_s': t, 'accuracy.samples': 300 });

  it('the MAC error of the same chip rises with driftTime_s', () => {
    const e = [0, 1e3, 1e5, 1e7, 1e9].map((t) => macErrorOf(net, at(t)).macError_rms);
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThan(e[i - 1]);
  });

  it('accuracy (300 samples, one chip) falls with driftTime_s: 1e9 s costs at least 1.5 points (measured 96.0 -> 95.3 -> 93.7%)', () => {
    const [fresh, year, old] = [0, 3e7, 1e9].map((t) => evaluateAccuracy(net, at(t)).accuracy);
    expect(year).toBeLessThanOrEqual(fresh);
    expect(old).toBeLessThanOrEqual(year);
    expect(old).toBeLessThan(fresh - 0.015);
  });
});
