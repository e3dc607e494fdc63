/**
 * A `cosearch worker` that cannot reach Redis still stops when asked: SIGINT / SIGTERM call its close(), which used
 * to wait for the server for ever (BullMQ's graceful close waits for the connection), so a partitioned worker ignored
 * its first signal. Needs no redis-server: nothing listens on port 1.
 * Once its connection is back it says so, and a close() then finishes the job in flight (needs a redis-server).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { parseRedisUrl, RedisBackend, startConsumer } from '../../src/search/backend/redis/index.js';
import { freePort, launch, redisMissing } from './redisServer.js';

describe('a worker without its Redis server', () => {
  it('says once that it cannot reach the server, and closes at once when asked', async () => {
    const lines: string[] = [];
    const consumer = startConsumer({
      target: { host: '127.0.0.1', port: 1, db: 0, tls: false },
      evaluators: ['simulator'],
      fingerprintFor: () => ({ version: 'test', code: 'test', weights: 'w', networks: {} }),
      validate: () => undefined,
      backendFor: () => {
        throw new Error('no job can arrive without a server');
      },
      concurrency: 1,
      log: (line) => lines.push(line),
    });
    while (lines.length === 0) await sleep(50); // its first line, however long a loaded machine takes (the test's timeout bounds it)
    const closed = await Promise.race([consumer.close().then(() => 'closed'), sleep(5000).then(() => 'still waiting 5 s later')]);
    expect(closed).toBe('closed');
    expect(lines).toEqual([`worker ${consumer.id}: cannot reach redis://127.0.0.1:1/0 (connect ECONNREFUSED 127.0.0.1:1); retrying with backoff`]);
  });
});

describe.skipIf(redisMissing !== undefined)('a worker whose connection drops and comes back', () => {
  // Until 2026-12-05 the worker printed no line when the connection came back, and its close() (SIGTERM) after that
  // was still the forced one of a worker without a server: the job in flight was dropped, never reported.
  // A private server, restarted with its data (saved to its --dir first): the connection drops, the queue stays.
  it('says it is back, and a close() after that finishes the job in flight and reports its result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosearch-redis-'));
    const rig = await heldJobRig(['--dir', dir]);
    const { port, consumer, coordinator, lines, finishJob, waitUntil, stopServer } = rig;
    try {
      const result = coordinator.evaluate([{ 'adc.bits': 4 }]);
      result.catch(() => undefined); // rejected by the coordinator's close() should the test fail before it settles
      await waitUntil(() => rig.inFlight, 'the job to start');
      spawnSync('redis-cli', ['-p', String(port), 'save']);
      await stopServer();
      await waitUntil(() => lines.some((l) => l.includes('cannot reach')), 'the worker to lose the server');
      await rig.restart(['--dir', dir]);
      await waitUntil(() => lines.some((l) => l.includes('connection back')), 'the worker to say it is back');
      const closed = consumer.close(); // what SIGTERM does
      await sleep(200);
      finishJob();
      await closed;
      const outcome = await Promise.race([result.then((o) => JSON.stringify(o)), sleep(5000).then(() => 'no result 5 s later')]);
      expect(outcome).toBe('[{"metrics":{"x":1}}]');
      const url = `redis://127.0.0.1:${port}/0`;
      expect(lines[0]).toBe(`worker ${consumer.id}: connected to ${url}`);
      expect(lines.at(-1)).toBe(`worker ${consumer.id}: connection back to ${url}`);
      expect(lines.slice(1, -1)).toEqual([expect.stringMatching(new RegExp(`^worker ${consumer.id}: cannot reach ${url} \\(.+\\); retrying with backoff$`))]);
    } finally {
      await rig.close();
    }
  }, 60_000);

  // Until 2026-12-07 a close() while the worker's blocking client alone was reconnecting (the server closed it; or it
  // came back after the other client following a restart, which failed CI) waited for ever: BullMQ's graceful close
  // waits for that client's 'end', which ioredis never sends for a socket already closed.
  it('finishes the job in flight on close() while its blocking connection is reconnecting, instead of waiting for ever', async () => {
    const rig = await heldJobRig([]);
    const { port, consumer, coordinator, finishJob, waitUntil } = rig;
    try {
      const result = coordinator.evaluate([{ 'adc.bits': 4 }]);
      result.catch(() => undefined);
      await waitUntil(() => rig.inFlight, 'the job to start');
      // The blocking client is the one named after the worker (the queue lists workers by it).
      const list = spawnSync('redis-cli', ['-p', String(port), 'client', 'list']).stdout.toString();
      const blocking = /^id=(\d+) .* name=\S+:w:\S+ /m.exec(list)?.[1];
      expect(blocking, list).toBeDefined();
      spawnSync('redis-cli', ['-p', String(port), 'client', 'kill', 'id', blocking ?? '']);
      await sleep(100);
      const closed = consumer.close(); // what SIGTERM does
      await sleep(100);
      finishJob();
      const how = await Promise.race([closed.then(() => 'closed'), sleep(15_000).then(() => 'still waiting 15 s later')]);
      expect(how).toBe('closed');
      const outcome = await Promise.race([result.then((o) => JSON.stringify(o)), sleep(5000).then(() => 'no result 5 s later')]);
      expect(outcome).toBe('[{"metrics":{"x":1}}]');
    } finally {
      await rig.close();
    }
  }, 60_000);

  // Until 2026-12-07 the blocking client could still drop after close() had found both clients connected and before
  // BullMQ's graceful close disconnected it (waiting for its 'end', never sent): the worker hung. Here the server closes
  // it at that very moment, the first disconnect() of the blocking client once close() has begun.
  it('finishes the job in flight and closes when its blocking connection drops after close() began', async () => {
    // Patched before the worker exists: BullMQ's ioredis proxy binds a client's methods at their first use.
    const disconnect = Redis.prototype.disconnect;
    let dropped = false;
    let closing = false;
    Redis.prototype.disconnect = function (this: Redis, reconnect?: boolean) {
      // The blocking client is the one named after the worker (the queue lists workers by it), as in CLIENT LIST.
      const blockingClient = (this.options.connectionName ?? '').includes(':w:');
      if (!closing || dropped || !blockingClient || this.status !== 'ready') return disconnect.call(this, reconnect);
      dropped = true;
      const list = spawnSync('redis-cli', ['-p', String(rig.port), 'client', 'list']).stdout.toString();
      const blocking = /^id=(\d+) .* name=\S+:w:\S+ /m.exec(list)?.[1];
      spawnSync('redis-cli', ['-p', String(rig.port), 'client', 'kill', 'id', blocking ?? '']);
      this.once('reconnecting', () => disconnect.call(this, reconnect)); // its socket closed by then
    };
    const rig = await heldJobRig([]).catch((error: unknown) => {
      Redis.prototype.disconnect = disconnect;
      throw error;
    });
    const { consumer, coordinator, finishJob, waitUntil } = rig;
    try {
      const result = coordinator.evaluate([{ 'adc.bits': 4 }]);
      result.catch(() => undefined);
      await waitUntil(() => rig.inFlight, 'the job to start');
      closing = true;
      const closed = consumer.close(); // what SIGTERM does
      finishJob();
      const how = await Promise.race([closed.then(() => 'closed'), sleep(15_000).then(() => 'still waiting 15 s later')]);
      expect(how).toBe('closed');
      expect(dropped).toBe(true);
      const outcome = await Promise.race([result.then((o) => JSON.stringify(o)), sleep(5000).then(() => 'no result 5 s later')]);
      expect(outcome).toBe('[{"metrics":{"x":1}}]');
    } finally {
      Redis.prototype.disconnect = disconnect;
      await rig.close();
    }
  }, 60_000);

  // Until 2026-12-06 a job Redis lost (restarted without persistence) was reported, when the worker finished it, as
  // the server unreachable, right after "connection back": "cannot reach ... (Missing key for job ... moveToFinished)".
  it('says a job was lost from Redis, not that the server is unreachable, when the server lost the job it ran', async () => {
    const rig = await heldJobRig([], 1000); // its lock renewed every 0.5 s: the first renewal on the new server finds the job gone
    const { port, consumer, coordinator, lines, finishJob, waitUntil, stopServer } = rig;
    try {
      const result = coordinator.evaluate([{ 'adc.bits': 4 }]);
      result.catch(() => undefined); // the coordinator's close() rejects it: the job is left unfinished here
      await waitUntil(() => rig.inFlight, 'the job to start');
      await stopServer(); // nothing saved: the restarted server has no job
      await rig.restart([]);
      await waitUntil(() => lines.some((l) => l.includes('could not renew lock')), 'the worker to find its job gone');
      finishJob();
      await sleep(1000); // its finish, refused, and the refused retry come and are not reported again
      const url = `redis://127.0.0.1:${port}/0`;
      const lost = (why: string) => new RegExp(`^worker ${consumer.id}: a job was lost from ${url} \\(${why}\\); it is run again, this worker's result is dropped$`);
      // The job's lines say it was lost, never that the server cannot be reached (any such line is the restart's own).
      // One line for the job, at its first sign (BullMQ also reports its finish and its retry: Missing key ... moveToFinished).
      expect(lines.filter((l) => l.includes(' job '))).toEqual([expect.stringMatching(lost('could not renew lock for job \\S+'))]);
      // A "cannot reach" line is the restart's own, a socket's error while the server was down: it comes when the
      // restart outlasts the first reconnection (0.5 s), as on a loaded machine (load 11, 2026-12-07: one such line).
      const restartOwn = new RegExp(`^worker ${consumer.id}: cannot reach ${url} \\((connect|read|write) E[A-Z]+\\b[^)]*\\); retrying with backoff$`);
      expect(lines.filter((l) => l.includes('cannot reach') && !restartOwn.test(l))).toEqual([]);
    } finally {
      await rig.close();
    }
  }, 60_000);
});

/**
 * A private redis-server, a worker whose one job waits for finishJob(), and a coordinator that sent it: what the
 * connection tests need around the server's restart.
 */
