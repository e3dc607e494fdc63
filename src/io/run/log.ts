/** The evaluations log of a run (evaluations.csv): created with its header, appended batch by batch, reopened by --resume. */
import { existsSync, statSync, truncateSync } from 'node:fs';
import { ConfigError, INPUT_LIMITS_BYTES, readInputText } from '../../core/index.js';
import { csvLine, toCsv, type Cell } from './csv.js';
import { streamCsvFile } from './csvStream.js';
import { appendBytes, appendText, MANIFEST_JSON, readFileRange, syncInBackground, writeFileAtomic } from './files.js';
import { LogReadDigest, recordEnds, RunningDigest, type LogDigest, type PrefixProblem } from './integrity.js';

/** Longest time appended rows stay without an fsync (a killed process loses nothing either way; see files.ts). */
const SYNC_INTERVAL_MS = 1000;
/**
 * Bytes appended after which the log starts writing them to the disk in the background (syncInBackground), so the
 * synchronous fsyncs (once a second, and the run's last) find little left to write: a 40k-row grid's 26 MB made its
 * last fsync ~13 ms with every worker idle (2026-12-07).
 */
const BACKGROUND_SYNC_BYTES = 4 * 2 ** 20;

export class EvaluationLog {
  /** When the log was last fsync'd (performance.now(), ms). */
  private syncedAt = performance.now();
  /** Whether bytes were appended (or read back by a resume) since the last fsync. */
  private unsynced: boolean;
  /** A resume's rows past the vouched prefix, cut from the file and evaluated again: compared with what is appended in their place. */
  private recheck: Recheck | undefined;
  /** Bytes appended since the last background write to the disk began (BACKGROUND_SYNC_BYTES). */
  private unflushed = 0;
  private flushing = false;
  /**
   * A background write's error, thrown by sync() at the run's end: the kernel reports a write-back error once, to the
   * fdatasync that took it, so the periodic fsyncs in between do not see it.
   */
  private flushError: unknown;

  /** `digest`: the running hash of the file's bytes so far (integrity.ts), `synced` whether they are all fsync'd. */
  private constructor(readonly path: string, readonly columns: readonly string[], private readonly digest: RunningDigest, synced: boolean) {
    this.unsynced = !synced;
  }

  /** Start a new log (header only), replacing any file there. */
  static create(path: string, columns: readonly string[]): EvaluationLog {
    const header = toCsv([], columns);
    writeFileAtomic(path, header);
    const digest = new RunningDigest();
    digest.add(header);
    return new EvaluationLog(path, columns, digest, true);
  }

