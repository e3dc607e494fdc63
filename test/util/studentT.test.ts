import { describe, expect, it } from 'vitest';
import { studentTQuantile, studentTTwoSided } from '../../src/util/studentT.js';

describe('Student t', () => {
  it('has the closed forms of 1 and 2 degrees of freedom', () => {
    for (const t of [0, 0.3, 1, 2.5, 12.7]) {
      expect(studentTTwoSided(t, 1)).toBeCloseTo((2 / Math.PI) * Math.atan(t), 14); // Cauchy
      expect(studentTTwoSided(t, 2)).toBeCloseTo(t / Math.sqrt(2 + t * t), 14);
    }
  });
  it('gives the two-sided 95% and 99% critical values of the standard tables', () => {
    // NIST/SEMATECH e-Handbook 1.3.6.7.2 (upper critical values of t), to its 3 decimals (docs/sources.md#student-t).
    const table: [number, number, number][] = [[1, 12.706, 63.657], [2, 4.303, 9.925], [3, 3.182, 5.841], [4, 2.776, 4.604],
      [9, 2.262, 3.25], [10, 2.228, 3.169], [29, 2.045, 2.756], [63, 1.998, 2.656], [100, 1.984, 2.626]];
    for (const [df, t95, t99] of table) {
      expect(studentTQuantile(0.95, df)).toBeCloseTo(t95, 3);
      expect(studentTQuantile(0.99, df)).toBeCloseTo(t99, 3);
      expect(studentTTwoSided(studentTQuantile(0.95, df), df)).toBeCloseTo(0.95, 12);
    }
    // It falls towards the normal quantile 1.959964 as the degrees of freedom grow.
    expect(studentTQuantile(0.95, 5000)).toBeCloseTo(1.96, 3);
  });
  it('refuses what has no answer', () => {
    expect(() => studentTQuantile(1, 3)).toThrow('coverage: got 1, expected a number in (0, 1)');
    expect(() => studentTTwoSided(1, 2.5)).toThrow('df: got 2.5, expected a positive integer');
    expect(() => studentTTwoSided(-1, 2)).toThrow('t: got -1, expected a number >= 0');
  });
});
