import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvaluatedBreakdown, PointEvaluator } from '../../../src/io/report/breakdown.js';
import { constraintText, describeSetting, escapeHtml, formatNumber, mixedWorkloadsText, plotClassesText, scriptJson } from '../../../src/io/report/html.js';
import { writeRunReport } from '../../../src/io/report/index.js';
import { readRun } from '../../../src/io/report/run.js';
import { fixtureEvaluator, writeFixtureRun } from './fixture.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-html-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function reportData(html: string): { objectives: unknown[]; rows: { index: number; values: Record<string, number> }[]; breakdowns: (EvaluatedBreakdown & { index: number; source: string })[] } {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]);
}

describe('writeRunReport', () => {
  it('writes pareto.svg and one self-contained report.html with every front row and each point re-evaluated', async () => {
    const fixture = writeFixtureRun(join(root, 'run'));
    const calls: { network: unknown; overrides: Record<string, unknown> }[] = [];
    const files = await writeRunReport(fixture.dir, { evaluatePoint: fixtureEvaluator(fixture, calls) });
    expect(files).toEqual({ svgPath: join(fixture.dir, 'pareto.svg'), htmlPath: join(fixture.dir, 'report.html'), notes: [] });
    const svg = readFileSync(files.svgPath, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const html = readFileSync(files.htmlPath, 'utf8');

    // Self-contained: nothing loaded from anywhere.
    expect(html).not.toMatch(/<(script|img|iframe|link|source|video|audio)\b[^>]*\b(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\((?!#)/);
    expect(html).toContain("default-src 'none'");

    // The table: one row per front point, in the order of the first objective.
    const rowIndices = [...html.matchAll(/<tr data-index="(\d+)"/g)].map((m) => Number(m[1]));
    const expectedOrder = [...fixture.front].sort((a, b) => a.metrics.energy_pJ - b.metrics.energy_pJ).map((r) => r.index);
    expect(rowIndices).toEqual(expectedOrder);
    const first = fixture.front.find((r) => r.index === expectedOrder[0])!;
    expect(html).toContain(`data-value="${first.metrics.energy_pJ}"`);
    expect(html).toContain('<th scope="col" class="objective" data-key="energy_pJ" data-type="number">energy_pJ<span class="unit">↓</span></th>');

    // Settings, both plots inline, breakdown per front point from the evaluator.
    expect(html).toContain('<dd>nsga2 (populationSize 12, generations 4)</dd>');
    expect(html).toContain('<dd>area_mm2 ≤ 60</dd>');
    expect(html).toMatch(/<figure id="pareto-plot"><svg/);
    expect(html).toMatch(/<figure id="hypervolume-plot"><svg/);
    const data = reportData(html);
    expect(data.breakdowns.map((b) => b.index)).toEqual(fixture.front.map((r) => r.index));
    expect(calls).toHaveLength(fixture.front.length);
    expect(calls[0].network).toBe('vgg16-cifar10');
    expect(calls[0].overrides).toEqual({ 'snn.timesteps': 4, 'arch.clock_MHz': 250, ...fixture.front[0].params });
    const b0 = data.breakdowns[0];
    expect(b0.source).toBe('evaluate');
    expect(b0.energy_pJ.adc).toBe(fixture.front[0].breakdown['breakdown.energy_pJ.adc']);
    expect(b0).not.toHaveProperty('mismatch');
    expect(b0.layers.map((l) => l.name)).toEqual(['conv1', 'fc']);
  });

  it('gives every plotted point its objective values for its tooltip, dominated and infeasible ones too', async () => {
    const fixture = writeFixtureRun(join(root, 'tooltips'));
    const files = await writeRunReport(fixture.dir, { evaluatePoint: fixtureEvaluator(fixture) });
    const html = readFileSync(files.htmlPath, 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]) as {
      rows: { index: number; values: Record<string, number> }[]; cloud: number[][];
    };
    const valuesOf = new Map<number, number[]>([
      ...data.rows.map((r): [number, number[]] => [r.index, [r.values.energy_pJ, r.values.latency_ns]]),
      ...data.cloud.map((c): [number, number[]] => [c[0], c.slice(1)]),
    ]);
    const labels = [...html.matchAll(/aria-label="Evaluation (\d+) \(([^)]+)\)"/g)];
    const statuses = new Set(labels.map((m) => m[2]));
    expect(statuses).toEqual(new Set(['Pareto front', 'dominated', 'infeasible']));
    // Each point drawn (the 47 of 48 evaluations that did not fail, none thinned) has the values of its row, and nothing else is sent.
    expect(new Set(labels.map((m) => Number(m[1])))).toEqual(new Set(valuesOf.keys()));
    expect(fixture.rows.filter((r) => r.error !== '').map((r) => valuesOf.has(r.index))).toEqual([false]);
    expect(valuesOf.size).toBe(47);
    for (const [index, values] of valuesOf) {
      const row = fixture.rows[index];
      expect(values).toEqual([row.metrics.energy_pJ, row.metrics.latency_ns]);
    }
  });

  it('reports a run with an objective on a breakdown.* column: its values and unit in the table and the page data', async () => {
    const objectives = [{ metric: 'energy_pJ', sense: 'min' as const }, { metric: 'breakdown.area_mm2.adc', sense: 'min' as const }];
    const fixture = writeFixtureRun(join(root, 'breakdown-objective'), { objectives });
    const html = readFileSync((await writeRunReport(fixture.dir, { evaluatePoint: null })).htmlPath, 'utf8');
    expect(html).toContain('<th scope="col" class="objective" data-key="breakdown.area_mm2.adc" data-type="number">breakdown.area_mm2.adc<span class="unit">mm² ↓</span></th>');
    expect(reportData(html).objectives).toEqual([{ metric: 'energy_pJ', sense: 'min', unit: 'pJ' }, { metric: 'breakdown.area_mm2.adc', sense: 'min', unit: 'mm²' }]);
    expect(reportData(html).rows.map((r) => r.values['breakdown.area_mm2.adc'])).toEqual(fixture.front.map((r) => r.breakdown['breakdown.area_mm2.adc']));
  });

  it('says on the page that an interrupted run\'s front is the front so far, with the --resume command', async () => {
    const fixture = writeFixtureRun(join(root, 'interrupted'));
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...fixture.manifest, status: 'interrupted', stopReason: 'aborted' }));
    const files = await writeRunReport(fixture.dir, { evaluatePoint: null });
    const note = `the run was interrupted after 48 evaluations: its front is the front so far, not the search's final one; continue it with: cosearch search /nowhere/fixture-space.json --resume --out ${fixture.dir} --strategy nsga2 --seed 1 --budget 48`;
    expect(files.notes).toEqual([note]);
    // A lazy run's command names its mode (the manifest's provenance records it; an eager run's records none).
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...fixture.manifest, status: 'interrupted', provenance: { configuration: { lazy: 'exact' } } }));
    expect((await writeRunReport(fixture.dir, { evaluatePoint: null })).notes).toEqual([`${note} --lazy-exact`]);
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...fixture.manifest, status: 'interrupted', stopReason: 'aborted' }));
    await writeRunReport(fixture.dir, { evaluatePoint: null });
    const html = readFileSync(files.htmlPath, 'utf8');
    expect(html).toContain(`<p class="note warn">Note: ${escapeHtml(note)}.</p>`);
    expect(html).toContain('<figcaption>Blue: the Pareto front so far (the run has not ended: see the note above) (click a point for its breakdown)');
    expect(html).not.toContain('the final Pareto front');
    // The same run completed: no note, the final front.
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify(fixture.manifest));
    const completed = await writeRunReport(fixture.dir, { evaluatePoint: null });
    expect(completed.notes).toEqual([]);
    expect(readFileSync(completed.htmlPath, 'utf8')).toContain('<figcaption>Blue: the final Pareto front (click a point for its breakdown)');
  });

  it('flags a point whose re-evaluated totals differ from the run', async () => {
    const fixture = writeFixtureRun(join(root, 'drift'));
    const honest = fixtureEvaluator(fixture);
    const drifted: PointEvaluator = async (network, overrides) => {
      const r = await honest(network, overrides);
      return { ...r, energy_pJ: { ...r.energy_pJ, adc: r.energy_pJ.adc + 1 } };
    };
    const html = readFileSync((await writeRunReport(fixture.dir, { evaluatePoint: drifted })).htmlPath, 'utf8');
    const b0 = reportData(html).breakdowns[0] as { mismatch?: string };
    const e = fixture.front[0].metrics.energy_pJ;
    expect(b0.mismatch).toBe(`re-evaluation differs from the run (energy_pJ ${(e + 1).toPrecision(6)} now vs ${e.toPrecision(6)} in the run): the simulator or its defaults changed since`);
  });

  it('names a network file whose bytes changed since the run (manifest provenance.networkFiles) instead of blaming the simulator', async () => {
    const fixture = writeFixtureRun(join(root, 'netfile'));
    const file = join(root, 'net.json');
    writeFileSync(file, '{"edited": true}');
    const recorded = `sha256:${'0'.repeat(64)}`;
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...fixture.manifest, provenance: { networkFiles: { [file]: recorded } } }, null, 2));
    const honest = fixtureEvaluator(fixture);
    const drifted: PointEvaluator = async (network, overrides) => {
      const r = await honest(network, overrides);
      return { ...r, energy_pJ: { ...r.energy_pJ, adc: r.energy_pJ.adc + 1 } };
    };
    const now = createHash('sha256').update('{"edited": true}').digest('hex');
    const changed = `network file ${file} changed since the run (sha256:${now.slice(0, 12)}... now, sha256:000000000000... in the run)`;
    // A report whose breakdowns are another network's must not look like success: refused, nothing written (QA report pass).
    await expect(writeRunReport(fixture.dir, { evaluatePoint: drifted })).rejects.toThrow(`${fixture.dir}: ${changed}, expected the network file the run evaluated (the breakdowns `
      + "would be the changed file's, not the run's); restore it, or report with --no-evaluate (breakdowns from the CSV) or --allow-changed-network (re-evaluate the file as it is now, said on the page)");
    expect(existsSync(join(fixture.dir, 'report.html'))).toBe(false);
    // Without re-evaluation the page is the run's own figures: written.
    expect((await writeRunReport(fixture.dir, { evaluatePoint: null })).changedNetwork).toBeUndefined();
    const report = await writeRunReport(fixture.dir, { evaluatePoint: drifted, allowChangedNetwork: true });
    expect(report.changedNetwork).toBe(changed);
    const page = readFileSync(report.htmlPath, 'utf8');
    expect(page).toContain(`<p class="note warn">Note: ${changed}: the breakdowns re-evaluate the file as it is now (--allow-changed-network).</p>`);
    const b0 = reportData(page).breakdowns[0] as { mismatch?: string };
    expect(b0.mismatch).toMatch(/: network file .*net\.json changed since the run/);
    expect(b0.mismatch).not.toContain('the simulator');
    // The same file unchanged: no note, and a drift is the simulator's again.
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...fixture.manifest, provenance: { networkFiles: { [file]: `sha256:${now}` } } }, null, 2));
    expect((await writeRunReport(fixture.dir, { evaluatePoint: drifted })).changedNetwork).toBeUndefined();
  });

  it('is reproducible: the same run gives the same bytes', async () => {
    const a = writeFixtureRun(join(root, 'a'));
    const b = writeFixtureRun(join(root, 'b'));
    const fa = await writeRunReport(a.dir, { evaluatePoint: null });
    const fb = await writeRunReport(b.dir, { evaluatePoint: null });
    expect(readFileSync(fa.svgPath, 'utf8')).toBe(readFileSync(fb.svgPath, 'utf8'));
    expect(readFileSync(fa.htmlPath, 'utf8').replace(/from a\//, '')).toBe(readFileSync(fb.htmlPath, 'utf8').replace(/from b\//, ''));
    const data = reportData(readFileSync(fa.htmlPath, 'utf8'));
    expect(data.breakdowns[0].source).toBe('csv');
    expect(data.breakdowns[0].layers).toEqual([]);
  });

  it('leaves existing report files untouched when the run folder is bad', async () => {
    const fixture = writeFixtureRun(join(root, 'bad'));
    writeFileSync(join(fixture.dir, 'report.html'), 'old report');
    writeFileSync(join(fixture.dir, 'pareto.svg'), 'old svg');
    writeFileSync(join(fixture.dir, 'evaluations.csv'), 'index,generation\n1\n2,3\n');
    await expect(writeRunReport(fixture.dir, { evaluatePoint: null })).rejects.toThrow(/evaluations\.csv: line 2: got 1 fields, expected 2/);
    expect(readFileSync(join(fixture.dir, 'report.html'), 'utf8')).toBe('old report');
    expect(readFileSync(join(fixture.dir, 'pareto.svg'), 'utf8')).toBe('old svg');
    expect(existsSync(join(fixture.dir, `report.html.${process.pid}.tmp`))).toBe(false);
    expect(statSync(fixture.dir).isDirectory()).toBe(true);
  });

  it('says so when a run has no hypervolume history or an empty front', async () => {
    const fixture = writeFixtureRun(join(root, 'nohv'));
    const manifest = JSON.parse(readFileSync(join(fixture.dir, 'manifest.json'), 'utf8'));
    manifest.hypervolumeByGeneration = [];
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify(manifest));
    // Feasible rows without a number in an objective: the front is empty, and says why.
    const at = fixture.header.indexOf('latency_ns');
    const lines = readFileSync(join(fixture.dir, 'evaluations.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(fixture.dir, 'evaluations.csv'), `${lines.map((l, i) => (i === 0 ? l : l.split(',').map((c, k) => (k === at ? '' : c)).join(','))).join('\n')}\n`);
    writeFileSync(join(fixture.dir, 'pareto.csv'), `${fixture.header.join(',')}\n`);
    const html = readFileSync((await writeRunReport(fixture.dir, { evaluatePoint: null })).htmlPath, 'utf8');
    // The real reason, not "This run recorded no hypervolume history." (QA defect 13).
    expect(html).toContain('No hypervolume: every evaluation failed, so there is no feasible point to measure.');
    // Such rows are failed evaluations (the plot leaves them out as failed), counted as such in the settings too.
    expect(html).toContain('The front is empty: every evaluation failed (47 without a number in every objective; 1 with an error: ' +
      'see the error column of evaluations.csv; the first: worker crashed: simulated failure).');
    expect(html).toContain('<dd>48: 0 feasible, 0 infeasible, 48 failed</dd>');
    expect(html).not.toMatch(/<tr data-index=/);
    expect(reportData(html).breakdowns).toEqual([]);
  });

  it('counts a feasible row with an empty, NaN or infinite objective as failed, as the plot does: one count on the page', async () => {
    const fixture = writeFixtureRun(join(root, 'nan-objective'));
    const at = fixture.header.indexOf('latency_ns');
    const lines = readFileSync(join(fixture.dir, 'evaluations.csv'), 'utf8').trim().split('\n');
    // Three feasible rows off the front, one objective each made empty, NaN or infinite.
    const front = new Set(fixture.front.map((r) => r.index));
    const edited = fixture.rows.filter((r) => r.feasible && r.error === '' && !front.has(r.index)).slice(0, 3).map((r) => r.index);
    const cells = ['', 'NaN', 'inf'];
    writeFileSync(join(fixture.dir, 'evaluations.csv'), `${lines.map((l, i) => {
      const k = edited.indexOf(i - 1);
      return k < 0 ? l : l.split(',').map((c, j) => (j === at ? cells[k] : c)).join(',');
    }).join('\n')}\n`);
    const html = readFileSync((await writeRunReport(fixture.dir, { evaluatePoint: null })).htmlPath, 'utf8');
    const feasible = fixture.rows.filter((r) => r.feasible && r.error === '').length - 3;
    const infeasible = fixture.rows.filter((r) => !r.feasible && r.error === '').length;
    expect(html).toContain(`<dd>48: ${feasible} feasible, ${infeasible} infeasible, 4 failed</dd>`);
    expect(html).toContain('4 failed evaluations not shown');
  });

  it('dates an end on another day, and says a resumed run\'s start-to-end span includes its stops, with the resume times', async () => {
    const timeLine = async (name: string, times: Record<string, unknown>): Promise<string> => {
      const fixture = writeFixtureRun(join(root, name));
      const manifest = JSON.parse(readFileSync(join(fixture.dir, 'manifest.json'), 'utf8'));
      writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...manifest, ...times }));
      const html = readFileSync((await writeRunReport(fixture.dir, { evaluatePoint: null })).htmlPath, 'utf8');
      return /<dt>Time<\/dt><dd>([^<]*)<\/dd>/.exec(html)![1];
    };
    expect(await timeLine('time-plain', {})).toBe('2026-11-23 01:00:00 UTC → 01:00:42 UTC (42.5 s, 2 workers, completed)');
    expect(await timeLine('time-day', { startedAt: '2026-12-06T02:26:27.000Z', endedAt: '2026-12-07T02:26:43.000Z' }))
      .toBe('2026-12-06 02:26:27 UTC → 2026-12-07 02:26:43 UTC (24 h 0 min, 2 workers, completed)');
    expect(await timeLine('time-resumed', { startedAt: '2026-12-06T02:26:27.000Z', resumedAt: ['2026-12-06T02:26:35.000Z'], endedAt: '2026-12-06T02:26:43.400Z' }))
      .toBe('2026-12-06 02:26:27 UTC → 02:26:43 UTC (16.4 s from start to end, stops included; resumed at 02:26:35 UTC, 8.4 s from then to the end, 2 workers, completed)');
    expect(await timeLine('time-running', { startedAt: '2026-12-06T02:26:27.000Z', resumedAt: ['2026-12-07T00:00:01.000Z'], endedAt: undefined, status: 'running' }))
      .toBe('2026-12-06 02:26:27 UTC (resumed at 2026-12-07 00:00:01 UTC, 2 workers, running)');
  });

  it('says why the front is empty: every evaluation failed (with the first error), or none met the constraints', async () => {
    const fixture = writeFixtureRun(join(root, 'allfail'));
    const manifest = JSON.parse(readFileSync(join(fixture.dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...manifest, constraints: [], hypervolumeByGeneration: [] }));
    const at = (name: string) => fixture.header.indexOf(name);
    const failed = fixture.rows.map((r) => fixture.header.map((name, k) =>
      k === at('index') ? r.index : k === at('generation') ? r.generation : k === at('feasible') ? 'false' : k === at('error') ? `worker crashed: row ${r.index}` : ''));
    writeFileSync(join(fixture.dir, 'evaluations.csv'), stringify([fixture.header, ...failed]));
    writeFileSync(join(fixture.dir, 'pareto.csv'), `${fixture.header.join(',')}\n`);
    const html = readFileSync((await writeRunReport(fixture.dir, { evaluatePoint: null })).htmlPath, 'utf8');
    expect(html).toContain('id="front-empty">The front is empty: every evaluation failed (see the error column of evaluations.csv; the first: worker crashed: row 0).</div>');
    expect(html).not.toContain('no evaluation was feasible');

    const infeasible = writeFixtureRun(join(root, 'infeasible'));
    const rows = readFileSync(join(infeasible.dir, 'evaluations.csv'), 'utf8').replace(/,true,/g, ',false,');
    writeFileSync(join(infeasible.dir, 'evaluations.csv'), rows);
    writeFileSync(join(infeasible.dir, 'pareto.csv'), `${infeasible.header.join(',')}\n`);
    const html2 = readFileSync((await writeRunReport(infeasible.dir, { evaluatePoint: null })).htmlPath, 'utf8');
    expect(html2).toContain(`The front is empty: no evaluation was feasible (${infeasible.rows.length - 1} broke the constraints above; 1 failed: ` +
      'see the error column of evaluations.csv; the first: worker crashed: simulated failure).');
  });
});