  /**
   * Reopen a log to continue it: checks the header, drops a record cut off by a kill (truncating the file to
   * the last complete line) and hands each complete record's cells to `onRow`, in file order. Streamed: the log's
   * text and records are never held whole (a 400k-row log is read back in constant memory). `endBytes`: where
   * the complete records end (what a later reader of the replay should stop at). `older`: headers an earlier
   * version wrote for the same run, also accepted; the log then continues in the file's columns (`log.columns`,
   * also given to `onRow`), so its rows stay as long as its header. `prefix`: what the run's manifest vouches for,
   * hashed in the same read (LogReadDigest: the file is read once) and compared once the rows are checked, before
   * anything is written; a prefix that differs is refused with `prefix.refusal`. The log hashes on from its complete records.
   */
  static resume(
    path: string, columns: readonly string[], onRow: (cells: readonly string[], row: number, columns: readonly string[]) => void,
    older: readonly (readonly string[])[] = [], prefix?: VouchedPrefix,
  ): { log: EvaluationLog; rows: number; endBytes: number; unvouched?: number } {
    if (!existsSync(path)) throw new ConfigError(`--resume: ${path} does not exist (the run's evaluations log is missing: it cannot be continued)`);
    const expected = toCsv([], columns);
    if (statSync(path).size < Buffer.byteLength(expected, 'utf8')) {
      // A header cut off by a kill (or a full disk) while the run was being created: no record was ever written,
      // so the log starts again; that is not a changed space (unless a manifest vouched for the header: its bytes, at
      // least the header's, are more than this file holds, and the file holds no complete row: refused as cut short).
      const text = readInputText(path, { what: 'evaluations log', maxBytes: INPUT_LIMITS_BYTES.document });
      if (!text.includes('\n') && expected.startsWith(text)) {
        if (prefix) throw prefix.refusal({ kind: 'short', rows: 0 });
        return { log: EvaluationLog.create(path, columns), rows: 0, endBytes: Buffer.byteLength(expected, 'utf8') };
      }
    }
    let found = columns;
    const digest = new LogReadDigest(prefix?.vouched);
    const read = streamCsvFile(path, (header) => {
      const text = header.join(',');
      const match = [columns, ...older].find((c) => c.join(',') === text);
      if (match) return void (found = match);
      const differ = columnDifference(header, columns);
      throw new ConfigError(`--resume: the columns of ${path} differ from this space's (${differ}): the space's parameters or metrics changed; start a new run instead`);
    }, (cells, row) => onRow(cells, row, found), { what: 'evaluations log', tail: 'drop', onBytes: (bytes, complete) => digest.read(bytes, complete) });
    // The search writes LF line ends and no BOM: appending to a file another program saved with either would mix them.
    const foreign = read.bom ? 'starts with a UTF-8 byte-order mark' : read.crLine !== undefined ? `line ${read.crLine} ends in CRLF (\\r\\n)` : undefined;
    if (foreign !== undefined) {
      throw new ConfigError(`--resume: ${path}: ${foreign}, expected the search's LF line ends without a BOM (the file was saved by another program); restore the file the search wrote, or convert it back (e.g. dos2unix ${path}) and resume again`);
    }
    const problem = digest.problem();
    if (problem && prefix) throw prefix.refusal(problem);
    if (read.truncatedTail) truncateSync(path, read.completeBytes);
    const vouched = prefix?.vouched;
    if (!vouched || read.rows <= vouched.rows) {
      return { log: new EvaluationLog(path, found, digest.through(read.completeBytes), false), rows: read.rows, endBytes: read.completeBytes };
    }
    // Rows written after the manifest's last write (a kill before the next one): nothing vouches for them, so they are
    // cut and evaluated again (the engine is deterministic), their bytes kept to compare with the rows appended in their place.
    const old = readRange(path, vouched.bytes, read.completeBytes);
    truncateSync(path, vouched.bytes);
    const log = new EvaluationLog(path, found, digest.throughPrefix(), false);
    log.recheck = { old, at: 0, firstRow: vouched.rows + 1, rows: read.rows - vouched.rows, differs: undefined };
    return { log, rows: vouched.rows, endBytes: vouched.bytes, unvouched: read.rows - vouched.rows };
  }

  /**
   * The note on a resume's rows past the vouched prefix (undefined when there were none): how many, that they were
   * evaluated again, and the first whose old bytes differ from the engine's now (or how many were evaluated so far).
   */
  recheckNote(): string | undefined {
    const r = this.recheck;
    if (!r) return undefined;
    const range = r.rows === 1 ? `row ${r.firstRow}` : `rows ${r.firstRow}-${r.firstRow + r.rows - 1}`;
    const what = `${this.path}: ${range}, written after the last write of its ${MANIFEST_JSON}, which does not vouch for them, ${r.rows === 1 ? 'was' : 'were'} evaluated again instead of replayed`;
    if (r.differs !== undefined) return `${what}; row ${r.differs} differed from what the engine computes (the file was edited, or its code changed): the engine's row replaces it`;
    if (r.at < r.old.length) return `${what}; ${count(r.old, r.at)} of them so far, each the same as the file held`;
    return `${what}; each was the same as the file held`;
  }

  append(rows: readonly (readonly Cell[])[]): void {
    if (rows.length > 0) this.appendLines(rows.map(csvLine).join(''));
  }

  /** Append complete CSV lines (each ending in \n, as csvLine writes them); fsync'd at least once a second. */
  appendLines(text: string): void {
    if (text.length > 0) this.write(text);
  }

