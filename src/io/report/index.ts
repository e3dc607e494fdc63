/**
 * writeRunReport(runDir): reads a run folder, re-evaluates the front points for their breakdowns, renders
 * pareto.svg and report.html. Everything is read, checked and rendered before anything is written, and each
 * file is written to a temporary name in the run folder and renamed, so a bad folder or a failure leaves existing
 * files as they were and a reader never sees half a file. A report of a live run (a search holds the folder) says so,
 * with the rows it read; if the search ends while the report is drawn, the report is drawn again from the finished run.
 */
import { statSync } from 'node:fs';
import { ConfigError } from '../../core/index.js';
import { join } from 'node:path';
import { checkOutputFolder } from '../../core/index.js';
import { buildHypervolumeSpec, buildParetoSpec, paretoPlotData } from '../plot/pareto.js';
import { inlineSvg, renderSvg } from '../plot/render.js';
import { changedNetworkFile, computeBreakdowns, type PointEvaluator } from './breakdown.js';
import { buildReportHtml } from './html.js';
import { accuracyBoundFlag, accuracyCountOf } from './accuracyOverlap.js';
import { frontKnee } from './knee.js';
import { metricInfo, type MetricInfo } from './metrics.js';
import { liveRunNote, readRun, type RunData, type RunManifestView, type RunRow } from './run.js';
import { PARETO_SVG, REPORT_HTML, runLockHolder, writeFileAtomic } from '../run/index.js';
import { renderStudy, runStudyDefinition, STUDY_CSS } from '../study/index.js';
import { SIMULATOR_METRIC_INFO, simulatorPointEvaluator } from './simulator.js';
import { withHypervolumes, type HypervolumeOf, type NetworkFront } from './networkFronts.js';
import { NETWORK_FRONTS_CSS, networkFrontLine, networkFrontsSection } from './networkSection.js';
import { buildNetworkFrontsSpec } from '../plot/networkFronts.js';

export interface RunReportOptions {
  /**
   * Re-evaluates a front point for its breakdown. Defaults to the simulator; pass `null` to use the CSV's
   * breakdown columns only (no per-layer figures).
   */
  readonly evaluatePoint?: PointEvaluator | null;
  /** Metric units and descriptions; defaults to the simulator's METRICS. */
  readonly metrics?: readonly MetricInfo[];
  /** The search's own `continue with:` command, which the report's notes then give (ReadRunOptions.continueWith). */
  readonly continueWith?: string;
  /**
   * The hypervolume of a point set (src/search/pareto's, which this layer may not import): a multi-network run's fronts
   * each get theirs against their own reference (networkFronts.ts). Without it they are drawn without hypervolumes.
   */
  readonly hypervolume?: HypervolumeOf;
  /**
   * Re-evaluate the front although a network file the run names changed since it (changedNetworkFile): the breakdowns
   * are then today's file's, and the page says so. Without it such a report is refused before anything is written.
   */
  readonly allowChangedNetwork?: boolean;
  /**
   * The model notes of the front's designs (what their energy, latency and area rest on: the notes `search` prints when
   * it ends and `evaluate --config` prints for a design), one line each: src/app/frontNotes.ts's runFrontModelNotes,
   * which this layer may not import (docs/architecture.md), given by the command. Listed under the front table.
   */
  readonly frontNotes?: (manifest: RunManifestView, front: readonly RunRow[]) => readonly string[];
}

