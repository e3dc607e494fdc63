/**
 * The report of a run whose rows repeat a chip (sameDesignAs: a setting the converters ignore differs, src/app/designKey.ts):
 * a repeat is the same chip as its first row, not another design. The Pareto plot draws it once (as its first row: a
 * front point or a dominated one), and the counts the report and the plot print say both `N rows, M distinct chips`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRun } from '../../../src/io/report/run.js';
import { evaluationsText } from '../../../src/io/report/html.js';
import { emptyHypervolumeText } from '../../../src/io/report/hypervolumeNotes.js';
import { paretoPlotData, subtitleLines } from '../../../src/io/plot/pareto.js';
import { writeRunReport } from '../../../src/io/report/index.js';
import { metricInfo } from '../../../src/io/report/metrics.js';
import { SIMULATOR_METRIC_INFO } from '../../../src/io/report/simulator.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-same-chip-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const header = 'index,generation,adc.bits,energy_pJ,latency_ns,feasible,violation,error,sameDesignAs';
/** Three chips (rows 0-2); rows 3-5 repeat them (the sense amplifier ignores adc.bits: the same figures). */
const SAME_CHIP_ROWS = [
  '0,0,1,10,50,true,0,,',
  '1,0,2,20,30,true,0,,',
  '2,0,3,30,40,true,0,,', // dominated by row 1
  '3,0,4,10,50,true,0,,0',
  '4,0,5,30,40,true,0,,2',
  '5,0,6,20,30,true,0,,1',
];
const SAME_CHIP_MANIFEST = {
  space: 'same-chip', spaceFile: '/nowhere/same-chip.json', network: 'mlp-mnist', packageVersion: '0.1.0', seed: 1,
  strategy: { name: 'grid', settings: {} }, budget: { evaluations: 6 }, workers: 1,
  parameters: [{ name: 'adc.bits', path: 'adc.bits', values: [1, 2, 3, 4, 5, 6] }], base: { 'adc.kind': 'senseamp' },
  objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }], constraints: [],
  status: 'completed', startedAt: '2026-12-07T01:00:00.000Z', endedAt: '2026-12-07T01:00:01.000Z', evaluations: 6,
  hypervolumeByGeneration: [{ generation: 0, evaluations: 6, hypervolume: 1 }],
};

/** A hand-made run folder of `rows` (pareto.csv: rows 0 and 1, as the search writes it; none with `front` false). */
function sameChipRun(name: string, rows: readonly string[] = SAME_CHIP_ROWS, front = true): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'evaluations.csv'), `${header}\n${rows.join('\n')}\n`);
  if (front) writeFileSync(join(dir, 'pareto.csv'), `${header}\n${rows.slice(0, 2).join('\n')}\n`);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(SAME_CHIP_MANIFEST));
  return dir;
}

describe('a run whose rows repeat a chip (sameDesignAs)', () => {
  it('draws each chip once and counts rows and distinct chips apart', async () => {
    const run = await readRun(sameChipRun('plot'));
    expect(run.notes).toEqual([]);
    expect(run.front.map((r) => r.index)).toEqual([0, 1]);
    // Row 2 is the one dominated chip; its repeat (row 4) and the front's (rows 3, 5) were drawn as dominated points too.
    expect(run.cloud.sample.map((p) => p.index)).toEqual([2]);
    expect([run.counts.total, run.counts.repeats, run.counts.feasible, run.counts.infeasible]).toEqual([6, 3, 3, 0]);
    expect(evaluationsText(run.counts)).toBe('6 rows, 3 distinct chips: 3 feasible, 0 infeasible, 0 failed');
    const plot = paretoPlotData(run, run.manifest.objectives.map((o) => metricInfo(o.metric, SIMULATOR_METRIC_INFO)));
    expect(plot.points.map((p) => [p.index, p.status])).toEqual([[2, 'dominated'], [0, 'front'], [1, 'front']]);
    expect(plot.thinned).toBe(0);
    expect(subtitleLines(plot)[0]).toBe('2 front points of 6 rows, 3 distinct chips');
  });

  it('counts a failed chip once and still says "every evaluation failed" when every chip failed', async () => {
    const failed = SAME_CHIP_ROWS.map((r) => r.replace(/,true,0,,/, ',false,0,simulated failure,'));
    const run = await readRun(sameChipRun('failed', failed, false));
    expect(run.front).toEqual([]);
    // Each chip counted once (it counted 6 failed, the repeats included); the classes still cover every chip.
    expect([run.counts.failed, run.counts.repeats]).toEqual([3, 3]);
    expect(emptyHypervolumeText(run.counts)).toBe('No hypervolume: every evaluation failed, so there is no feasible point to measure.');
  });

  it('heads report.html with the rows and the distinct chips', async () => {
    const dir = sameChipRun('html');
    const report = await writeRunReport(dir, { evaluatePoint: null });
    const html = readFileSync(report.htmlPath, 'utf8');
    expect(html).toContain('· 6 rows, 3 distinct chips · 2 on the front</div>');
    expect(html).toContain('<desc>2 front points of 6 rows, 3 distinct chips</desc>');
  }, 60_000);
});
