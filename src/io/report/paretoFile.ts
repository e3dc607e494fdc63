/**
 * pareto.csv checked before the report draws it as the front. It is derived from evaluations.csv (the search writes
 * its archive's rows when it ends), so whatever makes it disagree with evaluations.csv (an edit, another run's file,
 * a run resumed and stopped before it rewrote it) is found and named, one problem as one line, and the report then
 * draws the front recomputed from evaluations.csv (front.ts) with that line as a note: never a wrong front drawn
 * as the optimum. Checked on its own (readParetoFile): every row feasible, error-free, a number in each objective,
 * each index once, none dominated by another; against evaluations.csv, row by row as it streams (FrontCheck): each
 * row there with the same cells, no evaluation dominating a row of the front, none missing from it.
 */
import { INPUT_LIMITS_BYTES, readInputText } from '../../core/index.js';
import { describeCell, readCsvText, type RunObjective } from '../run/index.js';
import { dominatesMin, minimisedPoint, type Sense } from '../../util/objectives.js';
import { IndexSet } from './cloud.js';
import { classifyColumns, numericColumns, rowReader, type RunRow } from './rows.js';

/** A row of pareto.csv: its data row number, its cells, its RunRow and its objectives in minimisation form. */
interface FrontRow {
  readonly line: number;
  readonly cells: readonly string[];
  readonly row: RunRow;
  readonly values: readonly number[];
}

export interface ParetoFile {
  readonly header: readonly string[];
  readonly rows: readonly FrontRow[];
  /** Its last line was cut off (and left out). */
  readonly truncatedTail: boolean;
}

/**
 * pareto.csv read and checked on its own: its rows, or the first disagreement with what a front is, as one line
 * (`<path>: row 3 (index 44): ...`). A file that cannot be read as a run CSV (malformed, a cell that is not a number)
 * is refused, as evaluations.csv would be: a ConfigError.
 */
export function readParetoFile(path: string, objectives: readonly RunObjective[], variables: readonly string[]): ParetoFile | { readonly problem: string } {
  const table = readCsvText(readInputText(path, { what: 'run file', maxBytes: INPUT_LIMITS_BYTES.csv }), path);
  const columns = classifyColumns(table.header, path, variables);
  const missing = objectives.find((o) => !numericColumns(columns).includes(o.metric));
  if (missing) return { problem: `${path}: header: objective "${missing.metric}" is not a column, expected the columns of evaluations.csv` };
  const read = rowReader(table.header, columns, path);
  const seen = new IndexSet();
  const senses = objectives.map((o) => o.sense);
  const rows: FrontRow[] = [];
  for (const [k, cells] of table.rows.entries()) {
    const line = k + 1;
    const row = read(cells, line);
    const at = `${path}: row ${line} (index ${row.index})`;
    if (!seen.add(row.index)) return { problem: `${at}: index ${row.index} appears twice, expected one row per evaluation` };
    if (row.error !== '') return { problem: `${at}: error: got ${describeCell(row.error)}, expected an evaluation that did not fail` };
    if (!row.feasible) return { problem: `${at}: feasible is false, expected only feasible points on the front` };
    for (const o of objectives) {
      const cell = cells[table.header.indexOf(o.metric)];
      if (!Number.isFinite(row.metrics[o.metric])) return { problem: `${at}: ${o.metric}: got ${describeCell(cell)}, expected a number for every objective on the front` };
    }
    rows.push({ line, cells, row, values: minimisedPoint(objectives.map((o) => row.metrics[o.metric]), senses) });
  }
  for (const a of rows) {
    const by = rows.find((b) => dominatesMin(b.values, a.values));
    if (by) return { problem: `${path}: row ${a.line} (index ${a.row.index}): dominated by row ${by.line} (index ${by.row.index}) in ${objectiveList(objectives)}, expected only non-dominated rows on the front` };
  }
  return { header: table.header, rows, truncatedTail: table.truncatedTail };
}

const objectiveList = (objectives: readonly RunObjective[]): string => objectives.map((o) => `${o.metric} (${o.sense})`).join(', ');

/**
 * pareto.csv against evaluations.csv, one evaluation at a time (readRun's pass): the first disagreement, as one line.
 * A row on the front must be there with the same cells; a usable row (feasible, no error, a number in each objective)
 * off the front must be dominated by a row of the front, or be a configuration already on it (the search's archive
 * keeps the first evaluation of a configuration, src/search/run/archive.ts).
 */
export class FrontCheck {
  private readonly byIndex = new Map<number, FrontRow>();
  private readonly senses: readonly Sense[];
  private readonly found = new Set<number>();
  private first: string | undefined;

  constructor(
    private readonly front: ParetoFile, private readonly objectives: readonly RunObjective[], private readonly parameterAt: readonly number[],
    private readonly evalPath: string, private readonly paretoPath: string,
  ) {
    for (const f of front.rows) this.byIndex.set(f.row.index, f);
    this.senses = objectives.map((o) => o.sense);
  }

  /** The header of evaluations.csv: pareto.csv must have the same columns. */
  header(header: readonly string[]): void {
    if (this.front.header.join(',') !== header.join(',')) this.fail(`${this.paretoPath}: header: its columns differ from those of ${this.evalPath}, expected the same columns`);
  }

  /** Row `line` of evaluations.csv: its cells, and its objective values when it is usable (else undefined). */
  row(line: number, index: number, cells: readonly string[], usable: readonly number[] | undefined): void {
    if (this.first !== undefined) return;
    const onFront = this.byIndex.get(index);
    if (onFront) {
      this.found.add(index);
      const j = cells.findIndex((c, k) => c !== onFront.cells[k]);
      if (j >= 0) this.fail(`${this.paretoPath}: row ${onFront.line} (index ${index}): ${this.front.header[j]}: got ${describeCell(onFront.cells[j])}, expected ${describeCell(cells[j])} as in row ${line} of ${this.evalPath}`);
      return;
    }
    if (!usable) return;
    const v = minimisedPoint(usable, this.senses);
    for (const f of this.front.rows) {
      // Dominated by a row of the front, it dominates none: that row would dominate it too (readParetoFile refused that).
      if (dominatesMin(f.values, v)) return;
      if (dominatesMin(v, f.values)) return this.fail(`${this.paretoPath}: row ${f.line} (index ${f.row.index}): dominated by row ${line} (index ${index}) of ${this.evalPath} in ${objectiveList(this.objectives)}, expected only non-dominated rows on the front`);
    }
    if (this.front.rows.some((f) => this.parameterAt.every((k) => f.cells[k] === cells[k]))) return;
    this.fail(`${this.paretoPath}: row ${line} (index ${index}) of ${this.evalPath} is not in it, expected every non-dominated feasible evaluation on the front`);
  }

  /** After the last row: the first disagreement, if any (a row of the front that evaluations.csv does not have included). */
  problem(): string | undefined {
    const lost = this.front.rows.find((f) => !this.found.has(f.row.index));
    if (this.first === undefined && lost) this.fail(`${this.paretoPath}: row ${lost.line} (index ${lost.row.index}): not in ${this.evalPath}, expected only rows of the run on the front`);
    return this.first;
  }

  private fail(problem: string): void {
    this.first ??= problem;
  }
}
