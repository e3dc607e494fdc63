/**
 * One process per run folder: `search` and `--resume` hold a lock on the folder (proper-lockfile: a lock
 * directory `.cosearch.lock` whose mtime the holder refreshes; stale after STALE_MS without a refresh), so a
 * second search into the same --out, two resumes, or a resume into a live run are refused instead of
 * interleaving rows. The holder's pid and host sit next to it (`.cosearch.lock.owner`): a lock left by a
 * process of this machine that no longer exists (SIGKILL) is taken over at once rather than after STALE_MS.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { ConfigError } from '../../core/index.js';
import { LOCK_DIR, LOCK_OWNER } from './files.js';

export { LOCK_DIR, LOCK_OWNER };

/** A lock not refreshed for this long is stale (the holder froze or died on another machine). */
const STALE_MS = 60_000;
/**
 * A holder writes its owner file once proper-lockfile's lock() has resolved, which is not one synchronous step: lock()
 * creates the lock directory (mkdir), then reads its mtime back (an asynchronous stat) before resolving, so a process
 * killed in that window (milliseconds, more on a loaded machine; a --resume SIGKILLed 0.33 s after it started did it)
 * leaves a lock directory without an owner file. One this old is taken over; a younger one is refused, saying that
 * no owner was recorded and when to retry (its holder may be about to name itself).
 */
const OWNERLESS_GRACE_MS = 10_000;

/** Release function of a held lock (idempotent). */
export type ReleaseLock = () => Promise<void>;

/** How a refusal names the options that resume a run and choose its folder: the CLI's flags or a library call's options. */
export interface LockWords {
  readonly resume: string;
  readonly out: string;
}

const CLI_LOCK_WORDS: LockWords = { resume: '--resume', out: '--out' };

/**
 * Lock the run folder `dir` (created for a new run; it must exist to resume). Throws a ConfigError naming the
 * folder and the holder when another live process holds it.
 */
export async function lockRunFolder(
  dir: string, resume: boolean, warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`), words: LockWords = CLI_LOCK_WORDS,
): Promise<ReleaseLock> {
  if (resume && !existsSync(dir)) throw new ConfigError(`${words.resume}: ${dir}: no such run folder`);
  if (!resume) mkdirSync(dir, { recursive: true });
  const lockfilePath = join(dir, LOCK_DIR);
  const options = {
    realpath: false,
    lockfilePath,
    stale: STALE_MS,
    onCompromised: (error: Error) => warn(`search: the lock on ${dir} was lost (${error.message}); another process may now write to it`),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (error) {
    if (!isLocked(error)) throw error;
    const owner = readOwner(dir);
    const abandoned = owner ? owner.host === hostname() && !alive(owner.pid) : ownerlessFor(lockfilePath) >= OWNERLESS_GRACE_MS;
    if (!abandoned) throw busy(dir, owner, words, lockfilePath);
    // The holder died on this machine without releasing (SIGKILL), or between taking the lock and naming itself.
    rmSync(lockfilePath, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dir, options);
    } catch (again) {
      if (isLocked(again)) throw busy(dir, readOwner(dir), words, lockfilePath);
      throw again;
    }
  }
  const ownerFile = join(dir, LOCK_OWNER);
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() }));
  // proper-lockfile removes its lock directory when the process exits (also by process.exit); the owner file too.
  const onExit = () => rmSync(ownerFile, { force: true });
  process.once('exit', onExit);
  let held = true;
  return async () => {
    if (!held) return;
    held = false;
    // The lock directory first, then the owner file (its removal is asynchronous, a window a SIGKILL can hit): a
    // process killed in between leaves an owner without a lock, which the next search overwrites. The other order
    // left a lock without an owner, which reads as a live holder (busy) until STALE_MS.
    await release().catch(() => undefined);
    process.off('exit', onExit);
    onExit();
  };
}

/**
 * The holder of a run folder's lock when a search is still writing the folder: undefined when there is no lock, or
 * when its holder is gone (a process of this machine that no longer exists, or a lock not refreshed for STALE_MS).
 * The pid and host are those of the owner file, when it names them.
 */
export function runLockHolder(dir: string): { readonly pid?: number; readonly host?: string } | undefined {
  const lockfilePath = join(dir, LOCK_DIR);
  if (!existsSync(lockfilePath) || ownerlessFor(lockfilePath) >= STALE_MS) return undefined;
  const owner = readOwner(dir);
  if (owner && owner.host === hostname() && !alive(owner.pid)) return undefined;
  return owner ?? {};
}

/** "a cosearch search (pid 12, on host h)" for a holder runLockHolder found. */
export function describeHolder(holder: { readonly pid?: number; readonly host?: string }): string {
  return `a cosearch search${holderDetail(holder)}`;
}

/** " (pid 12 on h)", the host only when it is not this one; "" without a pid. */
function holderDetail(holder: { readonly pid?: number; readonly host?: string }): string {
  const where = holder.host !== undefined && holder.host !== hostname() ? ` on ${holder.host}` : '';
  return holder.pid !== undefined ? ` (pid ${holder.pid}${where})` : '';
}

function busy(dir: string, owner: { pid: number; host: string } | undefined, words: LockWords, lockfilePath: string): ConfigError {
  if (!owner) {
    // No pid to check: a search may be starting, or one was killed as it took the lock; either way the wait is short.
    const wait_s = Math.max(1, Math.ceil((OWNERLESS_GRACE_MS - ownerlessFor(lockfilePath)) / 1000));
    return new ConfigError(`${dir}: locked by a search that recorded no owner (${LOCK_DIR} without ${LOCK_OWNER}): one is starting, or was killed as it started; retry in ${wait_s} s (an ownerless lock is taken over after ${OWNERLESS_GRACE_MS / 1000} s), or choose another ${words.out}`);
  }
  return new ConfigError(`${dir}: another cosearch search${holderDetail(owner ?? {})} is using this run folder; wait for it to end, or choose another ${words.out}`);
}

function isLocked(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'ELOCKED';
}

/** How long ago the lock directory was taken or last refreshed (ms); 0 when it is already gone. */
function ownerlessFor(lockfilePath: string): number {
  try {
    // At least 0: a lock time ahead of this clock (seen ~1 s ahead on a VM) is a lock just taken, so the wait said is
    // never more than the grace ("retry in 11 s ... taken over after 10 s").
    return Math.max(0, Date.now() - statSync(lockfilePath).mtimeMs);
  } catch {
    return 0;
  }
}

function readOwner(dir: string): { pid: number; host: string } | undefined {
  try {
    const raw = JSON.parse(readFileSync(join(dir, LOCK_OWNER), 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof raw.pid === 'number' && typeof raw.host === 'string' ? { pid: raw.pid, host: raw.host } : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
