/**
 * wasm/crossbar.ts gatherFinishPairIr (a differential pair's IR read and its twins' combination in one pass, readBands'
 * reads with a multiple of 4 weight columns) against its reference, gatherFinishIr over both halves then pairCombine
 * (themselves checked against gatherIr / finishIr and scalar JS): the combined weight columns, the twin halves' raw
 * values and sigmas, and the exact-column count bit for bit, on random bands and row lists, with and without read
 * noise, and wires heavy enough for columns above the series limit (NaN) in either half.
 */
import { describe, expect, it } from 'vitest';
import { SERIES_LIMIT, buildBand, type Band } from '../../../src/sim/nonideal/band.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { STUCK_AT_OFF_SHARE, cellLevels } from '../../../src/sim/nonideal/device.js';
import { createRng } from '../../../src/util/rng.js';

const SENTINEL = 12345.5;

function band(rows: number, totalCols: number, rWire_ohm: number, noise: boolean): Band {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
  const rng = createRng(`gather-finish-pair:${rows}:${totalCols}:${rWire_ohm}`);
  return buildBand(Uint8Array.from({ length: rows * totalCols }, () => rng.int(cell.levels)), rows, totalCols, Math.max(64, rows), {
    cell, readNoiseSigma: noise ? 0.1 : 0, programSigma: 0.05, driftFactor: 0.9, stuckAtRate: 0.01, stuckAtOffShare: STUCK_AT_OFF_SHARE,
    rWire_ohm,
  }, createRng('faults'), null, createRng('program'));
}

/** Both paths on rows active[0..n-1]: [out, sigma] over 2 cols each, and the exact count of each. */
function both(b: Band, active: number[], noise: boolean): { ref: number[]; got: number[]; refExact: number; gotExact: number } {
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
  const n = active.length;
  const g0 = b.pedestal;
  const cols = b.cols / 2;
  const args = [g0 * n, b.colAlphaSqPerLevel, g0 * sumF1, g0 * sumF2, SERIES_LIMIT] as const;
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
            const rows = Array.from({ length: 40 }, (_, i) => i).filter(() => rng.next() < n / 40);
            if (rows.length === 0) rows.push(rng.int(40));
            const r = both(b, rows, noise);
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
