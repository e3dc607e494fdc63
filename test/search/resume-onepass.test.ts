/**
 * --resume reads evaluations.csv once to open a run (the cell checks and the sha256 of the rows its manifest vouches
 * for in one stream, src/io/run/integrity.ts LogReadDigest): the bytes read through node:fs are counted (not timed).
 * The replay reads the rows again later, as the search reaches them (docs/search.md, Resume): not counted here.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runSearch } from '../../src/app/index.js';
import { LogReadDigest, streamCsvFile } from '../../src/io/run/index.js';
import { openRunFolder } from '../../src/search/run/resume.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { fixtureContext, fixtureEvaluator, fixtureSpaceSpec } from './fixtures/fixtureSpace.js';
import { FIXTURE_METRICS } from './fixtures/hardwareEvaluator.js';

/** Bytes read from each file through readSync while `counting` (fds mapped to paths by openSync). */
const reads = vi.hoisted(() => ({ counting: false, bytes: new Map<string, number>(), paths: new Map<number, string>() }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const openSync = (...args: Parameters<typeof real.openSync>): number => {
    const fd = real.openSync(...args);
    reads.paths.set(fd, String(args[0]));
    return fd;
  };
  const readSync = (...args: Parameters<typeof real.readSync>): number => {
    const n = (real.readSync as (...a: unknown[]) => number)(...args);
    const path = reads.paths.get(args[0]);
    if (reads.counting && path !== undefined) reads.bytes.set(path, (reads.bytes.get(path) ?? 0) + n);
    return n;
  };
  return { ...real, openSync, readSync, default: { ...real, openSync, readSync } };
});

const space = parseSpace(fixtureSpaceSpec(5), fixtureContext, { file: 'fixture.json' });
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('opening a run for --resume', () => {
  it('reads evaluations.csv once: the cell checks and the vouched prefix\'s hash in one stream', async () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'cosearch-onepass-'));
    await runSearch({ space, evaluator: fixtureEvaluator, backend: 'in-thread', outDir: dir });
    const manifest = JSON.parse(fs.readFileSync(join(dir, 'manifest.json'), 'utf8'));
    fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, status: 'interrupted' }));
    const csvPath = join(dir, 'evaluations.csv');
    const columns = fs.readFileSync(csvPath, 'utf8').split('\n')[0].split(',');
    const size = fs.statSync(csvPath).size;
    expect(manifest.evaluationsDigest.bytes).toBe(size); // the whole file is vouched for: the old code hashed all of it again
    reads.bytes.clear();
    reads.counting = true;
    const folder = openRunFolder(dir, [{ columns, metrics: [...FIXTURE_METRICS] }], manifest.fingerprint, true, space, [...FIXTURE_METRICS]);
    reads.counting = false;
    expect(reads.bytes.get(csvPath)).toBe(size);
    expect(folder.replay.length).toBe(40);
    expect(folder.log.vouch()).toEqual(manifest.evaluationsDigest);
  });
});

describe('the digest of a log taken in the read that checks it', () => {
  // A quoted cell with a line feed, a doubled quote and a 3-byte character; a torn last record whose open quote holds a line feed.
  const header = 'index,x,error\n';
  const rows = ['0,1,\n', '1,2,"metric ""é"":\nfailed, twice"\n', '2,3,\n', '3,4,"€"\n'];
  const torn = '4,5,"cut\noff';
  const whole = header + rows.join('');
  const vouchedAt = (n: number) => {
    const text = header + rows.slice(0, n).join('');
    return { rows: n, bytes: Buffer.byteLength(text), sha256: sha256(text) };
  };
  const dir = fs.mkdtempSync(join(tmpdir(), 'cosearch-onepass-'));
  /** The file `text` read in chunks of `chunk` bytes: the problem found with `vouched` and the digest through the complete rows. */
  const readBack = (text: string, vouched: ReturnType<typeof vouchedAt> | undefined, chunk: number) => {
    const path = join(dir, 'evaluations.csv');
    fs.writeFileSync(path, text);
    const digest = new LogReadDigest(vouched);
    const read = streamCsvFile(path, () => undefined, () => undefined, { what: 'log', tail: 'drop', chunkBytes: chunk, onBytes: (b, complete) => digest.read(b, complete) });
    const problem = digest.problem();
    return { problem, through: problem ? undefined : digest.through(read.completeBytes).digest() };
  };

  it('is the sha256 of exactly the vouched bytes and of the complete rows, wherever the chunks end', () => {
    for (let chunk = 1; chunk <= Buffer.byteLength(whole + torn) + 1; chunk++) {
      for (const n of [0, 2, 4]) {
        const found = readBack(whole + torn, vouchedAt(n), chunk);
        expect(found, `chunk ${chunk}, rows 1-${n} vouched`).toEqual({ problem: undefined, through: vouchedAt(4) });
      }
      expect(readBack(whole, undefined, chunk), `chunk ${chunk}, nothing vouched`).toEqual({ problem: undefined, through: vouchedAt(4) });
      expect(readBack(whole.replace('1,2,', '1,3,'), vouchedAt(2), chunk).problem, `chunk ${chunk}`).toEqual({ kind: 'differs' });
      // Cut inside row 4 (after 3 complete rows), and a file shorter than the vouched bytes by its last line end.
      expect(readBack(header + rows.slice(0, 3).join('') + rows[3].slice(0, 5), vouchedAt(4), chunk).problem, `chunk ${chunk}`).toEqual({ kind: 'short', rows: 3 });
      expect(readBack(whole.slice(0, -1), vouchedAt(4), chunk).problem, `chunk ${chunk}`).toEqual({ kind: 'short', rows: 3 });
      expect(readBack(`\ufeff${whole}`, vouchedAt(4), chunk).problem, `chunk ${chunk}, a BOM`).toEqual({ kind: 'differs' });
    }
  });
});
