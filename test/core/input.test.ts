import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeValue, MAX_NESTING, parseDocument, parseJsonStrict, readInputText } from '../../src/core/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cosearch-input-'));

describe('describeValue', () => {
  it('shows a value as its file wrote it: 1e999 (JSON) and .nan (YAML) are Infinity and NaN, not null', () => {
    expect(describeValue(parseJsonStrict('{"r": 1e999}', 'f'))).toBe('{"r":Infinity}');
    expect(describeValue((parseJsonStrict('{"r": 1e999}', 'f') as { r: number }).r)).toBe('Infinity');
    expect(describeValue(-Infinity)).toBe('-Infinity');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue([Number.NaN, 1, -Infinity])).toBe('[NaN,1,-Infinity]');
    expect(describeValue({ r: Infinity, s: 'NaN' })).toBe('{"r":Infinity,"s":"NaN"}');
    expect([describeValue(null), describeValue(undefined), describeValue('x'), describeValue(1.5)]).toEqual(['null', 'nothing', '"x"', '1.5']);
  });
});

describe('parseJsonStrict', () => {
  it('gives what JSON.parse gives for valid documents', () => {
    const texts = ['{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"],"b":{}}', '[]', '"s"', '0', '\ufeff{"k": 1}', ' {"__proto__": {"x": 1}} '];
    for (const t of texts) expect(parseJsonStrict(t, 'f')).toEqual(JSON.parse(t.replace(/^\ufeff/, '')));
    const proto = parseJsonStrict('{"__proto__": {"x": 1}}', 'f') as Record<string, unknown>;
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  it('refuses a duplicate key, naming it and its path', () => {
    expect(() => parseJsonStrict('{"a": {"b": [{"k": 1, "k": 2}]}}', 'f.json'))
      .toThrow('f.json: not valid JSON: duplicate key "k" (a.b[0].k; JSON would keep only the last, write each key once) at line 1, column 23');
  });

  it('refuses nesting deeper than MAX_NESTING, accepts exactly that deep', () => {
    expect(() => parseJsonStrict('['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING), 'f')).not.toThrow();
    expect(() => parseJsonStrict('['.repeat(MAX_NESTING + 1) + ']'.repeat(MAX_NESTING + 1), 'f')).toThrow(`nested deeper than ${MAX_NESTING} levels`);
    expect(() => parseJsonStrict('['.repeat(100_000), 'f')).toThrow(ConfigError);
  });

  it('locates syntax errors without quoting the text', () => {
    const cases: [string, string][] = [
      ['{"a": SECRET}', 'unexpected character, expected a value at line 1, column 7'],
      ['{"a": 1,\n "b" 2}', 'expected ":" after a key at line 2, column 6'],
      ['[1, 2', 'unexpected end of input, expected "," or "]" at line 1, column 6'],
      ['"a\u0001"', 'a control character inside a string'],
      ['01', 'unexpected text after the value'],
      ['{"a": 1} x', 'unexpected text after the value'],
      ['"\\x"', 'an unknown escape'],
    ];
    for (const [text, message] of cases) {
      let thrown = '';
      try {
        parseJsonStrict(text, 'f');
      } catch (error) {
        thrown = (error as Error).message;
      }
      expect(thrown).toContain(message);
      expect(thrown).not.toContain('SECRET');
    }
  });
});

describe('parseDocument (YAML)', () => {
  it('refuses a duplicate key and deep nesting with one line', () => {
    expect(() => parseDocument('a: 1\na: 2\n', 'f.yaml', 'yaml')).toThrow('f.yaml: not valid YAML: duplicate key at line 2, column 1');
    expect(() => parseDocument('['.repeat(5000), 'f.yaml', 'yaml')).toThrow(/nested too deeply/);
    const block = Array.from({ length: 120 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(() => parseDocument(`${block}\n${' '.repeat(120)}1`, 'f.yaml', 'yaml')).toThrow('f.yaml: nested deeper than 100 levels');
  });
});

describe('readInputText', () => {
  it('reads a regular file, refuses what is not one, and bounds the size', () => {
    const ok = join(dir, 'ok.txt');
    writeFileSync(ok, '\ufeffhello');
    expect(readInputText(ok, { what: 'file' })).toBe('hello');
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(() => readInputText(join(dir, 'fifo'), { what: 'space file' })).toThrow(`space file ${join(dir, 'fifo')}: is a FIFO (named pipe), expected a regular file`);
    expect(() => readInputText('/dev/zero', { what: 'network file' })).toThrow('network file /dev/zero: is a character device, expected a regular file');
    expect(() => readInputText(dir, { what: 'f' })).toThrow('is a directory, expected a regular file');
    expect(() => readInputText(join(dir, 'none'), { what: 'f' })).toThrow('no such file');
    expect(() => readInputText(join(ok, 'below'), { what: 'f' })).toThrow('a part of the path is not a folder');
    expect(() => readInputText('', { what: '--config' })).toThrow('--config: got an empty path, expected a file');
    const big = join(dir, 'big');
    writeFileSync(big, '');
    truncateSync(big, 2048);
    expect(() => readInputText(big, { what: 'f', maxBytes: 1024 })).toThrow('larger than 1 KiB (2 KiB)');
    expect(readInputText(big, { what: 'f', maxBytes: 2048 })).toHaveLength(2048);
    writeFileSync(join(dir, 'bin'), Uint8Array.from([0xff, 0xfe, 0x80]));
    expect(() => readInputText(join(dir, 'bin'), { what: 'f' })).toThrow('not UTF-8 text');
  });

  it('bounds a file whose size on disk is 0 but which reads on (a /proc file)', () => {
    // /proc/self/status reports size 0 and has content: read with the bound.
    expect(() => readInputText('/proc/self/status', { what: 'f', maxBytes: 16 })).toThrow('larger than 16 bytes');
  });
});