export interface RunReportFiles {
  readonly svgPath: string;
  readonly htmlPath: string;
  /** study.md and the study figures, when the run's space has a study. */
  readonly studyPaths?: readonly string[];
  /** Whether every required expectation of the study holds. */
  readonly studyPassed?: boolean;
  /** Set when the run did not complete (its verdict is provisional): how far it got. */
  readonly studyProvisional?: string;
  /**
   * What the report notes about the run's files (a front recomputed from evaluations.csv, and why), and front rows
   * whose accuracy interval crosses an accuracy constraint's bound (accuracyBoundFlag).
   */
  readonly notes: readonly string[];
  /** evaluations.csv holds other bytes than its manifest vouches for (RunData.editedRows): noted on stderr, not in the report. */
  readonly editedRows?: string;
  /** A network file the run names changed since it (changedNetworkFile): its front's breakdowns are today's file's. */
  readonly changedNetwork?: string;
  /** A multi-network run's front of each network (networkFronts.ts), one summary line each, as the report lists them. */
  readonly networkFronts?: readonly string[];
  /** The model notes the page lists under the front table (RunReportOptions.frontNotes), when it was given. */
  readonly modelNotes?: readonly string[];
}

export { writeRecomputedPareto } from './run.js';
export { networkFrontLines } from './networkSection.js';

export const REPORT_FILES = { svg: PARETO_SVG, html: REPORT_HTML } as const;

export async function writeRunReport(runDir: string, options: RunReportOptions = {}): Promise<RunReportFiles> {
  checkReportFolder(runDir);
  // Asked before anything is read: rows read while a search holds the folder are a run in progress.
  const live = runLockHolder(runDir) !== undefined;
  const files = await drawRunReport(runDir, options, live);
  if (!live || runLockHolder(runDir) !== undefined) return files;
  // The search let go of the folder while this report was drawn. A search writes its own report after it lets go, so
  // that one may have landed before these files, which are of fewer rows: drawn again, from the finished run.
  return drawRunReport(runDir, options, false);
}

