/**
 * `cosearch train` refuses nonsense before any data are loaded, in one line naming the field: --set values out of
 * their range (the settings registry, src/snn/learn/settings.ts), --hardware per-layer keys, --test-samples beyond
 * the test split, a cache folder that is not a directory. Nothing is trained and no run folder is written.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { useCacheDir } from '../helpers/cacheDir.js';
import { register as registerTrain } from '../../src/cli/commands/train.js';

const cli = cliRunner([registerTrain]);
const dir = mkdtempSync(join(tmpdir(), 'cosearch-train-settings-'));
const cache = join(dir, 'cache');
useCacheDir(cache, [dir]);

// Tiny on purpose: without the checks these runs train (a few seconds) and write their folder.
const base = ['train', '-n', 'mnist-fc2-small', '-a', 'sdfa', '-d', 'mnist-latency', '--train-samples', '16', '--test-samples', '16', '-e', '1',
  '-s', 'learning.timesteps=2', '-s', 'learning.batchSize=16', '--plain'];
let runs = 0;

/** `base` without the options `args` give (each option of one value may be given once), then `args`. */
function withArgs(args: readonly string[]): string[] {
  const given = new Set(args.filter((a) => a.startsWith('-')));
  const kept = ['train'];
  for (let i = 1; i < base.length; i += base[i] === '--plain' ? 1 : 2) {
    if (base[i] === '-s' || !given.has(base[i])) kept.push(...base.slice(i, base[i] === '--plain' ? i + 1 : i + 2));
  }
  return [...kept, ...args];
}

async function refused(args: readonly string[], message: string | RegExp): Promise<void> {
  const out = join(dir, `run-${runs++}`);
  const r = await cli(...withArgs(args), '-o', out);
  expect(r.exitCode, r.stderr).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(existsSync(out)).toBe(false);
}

describe('cosearch train: values checked up front', () => {
  it.each([
    ['device.d2dSigma=-5', /^cosearch: --set device\.d2dSigma: got "-5", expected a number >= 0/],
    ['device.readNoiseSigma=-1', /^cosearch: --set device\.readNoiseSigma: got "-1", expected a number >= 0/],
    ['device.c2cSigma=-1', /^cosearch: --set device\.c2cSigma: got "-1", expected a number >= 0/],
    ['device.normalizedALtp=-1', /^cosearch: --set device\.normalizedALtp: got "-1", expected a number > 0, or Infinity \(linear\)/],
    ['onchip.weightRange=-1', /^cosearch: --set onchip\.weightRange: got "-1", expected a number > 0/],
  ])('--on-chip --set %s is refused', async (set, message) => {
    await refused(['--on-chip', '--ideal-reads', '-s', set], message);
  }, 60_000);

  it('--hardware layers.fc9.* names a layer mnist-fc2-small lacks', async () => {
    await refused(['--on-chip', '--hardware', 'layers.fc9.adc.bits=3'],
      'cosearch: --hardware "layers.fc9.adc.bits": layer: got "fc9", expected a weight layer of mnist-fc2-small (fc1, fc2, or its index)');
  }, 60_000);

  it('--test-samples beyond the test split (10,000) is refused, not capped', async () => {
    await refused(['--test-samples', '10001'], 'cosearch: --test-samples: got "10001", expected an integer in [1, 10000] (the samples of the test split)');
    await refused(['--train-samples', '55001'], /--train-samples: got "55001", expected an integer in \[1, 55000\]/);
  }, 60_000);

  it('counts are decimal digits: 0x10, 1e1 and an empty text are refused (Number() read them as 16, 10 and 0)', async () => {
    await refused(['--test-samples', '1e1'], 'cosearch: --test-samples: got "1e1", expected an integer in [1, 10000] (the samples of the test split), written in digits (10)');
    await refused(['--train-samples', '0x10'], 'cosearch: --train-samples: got "0x10", expected an integer in [1, 55000] (the samples of the training split)');
    await refused(['-e', ''], 'cosearch: --epochs: got "", expected an integer >= 1');
  }, 60_000);

  // Until 2026-12 commander kept the last value silently: -a bptt -a sdfa trained SDFA, -e 3 -e 1 one epoch.
  it.each([
    [['-a', 'bptt', '-a', 'sdfa'], 'cosearch: --algorithm: given twice (bptt, sdfa), expected once'],
    [['-e', '3', '-e', '1'], 'cosearch: --epochs: given twice (3, 1), expected once'],
    [['--loss', 'mse', '--loss', 'cross-entropy'], 'cosearch: --loss: given twice (mse, cross-entropy), expected once'],
    [['--on-chip', '--device', 'pcmo', '--device', 'pcmo'], 'cosearch: --device: given twice (pcmo, pcmo), expected once'],
  ])('an option of one value given twice is refused: %j', async (args, message) => {
    await refused(args, message);
  }, 60_000);

  it('a COSEARCH_CACHE_DIR that is a file is refused before any data are generated', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    process.env.COSEARCH_CACHE_DIR = file;
    try {
      await refused([], /^cosearch: COSEARCH_CACHE_DIR: got ".*a-file" \(it exists and is not a directory\)/);
    } finally {
      process.env.COSEARCH_CACHE_DIR = cache;
    }
  }, 60_000);

  it('--device without --on-chip is refused like the other device flags, and a bogus name is named as such', async () => {
    await refused(['--device', 'pcmo'], 'cosearch: --device: got pcmo without --on-chip, expected --on-chip with it');
    // Given at their default values too (they have no effect on software training, as --device epiram).
    await refused(['--update-scheme', 'threshold'], 'cosearch: --update-scheme/--write-scheme: got threshold/open-loop without --on-chip, expected --on-chip with them');
    await refused(['--write-scheme', 'open-loop'], 'cosearch: --update-scheme/--write-scheme: got threshold/open-loop without --on-chip, expected --on-chip with them');
    await refused(['--device', 'bogus'], /^cosearch: --device: got "bogus", expected one of ideal, .*epiram/);
    await refused(['--on-chip', '--device', 'bogus'], /^cosearch: --device: got "bogus", expected one of ideal, /);
  }, 60_000);

  it('an on-chip setting the run would ignore is refused: verify rounds of open-loop writes, B\'s range without SDFA', async () => {
    await refused(['--on-chip', '--ideal-reads', '-s', 'onchip.verifyIterations=3'],
      'cosearch: --set onchip.verifyIterations: got 3 with --write-scheme open-loop, expected --write-scheme verify with it (open-loop writes are not read back)');
    await refused(['-a', 'bptt', '--on-chip', '--ideal-reads', '-s', 'onchip.feedbackRange=2'],
      'cosearch: --set onchip.feedbackRange: got 2 with --algorithm bptt, expected --algorithm sdfa with it (only SDFA reads the feedback matrix B)');
  }, 60_000);

  it('a folder holding a run of other settings is refused naming the first setting that differs, not the fingerprint', async () => {
    const out = join(dir, 'one-epoch');
    const first = await cli(...base, '-o', out);
    expect(first.exitCode, first.stderr).toBe(0);
    const r = await cli(...withArgs(['-e', '2']), '-o', out);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`cosearch: --out ${out}: holds a run with other settings: epochs 1 but this run has 2 (-e 1 resumes it; `);
    expect(r.stderr).not.toContain('{');
    const other = await cli(...base, '-s', 'learning.seed=7', '-o', out);
    expect(other.stderr).toContain('learning.seed 1 but this run has 7 (--set learning.seed=1 resumes it)');
  }, 60_000);
});
