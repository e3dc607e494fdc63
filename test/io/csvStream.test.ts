import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRowCursor, readCsvText, streamCsvFile, type CsvTail } from '../../src/io/run/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cosearch-csvstream-'));

/** The whole-file reader's answer, or its error message. */
function whole(text: string, tail: CsvTail): unknown {
  try {
    const t = readCsvText(text, 'f.csv', { tail });
    return { header: t.header, rows: t.rows, truncatedTail: t.truncatedTail, completeBytes: Buffer.byteLength(text.slice(0, t.completeLength)) };
  } catch (error) {
    return (error as Error).message;
  }
}

/** The streaming reader's answer on the same text written to a file, read `chunkBytes` at a time. */
function streamed(text: string, tail: CsvTail, chunkBytes: number): unknown {
  const path = join(dir, 'f.csv');
  writeFileSync(path, text);
  let header: readonly string[] = [];
  const rows: (readonly string[])[] = [];
  try {
    const r = streamCsvFile(path, (h) => (header = h), (cells) => rows.push(cells), { what: 'test', tail, chunkBytes });
    expect(r.header).toEqual(header);
    expect(r.rows).toBe(rows.length);
    return { header, rows, truncatedTail: r.truncatedTail, completeBytes: r.completeBytes };
  } catch (error) {
    return (error as Error).message.replace(path, 'f.csv');
  }
}

describe('streaming CSV reader', () => {
  it('gives what the whole-text reader gives, for any text cut into chunks of any size (multi-byte characters, CRLF, quotes cut anywhere)', () => {
    const alphabet = fc.constantFrom('a', '1', ',', '"', '\n', '\r', 'é', '€', ' ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom<CsvTail>('complete', 'drop'), (chars, chunk, tail) => {
        const text = chars.join('');
        expect(streamed(text, tail, chunk)).toEqual(whole(text, tail));
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it('drops a leading byte-order mark and keeps a U+FEFF inside the file, whatever the chunk size; 4-byte characters cut anywhere', () => {
    const text = '\ufeffi,v\n0,a\ufeffb\n1,😀x\n';
    for (const chunk of [1, 2, 3, 4, 5, 1 << 20]) {
      expect(streamed(text, 'complete', chunk)).toEqual({
        header: ['i', 'v'], rows: [['0', 'a\ufeffb'], ['1', '😀x']], truncatedTail: false, completeBytes: Buffer.byteLength(text),
      });
    }
  });

  it('refuses a character cut short by the end of the file, and a stray continuation byte, at any chunk size', () => {
    for (const bytes of [[0x61, 0x0a, 0x62, 0xe2, 0x82], [0x61, 0x0a, 0x80, 0x80, 0x80, 0x80, 0x0a]]) {
      const path = join(dir, 'cut.csv');
      writeFileSync(path, Buffer.from(bytes));
      for (const chunkBytes of [1, 2, 3, 1 << 20]) {
        expect(() => streamCsvFile(path, () => undefined, () => undefined, { what: 'run file', chunkBytes })).toThrow(`run file ${path}: not UTF-8 text`);
      }
    }
  });

  it('reads a well-formed log with a torn last row: the rows, and the byte where the complete ones end', () => {
    const text = 'index,x,error\n0,1.5,\n1,€2,"bad, ""very"""\r\n2,3';
    for (const chunk of [1, 2, 3, 5, 1 << 20]) {
      expect(streamed(text, 'drop', chunk)).toEqual({
        header: ['index', 'x', 'error'],
        rows: [['0', '1.5', ''], ['1', '€2', 'bad, "very"']],
        truncatedTail: true,
        completeBytes: Buffer.byteLength('index,x,error\n0,1.5,\n1,€2,"bad, ""very"""\r\n'),
      });
    }
  });

  it('refuses a ragged row, a repeated column and a binary file with one line naming the file', () => {
    expect(streamed('a,b\n1,2\n3\n', 'complete', 4)).toBe('f.csv: line 3: got 1 fields, expected 2 (as in the header)');
    expect(streamed('a,a\n1,2\n', 'complete', 4)).toBe('f.csv: header: column "a" appears twice');
    const path = join(dir, 'bin.csv');
    writeFileSync(path, Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0x0a]));
    expect(() => streamCsvFile(path, () => undefined, () => undefined, { what: 'run file' })).toThrow(`run file ${path}: not UTF-8 text`);
  });

  it('pulls rows one at a time with the cursor and stops at endBytes', () => {
    const path = join(dir, 'cursor.csv');
    writeFileSync(path, 'i,v\n0,a\n1,"b\nc"\n2,d\n3,e\n');
    const cursor = new CsvRowCursor(path, { what: 'test', chunkBytes: 3, endBytes: Buffer.byteLength('i,v\n0,a\n1,"b\nc"\n2,d\n') });
    expect([cursor.next(), cursor.next(), cursor.next(), cursor.next()]).toEqual([['0', 'a'], ['1', 'b\nc'], ['2', 'd'], undefined]);
  });
});
