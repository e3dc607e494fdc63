/**
 * The streaming reader (readRun keeps counts, the front and a bounded cloud sample) against what the report drew
 * when it held every row: the same counts, the same front and, while the cloud is small enough to keep whole
 * (CLOUD_SAMPLE_ROWS), the very same plotted points; beyond that, a bounded, deterministic, evenly spread sample.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOUD_SAMPLE_ROWS, CloudSampler, IndexSet } from '../../../src/io/report/cloud.js';
import { settingsList } from '../../../src/io/report/html.js';
import { metricInfo } from '../../../src/io/report/metrics.js';
import { readRun } from '../../../src/io/report/run.js';
import { MAX_BACKGROUND_POINTS, paretoPlotData, type PlotPoint } from '../../../src/io/plot/pareto.js';
import { writeFixtureRun, type Fixture } from './fixture.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-stream-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const METRICS = [metricInfo('energy_pJ'), metricInfo('latency_ns')];

/** The plot data as computed when every row was in memory (the pre-streaming paretoPlotData, on the fixture's rows). */
function wholeRunPlot(fixture: Fixture): { points: PlotPoint[]; omitted: number; thinned: number } {
  const onFront = new Set(fixture.front.map((r) => r.index));
  const background: PlotPoint[] = [];
  let omitted = 0;
  for (const row of fixture.rows) {
    const values = [row.metrics.energy_pJ, row.metrics.latency_ns];
    if (row.error !== '' || !values.every(Number.isFinite)) {
      if (!onFront.has(row.index)) omitted++;
      continue;
    }
    if (!onFront.has(row.index)) background.push({ index: row.index, status: row.feasible ? 'dominated' : 'infeasible', values });
  }
  const stride = background.length / MAX_BACKGROUND_POINTS;
  const kept = background.length <= MAX_BACKGROUND_POINTS ? background : Array.from({ length: MAX_BACKGROUND_POINTS }, (_, k) => background[Math.floor(k * stride)]);
  const front = fixture.front.map((r): PlotPoint => ({ index: r.index, status: 'front', values: [r.metrics.energy_pJ, r.metrics.latency_ns] }));
  return { points: [...kept, ...front], omitted, thinned: background.length - kept.length };
}

describe('streaming run reader', () => {
  it('gives the counts, the front and the plotted points of the whole-run reader while the cloud fits the sample', async () => {
    for (const n of [48, 2000, CLOUD_SAMPLE_ROWS]) {
      const fixture = writeFixtureRun(join(root, `small-${n}`), { evaluations: n });
      const run = await readRun(fixture.dir);
      const failed = fixture.rows.filter((r) => r.error !== '').length;
      const feasible = fixture.rows.filter((r) => r.error === '' && r.feasible).length;
      expect(run.counts).toEqual({ total: n, feasible, infeasible: n - feasible - failed, failed, incomplete: 0, unmeasured: {} });
      expect(run.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));
      expect(run.cloud.total).toBeLessThanOrEqual(CLOUD_SAMPLE_ROWS);
      const data = paretoPlotData(run, METRICS);
      expect({ points: data.points, omitted: data.omitted, thinned: data.thinned }).toEqual(wholeRunPlot(fixture));
      expect(settingsList(run).find(([k]) => k === 'Evaluations')?.[1]).toBe(`${n}: ${feasible} feasible, ${n - feasible - failed} infeasible, ${failed} failed`);
    }
  });

  it('keeps a bounded, deterministic, evenly spread sample of a large cloud, and every front point', async () => {
    const n = 20_000;
    const fixture = writeFixtureRun(join(root, 'large'), { evaluations: n });
    const [a, b] = [await readRun(fixture.dir), await readRun(fixture.dir)];
    expect(a.cloud).toEqual(b.cloud);
    expect(a.cloud.sample.length).toBeLessThanOrEqual(CLOUD_SAMPLE_ROWS);
    expect(a.cloud.sample.length).toBeGreaterThan(CLOUD_SAMPLE_ROWS / 2);
    const whole = wholeRunPlot(fixture);
    expect(a.cloud.total).toBe(whole.thinned + MAX_BACKGROUND_POINTS);
    const data = paretoPlotData(a, METRICS);
    expect(data.points.filter((p) => p.status !== 'front')).toHaveLength(MAX_BACKGROUND_POINTS);
    expect(data.points.filter((p) => p.status === 'front').map((p) => p.index)).toEqual(fixture.front.map((r) => r.index));
    expect(data.thinned).toBe(whole.thinned);
    expect(data.omitted).toBe(whole.omitted);
    // Spread over the whole run: the sample starts at the first cloud row and reaches its last stretch.
    const indices = a.cloud.sample.map((p) => p.index);
    expect(indices[0]).toBe(whole.points[0].index);
    expect(indices[indices.length - 1]).toBeGreaterThan(0.95 * n);
    expect(indices.every((x, i) => i === 0 || x > indices[i - 1])).toBe(true);
  });

  it('decimates by stride: every point while few, then every 2nd, 4th, ... in order', () => {
    const sampler = new CloudSampler();
    const total = 4 * CLOUD_SAMPLE_ROWS + 7;
    for (let i = 0; i < total; i++) sampler.add({ index: i, status: 'dominated', values: [i] });
    const { sample, total: seen } = sampler.result();
    expect(seen).toBe(total);
    // 3001 kept at stride 1 (index 3000), 2 (6000) and 4 (12000): each time halved, so stride 8 at the end.
    const stride = sample[1].index - sample[0].index;
    expect(stride).toBe(8);
    expect(sample.map((p) => p.index)).toEqual(Array.from({ length: Math.ceil(total / stride) }, (_, k) => k * stride));
  });

  it('remembers run indices in a bitset (and odd ones in a set)', () => {
    const seen = new IndexSet();
    expect([seen.add(0), seen.add(100_000), seen.add(0), seen.add(-3), seen.add(-3), seen.add(2 ** 40), seen.add(100_000)]).toEqual([true, true, false, true, false, true, false]);
  });
});
