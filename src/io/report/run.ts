/**
 * Reads a search run folder (results/<space>-<timestamp>/: evaluations.csv, pareto.csv, manifest.json) into
 * typed rows. Everything is checked before a report is drawn, and every problem is one ConfigError line that
 * names the file, the field and what was expected.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parameterSpec, type ParamValue } from '../../hardware/config.js';
import { ConfigError, describeValue, didYouMean, INPUT_LIMITS_BYTES, readInputText } from '../../core/index.js';
import {
  FIXED_COLUMNS, LAZY_COLUMN, parseManifest as parseRunManifest, readCsvText, RUN_FILES,
  type CsvTable, type HypervolumePoint, type ManifestRead, type RunNetwork, type RunObjective, type RunParameter,
} from '../run/index.js';

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
  readonly evaluations: readonly RunRow[];
  /** The rows of pareto.csv, in file order. */
  readonly front: readonly RunRow[];
  /** Things the reader of the report should know about the files (a dropped cut-off record). */
  readonly notes: readonly string[];
}

export { FIXED_COLUMNS, RUN_FILES };

/** Whether a manifest's network is the list of a multi-network run (each row then names its own). */
export function isNetworkList(network: RunNetwork): network is readonly string[] {
  return Array.isArray(network);
}

export async function readRun(dir: string): Promise<RunData> {
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
  const evalTable = readCsvText(readText(evalPath, INPUT_LIMITS_BYTES.csv), evalPath);
  const paretoTable = readCsvText(readText(paretoPath, INPUT_LIMITS_BYTES.csv), paretoPath);

  const columns = classifyColumns(evalTable.header, evalPath, manifest.variables.map((v) => v.name));
  for (const o of manifest.objectives) {
    if (!columns.metricColumns.includes(o.metric)) {
      throw new ConfigError(`${manifestPath}: objectives: metric "${o.metric}" is not a column of ${evalPath} (columns: ${columns.metricColumns.join(', ')})${didYouMean(o.metric, columns.metricColumns)}`);
    }
  }
  if (paretoTable.header.join(',') !== evalTable.header.join(',')) {
    throw new ConfigError(`${paretoPath}: header: got ${describeValue(paretoTable.header.join(','))}, expected the same columns as ${evalPath}`);
  }
  const evaluations = toRows(evalTable, columns, evalPath);
  const front = toRows(paretoTable, columns, paretoPath);
  const byIndex = new Map(evaluations.map((r) => [r.index, r]));
  for (const row of front) {
    if (!byIndex.has(row.index)) throw new ConfigError(`${paretoPath}: index ${row.index} is not in ${evalPath}`);
    if (!row.feasible) throw new ConfigError(`${paretoPath}: index ${row.index}: feasible is false, expected only feasible points on the front`);
    for (const o of manifest.objectives) {
      if (!Number.isFinite(row.metrics[o.metric])) {
        throw new ConfigError(`${paretoPath}: index ${row.index}: ${o.metric} is empty, expected a number for every objective on the front`);
      }
    }
  }
  const notes = [
    ...(evalTable.truncatedTail ? [`the last line of ${RUN_FILES.evaluations} was cut off (the run was killed while writing it) and is left out`] : []),
    ...(paretoTable.truncatedTail ? [`the last line of ${RUN_FILES.pareto} was cut off and is left out`] : []),
  ];
  return { dir, manifest, ...columns, evaluations, front, notes };
}

/** A run file through the safe-input layer (regular file, bounded size); a missing one names the folder's files. */
function readText(path: string, maxBytes: number = INPUT_LIMITS_BYTES.document): string {
  if (!existsSync(path)) throw new ConfigError(`${path}: file not found, expected a cosearch run folder (${Object.values(RUN_FILES).join(', ')})`);
  return readInputText(path, { what: 'run file', maxBytes });
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

function toRows(table: CsvTable, columns: Columns, file: string): RunRow[] {
  const at = new Map(table.header.map((name, i) => [name, i]));
  const seen = new Set<number>();
  return table.rows.map((cells, r) => {
    const where = `${file}: row ${r + 1}`;
    const get = (name: string): string => cells[at.get(name)!];
    const index = parseInteger(get('index'), `${where}: index`);
    if (seen.has(index)) throw new ConfigError(`${where}: index ${index} appears twice, expected one row per evaluation`);
    seen.add(index);
    const params: Record<string, ParamValue> = {};
    for (const name of columns.parameterColumns) {
      const text = get(name);
      const n = Number(text);
      params[name] = text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    const metrics: Record<string, number> = {};
    for (const name of columns.metricColumns) metrics[name] = parseNumberOrEmpty(get(name), `${where}: ${name}`);
    const breakdown: Record<string, number> = {};
    for (const name of columns.breakdownColumns) breakdown[name] = parseNumberOrEmpty(get(name), `${where}: ${name}`);
    return {
      index,
      generation: parseInteger(get('generation'), `${where}: generation`),
      params,
      metrics,
      breakdown,
      feasible: parseBoolean(get('feasible'), `${where}: feasible`),
      violation: get('violation') === '' ? 0 : parseNumberOrEmpty(get('violation'), `${where}: violation`),
      error: get('error'),
    };
  });
}

function parseInteger(text: string, where: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n)) throw new ConfigError(`${where}: got ${describeValue(text)}, expected an integer`);
  return n;
}

function parseNumberOrEmpty(text: string, where: string): number {
  if (text === '') return NaN;
  const n = Number(text);
  if (Number.isNaN(n) && text !== 'NaN') throw new ConfigError(`${where}: got ${describeValue(text)}, expected a number`);
  return n;
}

/** csv-stringify writes booleans as 1 / empty unless told otherwise; accept both spellings. */
function parseBoolean(text: string, where: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0' || t === '') return false;
  throw new ConfigError(`${where}: got ${describeValue(text)}, expected true or false`);
}
