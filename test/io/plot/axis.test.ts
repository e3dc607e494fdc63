/** The plots' quantitative axes (QA defects 1, 9, 10): labels told apart, decades labelled, front points off the frame. */
import { describe, expect, it } from 'vitest';
import { axisFormat, buildHypervolumeSpec, buildParetoSpec, type ParetoPlotData } from '../../../src/io/plot/pareto.js';
import { displayScale, logTicks, quantitativeAxis } from '../../../src/io/plot/axis.js';
import { renderSvg } from '../../../src/io/plot/render.js';
import { metricInfo } from '../../../src/io/report/metrics.js';

/** The tick labels of the axis titled `title` in a rendered SVG. */
function tickLabels(svg: string, title: string): string[] {
  const axis = new RegExp(`aria-label="[XY]-axis titled '${title.replace(/[()]/g, '\\$&')}'[\\s\\S]*?role-axis-title`).exec(svg)![0];
  return [...axis.matchAll(/role-axis-label[\s\S]*?<\/g>/g)].flatMap((g) => [...g[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]));
}

// The QA's big run (random, 2,400 evaluations): its hypervolume per generation.
const BIG_HYPERVOLUMES = [52521477403176240, 52547162363137990, 52553111150620770, 52557062566751280, 52557106034738810, 52566856667927530];

describe('hypervolume axis', () => {
  it("labels every tick differently on the big run's range (11 ticks read 5.25e+16 or 5.26e+16)", async () => {
    const history = BIG_HYPERVOLUMES.map((hypervolume, generation) => ({ generation, evaluations: 100 * (generation + 1), hypervolume }));
    const labels = tickLabels(await renderSvg(buildHypervolumeSpec(history)!), 'hypervolume');
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(['5.252e16', '5.253e16', '5.254e16', '5.255e16', '5.256e16', '5.257e16'].filter((l) => labels.includes(l)));
    expect(labels).toContain('5.255e16');
  });

  it('study figures (vega picks their ticks) get as many digits as a tenth of the span needs', () => {
    expect(axisFormat(BIG_HYPERVOLUMES)).toBe('.4e');
    expect(axisFormat([0.5, 0.95])).toBe('.2f');
    expect(axisFormat([10, 1e6], true)).toBe('.0e');
  });
});

describe('objective axes', () => {
  it('a log energy axis over the big run (7.7e6 to 3.3e9 pJ) is in µJ, its decades labelled, one gridline per tick', async () => {
    const axis = quantitativeAxis([7.698896e6, 3.334097e9], 'pJ', true);
    expect(axis.unit).toBe('µJ');
    expect(axis.axis.values).toEqual([1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9, 2e9]);
    const data: ParetoPlotData = {
      objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }], metrics: [metricInfo('energy_pJ'), metricInfo('latency_ns')],
      points: [{ index: 0, status: 'front', values: [7.698896e6, 7.18e8] }, { index: 1, status: 'front', values: [3.334097e9, 4.48e5] }],
      omitted: 0, thinned: 0, evaluations: 2,
    };
    const labels = tickLabels(await renderSvg(buildParetoSpec(data)), 'energy_pJ (µJ)  ↓ better');
    expect(labels).toEqual(['10', '20', '50', '100', '200', '500', '1000', '2000']);
  });

  it('pads the domain so the extreme (front) points are off the frame, and picks 1-9 ticks on a short log span', () => {
    const linear = quantitativeAxis([10, 20], '', false);
    expect(linear.scale.domain).toEqual([9.4, 20.6]);
    const log = quantitativeAxis([8e6, 9e8], 'pJ', true);
    const [lo, hi] = log.scale.domain as number[];
    expect(lo).toBeLessThan(8e6);
    expect(hi).toBeGreaterThan(9e8);
    expect(logTicks(2, 9)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(displayScale(4e8, 'pJ')).toEqual({ unit: 'µJ', factor: 1e-6 });
    expect(displayScale(0.9, 'fraction')).toEqual({ unit: 'fraction', factor: 1 });
  });
});
