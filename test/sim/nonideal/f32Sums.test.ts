/**
 * The read kernel's f32 column sums (wasm/crossbar.ts; docs/nonidealities.md, fourteenth pass) against exact sums:
 * (1) on programmed bands with every non-ideality, each column's s, q (and the IR-drop series sums t1, t2) lies within
 * the recursive-summation bound of its exact value; (2) integer levels (ideal hardware) sum exactly at the largest
 * crossbar and cell precision the registry allows. Each check is shown to reject a broken sum (a dropped row, a wrong
 * weight), so it can fail.
 */
import { describe, expect, it } from 'vitest';
import { parameterSpec } from '../../../src/hardware/config.js';
import { buildBand, readBand, type Band } from '../../../src/sim/nonideal/band.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { STUCK_AT_OFF_SHARE, cellLevels } from '../../../src/sim/nonideal/device.js';
import { createRng } from '../../../src/util/rng.js';

/** f32's unit roundoff (IEEE 754 binary32: 24-bit significand; docs/sources.md#f32-summation). */
const U_F32 = 2 ** -24;

/** The kernel's f32 sums s, t1, t2, q of rows active[0..n-1] (gatherIr with read noise), as f64 copies. */
function kernelSums(band: Band, active: Int32Array, n: number): { s: Float32Array; t1: Float32Array; t2: Float32Array; q: Float32Array } {
  const k = readKernel();
  k.prepare(band);
  for (let a = 0; a < n; a++) {
    k.active[a] = active[a];
    k.w1[a] = band.f1[active[a]];
    k.w2[a] = band.f2[active[a]];
  }
  k.gatherIr(band, n, true);
  const cols = band.cols;
  return { s: k.s.slice(0, cols), t1: k.t1.slice(0, cols), t2: k.t2.slice(0, cols), q: k.q.slice(0, cols) };
}

/** Column j's exact (f64) sum of term(i, c) over the active rows and the sum of the terms' magnitudes. */
function exactSum(band: Band, values: Float32Array, active: Int32Array, n: number, j: number, weight: (i: number) => number):
  { sum: number; abs: number } {
  let sum = 0;
  let abs = 0;
  for (let a = 0; a < n; a++) {
    const i = active[a];
    const t = weight(i) * values[i * band.stride + j];
    sum += t;
    abs += Math.abs(t);
  }
  return { sum, abs };
}

/**
 * Whether got is within bound x U_F32 x sum|terms| of the exact sum (f64's own error, ~n 2^-53 sum|terms|, is
 * negligible next to it). Recursive summation of n terms errs by at most (n - 1) u sum|terms| (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., eq. 4.4; docs/sources.md#f32-summation); rounding each weight and each
 * product to f32 adds 2u per term.
 */
function within(got: number, exact: { sum: number; abs: number }, bound: number): boolean {
  return Math.abs(got - exact.sum) <= bound * U_F32 * exact.abs;
}

describe('the read kernel\'s f32 column sums', () => {
  it('stay within the summation bound of the exact sums on programmed bands (every non-ideality)', () => {
    const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
    const rng = createRng('f32-sums');
    let columns = 0;
    let worst = 0;
    let rejectedDrop = 0;
    let rejectedWeight = 0;
    for (const [rows, cols, size] of [[64, 128, 64], [128, 256, 128], [256, 64, 256], [1024, 16, 1024]]) {
      const levels = Uint8Array.from({ length: rows * cols }, () => rng.int(cell.levels));
      const band = buildBand(levels, rows, cols, size, {
        cell, readNoiseSigma: 0.1, programSigma: 0.05, driftFactor: 0.9, stuckAtRate: 0.01, stuckAtOffShare: STUCK_AT_OFF_SHARE,
        rWire_ohm: 5,
      }, createRng('faults'), null, createRng('program'));
      const noise = band.noiseVar!;
      for (let trial = 0; trial < 4; trial++) {
        const active = new Int32Array(rows);
        let n = 0;
        const rate = trial === 0 ? 1 : rng.next();
        for (let i = 0; i < rows; i++) if (rng.next() < rate) active[n++] = i;
        if (n < 2) continue;
        const got = kernelSums(band, active, n);
        for (let j = 0; j < cols; j++) {
          const s = exactSum(band, band.cell, active, n, j, () => 1);
          const q = exactSum(band, noise, active, n, j, () => 1);
          const t1 = exactSum(band, band.cell, active, n, j, (i) => band.f1[i]);
          const t2 = exactSum(band, band.cell, active, n, j, (i) => band.f2[i]);
          expect(within(got.s[j], s, n)).toBe(true);
          expect(within(got.q[j], q, n)).toBe(true);
          expect(within(got.t1[j], t1, n + 2)).toBe(true);
          expect(within(got.t2[j], t2, n + 2)).toBe(true);
          worst = Math.max(worst, Math.abs(got.s[j] - s.sum) / (U_F32 * s.abs * n), Math.abs(got.t1[j] - t1.sum) / (U_F32 * t1.abs * (n + 2)));
          columns++;
          // Broken variants the check must reject: the last active row dropped, t1 with f2's weights.
          const dropped = exactSum(band, band.cell, active, n - 1, j, () => 1);
          if (!within(dropped.sum, s, n)) rejectedDrop++;
          if (!within(got.t2[j], t1, n + 2)) rejectedWeight++;
        }
      }
    }
    if (process.env.F32_SUMS_REPORT) console.log(`columns ${columns}, worst error / bound ${worst}`);
    expect(columns).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(1); // the largest error as a share of its bound (measured 0.18: rounding errors partly cancel)
    expect(rejectedDrop).toBe(columns);
    expect(rejectedWeight).toBe(columns);
  });

  it('sum integer levels exactly at the largest crossbar and cell precision of the registry (ideal hardware)', () => {
    const size = crossbarMax();
    const bits = intMax('device.bitsPerCell');
    const cell = cellLevels({ bitsPerCell: bits, rOn_ohm: 20e3, onOffRatio: 10 });
    // The largest column sum, every row at the top level, is an integer below 2^24: every partial f32 sum is exact.
    expect(size * (cell.levels - 1)).toBeLessThan(2 ** 24);
    const cols = 16;
    const rng = createRng('f32-ideal');
    for (const top of [true, false]) {
      const levels = Uint8Array.from({ length: size * cols }, () => top ? cell.levels - 1 : rng.int(cell.levels));
      const band = buildBand(levels, size, cols, size, {
        cell, readNoiseSigma: 0, programSigma: 0, driftFactor: 1, stuckAtRate: 0, stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: 0,
      }, createRng('faults'), null, createRng('program'));
      const active = Int32Array.from({ length: size }, (_, i) => i);
      const out = new Float64Array(cols);
      readBand(band, active, size, out, null);
      for (let j = 0; j < cols; j++) {
        let exact = 0;
        for (let i = 0; i < size; i++) exact += band.cell[i * band.stride + j];
        expect(Number.isInteger(exact)).toBe(true);
        expect(out[j]).toBe(exact);
        if (top) expect(exact).toBe(size * (cell.levels - 1));
        // A dropped row would not pass: the check compares exact integers.
        const last = band.cell[(size - 1) * band.stride + j];
        if (last !== 0) expect(exact - last).not.toBe(out[j]);
      }
    }
  });
});

function intMax(path: string): number {
  const t = parameterSpec(path).type;
  if (t.kind !== 'int') throw new Error(`${path}: expected an int parameter`);
  return t.max;
}

function crossbarMax(): number {
  return intMax('crossbar.size');
}
