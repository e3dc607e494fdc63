/**
 * A worker that refuses a job (here: another build's fingerprint) puts it back for the others without using one of
 * its attempts; the job fails only once every connected worker has refused it. Until 2026-12-06 each refusal was a
 * failed attempt: a stale worker refuses in milliseconds, so it was always the free one when the retry came due, and
 * it failed the run after 5 attempts while a good worker was up (QA 2026-12-06, defect 2).
 * In-process workers with stub evaluators, in a database of their own (6) on the test server.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/index.js';
import { parseRedisUrl, RedisBackend, startConsumer, type RunningConsumer } from '../../src/search/backend/redis/index.js';
import { redisMissing, useTestRedis } from './redisServer.js';

const fingerprint = { version: 'test', code: 'current-build', weights: 'w', networks: {} };

describe.skipIf(redisMissing !== undefined)('a job refused by a stale worker', () => {
  const server = useTestRedis();
  const target = () => ({ ...parseRedisUrl(server().url), db: 6 });
  const stale = () => startConsumer({
    target: target(), evaluators: ['stub'], fingerprintFor: () => ({ ...fingerprint, code: 'old-build' }), validate: () => undefined, concurrency: 1, log: () => undefined,
    backendFor: () => {
      throw new Error('a refused job never runs');
    },
  });
  const coordinator = () => new RedisBackend({ target: target(), evaluator: 'stub', context: {}, fingerprint: () => fingerprint, chunk: 1, attempts: 2, sweep_ms: 100 });
  const waitUntil = async (test: () => boolean, what: string) => {
    for (let waited = 0; !test(); waited += 50) {
      if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  };

  it('is evaluated by the good worker once it is free, however often the stale one refused it meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    const good = startConsumer({
      target: target(), evaluators: ['stub'], fingerprintFor: () => fingerprint, validate: () => undefined, concurrency: 1, log: () => undefined,
      backendFor: () => ({
        parallelism: 1,
        evaluate: async (items) => {
          inFlight++;
          await gate; // busy: the other job can only go to the stale worker meanwhile
          return items.map((item) => ({ metrics: { bits: Number(item['adc.bits']) } }));
        },
        close: async () => undefined,
      }),
    });
    const old: RunningConsumer = stale();
    const backend = coordinator();
    try {
      let settled = false;
      const result = backend.evaluate([{ 'adc.bits': 3 }, { 'adc.bits': 4 }]).then((o) => JSON.stringify(o), (e: Error) => e.message);
      void result.then(() => (settled = true));
      // More refusals than the job has attempts (2), while the good worker holds the other job.
      await waitUntil(() => settled || (inFlight === 1 && old.counts().refused > 2), 'the stale worker to refuse a job 3 times');
      release();
      expect(await result).toBe('[{"metrics":{"bits":3}},{"metrics":{"bits":4}}]');
      expect(good.counts()).toEqual({ jobs: 2, evaluations: 2, refused: 0 });
    } finally {
      release();
      await backend.close();
      await Promise.all([good.close(), old.close()]);
    }
  }, 60_000);

  it('fails the run with the reason once every connected worker refused it', async () => {
    const old = stale();
    const backend = coordinator();
    try {
      const failure = await backend.evaluate([{ 'adc.bits': 5 }]).then(() => undefined, (e: unknown) => e);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toMatch(/^redis backend: job \S+ failed on the workers after 1 attempt\(s\): refused by every worker connected \(1\): the job's code fingerprint current-buil differs from this worker's old-build/);
    } finally {
      await backend.close();
      await old.close();
    }
  }, 60_000);
});
