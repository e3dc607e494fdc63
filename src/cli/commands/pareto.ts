/** `cosearch pareto CSV --objectives a:min,b:max`: recompute the non-dominated set of any evaluations CSV. */
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { checkInputFile, ConfigError, decimalValue, didYouMean, INPUT_LIMITS_BYTES } from '../../core/index.js';
import { booleanCell, cellPlace, checkCommandOutputFile, isNetworkList, LogReadDigest, MANIFEST_JSON, manifestBeside, manifestNetworks, numberCell, numberOrText, runIndexProblem, type RunNetwork, SAME_DESIGN_COLUMN, streamCsvFile, toCsv, writeFileAtomic } from '../../io/run/index.js';
import { NetworkFronts, withHypervolumes } from '../../io/report/networkFronts.js';
import { NETWORK_COLUMN } from '../../util/networkColumn.js';
import { classifyColumns, type RunRow } from '../../io/report/rows.js';
import { unfinishedRunOf } from '../../io/report/run.js';
import { unbeatableReference } from '../../search/index.js';
import { dominates, hypervolume } from '../../search/pareto/index.js';
import type { Sense } from '../../search/space/types.js';
import { metricRange } from '../../sim/metrics.js';

/** Columns a refused --objectives lists (the file's first ones; the suggestion names the closest). */
const LISTED_COLUMNS = 12;

interface ParetoFlags {
  objectives: { metric: string; sense: Sense }[];
  out?: string;
  reference?: number[];
  by?: string;
}

export function parseObjectivesFlag(raw: string): { metric: string; sense: Sense }[] {
  const out = raw.split(',').map((part) => {
    const [metric, sense, ...rest] = part.trim().split(':');
    if (!metric || (sense !== 'min' && sense !== 'max') || rest.length > 0) {
      throw new ConfigError(`--objectives: got "${part}", expected metric:min or metric:max`);
    }
    return { metric, sense: sense as Sense };
  });
  // One metric twice (energy_pJ:min,energy_pJ:max) makes every row non-dominated: a front that says nothing.
  const twice = out.find((o, i) => out.findIndex((p) => p.metric === o.metric) !== i);
  if (twice) throw new ConfigError(`--objectives: got "${twice.metric}" twice, expected each metric at most once`);
  return out;
}

export interface FrontResult {
  readonly columns: string[];
  readonly front: Record<string, string>[];
  readonly considered: number;
  /** Rows skipped as infeasible, failed or incomplete (an empty or NaN objective). */
  readonly skipped: number;
  /**
   * Feasible, error-free rows skipped for an infinite objective (`inf`, `-Infinity`): cells.ts reads them as numbers,
   * but a front with one is no trade-off (`-inf` dominates every row) and its hypervolume is not finite.
   */
  readonly infinite: number;
  /** A run's rows repeating a design an earlier row evaluated (its `sameDesignAs` cell set): that row's chip, skipped. */
  readonly repeats: number;
  readonly hypervolume?: number;
  /** The first problem of an `index` column (a repeated or missing row, src/io/run/cells.ts runIndexProblem): warned, not refused. */
  readonly indexProblem?: string;
  /** A run's evaluations.csv holding other bytes than the manifest beside it vouches for (hashed in the one read): what differs. */
  readonly editedRows?: string;
  /** A run's evaluations.csv whose run did not complete or is still running (unfinishedRunOf, as the report says it): the note. */
  readonly unfinished?: string;
  /**
   * With FrontOptions.by: one front per value of that column (a multi-network run's `network`), in the order the values
   * first appear; `front` is then their rows one group after another, not one front across the groups.
   */
  readonly groups?: readonly FrontGroup[];
  /** `--by network` on a CSV without a network column: what pareto did instead (the one front of the manifest's one network). */
  readonly byNote?: string;
}

/** One value's front under FrontOptions.by: the report's NetworkFront (src/io/report/networkFronts.ts) as pareto prints it. */
export interface FrontGroup {
  readonly value: string;
  readonly size: number;
  /** The value's feasible, error-free rows with every objective finite (NetworkFront.feasible). */
  readonly considered: number;
  /** Against the group's own reference: its rows' worst value per objective pushed a further 10% of their range. */
  readonly hypervolume: number;
  /** Empty for a group with no such row (a network the manifest lists that has none). */
  readonly reference: readonly number[];
}

export interface FrontOptions {
  /** Bytes per read of the CSV (tests use tiny ones; default 1 MiB). */
  readonly chunkBytes?: number;
  /**
   * A column whose values split the rows: one front per value (`network`: each workload compared with itself only),
   * by the report's rule (NetworkFronts + withHypervolumes): each front with its hypervolume against its own reference,
   * and, in a run folder, a configuration evaluated twice entering once and the manifest's networks first, in its order.
   */
  readonly by?: string;
}

