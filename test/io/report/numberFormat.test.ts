/** The report's one number format (QA defects 3, 4, 11): 4 significant digits, engineering prefixes on the base unit. */
import { describe, expect, it } from 'vitest';
import { formatQuantity, isPrefixedUnit, withUnit } from '../../../src/io/report/numberFormat.js';

describe('formatQuantity', () => {
  it('writes a prefixed unit on its base unit, 4 significant digits (it read "400M" on a pJ axis and 7.151e7 in the table)', () => {
    expect(formatQuantity(4e8, 'pJ')).toBe('400 µJ');
    expect(formatQuantity(7.151e7, 'pJ')).toBe('71.51 µJ');
    expect(formatQuantity(2.549e9, 'pJ')).toBe('2.549 mJ');
    expect(formatQuantity(1.401e7, 'ns')).toBe('14.01 ms');
    expect(formatQuantity(142644, 'pJ·s')).toBe('142.6 nJ·s');
    expect(formatQuantity(1.55e6, 'pJ·s')).toBe('1.55 µJ·s');
    expect(formatQuantity(999.96, 'pJ')).toBe('1 nJ');
    expect(formatQuantity(0, 'pJ')).toBe('0 pJ');
    expect(formatQuantity(250, 'MHz')).toBe('250 MHz');
  });

  it('keeps one style in a column without a prefixed unit (0.002726 beside 5.572e-4 before) and counts exact, no separators', () => {
    expect(formatQuantity(0.002726, 'TOPS/mm²')).toBe('0.002726');
    expect(formatQuantity(5.572e-4, 'TOPS/mm²')).toBe('0.0005572');
    expect(formatQuantity(14896)).toBe('14896');
    expect(formatQuantity(3684.2)).toBe('3684');
    expect(formatQuantity(1.5285503062054347e19)).toBe('1.529e19');
    expect(formatQuantity(NaN, 'pJ')).toBe('–');
  });

  it('writes a unit without a prefix only when asked (withUnit), never "fraction"', () => {
    expect(withUnit(3684, 'mm²')).toBe('3684 mm²');
    expect(withUnit(0.3485, 'fraction')).toBe('0.3485');
    expect(withUnit(1.641e8, 'pJ')).toBe('164.1 µJ');
    expect([isPrefixedUnit('pJ'), isPrefixedUnit('mm²'), isPrefixedUnit('')]).toEqual([true, false, false]);
  });
});
