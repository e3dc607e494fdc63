/**
 * The WebAssembly read kernel (wasm/crossbar.ts through band.ts readBand) against a scalar JS reference of the same
 * model: each column sums its active rows one at a time in list order, in f32 (Math.fround after every product and
 * add; the weights f1, f2 rounded to f32 first); after the sums the IR correction and sqrt in f32 too (sixteenth pass:
 * every scalar rounded to f32, every operation rounded). The two must agree bit for bit on
 * random bands with and without wire resistance (series and exact-cosh columns) and read noise, and on widths that
 * are not a multiple of the kernel's 4 lanes. The kernel's ziggurat fast path must give FastNormal's very stream.
 */
import { describe, expect, it } from 'vitest';
import { SERIES_LIMIT, buildBand, readBand, type Band } from '../../../src/sim/nonideal/band.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { STUCK_AT_OFF_SHARE, cellLevels } from '../../../src/sim/nonideal/device.js';
import { FastNormal, KN, WN } from '../../../src/sim/nonideal/normal.js';
import { createRng } from '../../../src/util/rng.js';

/**
 * The scalar read (per column, rows in list order) on the row-major layout, with the kernel's f32 column sums
 * (docs/nonidealities.md, fourteenth pass).
 */
function referenceRead(band: Band, active: Int32Array, n: number, out: Float64Array, sigma: Float64Array | null): void {
  const { cols, stride, cell, noiseVar, f1, f2, u } = band;
  const g0 = band.pedestal;
  let sumF1 = 0;
  let sumF2 = 0;
  for (let a = 0; a < n; a++) {
    sumF1 += f1[active[a]];
    sumF2 += f2[active[a]];
  }
  for (let j = 0; j < cols; j++) {
    let s = 0;
    let s1 = 0;
    let s2 = 0;
    let q = 0;
    for (let a = 0; a < n; a++) {
      const i = active[a];
      const c = cell[i * stride + j];
      s = f32(s + c);
      s1 = f32(s1 + f32(f32(f1[i]) * c));
      s2 = f32(s2 + f32(f32(f2[i]) * c));
      if (noiseVar) q = f32(q + noiseVar[i * stride + j]);
    }
    if (sigma) sigma[j] = noiseVar ? f32(Math.sqrt(q)) : 0;
    if (band.colAlphaSqPerLevel === 0) {
      out[j] = s;
      continue;
    }
    const pedestal = g0 * n;
    const total = f32(s + f32(pedestal));
    const a2 = f32(f32(band.colAlphaSqPerLevel) * (total > 0 ? total : 0));
    if (a2 <= f32(SERIES_LIMIT)) {
      out[j] = f32(f32(s + f32(a2 * f32(s1 + f32(g0 * sumF1)))) + f32(f32(a2 * a2) * f32(s2 + f32(g0 * sumF2))));
    } else {
      const aC = Math.sqrt(band.colAlphaSqPerLevel * (s + pedestal)); // the exact columns' cosh in f64 (band.ts readWithIr)
      let e = 0;
      for (let a = 0; a < n; a++) e += (cell[active[a] * stride + j] + g0) * Math.cosh(aC * u[active[a]]);
      out[j] = f32(e / Math.cosh(aC) - pedestal);
    }
  }
}

const f32 = Math.fround;

