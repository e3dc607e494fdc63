/**
 * NSGA-III needs 2 or more objectives: with one, the default partitions' search (the most whose directions fit the
 * population) never ended, in validate, search and nsga3Plan alike (100% CPU, deaf to SIGTERM). Each case runs in a
 * child process killed after a timeout, so the old loop fails the test instead of hanging the run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../cli/spawn.js';

const EXPECTED = 'expected 2 or more objectives (reference directions span an objective simplex); use evolve or nsga2';

/** `node --import tsx args`, killed after 30 s (the old loop never returned, and ignored SIGTERM). */
function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL', env: { ...process.env, COSEARCH_CACHE_DIR: mkdtempSync(join(tmpdir(), 'nsga3-one-cache-')) } });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('nsga3 refuses a one-objective problem instead of looping', () => {
  it('cosearch validate: one line naming strategy.name, exit 1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nsga3-one-')), 'one.json');
    writeFileSync(file, JSON.stringify({
      name: 'one', network: 'mlp-mnist', parameters: { 'adc.bits': [4, 5, 6] }, objectives: ['energy_pJ:min'], strategy: { name: 'nsga3' }, budget: { evaluations: 8 },
    }));
    const result = run(['src/cli/main.ts', 'validate', file]);
    expect(result.stderr).toBe(`cosearch: ${file}: strategy.name: got "nsga3" for 1 objective, ${EXPECTED}\n`);
    expect(result.status).toBe(1);
  }, 40_000);

  it('the library: nsga3Plan(1, {}) and nsga3 on a one-objective problem throw a ConfigError', () => {
    const script = `
      import { nsga3, nsga3Plan } from './src/search/strategies/index.ts';
      const say = (e) => console.log(e.constructor.name + ': ' + e.message);
      try { nsga3Plan(1, {}); } catch (e) { say(e); }
      const problem = { variables: [{ name: 'x', kind: 'real', min: 0, max: 1 }], objectives: ['min'], evaluate: (x) => ({ objectives: [x.x] }) };
      await nsga3(problem, { generations: 2 }).catch(say);`;
    const result = run(['--input-type=module', '-e', script]);
    const message = `ConfigError: problem.objectives: got 1 objective for nsga3, ${EXPECTED}`;
    expect(result.stdout).toBe(`${message}\n${message}\n`);
    expect(result.status).toBe(0);
  }, 40_000);
});
