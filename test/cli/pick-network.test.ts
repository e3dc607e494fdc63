/**
 * `cosearch pick RUN_DIR --network NAME`: a design from that network's own front, by the rule of the report's "Front of
 * each network" (NetworkFronts: non-dominated feasible rows of that network, one row per configuration); an unknown
 * network refused in one line naming the run's networks; a multi-network pick without --network says its front spans
 * the workloads. On a real two-network run: the written config, given to `evaluate --config` with the printed
 * --network, gives the picked row's figures bit for bit.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickFromRun, pickHeadline } from '../../src/cli/commands/pick.js';
import { readRun } from '../../src/io/report/run.js';
import { parseCondition } from '../../src/search/decide/index.js';
import { refusal } from '../helpers/refusal.js';
import { cliRunner } from '../cli-harness.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerPick } from '../../src/cli/commands/pick.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-pick-network-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  process.exitCode = 0;
});

const header = 'index,generation,network,x,energy_pJ,latency_ns,feasible,violation,error';
const rows = [
  '0,0,netA,1,10,50,true,0,',
  '1,0,netA,2,20,30,true,0,',
  '2,0,netA,3,30,40,true,0,', // dominated by row 1
  '3,0,netB,1,1000,500,true,0,',
  '4,0,netB,2,2000,300,true,0,',
  '5,0,netB,3,1100,320,true,0,', // between rows 3 and 4, a bend: netB's knee
  '6,0,netB,4,2500,350,true,0,', // dominated by row 4
  '7,0,netB,3,1100,320,true,0,', // configuration x=3 again: one row per configuration on the front
];
const manifest = {
  space: 'two-networks', spaceFile: '/nowhere/two-networks.json', network: ['netA', 'netB'], packageVersion: '0.1.0', seed: 1,
  strategy: { name: 'random', settings: {} }, budget: { evaluations: 8 }, workers: 1,
  parameters: [{ name: 'network', path: 'network', values: ['netA', 'netB'] }, { name: 'x', path: 'x', values: [1, 2, 3, 4] }], base: {},
  objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }], constraints: [],
  status: 'completed', startedAt: '2026-12-06T01:00:00.000Z', endedAt: '2026-12-06T01:00:01.000Z', evaluations: 8,
  hypervolumeByGeneration: [{ generation: 0, evaluations: 8, hypervolume: 1 }],
};
const folder = (name: string, m: object, lines: readonly string[]): string => {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'evaluations.csv'), `${header}\n${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  return dir;
};

describe('pick --network on a hand-made two-network run', () => {
  const dir = folder('two', manifest, rows);

  it("picks from the network's own front: the one front across networks holds netA's rows only", () => {
    const across = pickFromRun(dir, { constraint: [], lexicographic: 'latency_ns' });
    expect([across.row.index, across.network]).toEqual(['1', 'netA']);
    expect(pickHeadline('run', across)).toBe('run: lexicographic latency_ns: index 1; front across 2 networks (netA, netB: workloads compared; '
      + '--network NAME picks within one): 2 rows, 2 distinct designs, from 8 feasible rows of 8 evaluations');
    const b = pickFromRun(dir, { constraint: [], lexicographic: 'latency_ns', network: 'netB' });
    expect([b.row.index, b.network, b.overrides]).toEqual(['4', 'netB', { x: 2 }]);
    // Rows 3, 4, 5 (row 7 is configuration x=3 again), from netB's 5 feasible rows.
    expect(pickHeadline('run', b)).toBe('run: lexicographic latency_ns: index 4; front of network netB: 3 rows, 3 distinct designs, from 5 feasible rows of netB of 8 evaluations');
    expect(pickFromRun(dir, { constraint: [], lexicographic: 'energy_pJ', network: 'netB' }).row.index).toBe('3');
    // The knee of netB's three designs: the bend, row 5.
    expect(pickFromRun(dir, { constraint: [], network: 'netB' }).row.index).toBe('5');
  });

  it("is the report's front of that network (one rule: NetworkFronts)", async () => {
    const run = await readRun(dir);
    const fronts = new Map(run.networkFronts!.map((f) => [f.network, f.rows.map((r) => r.index)]));
    expect(fronts.get('netB')).toEqual([3, 4, 5]);
    for (const network of ['netA', 'netB']) {
      const pick = pickFromRun(dir, { constraint: [], network });
      expect(pick.frontRows).toBe(fronts.get(network)!.length);
      expect(fronts.get(network)).toContain(Number(pick.row.index));
    }
  });

  it('filters constraints within the network, and names the network when none of its rows is left', () => {
    const pick = pickFromRun(dir, { constraint: [parseCondition('energy_pJ <= 1500')], network: 'netB', lexicographic: 'latency_ns' });
    expect(pickHeadline('run', pick)).toBe('run: lexicographic latency_ns: index 5; front of network netB: 2 rows, 2 distinct designs, from 3 feasible rows of netB meeting the constraints of 8 evaluations');
    // The best value reached is netB's (1000), not netA's 10.
    expect(refusal(() => pickFromRun(dir, { constraint: [parseCondition('energy_pJ <= 100')], network: 'netB' })))
      .toBe('--constraint "energy_pJ <= 100": no feasible row meets it (the least energy_pJ of the 5 feasible rows is 1000)');
    const none = folder('none', manifest, [...rows.slice(0, 3), '3,0,netB,1,1000,500,false,1,']);
    expect(refusal(() => pickFromRun(none, { constraint: [], network: 'netB' }))).toBe(`${none}: no feasible row of network netB, expected at least one to pick from`);
  });

  it('refuses a network the run did not search in one line, with the one-edit suggestion', () => {
    expect(refusal(() => pickFromRun(dir, { constraint: [], network: 'netC' })))
      .toBe('--network: got "netC", expected one of the networks the run searched (netA, netB) (did you mean "netA"?)');
    expect(refusal(() => pickFromRun(dir, { constraint: [], network: 'vgg16-cifar10' })))
      .toBe('--network: got "vgg16-cifar10", expected one of the networks the run searched (netA, netB)');
  });

  it('on a single-network run: its own network is accepted (the same pick), another refused', () => {
    const single = folder('single', { ...manifest, network: 'netA', parameters: [manifest.parameters[1]] },
      rows.slice(0, 3).map((r) => r.replace(',netA,', ',,')));
    const plain = pickFromRun(single, { constraint: [] });
    const named = pickFromRun(single, { constraint: [], network: 'netA' });
    expect([named.row.index, named.overrides, named.frontRows]).toEqual([plain.row.index, plain.overrides, plain.frontRows]);
    expect(pickHeadline('run', plain)).toBe('run: no knee (the front has 2 distinct designs, a knee needs 3): the first front row: index 0; front: 2 rows, 2 distinct designs, from 3 feasible rows of 3 evaluations');
    expect(refusal(() => pickFromRun(single, { constraint: [], network: 'netB' })))
      .toBe('--network: got "netB", expected netA, the one network the run searched (did you mean "netA"?)');
    // A space's list of one network is the same run (no network column needed).
    const listOfOne = folder('list-of-one', { ...manifest, network: ['netA'], parameters: [manifest.parameters[1]] },
      rows.slice(0, 3).map((r) => r.replace(',netA,', ',,')));
    expect(pickFromRun(listOfOne, { constraint: [], network: 'netA' }).row.index).toBe(plain.row.index);
  });

  it('takes one front rule with and without --network: a configuration drawn twice is one front row (the report\'s front too)', async () => {
    // Configuration x=1 drawn again as row 3 (a random strategy may draw it twice): the same figures, one design.
    const again = folder('again', { ...manifest, network: 'netA', parameters: [manifest.parameters[1]] },
      [...rows.slice(0, 3), '3,0,netA,1,10,50,true,0,'].map((r) => r.replace(',netA,', ',,')));
    const plain = pickFromRun(again, { constraint: [] });
    const named = pickFromRun(again, { constraint: [], network: 'netA' });
    // Plain pick counted row 3 as a front row of its own before 2026-12-07 (3 rows, 2 distinct designs).
    expect([plain.frontRows, plain.frontDesigns, plain.considered]).toEqual([2, 2, 4]);
    expect([named.frontRows, named.frontDesigns, named.row.index]).toEqual([plain.frontRows, plain.frontDesigns, plain.row.index]);
    expect((await readRun(again)).front.map((r) => r.index)).toEqual([0, 1]);
  });
});

describe('pick --network on a real two-network run, then evaluate --config', () => {
  const cli = cliRunner([registerSearch, registerPick, registerEvaluate]);
  const run = join(root, 'run');
  beforeAll(async () => {
    const space = join(root, 'space.json');
    writeFileSync(space, JSON.stringify({
      name: 'pick-network', network: ['mlp-mnist', 'cnn-mnist'], strategy: 'grid', seed: 1,
      parameters: { 'adc.kind': ['sar', 'flash', 'ramp'], 'adc.columnsPerAdc': [1, 8], 'crossbar.size': [64, 256] },
      objectives: ['energy_pJ:min', 'area_mm2:min', 'latency_ns:min'],
    }));
    const done = await cli('search', space, '--in-thread', '--no-cache', '--out', run);
    expect(done.exitCode, done.stderr).toBe(0);
  }, 120_000);

  it('writes the config and the --network to evaluate it with; evaluate reproduces the row bit for bit', async () => {
    const csv = readFileSync(join(run, 'evaluations.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
    for (const network of ['cnn-mnist', 'mlp-mnist']) {
      const out = join(root, `${network}.json`);
      const picked = await cli('pick', run, '--network', network, '--out', out);
      expect(picked.exitCode, picked.stderr).toBe(0);
      const index = /: index (\d+); front of network /.exec(picked.stdout)![1];
      const row = Object.fromEntries(csv[0].map((c, k) => [c, csv[Number(index) + 1][k]]));
      expect(row.network).toBe(network);
      expect(picked.stdout).toContain(`evaluate it with: cosearch evaluate --network ${network} --config ${out}`);
      // The printed overrides are the file's.
      const { $pickedFrom: from, ...config } = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      expect(from).toMatchObject({ state: 'completed', evaluations: 24 });
      expect(picked.stdout).toContain(`overrides:\n${Object.entries(config).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}\n`);
      for (const p of ['adc.kind', 'adc.columnsPerAdc', 'crossbar.size']) expect(String(config[p])).toBe(row[p]);
      const evaluated = await cli('evaluate', '--network', network, '--config', out, '--no-accuracy', '--json');
      expect(evaluated.exitCode, evaluated.stderr).toBe(0);
      const json = JSON.parse(evaluated.stdout) as Record<string, unknown>;
      for (const metric of ['energy_pJ', 'latency_ns', 'area_mm2', 'edp_pJs', 'topsPerW']) expect(json[metric], metric).toBe(Number(row[metric]));
    }
  }, 120_000);
});
