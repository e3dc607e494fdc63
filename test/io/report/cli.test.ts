import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../../src/cli/commands/report.js';
import { cliRunner } from '../../cli-harness.js';
import { writeFixtureRun } from './fixture.js';

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
});
