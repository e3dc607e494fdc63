import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  backgroundPointsFor, buildHypervolumeSpec, buildParetoSpec, MAX_BACKGROUND_POINTS, objectivePairs, paretoPlotData, subtitleLines, useLogScale, type ParetoPlotData,
} from '../../../src/io/plot/pareto.js';
import { inlineSvg, renderSvg } from '../../../src/io/plot/render.js';
import { metricInfo } from '../../../src/io/report/metrics.js';
import { readRun } from '../../../src/io/report/run.js';
import { writeFixtureRun } from '../report/fixture.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-plot-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FOUR = [
  { metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' },
  { metric: 'area_mm2', sense: 'min' }, { metric: 'accuracy', sense: 'max' },
] as const;

async function plotData(name: string, objectives?: readonly { metric: string; sense: 'min' | 'max' }[], evaluations = 60): Promise<ParetoPlotData> {
  const run = await readRun(writeFixtureRun(join(root, name), { objectives, evaluations }).dir);
  return paretoPlotData(run, run.manifest.objectives.map((o) => metricInfo(o.metric)));
}

type Layer = { transform?: { filter: string }[]; mark: { type: string }; encoding: Record<string, { field?: string; title?: string; scale?: { type?: string } }> };
type Panel = { layer: Layer[]; width: number };

describe('the legend', () => {
  it('reads "not measured (lazy)" in full in a lazy run\'s plot (it was cut to "not measured (l…")', async () => {
    const data: ParetoPlotData = {
      objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'accuracy', sense: 'max' }],
      metrics: [metricInfo('energy_pJ'), metricInfo('accuracy')],
      points: [
        { index: 0, status: 'front', values: [1, 0.9] }, { index: 1, status: 'dominated', values: [2, 0.8] },
        { index: 2, status: 'infeasible', values: [0.5, 0.2] }, { index: 3, status: 'unmeasured', values: [3, 0.5] },
      ],
      omitted: 0, thinned: 0, evaluations: 4,
    };
    const svg = await renderSvg(buildParetoSpec(data));
    // The legend's labels: the text of each role-legend-label group.
    const legend = [...svg.matchAll(/class="mark-text role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(legend).toEqual(['Pareto front', 'dominated', 'infeasible', 'not measured (lazy)']);
  });
});

describe('the one-objective plot', () => {
  it('labels the evaluation-index axis with whole numbers only (a short run had 0.0, 0.5, ... 8.0)', async () => {
    const data: ParetoPlotData = {
      objectives: [{ metric: 'energy_pJ', sense: 'min' }], metrics: [metricInfo('energy_pJ')],
      points: Array.from({ length: 9 }, (_, i) => ({ index: i, status: i === 4 ? 'front' as const : 'dominated' as const, values: [10 + i] })),
      omitted: 0, thinned: 0, evaluations: 9,
    };
    const svg = await renderSvg(buildParetoSpec(data));
    const axis = /aria-label="X-axis titled 'evaluation index'[\s\S]*?role-axis-title/.exec(svg)![0];
    const ticks = [...axis.matchAll(/role-axis-label[\s\S]*?<\/g>/g)].flatMap((g) => [...g[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]));
    expect(ticks).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
  });
});

