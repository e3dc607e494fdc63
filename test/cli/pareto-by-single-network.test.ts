/**
 * QA docs2, defect 7: `cosearch pareto RUN/evaluations.csv --by network` refused a single-network run ("not a column":
 * its CSV has no network column) while `pick --network` accepts the run's one network. Now the manifest beside the CSV
 * names that network and its one front is given, said in a note; a CSV that carries no network at all is refused in
 * one line that says so and what to do. Known answer: netA's rows of test/io/report/networkFronts.test.ts, worked by
 * hand there (front rows 0 and 1 of 3 feasible, reference (32, 52), hypervolume 284).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frontOfCsv, register } from '../../src/cli/commands/pareto.js';
import { cliRunner } from '../cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cosearch-one-network-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = join(dir, 'evaluations.csv');
writeFileSync(csv, ['index,generation,x,energy_pJ,latency_ns,feasible,violation,error',
  '0,0,1,10,50,true,0,', '1,0,2,20,30,true,0,', '2,0,3,30,40,true,0,', '3,0,4,5,20,false,1,'].join('\n') + '\n');
const manifest = (network: unknown) => JSON.stringify({
  space: 'one-network', spaceFile: '/nowhere/one-network.json', network, packageVersion: '0.1.0', seed: 1,
  strategy: { name: 'random', settings: {} }, budget: { evaluations: 4 }, workers: 1,
  parameters: [{ name: 'x', path: 'x' }], base: {},
  objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }], constraints: [],
  status: 'completed', startedAt: '2026-12-07T01:00:00.000Z', endedAt: '2026-12-07T01:00:01.000Z', evaluations: 4,
  hypervolumeReference: [33, 55], hypervolumeByGeneration: [{ generation: 0, evaluations: 4, hypervolume: 1 }],
});
const objectives = [{ metric: 'energy_pJ', sense: 'min' as const }, { metric: 'latency_ns', sense: 'min' as const }];
const pareto = cliRunner([register]);

describe('cosearch pareto --by network on a single-network run', () => {
  it("gives the manifest's one network its front, and says what it did", async () => {
    writeFileSync(join(dir, 'manifest.json'), manifest('netA'));
    const result = frontOfCsv(csv, objectives, undefined, { by: 'network' });
    expect(result.groups).toEqual([{ value: 'netA', size: 2, considered: 3, hypervolume: 284, reference: [32, 52] }]);
    expect(result.front.map((r) => r.index)).toEqual(['0', '1']);
    const run = await pareto('pareto', csv, '--objectives', 'energy_pJ:min,latency_ns:min', '--by', 'network');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('network netA: 2 non-dominated of 3 rows, hypervolume 284 against 32,52\n');
    expect(run.stderr).toBe(`pareto: note: --by network: ${csv} has no network column, a single-network run: every row is netA's (the manifest.json beside it), one front\n`);
  });

  it('refuses a CSV that carries no network at all, in one line saying what to do', async () => {
    const loose = join(dir, 'rows.csv'); // not a run's evaluations.csv: no manifest is read beside it
    copyFileSync(csv, loose);
    const run = await pareto('pareto', loose, '--objectives', 'energy_pJ:min,latency_ns:min', '--by', 'network');
    expect([run.exitCode, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toBe(`cosearch: --by network: ${loose} has no network column and no readable manifest.json beside it, expected a multi-network run's CSV or a run folder's evaluations.csv; for the one front of these rows, drop --by\n`);
    writeFileSync(join(dir, 'manifest.json'), manifest({ name: 'inline', layers: [] }));
    expect(() => frontOfCsv(csv, objectives, undefined, { by: 'network' })).toThrow(
      `--by network: ${csv} has no network column and its manifest.json names no network (one written inline in the space), expected`);
    // Another --by column that is missing is refused as before.
    expect(() => frontOfCsv(csv, objectives, undefined, { by: 'netwrk' })).toThrow('--by: "netwrk" is not a column of');
  });
});
