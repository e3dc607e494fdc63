import { describe, expect, it } from 'vitest';
import { accuracyPool } from '../../src/app/accuracyPool.js';
import { accuracyChunks, accuracyMetricsWithProgress } from '../../src/app/accuracyProgress.js';
import { evaluateConfiguration } from '../../src/app/evaluate.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { accuracyMetrics, clearAccuracyCache } from '../../src/sim/accuracy.js';

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

  it('evaluateConfiguration refuses a worker count that is not a positive integer', async () => {
    await expect(evaluateConfiguration(mlp, defaultConfig(), { workers: 0 })).rejects.toThrow('workers: got 0, expected an integer >= 1');
  });
});
