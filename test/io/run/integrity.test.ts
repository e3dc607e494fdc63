import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvaluationLog, RunningDigest, type LogDigest, type PrefixProblem } from '../../../src/io/run/index.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// A quoted error cell holding a line feed, a doubled quote and a comma: one row, two lines of the file.
const header = 'index,x,error\n';
const rows = ['0,1,\n', '1,2,"metric ""x"":\nfailed, twice"\n', '2,3,\n'];

/** A resume's check of the prefix `vouched`, whose refusal carries the problem found. */
const refusing = (vouched: LogDigest) => ({ vouched, refusal: (problem: PrefixProblem) => Object.assign(new Error('refused'), { problem }) });

/** The problem a resume of the log at `path` finds with the prefix `vouched` (undefined: none). */
function problemOf(path: string, vouched: LogDigest): PrefixProblem | undefined {
  try {
    EvaluationLog.resume(path, ['index', 'x', 'error'], () => undefined, [], refusing(vouched));
    return undefined;
  } catch (error) {
    return (error as { problem?: PrefixProblem }).problem;
  }
}

describe('the running digest of an evaluations log', () => {
  it('counts rows, not line feeds (a quoted cell may hold one), whatever pieces the bytes come in', () => {
    const text = header + rows.join('');
    for (const piece of [1, 2, 5, text.length]) {
      const digest = new RunningDigest();
      for (let at = 0; at < text.length; at += piece) digest.add(text.slice(at, at + piece));
      expect(digest.digest(), `pieces of ${piece}`).toEqual({ rows: 3, bytes: Buffer.byteLength(text), sha256: sha256(text) });
    }
  });

  it('counts the same over plain Uint8Array views inside a larger buffer (a worker range\'s bytes), with line feeds and quotes around them', () => {
    const text = header + rows.join('');
    // Bytes outside each view that would change the count if read: a line feed before, a quote after.
    const padded = new TextEncoder().encode(`\n\n${text}"\n`);
    const inner = padded.subarray(2, 2 + text.length);
    expect(Buffer.isBuffer(inner)).toBe(false);
    for (const piece of [1, 3, 7, text.length]) {
      const digest = new RunningDigest();
      for (let at = 0; at < inner.length; at += piece) digest.add(inner.subarray(at, at + piece));
      expect(digest.digest(), `views of ${piece}`).toEqual({ rows: 3, bytes: Buffer.byteLength(text), sha256: sha256(text) });
    }
  });

  it('is kept by the log over what it appends and vouches, and a resume checks the prefix and hashes on from it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cosearch-integrity-')), 'evaluations.csv');
    const log = EvaluationLog.create(path, ['index', 'x', 'error']);
    log.appendLines(rows[0] + rows[1]);
    const vouched = log.vouch();
    expect(vouched).toEqual({ rows: 2, bytes: Buffer.byteLength(header + rows[0] + rows[1]), sha256: sha256(header + rows[0] + rows[1]) });
    log.appendBytes(Buffer.from(rows[2]));
    const resumed = EvaluationLog.resume(path, ['index', 'x', 'error'], () => undefined, [], refusing(vouched));
    // The third row, past what the manifest vouches, is cut and evaluated again (since 2026-12-06): the digest hashes on from the prefix.
    expect(resumed.unvouched).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(header + rows[0] + rows[1]);
    expect(resumed.log.vouch()).toEqual(vouched);
    resumed.log.appendBytes(Buffer.from(rows[2]));
    expect(resumed.log.vouch()).toEqual({ rows: 3, bytes: Buffer.byteLength(header + rows.join('')), sha256: sha256(header + rows.join('')) });
    writeFileSync(path, header + rows[0].replace('1', '2') + rows[1] + rows[2]);
    expect(problemOf(path, vouched)).toEqual({ kind: 'differs' });
    writeFileSync(path, header + rows[0] + rows[1].slice(0, 12));
    expect(problemOf(path, vouched)).toEqual({ kind: 'short', rows: 1 });
  });
});
