/**
 * Faults with real processes (issue 12): the run-folder lock, SIGINT/SIGTERM exit codes and manifest status,
 * exit 3 when every evaluation failed, --workers bounds, and a closed stdout pipe.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosearch, start, waitFor } from './spawn.js';

const SLOW = 'test/cli/fixtures/slow.json';
const tmp = () => mkdtempSync(join(tmpdir(), 'cosearch-proc-'));
const status = (dir: string) => (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { status: string }).status;
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);
/**
 * The kill timer (a hang guard) of a search the test signals itself: its test's timeout, not the helper's 60 s, which
 * a loaded machine reaches while the test starts two more CLIs (each start took 27 s at load 17; 7 s in all on CI).
 */
const RUN_MS = 120_000;

describe('run-folder lock', () => {
  it('refuses a second search, a resume into the live run; the first run ends cleanly and its CSV is intact', async () => {
    const out = join(tmp(), 'run');
    const first = start(['search', SLOW, '--out', out, '--workers', '1', '--plain'], RUN_MS);
    await waitFor(join(out, 'manifest.json'));
    const second = await cosearch(['search', SLOW, '--out', out, '--workers', '1']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`^cosearch: ${out}: another cosearch search \\(pid ${first.child.pid}\\) is using this run folder; wait for it to end, or choose another --out\\n$`));
    const resume = await cosearch(['search', SLOW, '--out', out, '--resume']);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toContain('is using this run folder');
    first.child.kill('SIGTERM');
    const ended = await first.done;
    expect(ended.code).toBe(143);
    expect(status(out)).toBe('interrupted');
    const lines = readFileSync(join(out, 'evaluations.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^index,generation,/);
    lines.slice(1).forEach((line, i) => expect(line.startsWith(`${i},`)).toBe(true));
  }, 120_000);

  it('takes over the lock of a killed (SIGKILL) search at once, so --resume works', async () => {
    const out = join(tmp(), 'run');
    const first = start(['search', SLOW, '--out', out, '--workers', '1', '--plain'], RUN_MS);
    await waitFor(join(out, 'manifest.json'));
    first.child.kill('SIGKILL');
    await first.done;
    const resumed = start(['search', SLOW, '--out', out, '--resume', '--workers', '1', '--plain'], RUN_MS);
    await waitFor(join(out, 'manifest.json'), (t) => t.includes('resumedAt'));
    resumed.child.kill('SIGINT');
    const ended = await resumed.done;
    expect(ended.code).toBe(130);
    expect(ended.stderr).not.toContain('another cosearch search');
    expect(status(out)).toBe('interrupted');
  }, 120_000);
});

describe('exit codes', () => {
  it('SIGINT exits 130 with the manifest interrupted and a continue hint', async () => {
    const out = join(tmp(), 'run');
    const run = start(['search', SLOW, '--out', out, '--workers', '1', '--plain', '--seed', '3'], RUN_MS);
    await waitFor(join(out, 'manifest.json'));
    run.child.kill('SIGINT');
    const ended = await run.done;
    expect(ended.code).toBe(130);
    expect(status(out)).toBe('interrupted');
    expect(ended.stderr).toContain('--resume');
    noStack(ended.stderr);
  }, 120_000);

  it('exits 3 when the search finished but every evaluation failed', async () => {
    const out = join(tmp(), 'run');
    const run = await cosearch(['search', 'test/cli/fixtures/all-fail.json', '--out', out, '--workers', '1', '--plain']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('search: every evaluation failed (2)');
    expect(status(out)).toBe('completed');
  }, 120_000);

  it('refuses --workers beyond 4 per core (exit 1, with the reason)', async () => {
    const run = await cosearch(['search', SLOW, '--workers', '100000']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--workers: got "100000", expected an integer in \[1, \d+\] \(4 per available core, at most 256/);
  }, 60_000);
});

describe('closed pipes', () => {
  it.each([['validate', 'search-spaces/layerwise-peripheral.json'], ['list', 'parameters']])('cosearch %s %s with stdout closed exits quietly', async (...args) => {
    const run = start(args);
    run.child.stdout?.destroy();
    const ended = await run.done;
    expect(ended.code).toBe(0);
    expect(ended.stderr).toBe('');
  }, 60_000);
});