describe('HTML helpers', () => {
  it('escapes text and keeps embedded JSON from closing its script', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    const json = scriptJson({ s: '</script><!--', t: '\u2028' });
    expect(json).not.toContain('</script>');
    expect(json).not.toContain('<!--');
    expect(JSON.parse(json)).toEqual({ s: '</script><!--', t: '\u2028' });
  });
  it('formats numbers to 4 significant digits, with exponents outside [1e-4, 1e6), no thousands separator', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(98765.4)).toBe('98770');
    expect(formatNumber(98765)).toBe('98765');
    expect(formatNumber(5.572e-4)).toBe('0.0005572');
    expect(formatNumber(1234567)).toBe('1.235e6');
    expect(formatNumber(2e6)).toBe('2e6');
    expect(formatNumber(0.000012)).toBe('1.2e-5');
    expect(formatNumber(NaN)).toBe('–');
  });
  it('describes settings and constraints in one line', () => {
    expect(describeSetting({ evaluations: 200, time_s: 60 })).toBe('evaluations 200, time_s 60');
    expect(describeSetting(undefined)).toBe('–');
    expect(constraintText({ metric: 'accuracy', min: 0.9 })).toBe('accuracy ≥ 0.9');
    expect(constraintText({ metric: 'area_mm2', min: 1, max: 10 })).toBe('area_mm2 ≥ 1, area_mm2 ≤ 10');
  });
});

