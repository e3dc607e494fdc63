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
  const stale = (concurrency = 1, log: (line: string) => void = () => undefined) => startConsumer({
    target: target(), evaluators: ['stub'], fingerprintFor: () => ({ ...fingerprint, code: 'old-build' }), validate: () => undefined, concurrency, log,
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

  it('is evaluated by the good workers, one joining later, while the stale one, after its first refusals, takes no more of the run\'s jobs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    const good = (held: boolean): RunningConsumer => startConsumer({
      target: target(), evaluators: ['stub'], fingerprintFor: () => fingerprint, validate: () => undefined, concurrency: 1, log: () => undefined,
      backendFor: () => ({
        parallelism: 1,
        evaluate: async (items) => {
          inFlight++;
          if (held) await gate; // busy: the other jobs can only go to the stale worker meanwhile
          return items.map((item) => ({ metrics: { bits: Number(item['adc.bits']) } }));
        },
        close: async () => undefined,
      }),
    });
    const first = good(true);
    const lines: string[] = [];
    const old = stale(2, (line) => lines.push(line));
    const backend = coordinator();
    let later: RunningConsumer | undefined;
    try {
      let settled = false;
      const result = backend.evaluate([{ 'adc.bits': 3 }, { 'adc.bits': 4 }, { 'adc.bits': 6 }]).then((o) => JSON.stringify(o), (e: Error) => e.message);
      void result.then(() => (settled = true));
      // The stale worker says it stops; until 2026-12-07 it never did and refused each job again and again meanwhile.
      const stopped = () => lines.some((l) => l.includes('takes no more jobs'));
      await waitUntil(() => settled || (inFlight === 1 && (stopped() || old.counts().refused > 2)), 'the stale worker to stop taking the run\'s jobs');
      // A good worker that joins now gets the jobs the stale one refused; the first one still holds its job.
      later = good(false);
      await waitUntil(() => settled || later?.counts().jobs === 2 || old.counts().refused > 2, 'the later worker to evaluate the refused jobs');
      release();
      expect(await result).toBe('[{"metrics":{"bits":3}},{"metrics":{"bits":4}},{"metrics":{"bits":6}}]');
      expect(old.counts().refused).toBeLessThanOrEqual(2); // its concurrency
      expect(old.counts().jobs).toBe(0);
      expect(first.counts().jobs + (later.counts().jobs)).toBe(3);
      expect(lines.filter((l) => !l.includes('connected to'))).toEqual([expect.stringMatching(/^worker \S+: takes no more jobs of run [0-9a-f]{16} \(refused job [0-9a-f]{16}-\w+: the job's code fingerprint current-buil differs from this worker's old-build \(another build of cosearch test\)\); to serve it: run this worker from the coordinator's build/)]);
    } finally {
      release();
      await backend.close();
      await Promise.all([first.close(), old.close(), later?.close()]);
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