describe('paretoPlotData', () => {
  it('marks exactly the pareto.csv rows as front, other feasible rows as dominated, infeasible ones apart, and leaves out failures', async () => {
    const fixture = writeFixtureRun(join(root, 'status'), { evaluations: 60 });
    const run = await readRun(fixture.dir);
    const data = paretoPlotData(run, [metricInfo('energy_pJ'), metricInfo('latency_ns')]);
    const byStatus = (s: string) => data.points.filter((p) => p.status === s).map((p) => p.index).sort((a, b) => a - b);
    const front = new Set(fixture.front.map((r) => r.index));
    expect(byStatus('front')).toEqual([...front].sort((a, b) => a - b));
    expect(byStatus('dominated')).toEqual(fixture.rows.filter((r) => r.feasible && !front.has(r.index)).map((r) => r.index));
    expect(byStatus('infeasible')).toEqual(fixture.rows.filter((r) => !r.feasible && r.error === '').map((r) => r.index));
    expect(data.omitted).toBe(1); // row 7 failed
    expect(data.points.find((p) => p.index === 7)).toBeUndefined();
    const p0 = data.points.find((p) => p.index === fixture.front[0].index)!;
    expect(p0.values).toEqual([fixture.front[0].metrics.energy_pJ, fixture.front[0].metrics.latency_ns]);
    // No front point is dominated by another feasible point (in the fixture's min-min sense).
    for (const f of data.points.filter((p) => p.status === 'front')) {
      expect(data.points.some((q) => q.status !== 'infeasible' && q.values[0] <= f.values[0] && q.values[1] <= f.values[1]
        && (q.values[0] < f.values[0] || q.values[1] < f.values[1]))).toBe(false);
    }
  });

  it('thins background points beyond the cap deterministically and keeps every front point', async () => {
    const run = await readRun(writeFixtureRun(join(root, 'big'), { evaluations: MAX_BACKGROUND_POINTS + 400 }).dir);
    const a = paretoPlotData(run, [metricInfo('energy_pJ'), metricInfo('latency_ns')]);
    const b = paretoPlotData(run, [metricInfo('energy_pJ'), metricInfo('latency_ns')]);
    expect(a.points.filter((p) => p.status !== 'front')).toHaveLength(MAX_BACKGROUND_POINTS);
    expect(a.points.filter((p) => p.status === 'front')).toHaveLength(run.front.length);
    expect(a.thinned).toBe(run.counts.total - 1 - run.front.length - MAX_BACKGROUND_POINTS);
    expect(a.points.map((p) => p.index)).toEqual(b.points.map((p) => p.index));
    // Every evaluation counted, the failed one too (it read `of ${run.counts.total - 1}`, the plotted and thinned points only).
    expect(subtitleLines(a)).toEqual([
      `${run.front.length} front points of ${run.counts.total} evaluations`,
      `${a.thinned} background points thinned out`,
      '1 failed evaluation not shown',
    ]);
    // A lazy run's rows never measured (no value in an objective the expensive engine computes) are not failures.
    expect(subtitleLines({ ...a, omitted: 34, omittedUnmeasured: 33 }).slice(-2)).toEqual(['1 failed evaluation not shown', '33 rows not measured (lazy) not shown']);
    expect(subtitleLines({ ...a, omitted: 33, omittedUnmeasured: 33 }).at(-1)).toBe('33 rows not measured (lazy) not shown');
  });

  it('counts every evaluation when all failed (QA `fail`: it read "0 front points of 0 evaluations" for 4)', () => {
    const data: ParetoPlotData = { objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }],
      metrics: [metricInfo('energy_pJ'), metricInfo('latency_ns')], points: [], omitted: 4, thinned: 0, evaluations: 4 };
    expect(subtitleLines(data)).toEqual(['0 front points of 4 evaluations', '4 failed evaluations not shown']);
    expect(subtitleLines({ ...data, networks: 3 })[1]).toBe('one front across 3 networks (workloads compared)');
  });
});

describe('backgroundPointsFor', () => {
  it('keeps 1,500 background points up to 3 objectives and shares 4,500 point-panels beyond', () => {
    expect([1, 2, 3, 4, 5, 6].map(backgroundPointsFor)).toEqual([1500, 1500, 1500, 750, 450, 300]);
  });

  it('thins a 4-objective run to 750 background points (6 panels share the budget)', async () => {
    const objectives = ['energy_pJ', 'latency_ns', 'area_mm2', 'edp_pJs'].map((metric) => ({ metric, sense: 'min' as const }));
    const run = await readRun(writeFixtureRun(join(root, 'four'), { evaluations: 1200, objectives }).dir);
    const data = paretoPlotData(run, objectives.map((o) => metricInfo(o.metric)));
    expect(data.points.filter((p) => p.status !== 'front')).toHaveLength(750);
    expect(data.thinned).toBe(run.cloud.total - 750);
  });
});

