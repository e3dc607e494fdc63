/**
 * NumberTexts (the memo of formatted numbers a search's ELA rows use) gives formatNumber's text for every double,
 * whatever came before it: repeated values, values sharing a slot (a 2-slot memo makes most of them collide), 0
 * after -0, NaN after anything, integers, 1e21 and above, denormals, infinities.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, NumberTexts } from '../../src/io/run/index.js';

/** What evaluations.csv has always written for a number: String(n), but -0 as 0 and NaN as an empty cell. */
const csvText = (n: number): string => (Number.isNaN(n) ? '' : Object.is(n, -0) ? '0' : String(n));

const EDGES = [
  0, -0, NaN, Infinity, -Infinity, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e21, 1e21 - 65536, 999999999999999900000,
  1e-6, 1e-7, 0.000001, 123e-20, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, Number.EPSILON, 0.1 + 0.2, 1 / 3,
];

describe('NumberTexts', () => {
  it('gives formatNumber(n) = String(n) (-0 as 0, NaN empty) for any sequence of doubles, slots shared or not', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(...EDGES), fc.integer().map((i) => i * 1024), fc.double({ min: 1e-310, max: 1e-300 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (values, slotBits) => {
        const memo = new NumberTexts(slotBits);
        // Each value twice, and the whole sequence twice: memo hits and misses both.
        for (const n of [...values, ...values.slice().reverse(), ...values]) {
          expect(memo.text(n)).toBe(csvText(n));
          expect(memo.text(n)).toBe(formatNumber(n));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('writes 0 for -0 and +0 in either order, and the edge values as String does', () => {
    for (const slotBits of [1, 12]) {
      const memo = new NumberTexts(slotBits);
      for (const n of [-0, 0, -0, ...EDGES, ...EDGES]) expect(memo.text(n)).toBe(csvText(n));
    }
    expect(new NumberTexts().text(1e21)).toBe('1e+21');
    expect(new NumberTexts().text(5e-324)).toBe('5e-324');
  });

  it('refuses a slot count it cannot index', () => {
    expect(() => new NumberTexts(0)).toThrow(RangeError);
    expect(() => new NumberTexts(25)).toThrow(RangeError);
    expect(() => new NumberTexts(2.5)).toThrow(RangeError);
  });
});
