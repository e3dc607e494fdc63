/**
 * The persistent evaluation cache's store: JSON values under string keys in a cacache directory (the
 * content-addressable cache npm itself uses). cacache writes each value to a temporary file and moves it into
 * place, appends index lines with their own hash and checks every read against the content's sha512, so several
 * processes (search workers, a second `cosearch evaluate`) may read and write one directory at once; a value
 * that is missing, torn or fails its check reads as a miss, never as a wrong result.
 * Size: the directory's bytes (files' sizes, not disk blocks) are kept under a limit by removing the oldest
 * written entries first (FIFO by write time: a hit does not refresh an entry), checked at most once a minute
 * across processes (docs/cache.md).
 */
import { createHash } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
import { lstat, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type cacacheModule from 'cacache';
import { cacheRoot, parseNumberText } from '../../core/index.js';
import { decodeJson, encodeJson } from './json.js';

/** Default size limit: a cnn-mnist entry is ~0.7 KB, a VGG16 one ~2 KB, plus ~0.3 KB of index each (docs/cache.md). */
export const DEFAULT_CACHE_MAX_MB = 256;
/** Eviction goes down to this share of the limit, so a full cache is not trimmed on every write. */
const EVICT_TO_SHARE = 0.8;
/** Writes between two size checks of one store (a size check walks the directory). */
const WRITES_PER_SIZE_CHECK = 50;
/**
 * At most one size check per this interval across every process sharing the directory (a marker file's mtime):
 * a walk of a full cache (~10^5 entries, 2x10^5 files) takes seconds, and workers each check their own store.
 */
const SIZE_CHECK_INTERVAL_MS = 60_000;
const SIZE_CHECK_MARKER = 'size-checked';

/** The smallest size limit taken (MB). */
const MIN_CACHE_MAX_MB = 1;

export interface CacheSettings {
  readonly dir: string;
  readonly maxBytes: number;
}

/**
 * Where the cache lives and how large it may grow: `COSEARCH_CACHE_DIR`, else `$XDG_CACHE_HOME/cosearch`, else
 * `~/.cache/cosearch` (cacheRoot: an empty COSEARCH_CACHE_DIR, or a path that is not a directory, is refused);
 * `COSEARCH_CACHE_MAX_MB` (default 256). Every command that uses the cache calls this before its work.
 */
export function cacheSettings(env: NodeJS.ProcessEnv = process.env): CacheSettings {
  const dir = cacheRoot(env);
  const raw = env.COSEARCH_CACHE_MAX_MB;
  // At least 1 MB (~400 entries of ~2.6 KB): a smaller limit rounded to 0 bytes and evicted every entry, silently.
  const mb = raw === undefined || raw === '' ? DEFAULT_CACHE_MAX_MB : parseNumberText('COSEARCH_CACHE_MAX_MB', raw, { min: MIN_CACHE_MAX_MB, why: 'megabytes' });
  return { dir, maxBytes: Math.round(mb * 1024 * 1024) };
}

export interface CacheInfo {
  readonly dir: string;
  readonly entries: number;
  /** Bytes of every file under the directory (index and content). */
  readonly bytes: number;
  readonly maxBytes: number;
  /** The store cannot be used (storeDamage): then `entries` is 0, none being readable, and `bytes` what its files hold. */
  readonly damaged?: string;
}

type Cacache = typeof cacacheModule;
let loading: Promise<Cacache> | undefined;
/** cacache (~80 ms to load) is imported by the first store operation, not by every command that imports this module. */
const loadCacache = (): Promise<Cacache> => (loading ??= import('cacache').then((m) => m.default));

/**
 * Where cacache keeps the index bucket of `key` (cacache 20, lib/entry-index.js `bucketPath`: index-v5 and the key's
 * sha256 in segments of 2, 2 and the rest). Read without loading cacache so that a miss costs one `lstat` call; if a
 * later cacache moved its index, every read would miss (never a wrong value), and test/io/cache/store.test.ts fails.
 */
export function indexBucketPath(dir: string, key: string): string {
  const hash = createHash('sha256').update(key).digest('hex');
  return join(dir, 'index-v5', hash.slice(0, 2), hash.slice(2, 4), hash.slice(4));
}

// cacache 20 accepts `removeFully` (drop the index bucket instead of appending a tombstone); its types omit it.
type RemoveEntry = (cache: string, key: string, opts: { removeFully: boolean }) => Promise<unknown>;

/** cacache's refusal of content that does not match its digest (EINTEGRITY) or its recorded size (EBADSIZE). */
function isDamagedContent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EINTEGRITY' || code === 'EBADSIZE';
}

