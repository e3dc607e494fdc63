/** A persistent-cache folder of a test file's own: COSEARCH_CACHE_DIR set before its tests, restored and removed after. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

/** Points COSEARCH_CACHE_DIR at `dir` for this file's tests (beforeAll), then restores it and removes the given `remove` folders. */
export function useCacheDir(dir: string, remove: readonly string[] = [dir]): void {
  const saved = process.env.COSEARCH_CACHE_DIR;
  beforeAll(() => {
    process.env.COSEARCH_CACHE_DIR = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.COSEARCH_CACHE_DIR;
    else process.env.COSEARCH_CACHE_DIR = saved;
    for (const folder of remove) rmSync(folder, { recursive: true, force: true });
  });
}
