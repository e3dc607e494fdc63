/**
 * SIGINT and SIGTERM on an in-thread search with --no-cache (issue 12): the other signal tests use worker threads
 * and the cached evaluator; here evaluations run in the main thread (the backend yields to the event loop so the
 * handlers run) through the default evaluator. Exit 130 / 143, manifest "interrupted", one stop line and the
 * continue hint (the report's warning the same one), no stack trace; following the hint gives CSVs byte-identical to an uninterrupted run.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosearch, start, waitFor } from './spawn.js';

const SPACE = 'test/cli/fixtures/signal.json';
// The space has 7,168 points: a run of 4,000 evaluations (about 1.3 s in-thread at ~3,000/s on a quiet machine,
// longer when loaded) is still going when the signal lands after its first rows. (On the old 896-point fixture the whole run took 0.25 s,
// and the signal came during the report, after the run had completed.)
const BUDGET = 4000;
const FLAGS = ['--in-thread', '--no-cache', '--plain', '--budget', String(BUDGET)];
const root = mkdtempSync(join(tmpdir(), 'cosearch-sig-'));
const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
const rows = (text: string): number => text.split('\n').length - 2;

describe('signals on an in-thread --no-cache search', () => {
  const whole = join(root, 'whole');
  beforeAll(async () => {
    const done = await cosearch(['search', SPACE, ...FLAGS, '--out', whole], 600_000);
    expect(done.code, done.stderr).toBe(0);
    expect(rows(read(whole, 'evaluations.csv'))).toBe(BUDGET);
  }, 620_000);

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s: exit %i, manifest interrupted, the hint resumes to byte-identical CSVs', async (signal, code) => {
    const dir = join(root, signal);
    const run = start(['search', SPACE, ...FLAGS, '--out', dir], 600_000);
    await waitFor(join(dir, 'evaluations.csv'), (t) => rows(t) >= 8, 580_000);
    run.child.kill(signal);
    const stopped = await run.done;
    // Not killed by the spawn helper's timeout (no hang), and stopped by the signal, not by the end of the run.
    expect(stopped.signal).toBeNull();
    expect(stopped.code, stopped.stderr).toBe(code);
    expect(JSON.parse(read(dir, 'manifest.json')).status).toBe('interrupted');
    expect(rows(read(dir, 'evaluations.csv'))).toBeLessThan(BUDGET);
    expect(stopped.stderr).toContain(`search: ${signal}: stopping after the batch in flight`);
    expect(stopped.stderr).not.toMatch(/^\s+at /m);
    const hint = /continue with: cosearch (.+)$/m.exec(stopped.stdout + stopped.stderr)?.[1];
    expect(hint).toBe(`search ${SPACE} --resume --out ${dir} --budget ${BUDGET} --in-thread --no-cache`);
    // The report's warning gives the same command (until 2026-12-06 it dropped --no-cache and the machine flags).
    expect(/^search: warning: report: .*continue it with: cosearch (.+)$/m.exec(stopped.stderr)?.[1]).toBe(hint);
    const resumed = await cosearch([...(hint ?? '').split(' '), '--plain'], 600_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(read(dir, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
    expect(read(dir, 'pareto.csv')).toBe(read(whole, 'pareto.csv'));
    expect(JSON.parse(read(dir, 'manifest.json')).status).toBe('completed');
  }, 1_300_000);
});
