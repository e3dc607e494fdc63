/**
 * Each test file's redis-server is its own: a restart or FLUSHALL in one file never reaches another file's data (files
 * run side by side). Until 2026-12-07 every file used the one `.ci/run` started (COSEARCH_TEST_REDIS_PORT).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { redisMissing, startTestRedis } from './redisServer.js';

const cli = (port: number, ...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args]).stdout.toString().trim();

describe.skipIf(redisMissing !== undefined)('the distributed tests\' redis-server', () => {
  it('is one per caller: another caller\'s restart and FLUSHALL leave its keys', async () => {
    const mine = await startTestRedis();
    const theirs = await startTestRedis();
    try {
      expect(theirs.port).not.toBe(mine.port);
      cli(mine.port, 'set', 'kept', 'yes');
      cli(theirs.port, 'flushall');
      await theirs.restart();
      expect(cli(theirs.port, 'ping')).toBe('PONG');
      expect(cli(mine.port, 'get', 'kept')).toBe('yes');
    } finally {
      await Promise.all([mine.stop(), theirs.stop()]);
    }
  }, 60_000);
});
