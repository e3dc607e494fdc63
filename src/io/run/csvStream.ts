/**
 * A run CSV read a chunk at a time (the CsvParser of csvParse.ts fed 1 MiB at a time): memory stays that of one
 * chunk plus what the caller keeps, whatever the file's size, so `--resume` and `cosearch report` of a
 * 400k-evaluation run do not hold its text, its rows or its records (docs/reports.md). Same checks as the
 * whole-file reader (readCsvText): a regular UTF-8 file, RFC 4180, every row as long as the header, no column
 * twice, a last record cut off by a kill dropped. No size limit: nothing grows with the file.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigError, ioReason } from '../../core/index.js';
import { CsvParser, type CsvTail } from './csvParse.js';

const CHUNK_BYTES = 1024 * 1024;

export interface CsvStreamOptions {
  /** What the file is, for messages ("evaluations log", "run file"). */
  readonly what: string;
  readonly tail?: CsvTail;
  /** Read no further than this many bytes (a log being appended to while it is read back). */
  readonly endBytes?: number;
  /** Bytes per read (tests use tiny ones to cut records anywhere). */
  readonly chunkBytes?: number;
  /**
   * Given each read's raw bytes (a view, valid only during the call) and where the records complete so far end,
   * once the read is parsed: what hashes the file in this one read (integrity.ts LogReadDigest).
   */
  readonly onBytes?: (bytes: Uint8Array, complete: number) => void;
}

export interface CsvStreamResult {
  readonly header: readonly string[];
  /** Data rows read (the dropped tail not counted). */
  readonly rows: number;
  readonly truncatedTail: boolean;
  /** Bytes of the file the header and the rows cover (a dropped tail starts here). */
  readonly completeBytes: number;
  /** Whether the file starts with a UTF-8 byte-order mark (dropped from the text). */
  readonly bom: boolean;
  /** The line of the first record ended by \r (CRLF line ends), undefined when every line ends in \n alone. */
  readonly crLine: number | undefined;
}

/**
 * Reads `path`: `onHeader(header)` once, then `onRow(cells, row, line)` per data row in file order (row counts
 * from 1, line is where the record starts). Throws a ConfigError naming the file and line for anything malformed.
 */
export function streamCsvFile(
  path: string,
  onHeader: (header: readonly string[]) => void,
  onRow: (cells: readonly string[], row: number, line: number) => void,
  options: CsvStreamOptions,
): CsvStreamResult {
  let header: string[] | undefined;
  let rows = 0;
  // Problems are raised in the whole-file reader's order (malformed text, then a ragged row, then a repeated
  // column, then what the caller finds wrong), so both readers name the same one; after the first problem the
  // rest of the file is only parsed, and the caller sees no more rows.
  let ragged: string | undefined;
  let repeated: string | undefined;
  let failed: { error: unknown } | undefined;
  const deliver = (call: () => void): void => {
    if (ragged !== undefined || repeated !== undefined || failed) return;
    try {
      call();
    } catch (error) {
      failed = { error };
    }
  };
  const parser = new CsvParser(path, (record, line) => {
    if (!header) {
      header = record;
      const seen = new Set<string>();
      for (const name of record) {
        if (seen.has(name) && repeated === undefined) repeated = `${path}: header: column "${name}" appears twice`;
        seen.add(name);
      }
      deliver(() => onHeader(record));
      return;
    }
    if (record.length !== header.length) ragged ??= `${path}: line ${line}: got ${record.length} fields, expected ${header.length} (as in the header)`;
    deliver(() => onRow(record, ++rows, line));
  });
  const text = new FileText(path, options);
  for (let chunk = text.next(); chunk !== undefined; chunk = text.next()) {
    parser.push(chunk);
    // The record in progress, and a character the read cut, are not complete yet.
    options.onBytes?.(text.lastRead, text.bytes - text.carried - parser.pendingBytes);
  }
  const bytes = text.bytes;
  const end = parser.end(options.tail);
  if (!header) throw new ConfigError(`${path}: the file is empty, expected a header row`);
  if (ragged !== undefined) throw new ConfigError(ragged);
  if (repeated !== undefined) throw new ConfigError(repeated);
  if (failed) throw failed.error;
  const completeBytes = bytes - Buffer.byteLength(end.tailText, 'utf8');
  return { header, rows, truncatedTail: end.truncatedTail, completeBytes, bom: text.bom, crLine: parser.firstCrLine };
}

/**
 * A file's text a chunk at a time, from byte 0 to its end (or `endBytes`). Each read opens and closes the file,
 * so a reader that lives as long as a run (the resume cursor) holds no descriptor between reads.
 */
