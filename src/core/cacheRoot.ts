/**
 * Where cosearch keeps its caches (the persistent evaluation cache, docs/cache.md; the learning datasets' frames,
 * docs/training.md): `COSEARCH_CACHE_DIR`, else `$XDG_CACHE_HOME/cosearch`, else `~/.cache/cosearch`. Resolved and
 * checked before any work, so a command never computes for minutes and then fails on the cache, nor runs on
 * silently without it:
 * - `COSEARCH_CACHE_DIR=""` is refused, not read as unset: falling back to the user's real cache would let
 *   `cosearch cache clear` empty it;
 * - a path that exists and is not a directory, or lies under a file, is refused (every write would fail there);
 * - so is one under a kernel file system (/proc, /sys, /dev): under /proc the cache's first mkdir never returned.
 * A path that does not exist yet is fine: the cache creates it on its first write.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, describeValue } from './errors.js';
import { kernelFileSystemOf } from './input/output.js';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const own = env.COSEARCH_CACHE_DIR;
  if (own === '') throw new ConfigError('COSEARCH_CACHE_DIR: got "", expected a directory path or unset (unset: the default cache)');
  const field = own === undefined ? 'cache directory (COSEARCH_CACHE_DIR unset)' : 'COSEARCH_CACHE_DIR';
  const dir = own ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cosearch');
  const existing = firstExisting(dir);
  if (existing && !existing.isDirectory) {
    const what = existing.path === resolve(dir) ? 'it exists and is not a directory' : `${existing.path} is not a directory`;
    throw new ConfigError(`${field}: got ${describeValue(dir)} (${what}), expected a directory path or one that can be created`);
  }
  const kernel = existing && kernelFileSystemOf(existing.path);
  if (kernel) throw new ConfigError(`${field}: got ${describeValue(dir)} (under ${kernel}, a kernel file system), expected a directory on a disk`);
  return dir;
}

/** The first existing path on the way up from `dir` (itself first), and whether it is a directory; undefined when none can be stat'ed. */
function firstExisting(dir: string): { path: string; isDirectory: boolean } | undefined {
  for (let p = resolve(dir); ; p = dirname(p)) {
    try {
      return { path: p, isDirectory: statSync(p).isDirectory() };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Missing, or under a file (ENOTDIR): look further up. Anything else (no permission): left to the writes.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(p) !== p) continue;
      return undefined;
    }
  }
}
