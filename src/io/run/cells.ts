/**
 * Number cells of a CSV, read one way by every reader (`cosearch report`, `pick`, `pareto`): what formatNumber writes
 * (shortest round-trip decimals, Infinity), plain decimals from another tool, `NaN`, and an empty cell (NaN). Number()
 * alone also reads what no CSV writer means as a number: a blank or padded cell (" " is 0, " 5" is 5) and hex,
 * octal or binary ("0x10" is 16); those are refused, not read as a silent value.
 */
import { ConfigError, describeValue } from '../../core/index.js';

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const isDigit = (c: number): boolean => c >= DIGIT_0 && c <= DIGIT_9;
/** The characters a number cell may start with (a digit, a sign, a point, Infinity's I) and end with (a digit, a point, Infinity's y). */
const FIRST = new Set([43, 45, 46, 73]);
const LAST = new Set([46, 121]);
/** x, o, b after a leading 0 (lower-cased): Number's hex, octal and binary prefixes. */
const RADIX = new Set([120, 111, 98]);

/**
 * The number a cell holds: NaN for an empty cell or `NaN`, undefined for anything else that is not a number.
 * Character checks rather than a regular expression: a large run's report reads tens of millions of cells.
 */
export function cellNumber(text: string): number | undefined {
  if (text === '') return NaN;
  const n = Number(text);
  if (Number.isNaN(n)) return text === 'NaN' ? NaN : undefined;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (!(isDigit(first) || FIRST.has(first)) || !(isDigit(last) || LAST.has(last))) return undefined;
  if (first === DIGIT_0 && text.length > 2 && RADIX.has(text.charCodeAt(1) | 32)) return undefined;
  return n;
}

/** cellNumber, refusing a cell that is not a number: `<where>: got "0x10", expected a number`. */
export function numberCell(text: string, where: () => string): number {
  const n = cellNumber(text);
  if (n === undefined) throw new ConfigError(`${where()}: got ${describeValue(text)}, expected a number`);
  return n;
}

/** A parameter cell: its number when it holds one (cellNumber, finite), else its text (`sar`). */
export function numberOrText(text: string): number | string {
  const n = cellNumber(text);
  return n !== undefined && Number.isFinite(n) ? n : text;
}

/** A cell in a message: `an empty cell`, else the cell quoted (`"NaN"`), so an empty cell and NaN are told apart. */
export function describeCell(text: string): string {
  return text === '' ? 'an empty cell' : describeValue(text);
}
