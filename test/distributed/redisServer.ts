/**
 * The redis-server the distributed tests talk to, always on 127.0.0.1 with no persistence: the one `.ci/run`
 * started (its port in COSEARCH_TEST_REDIS_PORT), else a private one on a free port, started in the foreground
 * as a child process. Either can be restarted empty mid-test. Where `redis-server` is missing the tests skip with
 * the reason (`.ci/run` installs it with apt-get).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll } from 'vitest';

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Kill the server (SIGKILL: nothing saved) and start an empty one on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const redisMissing: string | undefined = spawnSync('redis-server', ['--version']).status === 0
  ? undefined
  : 'redis-server is not installed (apt-get install redis-server); the distributed tests are skipped';

/** A port nothing listens on now (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A private redis-server on `port` (extra: more of its options, e.g. `--dir DIR` to load a dump.rdb saved there). */
export async function launch(port: number, extra: readonly string[] = []): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG') return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer PING on port ${port}`);
}

/** The server `.ci/run` started (daemonized): restarted with `shutdown nosave` and the same command line. */
async function sharedRedis(port: number): Promise<TestRedis> {
  const cli = (...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args]);
  if (cli('ping').stdout?.toString().trim() !== 'PONG') throw new Error(`COSEARCH_TEST_REDIS_PORT=${port}: no redis-server answers PING there`);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async () => {
      cli('shutdown', 'nosave');
      spawnSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
      for (let i = 0; i < 100 && cli('ping').stdout?.toString().trim() !== 'PONG'; i++) await sleep(50);
    },
    stop: async () => {
      cli('flushall'); // .ci/run shuts it down
    },
  };
}

export async function startTestRedis(): Promise<TestRedis> {
  const shared = process.env['COSEARCH_TEST_REDIS_PORT'];
  if (shared) return sharedRedis(Number(shared));
  const port = await freePort();
  let child = await launch(port);
  const kill = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async () => {
      await kill();
      child = await launch(port);
    },
    stop: kill,
  };
}

/** A test server for the enclosing describe: started before its tests, stopped after them; call the getter in a test. */
export function useTestRedis(): () => TestRedis {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startTestRedis();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (!redis) throw new Error('the test Redis has not started');
    return redis;
  };
}
