/**
 * The first connection of a search or a worker. BullMQ reconnects for ever, which is right once a run has reached its
 * server (a partition heals) but not when it never has: a wrong host, port or password is the setup's fault, so it is
 * refused in one line after a short wait (a server still starting gets START_WAIT_MS), a wrong password at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { ConfigError } from '../../../core/index.js';
import { connectionOptions, redactedUrl, type RedisTarget } from './url.js';

/** How long a start tries to reach a server that has never answered (ms). */
export const START_WAIT_MS = 5000;
/** Pause between two attempts within START_WAIT_MS (ms). */
const RETRY_MS = 250;

/** Resolves once the server answers and accepts the login; a ConfigError (one line) when it cannot within `wait_ms`. */
export async function checkReachable(target: RedisTarget, wait_ms = START_WAIT_MS): Promise<void> {
  const deadline = Date.now() + wait_ms;
  for (;;) {
    const error = await connectOnce(target, Math.max(deadline - Date.now(), RETRY_MS));
    if (error === undefined) return;
    const url = redactedUrl(target);
    // A password the server refuses is refused the same way on every retry: no point waiting.
    if (/^(WRONGPASS|NOAUTH)\b/.test(error.message)) {
      const why = error.message.startsWith('NOAUTH') ? 'the server requires a password and none was given' : 'wrong user or password';
      throw new ConfigError(`--backend: ${url} refused the login (authentication failed: ${why}); expected the server's password in REDIS_URL, --backend-password-file or the URL`);
    }
    if (Date.now() + RETRY_MS >= deadline) {
      throw new ConfigError(`--backend: cannot connect to ${url} (${cause(error)}; tried for ${wait_ms / 1000} s), expected a Redis server there: start it, or correct the host and port`);
    }
    await sleep(RETRY_MS);
  }
}

/** One attempt, no reconnection: undefined when the server is ready, else the error the client reported. */
async function connectOnce(target: RedisTarget, timeout_ms: number): Promise<Error | undefined> {
  const client = new Redis({ ...connectionOptions(target), lazyConnect: true, retryStrategy: () => null, connectTimeout: timeout_ms });
  let reported: Error | undefined;
  client.on('error', (error: Error) => (reported ??= error)); // connect() itself only says "Connection is closed."
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return reported ?? (error as Error);
  } finally {
    client.disconnect();
  }
}

/** What a connection error means, in words (the system's code when there is no better one). */
function cause(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ETIMEDOUT') return 'connection timed out';
  return error.message;
}
