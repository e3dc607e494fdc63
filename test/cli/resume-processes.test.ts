/**
 * Real processes (issue 12): a search SIGKILLed at several points (early, midway, and as its last rows land,
 * i.e. during the final pareto/manifest writes) and then resumed gives CSVs byte-identical to an uninterrupted
 * run; the "continue with" hint of an interrupted run works when followed; resuming a complete run says so,
 * exits 0 and writes nothing.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosearch, start, waitFor } from './spawn.js';

const SPACE = 'test/cli/fixtures/kill.json';
const SIGNAL_SPACE = 'test/cli/fixtures/signal.json';
const BUDGET = 400;
const rows = (text: string): number => text.split('\n').length - 2;
const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');

describe('SIGKILL, then --resume', () => {
  it('gives byte-identical CSVs wherever the kill lands', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cosearch-kill-'));
    const whole = join(root, 'whole');
    const done = await cosearch(['search', SPACE, '--in-thread', '--plain', '--out', whole], 300_000);
    expect(done.code, done.stderr).toBe(0);
    expect(rows(read(whole, 'evaluations.csv'))).toBe(BUDGET);
    for (const at of [1, BUDGET / 2, BUDGET]) {
      const dir = join(root, `kill-${at}`);
      const run = start(['search', SPACE, '--in-thread', '--plain', '--out', dir], 300_000);
      await waitFor(join(dir, 'evaluations.csv'), (t) => rows(t) >= at, 280_000).catch(() => undefined);
      run.child.kill('SIGKILL');
      const killed = await run.done;
      const resumed = await cosearch(['search', SPACE, '--in-thread', '--plain', '--resume', '--out', dir], 300_000);
      // A kill that came after the final manifest finds a complete run: said, exit 0.
      expect(resumed.code, `${killed.signal} ${resumed.stderr}`).toBe(0);
      expect(read(dir, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
      expect(read(dir, 'pareto.csv')).toBe(read(whole, 'pareto.csv'));
      expect(JSON.parse(read(dir, 'manifest.json')).status).toBe('completed');
    }
  }, 1_200_000);

  it('follows the "continue with" hint of an interrupted run, and says a complete run is complete', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cosearch-hint-'));
    const dir = join(root, 'run');
    const args = ['--seed', '3', '--budget', '4000', '--strategy', 'random'];
    // Worker threads, not --in-thread: an in-thread run only sees the signal once it yields to the event loop.
    // The larger space: 4,000 evaluations in batches of 8 are still running when the signal lands (200 on the kill
    // fixture could finish before it).
    const run = start(['search', SIGNAL_SPACE, '--workers', '1', '--plain', '--out', dir, ...args], 300_000);
    await waitFor(join(dir, 'evaluations.csv'), (t) => rows(t) >= 8, 280_000);
    run.child.kill('SIGINT');
    const stopped = await run.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    const hint = /continue with: cosearch (.+)$/m.exec(stopped.stdout + stopped.stderr)?.[1];
    expect(hint).toContain('--seed 3 --budget 4000');
    expect(hint).toContain('--strategy random');
    expect(hint).toContain('--workers 1');
    const followed = await cosearch([...(hint ?? '').split(' '), '--plain'], 300_000);
    expect(followed.code, followed.stderr).toBe(0);
    expect(rows(read(dir, 'evaluations.csv'))).toBe(4000);
    const mtime = statSync(join(dir, 'evaluations.csv')).mtimeMs;
    const again = await cosearch([...(hint ?? '').split(' ')], 300_000);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('is already complete (4000 evaluations');
    expect(statSync(join(dir, 'evaluations.csv')).mtimeMs).toBe(mtime);
  }, 900_000);
});
