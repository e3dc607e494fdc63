/** ceilLog2 stands in for Math.ceil(Math.log2(n)) in the ELA's hot path: the same double for every argument. */
import { describe, expect, it } from 'vitest';
import { ceilLog2 } from '../../src/core/index.js';

describe('ceilLog2', () => {
  it('equals Math.ceil(Math.log2(n)) for every integer 1..2^24 (the range it counts bits over) and past it', () => {
    let differing = 0;
    for (let n = 1; n <= 2 ** 24 + 3; n++) if (!Object.is(ceilLog2(n), Math.ceil(Math.log2(n)))) differing++;
    expect(differing).toBe(0);
  });

  it('known answers: a power of two is its exponent, one more needs a bit more', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 16, 17, 1024, 1025].map(ceilLog2)).toEqual([0, 1, 2, 2, 3, 3, 4, 4, 5, 10, 11]);
  });

  it('anything else is Math.log2 itself: fractions, 0, negatives, NaN, infinities, huge integers', () => {
    for (const n of [0, -0, -1, 0.5, 1.5, 2.000001, 3.9, 2 ** 24 + 0.5, 2 ** 31, 2 ** 31 + 1, 2 ** 53, 1e300, Infinity, -Infinity, NaN, 5e-324]) {
      expect([n, ceilLog2(n)]).toEqual([n, Math.ceil(Math.log2(n))]);
    }
  });
});
