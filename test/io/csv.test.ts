import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCell, formatNumber, parseCsv, toCsv } from '../../src/io/run/index.js';
import { EvaluationLog, readCsvFile, writeFileAtomic } from '../../src/io/run/index.js';

describe('csv', () => {
  it('formats numbers in shortest round-trip form, booleans as true/false, missing as empty', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(Number(formatNumber(0.1 + 0.2))).toBe(0.1 + 0.2);
    expect(formatNumber(1e21)).toBe('1e+21');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe('');
    expect(formatCell(true)).toBe('true');
    expect(formatCell(false)).toBe('false');
    expect(formatCell(undefined)).toBe('');
  });

  it('gives String(n) for every finite double (its JSON.stringify path): shortest digits, exponents, integers, subnormals', () => {
    const edges = [
      0, 1, -1, 0.1 + 0.2, 1 / 3, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e21, -1e21, 1e21 - 65536, 999999999999999900000,
      1e-6, 1e-7, -1e-7, 0.000001, 0.0000012345678901234567, 123e-20, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
      Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, 1.7976931348623157e308, 4.9406564584124654e-324,
    ];
    for (const n of edges) expect(formatNumber(n)).toBe(String(n));
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
    const finite = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      fc.double({ min: -1e25, max: 1e25, noNaN: true }).map(Math.round),
      fc.double({ min: 1e-310, max: 1e-300, noNaN: true }),
      fc.double({ min: 1e-8, max: 1e-5, noNaN: true }),
      fc.double({ min: 1e20, max: 1e22, noNaN: true }),
    );
    fc.assert(fc.property(finite, (n) => {
      expect(formatNumber(n)).toBe(Object.is(n, -0) ? '0' : String(n));
    }), { numRuns: 20_000 });
  });

  it('writes and reads back quoted fields, quotes and newlines', () => {
    const text = toCsv([[1, 'a,b', 'say "hi"'], [2, 'two\nlines', false]], ['n', 's', 't']);
    expect(text).toBe('n,s,t\n1,"a,b","say ""hi"""\n2,"two\nlines",false\n');
    const parsed = parseCsv(text);
    expect(parsed.header).toEqual(['n', 's', 't']);
    expect(parsed.records).toEqual([['1', 'a,b', 'say "hi"'], ['2', 'two\nlines', 'false']]);
    expect(parsed.truncated).toBe(false);
  });

  it('reports an unterminated last record as truncated, or accepts it on request', () => {
    const parsed = parseCsv('a,b\n1,2\n3,');
    expect(parsed.records).toEqual([['1', '2']]);
    expect(parsed.truncated).toBe(true);
    expect(parsed.completeLength).toBe(8);
    expect(parseCsv('a,b\n1,2\n3,4', { acceptUnterminated: true }).records).toEqual([['1', '2'], ['3', '4']]);
    expect(parseCsv('a,b\r\n1,2\r\n').records).toEqual([['1', '2']]);
  });
});

describe('results files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-io-'));

  it('appends batches to an evaluations log and resumes it, cutting a half-written line', () => {
    const path = join(dir, 'evaluations.csv');
    const log = EvaluationLog.create(path, ['index', 'x', 'error']);
    log.append([[0, 1.5, undefined], [1, 2, 'failed, badly']]);
    writeFileSync(path, `${readFileSync(path, 'utf8')}2,3`, { flag: 'w' });
    const records: (readonly string[])[] = [];
    const { log: again, rows, endBytes } = EvaluationLog.resume(path, ['index', 'x', 'error'], (cells) => records.push(cells));
    expect(records).toEqual([['0', '1.5', ''], ['1', '2', 'failed, badly']]);
    expect(rows).toBe(2);
    expect(endBytes).toBe(Buffer.byteLength('index,x,error\n0,1.5,\n1,2,"failed, badly"\n'));
    expect(readFileSync(path, 'utf8')).toBe('index,x,error\n0,1.5,\n1,2,"failed, badly"\n');
    again.append([[2, 3, undefined]]);
    expect(readFileSync(path, 'utf8')).toBe('index,x,error\n0,1.5,\n1,2,"failed, badly"\n2,3,\n');
    expect(() => EvaluationLog.resume(path, ['index', 'y', 'error'], () => undefined)).toThrow(/columns of .* differ/);
  });

  it('refuses to resume a log saved with CRLF line ends or a BOM (appending would mix them), leaving it as it was', () => {
    const lf = 'index,x,error\n0,1.5,\n1,2,"a\r\nb"\n';
    const cases: [string, string][] = [
      ['index,x,error\r\n0,1.5,\r\n1,2,\r\n', 'line 1 ends in CRLF (\\r\\n)'],
      ['index,x,error\n0,1.5,\n1,2,\r\n', 'line 3 ends in CRLF (\\r\\n)'],
      [`\ufeff${lf}`, 'starts with a UTF-8 byte-order mark'],
    ];
    for (const [text, what] of cases) {
      const path = join(dir, 'foreign.csv');
      writeFileSync(path, text);
      expect(() => EvaluationLog.resume(path, ['index', 'x', 'error'], () => undefined)).toThrow(
        `--resume: ${path}: ${what}, expected the search's LF line ends without a BOM (the file was saved by another program); restore the file the search wrote, or convert it back (e.g. dos2unix ${path}) and resume again`,
      );
      expect(readFileSync(path, 'utf8')).toBe(text);
    }
    // A CR inside a quoted cell (an error message) is the search's own: resumed.
    const path = join(dir, 'quoted.csv');
    writeFileSync(path, lf);
    expect(EvaluationLog.resume(path, ['index', 'x', 'error'], () => undefined).rows).toBe(2);
  });

  it('replaces files atomically and reads CSVs from other tools', () => {
    const path = join(dir, 'front.csv');
    writeFileAtomic(path, 'a,b\n1,2');
    writeFileAtomic(path, 'a,b\n3,4');
    expect(readCsvFile(path)).toEqual({ columns: ['a', 'b'], records: [{ a: '3', b: '4' }] });
    expect(() => readCsvFile(join(dir, 'none.csv'))).toThrow(`CSV ${join(dir, 'none.csv')}: no such file`);
  });
});
