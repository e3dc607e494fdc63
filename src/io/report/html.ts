/**
 * report.html: one self-contained page (inline CSS, inline SVG, inline script, embedded JSON; a
 * Content-Security-Policy that forbids any network request) with the run's settings, the Pareto plots,
 * hypervolume per generation, the front as a sortable table, and per-point breakdowns.
 * Pure: the same inputs give the same bytes (no "generated at" clock reading).
 */
import type { PointBreakdown } from './breakdown.js';
import { REPORT_CSS, REPORT_JS } from './client.js';
import type { MetricInfo } from './metrics.js';
import { distinctChips, rowsText, type RunCounts } from './cloud.js';
import { isNetworkList, UNMEASURED_LAZY_STATUSES, type UnmeasuredLazyStatus } from '../run/index.js';
import { RUN_FILES, type RunData, type RunRow } from './run.js';
import { twinGroups, twinsText } from './twins.js';
import { rowNotesText } from './rowNotes.js';
import { formatQuantity, headerUnit, withUnit } from './numberFormat.js';
import { beyondReferenceText, emptyHypervolumeText } from './hypervolumeNotes.js';
import { accuracyBoundFlag, accuracyCountOf, accuracyOverlapText } from './accuracyOverlap.js';

export interface ReportPage {
  readonly run: RunData;
  /** Unit and description of every metric column. */
  readonly metrics: readonly MetricInfo[];
  /** pareto.svg, already passed through inlineSvg(). */
  readonly paretoSvg: string;
  readonly hypervolumeSvg?: string;
  /** The run's study section (src/io/study) and its CSS, when the space has a study. */
  readonly study?: { readonly html: string; readonly css: string };
  readonly breakdowns: readonly PointBreakdown[];
  /** The evaluation index of the front's knee (knee.ts): its table row is highlighted and labelled. */
  readonly knee?: number;
  /** The dominated, infeasible and unmeasured points the plot draws (its thinned sample, not every row): their tooltips show their values. */
  readonly cloudPoints: readonly { readonly index: number; readonly values: readonly number[]; readonly status?: string }[];
  /** A multi-network run's "Front of each network" section and its CSS (networkSection.ts), placed after the plots. */
  readonly networkSection?: { readonly html: string; readonly css: string };
  /** The model notes of the front's designs (RunReportOptions.frontNotes), one line each: listed under the front table. */
  readonly modelNotes?: readonly string[];
}

/** The knee row's look (kept here, beside the one row that uses it). */
const KNEE_CSS = 'tr.knee td{background:#fff4d6}tr.knee td:first-child{box-shadow:inset 3px 0 0 #d4a72c}.knee-tag{margin-left:.4em;font-size:.75em;font-weight:600;color:#7d5a00}'
  + '.bound-tag{margin-left:.4em;font-size:.75em;font-weight:600;color:#9a6700;white-space:nowrap}';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe inside <script>: no "</script>", no HTML comment openers, no JS line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Page number format without a unit: formatQuantity's (numberFormat.ts), the one format of the report. */
export function formatNumber(v: number): string {
  return formatQuantity(v);
}

/** A manifest value in one line: scalars as they are, objects as `key value` pairs. */
export function describeSetting(value: unknown): string {
  if (value === undefined || value === null || value === '') return '–';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map(describeSetting).join('; ');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '–';
  return entries.map(([k, v]) => `${k} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : describeSetting(v)}`).join(', ');
}

function strategyText(strategy: unknown): string {
  if (strategy && typeof strategy === 'object' && !Array.isArray(strategy)) {
    const { name, kind, settings, ...rest } = strategy as Record<string, unknown>;
    const label = typeof name === 'string' ? name : typeof kind === 'string' ? kind : undefined;
    const options = { ...(settings && typeof settings === 'object' ? settings : {}), ...rest };
    if (label) return Object.keys(options).length ? `${label} (${describeSetting(options)})` : label;
  }
  return describeSetting(strategy);
}

