/**
 * Vega-Lite specifications for a run's Pareto front: every pair of objectives as one 2-D panel (a grid of
 * panels for 3+ objectives), the front highlighted (and joined in x order when there are exactly two
 * objectives, where a 2-D front is a monotone curve), other feasible points faint, infeasible points
 * fainter still (and a lazy run's rows never measured as triangles, apart from the infeasible ones). Pure functions: data in, spec out; rendering is in render.ts.
 */
import { counted } from '../../core/index.js';
import { manifestNetworks } from '../run/index.js';
import { rowsText, type CloudPoint } from '../report/cloud.js';
import type { Objective, RunData } from '../report/run.js';
import { axisTitle, type MetricInfo } from '../report/metrics.js';
import { labelFormat, quantitativeAxis, tickStep } from './axis.js';
import { formatQuantity } from '../report/numberFormat.js';

export type PointStatus = 'front' | CloudPoint['status'];

export const STATUS_LABEL: Readonly<Record<PointStatus, string>> = {
  front: 'Pareto front',
  dominated: 'dominated',
  infeasible: 'infeasible',
  unmeasured: 'not measured (lazy)',
};
/** Front in the report's accent colour; the rest in greys so the front reads first. */
export const STATUS_COLOR: Readonly<Record<PointStatus, string>> = {
  front: '#0b62d6',
  dominated: '#8c959f',
  // Crosses in a darker grey, near opaque: #c4cad1 at 0.4 was about 1.2:1 on white, an all-infeasible plot looked empty.
  infeasible: '#6e7781',
  unmeasured: '#a8b1ba',
};
const STATUS_SHAPE: Readonly<Record<PointStatus, string>> = { front: 'circle', dominated: 'circle', infeasible: 'cross', unmeasured: 'triangle-up' };
const STATUS_OPACITY: Readonly<Record<PointStatus, number>> = { front: 1, dominated: 0.45, infeasible: 0.8, unmeasured: 0.4 };
/** The legend's classes, in this order; a plot lists only those it draws (it listed "infeasible" with none). */
const STATUSES: readonly PointStatus[] = ['front', 'dominated', 'infeasible', 'unmeasured'];

/**
 * Background points beyond this are thinned (every k-th row, deterministic) so the SVG stays light whatever the
 * run's size (~270 bytes of SVG per point and panel: 3 panels of 1,500 at most keep a 400k-evaluation report near
 * 1.3 MB); the front is always drawn in full.
 */
export const MAX_BACKGROUND_POINTS = 1500;
/**
 * Background points times panels at most: every panel draws every background point, so 4 objectives (6 panels)
 * at 1,500 each made a 24k-row run's pareto.svg 2.6 MB. Up to 3 objectives (3 panels) the cap stays 1,500.
 */
const MAX_BACKGROUND_POINT_PANELS = 3 * MAX_BACKGROUND_POINTS;

/** The background points a plot of `objectiveCount` objectives keeps (its panels share one budget). */
export function backgroundPointsFor(objectiveCount: number): number {
  const panels = Math.max(1, objectivePairs(objectiveCount).length);
  return Math.min(MAX_BACKGROUND_POINTS, Math.floor(MAX_BACKGROUND_POINT_PANELS / panels));
}
/** Hypervolume history points beyond this are thinned (see hypervolumePlotPoints). */
export const MAX_HYPERVOLUME_POINTS = 400;
/** An axis is logarithmic when all its values are positive and max / min >= this (two decades). */
export const LOG_SCALE_MIN_RATIO = 100;

/** A point of the plot: a front point, or one of the reader's cloud sample (src/io/report/cloud.ts). */
export interface PlotPoint extends Omit<CloudPoint, 'status'> {
  readonly status: PointStatus;
}

export interface ParetoPlotData {
  readonly objectives: readonly Objective[];
  readonly metrics: readonly MetricInfo[];
  readonly points: readonly PlotPoint[];
  /** Evaluations left out: failed, or an objective not a finite number. */
  readonly omitted: number;
  /** Of `omitted`, a lazy run's rows never measured. */
  readonly omittedUnmeasured?: number;
  /** Background points dropped by thinning (see MAX_BACKGROUND_POINTS). */
  readonly thinned: number;
  /** The evaluation index of the front's knee (report/knee.ts), ringed in every panel; none when undefined. */
  readonly knee?: number;
  /** Every evaluation of the run, failed and unmeasured ones included (the subtitle's count). */
  readonly evaluations: number;
  /** Of `evaluations`, rows repeating an earlier row's chip (sameDesignAs): not drawn; the subtitle counts the distinct chips too. */
  readonly repeats?: number;
  /** The searched networks when `network` is a list: the front is one front across them. */
  readonly networks?: number;
}

