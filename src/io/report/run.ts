/**
 * Reads a search run folder (results/<space>-<timestamp>/: evaluations.csv, pareto.csv, manifest.json) into
 * typed rows. Everything is checked before a report is drawn, and every problem is one ConfigError line that
 * names the file, the field and what was expected.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError, didYouMean, INPUT_LIMITS_BYTES, readInputText } from '../../core/index.js';
import {
  describeHolder, FIXED_COLUMNS, isNetworkList, toCsv, writeFileAtomic, isUnmeasuredLazyStatus, LAZY_MODE_FLAG, runIndexProblem, parseManifest as parseRunManifest, RUN_FILES, runLockHolder, streamCsvFile, LogReadDigest,
  type UnmeasuredLazyStatus,
  type HypervolumePoint, type ManifestRead, type RunObjective, type RunParameter,
} from '../run/index.js';
import { CloudSampler, type RunCloud, type RunCounts } from './cloud.js';
import { recomputeFront, recomputeFrontCells } from './front.js';
import { FrontCheck, readParetoFile, type ParetoFile } from './paretoFile.js';
import { NetworkFronts, type NetworkFront } from './networkFronts.js';
import { NETWORK_COLUMN } from '../../util/networkColumn.js';
import { classifyColumns, cloudRowReader, numericColumns, rowReader, type CloudRowReader, type Columns, type RowReader, type RunRow } from './rows.js';

export { classifyColumns, type RunRow };
export type Sense = RunObjective['sense'];
export type Objective = RunObjective;
export type { HypervolumePoint };

/** One searched variable: its CSV column, the registry path it sets and the override paths it sets (layers, groups). */
export type RunVariable = RunParameter;

/**
 * The validated manifest (src/io/run/manifest.ts) with the names the report shows derived once: the space's
 * name (or the network's, or "search"), its base overrides, its searched variables and the cosearch version.
 */
export interface RunManifestView extends ManifestRead {
  readonly spaceName: string;
  /** Fixed overrides of the space (parameter path -> value), applied before each point's own values. */
  readonly baseOverrides: ManifestRead['base'];
  /** Searched variables as the manifest lists them (empty if it lists none). */
  readonly variables: readonly RunVariable[];
  readonly version: string;
}


export interface RunData {
  readonly dir: string;
  readonly manifest: RunManifestView;
  readonly parameterColumns: readonly string[];
  readonly metricColumns: readonly string[];
  readonly breakdownColumns: readonly string[];
  /** Counts over every row of evaluations.csv. */
  readonly counts: RunCounts;
  /** The evaluations not on the front: a bounded, deterministic sample for the plot, and how many there were (cloud.ts). */
  readonly cloud: RunCloud;
  /** The rows of pareto.csv, in file order; without pareto.csv (a run not ended), the front recomputed from evaluations.csv, in run order. */
  readonly front: readonly RunRow[];
  /**
   * Every row without an error, in run order, kept only when the manifest has a study (its figures and
   * expectations need them all; study spaces are small); empty otherwise.
   */
  readonly studyRows: readonly RunRow[];
  /** Things the reader of the report should know about the files (a dropped cut-off record). */
  readonly notes: readonly string[];
  /** The error of the first failed evaluation (its row's error column), when one failed. */
  readonly firstError?: string;
  /**
   * When evaluations.csv holds other bytes than its manifest vouches for (evaluationsDigest, hashed in the one read
   * of the rows): what differs. The report draws the rows as they are; the command notes it on stderr.
   */
  readonly editedRows?: string;
  /** The command that continues the run, as the search that wrote this report printed it (ReadRunOptions.continueWith). */
  readonly continueWith?: string;
  /**
   * A run whose `network` is a list of several: one front per network from its own rows (networkFronts.ts), without
   * hypervolumes (the caller adds them: withHypervolumes). `front` stays the one front across the networks.
   */
  readonly networkFronts?: readonly NetworkFront[];
}

export { FIXED_COLUMNS, RUN_FILES };

export interface ReadRunOptions {
  /** Called with every row of evaluations.csv, in file order (for a caller that needs more than counts and a sample). */
  readonly onRow?: (row: RunRow) => void;
  /**
   * The command that continues the run when the search writing the report has one (its `continue with:` line, machine
   * flags such as --no-cache included): the report's notes give that one; without it, resumeCommand's from the manifest.
   */
  readonly continueWith?: string;
}

