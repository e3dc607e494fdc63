/**
 * src/cli/diskError.ts: an error of the environment is one line naming the file, the cause and advice that fits the
 * cause ("free space" for a full disk, not for a read-only file system or a permission), and every command exits 1
 * with it through runCli (test/cli/full-disk.test.ts does it on a real full tmpfs).
 */
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { diskErrorLine } from '../../src/cli/diskError.js';
import { runCli } from '../../src/cli/run.js';

const fsError = (code: string, path?: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: something, write`), { code, ...(path !== undefined ? { path } : {}) });

describe('diskErrorLine', () => {
  it('names the file and the cause; the advice depends on the code', () => {
    expect(diskErrorLine(fsError('ENOSPC', '/d/p.json'))).toBe('cannot write to /d/p.json (ENOSPC: no space left on the device); free space, then run the command again');
    const readOnly = diskErrorLine(fsError('EROFS', '/d/run/report.html'));
    expect(readOnly).toBe('cannot write to /d/run/report.html (EROFS: read-only file system); make the file system writable (remount it read-write), then run the command again');
    for (const code of ['EROFS', 'EACCES', 'EPERM', 'EIO']) expect(diskErrorLine(fsError(code, '/x'))).not.toMatch(/free space/);
    expect(diskErrorLine(fsError('EACCES', '/x'))).toMatch(/^cannot access \/x \(EACCES: permission denied\); give write permission/);
    expect(diskErrorLine(fsError('ENOSPC'))).toMatch(/^cannot write to a file \(ENOSPC/);
  });

  it('leaves other errors to the caller', () => {
    expect(diskErrorLine(fsError('ENOENT', '/x'))).toBeUndefined();
    expect(diskErrorLine(new Error('bug'))).toBeUndefined();
    expect(diskErrorLine('text')).toBeUndefined();
  });
});

describe('runCli and an error of the environment', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('prints one line and exits 1 (not an internal error, exit 2)', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const program = new Command('cosearch');
    program.command('write').action(() => {
      throw fsError('EDQUOT', '/q/out.csv');
    });
    await runCli(program, ['node', 'cosearch', 'write']);
    expect(process.exitCode).toBe(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toBe('cosearch: cannot write to /q/out.csv (EDQUOT: disk quota exceeded); free space or raise the quota, then run the command again\n');
  });
});