/** `area_mm2 ≤ 60`, `accuracy ≥ 0.9`; other shapes as they are. */
export function constraintText(constraint: unknown): string {
  if (constraint && typeof constraint === 'object' && typeof (constraint as { metric?: unknown }).metric === 'string') {
    const c = constraint as { metric: string; min?: unknown; max?: unknown };
    const parts: string[] = [];
    if (typeof c.min === 'number') parts.push(`${c.metric} ≥ ${formatNumber(c.min)}`);
    if (typeof c.max === 'number') parts.push(`${c.metric} ≤ ${formatNumber(c.max)}`);
    if (parts.length) return parts.join(', ');
  }
  return describeSetting(constraint);
}

/** ISO times as `2026-11-23 01:00:00 UTC`. */
function timeText(iso?: string): string {
  if (!iso || !Number.isFinite(Date.parse(iso))) return iso ?? '–';
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `later` as timeText, without its date when it falls on the day of `start` (UTC). */
function laterTimeText(later: string, start?: string): string {
  const text = timeText(later);
  return start !== undefined && text.slice(0, 10) === timeText(start).slice(0, 10) ? text.slice(11) : text;
}

/**
 * `2026-11-23 01:00:00 UTC → 01:00:42 UTC (42.5 s, 2 workers, completed)`. A resumed run was not working from start
 * to end (it was stopped until each resume): its span says so, with the resume times and the time since the last.
 */
function timeSetting(m: RunData['manifest']): string {
  const workers = m.workers !== undefined ? `, ${m.workers} worker${m.workers === 1 ? '' : 's'}` : '';
  const status = m.status !== undefined ? `, ${m.status}` : '';
  const end = m.endedAt ? ` → ${laterTimeText(m.endedAt, m.startedAt)}` : '';
  const resumes = m.resumedAt ?? [];
  const last = resumes.at(-1);
  const span = last === undefined
    ? durationText(m.startedAt, m.endedAt)
    : `${m.endedAt ? `${durationText(m.startedAt, m.endedAt)} from start to end, stops included; ` : ''}resumed at ${
      resumes.map((t) => laterTimeText(t, m.startedAt)).join(', ')}${m.endedAt ? `, ${durationText(last, m.endedAt)} from then to the end` : ''}`;
  return `${timeText(m.startedAt)}${end} (${span}${workers}${status})`;
}

function durationText(start?: string, end?: string): string {
  if (!start || !end) return '–';
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - 60 * m)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * A run whose `network` is a searched list has one front across its workloads (docs/search.md): a design for one
 * network can dominate another network's, which the plot then draws as dominated. Said in the caption and under the
 * table; undefined for a single network.
 */
export function mixedWorkloadsText(network: RunData['manifest']['network']): string | undefined {
  if (!isNetworkList(network) || network.length < 2) return undefined;
  return `The front is one front across the ${network.length} searched networks (${network.join(', ')}), a cross-workload comparison: designs of different `
    + "workloads are compared with each other, so a network's designs may all be drawn as dominated by another network's; "
    + 'each network\'s own front, with its own hypervolume, is under "Front of each network"';
}

function networkText(network: RunData['manifest']['network']): string {
  if (typeof network === 'string') return network;
  if (isNetworkList(network)) return network.join(', ');
  return typeof network.name === 'string' ? `${network.name} (inline)` : 'inline network';
}

/**
 * `48: 5 feasible, 10 infeasible, 0 failed, 33 not measured (lazy mode: 33 proven dominated)`: a lazy run's rows never
 * measured are counted apart, by why, not as infeasible (their `feasible` false is no violated constraint).
 */
export function evaluationsText(counts: RunCounts): string {
  const { total, feasible, infeasible, failed } = counts;
  const reasons = (Object.keys(UNMEASURED_LAZY_STATUSES) as UnmeasuredLazyStatus[]).flatMap((s) => {
    const n = counts.unmeasured[s] ?? 0;
    return n > 0 ? [`${n} ${UNMEASURED_LAZY_STATUSES[s]}`] : [];
  });
  const unmeasured = Object.values(counts.unmeasured).reduce((sum, n) => sum + n, 0);
  const lazy = unmeasured > 0 ? `, ${unmeasured} not measured (lazy mode: ${reasons.join(', ')})` : '';
  // Rows repeating an earlier row's chip (sameDesignAs) are counted once, as that row: the classes add up to the chips.
  const rows = (counts.repeats ?? 0) > 0 ? rowsText(counts) : String(total);
  return `${rows}: ${feasible} feasible, ${infeasible} infeasible, ${failed} failed${lazy}`;
}

export function settingsList(run: RunData): readonly (readonly [string, string])[] {
  const m = run.manifest;
  const objectives = m.objectives.map((o) => `${o.metric} (${o.sense})`).join(', ');
  return [
    ['Space', m.spaceName],
    ['Network', networkText(m.network)],
    ['Strategy', strategyText(m.strategy)],
    ['Seed', describeSetting(m.seed)],
    ['Budget', describeSetting(m.budget)],
    ['Evaluations', evaluationsText(run.counts)],
    ['Front size', String(run.front.length)],
    ['Objectives', objectives],
    ['Constraints', m.constraints.length ? m.constraints.map(constraintText).join('; ') : '–'],
    ['Searched parameters', run.parameterColumns.join(', ') || '–'],
    ['Base configuration', describeSetting(m.baseOverrides)],
    ['Time', timeSetting(m)],
    ['cosearch version', m.version || '–'],
  ];
}

/** Why the front is empty: no evaluation yet, every one failed, or none met the constraints (and how many failed). */
export function emptyFrontText(run: RunData): string {
  const { infeasible, failed, incomplete } = run.counts;
  const total = distinctChips(run.counts);
  const first = run.firstError !== undefined && run.firstError.length > 300 ? `${run.firstError.slice(0, 300)}…` : run.firstError;
  const errors = `see the error column of ${RUN_FILES.evaluations}${first !== undefined ? `; the first: ${first}` : ''}`;
  // Failed rows: an error, or (no error) an objective that is not a number; each kind said as what it is.
  const failures = incomplete === 0 ? errors : [
    `${incomplete} without a number in every objective`,
    ...(failed > incomplete ? [`${failed - incomplete} with an error: ${errors}`] : []),
  ].join('; ');
  if (total === 0) return 'The front is empty: the run has no evaluation yet.';
  if (failed === total) return `The front is empty: every evaluation failed (${failures}).`;
  const broke = `${infeasible} broke ${run.manifest.constraints.length > 0 ? 'the constraints above' : 'a constraint'}`;
  return `The front is empty: no evaluation was feasible (${broke}${failed > 0 ? `; ${failed} failed: ${failures}` : ''}).`;
}

interface Column {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** The unit the column's values are in (cells carry it when it takes a prefix: `400 µJ`, numberFormat.ts). */
  readonly valueUnit: string;
  readonly kind: 'fixed' | 'objective' | 'metric' | 'param';
  readonly numeric: boolean;
  /** Hidden until "show all metrics" is ticked (metrics that are neither objectives, constrained nor headline figures). */
  readonly extra: boolean;
  readonly get: (row: RunRow) => number | string;
}

/** Metrics the front table always shows, besides objectives and constrained metrics. */
export const HEADLINE_METRICS: readonly string[] = ['energy_pJ', 'latency_ns', 'area_mm2', 'edp_pJs', 'topsPerW', 'topsPerMm2', 'accuracy'];

function constrainedMetrics(run: RunData): string[] {
  return run.manifest.constraints.flatMap((c) =>
    c && typeof c === 'object' && typeof (c as { metric?: unknown }).metric === 'string' ? [(c as { metric: string }).metric] : []);
}

export function tableColumns(run: RunData, metrics: readonly MetricInfo[]): readonly Column[] {
  const unitOf = (name: string): string => metrics.find((m) => m.name === name)?.unit ?? '';
  const objectiveNames = run.manifest.objectives.map((o) => o.metric);
  const paramNumeric = (path: string): boolean => run.front.every((r) => typeof r.params[path] === 'number');
  const shown = new Set([...HEADLINE_METRICS, ...constrainedMetrics(run)]);
  return [
    { key: 'index', label: 'eval', unit: '#', valueUnit: '', kind: 'fixed', numeric: true, extra: false, get: (r) => r.index },
    { key: 'generation', label: 'gen', unit: '', valueUnit: '', kind: 'fixed', numeric: true, extra: false, get: (r) => r.generation },
    ...run.manifest.objectives.map((o): Column => ({
      key: o.metric, label: o.metric, unit: headerUnit(unitOf(o.metric), o.sense), valueUnit: unitOf(o.metric),
      kind: 'objective', numeric: true, extra: false, get: (r) => r.metrics[o.metric],
    })),
    ...run.metricColumns.filter((n) => !objectiveNames.includes(n)).map((n): Column => ({
      key: n, label: n, unit: headerUnit(unitOf(n)), valueUnit: unitOf(n), kind: 'metric', numeric: true, extra: !shown.has(n), get: (r) => r.metrics[n],
    })),
    ...run.parameterColumns.map((p): Column => ({
      key: p, label: p, unit: '', valueUnit: '', kind: 'param', numeric: paramNumeric(p), extra: false, get: (r) => r.params[p],
    })),
  ];
}

function cell(column: Column, row: RunRow, groupStart: boolean): string {
  const v = column.get(row);
  const numeric = typeof v === 'number';
  const value = numeric ? (Number.isFinite(v) ? String(v) : '') : v;
  const classes = [column.kind === 'objective' ? 'objective' : '', groupStart ? 'group-start' : '', column.numeric ? '' : 'text', column.extra ? 'extra' : '']
    .filter(Boolean).join(' ');
  const text = numeric ? formatQuantity(v, column.valueUnit) : v;
  return `<td${classes ? ` class="${classes}"` : ''} data-value="${escapeHtml(value)}"${numeric && Number.isFinite(v) ? ` title="${escapeHtml(String(v))}"` : ''}>${escapeHtml(text)}</td>`;
}

function frontTable(run: RunData, columns: readonly Column[], knee?: number, uncertain: readonly number[] = []): string {
  const groupStart = (i: number): boolean => i > 0 && columns[i].kind !== columns[i - 1].kind && columns[i - 1].kind !== 'fixed';
  const head = columns.map((c, i) => {
    const classes = [c.kind === 'objective' ? 'objective' : '', groupStart(i) ? 'group-start' : '', c.numeric ? '' : 'text', c.extra ? 'extra' : '']
      .filter(Boolean).join(' ');
    return `<th scope="col"${classes ? ` class="${classes}"` : ''} data-key="${escapeHtml(c.key)}" data-type="${c.numeric ? 'number' : 'text'}">` +
      `${escapeHtml(c.label)}${c.unit ? `<span class="unit">${escapeHtml(c.unit)}</span>` : ''}</th>`;
  }).join('');
  // Initial order: by the first objective, best first.
  const first = run.manifest.objectives[0];
  const sorted = [...run.front].sort((a, b) =>
    (first.sense === 'min' ? 1 : -1) * (a.metrics[first.metric] - b.metrics[first.metric]) || a.index - b.index);
  const body = sorted.map((row) => {
    const isKnee = row.index === knee;
    const cells = columns.map((c, i) => cell(c, row, groupStart(i))).join('');
    // The knee's first cell carries a visible label (the highlight alone would not reach a screen reader).
    const tags = `${isKnee ? '<span class="knee-tag">knee</span>' : ''}${uncertain.includes(row.index) ? '<span class="bound-tag" title="its 95% accuracy interval crosses an accuracy constraint\'s bound">accuracy uncertain</span>' : ''}`;
    const labelled = tags ? cells.replace('</td>', `${tags}</td>`) : cells;
    return `<tr data-index="${row.index}"${isKnee ? ' class="knee" title="knee point: largest trade-off on the front"' : ''} aria-selected="false">${labelled}</tr>`;
  }).join('\n');
  const extras = columns.filter((c) => c.extra).length;
  const toggle = extras > 0
    ? `<label class="toggle"><input type="checkbox" id="show-all-metrics"> show ${extras} more metric${extras === 1 ? '' : 's'}</label>`
    : '';
  return `${toggle}<div class="table-wrap"><table id="front-table"${extras > 0 ? ' class="compact"' : ''}><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

export function buildReportHtml(page: ReportPage): string {
  const { run } = page;
  const m = run.manifest;
  const columns = tableColumns(run, page.metrics);
  const unitOf = (name: string): string => page.metrics.find((x) => x.name === name)?.unit ?? '';
  const data = {
    objectives: m.objectives.map((o) => ({ metric: o.metric, sense: o.sense, unit: unitOf(o.metric) })),
    rows: run.front.map((r) => ({
      index: r.index,
      values: Object.fromEntries(m.objectives.map((o) => [o.metric, r.metrics[o.metric]])),
      params: r.params,
    })),
    breakdowns: page.breakdowns,
    // [index, objective values...] per drawn point off the front: compact, as a large run draws up to 1,500 of them.
    cloud: page.cloudPoints.map((p) => [p.index, ...p.values]),
  };
  const settings = settingsList(run).map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('\n');
  const title = `cosearch report: ${m.spaceName}`;
  const beyond = beyondReferenceText(run.front, m.objectives, m.hypervolumeReference, unitOf);
  const hv = page.hypervolumeSvg
    ? `<figure id="hypervolume-plot"${m.objectives.length > 2 ? ' class="wide"' : ''}>${page.hypervolumeSvg}<figcaption>Hypervolume of the feasible non-dominated set after each generation${
      m.hypervolumeReference ? `, against the reference point (${m.hypervolumeReference.map((v, k) => withUnit(v, unitOf(m.objectives[k]?.metric ?? ''))).join(', ')})` : ''}.${
      beyond ? ` ${escapeHtml(beyond)}.` : ''}</figcaption></figure>`
    : `<figure id="hypervolume-plot" class="empty"><p>${escapeHtml(emptyHypervolumeText(run.counts))}</p></figure>`;
  const uncertain = accuracyBoundFlag(run.front, m.constraints, accuracyCountOf(run));
  const mixed = mixedWorkloadsText(m.network) !== undefined;
  const emptyFront = run.front.length === 0 ? `<div class="breakdown-empty" id="front-empty">${escapeHtml(emptyFrontText(run))}</div>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}${KNEE_CSS}${page.study?.css ?? ''}${page.networkSection?.css ?? ''}</style>
</head>
<body>
<header class="top">
<div class="brand">cosearch · run report</div>
<h1>${escapeHtml(m.spaceName)}</h1>
<div class="sub">${escapeHtml(networkText(m.network))} · ${escapeHtml(strategyText(m.strategy))} · ${escapeHtml(rowsText(run.counts))} · ${run.front.length} on the front</div>
</header>
<main>
<section id="settings"><h2>Run settings</h2><dl class="settings">
${settings}
</dl>${run.notes.map((n) => `<p class="note warn">Note: ${escapeHtml(n)}.</p>`).join('')}</section>
<section id="plots"><h2>Pareto front${mixed ? ' across networks (a cross-workload comparison)' : ''}</h2><div class="plots">
<figure id="pareto-plot"${m.objectives.length > 2 ? ' class="wide"' : ''}>${page.paretoSvg}<figcaption>${escapeHtml(plotClassesText(run, page.cloudPoints))} Arrows show which way is better. An axis is logarithmic when its values are all positive and span at least two decades.${
  page.knee !== undefined ? ' Ringed in gold: the knee point (the largest trade-off; highlighted in the table).' : ''}${
  mixedWorkloadsText(m.network) !== undefined ? ` ${escapeHtml(mixedWorkloadsText(m.network)!)}.` : ''}</figcaption></figure>
${hv}
</div></section>
${page.networkSection ? `${page.networkSection.html}\n` : ''}${page.study ? `${page.study.html}\n` : ''}<section id="front"><h2>Front points${mixed ? ' across networks' : ''}</h2>
${frontTable(run, columns, page.knee, uncertain?.rows)}
${emptyFront}${frontNote('front-networks', mixedWorkloadsText(m.network))}${uncertain ? `<p class="note warn" id="front-accuracy-bound">Note: ${escapeHtml(uncertain.text)}.</p>` : ''}${frontNote('front-twins', twinsText(twinGroups(run.front, m.objectives.map((o) => o.metric))))}${frontNote('front-accuracy-overlap', accuracyOverlapText(run.front, accuracyCountOf(run)))}${frontNote('front-row-notes', rowNotesText(run.front))}${modelNotesHtml(page.modelNotes)}<p class="note">Click a column header to sort (again to reverse); click a row to see its breakdown. Hover a value for its full precision.</p>
</section>
<section id="breakdown-section"><h2>Breakdown of the selected point</h2>
<div id="breakdown" aria-live="polite"><div class="breakdown-empty">${run.front.length === 0
    ? 'No front point to break down.'
    : 'Select a row of the table or a point of the front to see its energy and area by component and by layer.'}</div></div>
</section>
<footer>Written by cosearch ${escapeHtml(m.version)} from ${escapeHtml(run.dir.split(/[\\/]/).filter(Boolean).pop() ?? run.dir)}/ (evaluations.csv, pareto.csv, manifest.json). Regenerate with <code>cosearch report RUN_DIR</code>.</footer>
</main>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}