class FileText {
  /** Bytes read so far. */
  bytes = 0;
  /** The raw bytes of the last read (a view of the reused buffer). */
  lastRead: Uint8Array = new Uint8Array(0);
  private finished = false;
  // fatal: a binary file is refused rather than decoded to replacement characters. ignoreBOM: each chunk is decoded
  // on its own (see decode), so the file's leading BOM is dropped there, and a U+FEFF inside the file is kept.
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly buffer: Buffer;
  /** The bytes of a character cut by the end of the last chunk (copied: the buffer is reused). */
  private carry: Uint8Array = new Uint8Array(0);
  /** Whether any text has been returned yet (a leading BOM is dropped from the first). */
  private started = false;
  /** Whether the file started with a BOM (dropped). */
  bom = false;

  constructor(private readonly path: string, private readonly options: CsvStreamOptions) {
    this.buffer = Buffer.allocUnsafe(options.chunkBytes ?? CHUNK_BYTES);
  }

  next(): string | undefined {
    if (this.finished) return undefined;
    const want = Math.min(this.buffer.length, (this.options.endBytes ?? Infinity) - this.bytes);
    const n = want > 0 ? this.read(want) : 0;
    if (n === 0) this.finished = true;
    this.bytes += n;
    this.lastRead = this.buffer.subarray(0, n);
    return this.decode(this.buffer.subarray(0, n), n > 0);
  }

  private read(want: number): number {
    const { path, options: { what } } = this;
    let fd: number;
    try {
      // O_NONBLOCK: a FIFO does not make the open wait for a writer (it is refused just below).
      fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      throw new ConfigError(`${what} ${path}: ${ioReason(error)}`);
    }
    try {
      if (!fstatSync(fd).isFile()) throw new ConfigError(`${what} ${path}: is not a regular file, expected a regular file`);
      return readSync(fd, this.buffer, 0, want, this.bytes);
    } catch (error) {
      throw error instanceof ConfigError ? error : new ConfigError(`${what} ${path}: ${ioReason(error)}`);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The chunk's text up to its last whole character; a character the chunk's end cuts waits for the next chunk.
   * Each chunk is decoded whole rather than with { stream: true }, which takes node's slower decoder: 15 MB of
   * evaluations.csv took ~240 ms to decode, ~95 ms now (docs/performance.md, "After the search: the report").
   */
  /** Bytes read but not decoded yet (a character the last read cut). */
  get carried(): number {
    return this.carry.length;
  }

  private decode(part: Uint8Array, stream: boolean): string {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, part]) : part;
    const end = stream ? wholeCharacters(bytes) : bytes.length;
    this.carry = Uint8Array.prototype.slice.call(bytes, end); // a copy (Buffer's own slice is a view)
    let text: string;
    try {
      text = this.decoder.decode(bytes.subarray(0, end));
    } catch {
      throw new ConfigError(`${this.options.what} ${this.path}: not UTF-8 text (a binary file?), expected a text file`);
    }
    if (!this.started && text !== '') {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        this.bom = true;
      }
    }
    return text;
  }
}

/**
 * Bytes of `bytes` up to the start of a UTF-8 sequence its end cuts short (all of them when none is cut). A byte
 * that cannot start a sequence is left in, for the decoder to refuse.
 */
function wholeCharacters(bytes: Uint8Array): number {
  let start = bytes.length - 1;
  // Back over at most 3 continuation bytes (10xxxxxx) to the sequence's first byte.
  while (start >= 0 && start > bytes.length - 4 && (bytes[start] & 0xc0) === 0x80) start--;
  if (start < 0) return bytes.length;
  const lead = bytes[start];
  const length = lead >= 0xf0 && lead <= 0xf7 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + length > bytes.length ? start : bytes.length;
}

/**
 * The data rows of a CSV, pulled one at a time (the resume replay: row i is asked for when the search reaches
 * run index i). Holds one chunk's rows at most. The file's structure is assumed checked by streamCsvFile first.
 */
export class CsvRowCursor {
  private readonly text: FileText;
  private readonly parser: CsvParser;
  private queue: string[][] = [];
  private head = 0;
  private seenHeader = false;
  private ended = false;

  constructor(path: string, private readonly options: CsvStreamOptions) {
    this.text = new FileText(path, options);
    this.parser = new CsvParser(path, (record) => {
      if (this.seenHeader) this.queue.push(record);
      else this.seenHeader = true;
    });
  }

  /** The next data row, or undefined after the last. */
  next(): readonly string[] | undefined {
    while (this.head === this.queue.length) {
      if (this.ended) return undefined;
      this.queue = [];
      this.head = 0;
      const chunk = this.text.next();
      if (chunk === undefined) {
        this.ended = true;
        this.parser.end(this.options.tail);
      } else this.parser.push(chunk);
    }
    return this.queue[this.head++];
  }
}
