/**
 * A search or a worker that has never reached its Redis server is misconfigured, not partitioned: nothing listening
 * at the URL is refused after START_WAIT_MS, a password the server refuses at once, in one line with the URL
 * (redacted) and the cause, exit 1, and nothing written into --out. Until 2026-12-05 both retried for ever and the
 * search said "connection lost" about a connection it never had.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch } from '../../src/app/index.js';
import { ConfigError } from '../../src/core/index.js';
import { parseRedisUrl, START_WAIT_MS } from '../../src/search/backend/redis/index.js';
import { cosearch } from '../cli/spawn.js';
import { distributedSpace, evaluator } from './fixtures/space.js';
import { freePort, redisMissing, useTestRedis } from './redisServer.js';

const outDir = () => join(mkdtempSync(join(tmpdir(), 'cosearch-redis-')), 'run');

const refusedLine = (port: number) =>
  `--backend: cannot connect to redis://127.0.0.1:${port}/0 (connection refused; tried for 5 s), expected a Redis server there: start it, or correct the host and port`;
const wrongPasswordLine = (port: number) =>
  `--backend: redis://127.0.0.1:${port}/0 refused the login (authentication failed: wrong user or password); expected the server's password in REDIS_URL, --backend-password-file or the URL`;

describe('a Redis server never reached', () => {
  it('refuses the search after the start wait, naming the URL and the cause; --out is not created', async () => {
    const port = await freePort();
    const dir = outDir();
    const started = Date.now();
    const failure = await runSearch({ space: distributedSpace(), outDir: dir, evaluator, backend: { target: parseRedisUrl(`redis://127.0.0.1:${port}`), evaluator: 'slow' } })
      .then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(refusedLine(port));
    expect(Date.now() - started).toBeGreaterThanOrEqual(START_WAIT_MS - 500);
    expect(existsSync(dir)).toBe(false);
  }, 30_000);

  it('`cosearch search --backend` exits 1 with that one line and writes nothing', async () => {
    const port = await freePort();
    const dir = outDir();
    const { code, stderr } = await cosearch(['search', 'search-spaces/default.json', '--backend', `redis://127.0.0.1:${port}`, '--out', dir], 60_000);
    expect({ code, stderr }).toEqual({ code: 1, stderr: `cosearch: ${refusedLine(port)}\n` });
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});

describe.skipIf(redisMissing !== undefined)('a Redis server that refuses the password', () => {
  const server = useTestRedis();

  it('refuses the search at once (a wrong password is never transient), the password redacted', async () => {
    const dir = outDir();
    const started = Date.now();
    const failure = await runSearch({ space: distributedSpace(), outDir: dir, evaluator, backend: { target: parseRedisUrl(`redis://nobody:s3cret@127.0.0.1:${server().port}`), evaluator: 'slow' } })
      .then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(wrongPasswordLine(server().port));
    // Sooner than a retried connection is refused (after START_WAIT_MS, less 0.5 s as above): not half of it, a bound
    // that a loaded machine nears (0.6 s of the 2.5 s at load 12, 2026-12-07) with nothing retried.
    expect(Date.now() - started).toBeLessThan(START_WAIT_MS - 500);
    expect(existsSync(dir)).toBe(false);
  }, 30_000);

  it('`cosearch worker` with a wrong --backend-password-file exits 1 with one line, at once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cosearch-redis-')), 'password');
    writeFileSync(file, 's3cret\n');
    const { code, stderr } = await cosearch(['worker', '--backend', `redis://nobody@127.0.0.1:${server().port}`, '--backend-password-file', file], 60_000);
    expect({ code, stderr }).toEqual({ code: 1, stderr: `cosearch: ${wrongPasswordLine(server().port)}\n` });
  }, 60_000);
});