/**
 * The run's points: the front (from pareto.csv, every point) and the dominated / infeasible cloud from the reader's
 * bounded sample (src/io/report/cloud.ts), thinned to backgroundPointsFor(objectives).
 */
export function paretoPlotData(run: RunData, metrics: readonly MetricInfo[], knee?: number): ParetoPlotData {
  const objectives = run.manifest.objectives;
  // The front comes from pareto.csv (its rows carry the same values as in evaluations.csv).
  const front = run.front.map((row): PlotPoint => ({ index: row.index, status: 'front', values: objectives.map((o) => row.metrics[o.metric]) }));
  const kept = thin(run.cloud.sample, backgroundPointsFor(objectives.length));
  const networks = manifestNetworks(run.manifest.network);
  return {
    objectives, metrics, points: [...kept, ...front], omitted: run.cloud.omitted, omittedUnmeasured: run.cloud.omittedUnmeasured, thinned: run.cloud.total - kept.length,
    evaluations: run.counts.total, ...((run.counts.repeats ?? 0) > 0 ? { repeats: run.counts.repeats } : {}),
    ...(knee !== undefined ? { knee } : {}),
    ...(networks.length > 1 ? { networks: networks.length } : {}),
  };
}

function thin<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const stride = items.length / max;
  return Array.from({ length: max }, (_, k) => items[Math.floor(k * stride)]);
}

/** Pairs (i, j), i < j, of objective positions; one objective has no pair (it is plotted against the evaluation index). */
export function objectivePairs(count: number): readonly (readonly [number, number])[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) pairs.push([i, j]);
  return pairs;
}

/** The log-scale rule: all values > 0 and they span at least LOG_SCALE_MIN_RATIO (max / min). */
export function useLogScale(values: readonly number[]): boolean {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return false;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return min > 0 && max / min >= LOG_SCALE_MIN_RATIO;
}

type VlSpec = Record<string, unknown>;

export const CHART_CONFIG: VlSpec = {
  font: 'Inter, "Segoe UI", Helvetica, Arial, sans-serif',
  background: '#ffffff',
  view: { stroke: '#d0d7de' },
  axis: {
    gridColor: '#eef1f4', domainColor: '#8c959f', tickColor: '#8c959f',
    labelColor: '#57606a', labelFontSize: 11, titleColor: '#24292f', titleFontSize: 12, titleFontWeight: 600, titlePadding: 8,
  },
  // labelLimit: vega's default (160 px, at its estimated ~0.8 em per character) cut "not measured (lazy)" to "not measured (l…".
  legend: { labelColor: '#24292f', labelFontSize: 12, titleFontSize: 12, orient: 'top', direction: 'horizontal', title: null, labelLimit: 260 },
  title: { fontSize: 14, fontWeight: 600, color: '#24292f', anchor: 'start', subtitleColor: '#57606a' },
};

function senseArrow(o: Objective): string {
  return o.sense === 'min' ? '↓ better' : '↑ better';
}

/** Text that vega writes as each point's aria-label; the report's script reads the index back from it. */
export function pointDescription(index: number, status: PointStatus): string {
  return `Evaluation ${index} (${STATUS_LABEL[status]})`;
}

