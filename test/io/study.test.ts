/** study.md, the report section and the figure specs from a hand-made study result. */
import { describe, expect, it, vi } from 'vitest';
import { buildStudyFigureSpec, metricTitle } from '../../src/io/plot/study.js';
import { renderSvg } from '../../src/io/plot/render.js';
import { compareCells, studyHtml, studyMarkdown } from '../../src/io/study/index.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { parseSpace } from '../../src/search/index.js';
import { figureData, runStudy, type StudyRow } from '../../src/studies/index.js';
import { withUnit } from '../../src/io/report/numberFormat.js';

const rows: StudyRow[] = [];
for (const kind of ['sar', 'senseamp']) {
  for (const bits of [4, 8]) rows.push({ network: 'n', 'adc.kind': kind, 'adc.bits': bits, energy_pJ: kind === 'sar' ? bits * 10 : 20, latency_ns: kind === 'sar' ? bits * 100 : 50, feasible: 1 });
}
const context = simulatorSpaceContext({ metrics: ['energy_pJ', 'latency_ns'], weightLayers: () => ['fc'] });
const space = parseSpace({
  network: 'n',
  parameters: { 'adc.kind': ['sar', 'senseamp'], 'adc.bits': [4, 8] },
  objectives: ['energy_pJ:min'],
  strategy: 'grid',
  study: {
    title: 'ADC-less', source: 'paper, Fig. 1',
    figures: [{ name: 'energy', x: 'adc.bits', y: ['energy_pJ', 'latency_ns'], series: 'adc.kind', log: 'y' }, { name: 'parts', x: 'adc.bits', y: ['energy_pJ', 'latency_ns'], stack: true }],
    expect: [
      { metric: 'energy_pJ', along: 'adc.bits', trend: 'increasing', where: { 'adc.kind': 'sar' } },
      { metric: 'energy_pJ', within: [0, 30], required: false, note: 'a band we miss' },
    ],
    compare: { baseline: { 'adc.kind': 'sar' }, candidate: { 'adc.kind': 'senseamp' }, by: ['adc.bits'], metrics: [{ metric: 'energy_pJ', paper: [2, 7], label: 'energy improvement' }] },
  },
}, context);
const result = runStudy(space.study!, rows, ['adc.kind', 'adc.bits']);