  /** appendLines for lines already encoded as UTF-8 (written where they were evaluated: search/backend/range.ts). */
  appendBytes(bytes: Uint8Array): void {
    if (bytes.length > 0) this.write(bytes);
  }

  private write(content: string | Uint8Array): void {
    const now = performance.now();
    const sync = now - this.syncedAt >= SYNC_INTERVAL_MS;
    // Encoded once, for the file and its running hash.
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    appendBytes(this.path, bytes, sync);
    this.digest.add(bytes);
    if (this.recheck) compareRows(this.recheck, bytes);
    this.unsynced = !sync;
    if (sync) this.syncedAt = now;
    this.unflushed = sync ? 0 : this.unflushed + bytes.length;
    if (this.unflushed >= BACKGROUND_SYNC_BYTES && !this.flushing) this.flushInBackground();
  }

  private flushInBackground(): void {
    this.flushing = true;
    this.unflushed = 0;
    syncInBackground(this.path, (error) => {
      this.flushing = false;
      if (error !== undefined) this.flushError ??= error;
    });
  }

  /** The end of a run: fsync what was appended, and give `onNote` the note on a resume's unvouched rows (recheckNote), if any. */
  finish(onNote?: (note: string) => void): void {
    this.sync();
    const note = this.recheckNote();
    if (note !== undefined) onNote?.(note);
  }

  /** fsync what was appended (the end of a run); a background write's error first. */
  sync(): void {
    const flushError = this.flushError;
    this.flushError = undefined; // said once, as the kernel says a write-back error once
    if (flushError !== undefined) throw flushError;
    appendText(this.path, '', true);
    this.syncedAt = performance.now();
    this.unsynced = false;
  }

  /**
   * What the manifest about to be written vouches for (its `evaluationsDigest`): every row appended so far, fsync'd
   * first when some are not, so a manifest never vouches for rows a machine crash could still lose.
   */
  vouch(): LogDigest {
    if (this.unsynced) this.sync();
    return this.digest.digest();
  }
}

/** What a resumed run's manifest vouches for in its log (its evaluationsDigest), and the refusal when the log's prefix is not that. */
export interface VouchedPrefix {
  readonly vouched: LogDigest;
  readonly refusal: (problem: PrefixProblem) => Error;
}

/** A resume's unvouched rows: their old bytes, how far the appended rows have been compared, the first that differed. */
interface Recheck {
  readonly old: Buffer;
  at: number;
  readonly firstRow: number;
  readonly rows: number;
  differs: number | undefined;
}

/** Compare `bytes`, just appended, with the old rows' bytes from `r.at` (past their end: nothing to compare). */
function compareRows(r: Recheck, bytes: Uint8Array): void {
  const n = Math.min(bytes.length, r.old.length - r.at);
  if (n <= 0) return;
  if (r.differs === undefined) {
    let i = 0;
    while (i < n && bytes[i] === r.old[r.at + i]) i++;
    if (i < n) r.differs = r.firstRow + count(r.old, r.at + i);
  }
  r.at += n;
}

/** Records ended in `bytes`' first `end` bytes (`bytes` starts at a record's start). */
function count(bytes: Buffer, end: number): number {
  return recordEnds(bytes.subarray(0, end)).records;
}

/** The file's bytes [from, to) (all there: they were just read). */
function readRange(path: string, from: number, to: number): Buffer {
  const bytes = Buffer.alloc(to - from);
  const read = readFileRange(path, from, to, (chunk, at) => bytes.set(chunk, at));
  if (read < bytes.length) throw new Error(`internal: ${path} ended at byte ${from + read}, expected ${to}`);
  return bytes;
}

/** The first difference between two headers: a column only in one of them, or the order. */
function columnDifference(found: readonly string[], expected: readonly string[]): string {
  const extra = found.find((c) => !expected.includes(c));
  if (extra !== undefined) return `it has "${extra}", which this space does not`;
  const missing = expected.find((c) => !found.includes(c));
  if (missing !== undefined) return `it lacks "${missing}"`;
  return 'the same columns in another order';
}
