/**
 * The front of a run folder without pareto.csv (a search writes it when it ends, so a run stopped before its end,
 * or one still running, has none) or with one that disagrees with evaluations.csv (paretoFile.ts): the non-dominated
 * set of its feasible, error-free rows, kept the way the search's own archive keeps it (src/search/run/archive.ts: a
 * row no member dominates enters, the members it dominates leave, a second row of the same configuration does not
 * enter, nor does a row marked as another's design, sameDesignAs), one row at a time, so memory is the front's, not the run's.
 */
import { streamCsvFile, type RunObjective } from '../run/index.js';
import { dominatesMin, minimisedPoint, type Sense } from '../../util/objectives.js';
import { classifyColumns, cloudRowReader, numericColumns, rowReader, type CloudRowReader, type RowReader, type RunRow } from './rows.js';

interface Member<T> {
  /** Objective values in minimisation form. */
  readonly values: readonly number[];
  readonly key: string;
  readonly item: T;
}

export class FrontArchive<T> {
  private members: Member<T>[] = [];

  constructor(private readonly senses: readonly Sense[]) {}

  /** Offers a row by its objective values (all finite); `make` builds its configuration key and item only when no member dominates it. */
  add(values: readonly number[], make: () => { readonly key: string; readonly item: T }): void {
    const v = minimisedPoint(values, this.senses);
    if (this.members.some((m) => dominatesMin(m.values, v))) return;
    const { key, item } = make();
    if (this.members.some((m) => m.key === key)) return;
    this.members = this.members.filter((m) => !dominatesMin(v, m.values));
    this.members.push({ values: v, key, item });
  }

  /** The front's items, in the order they entered. */
  items(): T[] {
    return this.members.map((m) => m.item);
  }
}

/**
 * The front of a run without a usable pareto.csv: the non-dominated set of the feasible, error-free rows whose
 * objectives are numbers, in run order. Every row is checked as readRun checks it; only a row that enters the front is built.
 */
export function recomputeFront(evalPath: string, objectives: readonly RunObjective[], variables: readonly string[]): RunRow[] {
  return recomputeFrontWith(evalPath, objectives, variables, (row) => row).rows.map((m) => m.item);
}

/** The same front as each row's cells, with the header of evaluations.csv: pareto.csv as the search writes it (its rows are evaluations.csv's lines). */
export function recomputeFrontCells(evalPath: string, objectives: readonly RunObjective[], variables: readonly string[]): { header: readonly string[]; rows: (readonly string[])[]; evaluations: number } {
  const { header, rows, evaluations } = recomputeFrontWith(evalPath, objectives, variables, (_row, cells) => [...cells]);
  return { header, rows: rows.map((m) => m.item), evaluations };
}

function recomputeFrontWith<T>(
  evalPath: string, objectives: readonly RunObjective[], variables: readonly string[], make: (row: RunRow, cells: readonly string[]) => T,
): { header: readonly string[]; rows: { index: number; item: T }[]; evaluations: number } {
  const metrics = objectives.map((o) => o.metric);
  const archive = new FrontArchive<{ index: number; item: T }>(objectives.map((o) => o.sense));
  let readRow: RowReader | undefined;
  let readCloud: CloudRowReader | undefined;
  let parameterColumns: readonly string[] = [];
  let header: readonly string[] = [];
  const read = streamCsvFile(evalPath, (names) => {
    header = names;
    const columns = classifyColumns(names, evalPath, variables);
    // An objective that is not a column is named by readRun's own pass (the rows then have no front).
    if (!metrics.every((m) => numericColumns(columns).includes(m))) return;
    parameterColumns = columns.parameterColumns;
    readRow = rowReader(names, columns, evalPath);
    readCloud = cloudRowReader(names, columns, metrics, evalPath);
  }, (cells, r) => {
    if (!readCloud) return;
    const row = readCloud(cells, r);
    if (row.error !== '' || !row.feasible || row.sameDesignAs || !row.values.every(Number.isFinite)) return;
    archive.add(row.values, () => {
      const full = readRow!(cells, r);
      return { key: JSON.stringify(parameterColumns.map((c) => full.params[c])), item: { index: full.index, item: make(full, cells) } };
    });
  }, { what: 'run file' });
  return { header, rows: archive.items().sort((a, b) => a.index - b.index), evaluations: read.rows };
}
