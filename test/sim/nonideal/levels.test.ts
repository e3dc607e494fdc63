/**
 * bandLevels (placement.ts) computes its slice tables once per slicing, mapping and offset and can write into a reused
 * buffer (layer.ts passes levelScratch): every cell must still hold the level the file comment defines, whatever the
 * buffer held before and whichever tables an earlier call left behind.
 */
import { describe, expect, it } from 'vitest';
import type { SignedMapping } from '../../../src/hardware/config.js';
import { bandLevels, bitSlicing, levelScratch } from '../../../src/sim/nonideal/placement.js';
import { createRng } from '../../../src/util/rng.js';

/** The level of every cell written out from the definitions (no tables). */
function reference(q: Int32Array, inputs: number, outputs: number, start: number, rows: number, mapping: SignedMapping,
  weightBits: number, bitsPerCell: number, totalCols: number): Uint8Array {
  const { slices: S, widths, shifts } = bitSlicing(weightBits, bitsPerCell);
  const offset = 2 ** (weightBits - 1);
  const cols = outputs * S;
  const level = (u: number, s: number) => Math.floor(u / 2 ** shifts[s]) % 2 ** widths[s];
  const out = new Uint8Array(rows * totalCols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < totalCols; c++) {
      let v: number;
      if (c < cols) {
        const w = q[Math.floor(c / S) * inputs + start + r];
        v = mapping === 'differential-pair' ? level(Math.max(w, 0), c % S) : level(w + offset, c % S);
      } else if (mapping === 'differential-pair') {
        v = level(Math.max(-q[Math.floor((c - cols) / S) * inputs + start + r], 0), (c - cols) % S);
      } else v = level(offset, (c - cols) % S);
      out[r * totalCols + c] = v;
    }
  }
  return out;
}

describe('bandLevels', () => {
  const cases: [SignedMapping, number, number][] = [
    ['differential-pair', 8, 4], ['differential-pair', 8, 3], ['differential-pair', 5, 1], ['offset-diff', 8, 4],
    ['offset-diff', 6, 2], ['reference-column', 8, 4], ['reference-column', 7, 3], ['differential-pair', 8, 4],
  ];
  for (const [mapping, weightBits, bitsPerCell] of cases) {
    it(`${mapping}, ${weightBits}-bit weights on ${bitsPerCell}-bit cells: the defined levels, fresh or in a dirty buffer`, () => {
      const rng = createRng(`levels:${mapping}:${weightBits}:${bitsPerCell}`);
      const inputs = 37;
      const outputs = 5;
      const offset = 2 ** (weightBits - 1);
      const q = Int32Array.from({ length: inputs * outputs }, () => Math.floor(rng.next() * 2 * offset) - offset);
      q[0] = -offset; // both ends of the range
      q[1] = offset - 1;
      const slicing = bitSlicing(weightBits, bitsPerCell);
      const cols = outputs * slicing.slices;
      const totalCols = mapping === 'differential-pair' ? 2 * cols : mapping === 'reference-column' ? cols + slicing.slices : cols;
      for (const [start, rows] of [[0, 16], [16, 21]]) {
        const want = reference(q, inputs, outputs, start, rows, mapping, weightBits, bitsPerCell, totalCols);
        expect(bandLevels(q, inputs, outputs, start, rows, mapping, slicing, offset, totalCols)).toEqual(want);
        const dirty = levelScratch(rows * totalCols + 7);
        dirty.fill(0xab);
        const got = bandLevels(q, inputs, outputs, start, rows, mapping, slicing, offset, totalCols, dirty);
        expect(got.buffer).toBe(dirty.buffer);
        expect(got).toEqual(want);
        expect(new Set(want).size).toBeGreaterThan(1);
      }
    });
  }
});