/**
 * The non-dominated rows of an evaluations CSV for the given objectives (feasible, error-free rows only). The CSV is
 * streamed (src/io/run/csvStream.ts, the reader of report and --resume): memory holds one chunk and the front so
 * far, not the file. A row enters the running front unless a member dominates it and evicts the members it
 * dominates; dominance being transitive, what is left at the end is exactly the non-dominated set, in file order
 * (identical points all kept), as paretoFrontIndices over every row would give.
 */
export function frontOfCsv(file: string, objectives: readonly { metric: string; sense: Sense }[], reference?: readonly number[], options: FrontOptions = {}): FrontResult {
  // The safe-input layer's checks (a regular file of bounded size), then the strict streaming CSV reader.
  checkInputFile(file, { what: 'CSV', maxBytes: INPUT_LIMITS_BYTES.csv });
  const senses = objectives.map((o) => o.sense);
  let columns: string[] = [];
  let at: number[] = [];
  let feasibleAt = -1;
  let errorAt = -1;
  let sameAt = -1;
  let indexAt = -1;
  let indexProblem: string | undefined;
  let rows = 0;
  let anyNumber = false;
  let byAt = -1;
  let single: { cells: readonly string[]; point: number[] }[] = [];
  if (reference && options.by !== undefined) {
    throw new ConfigError(`--reference: got ${reference.join(',')} with --by ${options.by}, expected no --reference: each value's front has its hypervolume against its own reference (its rows' worst values pushed 10% of their range), as the report's`);
  }
  const manifest = manifestBeside(file);
  let networks = manifest && options.by === NETWORK_COLUMN && isNetworkList(manifest.network) ? manifest.network : [];
  // `--by network` on a single-network run's CSV (no network column): every row is the manifest's one network.
  let soleValue: string | undefined;
  let byNote: string | undefined;
  // Each group's front row keeps its cells (the printed and written row); its metrics are the objective values.
  const cellsOf = new WeakMap<RunRow, readonly string[]>();
  let configurationKey = (_cells: readonly string[], row: number): string => String(row);
  const onHeader = (header: readonly string[]) => {
    columns = [...header];
    for (const o of objectives) {
      if (!columns.includes(o.metric)) {
        // The suggestion first, then a few columns (a run's CSV has ~50: the whole list makes a 1,800-character line).
        const more = columns.length > LISTED_COLUMNS ? `, and ${columns.length - LISTED_COLUMNS} more` : '';
        throw new ConfigError(`--objectives: "${o.metric}" is not a column of ${file}${didYouMean(o.metric, columns)}; its columns: ${columns.slice(0, LISTED_COLUMNS).join(', ')}${more}`);
      }
    }
    if (reference && reference.length !== objectives.length) {
      throw new ConfigError(`--reference: got ${reference.length} values, expected ${objectives.length} (one per objective)`);
    }
    // A reference no design can beat would give hypervolume 0 for any front: refused as a space's reference is (src/search/space/range.ts).
    objectives.forEach((o, k) => {
      const unbeatable = reference && unbeatableReference(o.metric, o.sense, reference[k], metricRange(o.metric));
      if (unbeatable) throw new ConfigError(`--reference: got ${reference[k]} for ${o.metric}:${o.sense}, expected ${unbeatable}`);
    });
    if (options.by === NETWORK_COLUMN && !columns.includes(NETWORK_COLUMN)) {
      soleValue = soleNetwork(file, manifest?.network);
      networks = [soleValue];
      byNote = `--by network: ${file} has no network column, a single-network run: every row is ${soleValue}'s (the ${MANIFEST_JSON} beside it), one front`;
    } else if (options.by !== undefined && !columns.includes(options.by)) {
      throw new ConfigError(`--by: "${options.by}" is not a column of ${file}${didYouMean(options.by, columns)}, expected the column whose values each get their own front (a multi-network run's: network)`);
    }
    byAt = options.by === undefined ? -1 : columns.indexOf(options.by);
    if (manifest && options.by !== undefined) {
      // A run's configuration is its searched parameters' cells, as the report keys it (recomputeFront).
      const at = classifyColumns(header, file, manifest.parameters.map((p) => p.name)).parameterColumns.map((c) => columns.indexOf(c));
      configurationKey = (cells) => JSON.stringify(at.map((j) => numberOrText(cells[j])));
    }
    at = objectives.map((o) => columns.indexOf(o.metric));
    indexAt = columns.indexOf('index');
    feasibleAt = columns.indexOf('feasible');
    errorAt = columns.indexOf('error');
    sameAt = columns.indexOf(SAME_DESIGN_COLUMN);
  };
  const byValue = options.by === undefined ? undefined : new NetworkFronts(senses, networks);
  let considered = 0;
  let infinite = 0;
  let repeats = 0;
  const onRow = (cells: readonly string[], row: number) => {
    rows++;
    if (indexAt >= 0 && indexProblem === undefined) indexProblem = runIndexProblem(row, cells[indexAt]);
    // Objective cells read as the report reads a run's (src/io/run/cells.ts): empty or NaN skips the row, text is refused;
    // an infinite one is a number, but no trade-off: counted apart (FrontResult.infinite), not called infeasible.
    const point = at.map((j) => numberCell(cells[j], () => cellPlace(file, row, columns[j])));
    const numbers = point.filter(Number.isFinite).length;
    if (numbers > 0) anyNumber = true;
    // `feasible` read as the report reads it (src/io/run/cells.ts booleanCell): pandas' True counts, "maybe" is refused.
    const feasible = feasibleAt < 0 || booleanCell(cells[feasibleAt], () => cellPlace(file, row, 'feasible'));
    if (!feasible || point.some(Number.isNaN) || (errorAt >= 0 && cells[errorAt] !== '')) return;
    // A run's row repeating a design an earlier row evaluated (sameDesignAs: the same chip) is not a point of its own.
    if (sameAt >= 0 && cells[sameAt] !== '') {
      repeats++;
      return;
    }
    if (numbers < at.length) {
      infinite++;
      return;
    }
    considered++;
    if (byValue) {
      byValue.add(soleValue ?? cells[byAt], point, () => {
        const item: RunRow = {
          index: row, generation: 0, params: {}, metrics: Object.fromEntries(objectives.map((o, k) => [o.metric, point[k]])), breakdown: {},
          feasible: true, violation: 0, error: '', note: '', lazyStatus: '',
        };
        cellsOf.set(item, cells.map(ownCopy));
        return { key: configurationKey(cells, row), item };
      });
      return;
    }
    if (single.some((m) => dominates(m.point, point, senses))) return;
    single = single.filter((m) => !dominates(point, m.point, senses));
    single.push({ cells: cells.map(ownCopy), point });
  };
  const digest = new LogReadDigest(manifest?.evaluationsDigest);
  streamCsvFile(file, onHeader, onRow, { what: 'CSV', ...(options.chunkBytes !== undefined ? { chunkBytes: options.chunkBytes } : {}), ...digest.streamOptions() });
  const editedRows = digest.note(file);
  // A header-only file has no number either: a front of 0 rows and hypervolume 0 would look like a result.
  if (!anyNumber) {
    throw new ConfigError(`${file}: no row has a number in ${objectives.map((o) => o.metric).join(' or ')}, expected numeric objective columns`);
  }
  // As the report says it (QA runs defect 2: a killed, interrupted or live run's front was given without a word).
  const unfinished = manifest && unfinishedRunOf(manifest, dirname(file), rows);
  const byFronts = byValue && withHypervolumes(byValue.result(), objectives.map((o) => o.metric), senses, hypervolume);
  const front = byFronts ? byFronts.flatMap((f) => f.rows.map((r) => cellsOf.get(r)!)) : single.map((m) => m.cells);
  return {
    columns,
    ...(byFronts ? { groups: byFronts.map((f) => ({ value: f.network, size: f.rows.length, considered: f.feasible, hypervolume: f.hypervolume ?? 0, reference: f.reference })) } : {}),
    front: front.map((cells) => Object.fromEntries(columns.map((c, j) => [c, cells[j]]))),
    considered,
    skipped: rows - considered - infinite - repeats,
    infinite,
    repeats,
    ...(indexProblem !== undefined ? { indexProblem } : {}),
    ...(byNote !== undefined ? { byNote } : {}),
    ...(editedRows !== undefined ? { editedRows } : {}),
    ...(unfinished ? { unfinished: `${unfinished.progress}: this front is of its rows so far, not the search's final one; ${unfinished.running ? 'the search writes pareto.csv when it ends' : unfinished.next}` } : {}),
    ...(!byFronts && reference ? { hypervolume: hypervolume(single.map((m) => m.point), [...reference], senses) } : {}),
  };
}