export class EvaluationStore {
  private writes = 0;

  constructor(readonly settings: CacheSettings) {}

  /** The value under `key` if it is there, intact and passes `check`; undefined otherwise. */
  async get<T>(key: string, check: (value: unknown) => value is T): Promise<T | undefined> {
    // A key without an index bucket is a miss: no need to load cacache (~80 ms per thread) for a fresh cache's misses.
    if (!(await isRegularFile(indexBucketPath(this.settings.dir, key)))) return undefined;
    let data: Buffer;
    const cacache = await loadCacache().catch(() => undefined);
    if (!cacache) return undefined;
    let integrity: string | undefined;
    try {
      const entry = await cacache.get.info(this.settings.dir, key);
      // Only a regular file is read: cacache opens the content without a check, and a FIFO put there (or a device)
      // blocked that open for ever, deaf to SIGTERM (the read holds a libuv thread). Anything else is a miss.
      if (entry === null || !(await isRegularFile(entry.path))) return undefined;
      integrity = entry.integrity;
      data = await cacache.get.byDigest(this.settings.dir, integrity);
    } catch (error) {
      // A content file that fails its check (cut short, a byte changed) is removed: cacache's put keeps a content
      // file that exists, so it stayed a miss for ever and every run computed and stored that entry again. Another
      // process's good copy removed by a race is one more miss.
      if (integrity !== undefined && isDamagedContent(error)) await cacache.rm.content(this.settings.dir, integrity).catch(() => false);
      return undefined; // not there, or its content was evicted or failed its integrity check
    }
    const value = decodeJson(data.toString('utf8'));
    return check(value) ? value : undefined;
  }

  /** Store `value` under `key` (a later write of the same key wins); keeps the directory under its size limit. */
  async put(key: string, value: unknown): Promise<void> {
    await (await loadCacache()).put(this.settings.dir, key, encodeJson(value));
    if (this.writes++ % WRITES_PER_SIZE_CHECK === 0 && await this.sizeCheckDue()) await this.evict();
  }

  /** True (and the marker renewed) when no process has checked the size within SIZE_CHECK_INTERVAL_MS. */
  private async sizeCheckDue(): Promise<boolean> {
    const marker = join(this.settings.dir, SIZE_CHECK_MARKER);
    const checked = await stat(marker).then((s) => s.mtimeMs, () => 0);
    if (Date.now() - checked < SIZE_CHECK_INTERVAL_MS) return false;
    await writeFile(marker, '').catch(() => undefined);
    return true;
  }

  async info(): Promise<CacheInfo> {
    const { dir, maxBytes } = this.settings;
    const damaged = storeDamage(dir);
    // A damaged store's index still lists its entries, none of which reads (QA runs defect 3: "entries: 7, 3.4 KB").
    const entries = damaged !== undefined ? 0 : Object.keys(await listEntries(await loadCacache(), dir)).length;
    return { dir, entries, bytes: await storeBytes(dir), maxBytes, ...(damaged !== undefined ? { damaged } : {}) };
  }

  async clear(): Promise<void> {
    await (await loadCacache()).rm.all(this.settings.dir);
  }

