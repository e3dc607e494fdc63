/**
 * wasm/crossbar.ts gatherFinishIr (the IR read of readBands in one pass) against its reference, gatherIr then finishIr
 * (themselves checked against scalar JS in bandKernel.test.ts): out, sigma and the exact-column count bit for bit on
 * random bands and row lists, column counts that leave 0 to 3 columns in the last quad and 0 or 4 in the last group
 * of 8, wires heavy enough for columns above the series limit (NaN), no read noise, and a list longer than the
 * kernel's ROWS_AT_ONCE (the two-call path). Columns at or past `cols` must stay untouched.
 *
 * gatherFinishPairIr (a differential pair's IR read and its twins' combination in one pass: readBands' reads with a
 * multiple of 4 weight columns) against gatherFinishIr over both halves then pairCombine: the combined weight columns,
 * the twin halves' raw values and sigmas, and the exact-column count bit for bit, also with columns above the series
 * limit in either half.
 */
import { describe, expect, it } from 'vitest';
import { SERIES_LIMIT, buildBand, type Band } from '../../../src/sim/nonideal/band.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { STUCK_AT_OFF_SHARE, cellLevels } from '../../../src/sim/nonideal/device.js';
import { createRng } from '../../../src/util/rng.js';

const SENTINEL = 12345.5;

function band(rows: number, cols: number, rWire_ohm: number, noise: boolean): Band {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
  const rng = createRng(`gather-finish:${rows}:${cols}:${rWire_ohm}`);
  return buildBand(Uint8Array.from({ length: rows * cols }, () => rng.int(cell.levels)), rows, cols, Math.max(64, rows), {
    cell, readNoiseSigma: noise ? 0.1 : 0, programSigma: 0.05, driftFactor: 0.9, stuckAtRate: 0.01, stuckAtOffShare: STUCK_AT_OFF_SHARE,
    rWire_ohm,
  }, createRng('faults'), null, createRng('program'));
}

/** The band resident and rows active[0..n-1] in the kernel's scratch; the finish's pedestal, alphaSq, pedF1, pedF2, limit. */
function setRows(b: Band, active: number[]): readonly [number, number, number, number, number] {
  const k = readKernel();
  k.prepare(b);
  let sumF1 = 0;
  let sumF2 = 0;
  active.forEach((row, a) => {
    k.active[a] = row;
    k.w1[a] = b.f1[row];
    k.w2[a] = b.f2[row];
    sumF1 += b.f1[row];
    sumF2 += b.f2[row];
  });
  const g0 = b.pedestal;
  return [g0 * active.length, b.colAlphaSqPerLevel, g0 * sumF1, g0 * sumF2, SERIES_LIMIT];
}

/** Random row lists of about n of a band's `rows` rows (at least one). */
function rowList(rng: ReturnType<typeof createRng>, rows: number, n: number): number[] {
  const list = Array.from({ length: rows }, (_, i) => i).filter(() => rng.next() < n / rows);
  if (list.length === 0) list.push(rng.int(rows));
  return list;
}

/** Both paths on rows active[0..n-1]: [out, sigma] over the band's stride and the exact count of each. */
function both(b: Band, active: number[], noise: boolean): { ref: number[]; got: number[]; refExact: number; gotExact: number } {
  const k = readKernel();
  const n = active.length;
  const args = [b.cols, ...setRows(b, active)] as const;
  const w = b.stride;
  const outAt = k.ptr.draws;
  const view = (): number[] => Array.from(new Float32Array(k.memory.buffer, outAt, 4 * w));
  new Float32Array(k.memory.buffer, outAt, 4 * w).fill(SENTINEL);
  k.gatherIr(b, n, noise);
  const refExact = k.finishIr(args[0], noise, args[1], args[2], args[3], args[4], args[5], outAt, outAt + 4 * w);
  const ref = view();
  new Float32Array(k.memory.buffer, outAt, 4 * w).fill(SENTINEL);
  const gotExact = k.gatherFinishIr(b, n, noise, ...args, outAt, outAt + 4 * w);
  return { ref, got: view(), refExact, gotExact };
}

describe('gatherFinishIr', () => {
  for (const noise of [true, false]) {
    it(`equals gatherIr then finishIr bit for bit (${noise ? 'read noise' : 'no read noise'})`, () => {
      const rng = createRng(`gather-finish:lists:${noise}`);
      let exact = 0;
      for (const cols of [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 22, 46, 63]) {
        for (const rWire_ohm of [5, 300]) {
          const b = band(40, cols, rWire_ohm, noise);
          for (const n of [1, 2, 9, 40]) {
            const r = both(b, rowList(rng, 40, n), noise);
            expect(r.got).toEqual(r.ref);
            expect(r.gotExact).toBe(r.refExact);
            exact += r.refExact;
            // untouched past cols: the sentinel stays (out, then sigma)
            expect(r.got[b.cols === b.stride ? 0 : b.cols]).toBe(b.cols === b.stride ? r.ref[0] : SENTINEL);
          }
        }
      }
      expect(exact).toBeGreaterThan(0); // columns above the series limit (NaN, exact) were met
    });
  }

  it('takes the two-call path for a list longer than the kernel gathers at once (1,024 rows)', () => {
    const b = band(1100, 13, 5, true);
    const r = both(b, Array.from({ length: 1100 }, (_, i) => i), true);
    expect(r.got).toEqual(r.ref);
    expect(r.gotExact).toBe(r.refExact);
  });
});

/** Both pair paths on rows active[0..n-1]: [out, sigma] over the band's 2 cols columns each, and the exact count of each. */
function bothPair(b: Band, active: number[], noise: boolean): { ref: number[]; got: number[]; refExact: number; gotExact: number } {
  const k = readKernel();
  const n = active.length;
  const args = setRows(b, active);
  const cols = b.cols / 2;
  const w = b.stride;
  const outAt = k.ptr.draws;
  const sigmaAt = outAt + 4 * w;
  const view = (): number[] => Array.from(new Float32Array(k.memory.buffer, outAt, 2 * w));
  new Float32Array(k.memory.buffer, outAt, 2 * w).fill(SENTINEL);
  const refExact = k.gatherFinishIr(b, n, noise, b.cols, ...args, outAt, sigmaAt);
  k.pairCombine(outAt, sigmaAt, cols, noise);
  const ref = view();
  new Float32Array(k.memory.buffer, outAt, 2 * w).fill(SENTINEL);
  const gotExact = k.gatherFinishPairIr(b, n, noise, cols, ...args, outAt, sigmaAt);
  return { ref, got: view(), refExact, gotExact };
}

describe('gatherFinishPairIr', () => {
  for (const noise of [true, false]) {
    it(`equals gatherFinishIr then pairCombine bit for bit (${noise ? 'read noise' : 'no read noise'})`, () => {
      const rng = createRng(`gather-finish-pair:lists:${noise}`);
      let exact = 0;
      let combined = 0;
      for (const cols of [4, 8, 12, 16, 20, 32, 64]) {
        for (const rWire_ohm of [5, 60, 300]) {
          const b = band(40, 2 * cols, rWire_ohm, noise);
          for (const n of [1, 2, 9, 40]) {
            const r = bothPair(b, rowList(rng, 40, n), noise);
            expect(r.got).toEqual(r.ref);
            expect(r.gotExact).toBe(r.refExact);
            exact += r.refExact;
            if (r.refExact === 0) combined++;
          }
        }
      }
      expect(exact).toBeGreaterThan(0); // columns above the series limit (NaN, exact) were met
      expect(combined).toBeGreaterThan(20); // and reads without them
    });
  }
});
