/**
 * A read's precision after its column sums (docs/nonidealities.md, sixteenth pass): the IR finish (finishIr), the
 * twin combination (pairCombine) and the noisy conversion in f32 against the same computation in f64 from the same
 * f32 sums and the same draws, on bands programmed with every non-ideality on. Each value must lie within its
 * rounding bound, and a conversion code may differ from the f64 one only by 1, next to a rounding half-step. The same
 * bound checks must reject broken variants (a dropped pedestal, a shifted twin, a wrong-sign twin), so they can fail.
 */
import { describe, expect, it } from 'vitest';
import { SERIES_LIMIT, buildBand, readBand, type Band } from '../../../src/sim/nonideal/band.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { STUCK_AT_OFF_SHARE, cellLevels } from '../../../src/sim/nonideal/device.js';
import { createRng } from '../../../src/util/rng.js';

/** f32's unit roundoff (2^-24). */
const U = 2 ** -24;

/** Bands of every size class with every non-ideality on. */
function bands(): Band[] {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
  const rng = createRng('f32-read:levels');
  return [[64, 130, 64], [128, 256, 128], [256, 64, 256]].map(([rows, cols, size]) => buildBand(
    Uint8Array.from({ length: rows * cols }, () => rng.int(cell.levels)), rows, cols, size,
    { cell, readNoiseSigma: 0.1, programSigma: 0.05, driftFactor: 0.9, stuckAtRate: 0.01, stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: 5 },
    createRng('f32-read:faults'), null, createRng('f32-read:program')));
}

interface Reads {
  /** Per read: the kernel's f32 values and sigmas, and the f64 finish from the same sums (NaN for exact columns). */
  got: Float64Array[];
  gotSigma: Float64Array[];
  want: Float64Array[];
  /** A broken finish for the bound check to reject: the pedestal dropped from total. */
  broken: Float64Array[];
  wantSigma: Float64Array[];
  /** Per column the bound's scale: |s| + |a2| (|t1| + |pedF1|) + a2^2 (|t2| + |pedF2|). */
  scale: Float64Array[];
}

/** Random reads of `band` (row activity 5% to 100%), with the f64 finish of the kernel's own f32 sums. */
function reads(band: Band, count: number, seed: string): Reads {
  const rng = createRng(seed);
  const k = readKernel();
  const r: Reads = { got: [], gotSigma: [], want: [], broken: [], wantSigma: [], scale: [] };
  for (let t = 0; t < count; t++) {
    const active = new Int32Array(band.rows);
    let n = 0;
    const rate = 0.05 + 0.95 * rng.next();
    for (let i = 0; i < band.rows; i++) if (rng.next() < rate) active[n++] = i;
    if (n === 0) continue;
    const got = new Float64Array(band.cols);
    const gotSigma = new Float64Array(band.cols);
    readBand(band, active, n, got, gotSigma);
    let sumF1 = 0;
    let sumF2 = 0;
    for (let a = 0; a < n; a++) {
      sumF1 += band.f1[active[a]];
      sumF2 += band.f2[active[a]];
    }
    const g0 = band.pedestal;
    const [pedF1, pedF2] = [g0 * sumF1, g0 * sumF2];
    const want = new Float64Array(band.cols);
    const broken = new Float64Array(band.cols);
    const wantSigma = new Float64Array(band.cols);
    const scale = new Float64Array(band.cols);
    for (let j = 0; j < band.cols; j++) {
      const s = k.s[j];
      const total = s + g0 * n;
      const a2 = band.colAlphaSqPerLevel * (total > 0 ? total : 0);
      want[j] = a2 <= SERIES_LIMIT ? s + a2 * (k.t1[j] + pedF1) + a2 * a2 * (k.t2[j] + pedF2) : NaN;
      const b2 = band.colAlphaSqPerLevel * Math.max(s, 0);
      broken[j] = a2 <= SERIES_LIMIT ? s + b2 * (k.t1[j] + pedF1) + b2 * b2 * (k.t2[j] + pedF2) : NaN;
      wantSigma[j] = Math.sqrt(k.q[j]);
      scale[j] = Math.abs(s) + a2 * (Math.abs(k.t1[j]) + Math.abs(pedF1)) + a2 * a2 * (Math.abs(k.t2[j]) + Math.abs(pedF2));
    }
    r.got.push(got);
    r.gotSigma.push(gotSigma);
    r.want.push(want);
    r.broken.push(broken);
    r.wantSigma.push(wantSigma);
    r.scale.push(scale);
  }
  return r;
}

