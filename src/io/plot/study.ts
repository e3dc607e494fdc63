/**
 * Vega-Lite specifications of study figures (src/studies): one panel per y metric (lines, one per series
 * value; a column of panels per facet value), or one stacked-bar panel of the y metrics per x value.
 * Axis titles carry units from the metric list. Pure: data in, spec out.
 */
import type { FigurePoint, StudyFigure, StudyValue } from '../../studies/index.js';
import { axisTitle, type MetricInfo } from '../report/metrics.js';
import { axisFormat, CHART_CONFIG } from './pareto.js';
import { displayScale, labelExpr, quantitativeAxis } from './axis.js';

type VlSpec = Record<string, unknown>;

/** One datum of a figure: x, metric, value (null marks a gap in a line), series, facet. */
interface Datum { x: StudyValue; m: string; v: number | null; s?: StudyValue; f?: StudyValue }

/** Categorical colours (colour-blind friendly order, Okabe-Ito first). */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#f0e442', '#000000', '#8c959f', '#6f4e37'];

/**
 * A parameter or metric name as an axis title: metrics with their unit (or `shown`, the prefixed unit an axis's labels
 * are in: µJ for pJ values near 1e8), parameters as they are; `unitOf` gives a column's own unit ('' for none).
 */
export type ColumnTitle = ((column: string, shown?: string) => string) & { readonly unitOf?: (column: string) => string };

export function metricTitle(metrics: readonly MetricInfo[]): ColumnTitle {
  const title = (column: string, shown?: string): string => {
    const info = metrics.find((m) => m.name === column);
    return info ? axisTitle(shown === undefined ? info : { ...info, unit: shown }) : column;
  };
  return Object.assign(title, { unitOf: (column: string) => metrics.find((m) => m.name === column)?.unit ?? '' });
}

/**
 * A study axis as the report's own plots draw theirs (axis.ts quantitativeAxis: padded domain, ticks chosen, labels as
 * fine as their step, the unit with an engineering prefix: `energy_pJ (µJ)` reading 100, 200, not `1e+8` under pJ).
 * Facets with independent scales (networks of very different sizes) cannot share chosen ticks: vega picks theirs,
 * the labels scaled to the prefixed unit of the largest value. A stacked axis starts at 0.
 */
function studyAxis(values: readonly number[], unit: string, log: boolean, opts: { readonly independent: boolean; readonly zero: boolean; readonly integer: boolean }) {
  const finite = values.filter(Number.isFinite);
  if (opts.independent) {
    const { unit: shown, factor } = displayScale(Math.max(...finite.map(Math.abs)), unit);
    return {
      scale: log ? { type: 'log', nice: false } : { zero: opts.zero, nice: true },
      axis: { labelExpr: labelExpr(factor, axisFormat(finite.map((v) => v * factor), log)), ...(opts.integer ? { tickMinStep: 1 } : {}) },
      unit: shown,
    };
  }
  const q = quantitativeAxis(opts.zero && !log ? [0, ...finite] : finite, unit, log);
  const domain = q.scale.domain as number[];
  const ticks = (q.axis.values as number[] | undefined) ?? [];
  const keep = (t: number) => (!opts.zero || log || t >= 0) && (!opts.integer || Number.isInteger(t));
  return {
    scale: { ...q.scale, ...(opts.zero && !log && domain[0] < 0 ? { domain: [0, domain[1]] } : {}) },
    axis: { ...q.axis, ...(q.axis.values ? { values: ticks.filter(keep) } : {}) },
    unit: q.unit,
  };
}

