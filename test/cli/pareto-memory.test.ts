/**
 * `cosearch pareto` streams its CSV (issue 12): a 67 MB evaluations CSV goes through a process whose JS heap is
 * capped at 48 MiB. The whole-file reader it replaced held the file's text, its records and a row object per
 * record, and ran out of heap on this file (V8 fatal error, exit 134, checked on main before the change).
 * Not a timing test: the bound is the heap cap.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './spawn.js';

const ROWS = 300_000;

describe('cosearch pareto on a CSV larger than its heap', () => {
  it('finds the front of 300,000 rows (67 MB) with a 48 MiB heap', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cosearch-pareto-mem-')), 'big.csv');
    const fd = openSync(file, 'w');
    writeSync(fd, 'index,a,b,feasible,error,note\n');
    const note = 'x'.repeat(200);
    let text = '';
    // Two independent permutations of the row index: a front of a few rows, spread through the file.
    for (let i = 0; i < ROWS; i++) {
      text += `${i},${(i * 7919) % 100003},${(i * 104729 + 17) % 99991},true,,${note}\n`;
      if (text.length > 1 << 20) {
        writeSync(fd, text);
        text = '';
      }
    }
    writeSync(fd, text);
    closeSync(fd);
    const child = spawn(process.execPath, ['--max-old-space-size=48', '--import', 'tsx', 'src/cli/main.ts', 'pareto', file, '--objectives', 'a:min,b:min'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 580_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(timer);
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file}: 8 non-dominated of ${ROWS} rows (0 infeasible, failed or incomplete skipped)`);
    // The front, checked with an independent sort-and-sweep over the same 300,000 points.
    expect(lines.slice(2).map((l) => l.split('\t')[0])).toEqual(['0', '10953', '26570', '30221', '72408', '91676', '222901', '249471']);
  }, 600_000);
});
