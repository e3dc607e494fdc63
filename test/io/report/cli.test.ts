import { mkdtempSync, readFileSync, rmSync, writeFileSync, type Mode, type OpenMode, type PathLike } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../../src/cli/commands/report.js';
import { cliRunner } from '../../cli-harness.js';
import { writeFixtureRun } from './fixture.js';

/**
 * Folders the user may not write, as for a user without write permission on them (the tests may run as root, who
 * may write anywhere): the access check says EACCES, and so does opening a file in them for writing.
 */
const readOnly = vi.hoisted(() => new Set<string>());
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const denied = (path: string) => Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
  const accessSync = (path: PathLike, mode?: number): void => {
    if (mode !== undefined && (mode & real.constants.W_OK) !== 0 && readOnly.has(String(path))) throw denied(String(path));
    real.accessSync(path, mode);
  };
  const openSync = (path: PathLike, flags: OpenMode = 'r', mode?: Mode | null): number => {
    if (typeof flags === 'string' && /[wa+]/.test(flags) && readOnly.has(dirname(String(path)))) throw denied(String(path));
    return real.openSync(path, flags, mode);
  };
  return { ...real, accessSync, openSync, default: { ...real, accessSync, openSync } };
});

const root = mkdtempSync(join(tmpdir(), 'cosearch-report-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const cosearch = cliRunner([register]);

describe('cosearch report RUN_DIR', () => {
  it('writes both files and says where', async () => {
    const dir = writeFixtureRun(join(root, 'ok')).dir;
    const r = await cosearch('report', dir, '--no-evaluate');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`wrote ${join(dir, 'pareto.svg')}\nwrote ${join(dir, 'report.html')}\n`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<table id="front-table"');
  });

  it('fails with one line and exit 1 on a missing folder or a malformed CSV, leaving the old report', async () => {
    const missing = await cosearch('report', join(root, 'nope'));
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe(`cosearch: ${join(root, 'nope')}: no such folder, expected a cosearch run folder (evaluations.csv, pareto.csv, manifest.json)\n`);

    const dir = writeFixtureRun(join(root, 'bad')).dir;
    writeFileSync(join(dir, 'report.html'), 'previous report');
    writeFileSync(join(dir, 'pareto.csv'), 'index,generation\n3\n');
    const bad = await cosearch('report', dir);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(bad.stderr).toContain(`${join(dir, 'pareto.csv')}: line 2: got 1 fields, expected 2`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('previous report');
  });

  it('refuses a run folder the user cannot write in one line, exit 1, before reading it', async () => {
    const dir = writeFixtureRun(join(root, 'read-only')).dir;
    writeFileSync(join(dir, 'report.html'), 'previous report');
    readOnly.add(dir);
    try {
      const r = await cosearch('report', dir, '--no-evaluate');
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(`cosearch: RUN_DIR ${dir}: ${dir} is not writable, expected a folder you can write to\n`);
    } finally {
      readOnly.delete(dir);
    }
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('previous report');
  });
});
