/**
 * What a run's manifest vouches for in its evaluations.csv (manifest `evaluationsDigest`): the number of data rows
 * the search had durably written at that manifest write, and the byte length and sha256 of the file up to the end
 * of the last of them (header included). The log keeps a running hash over the bytes it appends (never re-reading
 * the file); --resume hashes the file's first `bytes` in the one read that checks its cells (LogReadDigest below)
 * and refuses a prefix that is shorter or differs; report, pick and pareto note one.
 */
import { createHash, type Hash } from 'node:crypto';
import { MANIFEST_JSON, readFileRange } from './files.js';

/** The manifest's record of the log: `rows` data rows, the file's first `bytes` bytes, their sha256 (hex). */
export interface LogDigest {
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** The running sha256 and record count of a log's bytes, from its first byte (the header's) to the last appended. */
export class RunningDigest {
  private readonly hash: Hash = createHash('sha256');
  /** Records (the header's included) and bytes hashed so far. */
  private records = 0;
  private length = 0;
  /** Inside a quoted field (recordEnds). */
  private quoted = false;

  /** Hash `content`, the bytes just appended (or read back) after those hashed so far. */
  add(content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.hash.update(bytes);
    this.length += bytes.length;
    const ends = recordEnds(bytes, this.quoted);
    this.records += ends.records;
    this.quoted = ends.quoted;
  }

  /** Data rows (records after the header) hashed so far. */
  get rows(): number {
    return Math.max(0, this.records - 1);
  }

  get bytes(): number {
    return this.length;
  }

  /** An independent copy that hashes on from here (this one's state unchanged). */
  copy(): RunningDigest {
    const other = new RunningDigest();
    Object.assign(other, { hash: this.hash.copy(), records: this.records, length: this.length, quoted: this.quoted });
    return other;
  }

  /** What a manifest written now vouches for (the hash goes on). */
  digest(): LogDigest {
    return { rows: this.rows, bytes: this.length, sha256: this.hash.copy().digest('hex') };
  }
}

/**
 * Records ended in `bytes` by a line feed outside a quoted field (records end only outside one: a quoted cell may hold
 * a line feed; a doubled quote inside one toggles twice), `quoted`: whether `bytes` starts inside one; and whether it ends inside one.
 */
export function recordEnds(bytes: Uint8Array, quoted = false): { records: number; quoted: boolean } {
  const view = asBuffer(bytes);
  if (!quoted && !view.includes(QUOTE)) return { records: count(view, NEWLINE), quoted };
  let records = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if (b === NEWLINE && !quoted) records++;
  }
  return { records, quoted };
}

/**
 * `bytes` as a Buffer over the same memory (no copy): Buffer's includes and indexOf search with memchr, a plain
 * Uint8Array's element by element (~30x slower; on a warm 40k-row grid run, ~70 ms of the main thread's ~95 ms).
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** How many times `byte` occurs in `bytes` (Buffer indexOf: native, the common case of rows without a quoted cell). */
function count(bytes: Buffer, byte: number): number {
  let n = 0;
  for (let at = bytes.indexOf(byte); at !== -1; at = bytes.indexOf(byte, at + 1)) n++;
  return n;
}

/** Why a log's first `vouched.bytes` bytes are not what the search wrote: `short` (cut), `differs` (edited, or another file). */
export type PrefixProblem = { readonly kind: 'short'; readonly rows: number } | { readonly kind: 'differs' };

/**
 * The digest of a log taken in the one read that checks its cells (streamCsvFile's `onBytes`): the first
 * `vouched.bytes` bytes are hashed as they come, their digest kept once they are all read, and the rest hashed up to
 * the end of the records complete so far (a torn last record, dropped by a resume, is never hashed). Holds the bytes
 * read since the last complete record past the vouched prefix (a record or so), never the file.
 */
export class LogReadDigest {
  private readonly running = new RunningDigest();
  /** Copies of the bytes read but not hashed yet: the file's [running.bytes, fed). */
  private held: Uint8Array[] = [];
  private fed = 0;
  /** The digest of the file's first vouched.bytes bytes, once they are read, and the running digest as it was there. */
  private prefix: LogDigest | undefined;
  private atPrefix: RunningDigest | undefined;

  /** `vouched`: what the run's manifest vouches for (its evaluationsDigest); undefined when it has none. */
  constructor(private readonly vouched: LogDigest | undefined) {}

  /** `bytes`: the next bytes of the file (a view, valid only during the call); `complete`: where the complete records read so far end. */
  read(bytes: Uint8Array, complete: number): void {
    const start = this.fed;
    this.fed += bytes.length;
    if (this.vouched && this.prefix === undefined) {
      this.hashTo(Math.min(this.vouched.bytes, this.fed), bytes, start);
      if (this.running.bytes === this.vouched.bytes) {
        this.prefix = this.running.digest();
        this.atPrefix = this.running.copy();
      }
    }
    this.hashTo(Math.min(complete, this.fed), bytes, start);
    if (this.running.bytes < this.fed) this.held.push(Uint8Array.prototype.slice.call(bytes, Math.max(0, this.running.bytes - start)));
  }

