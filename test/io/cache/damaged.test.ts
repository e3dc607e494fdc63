/**
 * A store whose content folder was replaced by a file (QA runs defect 3): every lookup misses and every write fails,
 * yet `cache info` counted its 7 entries (3.4 KB). Now `cache info` says the store is damaged in one line (what, where,
 * the fix) and exits 1, a search using it says so once up front, and `cache clear` mends it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../../cli-harness.js';
import { useCacheDir } from '../../helpers/cacheDir.js';
import { EvaluationStore } from '../../../src/io/cache/index.js';
import { register as registerCache } from '../../../src/cli/commands/cache.js';
import { register as registerSearch } from '../../../src/cli/commands/search.js';

const cli = cliRunner([registerCache, registerSearch]);
const dir = mkdtempSync(join(tmpdir(), 'cosearch-cache-damaged-'));
useCacheDir(dir);

describe('a damaged cache store', () => {
  it('is reported as damaged, not counted; a search says so once; cache clear mends it', async () => {
    const store = new EvaluationStore({ dir, maxBytes: 1e9 });
    for (let i = 0; i < 7; i++) await store.put(`key-${i}`, { value: i });
    expect((await store.info()).entries).toBe(7);
    const content = join(dir, 'content-v2');
    rmSync(content, { recursive: true });
    writeFileSync(content, 'not a folder');
    expect(await store.get('key-0', (_v): _v is unknown => true)).toBeUndefined();
    await expect(store.put('key-7', { value: 7 })).rejects.toThrow();

    const why = `${content} is a file, expected a folder of the store: every lookup misses and every write fails`;
    expect(await store.info()).toMatchObject({ entries: 0, damaged: why });
    for (const args of [['cache', 'info'], ['cache', 'info', '--json']]) {
      const info = await cli(...args);
      expect(info.exitCode).toBe(1);
      expect(info.stdout).toBe('');
      expect(info.stderr).toBe(`cosearch: cache info: the cache in ${dir} is damaged: ${why}; empty it with: cosearch cache clear\n`);
    }

    const space = join(dir, 's.json');
    writeFileSync(space, JSON.stringify({ name: 's', network: 'mlp-mnist', base: { 'accuracy.samples': 10, 'accuracy.macSamples': 10 },
      parameters: { 'adc.bits': [4, 6] }, objectives: ['energy_pJ:min', 'accuracy:max'], strategy: 'grid' }));
    const search = await cli('search', space, '--out', join(dir, 'run'), '--in-thread', '--plain');
    expect(search.exitCode, search.stderr).toBe(0);
    const warnings = search.stderr.split('\n').filter((l) => l.includes('damaged'));
    expect(warnings).toEqual([`search: warning: the cache in ${dir} is damaged (${why}): this run computes every accuracy and stores none; empty it with: cosearch cache clear`]);

    const cleared = await cli('cache', 'clear');
    expect(cleared.exitCode, cleared.stderr).toBe(0);
    const after = await cli('cache', 'info', '--json');
    expect(after.exitCode).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ entries: 0 });
    await store.put('key-8', { value: 8 });
    expect(await store.get('key-8', (_v): _v is { value: number } => true)).toEqual({ value: 8 });
  }, 120_000);
});
