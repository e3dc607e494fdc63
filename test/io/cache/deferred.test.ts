/**
 * Deferred writes (src/io/cache/deferred.ts): a pending entry answers its own store's reads, is invisible to other
 * stores (processes, threads) until flushed, and is on disk after flush; expensive entries and large backlogs are
 * written at once; a failed write loses the entry, never the evaluation. And the store's index-bucket test
 * (indexBucketPath) agrees with where cacache really writes.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../helpers/tempDirs.js';
import { DeferredStore, EvaluationStore, indexBucketPath } from '../../../src/io/cache/index.js';

const tempDir = tempDirs('cosearch-deferred-');
const store = () => new EvaluationStore({ dir: tempDir(), maxBytes: 1e9 });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

describe('DeferredStore', () => {
  it('answers a pending entry from memory, writes nothing until flush, then every entry', async () => {
    const disk = store();
    const deferred = new DeferredStore(disk);
    await deferred.put('a', { v: 1 }, 5);
    await deferred.put('b', { v: 2 }, 5);
    await deferred.put('a', { v: 3 }, 5); // a later value of a key wins
    expect(await deferred.get('a', isRecord)).toEqual({ v: 3 });
    expect(deferred.pendingEntries).toBe(2);
    // Another store on the directory (another worker or process) sees nothing before the flush.
    const other = new EvaluationStore(disk.settings);
    expect(await other.get('a', isRecord)).toBeUndefined();
    expect((await other.info()).entries).toBe(0);
    await deferred.flush();
    expect(deferred.pendingEntries).toBe(0);
    expect(await other.get('a', isRecord)).toEqual({ v: 3 });
    expect(await other.get('b', isRecord)).toEqual({ v: 2 });
    expect((await other.info()).entries).toBe(2);
  });

  it('writes an entry that took 30 s or more at once, and a backlog once it is large', async () => {
    const disk = store();
    const deferred = new DeferredStore(disk);
    await deferred.put('slow', { v: 1 }, 30_000);
    await deferred.put('unknown', { v: 2 }); // no time given: written at once, as EvaluationStore.put
    expect(deferred.pendingEntries).toBe(0);
    expect((await disk.info()).entries).toBe(2);
    // 30 s of computation pending: written together (30 x 0.999 s stay pending, the 31st tips it).
    for (let i = 0; i < 30; i++) await deferred.put(`c${i}`, { v: i }, 999);
    expect(deferred.pendingEntries).toBe(30);
    await deferred.put('c30', { v: 30 }, 999);
    expect(deferred.pendingEntries).toBe(0);
    // 512 cheap entries: written together too.
    for (let i = 0; i < 511; i++) await deferred.put(`e${i}`, { v: i }, 0.01);
    expect(deferred.pendingEntries).toBe(511);
    await deferred.put('e511', { v: 511 }, 0.01);
    expect(deferred.pendingEntries).toBe(0);
    expect((await disk.info()).entries).toBe(2 + 31 + 512);
  });

  it('a failed write loses the entry, and neither put nor flush throws', async () => {
    const failing = { get: () => Promise.resolve(undefined), put: () => Promise.reject(new Error('ENOSPC')) };
    const deferred = new DeferredStore(failing);
    await expect(deferred.put('now', { v: 1 }, 60_000)).resolves.toBeUndefined();
    await deferred.put('later', { v: 2 }, 5);
    await expect(deferred.flush()).resolves.toBeUndefined();
    expect(deferred.pendingEntries).toBe(0);
  });

  it('counts failed writes and keeps the first cause without its path (said once by the evaluator close)', async () => {
    let calls = 0;
    const errors = [
      Object.assign(new Error("ENOSPC: no space left on device, open '/cache/content-v2/sha512/ab/cd'"), { code: 'ENOSPC' }),
      Object.assign(new Error("EACCES: permission denied, open '/cache/tmp/x'"), { code: 'EACCES' }),
    ];
    const failing = { get: () => Promise.resolve(undefined), put: () => Promise.reject(errors[Math.min(calls++, 1)]) };
    const deferred = new DeferredStore(failing);
    expect(deferred.failures).toBeUndefined();
    await deferred.put('a', { v: 1 }, 5);
    await deferred.put('b', { v: 2 }, 5);
    await deferred.put('c', { v: 3 }, 5);
    await deferred.flush();
    expect(deferred.failures).toEqual({ count: 3, cause: 'ENOSPC: no space left on device' });
  });

  it('a store damaged mid-run (content-v2 replaced by a file) fails every write: counted with its cause', async () => {
    const disk = store();
    writeFileSync(join(disk.settings.dir, 'content-v2'), 'not a folder');
    const deferred = new DeferredStore(disk);
    await deferred.put('a', { v: 1 }, 5);
    await deferred.put('b', { v: 2 }, 5);
    await deferred.flush();
    expect(deferred.failures).toEqual({ count: 2, cause: 'ENOTDIR: not a directory' });
    expect(await disk.get('a', isRecord)).toBeUndefined();
  });
});

describe('EvaluationStore reads', () => {
  it('finds the index bucket where cacache writes it (a fresh key misses without loading cacache)', async () => {
    const disk = store();
    const key = 'cosearch/accuracy/0123abc';
    expect(existsSync(indexBucketPath(disk.settings.dir, key))).toBe(false);
    expect(await disk.get(key, isRecord)).toBeUndefined();
    await disk.put(key, { v: 1 });
    expect(existsSync(indexBucketPath(disk.settings.dir, key))).toBe(true);
    expect(await disk.get(key, isRecord)).toEqual({ v: 1 });
  });
});
