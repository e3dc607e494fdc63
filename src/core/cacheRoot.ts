/**
 * Where cosearch keeps its caches (the persistent evaluation cache, docs/cache.md; the learning datasets' frames,
 * docs/training.md): `COSEARCH_CACHE_DIR`, else `$XDG_CACHE_HOME/cosearch`, else `~/.cache/cosearch`. Resolved and
 * checked before any work, so a command never computes for minutes and then fails on the cache, nor runs on
 * silently without it:
 * - `COSEARCH_CACHE_DIR=""` is refused, not read as unset: falling back to the user's real cache would let
 *   `cosearch cache clear` empty it;
 * - a path that exists and is not a directory, or lies under a file, is refused (every write would fail there).
 * A path that does not exist yet is fine: the cache creates it on its first write.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, describeValue } from './errors.js';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const own = env.COSEARCH_CACHE_DIR;
  if (own === '') throw new ConfigError('COSEARCH_CACHE_DIR: got "", expected a directory path or unset (unset: the default cache)');
  const field = own === undefined ? 'cache directory (COSEARCH_CACHE_DIR unset)' : 'COSEARCH_CACHE_DIR';
  const dir = own ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cosearch');
  const blocker = notDirectory(dir);
  if (blocker !== undefined) {
    const what = blocker === resolve(dir) ? 'it exists and is not a directory' : `${blocker} is not a directory`;
    throw new ConfigError(`${field}: got ${describeValue(dir)} (${what}), expected a directory path or one that can be created`);
  }
  return dir;
}

/** The first existing path on the way up from `dir` when it is not a directory; undefined when it is (or nothing exists). */
function notDirectory(dir: string): string | undefined {
  for (let p = resolve(dir); ; p = dirname(p)) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(p).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Missing, or under a file (ENOTDIR): look further up. Anything else (no permission): left to the writes.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(p) !== p) continue;
      return undefined;
    }
    return isDirectory ? undefined : p;
  }
}
