/**
 * A run's study (the space's `study` section, recorded in manifest.json): its figures as study-<name>.svg,
 * study.md with the verdict of every expectation and the comparison table, and the same as a section of
 * report.html. Computed by src/studies from the run's evaluations.csv rows.
 */
import { join } from 'node:path';
import { ConfigError, describeValue } from '../../core/index.js';
import {
  FEASIBLE_COLUMN, holdCount, parseStudy, type ColumnOrder, runStudy, showValue, whereText,
  type CompareTable, type Study, type StudyResult, type StudyRow, type StudyValue, type Verdict,
} from '../../studies/index.js';
import { buildStudyFigureSpec, metricTitle } from '../plot/study.js';
import { inlineSvg, renderSvg } from '../plot/render.js';
import { escapeHtml } from '../report/html.js';
import { displayUnit, metricInfo, type MetricInfo } from '../report/metrics.js';
import { withUnit } from '../report/numberFormat.js';
import { manifestNetworks, RUN_FILES, STUDY_MARKDOWN, studyFigureFile } from '../run/index.js';
import { unfinishedRun, type RunData, type UnfinishedRun } from '../report/run.js';

export { STUDY_MARKDOWN, studyFigureFile };
/** Styles of the report.html study section (appended to the page's CSS). */
export const STUDY_CSS = `
#study .study-figure { margin-bottom: 16px; }
/* No height cap (the front table's 520 px scroll hid 3 of fig11's 10 expectations, with no cue): every row shows. */
.study-wrap { margin: 8px 0 16px; max-width: 100%; max-height: none; overflow-y: visible; }
/* Long expectations and notes wrap; a table still wider than the page scrolls inside its frame instead of clipping. */
.study-table td { white-space: normal; min-width: 8ch; max-width: 60ch; overflow-wrap: anywhere; }
.study-table td, .study-table th { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.study-pass { color: #1a7f37; }
.study-fail { color: #cf222e; }
`;

/** The study rows of a run: parameter, metric and breakdown columns, `network` and `feasible` (1/0); failed evaluations left out (readRun keeps them for a run with a study). */
export function studyRows(run: RunData): StudyRow[] {
  // The run's one network (a name, or a list of one); a multi-network run's rows carry their own `network` cell.
  const networks = manifestNetworks(run.manifest.network);
  const network = networks.length === 1 ? networks[0] : undefined;
  return run.studyRows.map((r) => ({
    ...(network !== undefined ? { network } : {}),
    ...r.params,
    ...r.metrics,
    ...r.breakdown,
    [FEASIBLE_COLUMN]: r.feasible ? 1 : 0,
  }));
}

/** The order of the searched columns' values as the space wrote them (its variables, the network list). */
export function studyColumnOrder(run: RunData): ColumnOrder {
  return new Map(run.manifest.variables.map((v) => [v.name, v.values] as const));
}

/** The study recorded in a run's manifest (validated against the run's columns), or undefined when it has none. */
export function runStudyDefinition(run: RunData): Study | undefined {
  const raw = run.manifest.study;
  if (raw === undefined) return undefined;
  const problems: string[] = [];
  const file = join(run.dir, RUN_FILES.manifest);
  const study = parseStudy(
    raw,
    { metrics: [...run.metricColumns, ...run.breakdownColumns], parameters: run.parameterColumns },
    (field, found, expected) => problems.push(`${file}: ${field}: got ${describeValue(found)}, expected ${expected}`),
    (field, message) => problems.push(`${file}: ${field}: ${message}`),
  );
  if (!study) throw new ConfigError(problems.join('\n'));
  return study;
}

export interface RenderedStudy {
  readonly result: StudyResult;
  /** study-<name>.svg and study.md, name -> text. */
  readonly files: readonly { readonly name: string; readonly text: string }[];
  /** The report.html section. */
  readonly html: string;
  /** Set when the run did not complete: how far it got, which makes the verdict provisional. */
  readonly provisional?: string;
}

