/**
 * `pick` and `pareto` on a run that did not complete (QA runs defect 2): an interrupted run, one killed (its manifest
 * left `running`, no process holding the folder) and one still running (its lock held) each get one note line, as the
 * report says it (unfinishedRunOf), and the same exit status as a completed run's (a pick from a partial run is still
 * useful). picked.json records the run's state and rows (`$pickedFrom`), which `evaluate --config` skips. Until then
 * both answered from the rows so far without a word, and picked.json held nothing of the run it came from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { register as registerPick } from '../../src/cli/commands/pick.js';
import { register as registerPareto } from '../../src/cli/commands/pareto.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { lockRunFolder } from '../../src/io/run/lock.js';
import { tempDirs } from '../helpers/tempDirs.js';

const tmp = tempDirs('cosearch-unfinished-pick-');
const cli = cliRunner([registerSearch, registerPick, registerPareto, registerEvaluate]);

describe('pick and pareto on a run that did not complete', () => {
  it('say so in one line, record the state in picked.json, and exit as for a completed run', async () => {
    const root = tmp();
    const file = join(root, 's.json');
    writeFileSync(file, JSON.stringify({ name: 's', network: 'mlp-mnist', parameters: { 'adc.bits': [3, 4, 5, 6] }, objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: 'grid' }));
    const out = join(root, 'run');
    const search = await cli('search', file, '--out', out, '--strategy', 'random', '--seed', '5', '--budget', '3', '--in-thread', '--plain');
    expect(search.exitCode, search.stderr).toBe(0);
    const manifestPath = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const picked = () => JSON.parse(readFileSync(join(out, 'picked.json'), 'utf8')) as Record<string, unknown>;
    const notes = (stderr: string, command: string) => stderr.split('\n').filter((l) => l.startsWith(`${command}: note: the run`));

    const completed = await cli('pick', out);
    expect(completed.exitCode, completed.stderr).toBe(0);
    expect(notes(completed.stderr, 'pick')).toEqual([]);
    expect(picked().$pickedFrom).toEqual({ run: out, index: expect.any(Number), state: 'completed', evaluations: 3 });
    // The config evaluates as written: the record is no parameter.
    const evaluated = await cli('evaluate', '-n', 'mlp-mnist', '--config', join(out, 'picked.json'));
    expect(evaluated.exitCode, evaluated.stderr).toBe(0);
    expect(notes((await cli('pareto', join(out, 'evaluations.csv'), '--objectives', 'energy_pJ:min,area_mm2:min')).stderr, 'pareto')).toEqual([]);

    const resume = `continue it with: cosearch search ${file} --resume --out ${out} --strategy random --seed 5 --budget 3`;
    const cases = [
      { status: 'interrupted', state: 'interrupted', progress: 'the run was interrupted after 3 of 3 evaluations', next: resume, pickNext: `${resume}, then pick again` },
      { status: 'running', state: 'stopped', progress: 'the run was stopped before its end after 3 of 3 evaluations', next: resume, pickNext: `${resume}, then pick again` },
    ];
    for (const c of cases) {
      writeFileSync(manifestPath, JSON.stringify({ ...manifest, status: c.status, ...(c.status === 'interrupted' ? { stopReason: 'SIGINT' } : {}) }));
      const pick = await cli('pick', out);
      expect(pick.exitCode, pick.stderr).toBe(0);
      expect(notes(pick.stderr, 'pick')).toEqual([`pick: note: ${c.progress}: the pick is from the front of its rows so far, not the search's final one; ${c.pickNext}`]);
      expect(picked().$pickedFrom).toMatchObject({ state: c.state, evaluations: 3 });
      const pareto = await cli('pareto', join(out, 'evaluations.csv'), '--objectives', 'energy_pJ:min,area_mm2:min');
      expect(pareto.exitCode, pareto.stderr).toBe(0);
      expect(notes(pareto.stderr, 'pareto')).toEqual([`pareto: note: ${c.progress}: this front is of its rows so far, not the search's final one; ${c.next}`]);
    }

    // A live search holds the folder (this process takes its lock, as a search does).
    const release = await lockRunFolder(out, true);
    try {
      const pick = await cli('pick', out, '--out', join(root, 'live.json'));
      expect(pick.exitCode, pick.stderr).toBe(0);
      expect(notes(pick.stderr, 'pick')).toEqual(['pick: note: the run is still running (3 of 3 evaluations so far): the pick is from the front of its rows so far, not the search\'s final one; pick again when it ends']);
      expect(JSON.parse(readFileSync(join(root, 'live.json'), 'utf8')).$pickedFrom).toMatchObject({ state: 'running', evaluations: 3 });
      const pareto = await cli('pareto', join(out, 'evaluations.csv'), '--objectives', 'energy_pJ:min,area_mm2:min');
      expect(notes(pareto.stderr, 'pareto')).toEqual(['pareto: note: the run is still running (3 of 3 evaluations so far): this front is of its rows so far, not the search\'s final one; the search writes pareto.csv when it ends']);
    } finally {
      await release();
    }
  }, 120_000);
});
