import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { cellLevels, deviceConductance, spreadOf, stackConductance } from '../../src/sim/nonideal/index.js';
import { buildBand } from '../../src/sim/nonideal/band.js';
import { bandColumns, bandLevels, bitSlicing } from '../../src/sim/nonideal/placement.js';
import { weightOffset } from '../../src/sim/nonideal/device.js';
import { cellSpread_levels, differentialWeightSpread_levels } from '../../src/sim/nonideal/weightSpread.js';
import { ADCLESS_DESIGN } from '../../src/snn/adcless.js';
import { createRng } from '../../src/util/rng.js';

const design = applyOverrides(defaultConfig(), ADCLESS_DESIGN).device;

describe('the conductance spread in weight levels', () => {
  it('matches the hand computation at level 0 of the ADC-less design (RRAM, R_on 20 kOhm, On/Off 10, 4-bit cells)', () => {
    // Stack: R_acc = 5 kOhm, G_off = 1/205 kOhm, G_on = 1/25 kOhm, deltaG = (G_on - G_off) / 15. Device at level 0:
    // 5 uS; Milo's fit scaled by s = 50/225: s (4.782321 - 0.009107 x 5/s) uS; slope 1 / (1 + 5 uS x 5 kOhm)^2.
    const s = 50 / 225;
    const sigmaDevice_uS = s * (4.782321 - 0.009107 * (5 / s));
    const deltaG_uS = (1e6 / 25e3 - 1e6 / 205e3) / 15;
    const expected = (sigmaDevice_uS / 1.025 ** 2) / deltaG_uS;
    expect(cellSpread_levels(design, 4, 0)).toBeCloseTo(expected, 10);
    const table = differentialWeightSpread_levels(design, 4);
    expect(table.length).toBe(9);
    expect(table[0]).toBeCloseTo(Math.SQRT2 * expected, 10);
    expect(table[0]).toBeCloseTo(0.5848, 4);
    expect(table[7]).toBeCloseTo(Math.hypot(cellSpread_levels(design, 4, 7), expected), 12);
  });

  it('agrees with sampling the device spread through the stack (the first-order step is below 1% off)', () => {
    const cell = cellLevels(design);
    const spread = spreadOf(design, cell)!;
    const rng = createRng('spread-check');
    for (const level of [0, 4, 8, 15]) {
      const g = deviceConductance(cell.stackOff_S + level * cell.deltaG_S, cell.rAccess_ohm);
      const base = stackConductance(g, cell.rAccess_ohm);
      let sq = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) sq += ((stackConductance(g + spread(g) * rng.normal(), cell.rAccess_ohm) - base) / cell.deltaG_S) ** 2;
      expect(Math.abs(Math.sqrt(sq / n) / cellSpread_levels(design, 4, level) - 1)).toBeLessThan(0.01);
    }
  });

  it('is zero without a spread and grows with it', () => {
    expect(Array.from(differentialWeightSpread_levels({ ...design, programmingSpread: 0 }, 4))).toEqual(new Array(9).fill(0));
    expect(Array.from(differentialWeightSpread_levels({ ...design, kind: 'sttmram' }, 4))).toEqual(new Array(9).fill(0));
    const half = differentialWeightSpread_levels({ ...design, programmingSpread: 0.5 }, 4);
    differentialWeightSpread_levels(design, 4).forEach((v, k) => expect(half[k]).toBeCloseTo(v / 2, 12));
  });

  it('adds the bit slices of a wider weight, each shifted, and uses the cells\' own level count', () => {
    // 8-bit weights on 4-bit cells: two 4-bit slices, the upper one shifted by 4 (x 16 in sigma).
    const c = (k: number) => cellSpread_levels(design, 4, k);
    const table = differentialWeightSpread_levels(design, 8);
    expect(table.length).toBe(129);
    for (const q of [0, 5, 16, 100, 128]) {
      expect(table[q]).toBeCloseTo(Math.sqrt(c(q & 15) ** 2 + c(0) ** 2 + 256 * (c(q >> 4) ** 2 + c(0) ** 2)), 12);
    }
    // 3-bit weights on 4-bit cells: one slice on 8 levels over the whole window, so each level is a wider step.
    const three = differentialWeightSpread_levels(design, 3);
    expect(three[1]).toBeCloseTo(Math.hypot(cellSpread_levels(design, 3, 1), cellSpread_levels(design, 3, 0)), 12);
    expect(three[0]).toBeLessThan(differentialWeightSpread_levels(design, 4)[0]);
  });

  it('predicts the spread of the weights the engine programs (bandLevels + buildBand, differential pair), per |q|', () => {
    // One band of 64 rows x 1,000 weights with the spread alone (no programming error, faults, drift, wires or read
    // noise); each weight read back as sum_s 2^shift_s (G+_s - G-_s) in levels, minus q. The model must give the SD
    // of that error at every |q| (sampling error at most ~3% here), 4-bit weights (one slice) and 8-bit (two slices,
    // the upper one 16x: a slice rule adding sigmas, or 2^shift in variance, fails by 2x or more).
    for (const weightBits of [4, 8]) {
      const rows = 64;
      const outputs = 1000;
      const rng = createRng(`engine-spread-${weightBits}`);
      const half = 2 ** (weightBits - 1);
      const q = Int32Array.from({ length: rows * outputs }, () => Math.floor(rng.next() * 2 * half) - half);
      const slicing = bitSlicing(weightBits, design.bitsPerCell);
      const cols = outputs * slicing.slices;
      const placed = bandColumns('differential-pair', cols, slicing.slices, 64);
      const levels = bandLevels(q, rows, outputs, 0, rows, 'differential-pair', slicing, weightOffset(weightBits), placed.totalCols);
      const cell = cellLevels({ ...design, bitsPerCell: slicing.cellBits });
      const dev = { cell, readNoiseSigma: 0, programSigma: 0, programmingSpread_S: spreadOf(design, cell), driftFactor: 1, stuckAtRate: 0,
        stuckAtOffShare: 0, rWire_ohm: 0 };
      const band = buildBand(levels, rows, placed.totalCols, 64, dev, null, placed.layout, createRng(`engine-spread-program-${weightBits}`));
      const sq = new Float64Array(half + 1);
      const count = new Float64Array(half + 1);
      for (let i = 0; i < rows; i++) {
        for (let o = 0; o < outputs; o++) {
          let read = 0;
          for (let sl = 0; sl < slicing.slices; sl++) {
            const c = o * slicing.slices + sl;
            read += 2 ** slicing.shifts[sl] * (band.cell[i * band.stride + c] - band.cell[i * band.stride + placed.partner![c]]);
          }
          const w = q[o * rows + i];
          sq[Math.abs(w)] += (read - w) ** 2;
          count[Math.abs(w)]++;
        }
      }
      const table = differentialWeightSpread_levels(design, weightBits);
      // Per |q| with enough samples, and pooled over every |q| (weighted by count).
      let pooledEngine = 0;
      let pooledModel = 0;
      for (let a = 0; a <= half; a++) {
        pooledEngine += sq[a];
        pooledModel += count[a] * table[a] ** 2;
        if (count[a] >= 2000) expect(Math.abs(Math.sqrt(sq[a] / count[a]) / table[a] - 1), `${weightBits}-bit, |q| = ${a}`).toBeLessThan(0.05);
      }
      expect(Math.abs(Math.sqrt(pooledEngine / pooledModel) - 1), `${weightBits}-bit, pooled`).toBeLessThan(0.02);
    }
  });

  it('refuses a weight without a sign bit and a level outside the cell', () => {
    expect(() => differentialWeightSpread_levels(design, 1)).toThrow('snn.weightBits: got 1, expected an integer in [2, 16]');
    expect(() => cellSpread_levels(design, 4, 16)).toThrow('level: got 16, expected an integer in [0, 15] (4-bit cells)');
  });
});
