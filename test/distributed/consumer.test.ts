/**
 * A `cosearch worker` that cannot reach Redis still stops when asked: SIGINT / SIGTERM call its close(), which used
 * to wait for the server for ever (BullMQ's graceful close waits for the connection), so a partitioned worker ignored
 * its first signal. Needs no redis-server: nothing listens on port 1.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startConsumer } from '../../src/search/backend/redis/index.js';

describe('a worker without its Redis server', () => {
  it('says once that it cannot reach the server, and closes at once when asked', async () => {
    const lines: string[] = [];
    const consumer = startConsumer({
      target: { host: '127.0.0.1', port: 1, db: 0, tls: false },
      evaluators: ['simulator'],
      fingerprintFor: () => ({ version: 'test', code: 'test', networks: {} }),
      validate: () => undefined,
      backendFor: () => {
        throw new Error('no job can arrive without a server');
      },
      concurrency: 1,
      log: (line) => lines.push(line),
    });
    for (let waited = 0; lines.length === 0 && waited < 5000; waited += 50) await sleep(50);
    const closed = await Promise.race([consumer.close().then(() => 'closed'), sleep(5000).then(() => 'still waiting 5 s later')]);
    expect(closed).toBe('closed');
    expect(lines).toEqual([`worker ${consumer.id}: cannot reach redis://127.0.0.1:1/0 (connect ECONNREFUSED 127.0.0.1:1); retrying with backoff`]);
  });
});
