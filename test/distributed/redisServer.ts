/**
 * The redis-server the distributed tests talk to: one of their own per test file (describe), on 127.0.0.1 with no
 * persistence, started in the foreground as a child process on a free port. Never one server shared by files: vitest
 * runs files side by side, and a file's restart, FLUSHALL or workers on database 0 (which take, and refuse, another
 * file's jobs: "refused by every worker connected (3)") would break the other file's run.
 * It can be restarted empty mid-test. Where `redis-server` is missing the tests skip with the reason (`.ci/run`
 * installs it with apt-get).
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

/** How long a redis-server may take to answer once started: seconds on a loaded machine, not the 0.1 s it takes idle. */
const START_WAIT_MS = 30_000;

/**
 * A private redis-server on `port` (extra: more of its options, e.g. `--dir DIR` to load a dump.rdb saved there),
 * once it answers as itself: INFO's process_id is the child's, not another server's that took the port first (the
 * port is free when freePort answers, not necessarily when the server binds it). Rejects when the child exits first.
 */
export async function launch(port: number, extra: readonly string[] = []): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], { stdio: 'ignore' });
  const until = Date.now() + START_WAIT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server on port ${port} exited (${child.exitCode ?? child.signalCode}) before it answered (port taken?)`);
    const info = spawnSync('redis-cli', ['-p', String(port), 'info', 'server']).stdout?.toString() ?? '';
    if (info.includes(`process_id:${child.pid}\r`)) return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port} within ${START_WAIT_MS / 1000} s`);
}

/** A private server on a free port; another port when the one freePort gave was taken before the server bound it. */
export async function startTestRedis(): Promise<TestRedis> {
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    child = await launch(port).catch((error: unknown) => {
      if (attempt >= 3) throw error;
      return undefined;
    });
  }
  let server = child;
  const kill = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async () => {
      await kill();
      server = await launch(port);
    },
    stop: kill,
  };
}

/** A test server for the enclosing describe: started before its tests, stopped after them; call the getter in a test. */
export function useTestRedis(): () => TestRedis {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startTestRedis();
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (!redis) throw new Error('the test Redis has not started');
    return redis;
  };
}
