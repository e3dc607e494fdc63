/**
 * CSV for evaluations and fronts: reproducible number formatting, writing through csv-stringify, and a small
 * RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes) that can tell a truncated last record.
 */
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | undefined;

/**
 * Numbers in JavaScript's shortest round-trip form (ECMAScript Number::toString, identical on every
 * platform), so a value read back from the CSV is the exact double that was written; -0 as 0, NaN as empty.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '';
  if (Object.is(n, -0)) return '0';
  return String(n);
}

/** One cell as text: booleans as true/false (csv-stringify would write 1 / empty), undefined as empty. */
export function formatCell(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/** Rows (cells in column order) as CSV text, each line ending in \n; with the header line first if given. */
export function toCsv(rows: readonly (readonly Cell[])[], header?: readonly string[]): string {
  const records = rows.map((row) => row.map(formatCell));
  return stringify(header ? [[...header], ...records] : records, { eof: true, record_delimiter: 'unix' });
}

export interface ParsedCsv {
  readonly header: string[];
  readonly records: string[][];
  /** Characters of the text covered by complete records (a truncated tail starts here). */
  readonly completeLength: number;
  /** True when text after the last complete record was ignored. */
  readonly truncated: boolean;
}

/**
 * Parse CSV text. A record counts only when its line ends (\n or \r\n, outside quotes); an unterminated tail
 * is a record cut off by a kill and is reported as `truncated` (unless `acceptUnterminated`, for files from
 * other tools whose last line has no newline).
 */
export function parseCsv(text: string, options: { acceptUnterminated?: boolean } = {}): ParsedCsv {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let completeLength = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (c === '\r') i++;
      completeLength = i + 1;
    } else {
      field += c;
    }
    i++;
  }
  let truncated = completeLength < text.length;
  if (truncated && options.acceptUnterminated && !inQuotes) {
    record.push(field);
    records.push(record);
    completeLength = text.length;
    truncated = false;
  }
  const [header = [], ...rest] = records;
  return { header, records: rest, completeLength, truncated };
}
