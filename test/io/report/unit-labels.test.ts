/**
 * One number format for tables, captions and axes (numberFormat.ts formatQuantity): a log axis of a prefixed unit over
 * more decades than one prefix labels (a two-network run's latency, 2.9 µs to 24.8 ms) reads each tick in its own
 * prefix (`10 µs ... 10 ms`, was `1e1 ... 1e4` under µs); and each network's front table heads its columns as the front
 * table does: a unit the cells do not carry (mm²) in the header (was `area_mm2 ↓`).
 */
import { describe, expect, it } from 'vitest';
import { buildParetoSpec, type ParetoPlotData } from '../../../src/io/plot/pareto.js';
import { quantitativeAxis, tickLabelExpr } from '../../../src/io/plot/axis.js';
import { renderSvg } from '../../../src/io/plot/render.js';
import { metricInfo } from '../../../src/io/report/metrics.js';
import { networkFrontsSection } from '../../../src/io/report/networkSection.js';
import { formatQuantity, headerUnit } from '../../../src/io/report/numberFormat.js';
import type { RunRow } from '../../../src/io/report/run.js';

/** The tick labels of the axis titled `title` in a rendered SVG. */
function tickLabels(svg: string, title: string): string[] {
  const axis = new RegExp(`aria-label="[XY]-axis titled '${title.replace(/[()]/g, '\\$&')}'[\\s\\S]*?role-axis-title`).exec(svg)![0];
  return [...axis.matchAll(/role-axis-label[\s\S]*?<\/g>/g)].flatMap((g) => [...g[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]));
}

// The fronts of a real two-network run (mlp-mnist and vgg16-cifar10, adc.kind x columnsPerAdc x crossbar.size, grid):
// the fastest mlp-mnist design and the slowest VGG16 one.
const LATENCY_NS = [2952.05, 24762491.2];
const ENERGY_PJ = [143013.3, 55331442.1];

describe('log axes of a prefixed unit over many decades', () => {
  it('label each tick with its own prefix, as the tables write the values', async () => {
    const axis = quantitativeAxis(LATENCY_NS, 'ns', true);
    expect(axis.axis.values).toEqual([1e4, 1e5, 1e6, 1e7]);
    expect(axis.unit).toBe('');
    const data: ParetoPlotData = {
      objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }], metrics: [metricInfo('energy_pJ'), metricInfo('latency_ns')],
      points: [{ index: 0, status: 'front', values: [ENERGY_PJ[0], LATENCY_NS[1]] }, { index: 1, status: 'front', values: [ENERGY_PJ[1], LATENCY_NS[0]] }],
      omitted: 0, thinned: 0, evaluations: 2,
    };
    const svg = await renderSvg(buildParetoSpec(data));
    // The labels are formatQuantity's: the tables' `24.76 ms` and the axis's `10 ms` are one format.
    expect(tickLabels(svg, 'latency_ns  ↓ better')).toEqual(['10 µs', '100 µs', '1 ms', '10 ms']);
    expect([1e4, 1e5, 1e6, 1e7].map((t) => formatQuantity(t, 'ns'))).toEqual(['10 µs', '100 µs', '1 ms', '10 ms']);
    // Labels that need no exponent keep one unit, in the title.
    expect(tickLabels(svg, 'energy_pJ (µJ)  ↓ better')).toEqual(['0.2', '0.5', '1', '2', '5', '10', '20', '50']);
  });

  it('a unit without a prefix, or none, stays in exponents', () => {
    expect(quantitativeAxis([10, 1e6], '', true).axis.labelExpr).toBe("replace(format(datum.value, '.0e'), 'e+', 'e')");
    expect(quantitativeAxis([10, 1e6], 'mm²', true)).toMatchObject({ unit: 'mm²', axis: { labelExpr: "replace(format(datum.value, '.0e'), 'e+', 'e')" } });
    expect(tickLabelExpr([1e3, 1e6], 'pJ')).toBe('datum.value === 1000 ? "1 nJ" : datum.value === 1000000 ? "1 µJ" : \'\'');
  });
});

describe("each network's front table", () => {
  const row = (index: number, metrics: Record<string, number>): RunRow => ({
    index, generation: 0, params: {}, metrics, breakdown: {}, feasible: true, violation: 0, error: '', note: '', lazyStatus: '',
  });
  it('heads a column with the unit its cells do not carry, as the front table does', () => {
    const objectives = [{ metric: 'energy_pJ', sense: 'min' as const }, { metric: 'area_mm2', sense: 'min' as const }, { metric: 'topsPerW', sense: 'max' as const }];
    const units: Record<string, string> = { energy_pJ: 'pJ', area_mm2: 'mm²', topsPerW: 'TOPS/W' };
    const html = networkFrontsSection([{ network: 'mlp-mnist', feasible: 1, rows: [row(23, { energy_pJ: 143013.3, area_mm2: 1.368, topsPerW: 12.5 })], reference: [2e5, 2, 1] }],
      objectives, (m) => units[m]);
    const head = /<thead>(.*)<\/thead>/.exec(html)![1];
    expect(head).toBe('<tr><th scope="col">network</th><th scope="col">eval</th><th scope="col">energy_pJ<span class="unit">↓</span></th>'
      + '<th scope="col">area_mm2<span class="unit">mm² ↓</span></th><th scope="col">topsPerW<span class="unit">TOPS/W ↑</span></th></tr>');
    expect(html).toContain('<td title="143013.3">143 nJ</td><td title="1.368">1.368</td><td title="12.5">12.5</td>');
    expect([headerUnit('pJ', 'min'), headerUnit('mm²', 'min'), headerUnit('mm²'), headerUnit('')]).toEqual(['↓', 'mm² ↓', 'mm²', '']);
  });
});