describe('the WebAssembly read kernel', () => {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
  const cases = [
    { name: 'ideal', rWire_ohm: 0, readNoiseSigma: 0 },
    { name: 'read noise', rWire_ohm: 0, readNoiseSigma: 0.1 },
    { name: 'wire resistance', rWire_ohm: 5, readNoiseSigma: 0 },
    { name: 'wire resistance and read noise', rWire_ohm: 5, readNoiseSigma: 0.1 },
    { name: 'heavy wire resistance (exact columns)', rWire_ohm: 200, readNoiseSigma: 0.1 },
  ];
  for (const c of cases) {
    it(`reads every column bit for bit as the scalar reference: ${c.name}`, () => {
      const rng = createRng(`kernel:${c.name}`);
      let exactColumns = 0;
      // [40, 256, 256]: rows of 1 KB, resident with a padded row stride (bandKernel.ts residentStride); [1100, 12,
      // 2048]: more rows than the kernel takes row pointers for at once (wasm/crossbar.ts ROWS_AT_ONCE).
      for (const [rows, cols, size] of [[64, 130, 64], [17, 7, 32], [128, 257, 128], [1, 3, 64], [40, 256, 256], [1100, 12, 2048]]) {
        const levels = Uint8Array.from({ length: rows * cols }, () => rng.int(cell.levels));
        const band = buildBand(levels, rows, cols, size, {
          cell, readNoiseSigma: c.readNoiseSigma, programSigma: 0.05, driftFactor: 0.9, stuckAtRate: 0.01,
          stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: c.rWire_ohm,
        }, createRng('faults'), null, createRng('program'));
        for (let trial = 0; trial < 6; trial++) {
          const active = new Int32Array(rows);
          let n = 0;
          const rate = trial === 0 ? 1 : rng.next();
          for (let i = 0; i < rows; i++) if (rng.next() < rate) active[n++] = i;
          const out = new Float64Array(cols);
          const sigma = new Float64Array(cols);
          const refOut = new Float64Array(cols);
          const refSigma = new Float64Array(cols);
          readBand(band, active, n, out, sigma);
          if (n > 0) referenceRead(band, active, n, refOut, refSigma);
          expect(Array.from(out)).toEqual(Array.from(refOut));
          expect(Array.from(sigma)).toEqual(Array.from(refSigma));
          if (c.rWire_ohm > 0) {
            for (let j = 0; j < cols; j++) {
              let s = 0;
              for (let a = 0; a < n; a++) s += band.cell[active[a] * band.stride + j];
              if (band.colAlphaSqPerLevel * (s + band.pedestal * n) > SERIES_LIMIT) exactColumns++;
            }
          }
        }
      }
      // The heavy case exercises the exact-cosh columns.
      if (c.rWire_ohm >= 200) expect(exactColumns).toBeGreaterThan(0);
    });
  }

  it('draws FastNormal\'s stream, slow paths included, as f64 or f32', () => {
    const k = readKernel();
    k.prepareConvert(4096, 1);
    const expected = new Float64Array(4096);
    let tails = 0;
    let wedges = 0;
    for (const seed of ['kernel-stream', 'kernel-stream-2', 'kernel-stream-3']) {
      const viaKernel = new FastNormal(seed);
      const plain = new FastNormal(seed);
      for (let round = 0; round < 40; round++) {
        const n = 1 + ((round * 977) % 4096);
        // Every other round as f32 (fillNormalsF32, for the batched conversions): each draw rounded, the state shared.
        const asF32 = round % 2 === 1;
        viaKernel.fillKernel(k, n, asF32);
        plain.fill(expected, n);
        const want = Array.from(expected.subarray(0, n), (v) => (asF32 ? Math.fround(v) : v));
        expect(Array.from((asF32 ? k.drawsF32 : k.draws).subarray(0, n))).toEqual(want);
        for (let i = 0; i < n; i++) {
          if (Math.abs(expected[i]) > 3.442619855899) tails++;
          else if (isWedge(expected[i])) wedges++;
        }
      }
      expect(viaKernel.normal()).toBe(plain.normal()); // and the states stayed in step
    }
    expect(tails).toBeGreaterThan(20); // the slow path's tail ran (tail draws come only from it)
    expect(wedges).toBeGreaterThan(100); // and its wedge test
  });
});

/** Whether a draw is not of the form hz * WN[iz] for any layer whose fast test accepts it: it came from a wedge. */
function isWedge(v: number): boolean {
  for (let iz = 1; iz < WN.length; iz++) {
    const hz = v / WN[iz];
    if (Number.isInteger(hz) && (hz & 127) === iz && Math.abs(hz) < KN[iz]) return false;
  }
  return true;
}