export function buildStudyFigureSpec(figure: StudyFigure, points: readonly FigurePoint[], title: ColumnTitle, subtitle?: string): VlSpec {
  const values: Datum[] = points.map((p) => ({ x: p.x, m: p.metric, v: p.value, ...(p.series !== undefined ? { s: p.series } : {}), ...(p.facet !== undefined ? { f: p.facet } : {}) }));
  const numericX = points.length > 0 && points.every((p) => typeof p.x === 'number');
  const logX = figure.log === 'x' || figure.log === 'xy';
  const logY = figure.log === 'y' || figure.log === 'xy';
  const xOrder = unique(points.map((p) => p.x));
  const unitOf = title.unitOf ?? (() => '');
  // Facets share the x scale (only y is resolved per facet): its ticks are chosen here.
  const xAxis = numericX && !figure.stack
    ? studyAxis(points.map((p) => p.x as number), unitOf(figure.x), logX, { independent: false, zero: false, integer: points.every((p) => Number.isInteger(p.x)) })
    : undefined;
  const x = xAxis
    ? { field: 'x', type: 'quantitative', title: title(figure.x, xAxis.unit), scale: xAxis.scale, axis: xAxis.axis }
    : { field: 'x', type: 'ordinal', title: title(figure.x), sort: xOrder, axis: { labelAngle: 0 } };
  // A panel of a metric with no value to draw gets fixed domains: vega warns of an infinite extent on an empty one.
  const emptyY = { domain: logY ? [1, 10] : [0, 1] };
  const yAxis = (metric: string | undefined, vs: readonly number[]) => {
    // A stack's parts share the axis: their unit when they have one.
    const units = figure.y.map(unitOf);
    const unit = metric !== undefined ? unitOf(metric) : units.every((u) => u === units[0]) ? units[0] : '';
    if (vs.length === 0) {
      return { field: 'v', type: 'quantitative', title: metric === undefined ? stackTitle(figure.y.map((m) => title(m))) : title(metric), scale: { ...(logY ? { type: 'log', nice: false } : {}), ...emptyY } };
    }
    const y = studyAxis(vs, unit, logY, { independent: facet !== undefined, zero: Boolean(figure.stack), integer: false });
    return {
      field: 'v', type: 'quantitative', title: metric === undefined ? stackTitle(figure.y.map((m) => title(m, unit === unitOf(m) ? y.unit : undefined))) : title(metric, y.unit),
      scale: y.scale, axis: y.axis,
      ...(figure.stack ? { stack: 'zero' } : {}),
    };
  };
  const facet = figure.facet ? { column: { field: 'f', type: 'ordinal', title: figure.facet, sort: unique(points.map((p) => p.facet!)) } } : undefined;
  const wrap = (inner: VlSpec, filter?: string): VlSpec => {
    const transform = filter ? [{ filter }] : [];
    // Facets (often networks of very different sizes) each get their own y scale.
    return facet ? { transform, facet, spec: inner, resolve: { scale: { y: 'independent' } } } : { transform, ...inner };
  };
  const size = { width: facet ? 220 : 340, height: 220 };
  let panels: VlSpec[];
  if (figure.stack) {
    const color = { field: 'm', type: 'nominal', title: null, sort: figure.y, scale: { domain: figure.y, range: PALETTE.slice(0, figure.y.length) } };
    panels = [wrap({ ...size, mark: { type: 'bar' }, encoding: { x, y: yAxis(undefined, stackTotals(points)), color, order: { field: 'o', type: 'quantitative' } } })];
    values.forEach((v) => Object.assign(v, { o: figure.y.indexOf(v.m) }));
  } else {
    const seriesDomain = figure.series ? unique(points.map((p) => p.series!)) : [];
    const color = figure.series
      ? { field: 's', type: 'nominal', title: figure.series, sort: seriesDomain, scale: { domain: seriesDomain, range: PALETTE } }
      : { value: PALETTE[0] };
    values.push(...gapMarkers(points, xOrder));
    panels = figure.y.map((metric) => {
      const vs = points.filter((p) => p.metric === metric).map((p) => p.value);
      const xs = points.map((p) => p.x as number);
      const panelX = vs.length === 0 && x.type === 'quantitative' ? { ...x, scale: { ...x.scale, domain: [Math.min(...xs), Math.max(...xs)] } } : x;
      const encoding = { x: panelX, y: yAxis(metric, vs), color };
      return wrap({
        ...size,
        layer: [
          { mark: { type: 'line', strokeWidth: 1.8 }, encoding: { ...encoding, ...(figure.series ? { detail: { field: 's' } } : {}) } },
          // Series told apart by shape too, not by colour alone (fig11's 2 / 4 and 1 / 6 were hard to tell apart).
          { mark: { type: 'point', filled: true, size: 40 }, encoding: { ...encoding, ...(figure.series ? { shape: { field: 's', type: 'nominal', title: figure.series, sort: seriesDomain } } : {}) } },
        ],
      }, `datum.m === ${JSON.stringify(metric)}`);
    });
  }
  const hidden = figure.series && !figure.stack ? hiddenLinesText(figure.series, points) : undefined;
  const subtitles = [...(subtitle ? [subtitle] : []), ...(hidden ? [hidden] : [])];
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { ...CHART_CONFIG, legend: { ...(CHART_CONFIG.legend as VlSpec), title: undefined } },
    title: { text: figure.title ?? figure.name, ...(subtitles.length === 1 ? { subtitle: subtitles[0] } : subtitles.length > 1 ? { subtitle: subtitles } : {}) },
    data: { values },
  };
  if (panels.length === 1) return { ...base, ...panels[0] };
  return { ...base, concat: panels, columns: facet ? 1 : Math.min(2, panels.length), spacing: 24, resolve: { scale: { color: 'shared' } } };
}