/**
 * The caption's key to the plot's classes: only those it draws, as its legend lists them (`Blue: the final Pareto
 * front ...; grey crosses: infeasible evaluations.`); it named all three whatever the run (QA report pass).
 */
export function plotClassesText(run: RunData, cloud: ReportPage['cloudPoints']): string {
  const has = (status: string): boolean => cloud.some((p) => p.status === status);
  const ended = run.manifest.status === undefined || run.manifest.status === 'completed';
  const parts = [
    ...(run.front.length > 0 ? [`Blue: ${ended ? 'the final Pareto front' : 'the Pareto front so far (the run has not ended: see the note above)'} (click a point for its breakdown)`] : []),
    ...(has('dominated') ? ['grey circles: dominated feasible evaluations'] : []),
    ...(has('infeasible') ? ['grey crosses: infeasible evaluations'] : []),
    ...(has('unmeasured') ? ['triangles: evaluations the lazy mode did not measure (proven out or dropped, see Evaluations above)'] : []),
  ];
  if (parts.length === 0) return 'No evaluation could be plotted (see Evaluations above).';
  const text = parts.join('; ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** A note under the front table (twins.ts, accuracyOverlap.ts, rowNotes.ts): empty without text. */
/** The front's model notes (what its designs' energy, latency and area rest on), as `search` prints them; nothing without any. */
function modelNotesHtml(notes: readonly string[] | undefined): string {
  if (!notes || notes.length === 0) return '';
  return `<div class="note" id="front-model-notes">Model notes on the front's designs (what their energy, latency and area rest on; <code>cosearch evaluate --config</code> prints a design's):<ul>${
    notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></div>`;
}

function frontNote(id: string, text: string | undefined): string {
  return text === undefined ? '' : `<p class="note" id="${id}">${escapeHtml(text)}.</p>`;
}
