import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, type Mode, type OpenMode, type PathLike } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../../src/cli/commands/report.js';
import { readRun } from '../../../src/io/report/run.js';
import { lockRunFolder } from '../../../src/io/run/lock.js';
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

  it('reports an interrupted run that has no pareto.csv yet, its front recomputed from evaluations.csv (as pick does)', async () => {
    const fixture = writeFixtureRun(join(root, 'interrupted'));
    rmSync(join(fixture.dir, 'pareto.csv'));
    const manifest = JSON.parse(readFileSync(join(fixture.dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...manifest, status: 'interrupted', stopReason: 'SIGINT' }));
    const r = await cosearch('report', fixture.dir, '--no-evaluate');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect((await readRun(fixture.dir)).front.map((row) => row.index)).toEqual(fixture.front.map((row) => row.index));
    const html = readFileSync(join(fixture.dir, 'report.html'), 'utf8');
    expect(html).toContain(`${fixture.front.length} on the front`);
    expect(html).toContain('Note: pareto.csv is not written yet (the run is interrupted): the front is recomputed from the evaluations.csv written so far; ' +
      `continue it with: cosearch search /nowhere/fixture-space.json --resume --out ${fixture.dir} --strategy nsga2 --seed 1 --budget 48.`);
    expect(existsSync(join(fixture.dir, 'pareto.csv'))).toBe(false);
  });

  it('says a run folder a search is still starting (locked, no manifest yet) is in progress, not that it is no run folder', async () => {
    const dir = join(root, 'starting');
    const release = await lockRunFolder(dir, false);
    try {
      writeFileSync(join(dir, 'evaluations.csv'), 'index,generation\n');
      const r = await cosearch('report', dir, '--no-evaluate');
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(`cosearch: ${join(dir, 'manifest.json')}: not written yet, expected a run that has started: a cosearch search (pid ${process.pid}) ` +
        'is still starting this run; report it once its first rows are written (a search writes its report itself when it ends)\n');
    } finally {
      await release();
    }
  });
});
