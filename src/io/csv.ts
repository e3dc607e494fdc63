/**
 * Moved to src/io/run/csv.ts (the one CSV writer and reader); kept for src/search/engine.ts and tests until they
 * import from there. parseCsv is the run reader's result in its older shape (records, truncated).
 */
import { readCsvText } from './run/csv.js';

export { formatNumber, formatCell, toCsv, type Cell } from './run/csv.js';

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
