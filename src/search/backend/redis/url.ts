/**
 * Where the Redis server is and how to log in, parsed from `redis://HOST:PORT[/DB]` or `rediss://` (TLS).
 * The password never travels in anything cosearch writes: `redactedUrl` is what manifests, logs and errors show.
 */
import { ConfigError } from '../../../core/index.js';
import { readInputText } from '../../../core/input/index.js';

/** A password file's size limit: far above any password line, far below what would exhaust memory. */
const PASSWORD_FILE_MAX_BYTES = 64 * 1024;

export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly tls: boolean;
  readonly username?: string;
  readonly password?: string;
}

const DEFAULT_PORT = 6379;

/**
 * Parses a backend URL. The password comes from the URL itself, else `REDIS_URL`'s (same host), else the first
 * line of `passwordFile`; a password on the command line is visible to other users of the machine (`ps`), hence
 * the other two ways.
 */
export function parseRedisUrl(raw: string, options: { passwordFile?: string; env?: NodeJS.ProcessEnv } = {}): RedisTarget {
  const env = options.env ?? process.env;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--backend: got "${redactText(raw)}", expected redis://HOST:PORT[/DB] or rediss://HOST:PORT[/DB]`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`--backend: got protocol "${url.protocol}", expected redis: or rediss: (e.g. redis://127.0.0.1:6379)`);
  }
  if (!url.hostname) throw new ConfigError('--backend: the URL names no host, expected redis://HOST:PORT[/DB]');
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > 15 || !/^\d*$/.test(dbText)) {
    throw new ConfigError(`--backend: database "${dbText}" is not an integer in [0, 15]`);
  }
  const password = url.password ? decodeURIComponent(url.password) : passwordFromEnv(env, url.hostname) ?? passwordFromFile(options.passwordFile);
  return {
    host: url.hostname,
    port,
    db,
    tls: url.protocol === 'rediss:',
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}

function passwordFromEnv(env: NodeJS.ProcessEnv, host: string): string | undefined {
  const fromEnv = env['REDIS_URL'];
  if (!fromEnv) return undefined;
  try {
    const url = new URL(fromEnv);
    return url.password && url.hostname === host ? decodeURIComponent(url.password) : undefined;
  } catch {
    throw new ConfigError('REDIS_URL: not a URL, expected redis://:PASSWORD@HOST:PORT');
  }
}

function passwordFromFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  // Through the safe-input layer as every file read (a regular file, size-limited): until 2026-12-07 readFileSync, so
  // a FIFO blocked the command for ever (past SIGTERM) and /dev/zero crashed it out of memory (QA trust25).
  const text = readInputText(path, { what: '--backend-password-file', maxBytes: PASSWORD_FILE_MAX_BYTES });
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line === '') throw new ConfigError(`--backend-password-file: "${path}" is empty, expected the password on its first line`);
  return line;
}

/** The URL as cosearch may print or store it: scheme, host, port and database, never a user or password. */
export function redactedUrl(target: RedisTarget): string {
  return `${target.tls ? 'rediss' : 'redis'}://${target.host}:${target.port}/${target.db}`;
}

/** Any `user:password@` in free text replaced, for errors that quote what the user typed. */
export function redactText(text: string): string {
  return text.replace(/\/\/[^@/]*@/g, '//***@');
}

/** Longest wait between two reconnection attempts (ms): a client that is reconnecting tries again within it. */
const RECONNECT_CAP_MS = 10_000;

/** ioredis connection options for a target (maxRetriesPerRequest null: BullMQ's workers block on Redis). */
export function connectionOptions(target: RedisTarget): Record<string, unknown> {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username !== undefined ? { username: target.username } : {}),
    ...(target.password !== undefined ? { password: target.password } : {}),
    ...(target.tls ? { tls: { servername: target.host } } : {}),
    maxRetriesPerRequest: null,
    // Reconnect with a capped backoff: a partitioned worker keeps trying instead of exiting.
    retryStrategy: (times: number) => Math.min(250 * 2 ** Math.min(times, 6), RECONNECT_CAP_MS),
  };
}
