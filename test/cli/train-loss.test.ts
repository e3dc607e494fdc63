/**
 * `cosearch train --loss mse|cross-entropy --detach-reset` (the released SDFA code's settings): validated, reach the
 * trainer, recorded in the manifest and the weights file's header, part of what a resumed run must share.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLearnedWeights } from '../../src/snn/learn/weightsFile.js';
import { cosearch } from './spawn.js';
import { useCacheDir } from '../helpers/cacheDir.js';

const dir = mkdtempSync(join(tmpdir(), 'cosearch-train-loss-'));
const cache = mkdtempSync(join(tmpdir(), 'cosearch-train-loss-cache-'));
useCacheDir(cache, [dir, cache]);

const base = ['train', '-n', 'mnist-fc2-small', '-a', 'sdfa', '-d', 'mnist-latency', '--train-samples', '64', '--test-samples', '32', '-e', '2',
  '-s', 'learning.timesteps=4', '-s', 'learning.batchSize=16', '-s', 'learning.seed=3', '--plain'];
const losses = (folder: string) => readFileSync(join(folder, 'epochs.csv'), 'utf8').trim().split('\n').slice(1).map((r) => Number(r.split(',')[1]));
const manifest = (folder: string) => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const weights = (folder: string) => decodeLearnedWeights(readFileSync(join(folder, 'weights.snnw')), 'weights.snnw');

describe('cosearch train --loss / --detach-reset', () => {
  it('refuses an unknown loss in one line naming the flag, the value and the choices', async () => {
    const r = await cosearch([...base, '--loss', 'l1', '-o', join(dir, 'bad')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--loss: got "l1", expected one of cross-entropy, mse/);
  });

  it('records the settings, trains with them, resumes with them and refuses to resume with others', async () => {
    const mse = join(dir, 'mse');
    const ce = join(dir, 'ce');
    const attached = join(dir, 'mse-attached');
    for (const [out, extra] of [[mse, ['--loss', 'mse', '--detach-reset']], [ce, []], [attached, ['--loss', 'mse']]] as const) {
      const r = await cosearch([...base, ...extra, '-o', out], 120_000);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(manifest(mse)).toMatchObject({ loss: 'mse', detachReset: true });
    expect(manifest(ce)).toMatchObject({ loss: 'cross-entropy', detachReset: false });
    expect(weights(mse).header).toMatchObject({ loss: 'mse', detachReset: true });
    expect(weights(ce).header).toMatchObject({ loss: 'cross-entropy', detachReset: false });
    // MSE of rates in [0, 1] against one-hot is at most 1; cross-entropy of softmax(rates) is at least ln(1 + 9/e) = 1.46.
    for (const l of losses(mse)) expect(l).toBeLessThanOrEqual(1);
    for (const l of losses(ce)) expect(l).toBeGreaterThan(Math.log(1 + 9 / Math.E));
    // The reset gradient reaches the trainer: same loss, same seed, other weights.
    expect(Array.from(weights(attached).weights[0])).not.toEqual(Array.from(weights(mse).weights[0]));
    const again = await cosearch([...base, '--loss', 'mse', '--detach-reset', '-o', mse], 120_000);
    expect(again.code, again.stderr).toBe(0);
    // The same settings match the finished run (with others, below, they do not).
    expect(again.stdout).toMatch(/^train: .* is already complete \(2 epochs, test accuracy [\d.]+ %\); nothing to resume\n$/);
    const other = await cosearch([...base, '--loss', 'mse', '-o', mse], 120_000);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/other settings/);
  }, 300_000);
});
