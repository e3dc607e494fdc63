/**
 * A signal during the report of a run that already completed every evaluation: nothing is left to stop or resume, so
 * the CLI says the run is complete and how to write the report, never "continue later with --resume"; it quits at once
 * with 130 (SIGINT) / 143 (SIGTERM). Deterministic: the report (mocked) raises the signal itself, in process.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register } from '../../src/cli/commands/search.js';

const signals = vi.hoisted(() => ({ next: 'SIGINT' as NodeJS.Signals, reports: 0 }));
vi.mock('../../src/io/report/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/io/report/index.js')>();
  return {
    ...real,
    writeRunReport: (dir: string, ...rest: unknown[]) => {
      signals.reports++;
      process.emit(signals.next, signals.next);
      return (real.writeRunReport as (d: string, ...r: unknown[]) => unknown)(dir, ...rest);
    },
  };
});

const cli = cliRunner([register]);
const SPACE = 'test/cli/fixtures/kill.json';

describe('a signal during the report of a complete run', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s: says the run is complete and how to write the report; exit %i', async (signal, code) => {
    signals.next = signal;
    const before = signals.reports;
    const dir = join(mkdtempSync(join(tmpdir(), 'cosearch-sigreport-')), 'run');
    const exits: (string | number | null | undefined)[] = [];
    const result = await (async () => {
      vi.spyOn(process, 'exit').mockImplementation((c) => void exits.push(c) as never);
      return cli('search', SPACE, '--in-thread', '--no-cache', '--plain', '--budget', '16', '--out', dir);
    })();
    expect(signals.reports - before).toBe(1);
    expect(exits).toEqual([code]);
    expect(result.stdout).toContain('search completed: 16 evaluations');
    expect(result.stderr).toContain(`search: ${signal} during the report: the run is complete (16 evaluations; CSVs and manifest written), the report is not; write it with: cosearch report ${dir}`);
    expect(result.stderr).not.toContain('stopping after the batch in flight');
    expect(result.stderr + result.stdout).not.toContain('--resume');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { status: string; evaluations: number };
    expect(manifest).toMatchObject({ status: 'completed', evaluations: 16 });
  }, 120_000);
});