/** The Vega-Lite spec of pareto.svg. */
export function buildParetoSpec(data: ParetoPlotData): VlSpec {
  const n = data.objectives.length;
  const rows = data.points.map((p) => {
    const row: Record<string, number | string> = {
      i: p.index, s: STATUS_LABEL[p.status], op: STATUS_OPACITY[p.status], d: pointDescription(p.index, p.status),
    };
    p.values.forEach((v, k) => (row[`o${k}`] = v));
    return row;
  });
  // Nothing to plot (every evaluation failed): fixed domains, or vega warns of an infinite extent for each empty axis.
  const noDomain = data.points.length === 0 ? { domain: [0, 1] } : {};
  const axisFor = (k: number) => {
    const o = data.objectives[k];
    const values = data.points.map((p) => p.values[k]);
    // Padded domain, ticks, labels as fine as their step, a prefixed unit (axis.ts).
    const { scale, axis, unit } = quantitativeAxis(values, data.metrics[k].unit, useLogScale(values));
    return { field: `o${k}`, type: 'quantitative', title: `${axisTitle({ ...data.metrics[k], unit })}  ${senseArrow(o)}`, scale, axis };
  };
  // Indices are whole numbers: no 0.5 ticks on a short run.
  const indexAxis = { field: 'i', type: 'quantitative', title: 'evaluation index', scale: { zero: false, ...noDomain }, axis: { tickMinStep: 1, format: 'd' } };
  // A layer whose filter keeps no point is left out: vega warns of an infinite extent for each of its fields.
  const drawn: Drawn = {
    background: data.points.length === 0 || data.points.some((p) => p.status !== 'front'),
    front: data.points.some((p) => p.status === 'front'),
    knee: data.knee !== undefined && data.points.some((p) => p.status === 'front' && p.index === data.knee) ? data.knee : undefined,
    statuses: STATUSES.filter((s) => data.points.some((p) => p.status === s)),
  };
  const panels = n === 1 ? [panel(indexAxis, axisFor(0), false, 520, 320, drawn)] : objectivePairs(n).map(([a, b]) =>
    panel(axisFor(a), axisFor(b), n === 2, n === 2 ? 460 : 310, n === 2 ? 300 : 230, drawn));
  const title = {
    text: 'Pareto front',
    subtitle: subtitleLines(data),
  };
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { values: rows }, config: CHART_CONFIG, title };
  if (panels.length === 1) return { ...base, ...panels[0] };
  return { ...base, concat: panels, columns: Math.min(3, panels.length), spacing: 28, resolve: { scale: { color: 'shared', shape: 'shared' } } };
}

/**
 * Subtitle lines. One short line each: without a canvas, vega estimates text at ~0.8 em per character and
 * sizes the SVG to fit, so one long line would leave a wide empty margin beside the plot.
 */
export function subtitleLines(data: ParetoPlotData): string[] {
  const front = data.points.filter((p) => p.status === 'front').length;
  // A row repeating a chip (sameDesignAs) is not another design: `3 front points of 6 rows, 2 distinct chips`.
  const rows = rowsText({ total: data.evaluations, ...(data.repeats !== undefined ? { repeats: data.repeats } : {}) });
  const lines = [`${counted(front, 'front point')} of ${rows}`];
  if (data.networks !== undefined) lines.push(`one front across ${data.networks} networks (workloads compared)`);
  if (data.objectives.length > 2) lines.push('each panel: a 2-D projection of the front');
  if (data.knee !== undefined) lines.push(`ringed: the knee point (evaluation ${data.knee})`);
  if (data.thinned > 0) lines.push(`${counted(data.thinned, 'background point')} thinned out`);
  const unmeasured = data.omittedUnmeasured ?? 0;
  if (data.omitted > unmeasured) lines.push(`${counted(data.omitted - unmeasured, 'failed evaluation')} not shown`);
  // A lazy run's rows never measured have no value in the objective the expensive engine computes: not failures.
  if (unmeasured > 0) lines.push(`${counted(unmeasured, 'row')} not measured (lazy) not shown`);
  return lines;
}

/** Description (aria-label) of the knee's ring: the report's tests and readers find it by this text. */
export const KNEE_DESCRIPTION = 'Knee point';

/** The layers a panel draws: the background (kept, alone, when there is no point at all), the front, the knee's ring. */
interface Drawn {
  readonly background: boolean;
  readonly front: boolean;
  readonly knee: number | undefined;
  /** The classes the legend lists. */
  readonly statuses: readonly PointStatus[];
}

function panel(x: VlSpec, y: VlSpec, connectFront: boolean, width: number, height: number, drawn: Drawn): VlSpec {
  const knee = drawn.knee;
  // A plot with no point has no legend (an empty scale domain is not allowed: it keeps the front's class).
  const statuses = drawn.statuses.length > 0 ? drawn.statuses : STATUSES.slice(0, 1);
  const status = {
    field: 's', type: 'nominal',
    scale: { domain: statuses.map((s) => STATUS_LABEL[s]), range: statuses.map((s) => STATUS_COLOR[s]) },
    ...(drawn.statuses.length === 0 ? { legend: null } : {}),
  };
  const shape = { field: 's', type: 'nominal', scale: { domain: statuses.map((s) => STATUS_LABEL[s]), range: statuses.map((s) => STATUS_SHAPE[s]) },
    ...(drawn.statuses.length === 0 ? { legend: null } : {}) };
  const opacity = { field: 'op', type: 'quantitative', legend: null, scale: null };
  const isFront = `datum.s === '${STATUS_LABEL.front}'`;
  const layers: VlSpec[] = [];
  if (drawn.background) {
    layers.push({
      transform: [{ filter: `!(${isFront})` }],
      mark: { type: 'point', filled: true, size: 26 },
      encoding: { x, y, color: status, shape, opacity, description: { field: 'd' } },
    });
  }
  if (connectFront && drawn.front) {
    layers.push({
      transform: [{ filter: isFront }],
      mark: { type: 'line', color: STATUS_COLOR.front, strokeWidth: 1.5, opacity: 0.7, aria: false },
      encoding: { x, y, order: { field: x.field as string, type: 'quantitative' } },
    });
  }
  if (drawn.front) {
    layers.push({
      transform: [{ filter: isFront }],
      mark: { type: 'point', filled: true, size: 60, stroke: '#ffffff', strokeWidth: 1, cursor: 'pointer' },
      encoding: { x, y, color: status, shape, opacity, description: { field: 'd' } },
    });
  }
  if (knee !== undefined) {
    // A ring around the knee (drawn over the front point, which stays clickable beneath: no fill).
    layers.push({
      transform: [{ filter: `${isFront} && datum.i === ${knee}` }],
      mark: { type: 'point', filled: false, size: 320, stroke: '#d4a72c', strokeWidth: 2.5, description: KNEE_DESCRIPTION },
      encoding: { x, y },
    });
  }
  return { width, height, layer: layers };
}

