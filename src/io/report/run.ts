/**
 * Reads a search run folder (results/<space>-<timestamp>/: evaluations.csv, pareto.csv, manifest.json) into
 * typed rows. Everything is checked before a report is drawn, and every problem is one ConfigError line that
 * names the file, the field and what was expected.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parameterSpec, type ParamValue } from '../../hardware/config.js';
import { ConfigError, describeValue } from '../../core/errors.js';
import { parseCsv, type CsvTable } from './csv.js';

export type Sense = 'min' | 'max';

export interface Objective {
  readonly metric: string;
  readonly sense: Sense;
}

export interface HypervolumePoint {
  readonly generation: number;
  readonly evaluations: number;
  readonly hypervolume: number;
}

/** One searched variable: its CSV column, the registry path it sets and the override paths it sets (layers, groups). */
export interface RunVariable {
  readonly name: string;
  readonly path: string;
  /** Override paths the value is written to; the variable's own name when the manifest lists none. */
  readonly targets: readonly string[];
}

/**
 * The parts of manifest.json the report reads. Both layouts are read: the flat one `cosearch search` writes
 * (space name, network, base, parameters, objectives, constraints at the top level) and one with a `space`
 * object carrying those fields.
 */
export interface RunManifest {
  readonly spaceName: string;
  /** A zoo name or a path (a network written inline in the space is shown by its name). */
  readonly network: string | readonly string[] | Readonly<Record<string, unknown>>;
  /** Fixed overrides of the space (parameter path -> value), applied before each point's own values. */
  readonly baseOverrides: Readonly<Record<string, unknown>>;
  /** Searched variables as the manifest lists them (empty if it lists none). */
  readonly variables: readonly RunVariable[];
  readonly objectives: readonly Objective[];
  readonly constraints: readonly unknown[];
  readonly seed: unknown;
  readonly strategy: unknown;
  readonly budget: unknown;
  readonly version: string;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly evaluations?: number;
  readonly hypervolumeByGeneration: readonly HypervolumePoint[];
  readonly hypervolumeReference?: readonly number[];
  /** The parsed file, for anything else worth showing (status, workers). */
  readonly raw: Readonly<Record<string, unknown>>;
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
  readonly manifest: RunManifest;
  readonly parameterColumns: readonly string[];
  readonly metricColumns: readonly string[];
  readonly breakdownColumns: readonly string[];
  readonly evaluations: readonly RunRow[];
  /** The rows of pareto.csv, in file order. */
  readonly front: readonly RunRow[];
  /** Things the reader of the report should know about the files (a dropped cut-off record). */
  readonly notes: readonly string[];
}

export const FIXED_COLUMNS = ['index', 'generation', 'feasible', 'violation', 'error'] as const;
export const RUN_FILES = { evaluations: 'evaluations.csv', pareto: 'pareto.csv', manifest: 'manifest.json' } as const;

