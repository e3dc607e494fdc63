/**
 * What a run's manifest vouches for in its evaluations.csv (manifest `evaluationsDigest`): the number of data rows
 * the search had durably written at that manifest write, and the byte length and sha256 of the file up to the end
 * of the last of them (header included). The log keeps a running hash over the bytes it appends (never re-reading
 * the file); --resume hashes the file's first `bytes` (streamed) and refuses a prefix that is shorter or differs.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** The manifest's record of the log: `rows` data rows, the file's first `bytes` bytes, their sha256 (hex). */
export interface LogDigest {
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** The running sha256 and record count of a log's bytes, from its first byte (the header's) to the last appended. */
export class RunningDigest {
  private readonly hash: Hash = createHash('sha256');
  /** Records (the header's included) and bytes hashed so far. */
  private records = 0;
  private length = 0;
  /** Inside a quoted field (records end only outside one: a quoted cell may hold a line feed). */
  private quoted = false;

  /** Hash `content`, the bytes just appended (or read back) after those hashed so far. */
  add(content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.hash.update(bytes);
    this.length += bytes.length;
    this.records += this.quoted || bytes.includes(QUOTE) ? this.countQuoted(bytes) : count(bytes, NEWLINE);
  }

  /** Records ended in `bytes` by a line feed outside a quoted field (a doubled quote inside one toggles twice). */
  private countQuoted(bytes: Uint8Array): number {
    let records = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === QUOTE) this.quoted = !this.quoted;
      else if (b === NEWLINE && !this.quoted) records++;
    }
    return records;
  }

  /** Data rows (records after the header) hashed so far. */
  get rows(): number {
    return Math.max(0, this.records - 1);
  }

  get bytes(): number {
    return this.length;
  }

  /** What a manifest written now vouches for (the hash goes on). */
  digest(): LogDigest {
    return { rows: this.rows, bytes: this.length, sha256: this.hash.copy().digest('hex') };
  }

  /** Hash the file's bytes [this.bytes, end) (streamed: one chunk in memory); stops early at the file's end. */
  addFile(path: string, end: number): void {
    const fd = openSync(path, 'r');
    try {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      while (this.length < end) {
        const read = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, end - this.length), this.length);
        if (read === 0) return;
        this.add(chunk.subarray(0, read));
      }
    } finally {
      closeSync(fd);
    }
  }
}

/** How many times `byte` occurs in `bytes` (indexOf: native, the common case of rows without a quoted cell). */
function count(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let at = bytes.indexOf(byte); at !== -1; at = bytes.indexOf(byte, at + 1)) n++;
  return n;
}

/** Why a log's first `vouched.bytes` bytes are not what the search wrote: `short` (cut), `differs` (edited, or another file). */
export type PrefixProblem = { readonly kind: 'short'; readonly rows: number } | { readonly kind: 'differs' };

/**
 * Check the log at `path` against the manifest's record: its running digest, continued after the vouched prefix,
 * or the problem (`short`: the file ends before the vouched bytes, with `rows` complete data rows).
 */
export function checkLogPrefix(path: string, vouched: LogDigest): { digest: RunningDigest } | { problem: PrefixProblem } {
  const digest = new RunningDigest();
  digest.addFile(path, vouched.bytes);
  if (digest.bytes < vouched.bytes) return { problem: { kind: 'short', rows: digest.rows } };
  const found = digest.digest();
  if (found.sha256 !== vouched.sha256 || found.rows !== vouched.rows) return { problem: { kind: 'differs' } };
  return { digest };
}
