/**
 * Ctrl-C / SIGTERM during `cosearch train`: the loop gives the event loop a turn every 100 ms, stops there (the epoch
 * in progress is dropped, the folder keeps the last finished one), says so in one line with the command that resumes
 * it, and exits 130 / 143; the printed command continues the run. A second signal quits at once. Until 2026-12 the
 * synchronous loop trained on through every epoch and printed the completion line before exiting.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { useCacheDir } from '../helpers/cacheDir.js';
import { register } from '../../src/cli/commands/train.js';
import { decodeLearnedWeights } from '../../src/snn/learn/weightsFile.js';
import { cosearch, startCpuMetered, waitFor } from './spawn.js';

// In process: the CLI's progress (wrapped) raises the signals itself at the first mini-batch, deterministically.
const signals = vi.hoisted(() => ({ raise: [] as NodeJS.Signals[] }));
vi.mock('../../src/snn/learn/session.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/snn/learn/session.js')>();
  return {
    ...real,
    runTraining: (run: unknown, train: unknown, test: unknown, progress: import('../../src/snn/learn/session.js').TrainProgress, ...rest: unknown[]) =>
      (real.runTraining as (...a: unknown[]) => unknown)(run, train, test, {
        ...progress,
        batch: (done: number, loss: number, correct: number) => {
          for (const s of signals.raise.splice(0)) process.emit(s, s);
          progress.batch(done, loss, correct);
        },
      }, ...rest),
  };
});

const dir = mkdtempSync(join(tmpdir(), 'cosearch-train-signal-'));
useCacheDir(join(dir, 'cache'), [dir]);
const cli = cliRunner([register]);
const tiny = ['train', '-n', 'mnist-fc2-small', '-a', 'sdfa', '-d', 'mnist-latency', '--train-samples', '32', '--test-samples', '16', '-e', '3',
  '-s', 'learning.timesteps=2', '-s', 'learning.batchSize=16', '--plain'];
const rows = (out: string) => existsSync(join(out, 'epochs.csv')) ? readFileSync(join(out, 'epochs.csv'), 'utf8').trim().split('\n').length - 1 : 0;

describe('cosearch train: SIGINT / SIGTERM', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('SIGTERM stops before the next epoch: one line, the folder holds the finished epochs, exit 143', async () => {
    const out = join(dir, 'term');
    signals.raise = ['SIGTERM'];
    const r = await cli(...tiny, '-o', out);
    expect(r.exitCode, r.stderr).toBe(143);
    expect(r.stdout).toBe('');
    expect(r.stderr.match(/SIGTERM/g)).toHaveLength(1);
    // The signal comes at epoch 1's first mini-batch; the loop sees it at its next turn of the event loop (every
    // 100 ms) or at epoch 2's start, whichever comes first: on a loaded machine epoch 1 can outlast a turn. Either
    // way the line names the epoch it stopped in and what the folder holds, and nothing after the signal is written.
    const done = rows(out);
    expect(done).toBeLessThanOrEqual(1);
    const holds = done === 0 ? `no epoch finished yet (${out} holds the manifest only)` : `${out} holds epoch 1`;
    expect(r.stderr).toContain(`train: SIGTERM: stopped during epoch ${done + 1}/3; ${holds}, the unfinished epoch is redone on resume; continue with: cosearch`);
  }, 60_000);

  it('a second signal quits at once (exit 130)', async () => {
    const exits: (string | number | null | undefined)[] = [];
    const out = join(dir, 'twice');
    signals.raise = ['SIGINT', 'SIGINT'];
    const r = await (async () => {
      vi.spyOn(process, 'exit').mockImplementation((c) => void exits.push(c) as never);
      return cli(...tiny, '-o', out);
    })();
    expect(exits).toEqual([130]);
    expect(r.stderr).toContain(`train: SIGINT again: quit at once; no epoch finished yet (${out} holds the manifest only); continue with: cosearch`);
  }, 60_000);

  it('a real process: Ctrl-C mid-run stops within a second; the printed command resumes it to the end', async () => {
    const out = join(dir, 'real');
    const args = ['train', '-n', 'mnist-fc2-small', '-a', 'sdfa', '-d', 'mnist-latency', '--train-samples', '6000', '--test-samples', '100', '-e', '8',
      '-s', 'learning.batchSize=32', '--plain', '-o', out];
    const run = startCpuMetered(args, 120_000);
    await waitFor(join(out, 'epochs.csv'), () => true, 90_000);
    // Within a second of its own CPU time, not of the wall clock, which a loaded machine stretches (2026-12-07).
    const { finished: r, cpuAfter_ms } = await run.signal('SIGINT');
    expect(cpuAfter_ms).toBeLessThan(1500);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toBe('');
    const line = r.stderr.split('\n').find((l) => l.startsWith('train: SIGINT: stopped during epoch '));
    expect(line, r.stderr).toBeDefined();
    const done = rows(out);
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(8);
    expect(line).toContain(`stopped during epoch ${done + 1}/8; ${out} holds epoch${done === 1 ? ' 1' : `s 1-${done}`}`);
    expect(decodeLearnedWeights(readFileSync(join(out, 'weights.snnw')), 'weights.snnw').header.epochs).toBe(done);
    const resume = line!.split('continue with: ')[1];
    expect(resume).toBe(`cosearch ${args.join(' ')}`);
    const again = await cosearch(resume.split(' ').slice(1), 120_000);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`train: resumed after epoch ${done}`);
    expect(again.stdout).toContain('after 8 epochs');
    expect(rows(out)).toBe(8);
  }, 240_000);
});
