/**
 * Reads a search run folder (results/<space>-<timestamp>/: evaluations.csv, pareto.csv, manifest.json) into
 * typed rows. Everything is checked before a report is drawn, and every problem is one ConfigError line that
 * names the file, the field and what was expected.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parameterSpec, type ParamValue } from '../../hardware/config.js';
import { ConfigError, describeValue, didYouMean, INPUT_LIMITS_BYTES, readInputText } from '../../core/index.js';
import {
  describeHolder, FIXED_COLUMNS, LAZY_COLUMN, parseManifest as parseRunManifest, readCsvText, RUN_FILES, runLockHolder, streamCsvFile,
  type CsvTable, type HypervolumePoint, type ManifestRead, type RunNetwork, type RunObjective, type RunParameter,
} from '../run/index.js';
import { CloudSampler, IndexSet, type RunCloud, type RunCounts } from './cloud.js';
import { FrontArchive } from './front.js';

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

export interface RunRow {
  readonly index: number;
  readonly generation: number;
  /** Searched parameter values by path (`device.bitsPerCell`, `layers.3.adc.bits`). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Metric values by name; NaN where the evaluation failed or left it empty. */
  readonly metrics: Readonly<Record<string, number>>;
  /** `breakdown.<quantity>.<component>` columns, as numbers. */
  readonly breakdown: Readonly<Record<string, number>>;
  readonly feasible: boolean;
  readonly violation: number;
  readonly error: string;
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
}

export { FIXED_COLUMNS, RUN_FILES };

/** Whether a manifest's network is the list of a multi-network run (each row then names its own). */
export function isNetworkList(network: RunNetwork): network is readonly string[] {
  return Array.isArray(network);
}

export interface ReadRunOptions {
  /** Called with every row of evaluations.csv, in file order (for a caller that needs more than counts and a sample). */
  readonly onRow?: (row: RunRow) => void;
}

/**
 * Reads a run folder. evaluations.csv is streamed (csvStream.ts): every row is checked, counted and, when not on
 * the front, offered to the cloud sample, then dropped, so memory is bounded by the front, not the run.
 */
