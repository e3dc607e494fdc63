import { describe, expect, it } from 'vitest';
import { cellNumber, describeCell, numberCell, numberOrText } from '../../../src/io/run/cells.js';
import { refusal } from '../../helpers/refusal.js';

describe('CSV number cells', () => {
  it('reads what formatNumber writes and plain decimals, an empty cell and NaN as NaN', () => {
    for (const [text, n] of [['0', 0], ['-0', -0], ['1.5', 1.5], ['1e+21', 1e21], ['-2.5e-7', -2.5e-7], ['.5', 0.5], ['5.', 5], ['+3', 3], ['1E3', 1000],
      ['Infinity', Infinity], ['-Infinity', -Infinity], ['007', 7]] as const) {
      expect(cellNumber(text), text).toBe(n);
    }
    expect(cellNumber('')).toBeNaN();
    expect(cellNumber('NaN')).toBeNaN();
  });

  it('refuses what Number() reads but no CSV writer means: blank or padded cells, hex, octal, binary', () => {
    for (const text of [' ', '  ', ' 5', '5 ', '\t5', '0x10', '0X1f', '0o7', '0b1', 'nann', 'infinit', '--inf', '1,5', '3ns']) expect(cellNumber(text), JSON.stringify(text)).toBeUndefined();
    expect(refusal(() => numberCell('0x10', () => 'f.csv: row 2: energy_pJ'))).toBe('f.csv: row 2: energy_pJ: got "0x10", expected a number');
    expect(refusal(() => numberCell('  ', () => 'f.csv: row 2: energy_pJ'))).toBe('f.csv: row 2: energy_pJ: got "  ", expected a number');
  });

  it("reads other tools' spellings of a missing value and of the infinities (Python, numpy, R, Julia)", () => {
    for (const text of ['nan', 'NA', 'na', 'NAN']) expect(cellNumber(text), text).toBeNaN();
    for (const [text, n] of [['inf', Infinity], ['Inf', Infinity], ['+inf', Infinity], ['INFINITY', Infinity], ['-inf', -Infinity], ['-Inf', -Infinity], ['-infinity', -Infinity]] as const) {
      expect(cellNumber(text), text).toBe(n);
    }
    expect([numberOrText('inf'), numberOrText('NA')]).toEqual(['inf', 'NA']);
  });

  it('reads a parameter cell as its number or its text, and names an empty cell apart from NaN', () => {
    expect([numberOrText('64'), numberOrText('sar'), numberOrText('0x10'), numberOrText(''), numberOrText('NaN')]).toEqual([64, 'sar', '0x10', '', 'NaN']);
    expect([describeCell(''), describeCell('NaN')]).toEqual(['an empty cell', '"NaN"']);
  });
});
