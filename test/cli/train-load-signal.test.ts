/**
 * Ctrl-C / SIGTERM while `cosearch train` loads or generates its dataset: generation gives the event loop a turn every
 * 100 ms (between samples), stops there, says so in one line and exits 130 / 143; the dataset cache holds whole chunks
 * only (nothing of the chunk in progress), the run folder is not created. Until 2026-12 the data were generated
 * without a turn: a signal was acted on only once they were loaded (minutes with a fresh cache of saccade-mnist).
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { useCacheDir } from '../helpers/cacheDir.js';
import { register } from '../../src/cli/commands/train.js';
import { startCpuMetered } from './spawn.js';

// In process: the sample generators (wrapped) raise the signals themselves at their `at`-th call (0-based, across
// both splits), then take 110 ms so that the turn before the next sample comes: the sample of the stop is exact.
// Raised to the listeners the command added (those of the test runner's own worker would end it).
const signals = vi.hoisted(() => ({ raise: [] as NodeJS.Signals[], at: -1, calls: 0, runner: new Set<unknown>() }));
const raiseAt = (at: number, ...raise: NodeJS.Signals[]) =>
  Object.assign(signals, { raise, at, calls: 0, runner: new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]) });
vi.mock('../../src/snn/data/saccade.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/snn/data/saccade.js')>();
  return { ...real, saccadeEvents: (...a: Parameters<typeof real.saccadeEvents>) => (hook(), real.saccadeEvents(...a)) };
});
vi.mock('../../src/snn/data/codes.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/snn/data/codes.js')>();
  return { ...real, pushCodedFrames: (...a: Parameters<typeof real.pushCodedFrames>) => (hook(), real.pushCodedFrames(...a)) };
});
function hook(): void {
  if (signals.calls++ !== signals.at) return;
  for (const s of signals.raise.splice(0)) for (const l of process.listeners(s)) if (!signals.runner.has(l)) l(s);
  const until = performance.now() + 110;
  while (performance.now() < until);
}

const dir = mkdtempSync(join(tmpdir(), 'cosearch-train-load-signal-'));
const cache = join(dir, 'cache');
useCacheDir(cache, [dir]);
const cli = cliRunner([register]);
const tiny = (dataset: string, out: string) => ['train', '-n', dataset.startsWith('saccade') ? 'nmnist-fc2' : 'mnist-fc2-small', '-a', 'sdfa',
  '-d', dataset, '--train-samples', '32', '--test-samples', '16', '-e', '1', '-s', 'learning.timesteps=2', '--plain', '-o', out];
/** Every file under the cache folder (chunks and temporary files alike), relative. */
const cached = () => (existsSync(cache) ? readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name).slice(cache.length + 1)).sort() : []);

describe('cosearch train: SIGINT / SIGTERM while generating the data', () => {
  afterEach(() => {
    process.exitCode = undefined;
    signals.at = -1;
  });

  it('SIGTERM during a fresh saccade-mnist: stops at the next sample, one line, no cache entry, no run folder, exit 143', async () => {
    const out = join(dir, 'term');
    raiseAt(2, 'SIGTERM');
    const r = await cli(...tiny('saccade-mnist', out));
    expect(r.exitCode, r.stderr).toBe(143);
    expect(r.stdout).toBe('');
    expect(r.stderr.match(/SIGTERM/g)).toHaveLength(1);
    expect(r.stderr).toContain('train: SIGTERM: stopped while generating saccade-mnist (train split, sample 3/1000); nothing was written; ' +
      'run the command again to start over\n');
    expect(cached()).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('SIGINT in the test split: the finished train chunk stays cached (whole), the test chunk in progress is not written; the rerun reads it', async () => {
    const out = join(dir, 'test-split');
    raiseAt(1000 + 4, 'SIGINT');
    const r = await cli(...tiny('mnist-latency', out));
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toContain('train: SIGINT: stopped while generating mnist-latency (test split, sample 5/1000); the dataset cache keeps ' +
      'the train split and 0 samples of the test split (whole chunks of 1000), nothing else was written; run the command again to continue from there\n');
    expect(cached()).toEqual([join('mnist-latency-v1', 'T2', 'train-000.bin.gz')]);
    raiseAt(-1);
    const again = await cli(...tiny('mnist-latency', out));
    expect(again.exitCode, again.stderr).toBe(0);
    expect(signals.calls).toBe(1000); // the test chunk only: the train chunk came from the cache
    expect(cached()).toEqual([join('mnist-latency-v1', 'T2', 'test-000.bin.gz'), join('mnist-latency-v1', 'T2', 'train-000.bin.gz')]);
  }, 60_000);

  it('a second signal while generating quits at once (exit 130), naming a run folder not written yet', async () => {
    const exits: (string | number | null | undefined)[] = [];
    const out = join(dir, 'twice');
    raiseAt(1, 'SIGINT', 'SIGINT');
    const r = await (async () => {
      vi.spyOn(process, 'exit').mockImplementation((c) => void exits.push(c) as never);
      return cli(...tiny('saccade-mnist-time', out));
    })();
    expect(exits).toEqual([130]);
    expect(r.stderr).toContain(`train: SIGINT again: quit at once; nothing written to ${out} yet; continue with: cosearch`);
    expect(cached()).toEqual(expect.not.arrayContaining([expect.stringContaining('saccade-mnist-time')]));
  }, 60_000);

  it('a real process: Ctrl-C while generating saccade-mnist stops within a second, exit 130, no cache entry', async () => {
    const fresh = join(dir, 'real-cache'); // its own: the data of the tests above are not cached there
    process.env.COSEARCH_CACHE_DIR = fresh;
    const run = startCpuMetered(tiny('saccade-mnist', join(dir, 'real')), 90_000);
    process.env.COSEARCH_CACHE_DIR = cache;
    let stderr = '';
    await new Promise<void>((resolve) => run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()).includes('train: loading') && resolve()));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Within a second of its own CPU time: the wall clock took 1.5 s at load 11 (2026-12-07).
    const { finished: r, cpuAfter_ms } = await run.signal('SIGINT');
    expect(cpuAfter_ms).toBeLessThan(1500);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/\ntrain: SIGINT: stopped while generating saccade-mnist \(train split, sample \d+\/1000\); nothing was written; /);
    expect(existsSync(fresh) ? readdirSync(fresh, { recursive: true }) : []).toEqual([]);
  }, 120_000);
});
