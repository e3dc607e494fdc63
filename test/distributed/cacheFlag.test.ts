/**
 * `search --no-cache --backend redis://...`: the coordinator's choice reaches its workers in the job, so they neither
 * read nor write their persistent caches for that run. Until 2026-12-06 every worker used its cache whatever the
 * coordinator asked (a med search with --no-cache took 2.3 s instead of ~13 s and added 160 entries).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisBackendFactory, startWorker } from '../../src/app/distributed.js';
import type { EvaluatorContext } from '../../src/search/index.js';
import { parseRedisUrl, type RunningConsumer } from '../../src/search/backend/redis/index.js';
import { useCacheDir } from '../helpers/cacheDir.js';
import { redisMissing, startTestRedis, type TestRedis } from './redisServer.js';

const CACHE_EVALUATOR = new URL('./fixtures/cacheEvaluator.ts', import.meta.url);
const cacheDir = mkdtempSync(join(tmpdir(), 'cosearch-cache-'));
useCacheDir(cacheDir);

describe.skipIf(redisMissing !== undefined)('a worker and the coordinator\'s cache choice', () => {
  let redis: TestRedis;
  let worker: RunningConsumer;
  beforeAll(async () => {
    redis = await startTestRedis();
    // The worker's own cache is on (cosearch worker without --no-cache); the fixture stands in for the simulator.
    worker = await startWorker({ target: parseRedisUrl(redis.url), threads: 'in-thread', cache: true, log: () => undefined }, CACHE_EVALUATOR);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
  });

  it('a run without a cache (--no-cache) gets none on the worker, a run with one gets the worker\'s, and neither carries over', async () => {
    const factory = await redisBackendFactory({ target: parseRedisUrl(redis.url), chunk: 1 });
    const cachedOn = async (context: EvaluatorContext & { cache?: unknown }, bits: number) => {
      const backend = factory(context);
      try {
        return (await backend.evaluate([{ 'adc.bits': bits }])).map((o) => o.metrics?.cached);
      } finally {
        await backend.close?.();
      }
    };
    const run = { network: 'tiny', base: {} };
    expect(await cachedOn(run, 4)).toEqual([0]);
    expect(await cachedOn({ ...run, cache: { dir: '/the/coordinator/s/folder', maxBytes: 1 } }, 4)).toEqual([1]);
    // Another configuration (a new job, not the first run's result kept in Redis) on the worker that just used its cache.
    expect(await cachedOn(run, 5)).toEqual([0]);
  }, 60_000);
});
