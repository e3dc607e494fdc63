/**
 * The cache folder is checked by every command that uses it before its work (src/core/cacheRoot.ts): an empty
 * COSEARCH_CACHE_DIR is refused (it used to mean the user's real cache, which `cache clear` then emptied), and so is
 * a path that is not a directory (`evaluate` used to compute, then die with ENOTDIR and a stack; `search` ran on
 * without its cache; `cache info|clear` printed an empty cache).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliRunner } from '../../cli-harness.js';
import { tempDirs } from '../../helpers/tempDirs.js';
import { register as registerCache } from '../../../src/cli/commands/cache.js';
import { register as registerEvaluate } from '../../../src/cli/commands/evaluate.js';
import { register as registerSearch } from '../../../src/cli/commands/search.js';
import { EvaluationStore } from '../../../src/io/cache/index.js';

const cli = cliRunner([registerEvaluate, registerCache, registerSearch]);
const tempDir = tempDirs('cosearch-cache-location-');
const saved = { dir: process.env.COSEARCH_CACHE_DIR, xdg: process.env.XDG_CACHE_HOME };
let dir: string;
let xdg: string;
beforeEach(() => {
  dir = tempDir();
  // The default the variable would fall back to is a temporary folder too: nothing here may touch the user's cache.
  xdg = join(dir, 'xdg');
  process.env.XDG_CACHE_HOME = xdg;
});
afterEach(() => {
  for (const [key, value] of [['COSEARCH_CACHE_DIR', saved.dir], ['XDG_CACHE_HOME', saved.xdg]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const oneLine = (stderr: string, message: RegExp) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(message);
};

describe('the cache folder, checked before any work', () => {
  it('COSEARCH_CACHE_DIR="" is refused: cache clear leaves the default cache alone, evaluate and info do not run', async () => {
    const fallback = new EvaluationStore({ dir: join(xdg, 'cosearch'), maxBytes: 1e6 });
    await fallback.put('kept', { x: 1 });
    process.env.COSEARCH_CACHE_DIR = '';
    const empty = /^cosearch: COSEARCH_CACHE_DIR: got "", expected a directory path or unset/;
    for (const args of [['cache', 'clear'], ['cache', 'info'], ['evaluate', '-n', 'mlp-mnist', '--samples', '10', '--set', 'accuracy.macSamples=10', '--json']]) {
      const r = await cli(...args);
      expect(r.exitCode, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      oneLine(r.stderr, empty);
    }
    expect((await fallback.info()).entries).toBe(1);
  }, 60_000);

  it('a regular file (or a path under one) is refused by cache info, cache clear, evaluate and search, before they work', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a cache');
    const notDir = /^cosearch: COSEARCH_CACHE_DIR: got ".*a-file" \(it exists and is not a directory\), expected a directory path/;
    process.env.COSEARCH_CACHE_DIR = file;
    const out = join(dir, 'run');
    for (const args of [['cache', 'info'], ['cache', 'clear'], ['evaluate', '-n', 'mlp-mnist', '--samples', '10', '--set', 'accuracy.macSamples=10', '--json'],
      ['search', 'test/search/fixtures/lazy-mlp-mnist.json', '--budget', '4', '--in-thread', '--plain', '--out', out]]) {
      const r = await cli(...args);
      expect(r.exitCode, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      oneLine(r.stderr, notDir);
    }
    expect(existsSync(out)).toBe(false);
    process.env.COSEARCH_CACHE_DIR = join(file, 'sub');
    const under = await cli('cache', 'info');
    expect(under.exitCode).toBe(1);
    oneLine(under.stderr, /got ".*a-file\/sub" \(.*a-file is not a directory\)/);
    // --no-cache, and work that never reads the cache (no accuracy engine), do not use the folder: no check.
    process.env.COSEARCH_CACHE_DIR = file;
    const bypass = await cli('evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--json', '--no-cache');
    expect(bypass.exitCode, bypass.stderr).toBe(0);
    const elaOnly = await cli('evaluate', '-n', 'vgg16-cifar10', '--no-accuracy', '--json');
    expect(elaOnly.exitCode, elaOnly.stderr).toBe(0);
    const elaSpace = join(dir, 'ela.json');
    writeFileSync(elaSpace, JSON.stringify({ name: 'ela', network: 'vgg16-cifar10', parameters: { 'adc.bits': [4, 6] }, objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: 'grid', seed: 1 }));
    const elaSearch = await cli('search', elaSpace, '--in-thread', '--plain', '--out', join(dir, 'ela-run'));
    expect(elaSearch.exitCode, elaSearch.stderr).toBe(0);
  }, 120_000);

  it('a path under a kernel file system is refused before any mkdir (under /proc the first one never returned)', async () => {
    for (const path of ['/proc/cosearch-cache/x', '/sys/cosearch-cache']) {
      process.env.COSEARCH_CACHE_DIR = path;
      const r = await cli('cache', 'info');
      expect(r.exitCode, path).toBe(1);
      oneLine(r.stderr, new RegExp(`^cosearch: COSEARCH_CACHE_DIR: got "${path}" \\(under /${path.split('/')[1]}, a kernel file system\\), expected a directory on a disk`));
    }
  });

  it('a directory, or a path that does not exist yet, is used', async () => {
    const fresh = join(dir, 'fresh', 'cache');
    process.env.COSEARCH_CACHE_DIR = fresh;
    const r = await cli('cache', 'info', '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ dir: fresh, entries: 0 });
    mkdirSync(fresh, { recursive: true });
    expect((await cli('cache', 'clear')).exitCode).toBe(0);
  });
});
