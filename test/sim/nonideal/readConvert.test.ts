/**
 * The batched conversion kernels (wasm/crossbar.ts convertReads, convertPositions, and the two-slice f64x2 path)
 * against the scalar JS loop of convert.ts (bipolar quantizer with read noise), bit for bit: random columns plus
 * values exactly on rounding half-steps, at and beyond the clip, zeros of both signs, 2 and 3 slices; power-of-two
 * and other slice and plane weights, step sizes whose products with a code round in f64, and extreme step sizes.
 */
import { describe, expect, it } from 'vitest';
import { notResident, readKernel, READ_RECORD } from '../../../src/sim/nonideal/bandKernel.js';
import { createRng } from '../../../src/util/rng.js';

interface Read {
  values: Float64Array;
  sigma: Float64Array;
  draws: Float64Array;
  lsb: number;
  maxCode: number;
  planeWeight: number;
}

/**
 * convert.ts's bipolar loop (noisy), read after read, into digital, with the kernel's f32 conversion (docs/nonidealities.md,
 * sixteenth pass): values and sigma f32, the draw and 1/lsb rounded to f32, every operation to the code rounded to f32; the
 * shift-and-add in f64.
 */
function reference(reads: Read[], outputs: number, slices: number, sliceWeight: Float64Array, digital: Float64Array): void {
  const f32 = Math.fround;
  for (const r of reads) {
    const invLsb = f32(1 / r.lsb);
    for (let o = 0; o < outputs; o++) {
      let sum = 0;
      for (let s = 0; s < slices; s++) {
        const c = o * slices + s;
        const v = f32(f32(f32(r.values[c]) + f32(f32(r.sigma[c]) * f32(r.draws[c]))) * invLsb);
        // |v| + 1/2 is an f32 add too: just below a half step (0.5 - 2^-25) it rounds up to the next integer.
        const m = Math.floor(f32((v < 0 ? -v : v) + 0.5));
        const code = m > r.maxCode ? r.maxCode : m;
        sum += (v < 0 && code > 0 ? -code * r.lsb : code * r.lsb) * sliceWeight[s];
      }
      digital[o] += sum * r.planeWeight;
    }
  }
}

/** Step sizes: exact ones, ones whose products with a code round (the shift-and-add's f64 rounding), and extremes. */
const LSBS = [0.1234567 * 2 ** -20, 1, Math.PI * 1e-7, 0.5, 3, 1e-4 / 7, 5e-5 * Math.E, 1e-310, 3e300];

function randomRead(rng: ReturnType<typeof createRng>, cols: number, p: number, planeWeight: number): Read {
  const lsb = LSBS[p % LSBS.length];
  const maxCode = [15, 7, 31][p % 3];
  const values = new Float64Array(cols);
  const sigma = new Float64Array(cols);
  const draws = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    const kind = c % 5;
    if (kind === 0) values[c] = (Math.floor(rng.next() * 40) - 20 + 0.5) * lsb; // exactly on a half step
    else if (kind === 1) values[c] = (rng.next() < 0.5 ? -1 : 1) * (maxCode + 2 + rng.next() * 5) * lsb; // clipped
    else if (kind === 2) values[c] = rng.next() < 0.5 ? -0 : 0;
    else values[c] = (rng.next() - 0.5) * 50 * lsb;
    sigma[c] = kind <= 2 ? 0 : rng.next();
    draws[c] = rng.normal();
  }
  return { values, sigma, draws, lsb, maxCode, planeWeight };
}

/** Slice weights and each read's plane weight: bit slicing's powers of two, or weights that are not. */
const WEIGHTS = [
  { name: 'power-of-two weights', slice: (s: number) => 16 ** s, plane: (p: number) => 2 ** (p % 4) },
  { name: 'other weights', slice: (s: number) => [1, 3, 7][s], plane: (p: number) => [1, 1.5, 2, 0.3][p % 4] },
];

/** The read kernel with reads' values, sigmas (f32, in a block of its memory), records and f32 draws laid out. */
function kernelWith(reads: Read[], cols: number, digitalCount: number, sliceWeight: Float64Array): { k: ReturnType<typeof readKernel>; epoch: number } {
  const k = readKernel();
  k.reserve(0, cols, reads.length * cols, reads.length, digitalCount);
  const block = notResident();
  k.claim(block, 16 * cols * reads.length);
  const mem = new Float32Array(k.memory.buffer, block.cell, 2 * cols * reads.length);
  reads.forEach((r, i) => {
    mem.set(r.values, 2 * i * cols);
    mem.set(r.sigma, (2 * i + 1) * cols);
    k.table.set([block.cell + 8 * i * cols, block.cell + 4 * (2 * i + 1) * cols, 1 / r.lsb, r.lsb, r.maxCode, r.planeWeight], READ_RECORD * i);
    k.drawsF32.set(r.draws, i * cols); // f32, as fillNormalsF32 stores them
  });
  k.sliceWeight.set(sliceWeight);
  return { k, epoch: k.epoch };
}