/**
 * Axis label format of a plot whose ticks vega chooses (study figures: faceted panels with their own scales):
 * fixed decimals, or exponents at >= 1e4 and < 1e-3, as many digits as ticks a tenth of the span apart need
 * (it was `.2~e` at >= 1e12 whatever the span: eleven hypervolume ticks read `5.25e+16` or `5.26e+16`).
 */
export function axisFormat(values: readonly number[], log = false): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return '~g';
  const largest = Math.max(...finite.map(Math.abs));
  if (log) return largest >= 1e4 ? '.0e' : '~g';
  const [min, max] = [Math.min(...finite), Math.max(...finite)];
  return labelFormat(largest, max > min ? tickStep(min, max, 10) : largest / 10);
}

/**
 * The history points the plot draws: the first, the last and every generation where the hypervolume changed
 * (the step line through them is the whole history's), then, if still more than `max`, every k-th of those
 * (first and last kept): a long run's flat stretches cost nothing.
 */
export function hypervolumePlotPoints<T extends { readonly hypervolume: number }>(history: readonly T[], max: number): readonly T[] {
  const changes = history.filter((h, i) => i === 0 || i === history.length - 1 || h.hypervolume !== history[i - 1].hypervolume);
  if (changes.length <= max) return changes;
  const stride = (changes.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, k) => changes[Math.round(k * stride)]);
}

/** The hypervolume's y scale and axis: padded, labels told apart (axis.ts). */
function hypervolumeAxis(values: readonly number[]): { scale: Record<string, unknown>; axis: Record<string, unknown> } {
  const { scale, axis } = quantitativeAxis(values, '', false);
  return { scale, axis };
}

/** The Vega-Lite spec of the hypervolume-per-generation plot, or undefined when the run recorded none. */
export function buildHypervolumeSpec(
  history: readonly { generation: number; evaluations: number; hypervolume: number }[],
  size: { readonly width: number; readonly height: number } = { width: 460, height: 300 },
): VlSpec | undefined {
  if (history.length === 0) return undefined;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: 'Hypervolume per generation', subtitle: 'feasible non-dominated set so far; higher is better' },
    // hv: the hypervolume as the report's tables write it (1.529e19, not 15285503062054347000), for each point's label.
    data: { values: hypervolumePlotPoints(history, MAX_HYPERVOLUME_POINTS).map((h) => ({ ...h, hv: formatQuantity(h.hypervolume) })) },
    width: size.width,
    height: size.height,
    layer: [
      { mark: { type: 'line', color: STATUS_COLOR.front, strokeWidth: 2, interpolate: 'step-after' },
        encoding: {
          x: { field: 'generation', type: 'quantitative', title: 'generation', axis: { tickMinStep: 1, format: 'd' } },
          y: { field: 'hypervolume', type: 'quantitative', title: 'hypervolume', ...hypervolumeAxis(history.map((h) => h.hypervolume)) },
        } },
      { mark: { type: 'point', filled: true, color: STATUS_COLOR.front, size: 30 },
        transform: [{ calculate: "'Generation ' + datum.generation + ': hypervolume ' + datum.hv + ' after ' + datum.evaluations + ' evaluations'", as: 'd' }],
        encoding: {
          x: { field: 'generation', type: 'quantitative' }, y: { field: 'hypervolume', type: 'quantitative' },
          description: { field: 'd' },
        } },
    ],
  };
}
