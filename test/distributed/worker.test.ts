/**
 * What a long-running `cosearch worker` answers with (startWorker, src/app/distributed.ts), against a real redis-server:
 * - the bytes of the network file the job's fingerprint names, also after the file was edited between two runs (until
 *   2026-12-06 it kept the backend of the first run, keyed by the file's path, and returned the old bytes' rows);
 * - never a module of the operator's in place of the built-in simulator (`--evaluator simulator=MODULE` was taken, and
 *   its rows accepted by the coordinator, until 2026-12-06).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisBackendFactory, startWorker } from '../../src/app/distributed.js';
import { ConfigError } from '../../src/core/index.js';
import { parseRedisUrl, type RunningConsumer } from '../../src/search/backend/redis/index.js';
import { redisMissing, startTestRedis, type TestRedis } from './redisServer.js';

const NETWORK_EVALUATOR = new URL('./fixtures/networkEvaluator.ts', import.meta.url);

describe('a worker\'s evaluators', () => {
  it('refuses a module named "simulator" (the built-in evaluator), in one line, before reaching Redis', async () => {
    // Port 1: nothing listens there, so only a refusal before the connection can answer at once.
    const refused = startWorker({ target: { host: '127.0.0.1', port: 1, db: 0, tls: false }, threads: 'in-thread', extraEvaluators: { simulator: NETWORK_EVALUATOR }, log: () => undefined }, NETWORK_EVALUATOR);
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(/^--evaluator: "simulator" is the built-in simulator, expected another name for the module .*networkEvaluator\.ts \(a job naming "simulator" must get the simulator's numbers\)$/);
  });
});

describe.skipIf(redisMissing !== undefined)('a long-running worker and an edited network file', () => {
  let redis: TestRedis;
  let worker: RunningConsumer;
  beforeAll(async () => {
    redis = await startTestRedis();
    // The fixture stands in for the simulator: it loads the network once per backend, as the simulator does.
    worker = await startWorker({ target: parseRedisUrl(redis.url), threads: 'in-thread', cache: false, log: () => undefined }, NETWORK_EVALUATOR);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
  });

  it('answers each run with the bytes of the file on disk, which its fingerprint names', async () => {
    const network = join(mkdtempSync(join(tmpdir(), 'cosearch-net-')), 'net.json');
    const factory = await redisBackendFactory({ target: parseRedisUrl(redis.url), chunk: 1 });
    const bytesSeen = async (bits: number) => {
      const backend = factory({ network, base: {} });
      try {
        return (await backend.evaluate([{ 'adc.bits': bits }])).map((o) => o.metrics?.networkBytes);
      } finally {
        await backend.close?.();
      }
    };
    writeFileSync(network, '{"layers":[64]}');
    expect(await bytesSeen(4)).toEqual([15]);
    writeFileSync(network, '{"layers":[32, 32]}'); // edited between two runs with the same path and settings
    expect(await bytesSeen(5)).toEqual([19]);
    writeFileSync(network, '{"layers":[64]}'); // and restored: the first bytes again
    expect(await bytesSeen(6)).toEqual([15]);
  }, 60_000);
});
