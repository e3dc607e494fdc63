/** Plots named for assistive technology, readable numbers in point labels, hidden study lines said (QA defect 12). */
import { describe, expect, it } from 'vitest';
import { buildHypervolumeSpec, buildParetoSpec } from '../../../src/io/plot/pareto.js';
import { hiddenLinesText } from '../../../src/io/plot/study.js';
import { inlineSvg, renderSvg } from '../../../src/io/plot/render.js';
import { metricInfo } from '../../../src/io/report/metrics.js';

describe('accessible SVGs', () => {
  it('pareto.svg has role="img", an aria-label, a <title> and a <desc> with the subtitle, kept when inlined', async () => {
    const svg = await renderSvg(buildParetoSpec({
      objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }], metrics: [metricInfo('energy_pJ'), metricInfo('latency_ns')],
      points: [{ index: 0, status: 'front', values: [1e6, 2e3] }, { index: 1, status: 'dominated', values: [2e6, 3e3] }], omitted: 1, thinned: 0, evaluations: 3,
    }));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img" aria-label="Pareto front"><title>Pareto front<\/title><desc>1 front point of 3 evaluations; 1 failed evaluation not shown<\/desc>/);
    expect(inlineSvg(svg, 'p')).toMatch(/^<svg [^>]*role="img" aria-label="Pareto front">/);
  });

  it('labels hypervolume points with the report number format (it read 15285503062054347000)', async () => {
    const svg = await renderSvg(buildHypervolumeSpec([{ generation: 0, evaluations: 10, hypervolume: 15285503062054347000 }])!);
    expect(svg).toContain('aria-label="Generation 0: hypervolume 1.529e19 after 10 evaluations"');
  });
});

describe('hiddenLinesText', () => {
  it("says which study lines lie under another (fig11: 4, 5 and 6 identical to 7), nothing when all differ", () => {
    const at = (series: number, value: number) => [2, 4].map((x) => ({ x, metric: 'macError_rms', value: value * x, series }));
    const points = [...at(1, 0.1), ...at(4, 0.3), ...at(5, 0.3), ...at(6, 0.3), ...at(7, 0.3), ...at(8, 0.5)];
    expect(hiddenLinesText('device.bitsPerCell', points)).toBe('device.bitsPerCell 4, 5, 6 hidden under 7 (identical values)');
    expect(hiddenLinesText('device.bitsPerCell', [...at(1, 0.1), ...at(8, 0.5)])).toBeUndefined();
  });
});