  /** Once the file is read: why its vouched prefix is not what the search wrote (undefined: it is, or nothing is vouched). */
  problem(): PrefixProblem | undefined {
    const { vouched, prefix } = this;
    if (!vouched) return undefined;
    // Short: every byte read lies in the vouched prefix, so was hashed, and `rows` counts the file's complete rows.
    if (!prefix) return { kind: 'short', rows: this.running.rows };
    return prefix.sha256 !== vouched.sha256 || prefix.rows !== vouched.rows ? { kind: 'differs' } : undefined;
  }

  /**
   * streamCsvFile's `onBytes` when a prefix is vouched for (`cosearch report` and `pareto` hash nothing otherwise; a
   * resumed log always hashes, to continue its running digest).
   */
  streamOptions(): { onBytes?: (bytes: Uint8Array, complete: number) => void } {
    return this.vouched ? { onBytes: (bytes, complete) => this.read(bytes, complete) } : {};
  }

  /** Once the file is read: the readers' note (prefixNote) when its vouched prefix is not what the search wrote. */
  note(csvPath: string): string | undefined {
    const problem = this.problem();
    return this.vouched && problem ? prefixNote(csvPath, this.vouched, problem) : undefined;
  }

  /** The running digest of the file's first `completeBytes` bytes (where its complete records end), from which a resumed log hashes on. */
  through(completeBytes: number): RunningDigest {
    this.hashTo(completeBytes, new Uint8Array(0), this.fed);
    // More hashed than that only when the vouched prefix ends inside a torn record: a prefix that differs, refused first.
    if (this.running.bytes !== completeBytes) throw new Error(`internal: ${this.running.bytes} bytes of the log hashed, expected ${completeBytes}`);
    return this.running;
  }

  /** The running digest of the vouched prefix alone, from which a log cut back to it hashes on (once problem() found none). */
  throughPrefix(): RunningDigest {
    if (!this.atPrefix) throw new Error('internal: the vouched prefix was not read');
    return this.atPrefix;
  }

  /** Hash the held bytes, then `chunk` (the file's bytes from `chunkStart`), up to the file's byte `end`. */
  private hashTo(end: number, chunk: Uint8Array, chunkStart: number): void {
    while (this.held.length > 0 && this.running.bytes < end) {
      const piece = this.held[0];
      const take = Math.min(piece.length, end - this.running.bytes);
      this.running.add(piece.subarray(0, take));
      if (take === piece.length) this.held.shift();
      else this.held[0] = piece.subarray(take);
    }
    if (this.running.bytes < end) this.running.add(chunk.subarray(this.running.bytes - chunkStart, end - chunkStart));
  }
}

/**
 * The readers' note for a log read whole as `text` (`cosearch pick`, whose whole-file reader drops a leading BOM: the
 * rows it reads are compared, re-encoded, not the file's bytes).
 */
export function textPrefixNote(csvPath: string, text: string, vouched: LogDigest | undefined): string | undefined {
  const digest = new LogReadDigest(vouched);
  digest.read(Buffer.from(text, 'utf8'), 0);
  return digest.note(csvPath);
}

/**
 * Why the log at `path` does not start with the bytes `vouched` records (undefined: it does): its first
 * `vouched.bytes` bytes hashed, nothing parsed (a completed run's --resume, which replays nothing).
 */
export function vouchedPrefixProblem(path: string, vouched: LogDigest): PrefixProblem | undefined {
  const digest = new LogReadDigest(vouched);
  readFileRange(path, 0, vouched.bytes, (bytes) => digest.read(bytes, 0));
  return digest.problem();
}

/** What is wrong with a log whose vouched prefix has `problem`, in the words of --resume's refusal and the readers' note. */
export function prefixProblemText(vouched: LogDigest, problem: PrefixProblem): string {
  const left = problem.kind === 'short' ? problem.rows : vouched.rows;
  if (left < vouched.rows) return `holds ${left} complete rows but its ${MANIFEST_JSON} vouches for ${vouched.rows} as the search wrote them (the file was cut short)`;
  const range = vouched.rows === 0 ? `header, which its ${MANIFEST_JSON} vouches for, differs` : `header and rows 1-${vouched.rows}, which its ${MANIFEST_JSON} vouches for, differ`;
  return `its ${range} from what the search wrote (the file was edited or replaced)`;
}

/**
 * The note of `cosearch report`, `pick` and `pareto` (stderr; they read the rows as they are, and refuse nothing) when
 * the log at `csvPath` holds other bytes than its manifest vouches for: so a user knows the front may hold edited rows.
 */
export function prefixNote(csvPath: string, vouched: LogDigest, problem: PrefixProblem): string {
  return `${csvPath}: ${prefixProblemText(vouched, problem)}; its rows are read as they are (a --resume of the run refuses them)`;
}
