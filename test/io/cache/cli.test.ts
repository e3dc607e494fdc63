/** `cosearch evaluate --no-cache`, `--samples`, `--chips`, `--weights` and `cosearch cache info|clear` against a temporary COSEARCH_CACHE_DIR. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../../cli-harness.js';
import { useCacheDir } from '../../helpers/cacheDir.js';
import { EvaluationStore } from '../../../src/io/cache/index.js';
import { register as registerCache } from '../../../src/cli/commands/cache.js';
import { register as registerEvaluate } from '../../../src/cli/commands/evaluate.js';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { loadNetwork } from '../../../src/model/load.js';
import { evaluateAccuracy } from '../../../src/sim/accuracy.js';
import { loadWeights } from '../../../src/snn/weights.js';

const cli = cliRunner([registerEvaluate, registerCache]);
const dir = mkdtempSync(join(tmpdir(), 'cosearch-cache-'));
useCacheDir(dir);

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

  it('prints the result and exits 0 when the cache cannot be written (a read-only cache), with one warning line even off a terminal', async () => {
    const args = ['evaluate', '-n', 'mlp-mnist', '--samples', '12', '--set', 'accuracy.macSamples=10', '--json'];
    const expected = await cli(...args, '--no-cache');
    const before = (await entries()).entries;
    // Restored by cliRunner after the command.
    vi.spyOn(EvaluationStore.prototype, 'put').mockRejectedValue(Object.assign(new Error("EROFS: read-only file system, open '/cache/tmp/x'"), { code: 'EROFS' }));
    const failed = await cli(...args);
    expect(failed.exitCode).toBe(0);
    expect(failed.stdout).toBe(expected.stdout);
    const warnings = failed.stderr.split('\n').filter((line) => line.includes('warning'));
    expect(warnings).toEqual([`evaluate: warning: the cache in ${dir} could not store this result (EROFS: read-only file system, open '/cache/tmp/x'); the result is unaffected, a later run recomputes it`]);
    expect(failed.stderr).not.toContain('internal error');
    expect((await entries()).entries).toBe(before);
  }, 120_000);

  it('cache clear on a cache it cannot remove (read-only) refuses in one line naming the folder and the cause, exit 1', async () => {
    const erofs = Object.assign(new Error(`EROFS: read-only file system, rmdir '${join(dir, 'index-v5')}'`), { code: 'EROFS' });
    // Restored by cliRunner after the command.
    vi.spyOn(EvaluationStore.prototype, 'clear').mockRejectedValue(erofs);
    const refused = await cli('cache', 'clear');
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`cosearch: cache clear: cannot remove the entries in ${dir} (EROFS: read-only file system, rmdir '${join(dir, 'index-v5')}')\n`);
  });

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

  it('--weights FILE measures with those weights, keyed apart in the cache, for this command only (one thread or two)', async () => {
    const args = ['evaluate', '-n', 'mlp-mnist', '--samples', '40', '--set', 'accuracy.macSamples=10', '--json'];
    const shipped = await cli(...args);
    const before = (await entries()).entries;
    const given = await cli(...args, '--weights', 'weights/mlp-mnist-adcless.json');
    expect(given.exitCode).toBe(0);
    const out = JSON.parse(given.stdout) as { accuracy: number; accuracyDetail: { weights: string; correct: number } };
    // The ADC-less weights on the default SAR chip: the engine's own answer with those weights, not the shipped one's.
    const config = applyOverrides(defaultConfig(), { 'accuracy.samples': 40 });
    const direct = evaluateAccuracy(loadNetwork('mlp-mnist'), config, { weights: loadWeights('mlp-mnist', 'adcless') });
    expect(out.accuracyDetail).toMatchObject({ weights: 'adcless', correct: direct.correct });
    expect((await entries()).entries).toBe(before + 1);
    // Restored afterwards: the shipped weights' stored entry answers again, unchanged.
    expect((await cli(...args)).stdout).toBe(shipped.stdout);
    expect((await entries()).entries).toBe(before + 1);
    // On worker threads (2 x 250 samples >= POOL_MIN_SAMPLES) the workers use the given weights too.
    const pooled = ['evaluate', '-n', 'mlp-mnist', '--samples', '250', '--chips', '2', '--set', 'accuracy.macSamples=10', '--json', '--no-cache',
      '--weights', 'weights/mlp-mnist-adcless.json'];
    const one = await cli(...pooled, '--workers', '1');
    expect(JSON.parse(one.stdout)).toMatchObject({ accuracyDetail: { weights: 'adcless', samples: 500 } });
    expect((await cli(...pooled, '--workers', '2')).stdout).toBe(one.stdout);
  }, 180_000);

  it('--weights refuses another network\'s file, naming it', async () => {
    const wrong = await cli('evaluate', '-n', 'mlp-mnist', '--samples', '10', '--weights', 'weights/cnn-mnist.json');
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain('--weights weights/cnn-mnist.json: got weights for cnn-mnist, expected weights for mlp-mnist (--network)');
    // The right shapes under another layer's name, or a scale that would silently zero the layer: refused, naming the file.
    const shipped = JSON.parse(readFileSync('weights/mlp-mnist.json', 'utf8')) as { layers: Record<string, unknown>[] };
    const renamed = join(dir, 'renamed.json');
    writeFileSync(renamed, JSON.stringify({ ...shipped, layers: [{ ...shipped.layers[0], name: 'nonsense' }, shipped.layers[1]] }));
    const named = await cli('evaluate', '-n', 'mlp-mnist', '--samples', '10', '--weights', renamed);
    expect(named.exitCode).toBe(1);
    expect(named.stderr).toContain(`--weights ${renamed}: layers[0].name: got "nonsense", expected "fc1"`);
    // Another network's file for a network without an SNN graph (VGG16's pools): named as such, not as a graph error.
    const vgg = await cli('evaluate', '-n', 'vgg16-cifar10', '--weights', 'weights/mlp-mnist.json');
    expect(vgg.exitCode).toBe(1);
    expect(vgg.stderr).toContain('--weights weights/mlp-mnist.json: got weights for mlp-mnist, expected weights for vgg16-cifar10 (--network)');
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify({ ...shipped, layers: [{ ...shipped.layers[0], weightScale: 1e300 }, shipped.layers[1]] }));
    expect((await cli('evaluate', '-n', 'mlp-mnist', '--samples', '10', '--weights', huge)).stderr)
      .toContain(`${huge}: layer fc1: weightScale: got 1e+300, expected at most 2.658e+36 (its largest weight, x 128, must be a finite f32)`);
    const zeroed = join(dir, 'zeroed.json');
    writeFileSync(zeroed, JSON.stringify({ ...shipped, layers: [{ ...shipped.layers[0], weightScale: null }, shipped.layers[1]] }));
    const scale = await cli('evaluate', '-n', 'mlp-mnist', '--samples', '10', '--weights', zeroed);
    expect(scale.exitCode).toBe(1);
    expect(scale.stderr).toContain(`${zeroed}: layer fc1: weightScale: got null, expected a finite number > 0`);
  });
});