/**
 * Reads a run folder. evaluations.csv is streamed (csvStream.ts): every row is checked, counted and, when not on
 * the front, offered to the cloud sample, then dropped, so memory is bounded by the front, not the run.
 * The front is pareto.csv's once it agrees with evaluations.csv (paretoFile.ts); without pareto.csv (a search writes
 * it when it ends: a run interrupted before, or still running, has none), or with one that disagrees, it is
 * recomputed from evaluations.csv (front.ts), as `pick` and `pareto` compute theirs, and a note says why.
 */
export async function readRun(dir: string, options: ReadRunOptions = {}): Promise<RunData> {
  const run = await readRunFiles(dir, options);
  return options.continueWith === undefined ? run : { ...run, continueWith: options.continueWith };
}

async function readRunFiles(dir: string, options: ReadRunOptions): Promise<RunData> {
  let isFolder = false;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch {
    throw new ConfigError(`${dir}: no such folder, expected a cosearch run folder (${Object.values(RUN_FILES).join(', ')})`);
  }
  if (!isFolder) throw new ConfigError(`${dir}: is a file, expected a cosearch run folder (${Object.values(RUN_FILES).join(', ')})`);
  const manifestPath = join(dir, RUN_FILES.manifest);
  const manifest = parseManifest(readText(manifestPath), manifestPath);
  const evalPath = join(dir, RUN_FILES.evaluations);
  const paretoPath = join(dir, RUN_FILES.pareto);
  requireFile(evalPath);
  const variables = manifest.variables.map((v) => v.name);
  const recomputed = (): RunRow[] => recomputeFront(evalPath, manifest.objectives, variables);
  const recomputedNote = (problem: string): string => `${problem}; the front is recomputed from ${RUN_FILES.evaluations}`;
  const pareto = existsSync(paretoPath) ? readParetoFile(paretoPath, manifest.objectives, variables) : undefined;
  const resume = options.continueWith ?? resumeCommand(manifest, dir);
  if (pareto === undefined) return scanRun(dir, manifest, { rows: recomputed(), note: missingFrontNote(manifest, dir, resume) }, options);
  // A search stopped by a signal writes pareto.csv with the front of the evaluations so far (src/search/engine.ts).
  const interrupted = (run: RunData): RunData => (manifest.status === 'interrupted' ? { ...run, notes: [interruptedNote(run.counts.total, resume), ...run.notes] } : run);
  if ('problem' in pareto) return interrupted(scanRun(dir, manifest, { rows: recomputed(), note: recomputedNote(pareto.problem) }, options));
  const run = scanRun(dir, manifest, { file: pareto }, options);
  if (!('problem' in run)) return interrupted(run);
  // Rows do not depend on the front: onRow has seen every row once already.
  return interrupted(scanRun(dir, manifest, { rows: recomputed(), note: recomputedNote(run.problem) }, {}));
}

/**
 * Writes pareto.csv from evaluations.csv as it is on disk, for a search that quits before its engine could write it
 * (a signal's grace ran out with a batch in flight): the front of the rows written so far, each its evaluations.csv
 * line, as the engine writes it. Returns the size of the front and how many evaluations it was drawn from.
 */
export function writeRecomputedPareto(dir: string): { front: number; evaluations: number } {
  const manifestPath = join(dir, RUN_FILES.manifest);
  const manifest = parseManifest(readText(manifestPath), manifestPath);
  const evalPath = join(dir, RUN_FILES.evaluations);
  requireFile(evalPath);
  const { header, rows, evaluations } = recomputeFrontCells(evalPath, manifest.objectives, manifest.variables.map((v) => v.name));
  writeFileAtomic(join(dir, RUN_FILES.pareto), toCsv(rows, header));
  return { front: rows.length, evaluations };
}

/** The front a pass draws: pareto.csv's rows (checked against evaluations.csv as they stream), or rows recomputed and the note saying why. */
type FrontSource = { readonly file: ParetoFile } | { readonly rows: RunRow[]; readonly note: string };