export async function readRun(dir: string, options: ReadRunOptions = {}): Promise<RunData> {
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
  // pareto.csv holds the front only: read whole. A search writes it when it ends: a run interrupted before (or still
  // running) has none, and its front is recomputed from evaluations.csv, as `pick` and `pareto` compute theirs.
  const paretoTable = existsSync(paretoPath) ? readCsvText(readText(paretoPath, INPUT_LIMITS_BYTES.csv), paretoPath) : undefined;
  const recomputed = paretoTable ? undefined : recomputeFront(evalPath, manifest);

  let columns: Columns | undefined;
  let readRow: RowReader | undefined;
  let front: RunRow[] = [];
  let frontIndices = new Set<number>();
  const found = new Set<number>();
  const seen = new IndexSet();
  const sampler = new CloudSampler();
  const studyRows: RunRow[] = [];
  const keepStudy = manifest.study !== undefined;
  let feasible = 0;
  let failed = 0;
  let firstError: string | undefined;
  const objectives = manifest.objectives;
  // A row off the front that no study and no visitor needs is only checked, not built (cloudRow below).
  const fullRows = keepStudy || options.onRow !== undefined;
  let readCloud: CloudRowReader | undefined;
  /** Counts a row once (a repeated index is refused), marks a front row found, offers the others to the cloud sample. */
  const tally = (r: number, index: number, error: string, rowFeasible: boolean, values: number[]): void => {
    if (!seen.add(index)) throw new ConfigError(`${evalPath}: row ${r}: index ${index} appears twice, expected one row per evaluation`);
    const rowFailed = error !== '';
    if (rowFailed && failed++ === 0) firstError = error;
    else if (rowFeasible) feasible++;
    if (frontIndices.has(index)) found.add(index);
    else if (rowFailed || !values.every(Number.isFinite)) sampler.omit();
    else sampler.add({ index, status: rowFeasible ? 'dominated' : 'infeasible', values });
  };
  const read = streamCsvFile(evalPath, (header) => {
    columns = classifyColumns(header, evalPath, manifest.variables.map((v) => v.name));
    for (const o of objectives) {
      if (!columns.metricColumns.includes(o.metric)) {
        throw new ConfigError(`${manifestPath}: objectives: metric "${o.metric}" is not a column of ${evalPath} (columns: ${columns.metricColumns.join(', ')})${didYouMean(o.metric, columns.metricColumns)}`);
      }
    }
    if (paretoTable && paretoTable.header.join(',') !== header.join(',')) {
      throw new ConfigError(`${paretoPath}: header: got ${describeValue(paretoTable.header.join(','))}, expected the same columns as ${evalPath}`);
    }
    readRow = rowReader(header, columns, evalPath);
    readCloud = cloudRowReader(header, columns, objectives.map((o) => o.metric), evalPath);
    front = paretoTable ? toRows(paretoTable, columns, paretoPath) : recomputed!;
    frontIndices = new Set(front.map((r) => r.index));
  }, (cells, r) => {
    if (!fullRows) {
      const row = readCloud!(cells, r);
      tally(r, row.index, row.error, row.feasible, row.values);
      return;
    }
    const row = readRow!(cells, r);
    tally(r, row.index, row.error, row.feasible, objectives.map((o) => row.metrics[o.metric]));
    if (keepStudy && row.error === '') studyRows.push(row);
    options.onRow?.(row);
  }, { what: 'run file' });
  for (const row of front) {
    if (!found.has(row.index)) throw new ConfigError(`${paretoPath}: index ${row.index} is not in ${evalPath}`);
    if (!row.feasible) throw new ConfigError(`${paretoPath}: index ${row.index}: feasible is false, expected only feasible points on the front`);
    for (const o of objectives) {
      if (!Number.isFinite(row.metrics[o.metric])) {
        throw new ConfigError(`${paretoPath}: index ${row.index}: ${o.metric} is empty, expected a number for every objective on the front`);
      }
    }
  }
  const notes = [
    ...(read.truncatedTail ? [`the last line of ${RUN_FILES.evaluations} was cut off (the run was killed while writing it) and is left out`] : []),
    ...(paretoTable?.truncatedTail ? [`the last line of ${RUN_FILES.pareto} was cut off and is left out`] : []),
    ...(paretoTable ? [] : [missingFrontNote(manifest, dir)]),
  ];
  const counts: RunCounts = { total: read.rows, feasible, infeasible: read.rows - feasible - failed, failed };
  return { dir, manifest, ...columns!, counts, cloud: sampler.result(), front, studyRows, notes, ...(firstError !== undefined ? { firstError } : {}) };
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
function missingFrontNote(manifest: RunManifestView, dir: string): string {
  const running = runLockHolder(dir) !== undefined;
  const state = running ? 'is still running' : manifest.status === 'running' ? 'was stopped before its end' : `is ${manifest.status}`;
  const next = running
    ? 'the search writes pareto.csv and this report again when it ends'
    : `continue it with: cosearch search ${manifest.spaceFile || 'SPACE'} --resume --out ${dir}`;
  return `${RUN_FILES.pareto} is not written yet (the run ${state}): the front is recomputed from the ${RUN_FILES.evaluations} written so far; ${next}`;
}

/**
 * The front of a run without pareto.csv: the non-dominated set of the feasible, error-free rows whose objectives are
 * numbers (front.ts), in run order. Every row is checked as readRun checks it; only a row that enters the front is built.
 */
function recomputeFront(evalPath: string, manifest: RunManifestView): RunRow[] {
  const objectives = manifest.objectives.map((o) => o.metric);
  const archive = new FrontArchive<RunRow>(manifest.objectives.map((o) => o.sense));
  let readRow: RowReader | undefined;
  let readCloud: CloudRowReader | undefined;
  let parameterColumns: readonly string[] = [];
  streamCsvFile(evalPath, (header) => {
    const columns = classifyColumns(header, evalPath, manifest.variables.map((v) => v.name));
    // An objective that is not a column is named by readRun's own pass (the rows then have no front).
    const present = objectives.filter((m) => columns.metricColumns.includes(m));
    if (present.length < objectives.length) return;
    parameterColumns = columns.parameterColumns;
    readRow = rowReader(header, columns, evalPath);
    readCloud = cloudRowReader(header, columns, objectives, evalPath);
  }, (cells, r) => {
    if (!readCloud) return;
    const row = readCloud(cells, r);
    if (row.error !== '' || !row.feasible || !row.values.every(Number.isFinite)) return;
    archive.add(row.values, () => {
      const full = readRow!(cells, r);
      return { key: JSON.stringify(parameterColumns.map((c) => full.params[c])), item: full };
    });
  }, { what: 'run file' });
  return archive.items().sort((a, b) => a.index - b.index);
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

interface Columns {
  readonly parameterColumns: readonly string[];
  readonly metricColumns: readonly string[];
  readonly breakdownColumns: readonly string[];
}

/**
 * Parameter columns are the manifest's variables (or, when it lists none, the registry's parameter paths);
 * `breakdown.*` columns are component figures; the rest are metrics.
 */
export function classifyColumns(header: readonly string[], file: string, variables: readonly string[] = []): Columns {
  for (const fixed of FIXED_COLUMNS) {
    if (!header.includes(fixed)) throw new ConfigError(`${file}: header: column "${fixed}" is missing, expected a cosearch evaluations CSV`);
  }
  for (const name of variables) {
    if (!header.includes(name)) throw new ConfigError(`${file}: header: column "${name}" (a searched parameter in the manifest) is missing`);
  }
  const parameterColumns: string[] = [];
  const metricColumns: string[] = [];
  const breakdownColumns: string[] = [];
  for (const name of header) {
    if ((FIXED_COLUMNS as readonly string[]).includes(name) || name === LAZY_COLUMN) continue;
    if (name.startsWith('breakdown.')) breakdownColumns.push(name);
    else if (variables.length > 0 ? variables.includes(name) : isParameterPath(name)) parameterColumns.push(name);
    else metricColumns.push(name);
  }
  return { parameterColumns, metricColumns, breakdownColumns };
}

function isParameterPath(name: string): boolean {
  try {
    parameterSpec(name);
    return true;
  } catch {
    return false;
  }
}

/** Turns a row's cells into a RunRow; built once per file (column positions looked up once, messages only on error). */
type RowReader = (cells: readonly string[], row: number) => RunRow;

/** A header's column positions by name, and those of the fixed columns (classifyColumns checked they exist). */
function columnPositions(header: readonly string[]) {
  const at = new Map(header.map((name, i) => [name, i]));
  const pos = (name: string): number => at.get(name)!;
  const [indexAt, generationAt, feasibleAt, violationAt, errorAt] = ['index', 'generation', 'feasible', 'violation', 'error'].map(pos);
  return { pos, indexAt, generationAt, feasibleAt, violationAt, errorAt };
}

function rowReader(header: readonly string[], columns: Columns, file: string): RowReader {
  const { pos, indexAt, generationAt, feasibleAt, violationAt, errorAt } = columnPositions(header);
  const params = columns.parameterColumns.map((name) => [name, pos(name)] as const);
  const metrics = columns.metricColumns.map((name) => [name, pos(name)] as const);
  const breakdown = columns.breakdownColumns.map((name) => [name, pos(name)] as const);
  return (cells, r) => {
    const where = (field: string): string => `${file}: row ${r}: ${field}`;
    const numbers = (list: readonly (readonly [string, number])[]): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const [name, i] of list) out[name] = parseNumberOrEmpty(cells[i], where, name);
      return out;
    };
    const paramValues: Record<string, ParamValue> = {};
    for (const [name, i] of params) {
      const text = cells[i];
      const n = Number(text);
      paramValues[name] = text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    const index = parseInteger(cells[indexAt], where, 'index');
    return {
      index,
      generation: parseInteger(cells[generationAt], where, 'generation'),
      params: paramValues,
      metrics: numbers(metrics),
      breakdown: numbers(breakdown),
      feasible: parseBoolean(cells[feasibleAt], where, 'feasible'),
      violation: cells[violationAt] === '' ? 0 : parseNumberOrEmpty(cells[violationAt], where, 'violation'),
      error: cells[errorAt],
    };
  };
}

/** What readRun keeps of a row off the front: its index, status and objective values. */
interface CloudRow {
  readonly index: number;
  /** The error column: empty unless the evaluation failed. */
  readonly error: string;
  readonly feasible: boolean;
  readonly values: number[];
}

type CloudRowReader = (cells: readonly string[], row: number) => CloudRow;

/**
 * rowReader's checks, in its order and with its messages (every cell of every row is still checked), without
 * building the row's params, metrics and breakdown objects: most rows of a large run are only counted and offered
 * to the cloud sample, and those objects were most of readRun's time and garbage (docs/performance.md).
 */
function cloudRowReader(header: readonly string[], columns: Columns, objectives: readonly string[], file: string): CloudRowReader {
  const { pos, indexAt, generationAt, feasibleAt, violationAt, errorAt } = columnPositions(header);
  const numeric = [...columns.metricColumns, ...columns.breakdownColumns].map((name) => [name, pos(name)] as const);
  const objectiveAt = objectives.map(pos);
  return (cells, r) => {
    const where = (field: string): string => `${file}: row ${r}: ${field}`;
    const index = parseInteger(cells[indexAt], where, 'index');
    parseInteger(cells[generationAt], where, 'generation');
    for (const [name, i] of numeric) parseNumberOrEmpty(cells[i], where, name);
    const feasible = parseBoolean(cells[feasibleAt], where, 'feasible');
    if (cells[violationAt] !== '') parseNumberOrEmpty(cells[violationAt], where, 'violation');
    return { index, error: cells[errorAt], feasible, values: objectiveAt.map((i) => parseNumberOrEmpty(cells[i], where, header[i])) };
  };
}

/** pareto.csv's rows (a front: small), each index once. */
function toRows(table: CsvTable, columns: Columns, file: string): RunRow[] {
  const read = rowReader(table.header, columns, file);
  const seen = new IndexSet();
  return table.rows.map((cells, r) => {
    const row = read(cells, r + 1);
    if (!seen.add(row.index)) throw new ConfigError(`${file}: row ${r + 1}: index ${row.index} appears twice, expected one row per evaluation`);
    return row;
  });
}

type Where = (field: string) => string;

function parseInteger(text: string, where: Where, field: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n)) throw new ConfigError(`${where(field)}: got ${describeValue(text)}, expected an integer`);
  return n;
}

function parseNumberOrEmpty(text: string, where: Where, field: string): number {
  if (text === '') return NaN;
  const n = Number(text);
  if (Number.isNaN(n) && text !== 'NaN') throw new ConfigError(`${where(field)}: got ${describeValue(text)}, expected a number`);
  return n;
}

/** csv-stringify writes booleans as 1 / empty unless told otherwise; accept both spellings. */
function parseBoolean(text: string, where: Where, field: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0' || t === '') return false;
  throw new ConfigError(`${where(field)}: got ${describeValue(text)}, expected true or false`);
}
