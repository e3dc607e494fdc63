import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, lstatSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cacache from 'cacache';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../helpers/tempDirs.js';
import { cacheSettings, decodeJson, directoryBytes, encodeJson, EvaluationStore, indexBucketPath, storeBytes } from '../../../src/io/cache/index.js';
import * as library from '../../../src/index.js';

const tempDir = tempDirs('cosearch-cache-');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

describe('cache JSON', () => {
  it('keeps NaN and infinities, which plain JSON turns into null', () => {
    const value = { a: NaN, b: [Infinity, -Infinity, 1.5], c: 'NaN', d: { $number: 'x' } };
    expect(decodeJson(encodeJson(value))).toEqual(value);
    expect(decodeJson('{not json')).toBeUndefined();
  });
});

describe('cacheSettings', () => {
  it('COSEARCH_CACHE_DIR, then XDG_CACHE_HOME/cosearch, then ~/.cache/cosearch; COSEARCH_CACHE_MAX_MB', () => {
    expect(cacheSettings({ COSEARCH_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/z' }).dir).toBe('/x/y');
    expect(cacheSettings({ XDG_CACHE_HOME: '/z' }).dir).toBe('/z/cosearch');
    expect(cacheSettings({}).dir).toMatch(/[/\\]\.cache[/\\]cosearch$/);
    expect(cacheSettings({}).maxBytes).toBe(256 * 1024 * 1024);
    expect(cacheSettings({ COSEARCH_CACHE_MAX_MB: '1.5' }).maxBytes).toBe(1572864);
    expect(() => cacheSettings({ COSEARCH_CACHE_MAX_MB: '0.0000001' })).toThrow('COSEARCH_CACHE_MAX_MB: got "0.0000001", expected a number >= 1 (megabytes)');
    expect(() => cacheSettings({ COSEARCH_CACHE_MAX_MB: '-1' })).toThrow('COSEARCH_CACHE_MAX_MB: got "-1", expected a number >= 1 (megabytes)');
    // Decimal text only: Number() read 0x10 as 16 and '  ' as 0.
    expect(() => cacheSettings({ COSEARCH_CACHE_MAX_MB: '0x10' })).toThrow('COSEARCH_CACHE_MAX_MB: got "0x10", expected a number >= 1 (megabytes)');
    expect(() => cacheSettings({ COSEARCH_CACHE_MAX_MB: 'Infinity' })).toThrow('COSEARCH_CACHE_MAX_MB: got "Infinity", expected a number >= 1 (megabytes)');
  });

  it('is in the library API, for a runSearch with the persistent cache (docs/cache.md, "Where it is consulted")', () => {
    const read = (library as Record<string, unknown>)['cacheSettings'] as typeof cacheSettings | undefined;
    expect(read?.({ COSEARCH_CACHE_DIR: '/x/y', COSEARCH_CACHE_MAX_MB: '2' })).toEqual({ dir: '/x/y', maxBytes: 2097152 });
  });

  it('refuses an empty COSEARCH_CACHE_DIR (never the default cache instead) and a path that is not a directory', () => {
    expect(() => cacheSettings({ COSEARCH_CACHE_DIR: '', XDG_CACHE_HOME: '/z' })).toThrow(
      'COSEARCH_CACHE_DIR: got "", expected a directory path or unset (unset: the default cache)');
    const dir = tempDir();
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    expect(() => cacheSettings({ COSEARCH_CACHE_DIR: file })).toThrow(
      `COSEARCH_CACHE_DIR: got ${JSON.stringify(file)} (it exists and is not a directory), expected a directory path or one that can be created`);
    expect(() => cacheSettings({ COSEARCH_CACHE_DIR: join(file, 'a', 'b') })).toThrow(`(${file} is not a directory)`);
    expect(() => cacheSettings({ XDG_CACHE_HOME: file })).toThrow(/^cache directory \(COSEARCH_CACHE_DIR unset\): got .*file\/cosearch" \(/);
    // A directory, or a path that can still be created, is fine.
    expect(cacheSettings({ COSEARCH_CACHE_DIR: dir }).dir).toBe(dir);
    expect(cacheSettings({ COSEARCH_CACHE_DIR: join(dir, 'new', 'deeper') }).dir).toBe(join(dir, 'new', 'deeper'));
  });
});

describe('EvaluationStore', () => {
  it('returns what was put, misses what was not, and rejects a value that fails the check', async () => {
    const store = new EvaluationStore({ dir: tempDir(), maxBytes: 1e6 });
    await store.put('k', { x: NaN, y: 2 });
    expect(await store.get('k', isRecord)).toEqual({ x: NaN, y: 2 });
    expect(await store.get('other', isRecord)).toBeUndefined();
    expect(await store.get('k', (v): v is number => typeof v === 'number')).toBeUndefined();
    await store.put('k', { y: 3 });
    expect(await store.get('k', isRecord)).toEqual({ y: 3 });
    expect((await store.info()).entries).toBe(1);
    await store.clear();
    expect(await store.info()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('a content file cut short or with a byte changed is a miss, and the next put of the entry mends it (QA input defect 3)', async () => {
    // cacache keeps a content file that exists, so until 2026-12-07 such an entry stayed a miss for ever: every run
    // computed it again and appended another index line.
    for (const damage of [(path: string) => truncateSync(path, 10), (path: string) => writeFileSync(path, readFileSync(path, 'utf8').replace('1', '2'))]) {
      const dir = tempDir();
      const store = new EvaluationStore({ dir, maxBytes: 1e6 });
      await store.put('k', { x: 1.25, y: [1, 2, 3] });
      damage((await cacache.get.info(dir, 'k'))?.path ?? 'no entry');
      expect(await store.get('k', isRecord)).toBeUndefined();
      await store.put('k', { x: 1.25, y: [1, 2, 3] });
      expect(await store.get('k', isRecord)).toEqual({ x: 1.25, y: [1, 2, 3] });
    }
  });

  it('reads a FIFO in place of an entry\'s content or index bucket as a miss, at once (it used to wait for a writer for ever)', async () => {
    const dir = tempDir();
    const store = new EvaluationStore({ dir, maxBytes: 1e6 });
    await store.put('content', { x: 1 });
    await store.put('bucket', { x: 2 });
    const contentPath = (await cacache.get.info(dir, 'content'))?.path ?? 'no entry';
    const fifos = [contentPath, indexBucketPath(dir, 'bucket')];
    for (const path of fifos) {
      rmSync(path);
      expect(spawnSync('mkfifo', [path]).status).toBe(0);
    }
    try {
      const within5s = <T>(p: Promise<T>) => Promise.race([p, sleep(5000).then(() => 'still waiting 5 s later')]);
      expect(await within5s(store.get('content', isRecord))).toBeUndefined();
      expect(await within5s(store.get('bucket', isRecord))).toBeUndefined();
    } finally {
      // Should a read be waiting on a FIFO (the defect), a writer's open releases it, so the test's thread pool recovers.
      for (const path of fifos) {
        try {
          closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
        } catch {
          // ENXIO: no reader waits, as it should be
        }
      }
    }
  });

  it('lists and evicts past a FIFO or a link to one among the index buckets, removing them (info and eviction used to wait for ever)', async () => {
    const dir = tempDir();
    const store = new EvaluationStore({ dir, maxBytes: 1e6 });
    await store.put('kept', { x: 1 });
    await store.put('fifo', { x: 2 });
    await store.put('link', { x: 3 });
    const fifo = indexBucketPath(dir, 'fifo');
    const link = indexBucketPath(dir, 'link');
    rmSync(fifo);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    rmSync(link);
    symlinkSync(fifo, link);
    try {
      const within5s = <T>(p: Promise<T>) => Promise.race([p, sleep(5000).then(() => 'still waiting 5 s later')]);
      expect(await within5s(store.info())).toMatchObject({ entries: 1 });
      expect([fifo, link].filter((path) => lstatSync(path, { throwIfNoEntry: false }) !== undefined)).toEqual([]);
      expect(await store.get('kept', isRecord)).toEqual({ x: 1 });
      expect(await within5s(new EvaluationStore({ dir, maxBytes: 1 }).evict())).toBe(1);
    } finally {
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // ENOENT (removed) or ENXIO (no reader waits), as it should be
      }
    }
  });

  it('evicts the oldest entries to stay under its size limit', async () => {
    const dir = tempDir();
    const maxBytes = 60_000;
    const store = new EvaluationStore({ dir, maxBytes });
    for (let i = 0; i < 150; i++) await store.put(`key/${i}`, { i, pad: 'x'.repeat(1000) });
    await store.evict();
    expect(await directoryBytes(dir)).toBeLessThanOrEqual(maxBytes);
    expect(await store.get('key/149', isRecord)).toEqual({ i: 149, pad: 'x'.repeat(1000) });
    expect(await store.get('key/0', isRecord)).toBeUndefined();
    const { entries } = await store.info();
    expect(entries).toBeGreaterThan(10);
    expect(entries).toBeLessThan(150);
    // Under the limit nothing goes.
    expect(await store.evict()).toBe(0);
  });

  it("counts only the store's own files: the training datasets' frames in the same folder are neither counted nor evicted for", async () => {
    const dir = tempDir();
    // Until 2026-12-05 two 2.4 MB dataset chunks beside the store made every eviction remove all its entries.
    mkdirSync(join(dir, 'saccade-mnist-v1', 'T10'), { recursive: true });
    writeFileSync(join(dir, 'saccade-mnist-v1', 'T10', 'train-000.bin.gz'), Buffer.alloc(200_000));
    const store = new EvaluationStore({ dir, maxBytes: 100_000 });
    for (let i = 0; i < 20; i++) await store.put(`key/${i}`, { i, pad: 'x'.repeat(1000) });
    const info = await store.info();
    expect(info.bytes).toBe(await storeBytes(dir));
    expect(info.bytes).toBeLessThan(100_000);
    expect(await directoryBytes(dir)).toBeGreaterThan(200_000);
    expect(await store.evict()).toBe(0);
    expect((await store.info()).entries).toBe(20);
  });

  it('several processes writing one directory at once leave every entry readable and right', async () => {
    const dir = tempDir();
    const writer = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));
    const run = (name: string) => new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, '40', name], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`writer ${name} exited ${code}`))));
    });
    expect(await Promise.all(['a', 'b', 'c'].map(run))).toEqual(['0', '0', '0']);
    const store = new EvaluationStore({ dir, maxBytes: 1e9 });
    expect((await store.info()).entries).toBe(40 * 4);
    for (const key of ['shared/7', 'a/39', 'b/0', 'c/20']) expect(await store.get(key, isRecord)).toMatchObject({ i: Number(key.split('/')[1]) });
  }, 60_000);
});
