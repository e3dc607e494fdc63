import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// QA docs2, defect 6: scripts/study-seeds.ts (a README example) crashed with a stack trace on --help (an unknown
// option to parseArgs), on --seeds x (a thrown Error) and on an unknown study (an uncaught ConfigError). README
// promises one line and exit status 1 for bad input; --help prints the usage. Every case here refuses before any run.
describe('scripts/study-seeds.ts: --help and one-line refusals', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/study-seeds.ts', ...args], { encoding: 'utf8' });
  const refusal = (...args: string[]) => {
    const { status, stdout, stderr } = run(...args);
    return { status, stdout, lines: stderr.trim().split('\n') };
  };

  it('--help prints the usage and exits 0', () => {
    const { status, stdout, stderr } = run('--help');
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^usage: node --import tsx scripts\/study-seeds\.ts STUDY \[--seeds FROM-TO \(1-10\)/);
  });

  it('--seeds that is not a range of seeds: the field, the value and what was expected', () => {
    expect(refusal('fig10d-ron', '--seeds', 'x')).toEqual({ status: 1, stdout: '', lines: ['study-seeds: --seeds: got "x", expected an integer in [0, 2147483647]'] });
    expect(refusal('fig10d-ron', '--seeds', '3-1')).toEqual({ status: 1, stdout: '', lines: ['study-seeds: --seeds: got "3-1", expected FROM-TO with FROM <= TO'] });
  });

  it('an unknown study names the shipped ones, with the nearest', () => {
    const { status, lines } = refusal('fig10d-rom', '--seeds', '1-2');
    expect([status, lines.length]).toEqual([1, 1]);
    expect(lines[0]).toMatch(/^study-seeds: study: got "fig10d-rom", expected a shipped study \(adc-less-vs-hp-adc, fig10d-ron, .*\) \(did you mean "fig10d-ron"\?\)$/);
  });

  it('an unknown flag and a --set without "=" are one line each', () => {
    const unknown = refusal('fig10d-ron', '--seed', '3');
    expect([unknown.status, unknown.lines.length]).toEqual([1, 1]);
    expect(unknown.lines[0]).toMatch(/^study-seeds: Unknown option '--seed'.*\(--help lists the flags\)$/);
    expect(refusal('fig10d-ron', '--set', 'accuracy.samples')).toEqual({ status: 1, stdout: '',
      lines: ['study-seeds: --set: got "accuracy.samples", expected path=value (e.g. accuracy.samples=2000)'] });
  });
});
