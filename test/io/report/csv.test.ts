import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { readCsvText as parseCsv } from '../../../src/io/run/index.js';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, commas and newlines inside quotes, CRLF and a missing final newline', () => {
    const t = parseCsv('a,b,c\r\n1,"x, ""y""",\n2,"two\nlines",z', 'f.csv');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x, "y"', ''],
      ['2', 'two\nlines', 'z'],
    ]);
  });
  it('drops a last record cut off by a kill (short of fields without a newline, or inside a quote), and only that', () => {
    const cut = parseCsv('a,b,c\n1,2,3\n4,5', 'f.csv');
    expect(cut.rows).toEqual([['1', '2', '3']]);
    expect(cut.truncatedTail).toBe(true);
    const inQuote = parseCsv('a,b,c\n1,2,3\n4,"five, and', 'f.csv');
    expect(inQuote.rows).toEqual([['1', '2', '3']]);
    expect(inQuote.truncatedTail).toBe(true);
    const complete = parseCsv('a,b,c\n1,2,3\n4,5,6', 'f.csv');
    expect(complete.rows).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    expect(complete.truncatedTail).toBe(false);
    expect(() => parseCsv('a,b,c\n1,2\n4,5,6\n', 'f.csv')).toThrow(/line 2: got 2 fields, expected 3/);
  });
  it('skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2\n\n', 'f.csv').rows).toEqual([['1', '2']]);
  });
  it('rejects an unclosed quote, a ragged row, a repeated column and an empty file, naming file and line', () => {
    expect(() => parseCsv('"a,b\n1,2\n', 'f.csv')).toThrow(/f\.csv: line 1: a quoted field is never closed/);
    expect(() => parseCsv('a,b\n1,2\n3\n', 'f.csv')).toThrow(/f\.csv: line 3: got 1 fields, expected 2/);
    expect(() => parseCsv('a,a\n1,2\n', 'f.csv')).toThrow(/column "a" appears twice/);
    expect(() => parseCsv('', 'f.csv')).toThrow(ConfigError);
    expect(() => parseCsv('a,b\n1,x"y\n', 'f.csv')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a,b\n1,"x"y\n', 'f.csv')).toThrow(/line 2: text after a closing quote/);
  });
});
