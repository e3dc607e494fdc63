/**
 * A run CSV's rows (evaluations.csv, pareto.csv): its columns split into parameters, metrics and breakdowns, and each
 * row's cells checked and turned into a RunRow (or, for most rows of a large run, only checked: CloudRow). Every
 * problem is one ConfigError naming the file, the row and the column.
 */
import { parameterSpec, type ParamValue } from '../../hardware/config.js';
import { ConfigError, describeValue } from '../../core/index.js';
import { booleanCell, cellNumber, cellPlace, FIXED_COLUMNS, LAZY_COLUMN, NOTE_COLUMN, numberCell, numberOrText, SAME_DESIGN_COLUMN } from '../run/index.js';

/** One row of a run CSV, its cells read. */
export interface RunRow {
  readonly index: number;
  readonly generation: number;
  /** Searched parameter values by path (`device.bitsPerCell`, `layers.3.adc.bits`). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /**
   * Metric values by name, the `breakdown.*` columns included (an objective or constraint may name one: `cosearch
   * list metrics` lists them); NaN where the evaluation failed or left it empty.
   */
  readonly metrics: Readonly<Record<string, number>>;
  /** `breakdown.<quantity>.<component>` columns, as numbers. */
  readonly breakdown: Readonly<Record<string, number>>;
  readonly feasible: boolean;
  readonly violation: number;
  readonly error: string;
  /** What the evaluator says the row's figures rest on (the `note` column); empty without one. */
  readonly note: string;
  /** A lazy run's `accuracyMeasured` cell (`true`, `dominated`, ...: src/search/lazy/stage.ts); empty in an eager run. */
  readonly lazyStatus: string;
  /** The `sameDesignAs` cell: the index of the row that evaluated the same design first (never on a front); empty or absent otherwise. */
  readonly sameDesignAs?: string;
}

export interface Columns {
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
    if ((FIXED_COLUMNS as readonly string[]).includes(name) || name === LAZY_COLUMN || name === NOTE_COLUMN || name === SAME_DESIGN_COLUMN) continue;
    if (name.startsWith('breakdown.')) breakdownColumns.push(name);
    else if (variables.length > 0 ? variables.includes(name) : isParameterPath(name)) parameterColumns.push(name);
    else metricColumns.push(name);
  }
  return { parameterColumns, metricColumns, breakdownColumns };
}

/** The columns an objective or constraint can name: the metrics and the `breakdown.*` component figures. */
export function numericColumns(columns: Columns): readonly string[] {
  return [...columns.metricColumns, ...columns.breakdownColumns];
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
export type RowReader = (cells: readonly string[], row: number) => RunRow;

/** A header's column positions by name, and those of the fixed columns (classifyColumns checked they exist). */
export function columnPositions(header: readonly string[]) {
  const at = new Map(header.map((name, i) => [name, i]));
  const pos = (name: string): number => at.get(name)!;
  const [indexAt, generationAt, feasibleAt, violationAt, errorAt] = ['index', 'generation', 'feasible', 'violation', 'error'].map(pos);
  return { pos, indexAt, generationAt, feasibleAt, violationAt, errorAt };
}

export function rowReader(header: readonly string[], columns: Columns, file: string): RowReader {
  const { pos, indexAt, generationAt, feasibleAt, violationAt, errorAt } = columnPositions(header);
  const params = columns.parameterColumns.map((name) => [name, pos(name)] as const);
  const metrics = columns.metricColumns.map((name) => [name, pos(name)] as const);
  const breakdown = columns.breakdownColumns.map((name) => [name, pos(name)] as const);
  const noteAt = header.indexOf(NOTE_COLUMN);
  const lazyAt = header.indexOf(LAZY_COLUMN);
  const sameAt = header.indexOf(SAME_DESIGN_COLUMN);
  return (cells, r) => {
    const where = (field: string): string => cellPlace(file, r, field);
    const numbers = (list: readonly (readonly [string, number])[]): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const [name, i] of list) out[name] = parseNumberOrEmpty(cells[i], where, name);
      return out;
    };
    const paramValues: Record<string, ParamValue> = {};
    for (const [name, i] of params) paramValues[name] = numberOrText(cells[i]);
    const index = parseInteger(cells[indexAt], where, 'index');
    const breakdownValues = numbers(breakdown);
    return {
      index,
      generation: parseInteger(cells[generationAt], where, 'generation'),
      params: paramValues,
      metrics: { ...numbers(metrics), ...breakdownValues },
      breakdown: breakdownValues,
      feasible: booleanCell(cells[feasibleAt], () => where('feasible')),
      violation: cells[violationAt] === '' ? 0 : parseNumberOrEmpty(cells[violationAt], where, 'violation'),
      error: cells[errorAt],
      note: noteAt < 0 ? '' : cells[noteAt],
      lazyStatus: lazyAt < 0 ? '' : cells[lazyAt],
      sameDesignAs: sameAt < 0 ? '' : cells[sameAt],
    };
  };
}

/** What readRun keeps of a row off the front: its index, status and objective values. */
export interface CloudRow {
  readonly index: number;
  /** The error column: empty unless the evaluation failed. */
  readonly error: string;
  readonly feasible: boolean;
  readonly values: number[];
  /** As RunRow.lazyStatus. */
  readonly lazyStatus: string;
  /** As RunRow.sameDesignAs. */
  readonly sameDesignAs: string;
}

export type CloudRowReader = (cells: readonly string[], row: number) => CloudRow;

/**
 * rowReader's checks, in its order and with its messages (every cell of every row is still checked), without
 * building the row's params, metrics and breakdown objects: most rows of a large run are only counted and offered
 * to the cloud sample, and those objects were most of readRun's time and garbage (docs/performance.md).
 */
export function cloudRowReader(header: readonly string[], columns: Columns, objectives: readonly string[], file: string): CloudRowReader {
  const { pos, indexAt, generationAt, feasibleAt, violationAt, errorAt } = columnPositions(header);
  const numeric = numericColumns(columns).map((name) => [name, pos(name)] as const);
  const objectiveAt = objectives.map(pos);
  const lazyAt = header.indexOf(LAZY_COLUMN);
  const sameAt = header.indexOf(SAME_DESIGN_COLUMN);
  return (cells, r) => {
    const where = (field: string): string => cellPlace(file, r, field);
    const index = parseInteger(cells[indexAt], where, 'index');
    parseInteger(cells[generationAt], where, 'generation');
    for (const [name, i] of numeric) parseNumberOrEmpty(cells[i], where, name);
    const feasible = booleanCell(cells[feasibleAt], () => where('feasible'));
    if (cells[violationAt] !== '') parseNumberOrEmpty(cells[violationAt], where, 'violation');
    return {
      index, error: cells[errorAt], feasible, values: objectiveAt.map((i) => parseNumberOrEmpty(cells[i], where, header[i])),
      lazyStatus: lazyAt < 0 ? '' : cells[lazyAt],
      sameDesignAs: sameAt < 0 ? '' : cells[sameAt],
    };
  };
}

type Where = (field: string) => string;

function parseInteger(text: string, where: Where, field: string): number {
  const n = cellNumber(text);
  if (n === undefined || !Number.isInteger(n)) throw new ConfigError(`${where(field)}: got ${describeValue(text)}, expected an integer`);
  return n;
}

/** A number cell (src/io/run/cells.ts: the one reading of pick, pareto and the report); NaN when empty. */
function parseNumberOrEmpty(text: string, where: Where, field: string): number {
  return numberCell(text, () => where(field));
}
