/**
 * The run-folder lock (src/io/run/lock.ts) against a holder killed while it releases: a lock directory left
 * without its owner file reads as a live holder until the lock goes stale (60 s), so the release removes the lock
 * directory before the owner file and a --resume right after the kill takes the lock over.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_DIR, LOCK_OWNER, lockRunFolder } from '../../../src/io/run/lock.js';

const ROOT = new URL('../../..', import.meta.url).pathname;
const folder = () => mkdtempSync(join(tmpdir(), 'cosearch-lock-'));
const quiet = () => undefined;

/** A pid that no process holds: a child that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid ?? 0;
}

describe('the run-folder lock', () => {
  it('a holder SIGKILLed while it releases leaves a lock the next search takes over at once', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/io/run/fixtures/kill-during-release.ts', dir], { cwd: ROOT, stdio: 'ignore' });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, s) => resolve(s)));
    expect(signal).toBe('SIGKILL');
    // Killed with its lock directory's removal in flight (done or not): never a lock directory without its owner.
    expect(existsSync(join(dir, LOCK_OWNER))).toBe(true);
    const release = await lockRunFolder(dir, true, quiet);
    await release();
  }, 60_000);

  it('releases the lock directory before the owner file', async () => {
    const dir = folder();
    const release = await lockRunFolder(dir, false, quiet);
    const releasing = release();
    expect(existsSync(join(dir, LOCK_OWNER))).toBe(true);
    await releasing;
    expect(existsSync(join(dir, LOCK_DIR))).toBe(false);
    expect(existsSync(join(dir, LOCK_OWNER))).toBe(false);
  });

  it('an owner file without a lock directory (killed between the two removals) does not block', async () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_OWNER), JSON.stringify({ pid: await deadPid(), host: hostname() }));
    const release = await lockRunFolder(dir, true, quiet);
    await release();
  });

  it('refuses a lock whose holder is alive (this process)', async () => {
    const dir = folder();
    mkdirSync(join(dir, LOCK_DIR));
    writeFileSync(join(dir, LOCK_OWNER), JSON.stringify({ pid: process.pid, host: hostname() }));
    await expect(lockRunFolder(dir, true, quiet)).rejects.toThrow(`another cosearch search (pid ${process.pid}) is using this run folder`);
  });

  it('takes over a lock directory left without an owner file (holder killed before naming itself) once it is 10 s old', async () => {
    const dir = folder();
    mkdirSync(join(dir, LOCK_DIR));
    const past = new Date(Date.now() - 11_000);
    utimesSync(join(dir, LOCK_DIR), past, past);
    const release = await lockRunFolder(dir, true, quiet);
    expect(existsSync(join(dir, LOCK_OWNER))).toBe(true);
    await release();
  });

  it('refuses an ownerless lock directory taken moments ago (its holder may be about to name itself)', async () => {
    const dir = folder();
    mkdirSync(join(dir, LOCK_DIR));
    // Not "another cosearch search is using this run folder": no process is known to be using it.
    await expect(lockRunFolder(dir, true, quiet)).rejects.toThrow(new RegExp(`^${dir}: locked by a search that recorded no owner \\(\\.cosearch\\.lock without \\.cosearch\\.lock\\.owner\\): one is starting, or was killed as it started; retry in (9|10) s \\(an ownerless lock is taken over after 10 s\\), or choose another --out$`));
    const past = new Date(Date.now() - 7_000);
    utimesSync(join(dir, LOCK_DIR), past, past);
    await expect(lockRunFolder(dir, true, quiet)).rejects.toThrow(/retry in [34] s/);
    // A lock time ahead of this clock (a VM's clock step) is a lock just taken: the wait said is the grace, not more.
    const future = new Date(Date.now() + 5_000);
    utimesSync(join(dir, LOCK_DIR), future, future);
    await expect(lockRunFolder(dir, true, quiet)).rejects.toThrow(/retry in 10 s \(an ownerless lock is taken over after 10 s\)/);
  });
});