describe('mixedWorkloadsText', () => {
  it('says a front across a searched network list compares workloads (QA fig12: Caltech designs drawn as dominated by CIFAR ones)', () => {
    expect(mixedWorkloadsText(['vgg16-cifar10', 'vgg16-caltech101'])).toBe('The front is one front across the 2 searched networks '
      + '(vgg16-cifar10, vgg16-caltech101), a cross-workload comparison: designs of different workloads are compared with each other, so a network\'s designs may all be '
      + 'drawn as dominated by another network\'s; each network\'s own front, with its own hypervolume, is under "Front of each network"');
    expect(mixedWorkloadsText('vgg16-cifar10')).toBeUndefined();
    expect(mixedWorkloadsText(['vgg16-cifar10'])).toBeUndefined();
  });
});

describe('plotClassesText', () => {
  it('names only the classes the plot draws, as its legend lists them (it named all three whatever the run)', async () => {
    const fixture = writeFixtureRun(join(root, 'classes'));
    const run = await readRun(fixture.dir);
    const front = 'Blue: the final Pareto front (click a point for its breakdown)';
    expect(plotClassesText(run, [{ index: 1, values: [1, 2], status: 'dominated' }]))
      .toBe(`${front}; grey circles: dominated feasible evaluations.`);
    expect(plotClassesText(run, [{ index: 1, values: [1, 2], status: 'infeasible' }, { index: 2, values: [1, 2], status: 'unmeasured' }]))
      .toBe(`${front}; grey crosses: infeasible evaluations; triangles: evaluations the lazy mode did not measure (proven out or dropped, see Evaluations above).`);
    expect(plotClassesText(run, [])).toBe(`${front}.`);
    const empty = { ...run, front: [] };
    expect(plotClassesText(empty, [{ index: 1, values: [1, 2], status: 'infeasible' }])).toBe('Grey crosses: infeasible evaluations.');
    expect(plotClassesText(empty, [])).toBe('No evaluation could be plotted (see Evaluations above).');
    // The page's caption is the one its plot's points give.
    const files = await writeRunReport(fixture.dir, { evaluatePoint: null });
    const html = readFileSync(files.htmlPath, 'utf8');
    const caption = /<figure id="pareto-plot"[^]*?<figcaption>([^<]*?) Arrows show/.exec(html)![1];
    const legend = (label: string) => html.includes(`aria-label="Symbol legend`) && new RegExp(`legend[^"]*${label}`).test(html);
    expect(caption.includes('grey crosses')).toBe(legend('infeasible'));
    expect(caption.includes('grey circles')).toBe(legend('dominated'));
  });
});
