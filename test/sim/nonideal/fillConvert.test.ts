/**
 * The conversions that draw their own read noise (wasm/crossbar.ts fillConvertReads, fillConvertPositions: the draws
 * a few records or one position at a time, converted while they are in the cache) against a batch's fill then its
 * conversion (fillNormalsF32, then convertReads / convertPositions), bit for bit: the same sums, and the stream left
 * where the batch's fill leaves it. More reads than one chunk of records, positions without reads, 2 and 3 slices.
 */
import { describe, expect, it } from 'vitest';
import { notResident, readKernel, READ_RECORD, type ReadKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { FastNormal } from '../../../src/sim/nonideal/normal.js';
import { createRng } from '../../../src/util/rng.js';

/** `reads` records of random values and sigmas (sigma ~ a step, so the draws move codes), laid out in the kernel. */
function layOut(k: ReadKernel, reads: number, outputs: number, slices: number, positions: number): void {
  const rng = createRng(`fill-convert:${reads}:${slices}`);
  const cols = outputs * slices;
  k.reserve(0, cols, reads * cols, reads, positions * outputs);
  const block = notResident();
  k.claim(block, 8 * cols * reads);
  const mem = new Float32Array(k.memory.buffer, block.cell, 2 * cols * reads);
  for (let i = 0; i < reads; i++) {
    const lsb = [0.25, 1, 0.1234567][i % 3];
    for (let c = 0; c < cols; c++) {
      mem[2 * i * cols + c] = (rng.next() - 0.5) * 20 * lsb;
      mem[(2 * i + 1) * cols + c] = rng.next() * lsb;
    }
    k.table.set([block.cell + 8 * i * cols, block.cell + 4 * (2 * i + 1) * cols, 1 / lsb, lsb, 7, 2 ** (i % 4)], READ_RECORD * i);
  }
  k.sliceWeight.set(Array.from({ length: slices }, (_, s) => 16 ** s));
}

/** k.digital's first n sums, and the stream's next 8 draws (where the conversion left it). */
function after(k: ReadKernel, noise: FastNormal, n: number): number[] {
  return [...k.digital.subarray(0, n), ...Array.from({ length: 8 }, () => noise.normal())];
}

describe('conversions that draw their own read noise', () => {
  for (const slices of [2, 3]) {
    it(`${slices} slices: fillConvertReads equals fillNormalsF32 then convertReads (150 reads: three chunks)`, () => {
      const k = readKernel();
      const [reads, outputs] = [150, 16];
      layOut(k, reads, outputs, slices, 1);
      const epoch = k.epoch;
      const batch = new FastNormal(`fill-convert-reads:${slices}`);
      batch.fillKernel(k, reads * outputs * slices, true);
      k.convertReads(reads, outputs, slices);
      const want = after(k, batch, outputs);
      const fused = new FastNormal(`fill-convert-reads:${slices}`);
      fused.lendTo(k);
      k.fillConvertReads(reads, outputs, slices);
      fused.takeBackFrom(k);
      expect(after(k, fused, outputs)).toEqual(want);
      expect(want.slice(0, outputs).some((d) => d !== 0)).toBe(true);
      expect(k.epoch).toBe(epoch); // nothing reset under the test's pointers
    });

    it(`${slices} slices: fillConvertPositions equals fillNormalsF32 then convertPositions (positions without reads too)`, () => {
      const k = readKernel();
      const counts = [3, 0, 70, 1, 0, 5];
      const reads = counts.reduce((a, b) => a + b, 0);
      const outputs = 12;
      layOut(k, reads, outputs, slices, counts.length);
      const batch = new FastNormal(`fill-convert-positions:${slices}`);
      k.counts.set(counts);
      batch.fillKernel(k, reads * outputs * slices, true);
      k.convertPositions(counts.length, outputs, slices);
      const want = after(k, batch, counts.length * outputs);
      k.digital.fill(NaN, 0, counts.length * outputs); // every position's sums written again, those without reads 0
      const fused = new FastNormal(`fill-convert-positions:${slices}`);
      fused.lendTo(k);
      k.fillConvertPositions(counts.length, outputs, slices);
      fused.takeBackFrom(k);
      expect(after(k, fused, counts.length * outputs)).toEqual(want);
      expect(want.slice(outputs, 2 * outputs).every((d) => d === 0)).toBe(true);
    });
  }
});
