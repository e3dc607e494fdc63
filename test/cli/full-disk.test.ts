/**
 * A full disk for real (issue 12): searches into a small tmpfs until the kernel answers ENOSPC, not an injected fault
 * (test/search/resume.test.ts injects ENOSPC and short writes into node:fs). Needs `mount -t tmpfs` (root, or a
 * container allowed to mount); skipped with the reason otherwise. Each case: non-zero exit with one line naming the
 * folder, the error and what to run next, no stack trace; after the disk is made bigger (a remount keeps the files),
 * following that line gives CSVs byte-identical to an uninterrupted run in a roomy folder.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosearch, type Finished } from './spawn.js';

const SPACE = 'test/cli/fixtures/kill.json';
const BUDGET = 400;
const root = mkdtempSync(join(tmpdir(), 'cosearch-fulldisk-'));
const mounted: string[] = [];

function mountTmpfs(dir: string, size: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe', timeout: 10_000 });
  mounted.push(dir);
}
/** Grow a mounted tmpfs in place: its files stay (the "freed disk" of the hint). */
const growTmpfs = (dir: string, size: string) => execFileSync('mount', ['-o', `remount,size=${size}`, dir], { stdio: 'pipe', timeout: 10_000 });

/** Why a tmpfs cannot be mounted here (undefined when it can): probed once with a real mount and unmount. */
function cannotMount(): string | undefined {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux (platform ${process.platform})`;
  if (process.getuid?.() !== 0) return `mount needs root (running as uid ${process.getuid?.()})`;
  const probe = join(root, 'probe');
  try {
    mountTmpfs(probe, '64k');
    execFileSync('umount', [probe], { stdio: 'pipe', timeout: 10_000 });
    mounted.pop();
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `mount -t tmpfs refused (${stderr || (error as Error).message}; e.g. EPERM in a container without CAP_SYS_ADMIN)`;
  }
}

const reason = cannotMount();

/** Take every free block of `disk` (a file `filler` grown until ENOSPC). */
function fill(disk: string): void {
  try {
    for (;;) writeFileSync(join(disk, 'filler'), Buffer.alloc(4096), { flag: 'a' });
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
}
const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
const rows = (text: string): number => text.split('\n').length - 2;
/** stderr without the --plain progress lines: what the user is told. */
// What a run tells beside its progress and its front's model notes (src/app/frontNotes.ts), which no disk state changes.
const told = (run: Finished): string[] => run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('search: generation') && !l.startsWith('search: note: front design'));
const hintOf = (line: string): string[] => (/continue with: cosearch (.+)$/.exec(line)?.[1] ?? '').split(' ');

afterAll(() => {
  for (const dir of mounted.reverse()) {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe', timeout: 10_000 });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe', timeout: 10_000 });
    }
  }
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(reason !== undefined)(`a full disk on a real tmpfs${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const whole = join(root, 'whole');
  beforeAll(async () => {
    const done = await cosearch(['search', SPACE, '--in-thread', '--plain', '--out', whole], 300_000);
    expect(done.code, done.stderr).toBe(0);
    expect(rows(read(whole, 'evaluations.csv'))).toBe(BUDGET);
  }, 320_000);

  it('fills midway: exit 1, one line, no stack trace; after a remount the hint resumes to byte-identical CSVs', async () => {
    const disk = join(root, 'mid');
    // 128 KiB: about half of the 250 KB the 400 rows take.
    mountTmpfs(disk, '128k');
    const out = join(disk, 'run');
    const full = await cosearch(['search', SPACE, '--in-thread', '--plain', '--out', out], 300_000);
    expect(full.code, full.stderr).toBe(1);
    expect(full.signal).toBeNull();
    const lines = told(full);
    expect(lines).toEqual([`cosearch: search: cannot write to ${out} (ENOSPC: no space left on the device); free space, then continue with: cosearch search ${SPACE} --resume --out ${out} --in-thread`]);
    expect(full.stderr).not.toMatch(/^\s+at /m);
    const partial = rows(read(out, 'evaluations.csv'));
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(BUDGET);
    growTmpfs(disk, '4m');
    const resumed = await cosearch([...hintOf(lines[0]), '--plain'], 300_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(read(out, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
    expect(read(out, 'pareto.csv')).toBe(read(whole, 'pareto.csv'));
    expect(JSON.parse(read(out, 'manifest.json')).status).toBe('completed');
  }, 700_000);

  it('full from the start: exit 1, one line whose hint (a new run, nothing to resume) works once space is freed', async () => {
    const disk = join(root, 'start');
    mountTmpfs(disk, '64k');
    // Every block taken before the search starts.
    const filler = join(disk, 'filler');
    try {
      for (;;) writeFileSync(filler, Buffer.alloc(4096), { flag: 'a' });
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    const out = join(disk, 'run');
    const full = await cosearch(['search', SPACE, '--in-thread', '--plain', '--out', out], 300_000);
    expect(full.code, full.stderr).toBe(1);
    const lines = told(full);
    expect(lines).toEqual([`cosearch: search: cannot write to ${out} (ENOSPC: no space left on the device); free space, then continue with: cosearch search ${SPACE} --out ${out} --in-thread`]);
    expect(full.stderr).not.toMatch(/^\s+at /m);
    // Nothing half-written is left to confuse the next run: no manifest, no CSV, no temporary file, no lock.
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    expect(readdirSync(out).filter((f) => !f.startsWith('.cosearch.lock'))).toEqual([]);
    rmSync(filler);
    growTmpfs(disk, '4m');
    const again = await cosearch([...hintOf(lines[0]), '--plain'], 300_000);
    expect(again.code, again.stderr).toBe(0);
    expect(read(out, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
    expect(read(out, 'pareto.csv')).toBe(read(whole, 'pareto.csv'));
  }, 700_000);

  it('full while the report is drawn: the CSVs are complete, exit 0, one line saying how to redraw the report', async () => {
    const disk = join(root, 'report');
    // 320 KiB: the CSVs and manifest (~260 KB) fit, the 126 KB plot does not.
    mountTmpfs(disk, '320k');
    const out = join(disk, 'run');
    const run = await cosearch(['search', SPACE, '--in-thread', '--plain', '--out', out], 300_000);
    expect(run.code, run.stderr).toBe(0);
    expect(told(run)).toEqual([expect.stringMatching(new RegExp(`^search: CSVs written, report failed: ENOSPC: no space left on device.*\\(retry with: cosearch report ${out}\\)$`))]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(read(out, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
    expect(read(out, 'pareto.csv')).toBe(read(whole, 'pareto.csv'));
    expect(JSON.parse(read(out, 'manifest.json')).status).toBe('completed');
    growTmpfs(disk, '4m');
    const report = await cosearch(['report', out], 300_000);
    expect(report.code, report.stderr).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 700_000);

  it('report, pick --out and pareto --out on a full disk: exit 1, one line naming the file and the cause, no stack trace', async () => {
    const disk = join(root, 'commands');
    mountTmpfs(disk, '1m');
    const run = join(disk, 'run');
    mkdirSync(run);
    for (const name of ['evaluations.csv', 'pareto.csv', 'manifest.json']) cpSync(join(whole, name), join(run, name));
    fill(disk);
    const cases: [string[], string][] = [
      [['report', run, '--no-evaluate'], join(run, 'pareto.svg')],
      [['pick', whole, '--out', join(disk, 'p.json')], join(disk, 'p.json')],
      [['pareto', join(whole, 'evaluations.csv'), '--objectives', 'energy_pJ:min,area_mm2:min', '--out', join(disk, 'p.csv')], join(disk, 'p.csv')],
    ];
    for (const [args, path] of cases) {
      const done = await cosearch(args, 120_000);
      expect(done.code, `${args[0]}: ${done.stderr}`).toBe(1);
      expect(done.stderr).toBe(`cosearch: cannot write to ${path} (ENOSPC: no space left on the device); free space, then run the command again\n`);
      expect(existsSync(path)).toBe(false);
    }
    // What was there is kept: the run's CSVs as they were.
    expect(read(run, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
  }, 400_000);
});