/**
 * The one network of a single-network run, for `--by network` on its CSV (which has no network column): the name the
 * run's manifest gives. A CSV with no manifest beside it, or one naming no network (a network written inline in the
 * space), carries no network at all: refused, saying what to give instead.
 */
function soleNetwork(file: string, network: RunNetwork | undefined): string {
  const names = network === undefined ? [] : manifestNetworks(network);
  if (names.length === 1) return names[0];
  const why = network === undefined ? `no readable ${MANIFEST_JSON} beside it`
    : names.length > 1 ? `its ${MANIFEST_JSON} names ${names.length} networks (${names.join(', ')}) no row is assigned to`
      : `its ${MANIFEST_JSON} names no network (one written inline in the space)`;
  throw new ConfigError(`--by network: ${file} has no network column and ${why}, expected a multi-network run's CSV or a run folder's evaluations.csv; for the one front of these rows, drop --by`);
}

/**
 * A cell as a string of its own: V8 may keep a field as a slice of the 1 MiB chunk it was read from, and a front
 * member must not keep its whole chunk alive.
 */
const ownCopy = (cell: string): string => (cell.length > 12 ? Buffer.from(cell, 'utf8').toString('utf8') : cell);

/** `--reference 1e9,5`: one decimal number per objective (a hex, blank or infinite value is refused). */
export function parseReferenceFlag(raw: string): number[] {
  return raw.split(',').map((v) => {
    const n = decimalValue(v);
    if (n === undefined) throw new ConfigError(`--reference: got "${v}", expected a number`);
    return n;
  });
}

