/**
 * snn.timesteps is in a persistent-cache entry's key only where the accuracy proxy (the one figure that reads it for a
 * network without weights) is computed and stored: VGG16's proxy is NaN at every T, so designs differing only in T are
 * one entry, read by a new process instead of repeating the MAC-error Monte Carlo. Until engine version 5 every T was
 * an entry of its own (the default search: 240 entries for its 152 MAC-error designs; docs/cache.md).
 */
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/tempDirs.js';
import { cachedAccuracyMetrics } from '../../src/app/cache/accuracy.js';
import { createEvaluator } from '../../src/app/simulatorEvaluator.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { EvaluationStore } from '../../src/io/cache/index.js';
import { loadNetwork } from '../../src/model/load.js';
import { clearAccuracyCache } from '../../src/sim/accuracy.js';

const tempDir = tempDirs('cosearch-timesteps-key-');
const small = { 'accuracy.samples': 10, 'accuracy.macSamples': 10 };

describe('snn.timesteps in the cache key', () => {
  it('vgg16-cifar10 (no proxy): designs differing only in T share one entry, and a new process reads it', { timeout: 240_000 }, async () => {
    const cache = { dir: tempDir(), maxBytes: 1e9 };
    const context = { network: 'vgg16-cifar10', base: small, needed: ['macError_rms', 'energy_pJ'] };
    const at = (timesteps: number) => ({ 'snn.timesteps': timesteps });
    clearAccuracyCache();
    const fresh = createEvaluator(context);
    const expected = [await fresh(at(4)), await fresh(at(8))];
    expect(expected[0].macError_rms).toBeGreaterThan(0);
    expect(expected[1].macError_rms).toBe(expected[0].macError_rms);

    clearAccuracyCache();
    const cold = createEvaluator({ ...context, cache });
    expect(await cold(at(4))).toEqual(expected[0]);
    await cold.close?.();
    expect((await new EvaluationStore(cache).info()).entries).toBe(1);
    // A new process (no in-memory cache) at another T: read from the store, the same row as a fresh computation.
    clearAccuracyCache();
    const store = new EvaluationStore(cache);
    const config = applyOverrides(defaultConfig(), { ...small, ...at(8) });
    expect((await cachedAccuracyMetrics(store, loadNetwork('vgg16-cifar10'), config)).hit).toBe(true);
    const warm = createEvaluator({ ...context, cache });
    expect(await warm(at(8))).toEqual(expected[1]);
    await warm.close?.();
    expect((await store.info()).entries).toBe(1);
  });

  it('mnist-fc2-small (proxy computed, reads T): two entries with the proxy, one without it', async () => {
    const net = loadNetwork('mnist-fc2-small');
    const at = (timesteps: number) => applyOverrides(defaultConfig(), { ...small, 'snn.timesteps': timesteps });
    const store = new EvaluationStore({ dir: tempDir(), maxBytes: 1e9 });
    const macOnly = { wanted: ['macError_rms'] };
    clearAccuracyCache();
    const t2 = await cachedAccuracyMetrics(store, net, at(2), macOnly);
    expect(t2.hit).toBe(false);
    expect(t2.metrics.accuracyProxy).toBeNaN();
    expect(await cachedAccuracyMetrics(store, net, at(4), macOnly)).toEqual({ ...t2, hit: true });
    expect((await store.info()).entries).toBe(1);
    // A caller of every metric gets the proxy, which reads T: one entry per T.
    const proxy2 = await cachedAccuracyMetrics(store, net, at(2));
    const proxy4 = await cachedAccuracyMetrics(store, net, at(4));
    expect([proxy2.hit, proxy4.hit]).toEqual([false, false]);
    expect(proxy2.metrics.accuracyProxy).not.toBe(proxy4.metrics.accuracyProxy);
    expect((await store.info()).entries).toBe(3);
    expect((await cachedAccuracyMetrics(store, net, at(4))).metrics).toEqual(proxy4.metrics);
  });

  it('an entry with the proxy answers a request without it (the same T), as a fresh computation would', async () => {
    const net = loadNetwork('mnist-fc2-small');
    const config = applyOverrides(defaultConfig(), { ...small, 'snn.timesteps': 6 });
    const store = new EvaluationStore({ dir: tempDir(), maxBytes: 1e9 });
    clearAccuracyCache();
    const all = await cachedAccuracyMetrics(store, net, config);
    expect(all.metrics.accuracyProxy).toBeGreaterThan(0);
    expect(await cachedAccuracyMetrics(store, net, config, { wanted: ['macError_rms'] })).toEqual({ metrics: { ...all.metrics, accuracyProxy: NaN }, hit: true });
    expect((await store.info()).entries).toBe(1);
  });
});