/** One pass over evaluations.csv; with pareto.csv's front, its first disagreement with evaluations.csv instead of the run. */
function scanRun(dir: string, manifest: RunManifestView, source: { readonly file: ParetoFile }, options: ReadRunOptions): RunData | { readonly problem: string };
function scanRun(dir: string, manifest: RunManifestView, source: { readonly rows: RunRow[]; readonly note: string }, options: ReadRunOptions): RunData;
function scanRun(dir: string, manifest: RunManifestView, source: FrontSource, options: ReadRunOptions): RunData | { readonly problem: string } {
  const manifestPath = join(dir, RUN_FILES.manifest);
  const evalPath = join(dir, RUN_FILES.evaluations);
  const paretoPath = join(dir, RUN_FILES.pareto);
  let columns: Columns | undefined;
  let readRow: RowReader | undefined;
  let check: FrontCheck | undefined;
  const front: RunRow[] = 'file' in source ? source.file.rows.map((f) => f.row) : source.rows;
  const frontIndices = new Set(front.map((r) => r.index));
  const sampler = new CloudSampler();
  const studyRows: RunRow[] = [];
  const keepStudy = manifest.study !== undefined;
  let feasible = 0;
  let failed = 0;
  let incomplete = 0;
  const unmeasured: Partial<Record<UnmeasuredLazyStatus, number>> = {};
  let unmeasuredRows = 0;
  let repeats = 0;
  let firstError: string | undefined;
  const objectives = manifest.objectives;
  // A row off the front that no study and no visitor needs is only checked, not built (cloudRow below).
  const fullRows = keepStudy || options.onRow !== undefined;
  let readCloud: CloudRowReader | undefined;
  const networks = isNetworkList(manifest.network) && manifest.network.length > 1 ? new NetworkFronts(objectives.map((o) => o.sense), manifest.network) : undefined;
  let networkAt = -1;
  /** Counts a row once (a repeated index is refused), checks it against pareto.csv, offers a row off the front to the cloud sample. */
  const tally = (r: number, cells: readonly string[], row: { index: number; error: string; feasible: boolean; lazyStatus: string; sameDesignAs?: string }, values: number[]): void => {
    const { index, error } = row;
    // The index column checked as pick checks it (src/io/run/cells.ts): a repeated row and a missing one are refused.
    const indexProblem = runIndexProblem(r, String(index));
    if (indexProblem !== undefined) throw new ConfigError(`${evalPath}: ${indexProblem}`);
    // A repeat of a design an earlier row evaluated (sameDesignAs) is that row's chip: never a front's row of its own,
    // not counted or drawn again (the plot drew it as a dominated point under its front point until 2026-12-07).
    const usable = error === '' && values.every(Number.isFinite);
    const candidate = usable && row.feasible;
    if (row.sameDesignAs) {
      repeats++;
      check?.row(r, index, cells, undefined);
      if (networks && networkAt >= 0 && candidate) networks.addRepeat(cells[networkAt]);
      return;
    }
    // A lazy run writes feasible = false on a row it never measured: that is no violated constraint (docs/search.md).
    const notMeasured = error === '' && isUnmeasuredLazyStatus(row.lazyStatus) ? row.lazyStatus : undefined;
    // A measured row with an objective that is not a number is a failed evaluation, as the plot leaves it out (docs/reports.md).
    const rowIncomplete = error === '' && notMeasured === undefined && !usable;
    if (error !== '') firstError ??= error;
    if (rowIncomplete) incomplete++;
    if (error !== '' || rowIncomplete) failed++;
    else if (row.feasible) feasible++;
    else if (notMeasured) {
      unmeasured[notMeasured] = (unmeasured[notMeasured] ?? 0) + 1;
      unmeasuredRows++;
    }
    check?.row(r, index, cells, candidate ? values : undefined);
    if (networks && networkAt >= 0 && candidate) {
      networks.add(cells[networkAt], values, () => {
        const full = readRow!(cells, r);
        return { key: JSON.stringify(columns!.parameterColumns.map((c) => full.params[c])), item: full };
      });
    }
    if (frontIndices.has(index)) return;
    if (!usable) sampler.omit(notMeasured !== undefined);
    else sampler.add({ index, status: row.feasible ? 'dominated' : notMeasured ? 'unmeasured' : 'infeasible', values });
  };
  const digest = new LogReadDigest(manifest.evaluationsDigest);
  const read = streamCsvFile(evalPath, (header) => {
    columns = classifyColumns(header, evalPath, manifest.variables.map((v) => v.name));
    // A breakdown.* figure is a metric an objective may name (the space validator and pick accept it).
    const metrics = numericColumns(columns);
    for (const o of objectives) {
      if (!metrics.includes(o.metric)) {
        throw new ConfigError(`${manifestPath}: objectives: metric "${o.metric}" is not a column of ${evalPath} (columns: ${columns.metricColumns.join(', ')})${didYouMean(o.metric, metrics)}`);
      }
    }
    if ('file' in source) {
      check = new FrontCheck(source.file, objectives, columns.parameterColumns.map((c) => header.indexOf(c)), evalPath, paretoPath);
      check.header(header);
    }
    readRow = rowReader(header, columns, evalPath);
    readCloud = cloudRowReader(header, columns, objectives.map((o) => o.metric), evalPath);
    networkAt = header.indexOf(NETWORK_COLUMN);
  }, (cells, r) => {
    if (!fullRows) {
      const row = readCloud!(cells, r);
      tally(r, cells, row, row.values);
      return;
    }
    const row = readRow!(cells, r);
    tally(r, cells, row, objectives.map((o) => row.metrics[o.metric]));
    if (keepStudy && row.error === '') studyRows.push(row);
    options.onRow?.(row);
  }, { what: 'run file', ...digest.streamOptions() });
  const editedRows = digest.note(evalPath);
  const problem = check?.problem();
  if (problem !== undefined) return { problem };
  const notes = [
    ...(read.truncatedTail ? [`the last line of ${RUN_FILES.evaluations} was cut off (the run was killed while writing it) and is left out`] : []),
    ...('file' in source ? (source.file.truncatedTail ? [`the last line of ${RUN_FILES.pareto} was cut off and is left out`] : []) : [source.note]),
    // The log grows by the row, the manifest at most once a second: a run killed between the two (or still running) differs.
    ...(manifest.evaluations !== undefined && manifest.evaluations !== read.rows
      ? [`${RUN_FILES.manifest} counts ${manifest.evaluations} evaluations, ${RUN_FILES.evaluations} has ${read.rows} rows: the report counts ${RUN_FILES.evaluations}'s`] : []),
  ];
  const counts: RunCounts = { total: read.rows, ...(repeats > 0 ? { repeats } : {}), feasible, infeasible: read.rows - repeats - feasible - failed - unmeasuredRows, failed, incomplete, unmeasured };
  return {
    dir, manifest, ...columns!, counts, cloud: sampler.result(), front, studyRows, notes, ...(firstError !== undefined ? { firstError } : {}),
    ...(editedRows !== undefined ? { editedRows } : {}), ...(networks && networkAt >= 0 ? { networkFronts: networks.result() } : {}),
  };
}

