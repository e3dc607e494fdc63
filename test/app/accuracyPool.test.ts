import { describe, expect, it } from 'vitest';
import { accuracyPool } from '../../src/app/accuracyPool.js';
import { accuracyChunks, accuracyMetricsWithProgress, type ChunkRunner } from '../../src/app/accuracyProgress.js';
import { evaluateConfiguration } from '../../src/app/evaluate.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { accuracyMetrics, clearAccuracyCache } from '../../src/sim/accuracy.js';
import { ConfigError } from '../../src/core/errors.js';

const mlp = loadNetwork('mlp-mnist');

describe('hardware accuracy on worker threads', () => {
  it('cuts every chip into contiguous chunks that cover its samples once', () => {
    const c = applyOverrides(defaultConfig(), { 'accuracy.samples': 200, 'accuracy.chips': 3 });
    const chunks = accuracyChunks(c);
    for (const chip of [0, 1, 2]) {
      const own = chunks.filter((k) => k.chip === chip);
      expect(own[0].from).toBe(0);
      expect(own.at(-1)!.to).toBe(200);
      own.slice(1).forEach((k, i) => expect(k.from).toBe(own[i].to));
      expect(own.every((k) => k.to - k.from >= 25)).toBe(true);
    }
    expect(accuracyChunks(defaultConfig()).every((k) => k.chip === undefined)).toBe(true);
  });

  it('gives the one-thread result exactly, over two chips, and counts every sample once', async () => {
    const c = applyOverrides(defaultConfig(), { 'accuracy.samples': 80, 'accuracy.macSamples': 10, 'accuracy.chips': 2 });
    const pool = accuracyPool(2);
    const reports: number[] = [];
    try {
      const parallel = await accuracyMetricsWithProgress(mlp, c, (done, total) => {
        expect(total).toBe(160);
        reports.push(done);
      }, { runner: pool.runner, concurrency: pool.workers });
      clearAccuracyCache();
      expect(parallel).toEqual(accuracyMetrics(mlp, c));
    } finally {
      await pool.close();
    }
    expect(reports[0]).toBe(0);
    expect(reports.at(-1)).toBe(160);
    expect(reports.every((d, i) => i === 0 || d > reports[i - 1])).toBe(true);
  }, 120_000);

  it('an input mistake found in a worker arrives as a ConfigError, as from this thread (one line and exit 1, not an internal error)', async () => {
    const pool = accuracyPool(1);
    try {
      const refused = pool.runner(loadNetwork('vgg16-cifar10'), defaultConfig(), { chip: undefined, from: 0, to: 10 });
      await expect(refused).rejects.toBeInstanceOf(ConfigError);
      await expect(refused).rejects.toThrow('network vgg16-cifar10: got no trained weights (weights/vgg16-cifar10.json), expected a network with weights for accuracy');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a failing chunk stops the others from starting: the command has failed, its remaining samples would only cost time', async () => {
    const c = applyOverrides(defaultConfig(), { 'accuracy.samples': 300, 'accuracy.macSamples': 10 });
    expect(accuracyChunks(c).length).toBeGreaterThan(4);
    let calls = 0;
    // The first chunk fails; every other one would succeed.
    const failing: ChunkRunner = async () => {
      const call = ++calls;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (call === 1) throw new ConfigError('chunk refused');
      return { correct: 1, weights: 'hp' };
    };
    await expect(accuracyMetricsWithProgress(mlp, c, () => undefined, { runner: failing, concurrency: 2 })).rejects.toThrow('chunk refused');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(2); // the two lanes' first chunks, nothing after the failure
  });

  it('evaluateConfiguration refuses a worker count that is not a positive integer', async () => {
    await expect(evaluateConfiguration(mlp, defaultConfig(), { workers: 0 })).rejects.toThrow('workers: got 0, expected an integer >= 1');
  });
});
