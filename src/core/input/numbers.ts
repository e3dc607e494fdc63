/**
 * Numbers written as text (command-line options, `--set path=value`, COSEARCH_* variables, CSV cells): plain decimal
 * only. JavaScript's Number() also reads "0x10", "0b11", "0o7", "Infinity", and "" or "  " as 0, so `--workers 0x2`
 * ran with 2 workers and `--budget ''` with 0; here they are refused. Accepted: an optional sign, digits with an
 * optional fraction (`5`, `-5`, `+5`, `5.`, `.5`, `5.25`) and an optional exponent (`1e-3`, `2.5E6`); white space
 * around the text is ignored. An integer is written in digits alone (`1e3` and `5.0` are refused where one is
 * expected). JSON and YAML values keep their own grammar: these parse text only.
 */
import { ConfigError } from '../errors.js';

const INTEGER = /^[+-]?\d+$/;

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const isDigit = (c: number): boolean => c >= DIGIT_0 && c <= DIGIT_9;
/** What a decimal literal may start with besides a digit (a sign, a point, Infinity's I) and end with (a point, Infinity's y). */
const FIRST = new Set([43, 45, 46, 73]);
const LAST = new Set([46, 121]);
/** x, o, b after a leading 0 (lower-cased): Number's hex, octal and binary prefixes. */
const RADIX = new Set([120, 111, 98]);

/**
 * The number a decimal literal writes, without white space: an optional sign, digits with an optional fraction and
 * exponent, or `Infinity` (a signed one too, and 1e999); undefined for anything else (hex, octal, binary, padded or
 * empty text, NaN). The one grammar of numbers as text: decimalValue (options) and the CSV cell reader
 * (src/io/run/cells.ts) both read it. Character checks after Number() rather than a regular expression: a large
 * run's report reads tens of millions of cells.
 */
export function decimalLiteral(text: string): number | undefined {
  if (text === '') return undefined;
  const n = Number(text);
  if (Number.isNaN(n)) return undefined;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (!(isDigit(first) || FIRST.has(first)) || !(isDigit(last) || LAST.has(last))) return undefined;
  if (first === DIGIT_0 && text.length > 2 && RADIX.has(text.charCodeAt(1) | 32)) return undefined;
  return n;
}

/** The finite number a decimal text writes, white space around it ignored, or undefined (hex, binary, octal, Infinity, NaN, empty, 1e999). */
export function decimalValue(text: string): number | undefined {
  const n = decimalLiteral(text.trim());
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

/** The integer a text of digits writes, or undefined (5.0, 1e3, 0x10, beyond 2^53 - 1, which would be rounded). */
export function integerValue(text: string): number | undefined {
  const t = text.trim();
  if (!INTEGER.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

export interface NumberRange {
  /** Smallest value accepted (excluded when `above`). */
  readonly min?: number;
  readonly above?: boolean;
  /** Largest value accepted. */
  readonly max?: number;
  /** Why the range is what it is, shown after it in parentheses. */
  readonly why?: string;
  /** parseNumberText also accepts the text `Infinity`, with this meaning (`a number > 0, or Infinity (linear)`). */
  readonly infinity?: string;
}

/** What a range accepts: "an integer in [1, 8]", "an integer >= 1", "a number > 0", "a number > 0, or Infinity (linear)", "a number". */
export function describeRange(kind: 'integer' | 'number', range: NumberRange): string {
  const what = kind === 'integer' ? 'an integer' : 'a number';
  const { min, max } = range;
  const bounds = min !== undefined && max !== undefined ? (range.above ? ` in (${min}, ${max}]` : ` in [${min}, ${max}]`)
    : min !== undefined ? ` ${range.above ? '>' : '>='} ${min}`
      : max !== undefined ? ` <= ${max}` : '';
  return `${what}${bounds}${range.infinity ? `, or Infinity (${range.infinity})` : ''}${range.why ? ` (${range.why})` : ''}`;
}

/** Whether `value` is a number of `kind` (a safe integer, or finite unless `range.infinity`) in `range`: a value already parsed, e.g. from JSON. */
export function fitsRange(kind: 'integer' | 'number', value: unknown, range: NumberRange): value is number {
  if (typeof value !== 'number') return false;
  const kindOk = kind === 'integer' ? Number.isSafeInteger(value) : Number.isFinite(value) || (value === Infinity && range.infinity !== undefined);
  return kindOk && inRange(value, range);
}

function inRange(n: number, range: NumberRange): boolean {
  const { min, max } = range;
  return (min === undefined || (range.above ? n > min : n >= min)) && (max === undefined || n <= max);
}

/** `text` as an integer in `range`; else a ConfigError `field: got "text", expected an integer in [min, max] (why)`. */
export function parseIntegerText(field: string, text: string, range: NumberRange = {}): number {
  const n = integerValue(text);
  if (n === undefined || !inRange(n, range)) {
    const digits = INTEGER.test(text.trim()) ? Number(text.trim()) : undefined;
    throw new ConfigError(`${field}: got ${JSON.stringify(text)}, expected ${describeRange('integer', range)}${unsafeIntegerHint(digits, range)}${digitsHint(text, (v) => inRange(v, range))}`);
  }
  return n;
}

/**
 * ` up to 2^53 - 1 = 9007199254740991 (above it, ...)` when `value` is an integer beyond 2^53 - 1 and `range` names
 * no maximum of its own, else '': "got 1152921504606846976, expected an integer >= 1" alone reads as nonsense.
 */
export function unsafeIntegerHint(value: unknown, range: NumberRange): string {
  const unsafe = range.max === undefined && typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
  return unsafe ? ` up to 2^53 - 1 = ${Number.MAX_SAFE_INTEGER} (above it, numbers no longer hold every integer)` : '';
}

/**
 * `, written in digits (1000)` when `text` is an integer `fits` accepts written otherwise (`1e3`, `5.0`), else '':
 * an integer is digits alone, and "expected an integer" alone reads as nonsense to whoever wrote 1e3.
 */
export function digitsHint(text: string, fits: (n: number) => boolean = () => true): string {
  const n = integerValue(text) === undefined ? decimalValue(text) : undefined;
  return n !== undefined && Number.isSafeInteger(n) && fits(n) ? `, written in digits (${n})` : '';
}

/** `text` as a finite decimal number in `range` (or Infinity where `range.infinity` gives it a meaning); else a ConfigError naming the field, the text and the range. */
export function parseNumberText(field: string, text: string, range: NumberRange = {}): number {
  const n = range.infinity !== undefined && text.trim() === 'Infinity' ? Infinity : decimalValue(text);
  if (n === undefined || !inRange(n, range)) throw new ConfigError(`${field}: got ${JSON.stringify(text)}, expected ${describeRange('number', range)}`);
  return n;
}