describe('study outputs', () => {
  it('study.md: verdict, expectations with measured values, the comparison next to the paper', () => {
    const md = studyMarkdown(result, ['study-energy.svg', 'study-parts.svg']);
    expect(md).toContain('# ADC-less\n\nSource: paper, Fig. 1\n\nVerdict: **pass** (1 of 1 required expectation holds; 1 informational)');
    expect(md).toContain('- [energy](study-energy.svg)');
    expect(md).toContain('| pass | energy_pJ increasing along adc.bits (where adc.kind = sar) | 1 of 1 check holds; 40 → 80 (adc.bits 4, 8) |  |');
    expect(md).toContain('| outside (informational) | energy_pJ within [0, 30] | 0 of 1 check hold; 20 to 80 (4 values) | a band we miss |');
    expect(md).toContain('| energy improvement | 2x to 4x | 2x to 7x | inside |');
    expect(md).toContain('| 8 | 80 | 20 | 4x |');
    expect(compareCells(result.compare[0]).header).toEqual(['adc.bits', 'energy_pJ baseline', 'energy_pJ candidate', 'energy improvement']);
  });

  it('study tables write what they measure with its unit, in the report\'s one format (QA: `smallest 1.641e8` with no unit)', () => {
    const unitOf = (m: string) => (m === 'energy_pJ' ? 'pJ' : '');
    const scaled = rows.map((r) => ({ ...r, energy_pJ: (r.energy_pJ as number) * 4.1e6 }));
    const measured = runStudy(space.study!, scaled, ['adc.kind', 'adc.bits'], undefined, (v, m) => withUnit(v, unitOf(m)));
    const md = studyMarkdown(measured, [], undefined, unitOf);
    expect(md).toContain('| verdict | expectation | measured | note |');
    expect(md).toContain('| pass | energy_pJ increasing along adc.bits (where adc.kind = sar) | 1 of 1 check holds; 164 µJ → 328 µJ (adc.bits 4, 8) |  |');
    expect(md).toContain('| 0 of 1 check hold; 82 µJ to 328 µJ (4 values) |');
    // A ratio (improvement) has no unit; a baseline and a candidate have the metric's.
    expect(compareCells(result.compare[0], unitOf).header).toEqual(['adc.bits', 'energy_pJ baseline (pJ)', 'energy_pJ candidate (pJ)', 'energy improvement']);
    expect(studyHtml(result, [], undefined, unitOf)).toContain('<th>energy_pJ baseline (pJ)</th>');
  });

  it('the HTML section escapes text and holds the inline figures', () => {
    const html = studyHtml(result, ['<svg id="a"></svg>']);
    expect(html).toContain('<section id="study"><h2>Study: ADC-less</h2>');
    expect(html).toContain('<figure class="chart study-figure"><svg id="a"></svg></figure>');
    expect(html).toContain('<td>energy_pJ increasing along adc.bits (where adc.kind = sar)</td>');
    expect(html).not.toContain('<script');
  });

  it('figure specs: one panel per metric with units in the axis titles, or stacked bars; both render', async () => {
    const title = metricTitle([{ name: 'energy_pJ', unit: 'pJ', description: '' }, { name: 'latency_ns', unit: 'ns', description: '' }]);
    const [lines, stack] = space.study!.figures.map((f) => buildStudyFigureSpec(f, figureData(f, rows), title));
    const panels = (lines as { concat: { layer: { encoding: { y: { title: string; scale: { type?: string } } } }[] }[] }).concat;
    expect(panels.map((p) => p.layer[0].encoding.y.title)).toEqual(['energy_pJ (pJ)', 'latency_ns (ns)']);
    expect(panels[0].layer[0].encoding.y.scale.type).toBe('log');
    expect((stack as { mark: { type: string } }).mark.type).toBe('bar');
    expect(await renderSvg(lines)).toContain('energy_pJ (pJ)');
    expect(await renderSvg(stack)).toContain('sum of the parts');
  });
  it('a line breaks at a missing point instead of joining its neighbours across it', async () => {
    // Series "b" has every x; series "a" lost its x = 3 point (a failed evaluation).
    const figure = { name: 'gap', x: 'adc.bits', y: ['energy_pJ'], series: 'adc.kind' };
    const gapRows: StudyRow[] = [1, 2, 3, 4, 5].flatMap((bits) => [
      { 'adc.kind': 'a', 'adc.bits': bits, energy_pJ: bits === 3 ? NaN : 10 * bits },
      { 'adc.kind': 'b', 'adc.bits': bits, energy_pJ: 5 * bits },
    ]);
    const title = metricTitle([{ name: 'energy_pJ', unit: 'pJ', description: '' }]);
    const spec = buildStudyFigureSpec(figure, figureData(figure, gapRows), title);
    const values = (spec as { data: { values: { x: number; v: number | null }[] } }).data.values;
    expect(values.filter((d) => d.v === null)).toEqual([{ x: 3, m: 'energy_pJ', v: null, s: 'a' }]);
    // The rendered line is two paths' worth of moves: one "M" per unbroken run of points.
    const svg = await renderSvg(spec);
    const moves = [...svg.matchAll(/<path[^>]*d="(M[^"]*)"[^>]*>/g)].filter((m) => m[0].includes('stroke-width="1.8"')).map((m) => (m[1].match(/M/g) ?? []).length);
    expect(moves.sort()).toEqual([1, 2]);
    const full = buildStudyFigureSpec(figure, figureData(figure, gapRows.map((r) => ({ ...r, energy_pJ: Number.isNaN(r.energy_pJ) ? 30 : r.energy_pJ }))), title);
    expect((full as { data: { values: { v: number | null }[] } }).data.values.some((d) => d.v === null)).toBe(false);
  });
  it('draws a panel of a metric without a value (every one a division by zero) without vega warnings', async () => {
    const figure = { name: 'empty', x: 'adc.bits', y: ['energy_pJ', 'latency_ns'], series: 'adc.kind' };
    const some: StudyRow[] = [2, 4, 8].map((bits) => ({ 'adc.kind': 'a', 'adc.bits': bits, energy_pJ: bits, latency_ns: NaN }));
    const warn = vi.spyOn(console, 'warn');
    try {
      const spec = buildStudyFigureSpec(figure, figureData(figure, some), metricTitle([]));
      expect(await renderSvg(spec)).toContain('latency_ns');
      expect(warn.mock.calls.map((c) => c.join(' '))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('study section layout', () => {
  it('shows every expectation (no 520 px scroll box: fig11 hid 3 of 10) and prints tables whole', async () => {
    const { STUDY_CSS } = await import('../../src/io/study/index.js');
    const { REPORT_CSS } = await import('../../src/io/report/client.js');
    expect(STUDY_CSS).toMatch(/\.study-wrap \{[^}]*max-height: none/);
    expect(REPORT_CSS).toMatch(/@media print \{\s*\.table-wrap \{ max-height: none; overflow: visible; \}/);
  });
});

describe('study figure axes', () => {
  const big: StudyRow[] = [1, 2, 3, 4].flatMap((bits) => ['sram', 'fefet'].map((kind) => ({ network: bits < 3 ? 'small' : 'large', 'adc.kind': kind, 'device.bitsPerCell': bits, energy_pJ: (kind === 'sram' ? 1.5e8 : 2e8) * bits, feasible: 1 })));
  const title = metricTitle([{ name: 'energy_pJ', unit: 'pJ', description: '' }]);
  type Axis = { title: string; scale: { domain?: number[] }; axis: { values?: number[]; labelExpr: string } };

  it('write an energy near 1e8 pJ in µJ, with the report\'s padded domain and chosen ticks (it was vega\'s ticks under `energy_pJ (pJ)`)', async () => {
    const figure = { name: 'e', x: 'device.bitsPerCell', y: ['energy_pJ'], series: 'adc.kind' };
    const spec = buildStudyFigureSpec(figure, figureData(figure, big), title) as { layer: { encoding: { x: Axis; y: Axis } }[] };
    const { x, y } = spec.layer[0].encoding;
    expect(y.title).toBe('energy_pJ (µJ)');
    expect(y.axis.labelExpr).toBe("format(datum.value * 0.000001, '.0f')");
    // 150 to 800 µJ padded by 6% of the span each side; ticks every 100 µJ inside.
    expect(y.scale.domain!.map((v) => Math.round(v / 1e6))).toEqual([111, 839]);
    expect(y.axis.values).toEqual([2e8, 3e8, 4e8, 5e8, 6e8, 7e8, 8e8]);
    // Integer x (bits per cell): whole-number ticks only.
    expect(x.axis.values).toEqual([1, 2, 3, 4]);
    const svg = await renderSvg(spec as unknown as Record<string, unknown>);
    expect(svg).toContain('energy_pJ (µJ)');
    expect(svg).toContain('>800</text>');
  });

  it('scale each facet\'s vega ticks to the prefixed unit, and start a stack at 0', () => {
    const faceted = { name: 'f', x: 'device.bitsPerCell', y: ['energy_pJ'], facet: 'network' };
    const f = buildStudyFigureSpec(faceted, figureData(faceted, big), title) as { spec: { layer: { encoding: { y: Axis } }[] } };
    const y = f.spec.layer[0].encoding.y;
    expect(y.title).toBe('energy_pJ (µJ)');
    expect(y.axis.values).toBeUndefined();
    expect(y.axis.labelExpr).toContain('datum.value * 0.000001');
    const stacked = { name: 's', x: 'device.bitsPerCell', y: ['energy_pJ'], stack: true };
    const s = buildStudyFigureSpec(stacked, figureData(stacked, big), title) as { encoding: { y: Axis } };
    expect(s.encoding.y.title).toBe('sum of the parts (µJ)');
    expect(s.encoding.y.scale.domain![0]).toBe(0);
    expect(Math.min(...s.encoding.y.axis.values!)).toBe(0);
  });
});
