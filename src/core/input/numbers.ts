/**
 * Numbers written as text (command-line options, `--set path=value`, COSEARCH_* variables): plain decimal only.
 * JavaScript's Number() also reads "0x10", "0b11", "0o7", "Infinity", and "" or "  " as 0, so `--workers 0x2` ran
 * with 2 workers and `--budget ''` with 0; here they are refused. Accepted: an optional sign, digits with an optional
 * fraction (`5`, `-5`, `+5`, `5.`, `.5`, `5.25`) and an optional exponent (`1e-3`, `2.5E6`); white space around the
 * text is ignored. An integer is written in digits alone (`1e3` and `5.0` are refused where one is expected). JSON
 * and YAML values keep their own grammar: these parse text only.
 */
import { ConfigError } from '../errors.js';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** The finite number a decimal text writes, or undefined (hex, binary, octal, Infinity, NaN, empty, 1e999). */
export function decimalValue(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
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
}

/** What a range accepts: "an integer in [1, 8]", "an integer >= 1", "a number > 0", "a number". */
export function describeRange(kind: 'integer' | 'number', range: NumberRange): string {
  const what = kind === 'integer' ? 'an integer' : 'a number';
  const { min, max } = range;
  const bounds = min !== undefined && max !== undefined ? (range.above ? ` in (${min}, ${max}]` : ` in [${min}, ${max}]`)
    : min !== undefined ? ` ${range.above ? '>' : '>='} ${min}`
      : max !== undefined ? ` <= ${max}` : '';
  return `${what}${bounds}${range.why ? ` (${range.why})` : ''}`;
}

function inRange(n: number, range: NumberRange): boolean {
  const { min, max } = range;
  return (min === undefined || (range.above ? n > min : n >= min)) && (max === undefined || n <= max);
}

/** `text` as an integer in `range`; else a ConfigError `field: got "text", expected an integer in [min, max] (why)`. */
export function parseIntegerText(field: string, text: string, range: NumberRange = {}): number {
  const n = integerValue(text);
  if (n === undefined || !inRange(n, range)) throw new ConfigError(`${field}: got ${JSON.stringify(text)}, expected ${describeRange('integer', range)}`);
  return n;
}

/** `text` as a finite decimal number in `range`; else a ConfigError naming the field, the text and the range. */
export function parseNumberText(field: string, text: string, range: NumberRange = {}): number {
  const n = decimalValue(text);
  if (n === undefined || !inRange(n, range)) throw new ConfigError(`${field}: got ${JSON.stringify(text)}, expected ${describeRange('number', range)}`);
  return n;
}
