/**
 * A strict JSON reader (RFC 8259) for everything a user hands the CLI. It differs from JSON.parse where JSON.parse
 * would give a confident wrong answer or leak: a key written twice is refused (JSON.parse keeps the last one
 * silently) naming the key and where it is; nesting deeper than MAX_NESTING is refused before anything recurses
 * over it; a syntax error says where it is (line, column) and never quotes the text, which could be another
 * file's content. Values come out as JSON.parse gives them (`__proto__` an own key, numbers as doubles).
 */
import { ConfigError } from '../errors.js';

/** Deeper than any space, network, configuration or manifest cosearch reads (they nest at most ~8 levels). */
export const MAX_NESTING = 100;

const enum Code {
  Tab = 9, Newline = 10, Return = 13, Space = 32, Quote = 34, Comma = 44, Minus = 45, Colon = 58,
  OpenBracket = 91, Backslash = 92, CloseBracket = 93, OpenBrace = 123, CloseBrace = 125,
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parse `text`; `file` names the source in errors (a ConfigError: one line, no quote of the text). */
export function parseJsonStrict(text: string, file: string, maxNesting = MAX_NESTING): unknown {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const where = (at: number): string => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < text.length; k++) {
      if (text.charCodeAt(k) === Code.Newline) {
        line++;
        lineStart = k + 1;
      }
    }
    return `line ${line}, column ${at - lineStart + 1}`;
  };
  const fail = (what: string, at = i): never => {
    throw new ConfigError(`${file}: not valid JSON: ${what} at ${where(at)}`);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === Code.Space || c === Code.Newline || c === Code.Return || c === Code.Tab) i++;
      else return;
    }
  };
  const expected = (what: string): never => fail(i >= text.length ? `unexpected end of input, expected ${what}` : `unexpected character, expected ${what}`);

  const readString = (): string => {
    // At the opening quote.
    i++;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= text.length) return fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === Code.Quote) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 0x20) return fail('a control character inside a string (escape it)');
      if (c === Code.Backslash) {
        out += text.slice(run, i);
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('a \\u escape without four hex digits');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          i += 2;
        } else fail('an unknown escape');
        run = i;
        continue;
      }
      i++;
    }
  };

  /** Where each open container is, for duplicate-key messages: keys and array indexes. */
  const path: (string | number)[] = [];
  const pathText = (): string => path.map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? p : `.${p}`)).join('');

  const readValue = (depth: number): unknown => {
    skipSpace();
    const c = text.charCodeAt(i);
    if (c === Code.OpenBrace || c === Code.OpenBracket) {
      if (depth >= maxNesting) fail(`nested deeper than ${maxNesting} levels`);
      return c === Code.OpenBrace ? readObject(depth + 1) : readArray(depth + 1);
    }
    if (c === Code.Quote) return readString();
    if (c === Code.Minus || (c >= 48 && c <= 57)) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) return fail('a malformed number');
      i += match[0].length;
      return Number(match[0]);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return expected('a value');
  };

  const readObject = (depth: number): Record<string, unknown> => {
    i++;
    const obj: Record<string, unknown> = {};
    const seen = new Set<string>();
    skipSpace();
    if (text.charCodeAt(i) === Code.CloseBrace) {
      i++;
      return obj;
    }
    for (;;) {
      skipSpace();
      if (text.charCodeAt(i) !== Code.Quote) expected('a key in double quotes');
      const keyAt = i;
      const key = readString();
      if (seen.has(key)) {
        path.push(key);
        const shown = pathText();
        path.pop();
        fail(`duplicate key ${JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}...` : key)} (${shown}; JSON would keep only the last, write each key once)`, keyAt);
      }
      seen.add(key);
      skipSpace();
      if (text.charCodeAt(i) !== Code.Colon) expected('":" after a key');
      i++;
      path.push(key);
      const value = readValue(depth);
      path.pop();
      // An own property even for "__proto__", as JSON.parse makes it (assignment would set the prototype).
      Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
      skipSpace();
      const next = text.charCodeAt(i);
      i++;
      if (next === Code.CloseBrace) return obj;
      if (next !== Code.Comma) {
        i--;
        expected('"," or "}"');
      }
    }
  };

  const readArray = (depth: number): unknown[] => {
    i++;
    const out: unknown[] = [];
    skipSpace();
    if (text.charCodeAt(i) === Code.CloseBracket) {
      i++;
      return out;
    }
    for (;;) {
      path.push(out.length);
      out.push(readValue(depth));
      path.pop();
      skipSpace();
      const next = text.charCodeAt(i);
      i++;
      if (next === Code.CloseBracket) return out;
      if (next !== Code.Comma) {
        i--;
        expected('"," or "]"');
      }
    }
  };

  const value = readValue(0);
  skipSpace();
  if (i < text.length) fail('unexpected text after the value');
  return value;
}