export async function renderStudy(run: RunData, study: Study, metrics: readonly MetricInfo[]): Promise<RenderedStudy> {
  const infos = [
    ...metrics,
    ...Object.keys(study.derived).map((name) => {
      const unit = study.derivedUnits?.[name];
      return unit !== undefined ? { name, unit: displayUnit(unit), description: name } : metricInfo(name);
    }),
  ];
  const title = metricTitle(infos);
  const unitOf: UnitOf = (metric) => infos.find((m) => m.name === metric)?.unit ?? '';
  // Measured values in the report's one format, with their unit (`smallest 164.1 µJ at ...`, not `1.641e8`).
  const result = runStudy(study, studyRows(run), run.parameterColumns, studyColumnOrder(run), (v, metric) => withUnit(v, unitOf(metric)));
  const figures: { name: string; svg: string }[] = [];
  for (const { figure, points } of result.figures) {
    const svg = await renderSvg(buildStudyFigureSpec(figure, points, title, points.length === 0 ? 'no data' : undefined));
    figures.push({ name: studyFigureFile(figure.name), svg });
  }
  const unfinished = unfinishedRun(run);
  const markdown = studyMarkdown(result, figures.map((f) => f.name), unfinished, unitOf);
  const html = studyHtml(result, figures.map((f, i) => inlineSvg(f.svg, `study${i}`)), unfinished, unitOf);
  return {
    result, files: [...figures.map((f) => ({ name: f.name, text: f.svg })), { name: STUDY_MARKDOWN, text: markdown }], html,
    ...(unfinished ? { provisional: unfinished.progress } : {}),
  };
}

const STATUS_MARK: Readonly<Record<Verdict['status'], string>> = { pass: 'pass', fail: 'FAIL', 'no data': 'no data' };

function verdictLabel(v: Verdict): string {
  if (v.required) return STATUS_MARK[v.status];
  return v.status === 'pass' ? 'pass (informational)' : `${v.status === 'fail' ? 'outside' : v.status} (informational)`;
}

/** A metric's unit (`pJ`), '' when it has none: the study tables name it (QA defect 11: `1.641e8` with no unit). */
export type UnitOf = (metric: string) => string;

/** ` (pJ)`, or nothing for a unitless metric. */
function unitSuffix(unit: string): string {
  return unit === '' || unit === 'fraction' ? '' : ` (${unit})`;
}

/** Header, rows and per-metric summary of a comparison as plain strings; headers carry the metric's unit. */
export function compareCells(table: CompareTable, unitOf: UnitOf = () => ''): { header: string[]; rows: string[][]; summary: string[][] } {
  const metricLabel = (m: CompareTable['compare']['metrics'][number]) => m.label ?? (m.as === 'difference' ? `${m.metric} difference` : `${m.metric} improvement`);
  const unit = (m: CompareTable['compare']['metrics'][number]) => unitSuffix(unitOf(m.metric));
  const header = [...table.compare.by, ...table.compare.metrics.flatMap((m) =>
    [`${m.metric} baseline${unit(m)}`, `${m.metric} candidate${unit(m)}`, `${metricLabel(m)}${m.as === 'ratio' ? '' : unit(m)}`])];
  const show = (m: CompareTable['compare']['metrics'][number], v: number) => (m.as === 'ratio' ? `${showValue(v)}x` : showValue(v));
  const range = (m: CompareTable['compare']['metrics'][number], lo: number, hi: number) =>
    (show(m, lo) === show(m, hi) ? show(m, lo) : `${show(m, lo)} to ${show(m, hi)}`);
  const rows = table.rows.map((r) => [
    ...table.compare.by.map((c) => showValue(r.key[c] as StudyValue)),
    ...r.cells.flatMap((cell, i) => [showValue(cell.baseline), showValue(cell.candidate), show(table.compare.metrics[i], cell.value)]),
  ]);
  const summary = table.summary.map((s) => [
    `${metricLabel(s.metric)}${s.metric.as === 'ratio' ? '' : unit(s.metric)}`,
    Number.isFinite(s.min) ? range(s.metric, s.min, s.max) : '–',
    s.metric.paper ? range(s.metric, s.metric.paper[0], s.metric.paper[1]) : '–',
    s.relation ?? '–',
  ]);
  return { header, rows, summary };
}

/** "provisional: <how far the run got>; <how to continue it>", the verdict's qualifier for a run that did not complete. */
function provisionalText(unfinished: UnfinishedRun): string {
  return `provisional: ${unfinished.progress}; ${unfinished.next}`;
}

