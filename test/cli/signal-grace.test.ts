/**
 * A signal whose batch in flight outlasts the grace (3 s): the search abandons the batch and quits, but first marks
 * the manifest interrupted and writes pareto.csv and the report from the evaluations.csv on disk, as the end of an
 * interrupted run writes them (docs/search.md, "Stopping a search"). Deterministic and cheap: the engine is replaced
 * by one that lays a real run folder's rows down, raises the signal itself and never finishes its batch.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register, runSearchCommand } from '../../src/cli/commands/search.js';

const engine = vi.hoisted(() => ({ stuck: undefined as { from: string; signal: NodeJS.Signals; header?: boolean } | undefined }));
vi.mock('../../src/app/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/app/index.js')>();
  return {
    ...real,
    runSearch: (options: Parameters<typeof real.runSearch>[0]) => {
      const stuck = engine.stuck;
      if (stuck === undefined) return real.runSearch(options);
      // The rows of a finished run, the manifest as a running search leaves it; then the signal and a batch that never ends.
      mkdirSync(options.outDir, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(stuck.from, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(options.outDir, 'manifest.json'), JSON.stringify({ ...manifest, status: 'running', endedAt: undefined }));
      const evaluations = readFileSync(join(stuck.from, 'evaluations.csv'), 'utf8');
      writeFileSync(join(options.outDir, 'evaluations.csv'), stuck.header ? `${evaluations.split('\n')[0]}\n` : evaluations);
      process.emit(stuck.signal, stuck.signal);
      return new Promise(() => undefined);
    },
  };
});

const SPACE = 'test/cli/fixtures/kill.json';
const root = mkdtempSync(join(tmpdir(), 'cosearch-siggrace-'));
const whole = join(root, 'whole');

/** Runs the search until it calls process.exit (the grace quit), capturing its output. */
async function searchUntilExit(dir: string): Promise<{ exits: unknown[]; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const exits: unknown[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  vi.spyOn(process, 'exit').mockImplementation((c) => void exits.push(c) as never);
  const listeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  void runSearchCommand(SPACE, { inThread: true, cache: false, plain: true, budget: 16, out: dir });
  const started = Date.now();
  while (exits.length === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
  vi.restoreAllMocks();
  // The command never returns (its batch never ends): its signal handlers are removed here, not by its finally.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!listeners[signal].includes(listener)) process.off(signal, listener);
  }
  return { exits, stdout, stderr };
}

describe('a signal whose batch outlasts the grace', () => {
  beforeAll(async () => {
    const done = await cliRunner([register])('search', SPACE, '--in-thread', '--no-cache', '--plain', '--budget', '16', '--out', whole);
    expect(done.exitCode, done.stderr).toBe(0);
  }, 120_000);

  afterEach(() => {
    engine.stuck = undefined;
    process.exitCode = undefined;
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s: exit %i after writing pareto.csv and the report from the rows on disk', async (signal, code) => {
    const dir = join(root, signal);
    engine.stuck = { from: whole, signal };
    const run = await searchUntilExit(dir);
    expect(run.exits).toEqual([code]);
    const hint = `cosearch search ${SPACE} --resume --out ${dir} --budget 16 --in-thread --no-cache`;
    const front = readFileSync(join(whole, 'pareto.csv'), 'utf8');
    const frontSize = front.split('\n').length - 2;
    // The same front as the finished run's (the same 16 rows), byte for byte.
    expect(readFileSync(join(dir, 'pareto.csv'), 'utf8')).toBe(front);
    expect(run.stdout).toContain(`search interrupted: 16 evaluations; Pareto front: ${frontSize} configuration${frontSize === 1 ? '' : 's'} (written from evaluations.csv)\n` +
      `  pareto:      ${join(dir, 'pareto.csv')}\n  plot:        ${join(dir, 'pareto.svg')}\n  report:      ${join(dir, 'report.html')}\n`);
    expect(run.stderr).toContain(`search: ${signal}: stopped without the batch in flight (still running after 3 s); continue with: ${hint}\n`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('the run was interrupted after 16 evaluations');
    expect(existsSync(join(dir, 'pareto.svg'))).toBe(true);
    expect(readFileSync(join(dir, 'evaluations.csv'), 'utf8')).toBe(readFileSync(join(whole, 'evaluations.csv'), 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'interrupted', stopReason: signal });
  }, 120_000);

  it('in the first batch (no row yet): a header-only pareto.csv and the report of 0 evaluations', async () => {
    const dir = join(root, 'first');
    rmSync(dir, { recursive: true, force: true });
    engine.stuck = { from: whole, signal: 'SIGINT', header: true };
    const run = await searchUntilExit(dir);
    expect(run.exits).toEqual([130]);
    expect(readFileSync(join(dir, 'pareto.csv'), 'utf8')).toBe(`${readFileSync(join(whole, 'pareto.csv'), 'utf8').split('\n')[0]}\n`);
    expect(run.stdout).toContain('search interrupted: 0 evaluations; Pareto front: 0 configurations (written from evaluations.csv)\n');
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'interrupted', stopReason: 'SIGINT' });
  }, 120_000);
});
