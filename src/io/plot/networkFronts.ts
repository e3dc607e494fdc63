/**
 * The Vega-Lite spec of a multi-network run's fronts (src/io/report/networkFronts.ts): each network's own front in its
 * own colour, in the same 2-D projections as pareto.svg, joined in x order when there are two objectives. Only front
 * points: each network's dominated rows are what its front beats, not a cloud to compare across workloads. Pure.
 */
import { counted } from '../../core/index.js';
import type { NetworkFront } from '../report/networkFronts.js';
import type { Objective } from '../report/run.js';
import { axisTitle, type MetricInfo } from '../report/metrics.js';
import { quantitativeAxis } from './axis.js';
import { CHART_CONFIG, objectivePairs, useLogScale } from './pareto.js';

/**
 * One colour per network, in the manifest's order (Tableau 10, the palette vega calls `tableau10`, written out so the
 * SVG does not depend on vega's scheme table), cycled beyond ten networks.
 */
export const NETWORK_COLORS: readonly string[] = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The colour of the k-th network (its position among the run's networks). */
export function networkColor(k: number): string {
  return NETWORK_COLORS[k % NETWORK_COLORS.length];
}

export function buildNetworkFrontsSpec(fronts: readonly NetworkFront[], objectives: readonly Objective[], metrics: readonly MetricInfo[]): Record<string, unknown> {
  const rows = fronts.flatMap((f) => f.rows.map((r) => {
    const row: Record<string, number | string> = { n: f.network, i: r.index, d: `Evaluation ${r.index} (${f.network} front)` };
    objectives.forEach((o, k) => (row[`o${k}`] = r.metrics[o.metric]));
    return row;
  }));
  const drawn = fronts.map((f, k) => ({ f, color: networkColor(k) })).filter(({ f }) => f.rows.length > 0);
  const color = { field: 'n', type: 'nominal', title: null, scale: { domain: drawn.map(({ f }) => f.network), range: drawn.map(({ color: c }) => c) } };
  const axisFor = (k: number) => {
    const values = rows.map((r) => r[`o${k}`] as number);
    const { scale, axis, unit } = quantitativeAxis(values, metrics[k].unit, useLogScale(values));
    return { field: `o${k}`, type: 'quantitative', title: `${axisTitle({ ...metrics[k], unit })}  ${objectives[k].sense === 'min' ? '↓ better' : '↑ better'}`, scale, axis };
  };
  const n = objectives.length;
  const indexAxis = { field: 'i', type: 'quantitative', title: 'evaluation index', scale: { zero: false }, axis: { tickMinStep: 1, format: 'd' } };
  const panel = (x: Record<string, unknown>, y: Record<string, unknown>, width: number, height: number) => ({
    width, height,
    layer: [
      ...(n === 2 ? [{ mark: { type: 'line', strokeWidth: 1.5, opacity: 0.7, aria: false }, encoding: { x, y, color, order: { field: x.field, type: 'quantitative' } } }] : []),
      { mark: { type: 'point', filled: true, size: 60, stroke: '#ffffff', strokeWidth: 1, opacity: 1 }, encoding: { x, y, color, shape: { value: 'circle' }, description: { field: 'd' } } },
    ],
  });
  const panels = n === 1 ? [panel(indexAxis, axisFor(0), 520, 320)]
    : objectivePairs(n).map(([a, b]) => panel(axisFor(a), axisFor(b), n === 2 ? 460 : 310, n === 2 ? 300 : 230));
  const title = {
    text: 'Pareto front of each network',
    subtitle: [`${fronts.length} networks, ${counted(rows.length, 'front point')}`, 'each front from its own network\'s rows only'],
  };
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { values: rows }, config: CHART_CONFIG, title };
  if (panels.length === 1) return { ...base, ...panels[0] };
  return { ...base, concat: panels, columns: Math.min(3, panels.length), spacing: 28, resolve: { scale: { color: 'shared' } } };
}