/** `e.csv: 2 non-dominated of 3 rows (1 infeasible, failed or incomplete skipped; 1 with an infinite objective skipped)`. */
export function paretoHeadline(file: string, result: FrontResult): string {
  const infinite = (result.infinite > 0 ? `; ${result.infinite} with an infinite objective skipped` : '') +
    (result.repeats > 0 ? `; ${result.repeats} repeating an earlier row's design (${SAME_DESIGN_COLUMN}) skipped` : '');
  const groups = result.groups ? ` in ${result.groups.length} fronts (one per value of the --by column)` : '';
  return `${file}: ${result.front.length} non-dominated${groups} of ${result.considered} rows (${result.skipped} infeasible, failed or incomplete skipped${infinite})`;
}

export function register(program: Command): void {
  program
    .command('pareto')
    .description('Recompute the Pareto front of any evaluations CSV for the given objectives')
    .argument('<csv>', 'an evaluations CSV (e.g. results/<run>/evaluations.csv)')
    .requiredOption('--objectives <list>', 'comma-separated metric:min / metric:max', parseObjectivesFlag)
    .option('--out <file>', 'write the front as CSV (same columns)')
    .option('--reference <values>', 'hypervolume reference point, one value per objective (comma-separated; not with --by, whose fronts each have their own)', parseReferenceFlag)
    .option('--by <column>', "one front per value of this column (a multi-network run's network), not one front across them")
    .action((file: string, flags: ParetoFlags) => {
      // Where the front goes is checked before the CSV is read, so a bad --out writes nothing (nor replaces the CSV or a run's own file).
      if (flags.out !== undefined) checkCommandOutputFile(flags.out, '--out', [file]);
      const result = frontOfCsv(file, flags.objectives, flags.reference, flags.by === undefined ? {} : { by: flags.by });
      const shown = [...(flags.by !== undefined ? [flags.by] : []), ...(result.columns.includes('index') ? ['index'] : []), ...flags.objectives.map((o) => o.metric)];
      const lines = [
        paretoHeadline(file, result),
        ...(result.hypervolume !== undefined ? [`hypervolume ${result.hypervolume}`] : []),
        ...(result.groups ?? []).map((g) => `${flags.by} ${g.value}: ${g.size} non-dominated of ${g.considered} rows, hypervolume ${g.hypervolume}${g.reference.length > 0 ? ` against ${g.reference.join(',')}` : ''}`),
        shown.join('\t'),
        ...result.front.map((r) => shown.map((c) => r[c]).join('\t')),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      // Any CSV may be given (one of several runs joined, a table of another tool): a run's index column out of order is said, not refused.
      if (result.indexProblem !== undefined) process.stderr.write(`pareto: warning: ${file}: ${result.indexProblem} (not a run's evaluations.csv as the search wrote it; the front is of the rows as they are)\n`);
      if (result.byNote !== undefined) process.stderr.write(`pareto: note: ${result.byNote}\n`);
      if (result.unfinished !== undefined) process.stderr.write(`pareto: note: ${result.unfinished}\n`);
      if (result.editedRows !== undefined) process.stderr.write(`pareto: note: ${result.editedRows}\n`);
      if (flags.out !== undefined) {
        writeFileAtomic(flags.out, toCsv(result.front.map((r) => result.columns.map((c) => r[c])), result.columns));
        process.stdout.write(`front written to ${flags.out}\n`);
      }
    });
}
