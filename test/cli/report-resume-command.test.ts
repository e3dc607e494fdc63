/**
 * The `continue it with:` command of an unfinished run's report repeats the settings the run was started with (from
 * its manifest: strategy, seed, budget, lazy mode), so running it resumes the run. Until 2026-12-06 it was
 * `cosearch search SPACE --resume --out DIR` alone, which --resume refused for a run given --seed (or --budget, --lazy).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { register as registerReport } from '../../src/cli/commands/report.js';
import { tempDirs } from '../helpers/tempDirs.js';

const tmp = tempDirs('cosearch-report-resume-');
const cli = cliRunner([registerSearch, registerReport]);

describe("an unfinished run's report", () => {
  it('gives the command that resumes it, with the strategy, seed and budget the run was started with', async () => {
    const root = tmp();
    const file = join(root, 's.json');
    writeFileSync(file, JSON.stringify({ name: 's', network: 'mlp-mnist', parameters: { 'adc.bits': [3, 4, 5, 6] }, objectives: ['energy_pJ:min'], strategy: 'grid' }));
    const out = join(root, 'run');
    const first = await cli('search', file, '--out', out, '--strategy', 'random', '--seed', '5', '--budget', '3', '--in-thread', '--plain');
    expect(first.exitCode, first.stderr).toBe(0);
    // As a run stopped before its end leaves it (the rows it made are all there: the resume replays them).
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, status: 'interrupted', stopReason: 'SIGINT' }));
    const report = await cli('report', out, '--no-evaluate');
    expect(report.exitCode, report.stderr).toBe(0);
    const command = `cosearch search ${file} --resume --out ${out} --strategy random --seed 5 --budget 3`;
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`continue it with: ${command}.`);
    const resumed = await cli(...command.split(' ').slice(1), '--in-thread', '--plain');
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^search completed: 3 evaluations/);
  });
});
