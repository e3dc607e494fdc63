/** `cosearch evaluate --no-cache`, `--samples`, `--chips` and `cosearch cache info|clear` against a temporary COSEARCH_CACHE_DIR. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../../cli-harness.js';
import { register as registerCache } from '../../../src/cli/commands/cache.js';
import { register as registerEvaluate } from '../../../src/cli/commands/evaluate.js';

const cli = cliRunner([registerEvaluate, registerCache]);
let dir: string;
const saved = process.env.COSEARCH_CACHE_DIR;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cosearch-cache-'));
  process.env.COSEARCH_CACHE_DIR = dir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.COSEARCH_CACHE_DIR;
  else process.env.COSEARCH_CACHE_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

const entries = async () => JSON.parse((await cli('cache', 'info', '--json')).stdout) as { entries: number; dir: string };

describe('cosearch evaluate with the persistent cache', () => {
  it('stores one entry per configuration, bypasses the cache with --no-cache, and clears', async () => {
    const args = ['evaluate', '-n', 'mlp-mnist', '--samples', '10', '--set', 'accuracy.macSamples=10', '--json'];
    expect(await entries()).toEqual(expect.objectContaining({ entries: 0, dir }));
    const cold = await cli(...args);
    expect(cold.exitCode).toBe(0);
    expect(JSON.parse(cold.stdout)).toMatchObject({ accuracyDetail: { samples: 10 } });
    expect((await entries()).entries).toBe(1);
    const warm = await cli(...args);
    expect(warm.stdout).toBe(cold.stdout);
    expect((await entries()).entries).toBe(1);
    // --no-cache neither reads nor writes: a new configuration leaves no entry.
    const bypass = await cli(...args.map((a) => (a === '10' ? '11' : a)), '--no-cache');
    expect(JSON.parse(bypass.stdout)).toMatchObject({ accuracyDetail: { samples: 11 } });
    expect((await entries()).entries).toBe(1);
    const cleared = await cli('cache', 'clear');
    expect(cleared.stdout).toMatch(/^cache cleared: 1 entries, [\d.]+ (KB|MB) \(/);
    expect((await entries()).entries).toBe(0);
  }, 120_000);

  it('shows --samples, --chips and --no-cache in its help', async () => {
    const help = await cli('evaluate', '--help');
    expect(help.stdout).toContain('--samples <n>');
    expect(help.stdout).toContain('--chips <k>');
    expect(help.stdout).toContain('--no-cache');
  });

  it('--chips K is accuracy.chips: the mean over K chips, each chip stored with the result, and refused when it cannot fit', async () => {
    const args = ['evaluate', '-n', 'mlp-mnist', '--samples', '10', '--set', 'accuracy.macSamples=10', '--json', '--no-cache'];
    const two = JSON.parse((await cli(...args, '--chips', '2')).stdout) as { accuracy: number; accuracyDetail: { samples: number; chips: { accuracies: number[] } } };
    expect(two.accuracyDetail.samples).toBe(20);
    expect(two.accuracyDetail.chips.accuracies).toHaveLength(2);
    expect(two.accuracy).toBeCloseTo((two.accuracyDetail.chips.accuracies[0] + two.accuracyDetail.chips.accuracies[1]) / 2, 12);
    const tooMany = await cli(...args.map((a) => (a === '10' ? '2000' : a)), '--chips', '6');
    expect(tooMany.exitCode).toBe(1);
    expect(tooMany.stderr).toContain('accuracy.chips: got 6 chips of 2000 samples, expected chips x accuracy.samples <= 10000 test images');
  }, 120_000);
});
