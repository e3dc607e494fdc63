/**
 * A strict RFC 4180 CSV reader for the run folders cosearch writes (csv-stringify output): quoted fields,
 * doubled quotes, CRLF or LF line ends. Anything malformed is a ConfigError naming the file and line,
 * because a report built from a half-parsed file would silently show wrong numbers.
 */
import { ConfigError } from '../../core/errors.js';

export interface CsvTable {
  readonly header: readonly string[];
  /** Data rows, each exactly as long as the header. */
  readonly rows: readonly (readonly string[])[];
  /** True when a last record cut off by a kill (short, no final newline) was dropped. */
  readonly truncatedTail: boolean;
}

export function parseCsv(text: string, file: string): CsvTable {
  const records: string[][] = [];
  const recordLines: number[] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let fieldWasQuoted = false;
  let line = 1;
  let recordStartLine = 1;
  const endField = (): void => {
    record.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = (): void => {
    endField();
    // A blank line (one empty unquoted field) is not a record.
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      recordLines.push(recordStartLine);
    }
    record = [];
    recordStartLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '' || fieldWasQuoted) throw new ConfigError(`${file}: line ${line}: a quote inside an unquoted field, expected RFC 4180 CSV`);
      inQuotes = true;
      fieldWasQuoted = true;
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else {
      if (fieldWasQuoted) throw new ConfigError(`${file}: line ${line}: text after a closing quote, expected RFC 4180 CSV`);
      field += c;
    }
  }
  const unterminated = field !== '' || record.length > 0 || fieldWasQuoted || inQuotes;
  // A run killed mid-append leaves its last record without a newline and short of fields (or inside a
  // quote): that record never counted, as `cosearch search --resume` also treats it.
  let truncatedTail = false;
  if (unterminated && records.length > 0 && (inQuotes || record.length + 1 < records[0].length)) {
    truncatedTail = true;
  } else {
    if (inQuotes) throw new ConfigError(`${file}: line ${recordStartLine}: a quoted field is never closed, expected RFC 4180 CSV`);
    if (unterminated) endRecord();
  }
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
  return { header, rows, truncatedTail };
}