async function heldJobRig(serverArgs: string[], lock_ms?: number) {
  let port = await freePort();
  // Another port when the free one was taken before the server bound it (launch rejects: the server exited).
  let server: ChildProcess = await launch(port, serverArgs).catch(async () => launch((port = await freePort()), serverArgs));
  const lines: string[] = [];
  let finishJob!: () => void;
  const jobMayFinish = new Promise<void>((resolve) => (finishJob = resolve));
  const rig = {
    port, lines, finishJob, inFlight: false,
    consumer: startConsumer({
      target: parseRedisUrl(`redis://127.0.0.1:${port}`), evaluators: ['stub'], fingerprintFor: () => ({ version: 'test', code: 'test', weights: 'w', networks: {} }),
      validate: () => undefined, concurrency: 1, log: (line) => lines.push(line), ...(lock_ms === undefined ? {} : { lock_ms }),
      backendFor: () => ({
        parallelism: 1,
        evaluate: async (items) => {
          rig.inFlight = true;
          await jobMayFinish;
          return items.map(() => ({ metrics: { x: 1 } }));
        },
        close: async () => undefined,
      }),
    }),
    coordinator: new RedisBackend({ target: parseRedisUrl(`redis://127.0.0.1:${port}`), evaluator: 'stub', context: {}, fingerprint: () => ({ version: 'test', code: 'test', weights: 'w', networks: {} }), sweep_ms: 100 }),
    waitUntil: async (test: () => boolean, what: string) => {
      for (let waited = 0; !test(); waited += 50) {
        if (waited > 15_000) throw new Error(`timed out waiting for ${what}; worker said: ${lines.join(' | ')}`);
        await sleep(50);
      }
    },
    stopServer: async () => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    },
    restart: async (args: string[]) => {
      server = await launch(port, args);
    },
    /** Lets the job finish, then closes the worker, the coordinator and the server (a test's finally). */
    close: async () => {
      finishJob();
      await rig.consumer.close();
      await rig.coordinator.close();
      await rig.stopServer();
    },
  };
  return rig;
}