/** convertReads of the kernel over reads: digital[0 .. outputs - 1]. */
function kernelConvertReads(reads: Read[], outputs: number, slices: number, sliceWeight: Float64Array): Float64Array {
  const { k } = kernelWith(reads, outputs * slices, outputs, sliceWeight);
  k.convertReads(reads.length, outputs, slices);
  return k.digital.slice(0, outputs);
}

/**
 * A read of zero values with a step lsb and read-noise sigma: every code is 0 for a sigma of 0 and an f32 1/lsb of 0;
 * +-maxCode for a sigma of 1 and an f32 1/lsb of infinity (a nonzero draw times it).
 */
function extremeRead(lsb: number, cols: number, sigma: number, planeWeight: number): Read {
  const draws = Float64Array.from({ length: cols }, (_, c) => (c % 3 === 0 ? -1 : 1));
  return { values: new Float64Array(cols), sigma: new Float64Array(cols).fill(sigma), draws, lsb, maxCode: 31, planeWeight };
}

describe('batched bipolar conversion kernels', () => {
  // The two-slice kernel folds lsb x sliceWeight x planeWeight into one factor only where that is exact; at the ends of
  // the f64 range it is not: a code of 0 times an overflowing factor is NaN, and a tiny step times weights below 1
  // rounds in the subnormals at another place.
  it('2 slices: step sizes at the ends of the f64 range with power-of-two weights equal the scalar loop bit for bit', () => {
    const outputs = 5;
    const cols = 2 * outputs;
    const cases = [
      { reads: [extremeRead(2 ** 1020, cols, 0, 8)], sliceWeight: [1, 16] },
      { reads: [extremeRead(1.2345678 * 2 ** -1020, cols, 1, 1)], sliceWeight: [2 ** -8, 2 ** -8] },
    ];
    for (const { reads, sliceWeight } of cases) {
      const weights = Float64Array.from(sliceWeight);
      const want = new Float64Array(outputs);
      reference(reads, outputs, 2, weights, want);
      expect(want.every(Number.isFinite) && want.some((d) => d !== 0) === (reads[0].lsb < 1)).toBe(true);
      expect(Array.from(kernelConvertReads(reads, outputs, 2, weights))).toEqual(Array.from(want));
    }
  });

  it('2 slices: a NaN column gives NaN, as in the scalar loop (the clip to maxCode keeps NaN)', () => {
    const outputs = 5;
    const read = extremeRead(0.5, 2 * outputs, 0, 2);
    read.values[3] = NaN; // output 1, slice 1
    read.values[4] = 2.25; // output 2: code 5 (4.5 rounds half up)
    const want = new Float64Array(outputs);
    reference([read], outputs, 2, Float64Array.from([1, 16]), want);
    expect(Array.from(want)).toEqual([0, NaN, 2.5 * 2, 0, 0]);
    expect(Array.from(kernelConvertReads([read], outputs, 2, Float64Array.from([1, 16])))).toEqual(Array.from(want));
  });

  for (const slices of [2, 3]) for (const weights of WEIGHTS) {
    it(`${slices} slices, ${weights.name}: convertReads and convertPositions equal the scalar loop bit for bit`, () => {
      const rng = createRng(`convert-reads:${slices}`);
      const outputs = 37;
      const cols = outputs * slices;
      // Positions 0 and 2 read finite columns; 3 and 4 take the extreme step sizes (a subnormal lsb, and one whose f32
      // 1/lsb is 0, so its noisy columns are NaN).
      const perPosition = [5, 0, 2, 1, 1];
      const positions = perPosition.length;
      let index = 0;
      const reads = perPosition.flatMap((n) => Array.from({ length: n }, () => randomRead(rng, cols, index, weights.plane(index++))));
      const sliceWeight = Float64Array.from({ length: slices }, (_, s) => weights.slice(s));
      const { k, epoch } = kernelWith(reads, cols, positions * outputs, sliceWeight);
      // One multiply over every read.
      k.convertReads(reads.length, outputs, slices);
      const want = new Float64Array(outputs);
      reference(reads, outputs, slices, sliceWeight, want);
      expect(Array.from(k.digital.subarray(0, outputs))).toEqual(Array.from(want));
      // The same reads split over positions.
      k.counts.set(perPosition);
      k.convertPositions(positions, outputs, slices);
      let from = 0;
      for (let p = 0; p < positions; p++) {
        const one = new Float64Array(outputs);
        reference(reads.slice(from, from + perPosition[p]), outputs, slices, sliceWeight, one);
        from += perPosition[p];
        if (p < 3) expect(one.every(Number.isFinite)).toBe(true);
        expect(Array.from(k.digital.subarray(p * outputs, (p + 1) * outputs))).toEqual(Array.from(one));
      }
      expect(k.epoch).toBe(epoch); // nothing reset under the test's pointers
      expect(want.some((d) => d !== 0)).toBe(true);
    });
  }
});