describe('objectivePairs and the log-scale rule', () => {
  it('projects n objectives onto all n(n-1)/2 pairs', () => {
    expect(objectivePairs(2)).toEqual([[0, 1]]);
    expect(objectivePairs(3)).toEqual([[0, 1], [0, 2], [1, 2]]);
    expect(objectivePairs(4)).toHaveLength(6);
    expect(objectivePairs(1)).toEqual([]);
  });
  it('uses a log axis only for positive values spanning at least two decades', () => {
    expect(useLogScale([1, 99])).toBe(false);
    expect(useLogScale([1, 100])).toBe(true);
    expect(useLogScale([0.002, 5, 0.3])).toBe(true);
    expect(useLogScale([0, 1e6])).toBe(false);
    expect(useLogScale([-1, 1e6])).toBe(false);
    expect(useLogScale([5])).toBe(false);
    expect(useLogScale([1, NaN, 1000])).toBe(true);
  });
});

describe('buildParetoSpec', () => {
  it('draws two objectives as one panel: faint background, a connecting line and highlighted front points, axes with units', async () => {
    const spec = buildParetoSpec(await plotData('two')) as unknown as Panel & { concat?: unknown };
    expect(spec.concat).toBeUndefined();
    const marks = spec.layer.map((l) => l.mark.type);
    expect(marks).toEqual(['point', 'line', 'point']);
    expect(spec.layer[0].transform![0].filter).toContain('!(');
    expect(spec.layer[1].transform![0].filter).toBe("datum.s === 'Pareto front'");
    // Axes in the unit the report's tables use (formatQuantity): fixture energies near 1e4 pJ read nJ.
    expect(spec.layer[0].encoding.x.title).toBe('energy_pJ (nJ)  ↓ better');
    expect(spec.layer[0].encoding.y.title).toBe('latency_ns (µs)  ↓ better');
  });

  it('draws four objectives as six projection panels in a three-column grid, without lines, a max objective marked ↑', async () => {
    const spec = buildParetoSpec(await plotData('four', FOUR)) as unknown as { concat: Panel[]; columns: number };
    expect(spec.concat).toHaveLength(6);
    expect(spec.columns).toBe(3);
    const titles = spec.concat.map((p) => [p.layer[0].encoding.x.title, p.layer[0].encoding.y.title]);
    expect(titles[0]).toEqual(['energy_pJ (nJ)  ↓ better', 'latency_ns (µs)  ↓ better']);
    expect(titles[5]).toEqual(['area_mm2 (mm²)  ↓ better', 'accuracy (fraction)  ↑ better']);
    for (const p of spec.concat) expect(p.layer.map((l) => l.mark.type)).toEqual(['point', 'point']);
  });

  it('plots a single objective against the evaluation index', async () => {
    const spec = buildParetoSpec(await plotData('one', [{ metric: 'edp_pJs', sense: 'min' }])) as unknown as Panel & { concat?: unknown };
    expect(spec.concat).toBeUndefined();
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['point', 'point']);
    expect(spec.layer[0].encoding.x.field).toBe('i');
    expect(spec.layer[0].encoding.x.title).toBe('evaluation index');
    expect(spec.layer[0].encoding.y.title).toBe('edp_pJs (pJ·s)  ↓ better');
  });

  it('sets the log scale on exactly the axes the rule selects', async () => {
    const data = await plotData('log', FOUR, 120);
    const spec = buildParetoSpec(data) as unknown as { concat: Panel[] };
    const expectLog = (k: number) => useLogScale(data.points.map((p) => p.values[k]));
    const [e, l, a] = [0, 1, 2].map(expectLog);
    expect(e).toBe(true); // the fixture's energy spans more than two decades
    expect(spec.concat[0].layer[0].encoding.x.scale!.type === 'log').toBe(e);
    expect(spec.concat[0].layer[0].encoding.y.scale!.type === 'log').toBe(l);
    expect(spec.concat[1].layer[0].encoding.y.scale!.type === 'log').toBe(a);
    expect(spec.concat[2].layer[0].encoding.y.scale!.type).toBeUndefined(); // accuracy spans 0.8..1
  });

  it('renders server-side to an SVG with one labelled mark per plotted point and the axis titles', async () => {
    const data = await plotData('render');
    const svg = await renderSvg(buildParetoSpec(data));
    expect(svg.startsWith('<svg')).toBe(true);
    const labels = [...svg.matchAll(/aria-label="Evaluation (\d+) \(([^)]+)\)"/g)];
    expect(labels).toHaveLength(data.points.length);
    const front = labels.filter((m) => m[2] === 'Pareto front').map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(front).toEqual(data.points.filter((p) => p.status === 'front').map((p) => p.index).sort((a, b) => a - b));
    expect(svg).toContain('energy_pJ (nJ)  ↓ better');
    expect(svg).toContain('latency_ns (µs)  ↓ better');
    const inline = inlineSvg(svg, 'p');
    expect(inline).not.toMatch(/xmlns/);
    for (const m of inline.matchAll(/url\(#([^)]+)\)/g)) expect(m[1].startsWith('p-')).toBe(true);
  });
});

describe('renderSvg of a plot with nothing in a layer', () => {
  it('draws a single front point, only infeasible points, or no point at all without vega warnings (an empty layer warned of an infinite extent)', async () => {
    const three = [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }, { metric: 'area_mm2', sense: 'min' }] as const;
    const plot = (objectives: readonly { metric: string; sense: 'min' | 'max' }[], points: ParetoPlotData['points'], knee?: number): ParetoPlotData => ({
      objectives, metrics: objectives.map((o) => metricInfo(o.metric)), points, omitted: points.length === 0 ? 4 : 0, thinned: 0, evaluations: points.length === 0 ? 4 : points.length, ...(knee !== undefined ? { knee } : {}),
    });
    const warn = vi.spyOn(console, 'warn');
    try {
      for (const data of [
        plot(three, [{ index: 0, status: 'front', values: [1, 2, 3] }], 0),
        plot(three.slice(0, 2), [{ index: 0, status: 'front', values: [1, 2] }], 0),
        plot(three.slice(0, 1), [{ index: 0, status: 'front', values: [1] }]),
        plot(three, [{ index: 0, status: 'infeasible', values: [1, 2, 3] }, { index: 1, status: 'infeasible', values: [2, 1, 3] }]),
        plot(three.slice(0, 2), []),
        plot(three.slice(0, 1), []),
      ]) {
        const svg = await renderSvg(buildParetoSpec(data));
        expect(svg.startsWith('<svg')).toBe(true);
        expect([...svg.matchAll(/aria-label="Evaluation \d+/g)]).toHaveLength(data.points.length * Math.max(1, objectivePairs(data.objectives.length).length));
      }
      expect(warn.mock.calls.map((c) => c.join(' '))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('buildHypervolumeSpec', () => {
  it('plots hypervolume against generation, or nothing for a run without history', () => {
    expect(buildHypervolumeSpec([])).toBeUndefined();
    const spec = buildHypervolumeSpec([{ generation: 0, evaluations: 10, hypervolume: 0.5 }, { generation: 1, evaluations: 20, hypervolume: 0.7 }]) as {
      data: { values: unknown[] }; layer: Layer[];
    };
    expect(spec.data.values).toHaveLength(2);
    expect(spec.layer[0].encoding.x.field).toBe('generation');
    expect(spec.layer[0].encoding.y.field).toBe('hypervolume');
  });
});
