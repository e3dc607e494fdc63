/**
 * Number cells of a CSV, read one way by every reader (`cosearch report`, `pick`, `pareto`): what formatNumber writes
 * (shortest round-trip decimals, Infinity), plain decimals from another tool, `NaN` (and other tools' `nan`, `NA`,
 * `inf`, `-Inf`), and an empty cell (NaN), in the
 * decimal grammar of numbers as text (src/core/input/numbers.ts decimalLiteral). Number()
 * alone also reads what no CSV writer means as a number: a blank or padded cell (" " is 0, " 5" is 5) and hex,
 * octal or binary ("0x10" is 16); those are refused, not read as a silent value.
 */
import { ConfigError, decimalLiteral, describeValue } from '../../core/index.js';

/**
 * How other tools write a missing value or an infinity in a CSV (`cosearch pareto` reads any evaluations CSV): Python
 * and numpy `nan`, `inf`, `-inf`; R `NA`, `Inf`, `-Inf`; Julia and MATLAB `NaN`, `Inf`. Compared lower-cased.
 */
const SPELLED: ReadonlyMap<string, number> = new Map([
  ['nan', NaN], ['na', NaN],
  ['inf', Infinity], ['+inf', Infinity], ['infinity', Infinity], ['+infinity', Infinity],
  ['-inf', -Infinity], ['-infinity', -Infinity],
]);

/**
 * The number a cell holds: NaN for an empty cell or a missing-value spelling (`NaN`, `nan`, `NA`), an infinity as
 * another tool spells it (`inf`, `-Inf`), else the decimal literal's number (src/core/input/numbers.ts), undefined
 * for anything else.
 */
export function cellNumber(text: string): number | undefined {
  if (text === '' || text === 'NaN') return NaN;
  return decimalLiteral(text) ?? (text.length <= 9 ? SPELLED.get(text.toLowerCase()) : undefined);
}

/**
 * Where a cell is, as every CSV reader names it (report, pick, pareto, --resume): `<file>: row 4: energy_uJ`, rows
 * counted from 1 after the header (row 4 is the file's line 5 when no cell holds a line break).
 */
export function cellPlace(file: string, row: number, column: string): string {
  return `${file}: row ${row}: ${column}`;
}

/** cellNumber, refusing a cell that is not a number: `<where>: got "0x10", expected a number`. */
export function numberCell(text: string, where: () => string): number {
  const n = cellNumber(text);
  if (n === undefined) throw new ConfigError(`${where()}: got ${describeValue(text)}, expected a number`);
  return n;
}

/**
 * A true/false cell (`feasible`), read one way by report, pick and pareto: `true` / `false` in any case (pandas writes
 * `True` / `False`), `1` / `0` / empty (csv-stringify's booleans); anything else is refused:
 * `<where>: got "maybe", expected one of true, false, 1, 0 (true and false in any case; empty is false)`.
 */
export function booleanCell(text: string, where: () => string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0' || t === '') return false;
  throw new ConfigError(`${where()}: got ${describeValue(text)}, expected one of true, false, 1, 0 (true and false in any case; empty is false)`);
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

/**
 * What is wrong with the index of data row `row` of a run's evaluations.csv (undefined when nothing): the search writes
 * indices 0, 1, 2, ... in file order (--resume replays row r as run index r - 1), so row r holds r - 1. One check
 * for report and pick (pareto warns with it when its CSV has an index column): a repeated row and a missing one.
 */
export function runIndexProblem(row: number, cell: string): string | undefined {
  const expected = row - 1;
  if (cell === String(expected)) return undefined;
  const index = cellNumber(cell);
  if (index === undefined || !Number.isInteger(index) || index < 0) return `row ${row}: index: got ${describeCell(cell)}, expected ${expected}`;
  if (index < expected) return `row ${row}: index ${index} appears twice, expected one row per evaluation`;
  const missing = index - 1 > expected ? `indices ${expected} to ${index - 1} are` : `index ${expected} is`;
  return `row ${row}: index ${index}, expected ${expected} (the row${index - 1 > expected ? 's' : ''} of ${missing} missing), expected one row per evaluation in run order`;
}