/** A run file through the safe-input layer (regular file, bounded size); a missing one names the folder's files. */
function readText(path: string, maxBytes: number = INPUT_LIMITS_BYTES.document): string {
  requireFile(path);
  return readInputText(path, { what: 'run file', maxBytes });
}

function requireFile(path: string): void {
  if (existsSync(path)) return;
  // A search creates evaluations.csv, then writes manifest.json before its first row, with the folder locked.
  const holder = runLockHolder(dirname(path));
  if (holder) throw new ConfigError(`${path}: not written yet, expected a run that has started: ${describeHolder(holder)} is still starting this run; report it once its first rows are written (a search writes its report itself when it ends)`);
  throw new ConfigError(`${path}: file not found, expected a cosearch run folder (${Object.values(RUN_FILES).join(', ')})`);
}

/** What the report says of a run without pareto.csv. */
function missingFrontNote(manifest: RunManifestView, dir: string, resume: string): string {
  const running = runLockHolder(dir) !== undefined;
  const state = running ? 'is still running' : manifest.status === 'running' ? 'was stopped before its end' : `is ${manifest.status}`;
  // A completed run without its pareto.csv (deleted, or copied without it): --resume has nothing left to run.
  if (!running && manifest.status === 'completed') {
    return `${RUN_FILES.pareto} is missing although the run is completed: the front is recomputed from its ${RUN_FILES.evaluations}`;
  }
  // A running search's report says first that it is of a run in progress (liveRunNote), and that its own replaces it.
  const next = running ? 'the search writes pareto.csv when it ends' : `continue it with: ${resume}`;
  return `${RUN_FILES.pareto} is not written yet (the run ${state}): the front is recomputed from the ${RUN_FILES.evaluations} written so far; ${next}`;
}

/** What the report says of a run a signal stopped (its pareto.csv holds the front of the evaluations made before). */
function interruptedNote(evaluations: number, resume: string): string {
  return `the run was interrupted after ${evaluations} evaluations: its front is the front so far, not the search's final one; continue it with: ${resume}`;
}

