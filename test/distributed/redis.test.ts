/**
 * Evaluations over Redis (BullMQ) against a real redis-server on 127.0.0.1: worker processes started as children
 * (`cosearch worker`), one killed with SIGKILL mid-run, Redis restarted mid-run, a coordinator killed and resumed;
 * every run's CSVs are compared byte for byte with a local run of the same space and seed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { localFingerprint, runSearch } from '../../src/app/index.js';
import { ConfigError } from '../../src/core/index.js';
import { parseRedisUrl, RedisBackend, startConsumer } from '../../src/search/backend/redis/index.js';
import { KEY_PREFIX, QUEUE_NAME, WAIT_KEY } from '../../src/search/backend/redis/queue.js';
import { start, type Running } from '../cli/spawn.js';
import { distributedSpace, evaluator, SLOW } from './fixtures/space.js';
import { redisMissing, startTestRedis, type TestRedis } from './redisServer.js';

const space = distributedSpace();
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** What the run's manifest vouches for in its evaluations.csv is the whole file, as the coordinator wrote it (src/io/run/integrity.ts). */
const vouchedWhole = (dir: string) => {
  const file = readFileSync(join(dir, 'evaluations.csv'));
  expect(JSON.parse(read(dir, 'manifest.json')).evaluationsDigest).toEqual({ rows: file.toString('utf8').split('\n').length - 2, bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') });
};
const outDir = () => join(mkdtempSync(join(tmpdir(), 'cosearch-redis-')), 'run');
/** The list of the jobs workers are running (BullMQ's, beside WAIT_KEY). */
const ACTIVE_KEY = `${KEY_PREFIX}:${QUEUE_NAME}:active`;

if (redisMissing) console.warn(`skipped: ${redisMissing}`);

/** The longest this file can take: its hook's and tests' timeouts added up (ms). */
const FILE_MS = 60_000 + 120_000 * 5 + 180_000 + 60_000 * 4;

describe.skipIf(redisMissing !== undefined)('the Redis backend', () => {
  let redis: TestRedis;
  let local: Awaited<ReturnType<typeof runSearch>>;
  const workers: Running[] = [];
  // A worker lives until afterAll stops it: its kill timer (a hang guard) is the file's whole length, every test's
  // timeout added up. It was 120 s, which the two shared workers outlived on a loaded machine (the file takes ~50 s
  // on CI, 5 min with the machine at load 10): they were killed mid-file and the tests after waited for none.
  const worker = (db = 0, lock_ms = 1000) => {
    const w = start(['worker', '--backend', `${redis.url}/${db}`, '--in-thread', '--concurrency', '2', '--evaluator', `slow=${SLOW.pathname}`, '--lock-ms', String(lock_ms)], FILE_MS);
    workers.push(w);
    return w;
  };
  /** Resolves when the worker has said it is connected (its process start takes seconds under tsx). */
  const connected = (w: Running) =>
    new Promise<void>((resolve) => {
      let text = '';
      w.child.stderr?.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('connected to')) resolve();
      });
    });
  const stopWorkers = async () => {
    for (const w of workers.splice(0)) {
      w.child.kill('SIGTERM');
      await w.done;
    }
  };
  const remote = (extra: { shouldStop?: () => boolean; onGeneration?: (g: number) => void; resume?: boolean; dir?: string } = {}) =>
    runSearch({
      space,
      outDir: extra.dir ?? outDir(),
      evaluator,
      backend: { target: parseRedisUrl(redis.url), evaluator: 'slow', chunk: 3 },
      ...(extra.resume ? { resume: true } : {}),
      ...(extra.shouldStop ? { shouldStop: extra.shouldStop } : {}),
      onProgress: (p) => extra.onGeneration?.(p.generation),
    });

  // Two workers serve every case (a process start costs seconds); the SIGKILL case adds a third, its victim.
  beforeAll(async () => {
    redis = await startTestRedis();
    const ready = [worker(), worker()].map(connected);
    local = await runSearch({ space, outDir: outDir(), evaluator, backend: 'in-thread' });
    await Promise.all(ready);
  }, 60_000);
  // Each case starts from an empty server: a run with the same settings would otherwise reuse the last one's results.
  beforeEach(() => {
    spawnSync('redis-cli', ['-p', String(redis.port), 'flushall']);
  });
  afterAll(async () => {
    await stopWorkers();
    await redis?.stop();
  });

  it('gives the local run CSVs byte for byte on two worker processes, and the manifest says who did the work', async () => {
    const run = await remote();
    expect(run.evaluations).toBe(local.evaluations);
    for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(run.dir, file)).toBe(read(local.dir, file));
    vouchedWhole(run.dir);
    const backend = run.manifest.backend as { url: string; evaluationsByWorker: Record<string, number> };
    expect(backend.url).toBe(`${redis.url}/0`);
    expect(Object.values(backend.evaluationsByWorker).reduce((a, b) => a + b, 0)).toBe(local.evaluations);
    expect(Object.keys(backend.evaluationsByWorker).length).toBe(2);
  }, 120_000);

  // An in-process worker of another build beside the two shared ones (database 0): until 2026-12-07 it took job after
  // job of the run and put each back 0.5 s later (234 refusals in a 500-evaluation run, docs/distributed.md).
  it('gives the same CSVs beside a stale worker, which takes no more than its concurrency\'s worth of the run\'s jobs', async () => {
    const lines: string[] = [];
    const stale = startConsumer({
      target: parseRedisUrl(redis.url), evaluators: ['slow'], fingerprintFor: (files) => ({ ...localFingerprint(files), code: 'another-build' }), validate: () => undefined, concurrency: 2, log: (l) => lines.push(l),
      backendFor: () => {
        throw new Error('a refused job never runs');
      },
    });
    try {
      const run = await remote();
      for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(run.dir, file)).toBe(read(local.dir, file));
      expect(stale.counts().refused).toBeGreaterThan(0);
      expect(stale.counts().refused).toBeLessThanOrEqual(2);
      expect(lines.filter((l) => l.includes('takes no more jobs of run'))).toHaveLength(1);
    } finally {
      await stale.close();
    }
  }, 120_000);

  // Database 3: a good worker process holding its jobs (10 s each), a stale in-process one that has stopped taking the
  // run's jobs; the good one is killed. The stale one takes them again so that they fail with its reason, not hang.
  it('fails the run with the reason when the good worker dies after the stale one stopped taking its jobs', async () => {
    const target = { ...parseRedisUrl(redis.url), db: 3 };
    const good = worker(3);
    await connected(good);
    const lines: string[] = [];
    const stale = startConsumer({
      target, evaluators: ['slow'], fingerprintFor: (files) => ({ ...localFingerprint(files), code: 'another-build' }), validate: () => undefined, concurrency: 1, log: (l) => lines.push(l), lock_ms: 1000,
      backendFor: () => {
        throw new Error('a refused job never runs');
      },
    });
    const backend = new RedisBackend({ target, evaluator: 'slow', context: { network: 'tiny', base: {}, delay_ms: 10_000 }, fingerprint: () => localFingerprint([]), chunk: 1, sweep_ms: 100 });
    try {
      const result = backend.evaluate([2, 3, 4, 5, 6].map((bits) => ({ 'adc.bits': bits }))).then(() => 'evaluated', (e: Error) => e.message);
      for (let waited = 0; !lines.some((l) => l.includes('takes no more jobs')); waited += 50) {
        if (waited > 30_000) throw new Error('timed out waiting for the stale worker to stop taking the run\'s jobs');
        await sleep(50);
      }
      good.child.kill('SIGKILL');
      await good.done;
      expect(await result).toMatch(/^redis backend: job \S+ failed on the workers after 1 attempt\(s\): refused by every worker connected \(1\): the job's code fingerprint .* differs/);
    } finally {
      workers.splice(workers.indexOf(good), 1);
      await backend.close();
      await stale.close();
    }
  }, 60_000);

  // Faults strike 100 ms into a generation (each job of 3 evaluations takes ~120 ms), so jobs are in flight.
  it('survives a worker killed with SIGKILL mid-job: its job is retried on the others, same CSVs', async () => {
    const victim = worker();
    await connected(victim);
    let killed = false;
    const run = await remote({
      onGeneration: (g) => {
        if (g === 1 && !killed) {
          killed = true;
          setTimeout(() => victim.child.kill('SIGKILL'), 100);
        }
      },
    });
    expect(killed).toBe(true);
    expect(victim.child.signalCode).toBe('SIGKILL');
    const byWorker = (run.manifest.backend as { evaluationsByWorker: Record<string, number> }).evaluationsByWorker;
    expect(Object.keys(byWorker)).toContain(`${hostname()}:${victim.child.pid}`);
    for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(run.dir, file)).toBe(read(local.dir, file));
  }, 120_000);

  // The restart comes once Redis holds jobs of generation 3 (waiting or running, each ~120 ms): a fixed 100 ms after
  // generation 2 could land, on a loaded machine, before the coordinator had sent them (nothing lost, requeuedJobs 0).
  it('survives Redis restarted without persistence mid-run: lost jobs are enqueued again, same CSVs', async () => {
    let restarted: Promise<void> | undefined;
    const queued = () => new Promise<number>((resolve) => {
      execFile('redis-cli', ['-p', String(redis.port), 'eval', "return redis.call('llen', KEYS[1]) + redis.call('llen', KEYS[2])", '2', WAIT_KEY, ACTIVE_KEY], (_, out) => resolve(Number(out.trim()) || 0));
    });
    const run = await remote({
      onGeneration: (g) => {
        if (g !== 2 || restarted) return;
        restarted = (async () => {
          while ((await queued()) === 0) await sleep(10);
          await redis.restart();
        })();
      },
    });
    await restarted;
    expect((run.manifest.backend as { requeuedJobs?: number }).requeuedJobs).toBeGreaterThan(0);
    for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(run.dir, file)).toBe(read(local.dir, file));
  }, 180_000);

  it('resumes an interrupted coordinator from the CSV and Redis, same CSVs', async () => {
    const dir = outDir();
    let generations = 0;
    const first = await remote({ dir, shouldStop: () => generations >= 2, onGeneration: () => generations++ });
    expect(first.status).toBe('interrupted');
    const resumed = await remote({ dir, resume: true });
    expect(resumed.status).toBe('completed');
    for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(dir, file)).toBe(read(local.dir, file));
    vouchedWhole(dir);
  }, 120_000);

  it('fails with the workers\' reason when no worker can reproduce the job (other build, missing network file)', async () => {
    const target = parseRedisUrl(redis.url);
    const refuse = async (fingerprint: ReturnType<typeof localFingerprint>) => {
      const backend = new RedisBackend({ target, evaluator: 'slow', context: { network: 'tiny', base: {} }, fingerprint: () => fingerprint, attempts: 1, sweep_ms: 100 });
      try {
        return await backend.evaluate([{ 'adc.bits': 4 }]).then(() => 'evaluated', (e: Error) => e.message);
      } finally {
        await backend.close();
      }
    };
    const mine = localFingerprint([]);
    expect(await refuse({ ...mine, code: 'another-build' })).toMatch(/code fingerprint another-bui.* differs/);
    // Named as the weights, not as another build (until 2026-12-06 one hash covered both).
    expect(await refuse({ ...mine, weights: 'other-weights' })).toMatch(/refused by every worker connected \(2\): the job's weights fingerprint other-weight differs from this worker's \w{12} \(other trained weights in weights\/: copy the coordinator's\)$/);
    expect(await refuse({ ...mine, networks: { '/nonexistent/net.json': 'ab'.repeat(32) } })).toMatch(/network file "\/nonexistent\/net.json" is missing/);
  }, 60_000);

  // Database 1, which the shared workers (database 0) do not serve: in-process workers, one refusing, then one not.
  it('runs again a job that failed on the workers of an earlier run, once a worker can take it', async () => {
    const target = { ...parseRedisUrl(redis.url), db: 1 };
    const fingerprint = { version: 'test', code: 'good', weights: 'w', networks: {} };
    const consumer = (code: string) => startConsumer({
      target, evaluators: ['stub'], fingerprintFor: () => ({ ...fingerprint, code }), validate: () => undefined, concurrency: 1, log: () => undefined,
      backendFor: () => ({ parallelism: 1, evaluate: async (items) => items.map(() => ({ metrics: { x: 1 } })), close: async () => undefined }),
    });
    const run = async () => {
      const backend = new RedisBackend({ target, evaluator: 'stub', context: {}, fingerprint: () => fingerprint, attempts: 1, sweep_ms: 100 });
      try {
        return await backend.evaluate([{ 'adc.bits': 4 }]).then((o) => JSON.stringify(o), (e: Error) => e.message);
      } finally {
        await backend.close();
      }
    };
    const refusing = consumer('another-build');
    expect(await run()).toMatch(/code fingerprint good differs from this worker's another-buil/);
    await refusing.close();
    const fixed = consumer('good');
    try {
      expect(await run()).toBe('[{"metrics":{"x":1}}]');
    } finally {
      await fixed.close();
    }
  }, 60_000);

  // Database 2, apart from the shared workers: an in-process worker of another build refuses every job.
  it('stops the run with the workers\' reason as a ConfigError (one line, exit 1), no unhandled rejection', async () => {
    const target = { ...parseRedisUrl(redis.url), db: 2 };
    const refusing = startConsumer({
      target, evaluators: ['slow'], fingerprintFor: (files) => ({ ...localFingerprint(files), code: 'another-build' }), validate: () => undefined, concurrency: 4, log: () => undefined,
      backendFor: () => {
        throw new Error('a refused job never runs');
      },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const dir = outDir();
      const failure = await runSearch({ space, outDir: dir, evaluator, backend: { target, evaluator: 'slow', chunk: 3 } }).then(() => undefined, (e: unknown) => e);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toMatch(/^redis backend: job \S+ failed on the workers after 1 attempt\(s\): refused by every worker connected \(1\): the job's code fingerprint .* differs/);
      expect(JSON.parse(read(dir, 'manifest.json')).status).toBe('failed');
      await sleep(100);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await refusing.close();
    }
  }, 60_000);

  // Last: it replaces the shared workers with one of its own, whose count proves no chunk was evaluated twice.
  it('resumes a coordinator killed with SIGKILL mid-batch: results finished in Redis meanwhile are reused, same CSVs', async () => {
    await stopWorkers();
    // Nobody kills this worker: the default 30 s lock, not the 1 s one the SIGKILL cases need, which lapses when a loaded
    // machine starves its renewal (every 0.5 s) and has the job run twice (the count below would be off by its size).
    const own = worker(0, 30_000);
    await connected(own);
    const dir = outDir();
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fixtures/coordinator.ts', import.meta.url).pathname, redis.url, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('generation 2')) resolve();
      });
    });
    await sleep(100); // generation 3's jobs are in flight
    child.kill('SIGKILL');
    await exited;
    const csvAtKill = read(dir, 'evaluations.csv').trim().split('\n').length - 1;
    expect(csvAtKill).toBeLessThan(local.evaluations);
    await sleep(1000); // the worker finishes the dead coordinator's jobs into Redis
    const resumed = await remote({ dir, resume: true });
    expect(resumed.status).toBe('completed');
    for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(dir, file)).toBe(read(local.dir, file));
    vouchedWhole(dir);
    own.child.kill('SIGTERM');
    const { stderr } = await own.done;
    workers.splice(workers.indexOf(own), 1);
    // Every configuration evaluated exactly once by the only worker, across the kill and the resume.
    expect(stderr).toMatch(new RegExp(`stopped after \\d+ job\\(s\\), ${local.evaluations} evaluation\\(s\\)`));
  }, 120_000);
});