/**
 * Series whose lines are another's exactly (the same value at every x, in every panel) are drawn under the last of
 * them and cannot be seen: `device.bitsPerCell 4, 5, 6 hidden under 7 (identical values)` (fig11's legend listed 4, 5
 * and 6 with no line to show for them). Undefined when no two lines coincide.
 */
export function hiddenLinesText(seriesName: string, points: readonly FigurePoint[]): string | undefined {
  const cells = new Map<StudyValue, string[]>();
  for (const p of points) {
    if (p.series === undefined) continue;
    const list = cells.get(p.series) ?? [];
    list.push(JSON.stringify([p.metric, p.facet ?? null, p.x, p.value]));
    cells.set(p.series, list);
  }
  const bySignature = new Map<string, StudyValue[]>();
  for (const [series, list] of cells) {
    const signature = [...list].sort().join('|');
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), series]);
  }
  const groups = [...bySignature.values()].filter((g) => g.length > 1);
  if (groups.length === 0) return undefined;
  // Lines are drawn in the legend's order (first appearance): the last of a group is on top.
  return groups.map((g) => `${seriesName} ${g.slice(0, -1).map(String).join(', ')} hidden under ${String(g.at(-1))} (identical values)`).join('; ');
}

/**
 * A null-valued datum at every x that one line (metric, series, facet) lacks between its first and last point, so the
 * line breaks there instead of joining its neighbours across the missing point (Vega-Lite's path marks break at
 * invalid values; point marks leave them out).
 */
function gapMarkers(points: readonly FigurePoint[], xOrder: readonly StudyValue[]): Datum[] {
  const lines = new Map<string, { first: FigurePoint; xs: Set<StudyValue> }>();
  for (const p of points) {
    const key = JSON.stringify([p.metric, p.series ?? null, p.facet ?? null]);
    const line = lines.get(key) ?? { first: p, xs: new Set<StudyValue>() };
    line.xs.add(p.x);
    lines.set(key, line);
  }
  const markers: Datum[] = [];
  for (const { first, xs } of lines.values()) {
    const at = [...xs].map((x) => xOrder.indexOf(x));
    for (let i = Math.min(...at) + 1; i < Math.max(...at); i++) {
      if (xs.has(xOrder[i])) continue;
      markers.push({ x: xOrder[i], m: first.metric, v: null, ...(first.series !== undefined ? { s: first.series } : {}), ...(first.facet !== undefined ? { f: first.facet } : {}) });
    }
  }
  return markers;
}

/** A stacked axis: `sum of parts (unit)` when the parts share a unit. */
function stackTitle(titles: readonly string[]): string {
  const units = titles.map((t) => /\(([^()]+)\)$/.exec(t)?.[1] ?? '');
  return units.every((u) => u === units[0]) && units[0] !== '' ? `sum of the parts (${units[0]})` : 'sum of the parts';
}

function unique<T extends StudyValue>(values: readonly T[]): T[] {
  const out: T[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

function stackTotals(points: readonly FigurePoint[]): number[] {
  const totals = new Map<string, number>();
  for (const p of points) {
    const key = `${String(p.x)}|${String(p.facet ?? '')}`;
    totals.set(key, (totals.get(key) ?? 0) + p.value);
  }
  return [...totals.values()];
}