/** Whether a manifest's network is the list of a multi-network run (each row then names its own). */
export function isNetworkList(network: RunManifest['network']): network is readonly string[] {
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
  const manifest = parseManifest(await readText(manifestPath), manifestPath);
  const evalPath = join(dir, RUN_FILES.evaluations);
  const paretoPath = join(dir, RUN_FILES.pareto);
  const evalTable = parseCsv(await readText(evalPath), evalPath);
  const paretoTable = parseCsv(await readText(paretoPath), paretoPath);

  const columns = classifyColumns(evalTable.header, evalPath, manifest.variables.map((v) => v.name));
  for (const o of manifest.objectives) {
    if (!columns.metricColumns.includes(o.metric)) {
      throw new ConfigError(`${manifestPath}: objectives: metric "${o.metric}" is not a column of ${evalPath} (columns: ${columns.metricColumns.join(', ')})`);
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

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`${path}: file not found, expected a cosearch run folder (${Object.values(RUN_FILES).join(', ')})`);
    if (code === 'EISDIR') throw new ConfigError(`${path}: is a folder, expected a file`);
    throw new ConfigError(`${path}: cannot be read (${code ?? String(error)})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function parseManifest(text: string, file: string): RunManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(raw)) throw new ConfigError(`${file}: got ${describeValue(raw)}, expected a JSON object`);
  const space = isRecord(raw.space) ? raw.space : {};
  // A field at the top level, else inside the space object.
  const field = (key: string): { where: string; value: unknown } =>
    raw[key] !== undefined || !isRecord(raw.space) ? { where: key, value: raw[key] } : { where: `space.${key}`, value: space[key] };

  const network = field('network');
  const isName = (v: unknown): boolean => typeof v === 'string' && v !== '';
  const isNameList = Array.isArray(network.value) && network.value.length > 0 && network.value.every(isName);
  if (!isName(network.value) && !isNameList && !isRecord(network.value)) {
    throw new ConfigError(`${file}: ${network.where}: got ${describeValue(network.value)}, expected a network name, path, list of names or object`);
  }
  const base = field('base');
  const baseOverrides = base.value ?? {};
  if (!isRecord(baseOverrides)) throw new ConfigError(`${file}: ${base.where}: got ${describeValue(base.value)}, expected an object of parameter paths`);

  const objectivesField = field('objectives');
  if (!Array.isArray(objectivesField.value) || objectivesField.value.length === 0) {
    throw new ConfigError(`${file}: ${objectivesField.where}: got ${describeValue(objectivesField.value)}, expected a non-empty list of { metric, sense }`);
  }
  const objectives = objectivesField.value.map((o, i): Objective => {
    const where = `${file}: ${objectivesField.where}[${i}]`;
    if (!isRecord(o) || typeof o.metric !== 'string' || o.metric === '') throw new ConfigError(`${where}: got ${describeValue(o)}, expected { metric, sense }`);
    if (o.sense !== 'min' && o.sense !== 'max') throw new ConfigError(`${where}.sense: got ${describeValue(o.sense)}, expected "min" or "max"`);
    return { metric: o.metric, sense: o.sense };
  });

  const parameters = field('parameters');
  const variablesRaw = parameters.value ?? [];
  if (!Array.isArray(variablesRaw)) throw new ConfigError(`${file}: ${parameters.where}: got ${describeValue(variablesRaw)}, expected a list of { name, path }`);
  const variables = variablesRaw.map((v, i): RunVariable => {
    const where = `${file}: ${parameters.where}[${i}]`;
    if (!isRecord(v) || typeof v.name !== 'string' || v.name === '') throw new ConfigError(`${where}: got ${describeValue(v)}, expected { name, path }`);
    const targets = v.targets === undefined ? [v.name] : v.targets;
    if (!Array.isArray(targets) || !targets.every((t) => typeof t === 'string')) {
      throw new ConfigError(`${where}.targets: got ${describeValue(v.targets)}, expected a list of parameter paths`);
    }
    return { name: v.name, path: typeof v.path === 'string' ? v.path : v.name, targets };
  });

  const hvRaw = raw.hypervolumeByGeneration ?? [];
  if (!Array.isArray(hvRaw)) throw new ConfigError(`${file}: hypervolumeByGeneration: got ${describeValue(hvRaw)}, expected a list`);
  const hypervolumeByGeneration = hvRaw.map((h, i): HypervolumePoint => {
    const ok = isRecord(h) && [h.generation, h.evaluations, h.hypervolume].every((v) => typeof v === 'number' && Number.isFinite(v));
    if (!ok) throw new ConfigError(`${file}: hypervolumeByGeneration[${i}]: got ${describeValue(h)}, expected { generation, evaluations, hypervolume } numbers`);
    const p = h as Record<string, number>;
    return { generation: p.generation, evaluations: p.evaluations, hypervolume: p.hypervolume };
  });
  const reference = raw.hypervolumeReference;
  const hypervolumeReference = Array.isArray(reference) && reference.every((v) => typeof v === 'number') ? (reference as number[]) : undefined;

  const constraints = field('constraints').value ?? [];
  const spaceName = typeof raw.space === 'string' && raw.space !== '' ? raw.space : typeof space.name === 'string' && space.name !== '' ? space.name : undefined;
  const optionalString = (key: string): string | undefined => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const version = raw.packageVersion ?? raw.version;
  return {
    spaceName: spaceName ?? (typeof network.value === 'string' ? network.value : 'search'),
    network: network.value as RunManifest['network'],
    baseOverrides,
    variables,
    objectives,
    constraints: Array.isArray(constraints) ? constraints : [constraints],
    seed: field('seed').value,
    strategy: field('strategy').value,
    budget: field('budget').value,
    version: typeof version === 'string' ? version : '',
    startedAt: optionalString('startedAt'),
    endedAt: optionalString('endedAt'),
    evaluations: typeof raw.evaluations === 'number' ? raw.evaluations : undefined,
    hypervolumeByGeneration,
    hypervolumeReference,
    raw,
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
    if ((FIXED_COLUMNS as readonly string[]).includes(name)) continue;
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
