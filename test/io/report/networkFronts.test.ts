/**
 * A run that searched two networks: each network's front is exactly the non-dominated set of its own feasible rows,
 * each with its hypervolume against its own reference (known answers worked by hand below), while pareto.csv keeps
 * the one front across both (a cross-workload comparison, where netA's designs "dominate" all of netB's).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRunReport } from '../../../src/io/report/index.js';
import { readRun } from '../../../src/io/report/run.js';
import { withHypervolumes } from '../../../src/io/report/networkFronts.js';
import { hypervolume } from '../../../src/search/index.js';
import { frontOfCsv, paretoHeadline } from '../../../src/cli/commands/pareto.js';

const dir = mkdtempSync(join(tmpdir(), 'cosearch-networks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = 'index,generation,network,x,energy_pJ,latency_ns,feasible,violation,error';
const rows = [
  '0,0,netA,1,10,50,true,0,',
  '1,0,netA,2,20,30,true,0,',
  '2,0,netA,3,30,40,true,0,', // dominated by row 1 (20 < 30, 30 < 40)
  '3,0,netA,4,5,20,false,1,', // would dominate everything, but infeasible
  '4,0,netB,1,1000,500,true,0,',
  '5,0,netB,2,2000,300,true,0,',
  '6,0,netB,3,1500,450,true,0,', // between rows 4 and 5: non-dominated within netB
  '7,0,netB,4,2500,350,true,0,', // dominated by row 5
  '8,0,netB,5,,,false,0,worker crashed',
];
writeFileSync(join(dir, 'evaluations.csv'), `${header}\n${rows.join('\n')}\n`);
// The search's own front: across both networks, netA's rows 0 and 1 dominate every netB row.
writeFileSync(join(dir, 'pareto.csv'), `${header}\n${rows[0]}\n${rows[1]}\n`);
writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
  space: 'two-networks', spaceFile: '/nowhere/two-networks.json', network: ['netA', 'netB'], packageVersion: '0.1.0', seed: 1,
  strategy: { name: 'random', settings: {} }, budget: { evaluations: 9 }, workers: 1,
  parameters: [{ name: 'network', path: 'network' }, { name: 'x', path: 'x' }], base: {},
  objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }], constraints: [],
  status: 'completed', startedAt: '2026-12-06T01:00:00.000Z', endedAt: '2026-12-06T01:00:01.000Z', evaluations: 9,
  hypervolumeReference: [33, 55], hypervolumeByGeneration: [{ generation: 0, evaluations: 9, hypervolume: 1 }],
}));

describe('the fronts of a two-network run', () => {
  it('gives each network the non-dominated set of its own feasible rows, with its own reference', async () => {
    const run = await readRun(dir);
    expect(run.front.map((r) => r.index)).toEqual([0, 1]);
    const fronts = run.networkFronts!;
    expect(fronts.map((f) => f.network)).toEqual(['netA', 'netB']);
    expect(fronts.map((f) => f.rows.map((r) => r.index))).toEqual([[0, 1], [4, 5, 6]]);
    expect(fronts.map((f) => f.feasible)).toEqual([3, 4]);
    // netA: energy 10..30 -> 30 + 2; latency 30..50 -> 50 + 2. netB: 1000..2500 -> 2500 + 150; 300..500 -> 500 + 20.
    expect(fronts[0].reference).toEqual([32, 52]);
    expect(fronts[1].reference).toEqual([2650, 520]);
  });

  it('reports each front with its hypervolume, and the combined front as a cross-workload comparison', async () => {
    const files = await writeRunReport(dir, { evaluatePoint: null, hypervolume });
    // netA: [10,32]x[50,52] and [20,32]x[30,52]: 44 + 264 - 24 = 284.
    // netB: 500 x 20 + 500 x 70 + 650 x 220 = 10,000 + 35,000 + 143,000 = 188,000.
    expect(files.networkFronts).toEqual([
      'netA: 2 front points of 3 feasible, hypervolume 284 against (32 pJ, 52 ns)',
      'netB: 3 front points of 4 feasible, hypervolume 188000 against (2.65 nJ, 520 ns)',
    ]);
    const html = readFileSync(files.htmlPath, 'utf8');
    expect(html).toContain('<h2>Pareto front across networks (a cross-workload comparison)</h2>');
    expect(html).toContain('<section id="network-fronts"><h2>Front of each network</h2>');
    const table = html.slice(html.indexOf('id="network-fronts-table"'));
    expect([...table.slice(0, table.indexOf('</table>')).matchAll(/data-network="(\w+)" data-index="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`))
      .toEqual(['netA:0', 'netA:1', 'netB:4', 'netB:6', 'netB:5']);
    expect(html).toContain('id="network-fronts-plot"');
    // Byte-reproducible.
    await writeRunReport(dir, { evaluatePoint: null, hypervolume });
    expect(readFileSync(files.htmlPath, 'utf8')).toBe(html);
  });

  it('leaves pareto.csv as the search wrote it (the one front across networks)', () => {
    expect(readFileSync(join(dir, 'pareto.csv'), 'utf8')).toBe(`${header}\n${rows[0]}\n${rows[1]}\n`);
  });
});

describe('cosearch pareto --by network', () => {
  const objectives = [{ metric: 'energy_pJ', sense: 'min' as const }, { metric: 'latency_ns', sense: 'min' as const }];

  it('gives the same fronts and hypervolumes per network as the report (NetworkFronts + withHypervolumes)', async () => {
    const result = frontOfCsv(join(dir, 'evaluations.csv'), objectives, undefined, { by: 'network' });
    const fronts = withHypervolumes((await readRun(dir)).networkFronts!, objectives.map((o) => o.metric), objectives.map((o) => o.sense), hypervolume);
    expect(result.groups).toEqual(fronts.map((f) => ({ value: f.network, size: f.rows.length, considered: f.feasible, hypervolume: f.hypervolume, reference: f.reference })));
    // The known answers above: each network against its own reference (one --reference for both gave netB 0 until 2026-12-07).
    expect(result.groups).toEqual([
      { value: 'netA', size: 2, considered: 3, hypervolume: 284, reference: [32, 52] },
      { value: 'netB', size: 3, considered: 4, hypervolume: 188000, reference: [2650, 520] },
    ]);
    expect(result.front.map((r) => r.index)).toEqual(fronts.flatMap((f) => f.rows.map((r) => String(r.index))));
    expect(result.front.map((r) => r.index)).toEqual(['0', '1', '4', '5', '6']);
    expect(paretoHeadline('e.csv', result)).toBe('e.csv: 5 non-dominated in 2 fronts (one per value of the --by column) of 7 rows (2 infeasible, failed or incomplete skipped)');
    // Without --by: one front across the networks, as pareto.csv.
    expect(frontOfCsv(join(dir, 'evaluations.csv'), objectives).front.map((r) => r.index)).toEqual(['0', '1']);
    expect(() => frontOfCsv(join(dir, 'evaluations.csv'), objectives, undefined, { by: 'netwrk' })).toThrow('--by: "netwrk" is not a column of');
  });

  it('refuses one --reference for every network', () => {
    expect(() => frontOfCsv(join(dir, 'evaluations.csv'), objectives, [32, 52], { by: 'network' }))
      .toThrow("--reference: got 32,52 with --by network, expected no --reference: each value's front has its hypervolume against its own reference");
  });

  it('keys a configuration evaluated twice by its searched parameters in a run folder, as the report does', async () => {
    const twice = mkdtempSync(join(tmpdir(), 'cosearch-networks-twice-'));
    try {
      // Row 9 repeats row 0's configuration (netA, x = 1) with the same figures: it enters neither front a second time.
      writeFileSync(join(twice, 'evaluations.csv'), `${header}\n${rows.join('\n')}\n9,1,netA,1,10,50,true,0,\n`);
      writeFileSync(join(twice, 'manifest.json'), readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const result = frontOfCsv(join(twice, 'evaluations.csv'), objectives, undefined, { by: 'network' });
      const fronts = (await readRun(twice)).networkFronts!;
      expect(result.groups!.map((g) => g.size)).toEqual(fronts.map((f) => f.rows.length));
      expect(result.front.map((r) => r.index)).toEqual(['0', '1', '4', '5', '6']);
    } finally {
      rmSync(twice, { recursive: true, force: true });
    }
  });
});
