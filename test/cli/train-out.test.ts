/**
 * `cosearch train --out` is checked before any data are loaded, with search's check (checkOutputFolder,
 * src/core/input/output.ts): one line naming --out, exit 1, nothing loaded or written. Until 2026-12 it was not
 * checked: a file, /dev/null or an empty path failed after loading the data with an internal error and a stack
 * (exit 2), and a path under /proc never returned (Node's recursive mkdir loops on procfs's ENOENT, in C++, so
 * SIGTERM did nothing). Spawned, so that a hang is killed and fails the test instead of the test runner.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCacheDir } from '../helpers/cacheDir.js';
import { cosearch } from './spawn.js';

const dir = mkdtempSync(join(tmpdir(), 'cosearch-train-out-'));
const cache = join(dir, 'cache');
useCacheDir(cache, [dir]);

const base = ['train', '--network', 'mnist-fc2-small', '--algorithm', 'bptt', '--dataset', 'mnist-rate', '--epochs', '1',
  '--train-samples', '100', '--test-samples', '100', '--plain'];
const file = join(dir, 'a-file');
writeFileSync(file, 'kept\n');

describe('cosearch train --out', () => {
  it.each([
    [file, `cosearch: --out ${file}: is a file, expected a folder (a new one or a run folder)`],
    ['/dev/null', 'cosearch: --out /dev/null: is a file, expected a folder (a new one or a run folder)'],
    ['', 'cosearch: --out: got an empty path, expected a folder'],
    ['/proc/cosearch-no-such/run', 'cosearch: --out /proc/cosearch-no-such/run: under /proc, a kernel file system, expected a folder on a disk'],
  ])('--out %j is refused in one line before the data are loaded', async (out, message) => {
    const r = await cosearch([...base, '--out', out], 30_000);
    expect([r.stderr, r.code, r.signal]).toEqual([`${message}\n`, 1, null]);
    expect(r.stdout).toBe('');
    // Nothing generated (no dataset cache folder) and the file kept as it was.
    expect(readdirSync(dir)).toEqual(['a-file']);
    expect(readFileSync(file, 'utf8')).toBe('kept\n');
  }, 40_000);

  it('a folder holding a run\'s files but no manifest.json is refused, its files kept (until 2026-12 they were replaced)', async () => {
    const pre = join(dir, 'pre');
    mkdirSync(pre);
    writeFileSync(join(pre, 'epochs.csv'), 'precious\n');
    writeFileSync(join(pre, 'weights.snnw'), 'w\n');
    const r = await cosearch([...base, '--out', pre], 30_000);
    expect([r.stderr, r.code, r.signal]).toEqual([`cosearch: --out ${pre}: holds epochs.csv, weights.snnw but no manifest.json (not a run that can be resumed), ` +
      'expected a folder without a run\'s files; choose another --out\n', 1, null]);
    expect(readdirSync(pre).sort()).toEqual(['epochs.csv', 'weights.snnw']);
    expect(readFileSync(join(pre, 'epochs.csv'), 'utf8')).toBe('precious\n');
    // Before the data are loaded: no dataset cache.
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'pre']);
  }, 40_000);

  it('a finished run given again is left untouched and said to be complete, exit 0 (until 2026-12 its manifest was rewritten)', async () => {
    const done = join(dir, 'done');
    const first = await cosearch([...base, '--out', done], 30_000);
    expect(first.code).toBe(0);
    const files = () => readdirSync(done).sort().map((name) => [name, readFileSync(join(done, name), 'latin1')]);
    const before = files();
    const accuracy = (100 * Number(readFileSync(join(done, 'epochs.csv'), 'utf8').trim().split('\n')[1].split(',')[3])).toFixed(2);
    const again = await cosearch([...base, '--out', done], 30_000);
    expect([again.stdout, again.code, again.signal]).toEqual([`train: ${done} is already complete (1 epoch, test accuracy ${accuracy} %); nothing to resume\n`, 0, null]);
    expect(again.stderr).not.toContain('resumed');
    expect(files()).toEqual(before);
  }, 60_000);
});
