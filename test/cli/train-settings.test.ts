/**
 * `cosearch train` refuses nonsense before any data are loaded, in one line naming the field: --set values out of
 * their range (the settings registry, src/snn/learn/settings.ts), --hardware per-layer keys, --test-samples beyond
 * the test split, a cache folder that is not a directory, a design under which a layer could never spike, a run
 * folder it cannot continue (damaged, other settings). Nothing is trained and no run folder is written; the dataset
 * loader is counted to show it was not called (until 2026-12 the run folder and the design were checked after the
 * data were loaded, ~30 s for saccade-mnist, and the never-spike refusal left an empty --out folder behind).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { useCacheDir } from '../helpers/cacheDir.js';
import { register as registerTrain } from '../../src/cli/commands/train.js';

// The dataset loader, counted (and otherwise the real one).
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/snn/data/datasets.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/snn/data/datasets.js')>();
  return { ...real, loadFramesStoppable: (...args: Parameters<typeof real.loadFramesStoppable>) => {
    loads.count++;
    return real.loadFramesStoppable(...args);
  } };
});

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
  loads.count = 0;
  const r = await cli(...withArgs(args), '-o', out);
  expect(loads.count).toBe(0);
  expect(r.exitCode, r.stderr).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(existsSync(out)).toBe(false);
}

/** Every file of a folder with its bytes. */
const contents = (folder: string) => readdirSync(folder).sort().map((name) => [name, readFileSync(join(folder, name), 'latin1')]);

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

  it('--on-chip with a design under which a layer could never spike is refused before the data are loaded, no folder left', async () => {
    // The default design (5-bit clip) on 784-100-10 with EpiRAM: docs/training.md "Refused designs".
    await refused(['--on-chip'], 'cosearch: crossbar reads sar 5 bit clip, 64x64, 5 ohm, spike rate 0.1: got a largest input current of 0.884 for layer 1 ' +
      '(13 row tiles x 15 levels / 221 levels per weight), a membrane of at most 0.663 in 2 steps, expected at least V_th = 1 (the layer could never spike): ' +
      'more ADC bits, or adc.rangeMode=full\n');
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

describe('cosearch train: the run folder is checked before the data are loaded, and left as it was', () => {
  const finished = join(dir, 'finished');
  beforeAll(async () => {
    const first = await cli(...base, '-o', finished);
    expect(first.exitCode, first.stderr).toBe(0);
  }, 60_000);

  /** A copy of the finished run with `file` replaced by `content` (none: as it is). */
  const copy = (name: string, file?: string, content?: string | Buffer): string => {
    const folder = join(dir, name);
    cpSync(finished, folder, { recursive: true });
    if (file !== undefined && content !== undefined) writeFileSync(join(folder, file), content);
    return folder;
  };

  async function refusedIn(folder: string, args: readonly string[], message: string): Promise<void> {
    const before = contents(folder);
    loads.count = 0;
    const r = await cli(...withArgs(args), '-o', folder);
    expect(loads.count).toBe(0);
    expect([r.stderr, r.exitCode]).toEqual([`cosearch: ${message}\n`, 1]);
    expect(contents(folder)).toEqual(before);
  }

  it('a finished run is said to be complete without loading the data, its files untouched', async () => {
    const before = contents(finished);
    const accuracy = (100 * Number(readFileSync(join(finished, 'epochs.csv'), 'utf8').trim().split('\n')[1].split(',')[3])).toFixed(2);
    loads.count = 0;
    const r = await cli(...base, '-o', finished);
    expect(loads.count).toBe(0);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([`train: ${finished} is already complete (1 epoch, test accuracy ${accuracy} %); nothing to resume\n`, '', 0]);
    expect(contents(finished)).toEqual(before);
  }, 60_000);

  it('other settings', async () => {
    const folder = copy('other');
    await refusedIn(folder, ['-s', 'learning.seed=7'], `--out ${folder}: holds a run with other settings: learning.seed 1 but this run has 7 ` +
      '(--set learning.seed=1 resumes it); repeat the run\'s settings to resume it, or use a new folder');
  }, 60_000);

  it('a damaged manifest.json', async () => {
    const folder = copy('manifest-text', 'manifest.json', 'not json\n');
    await refusedIn(folder, [], `${join(folder, 'manifest.json')}: not valid JSON: unexpected character, expected a value at line 1, column 1`);
  }, 60_000);

  it('a damaged checkpoint.bin', async () => {
    const folder = copy('checkpoint-cut', 'checkpoint.bin', readFileSync(join(finished, 'checkpoint.bin')).subarray(0, 100));
    await refusedIn(folder, [], `${join(folder, 'checkpoint.bin')}: got a damaged checkpoint (unexpected end of file), ` +
      'expected the gzip checkpoint cosearch train writes (the run cannot be resumed from it)');
  }, 60_000);

  it('a checkpoint.bin of other arrays than the network\'s', async () => {
    // A well-formed checkpoint of one array of one float: SDFA's 784-100-10 has 6 (weights, Adam's m and v per layer).
    const header = Buffer.from(JSON.stringify({ epoch: 1, steps: 1, pulses: [], lengths: [1] }));
    const one = gzipSync(Buffer.concat([Buffer.from(Uint32Array.of(header.length).buffer), header, Buffer.alloc(4)]));
    const folder = copy('checkpoint-other', 'checkpoint.bin', one);
    await refusedIn(folder, [], `${join(folder, 'checkpoint.bin')}: got a checkpoint of 1 array (lengths 1), expected 6 of this network's sizes `
      + '(78400, 1000, 78400, 1000, 78400, 1000): a checkpoint of another network or device (the run cannot be resumed from it)');
  }, 60_000);
});
