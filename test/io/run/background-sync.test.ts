/**
 * EvaluationLog writes its appended bytes to the disk in the background every BACKGROUND_SYNC_BYTES (4 MiB), so a
 * run's synchronous fsyncs find little left; a background write's error is thrown by the next synchronous fsync, once.
 * node:fs's fdatasync is replaced here by one that fails while `failing` is set (the kernel reports a write-back
 * error once, to whoever asks first: it must not be lost in the background).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ failing: false, calls: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fdatasync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void): void => {
    state.calls++;
    if (state.failing) done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    else fs.fdatasync(fd, done);
  };
  return { ...fs, default: { ...fs, fdatasync }, fdatasync };
});
const { EvaluationLog } = await import('../../../src/io/run/index.js');

const row = (i: number) => `${i},${'x'.repeat(1000)}\n`;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('the evaluations log writes to the disk in the background', () => {
  it('starts a background write past 4 MiB appended, and the file and its digest are what was appended', async () => {
    state.failing = false;
    state.calls = 0;
    const path = join(mkdtempSync(join(tmpdir(), 'cosearch-bgsync-')), 'evaluations.csv');
    const log = EvaluationLog.create(path, ['index', 'x']);
    let text = 'index,x\n';
    for (let i = 0; i < 5000; i++) {
      const lines = row(i);
      log.appendLines(lines);
      text += lines;
    }
    await vi.waitFor(() => expect(state.calls).toBeGreaterThan(0));
    expect(state.calls).toBe(1); // 5 MB appended: one background write (the next starts 4 MiB later)
    log.finish();
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(log.vouch()).toEqual({ rows: 5000, bytes: Buffer.byteLength(text), sha256: sha256(text) });
  });

  it('throws a background write\'s error, naming the file, at the next synchronous fsync, once', async () => {
    state.failing = true;
    state.calls = 0;
    const path = join(mkdtempSync(join(tmpdir(), 'cosearch-bgsync-')), 'evaluations.csv');
    const log = EvaluationLog.create(path, ['index', 'x']);
    for (let i = 0; i < 5000; i++) log.appendLines(row(i));
    await vi.waitFor(() => expect(state.calls).toBe(1));
    // The callback runs after fdatasync's: give it its turn.
    await new Promise((resolve) => setTimeout(resolve, 20));
    state.failing = false;
    let thrown: unknown;
    try {
      log.sync();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'EIO', path });
    expect(() => log.sync()).not.toThrow(); // said once; the next fsync is a real one
  });
});
