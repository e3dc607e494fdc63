/**
 * A module that throws while the CLI loads is a bug: it exits 2 with `cosearch: internal error:` like every other
 * (README's exit codes). A static import chain failed before any of our code ran, and node exited 1, the code of a
 * user's mistake (until 2026-12-06: a metric registered without its lazy bound killed every command that way).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './spawn.js';

describe('loading the command line', () => {
  it('exits 2 with the internal-error line when a module throws as it loads', () => {
    const hook = fileURLToPath(new URL('./fixtures/throw-on-load.mjs', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', hook, 'src/cli/main.ts', 'list', 'networks'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toMatch(/^cosearch: internal error: Error: boom at load\n/);
    expect(run.status).toBe(2);
  });

  it('runs a command as before when everything loads', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--version'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '0.1.0\n', '']);
  });
});
