/**
 * A lazy run over the Redis backend (BullMQ) against a real redis-server on 127.0.0.1: the engine opens two
 * backends from the factory (the cheap metrics, and the expensive ones), i.e. two coordinators whose jobs carry
 * different `needed` lists; one `cosearch worker` process serves both. The CSVs must be the in-thread lazy run's,
 * byte for byte. Skipped (with the reason) where redis-server is missing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSearch, simulatorSpaceContext } from '../../../src/app/index.js';
import { parseRedisUrl } from '../../../src/search/backend/redis/index.js';
import { parseSpace } from '../../../src/search/space/parse.js';
import { start, type Running } from '../../cli/spawn.js';
import { redisMissing, startTestRedis, type TestRedis } from '../../distributed/redisServer.js';
import { FIXTURE_SPACE } from '../fixtures/hardwareEvaluator.js';
import { FIXTURE_METRICS } from '../fixtures/lazyEvaluator.js';

const LAZY = new URL('../fixtures/lazyEvaluator.ts', import.meta.url);
const evaluator = { module: LAZY, metrics: FIXTURE_METRICS, expensive: { accuracy: 1 } };
const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const space = parseSpace({ ...FIXTURE_SPACE, name: 'lazy-redis', lazy: true, strategy: { name: 'nsga2', populationSize: 8, generations: 4 } }, context, { file: 'lazy-redis.json' });
const outDir = () => mkdtempSync(join(tmpdir(), 'cosearch-lazy-redis-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

if (redisMissing) console.warn(`skipped: ${redisMissing}`);

describe.skipIf(redisMissing !== undefined)('lazy accuracy over Redis', () => {
  let redis: TestRedis;
  let worker: Running | undefined;

  beforeAll(async () => {
    redis = await startTestRedis();
    // Killed (a hang guard) only after the hook's and the test's timeouts: until afterAll stops it, not mid-test.
    worker = start(['worker', '--backend', redis.url, '--in-thread', '--concurrency', '2', '--evaluator', `lazy=${LAZY.pathname}`, '--lock-ms', '1000'], 60_000 + 120_000);
    const w = worker;
    await new Promise<void>((resolve) => {
      let text = '';
      w.child.stderr?.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('connected to')) resolve();
      });
    });
  }, 60_000);
  afterAll(async () => {
    if (worker) {
      worker.child.kill('SIGTERM');
      await worker.done;
    }
    await redis?.stop();
  });

  it('writes the in-thread lazy run\'s CSVs, measuring the same designs', async () => {
    const local = await runSearch({ space, outDir: outDir(), evaluator, backend: 'in-thread' });
    const remote = await runSearch({ space, outDir: outDir(), evaluator, backend: { target: parseRedisUrl(redis.url), evaluator: 'lazy', chunk: 3 } });
    expect((remote.manifest.backend as { url?: string }).url).toBe(`${redis.url}/0`);
    expect(remote.lazy).toEqual(local.lazy);
    expect(local.lazy?.dominatedRows).toBeGreaterThan(0);
    for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(remote.dir, file)).toBe(read(local.dir, file));
  }, 120_000);
});