/**
 * The expectations table: verdict, expectation, measured (each value with its unit, as renderStudy's runStudy writes
 * them: `smallest 164.1 µJ`; a ratio has none), note. Until 2026-12-06 a unit column named the metric's unit beside
 * values written raw (`1.641e8` under pJ where 164.1 µJ was meant).
 */
function expectationCells(result: StudyResult): { header: string[]; rows: string[][] } {
  return {
    header: ['verdict', 'expectation', 'measured', 'note'],
    rows: result.verdicts.map((v) => [verdictLabel(v), v.text, v.summary, v.expectation.note ?? '']),
  };
}

/** study.md; `unfinished` (a run that did not complete) makes its verdict provisional. */
export function studyMarkdown(result: StudyResult, figureFiles: readonly string[], unfinished?: UnfinishedRun, unitOf: UnitOf = () => ''): string {
  const { study } = result;
  const mdRow = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const table = (header: readonly string[], rows: readonly (readonly string[])[]) => [mdRow(header), mdRow(header.map(() => '---')), ...rows.map(mdRow)];
  const required = result.verdicts.filter((v) => v.required);
  const lines = [
    `# ${study.title}`,
    '',
    `Source: ${study.source}`,
    ...(study.description ? ['', study.description] : []),
    '',
    `Verdict: **${result.passed ? 'pass' : 'FAIL'}** (${unfinished ? `${provisionalText(unfinished)}; ` : ''}${holdCount(required.filter((v) => v.status === 'pass').length, required.length, 'required expectation')}` +
      `${result.verdicts.length > required.length ? `; ${result.verdicts.length - required.length} informational` : ''})`,
  ];
  if (figureFiles.length) lines.push('', '## Figures', '', ...figureFiles.map((f, i) => `- [${result.figures[i].figure.title ?? result.figures[i].figure.name}](${f})`));
  if (result.verdicts.length) {
    const cells = expectationCells(result);
    lines.push('', '## Expectations', '', ...table(cells.header, cells.rows));
  }
  for (const c of result.compare) {
    const cells = compareCells(c, unitOf);
    lines.push('', `## ${c.compare.title ?? 'Comparison'}`, '',
      `Baseline: ${whereText(c.compare.baseline)}; candidate: ${whereText(c.compare.candidate)}` +
        `${c.compare.match.length < c.compare.by.length ? ` (matched on ${c.compare.match.join(', ') || 'nothing'})` : ''}.`, '',
      ...table(['metric', 'ours', 'paper', 'ours vs paper'], cells.summary), '',
      ...table(cells.header, cells.rows));
  }
  return `${lines.join('\n')}\n`;
}

/** The report.html study section; `unfinished` (a run that did not complete) makes its verdict provisional. */
export function studyHtml(result: StudyResult, inlineSvgs: readonly string[], unfinished?: UnfinishedRun, unitOf: UnitOf = () => ''): string {
  const e = escapeHtml;
  const table = (header: readonly string[], rows: readonly (readonly string[])[], cls = '') =>
    `<div class="table-wrap study-wrap"><table class="study-table${cls}"><thead><tr>${header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('') + '</tbody></table></div>';
  const { study } = result;
  const parts = [
    `<section id="study"><h2>Study: ${e(study.title)}</h2>`,
    `<p class="study-source">Source: ${e(study.source)}. Verdict: <strong class="study-${result.passed ? 'pass' : 'fail'}">${result.passed ? 'pass' : 'FAIL'}</strong>` +
      `${unfinished ? ` (${e(provisionalText(unfinished))})` : ''}</p>`,
    ...(study.description ? [`<p>${e(study.description)}</p>`] : []),
    ...inlineSvgs.map((svg) => `<figure class="chart study-figure">${svg}</figure>`),
  ];
  if (result.verdicts.length) {
    const cells = expectationCells(result);
    parts.push('<h3>Expectations</h3>', table(cells.header, cells.rows));
  }
  for (const c of result.compare) {
    const cells = compareCells(c, unitOf);
    parts.push(`<h3>${e(c.compare.title ?? 'Comparison')}</h3>`, table(['metric', 'ours', 'paper', 'ours vs paper'], cells.summary), table(cells.header, cells.rows, ' study-compare'));
  }
  parts.push('</section>');
  return parts.join('\n');
}