async function drawRunReport(runDir: string, options: RunReportOptions, live: boolean): Promise<RunReportFiles> {
  const rows = await readRun(runDir, options.continueWith === undefined ? {} : { continueWith: options.continueWith });
  const read = live && rows.manifest.status === 'running' ? { ...rows, notes: [liveRunNote(rows), ...rows.notes] } : rows;
  const evaluator = options.evaluatePoint === undefined ? simulatorPointEvaluator() : (options.evaluatePoint ?? undefined);
  // The front's breakdowns re-evaluate the network as it is now: a changed file gives numbers that are not the run's.
  const changedNetwork = evaluator ? changedNetworkFile(read.manifest) : undefined;
  if (changedNetwork !== undefined && options.allowChangedNetwork !== true) {
    throw new ConfigError(`${runDir}: ${changedNetwork}, expected the network file the run evaluated (the breakdowns would be the changed file's, not the run's); `
      + 'restore it, or report with --no-evaluate (breakdowns from the CSV) or --allow-changed-network (re-evaluate the file as it is now, said on the page)');
  }
  // Said on the page too (the command says it on stderr), not among the notes it prints again.
  const run = changedNetwork === undefined ? read : { ...read, notes: [...read.notes, `${changedNetwork}: the breakdowns re-evaluate the file as it is now (--allow-changed-network)`] };
  const known = options.metrics ?? SIMULATOR_METRIC_INFO;
  // The breakdown.* columns too: an objective or constraint may name one, and its table header shows its unit.
  const metrics = [...run.metricColumns, ...run.breakdownColumns].map((name) => metricInfo(name, known));
  const objectiveMetrics = run.manifest.objectives.map((o) => metricInfo(o.metric, known));

  const knee = frontKnee(run);
  const plot = paretoPlotData(run, objectiveMetrics, knee);
  const svg = await renderSvg(buildParetoSpec(plot));
  // Beside a two-objective front it shares a row; under a grid of projections it spans the page.
  const wide = run.manifest.objectives.length > 2;
  const hvSpec = buildHypervolumeSpec(run.manifest.hypervolumeByGeneration, wide ? { width: 1000, height: 220 } : undefined);
  const hvSvg = hvSpec ? inlineSvg(await renderSvg(hvSpec), 'hv') : undefined;
  const objectives = run.manifest.objectives;
  const unitOf = (metric: string): string => metrics.find((m) => m.name === metric)?.unit ?? '';
  const fronts = run.networkFronts && options.hypervolume
    ? withHypervolumes(run.networkFronts, objectives.map((o) => o.metric), objectives.map((o) => o.sense), options.hypervolume) : run.networkFronts;
  const frontsSvg = fronts?.some((f) => f.rows.length > 0) ? inlineSvg(await renderSvg(buildNetworkFrontsSpec(fronts, objectives, objectiveMetrics)), 'networks') : undefined;
  const breakdowns = await computeBreakdowns(run, evaluator);
  const modelNotes = options.frontNotes ? frontNotesOf(options.frontNotes, run.manifest, frontDesigns(run.front, fronts)) : undefined;
  const studyDefinition = runStudyDefinition(run);
  const study = studyDefinition ? await renderStudy(run, studyDefinition, metrics) : undefined;
  const html = buildReportHtml({
    run, metrics, paretoSvg: inlineSvg(svg, 'pareto'), hypervolumeSvg: hvSvg, breakdowns, ...(modelNotes ? { modelNotes } : {}), cloudPoints: plot.points.filter((p) => p.status !== 'front'), ...(knee !== undefined ? { knee } : {}),
    ...(study ? { study: { html: study.html, css: STUDY_CSS } } : {}),
    ...(fronts ? { networkSection: { html: networkFrontsSection(fronts, objectives, unitOf, frontsSvg), css: NETWORK_FRONTS_CSS } } : {}),
  });

  const uncertain = accuracyBoundFlag(run.front, run.manifest.constraints, accuracyCountOf(run));
  const svgPath = join(runDir, REPORT_FILES.svg);
  const htmlPath = join(runDir, REPORT_FILES.html);
  writeFileAtomic(svgPath, svg);
  const studyPaths: string[] = [];
  for (const file of study?.files ?? []) {
    studyPaths.push(join(runDir, file.name));
    writeFileAtomic(join(runDir, file.name), file.text);
  }
  writeFileAtomic(htmlPath, html);
  return { svgPath, htmlPath, ...(study ? { studyPaths, studyPassed: study.result.passed } : {}),
    ...(study?.provisional !== undefined ? { studyProvisional: study.provisional } : {}), notes: [...read.notes, ...(uncertain ? [uncertain.text] : [])], ...(run.editedRows !== undefined ? { editedRows: run.editedRows } : {}),
    ...(changedNetwork !== undefined ? { changedNetwork } : {}),
    ...(fronts ? { networkFronts: fronts.map((f) => networkFrontLine(f, objectives, unitOf)) } : {}),
    ...(modelNotes ? { modelNotes } : {}) };
}

/**
 * The designs whose notes the page lists: the run's front and, in a multi-network run, each network's own front (the
 * designs a user picks from with `pick --network`; a network's front design is often on no cross-network front:
 * QA recent defect 3), once each, in run order.
 */
function frontDesigns(front: readonly RunRow[], fronts: readonly NetworkFront[] | undefined): RunRow[] {
  const byIndex = new Map(front.map((r) => [r.index, r]));
  for (const r of (fronts ?? []).flatMap((f) => f.rows)) if (!byIndex.has(r.index)) byIndex.set(r.index, r);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** The front's model notes; notes that cannot be computed at all (a network file no longer readable) are one line, not a lost report. */
function frontNotesOf(notesOf: NonNullable<RunReportOptions['frontNotes']>, manifest: RunData['manifest'], front: readonly RunRow[]): readonly string[] {
  try {
    return notesOf(manifest, front);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [`the front's model notes could not be computed: ${error.message}`];
  }
}

/**
 * The report replaces files in the run folder: a folder the user cannot write (or one under /proc) is refused in
 * one line before anything is read or rendered, as `pick` and `search --out` refuse it. A missing folder or a file
 * is readRun's to name (as not a run folder).
 */
function checkReportFolder(runDir: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(runDir).isDirectory();
  } catch {
    return;
  }
  if (isFolder) checkOutputFolder(runDir, 'RUN_DIR');
}