/**
 * The finish's bound: the four f32 scalars (pedestal, alphaSq, pedF1, pedF2) and its ten operations each round
 * once, relative U on terms of at most `scale`: 16 U scale covers them with margin. Returns the largest error over
 * bound, and the count of values beyond it.
 */
function finishErrors(got: Float64Array, want: Float64Array, scale: Float64Array): { worst: number; beyond: number } {
  let worst = 0;
  let beyond = 0;
  for (let j = 0; j < got.length; j++) {
    if (want[j] !== want[j]) continue; // an exact-cosh column (f64 cosh, then rounded once)
    const ratio = Math.abs(got[j] - want[j]) / (16 * U * scale[j]);
    worst = Math.max(worst, ratio);
    if (!(ratio <= 1)) beyond++;
  }
  return { worst, beyond };
}

describe('a read after its column sums in f32', () => {
  const bs = bands();

  it('finishIr and its sigmas are within the rounding bound of the f64 finish of the same sums', () => {
    let worst = 0;
    let series = 0;
    let brokenBeyond = 0;
    for (const [b, band] of bs.entries()) {
      const r = reads(band, 20, `f32-read:finish:${b}`);
      for (let t = 0; t < r.got.length; t++) {
        const e = finishErrors(r.got[t], r.want[t], r.scale[t]);
        expect(e.beyond).toBe(0);
        worst = Math.max(worst, e.worst);
        for (let j = 0; j < band.cols; j++) {
          if (r.want[t][j] === r.want[t][j]) series++;
          // One f32 rounding of a correctly rounded sqrt of an exact f32 sum.
          expect(Math.abs(r.gotSigma[t][j] - r.wantSigma[t][j])).toBeLessThanOrEqual(U * r.wantSigma[t][j]);
        }
        brokenBeyond += finishErrors(r.got[t], r.broken[t], r.scale[t]).beyond;
      }
    }
    expect(series).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(1);
    // The broken finish leaves the bound in most series columns.
    expect(brokenBeyond).toBeGreaterThan(series / 2);
    if (process.env.F32_READ_REPORT) console.log(`finish: ${series} series columns, worst error ${worst.toFixed(3)} of the bound`);
  });

  it('pairCombine is within one f32 rounding of the f64 difference and root sum of squares', () => {
    const k = readKernel();
    const band = bs[1];
    const cols = band.cols / 2;
    const r = reads(band, 20, 'f32-read:pairs');
    for (let t = 0; t < r.got.length; t++) {
      const v = r.got[t];
      const sg = r.gotSigma[t];
      k.prepareConvert(band.cols, 1);
      k.values.set(v);
      k.sigma.set(sg);
      k.pairCombine(k.ptr.values, k.ptr.sigma, cols, true);
      const check = (twin: (c: number) => number, sign: number): number => {
        let beyond = 0;
        for (let c = 0; c < cols; c++) {
          const d = v[c] - sign * v[twin(c)];
          const rss = Math.sqrt(sg[c] * sg[c] + sg[twin(c)] * sg[twin(c)]);
          if (!(Math.abs(k.values[c] - d) <= U * Math.abs(d))) beyond++;
          if (!(Math.abs(k.sigma[c] - rss) <= 3 * U * rss)) beyond++;
        }
        return beyond;
      };
      expect(check((c) => cols + c, 1)).toBe(0);
      // Broken variants: the twin one column over, or added instead of subtracted.
      expect(check((c) => cols + ((c + 1) % cols), 1)).toBeGreaterThan(0);
      expect(check((c) => cols + c, -1)).toBeGreaterThan(0);
    }
  });

  it('ideal hardware: twins of integer column sums at the registry\'s extremes combine exactly', () => {
    // crossbar.size 1024 rows of bitsPerCell 8 (levels 0..255, parameterSpec's maxima): sums up to 1024 x 255 < 2^24,
    // exact in f32 (f32Sums.test.ts), so their differences are exact too; sigma 0 stays 0.
    const k = readKernel();
    const rng = createRng('f32-read:ideal');
    const cols = 1024;
    k.prepareConvert(2 * cols, 1);
    const top = 1024 * 255;
    const v = Float64Array.from({ length: 2 * cols }, (_, j) => (j % 7 === 0 ? top : j % 7 === 1 ? 0 : rng.int(top + 1)));
    k.values.set(v);
    k.sigma.fill(0, 0, 2 * cols);
    k.pairCombine(k.ptr.values, k.ptr.sigma, cols, true);
    for (let c = 0; c < cols; c++) {
      expect(k.values[c]).toBe(v[c] - v[cols + c]);
      expect(k.sigma[c]).toBe(0);
    }
  });

  it('the noisy conversion: a code differs from the f64 code only by 1, next to a half-step, and rarely', () => {
    const k = readKernel();
    const rng = createRng('f32-read:convert');
    let codes = 0;
    let differ = 0;
    for (const [b, band] of bs.entries()) {
      const r = reads(band, 20, `f32-read:convert:${b}`);
      const cols = band.cols;
      for (let t = 0; t < r.got.length; t++) {
        // A 5-bit converter over the read's range, clipping its top (the bench's adc.bits 5, rangeMode clip).
        let top = 0;
        for (let j = 0; j < cols; j++) top = Math.max(top, Math.abs(r.got[t][j]));
        const maxCode = 15;
        const lsb = (0.8 * top) / maxCode;
        k.prepareConvert(cols, 1);
        k.values.set(r.got[t]);
        k.sigma.set(r.gotSigma[t]);
        for (let j = 0; j < cols; j++) k.draws[j] = rng.normal();
        k.sliceWeight[0] = 1;
        k.digital.fill(0, 0, cols);
        // One slice per output: digital[o] = the signed code times lsb.
        k.convertBipolarNoisy(cols, 1, 1 / lsb, lsb, maxCode, 1);
        for (let j = 0; j < cols; j++) {
          const value = r.want[t][j] === r.want[t][j] ? r.want[t][j] : r.got[t][j];
          const v = (value + r.wantSigma[t][j] * k.draws[j]) / lsb;
          const want = Math.sign(v) * Math.min(Math.floor(Math.abs(v) + 0.5), maxCode);
          const got = Math.round(k.digital[j] / lsb); // code lsb / lsb: the code up to one rounding
          codes++;
          if (got === want) continue;
          differ++;
          expect(Math.abs(got - want)).toBe(1);
          // |v| within its f32 rounding (about 8 U of the terms, in lsb) of a half-step.
          const terms = (16 * U * r.scale[t][j] + 8 * U * (Math.abs(value) + Math.abs(r.wantSigma[t][j] * k.draws[j]))) / lsb;
          expect(Math.abs(Math.abs(v) - (Math.floor(Math.abs(v)) + 0.5))).toBeLessThanOrEqual(terms);
        }
      }
    }
    expect(codes).toBeGreaterThan(5000);
    expect(differ / codes).toBeLessThan(1e-3);
    if (process.env.F32_READ_REPORT) console.log(`conversion: ${differ} of ${codes} codes differ from the f64 computation`);
  });
});
