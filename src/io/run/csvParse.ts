/**
 * The one RFC 4180 parser of the run reader (quoted fields, doubled quotes, newlines inside quotes, CRLF or LF),
 * incremental: text is pushed in chunks of any size (a whole file, or 1 MiB at a time from a stream) and each
 * record is handed over as soon as its line ends, so a reader can keep what it needs of a 400k-row CSV and drop
 * the rest. A chunk may end anywhere: inside a field, between a quote and its double, between \r and \n.
 */
import { ConfigError } from '../../core/index.js';

/** What to do with a last record that has no line end (see CsvReadOptions in csv.ts). */
export type CsvTail = 'complete' | 'drop';

export interface CsvEnd {
  /** True when a last record cut off by a kill was dropped. */
  readonly truncatedTail: boolean;
  /** The raw text after the last complete record ('' unless truncatedTail): its length tells where the complete records end. */
  readonly tailText: string;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  private fieldWasQuoted = false;
  /** A quote inside a quoted field was the last character seen: the next one says whether it was doubled. */
  private quotePending = false;
  /** A \r ended the last record: a \n right after it belongs to the same line end. */
  private skipLf = false;
  private line = 1;
  private recordStartLine = 1;
  /** Raw text of the record in progress, from earlier chunks. */
  private pending = '';
  private records = 0;
  private headerLength = 0;
  /** The line of the first record a \r ended (CRLF or CR line ends; undefined when every line ends in \n alone). */
  firstCrLine: number | undefined;

  /** `onRecord(fields, line)`: every record in file order (the header first), with the line it starts on. */
  constructor(private readonly file: string, private readonly onRecord: (fields: string[], line: number) => void) {}

  /** UTF-8 bytes of the text pushed since the last record ended (the record in progress). */
  get pendingBytes(): number {
    return Buffer.byteLength(this.pending, 'utf8');
  }

  push(text: string): void {
    let start = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (code === LF) {
          start = i + 1;
          continue;
        }
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (code === QUOTE) {
          this.field += '"';
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (code === QUOTE) this.quotePending = true;
        else {
          if (code === LF) this.line++;
          this.field += text[i];
        }
        continue;
      }
      if (code === QUOTE) {
        if (this.field !== '' || this.fieldWasQuoted) throw new ConfigError(`${this.file}: line ${this.line}: a quote inside an unquoted field, expected RFC 4180 CSV`);
        this.inQuotes = true;
        this.fieldWasQuoted = true;
      } else if (code === COMMA) this.endField();
      else if (code === LF || code === CR) {
        if (code === CR) this.firstCrLine ??= this.recordStartLine;
        this.line++;
        this.endRecord();
        this.skipLf = code === CR;
        this.pending = '';
        start = i + 1;
      } else {
        if (this.fieldWasQuoted) throw new ConfigError(`${this.file}: line ${this.line}: text after a closing quote, expected RFC 4180 CSV`);
        // The rest of an unquoted field in one slice (a character at a time would build the string n times).
        let j = i + 1;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === QUOTE || c === LF || c === CR) break;
        }
        this.field += text.slice(i, j);
        i = j - 1;
      }
    }
    this.pending += text.slice(start);
  }

  /**
   * The end of the text: a last record without a line end is kept when complete (or dropped as cut off by a kill,
   * see CsvTail); an open quote that swallowed line breaks is a malformed file unless the tail is dropped.
   */
  end(tail: CsvTail = 'complete'): CsvEnd {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    const unterminated = this.field !== '' || this.record.length > 0 || this.fieldWasQuoted || this.inQuotes;
    if (this.inQuotes && tail !== 'drop' && this.field.includes('\n')) {
      throw new ConfigError(`${this.file}: line ${this.recordStartLine}: a quoted field is never closed, expected RFC 4180 CSV`);
    }
    if (unterminated && this.records > 0 && (tail === 'drop' || this.inQuotes || this.record.length + 1 < this.headerLength)) {
      return { truncatedTail: true, tailText: this.pending };
    }
    if (this.inQuotes) throw new ConfigError(`${this.file}: line ${this.recordStartLine}: a quoted field is never closed, expected RFC 4180 CSV`);
    if (unterminated) this.endRecord();
    this.pending = '';
    return { truncatedTail: false, tailText: '' };
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.fieldWasQuoted = false;
  }

  private endRecord(): void {
    this.endField();
    const record = this.record;
    const line = this.recordStartLine;
    this.record = [];
    this.recordStartLine = this.line;
    // A blank line (one empty unquoted field) is not a record.
    if (record.length === 1 && record[0] === '') return;
    if (this.records++ === 0) this.headerLength = record.length;
    this.onRecord(record, line);
  }
}