/** How far a run that did not complete got, and what comes next: why its study verdict is provisional. */
export interface UnfinishedRun {
  /** "the run was interrupted after 5 of 8 evaluations" (of its budget's, when it has one). */
  readonly progress: string;
  /** "continue it with: cosearch search ... --resume --out DIR", or that the search still running rewrites it. */
  readonly next: string;
  /** A search holds the folder now (its lock): its rows and front are still growing. */
  readonly running?: boolean;
}

/** How far a run got when its manifest's status is not completed (interrupted, failed, still running); else undefined. */
export function unfinishedRun(run: RunData): UnfinishedRun | undefined {
  return unfinishedRunOf(run.manifest, run.dir, run.counts.total, run.continueWith);
}

/**
 * The state a run's folder is in, as `pick` records it in its config file (picked.json `$pickedFrom`): `running` while a
 * search holds the folder, `stopped` for a manifest left `running` by a process that is gone (killed), else the
 * manifest's status.
 */
export function runState(manifest: Pick<ManifestRead, 'status'>, dir: string): string {
  if (manifest.status === 'running') return runLockHolder(dir) !== undefined ? 'running' : 'stopped';
  return manifest.status ?? 'completed';
}

/**
 * unfinishedRun from the manifest and the rows of evaluations.csv (`total`) alone: what `report`, `pick` and `pareto`
 * say of a run that did not complete (QA runs defect 2: pick and pareto answered from a killed, interrupted or live
 * run without a word). `continueWith`: the command the search printed, else resumeCommand's.
 */
export function unfinishedRunOf(manifest: ManifestRead, dir: string, total: number, continueWith?: string): UnfinishedRun | undefined {
  const state = runState(manifest, dir);
  if (state === 'completed') return undefined;
  const evaluations = evaluationCount(manifest, total);
  if (state === 'running') return { progress: `the run is still running (${evaluations} so far)`, next: 'the search writes its report again when it ends', running: true };
  const ended = state === 'interrupted' ? 'was interrupted' : state === 'failed' ? 'failed' : 'was stopped before its end';
  return { progress: `the run ${ended} after ${evaluations}`, next: `continue it with: ${continueWith ?? resumeCommand(manifest, dir)}` };
}

/** "5 of 8 evaluations" (of the budget's, when the manifest has one), else "5 evaluations". */
function evaluationCount(manifest: Pick<ManifestRead, 'budget'>, total: number): string {
  const planned = manifest.budget?.evaluations;
  return planned !== undefined ? `${total} of ${planned} evaluations` : `${total} evaluation${total === 1 ? '' : 's'}`;
}

/**
 * What a report drawn while a search still writes the folder says first (writeRunReport): that it is of the rows read
 * then, how many, and that the search's own report replaces it. Until 2026-12-07 only a missing pareto.csv said so.
 */
export function liveRunNote(run: RunData): string {
  return `drawn from a run in progress: the ${evaluationCount(run.manifest, run.counts.total)} in ${RUN_FILES.evaluations} when it was read, not the search's final front; the search writes its report again when it ends`;
}

/**
 * The command that continues a run that did not end, with the settings its fingerprint holds as the manifest records
 * them (strategy, seed, budget, lazy mode; repeating one the space gives changes nothing), so that --resume is not
 * refused for a flag the run was started with. The search's own hint repeats its machine flags too (--workers, ...).
 */
function resumeCommand(manifest: ManifestRead, dir: string): string {
  const configuration = manifest.provenance?.configuration;
  const lazy = configuration !== null && typeof configuration === 'object' && 'lazy' in configuration ? LAZY_MODE_FLAG[String(configuration.lazy)] : undefined;
  return [
    `cosearch search ${manifest.spaceFile || 'SPACE'} --resume --out ${dir}`,
    ` --strategy ${manifest.strategy.name}`,
    manifest.seed !== undefined ? ` --seed ${manifest.seed}` : '',
    manifest.budget?.evaluations !== undefined ? ` --budget ${manifest.budget.evaluations}` : '',
    lazy !== undefined ? ` ${lazy}` : '',
  ].join('');
}

/** Read and validate manifest text, with the report's derived names. */
export function parseManifest(text: string, file: string): RunManifestView {
  const m = parseRunManifest(text, file);
  return {
    ...m,
    spaceName: m.space || (typeof m.network === 'string' ? m.network : 'search'),
    baseOverrides: m.base,
    variables: m.parameters,
    version: m.packageVersion ?? '',
  };
}

