/**
 * `cosearch search SPACE` without --out writes to results/<space>-YYYYMMDD-HHMMSS; a second search of the space
 * started in the same second takes results/<space>-YYYYMMDD-HHMMSS-2 (then -3, ...), claimed by mkdir so that two
 * racing processes cannot share it. Until 2026-12 the second was refused ("already holds a run ...; use --resume to
 * continue it", advice about another run). `--resume` without --out still finds the newest run, suffixed or not.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { claimRunFolder, register } from '../../src/cli/commands/search.js';
import { tempDirs } from '../helpers/tempDirs.js';

// The Redis reachability check fails at once here (the real one waits 5 s for a server that never answers).
vi.mock('../../src/search/backend/redis/reach.js', async () => {
  const { ConfigError } = await import('../../src/core/errors.js');
  return { START_WAIT_MS: 5000, checkReachable: () => Promise.reject(new ConfigError('--backend: cannot connect (stubbed)')) };
});

const tmp = tempDirs('cosearch-default-folder-');
const cli = cliRunner([register]);
const cwd = process.cwd();
let root = '';

beforeEach(() => {
  root = tmp();
  process.chdir(root);
  writeFileSync('s1.json', JSON.stringify({ name: 's1', network: 'mlp-mnist', parameters: { 'adc.bits': [3, 4] }, objectives: ['energy_pJ:min'], strategy: 'grid' }));
  // Every search of a test starts in the same second (only Date is faked: timers and the workers run as usual).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-05T16:01:58.250Z'));
});
afterEach(() => {
  vi.useRealTimers();
  process.chdir(cwd);
});

describe('the default run folder', () => {
  it('a second search of the space in the same second takes the next free name, and --resume finds the newest', async () => {
    const first = await cli('search', 's1.json', '--budget', '5', '--in-thread', '--seed', '1', '--plain');
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain('  manifest:    results/s1-20261205-160158/manifest.json\n');
    const second = await cli('search', 's1.json', '--budget', '5', '--in-thread', '--seed', '2', '--plain');
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout).toContain('  manifest:    results/s1-20261205-160158-2/manifest.json\n');
    const third = await cli('search', 's1.json', '--budget', '5', '--in-thread', '--seed', '3', '--plain');
    expect(third.stdout).toContain('  manifest:    results/s1-20261205-160158-3/manifest.json\n');
    expect(readdirSync('results').sort()).toEqual(['s1-20261205-160158', 's1-20261205-160158-2', 's1-20261205-160158-3']);
    // --resume without --out: the newest run of the space (the -3 one, complete: nothing to resume).
    const resumed = await cli('search', 's1.json', '--resume', '--budget', '5', '--in-thread', '--seed', '3', '--plain');
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^search: results\/s1-20261205-160158-3 is already complete \(2 evaluations/);
  });

  it('claims each name with mkdir: taken names are skipped, an explicit --out is not renamed', async () => {
    expect(claimRunFolder(join('results', 'x-1'))).toBe(join('results', 'x-1'));
    expect(claimRunFolder(join('results', 'x-1'))).toBe(join('results', 'x-1-2'));
    expect(claimRunFolder(join('results', 'x-1'))).toBe(join('results', 'x-1-3'));
    expect(readdirSync('results').sort()).toEqual(['x-1', 'x-1-2', 'x-1-3']);
    // Another mkdir failure is one line naming the folder (ENAMETOOLONG was an internal error, exit 2).
    const long = join('results', 'y'.repeat(300));
    expect(() => claimRunFolder(long)).toThrow(`cannot create the run folder ${long} (ENAMETOOLONG); choose another with --out`);
    const first = await cli('search', 's1.json', '--out', 'mine', '--in-thread', '--plain');
    expect(first.exitCode).toBe(0);
    const again = await cli('search', 's1.json', '--out', 'mine', '--in-thread', '--plain');
    expect([again.exitCode, again.stderr]).toEqual([1, 'cosearch: mine already holds a completed run (evaluations.csv, 2 evaluations): nothing is left to continue; start the new run with another --out\n']);
    expect(existsSync('mine-2')).toBe(false);
  });
});

describe('a start refused after the default folder was claimed', () => {
  it('leaves no folder (an unreachable --backend is refused once the folder exists)', async () => {
    const refused = await cli('search', 's1.json', '--backend', 'redis://127.0.0.1:1', '--plain');
    expect([refused.exitCode, refused.stderr]).toEqual([1, 'cosearch: --backend: cannot connect (stubbed)\n']);
    expect(readdirSync('results')).toEqual([]);
  });
});