  /**
   * When the directory is over the limit, remove the oldest written entries (and content no kept entry uses)
   * until it is under EVICT_TO_SHARE of it. Returns the entries removed. Safe against a concurrent evictor or
   * writer: a removal of what is already gone is a no-op, and a read of removed content is a miss.
   */
  async evict(): Promise<number> {
    const { dir, maxBytes } = this.settings;
    let bytes = await storeBytes(dir);
    if (bytes <= maxBytes) return 0;
    const cacache = await loadCacache();
    const removeEntry: RemoveEntry = cacache.rm.entry;
    const entries = Object.values(await listEntries(cacache, dir)).sort((a, b) => a.time - b.time);
    const uses = new Map<string, number>();
    for (const e of entries) uses.set(e.integrity, (uses.get(e.integrity) ?? 0) + 1);
    const target = maxBytes * EVICT_TO_SHARE;
    let removed = 0;
    // Remove by an estimate of each entry's bytes, then measure again: repeat until the directory is under target.
    while (bytes > target && removed < entries.length) {
      let estimate = bytes;
      while (estimate > target && removed < entries.length) {
        const e = entries[removed++];
        await removeEntry(dir, e.key, { removeFully: true });
        // An index bucket holds the entry's JSON line (its key, integrity, time and metadata) and a hash of it.
        estimate -= JSON.stringify(e).length + 64;
        const left = (uses.get(e.integrity) ?? 1) - 1;
        uses.set(e.integrity, left);
        if (left === 0) {
          await cacache.rm.content(dir, e.integrity).catch(() => false);
          estimate -= e.size;
        }
      }
      bytes = await storeBytes(dir);
    }
    return removed;
  }
}

/**
 * cacache's listing of the store. cacache reads every index bucket without a check, so a FIFO among them (or a
 * symbolic link to one) blocked `cache info` and eviction for ever, deaf to SIGTERM: whatever in the index is not a
 * folder or a regular file is not cacache's, and is removed first (unlinked, never opened).
 */
async function listEntries(cacache: Cacache, dir: string): ReturnType<Cacache['ls']> {
  await removeForeignEntries(join(dir, 'index-v5'));
  return cacache.ls(dir);
}

async function removeForeignEntries(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await removeForeignEntries(path);
    else if (!entry.isFile()) await unlink(path).catch(() => undefined);
  }
}

/** True when `path` is a regular file (not a FIFO, device, folder or symbolic link, none of which cacache writes). */
const isRegularFile = (path: string): Promise<boolean> => lstat(path).then((s) => s.isFile(), () => false);

/**
 * The folders cacache 20 keeps a store in (index-v5, content-v2, and tmp while writing). The training datasets' cache
 * shares the cache root (src/core/cacheRoot.ts) and is not the store's: counting it made eviction remove every entry
 * and still leave the folder over the limit.
 */
const STORE_FOLDERS = ['index-v5', 'content-v2', 'tmp'] as const;

/**
 * What makes the store under the cache root `dir` unusable, or undefined: one of its folders replaced by something
 * else (a file where content-v2 should be): every lookup then misses and every write fails (cacache cannot create the
 * entry's folder), silently, while the index still lists the entries (QA runs defect 3). `cosearch cache clear`
 * removes it (cacache's rm.all removes the store's folders and anything in their place).
 */
export function storeDamage(dir: string): string | undefined {
  for (const folder of STORE_FOLDERS) {
    const path = join(dir, folder);
    let kind: string;
    try {
      // A folder, or a link to one (followed, as cacache follows it): usable.
      const s = statSync(path);
      if (s.isDirectory()) continue;
      kind = s.isFile() ? 'a file' : 'not a folder';
    } catch {
      // Not there (a store not written yet; tmp exists only while writing), unless a link to nothing is.
      if (!lstatSync(path, { throwIfNoEntry: false })) continue;
      kind = 'a link to nothing';
    }
    return `${path} is ${kind}, expected a folder of the store: every lookup misses and every write fails`;
  }
  return undefined;
}

/** Bytes of the store's own files under the cache root `dir`. */
export async function storeBytes(dir: string): Promise<number> {
  let total = 0;
  for (const folder of STORE_FOLDERS) total += await directoryBytes(join(dir, folder));
  return total;
}

/** Total size of the files under `dir` (0 when it does not exist). */
export async function directoryBytes(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directoryBytes(path);
    else if (entry.isFile()) total += await stat(path).then((s) => s.size, () => 0);
  }
  return total;
}
