/**
 * CSV for evaluations and fronts: reproducible number formatting, writing through csv-stringify, and the one
 * reader every run-folder consumer uses (resume, report, pareto): RFC 4180 (quoted fields, doubled quotes,
 * newlines inside quotes, CRLF or LF), strict, because a half-parsed file would silently show wrong numbers.
 * Anything malformed is a ConfigError naming the file and line.
 */
import { stringify } from 'csv-stringify/sync';
import { ConfigError, INPUT_LIMITS_BYTES, readInputText } from '../../core/index.js';
import { CsvParser, type CsvTail } from './csvParse.js';

export type Cell = string | number | boolean | undefined;

/**
 * Numbers in JavaScript's shortest round-trip form (ECMAScript Number::toString, identical on every
 * platform), so a value read back from the CSV is the exact double that was written; -0 as 0, NaN as empty.
 * A finite number goes through JSON.stringify, which ECMA-262 defines as that same ToString (SerializeJSONProperty:
 * a finite Number serializes as ! ToString(value)) but which V8 writes into a fresh string: String(n) puts each
 * result into V8's number-to-string cache, so every text a search's worker formatted (~6.6 new ones a row) outlived
 * the next scavenge and was promoted to the old generation (~12 MB per 40k-row pass, a mark-compact every few
 * searches, scavenges of 2-14 ms instead of ~1; 2026-12-07).
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '';
  if (Object.is(n, -0)) return '0';
  return Number.isFinite(n) ? JSON.stringify(n) : String(n);
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

/** A field that csv-stringify (default options, unix record delimiter) quotes: it holds a comma, a quote or a line feed (not a lone carriage return). */
const NEEDS_QUOTES = /[",\n]/;

/** One already formatted field as toCsv writes it: quoted (quotes doubled) only when it must be. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One row as a CSV line (with its \n), byte for byte what toCsv writes for it, without csv-stringify's
 * per-record machinery: the evaluation log writes tens of thousands of rows a second.
 */
export function csvLine(row: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    const text = typeof cell === 'number' ? formatNumber(cell) : cell === undefined ? '' : typeof cell === 'boolean' ? (cell ? 'true' : 'false') : csvField(cell);
    line += i === 0 ? text : `,${text}`;
  }
  return `${line}\n`;
}

export interface CsvTable {
  readonly header: readonly string[];
  /** Data rows, each exactly as long as the header. */
  readonly rows: readonly (readonly string[])[];
  /** True when a last record cut off by a kill was dropped. */
  readonly truncatedTail: boolean;
  /** Characters of the text the header and the rows cover (a dropped tail starts here). */
  readonly completeLength: number;
}

export interface CsvReadOptions {
  /**
   * A last record without a line end: `complete` (the default) keeps it when it has every field (a file from
   * another tool) and drops it as cut off when it is short of fields or inside a quote; `drop` always drops it
   * (an append-only log, where every record cosearch wrote ends in a newline).
   */
  readonly tail?: CsvTail;
}

/** Parse CSV text (`file` names it in errors). Blank lines are not records; the header may not repeat a column. */
export function readCsvText(text: string, file: string, options: CsvReadOptions = {}): CsvTable {
  const records: string[][] = [];
  const recordLines: number[] = [];
  const parser = new CsvParser(file, (record, line) => {
    records.push(record);
    recordLines.push(line);
  });
  parser.push(text);
  const { truncatedTail, tailText } = parser.end(options.tail);
  const completeLength = text.length - tailText.length;
  if (records.length === 0) throw new ConfigError(`${file}: the file is empty, expected a header row`);
  const [header, ...rows] = records;
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== header.length) {
      throw new ConfigError(`${file}: line ${recordLines[r + 1]}: got ${rows[r].length} fields, expected ${header.length} (as in the header)`);
    }
  }
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new ConfigError(`${file}: header: column "${name}" appears twice`);
    seen.add(name);
  }
  return { header, rows, truncatedTail, completeLength };
}

/** A table's rows as column -> text maps, in file order. */
export function csvRecords(table: Pick<CsvTable, 'header' | 'rows'>): Record<string, string>[] {
  return table.rows.map((cells) => Object.fromEntries(table.header.map((c, j) => [c, cells[j]])));
}

/**
 * Read any evaluations-style CSV (header + records, e.g. from another tool) as column -> text maps, through the
 * safe-input layer (a regular file, at most the CSV size limit, UTF-8 with a leading BOM dropped); `what` names
 * the file in its refusals (`run file results/x/evaluations.csv: is a FIFO (named pipe), expected a regular file`).
 */
export function readCsvFile(path: string, what = 'CSV'): { columns: string[]; records: Record<string, string>[] } {
  const table = readCsvText(readInputText(path, { what, maxBytes: INPUT_LIMITS_BYTES.csv }), path);
  return { columns: [...table.header], records: csvRecords(table) };
}

/** The reader's result in the shape the library API and the tests use (records as arrays, `truncated`). */
export interface ParsedCsv {
  readonly header: string[];
  readonly records: string[][];
  /** Characters of the text covered by complete records (a truncated tail starts here). */
  readonly completeLength: number;
  /** True when text after the last complete record was ignored. */
  readonly truncated: boolean;
}

/**
 * Parse CSV text with the run reader. An unterminated last record counts as cut off by a kill and is reported as
 * `truncated` (unless `acceptUnterminated`, for files from other tools whose last line has no newline).
 */
export function parseCsv(text: string, options: { acceptUnterminated?: boolean } = {}): ParsedCsv {
  const table = readCsvText(text, 'CSV text', { tail: options.acceptUnterminated ? 'complete' : 'drop' });
  return { header: [...table.header], records: table.rows.map((r) => [...r]), completeLength: table.completeLength, truncated: table.truncatedTail };
}

/**
 * Metric cells of one evaluations row as CSV text (comma-separated, no line end), in `names` order: what csvLine
 * writes for them (a missing metric as an empty cell). Backends call it next to the evaluation, off the engine's thread.
 */
export function metricCells(metrics: Readonly<Record<string, unknown>> | undefined, names: readonly string[]): string {
  let text = '';
  for (let i = 0; i < names.length; i++) {
    const v = metrics?.[names[i]];
    const cell = typeof v === 'number' ? formatNumber(v) : v === undefined ? '' : typeof v === 'string' || typeof v === 'boolean' ? formatCell(v) : String(v);
    if (i > 0) text += ',';
    text += typeof v === 'string' ? csvField(cell) : cell;
  }
  return text;
}
