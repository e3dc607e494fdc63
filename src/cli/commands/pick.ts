/**
 * `cosearch pick RUN_DIR [--knee | --weights energy=0.5,area=0.3 | --lexicographic energy,area] [--constraint
 * 'accuracy >= 0.95' ...] [--out FILE]`: one design from a run's front. Feasible, error-free rows that meet every
 * --constraint are filtered to their non-dominated set in the run's objectives; the rule picks one (knee by
 * default; see src/search/decide); the design is printed with its overrides and written as a config file
 * ("path": value pairs, the space's base included; a multi-network run's `network` is printed for `--network`
 * instead) for `cosearch evaluate --config`. `--network NAME`: from that network's own front (the rule of the report's "Front
 * of each network"); without it, a multi-network run's front spans its workloads, which the headline says.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, counted, decimalValue, didYouMeanName, INPUT_LIMITS_BYTES, readInputText } from '../../core/index.js';
import {
  booleanCell, cellPlace, checkCommandOutputFile, isNetworkList, manifestNetworks, EVALUATIONS_CSV, LAZY_COLUMN, MANIFEST_JSON, NOTE_COLUMN, numberCell, SAME_DESIGN_COLUMN, parseManifest, runIndexProblem, pointOverrides, recordPoint, csvRecords, readCsvText, textPrefixNote, writeFileAtomic, type ManifestRead,
} from '../../io/run/index.js';
import { contradictedEnd, outsideRange, type MetricBound } from '../../search/index.js';
import { distinctPointCount, KNEE_MIN_DESIGNS, kneeIndex, lexicographicIndex, parseCondition, satisfies, weightedIndex, type Condition } from '../../search/decide/index.js';
import { METRIC_NAMES, metricRange } from '../../sim/metrics.js';
import { splitNetworkOverride } from '../../model/select.js';
import { FrontArchive } from '../../io/report/front.js';
import { runState, unfinishedRunOf } from '../../io/report/run.js';
import { NETWORK_COLUMN } from '../../util/networkColumn.js';
import { designModelNotes } from '../../app/index.js';
import type { Sense } from '../../util/objectives.js';

interface PickFlags {
  knee?: boolean;
  weights?: string;
  lexicographic?: string;
  constraint: Condition[];
  /** Pick from this network's own front (a multi-network run's rows of that workload only). */
  network?: string;
  out?: string;
}

export interface Pick {
  readonly rule: string;
  readonly row: Record<string, string>;
  readonly overrides: Record<string, number | string>;
  /** Rows on the front: every row of a design, and designs equal in every objective (twins), are each a row. */
  readonly frontRows: number;
  /** Different objective vectors among the front rows (the knee rule's distinct designs). */
  readonly frontDesigns: number;
  /** Feasible rows without an error (meeting the constraints, when given) the front was taken over. */
  readonly considered: number;
  /** Rows like those that repeat a chip an earlier row evaluated (sameDesignAs), not in `considered`. */
  readonly repeats: number;
  /** Rows of evaluations.csv. */
  readonly evaluations: number;
  /** Whether --constraint conditions filtered the rows. */
  readonly constrained: boolean;
  /** The network the row was evaluated on (its `network` column, else the run's single network). */
  readonly network?: string;
  /**
   * Where the front came from: `network`, the front of the --network given (networkFronts.ts, the report's rule); `across`,
   * the one front of a multi-network run without --network, which compares workloads (its networks listed).
   */
  readonly scope?: { readonly network: string } | { readonly across: readonly string[] };
  /** What the pick took differently from what was given (weights not summing to 1, scaled): printed as `note:` lines. */
  readonly notes: readonly string[];
  /** evaluations.csv holds other rows than its manifest vouches for (evaluationsDigest): what differs (noted on stderr). */
  readonly editedRows?: string;
  /** The run's state (runState: completed, interrupted, failed, running, stopped) and rows when picked: picked.json's `$pickedFrom`. */
  readonly run: { readonly state: string; readonly evaluations: number };
  /** The run did not complete (or is still running): the note saying the pick is from its rows so far (noted on stderr). */
  readonly unfinished?: string;
}

/**
 * The key of picked.json that records where the pick came from (the run folder, the row, the run's state and rows then):
 * `cosearch evaluate --config` skips it, so a pick from a run that has since been resumed can be told stale.
 */
export const PICKED_FROM_KEY = '$pickedFrom';

/** The default config file, in the run folder. */
export const PICKED_JSON = 'picked.json';

/** The default --out checked: its refusal names the path tried and says that --out chooses another (the user never typed that path). */
function defaultOutChecked(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${error.message}; choose another file with --out FILE`);
    throw error;
  }
}

/** A condition as the bound it puts on its metric (`==` bounds both sides). */
function conditionBound(c: Condition): MetricBound {
  if (c.op === '==') return { min: c.value, max: c.value };
  return c.op.startsWith('>') ? { min: c.value, strict: c.op === '>' } : { max: c.value, strict: c.op === '<' };
}

/**
 * A --constraint no value of its metric can meet (`accuracy >= 95`), refused with the reason a space's constraint
 * gets (src/search/space/range.ts), rather than picking from no row.
 */
export function checkConstraintRange(c: Condition): void {
  const outside = outsideRange(c.metric, conditionBound(c), metricRange(c.metric));
  if (outside) throw new ConfigError(`--constraint: got "${c.metric} ${c.op} ${c.value}", expected a bound ${c.metric} can meet (${outside})`);
}

/** The picked row of a run folder and its overrides (pure apart from reading the folder). */
export function pickFromRun(dir: string, flags: Omit<PickFlags, 'out'>): Pick {
  const manifestPath = join(dir, MANIFEST_JSON);
  if (!existsSync(manifestPath)) throw new ConfigError(`RUN_DIR: ${manifestPath} does not exist (not a cosearch run folder?)`);
  // Both files through the safe-input layer, as `cosearch report` reads them: a FIFO is refused, not waited on.
  const manifest: ManifestRead = parseManifest(readInputText(manifestPath, { what: 'run file' }), manifestPath);
  // Read whole as readCsvFile reads it; the text is also what the rows the manifest vouches for are compared with.
  const csvPath = join(dir, EVALUATIONS_CSV);
  const text = readInputText(csvPath, { what: 'run file', maxBytes: INPUT_LIMITS_BYTES.csv });
  const table = readCsvText(text, csvPath);
  const columns = [...table.header];
  const records = csvRecords(table);
  const editedRows = textPrefixNote(csvPath, text, manifest.evaluationsDigest);
  const names = manifest.objectives.map((o) => o.metric);
  const senses = manifest.objectives.map((o) => o.sense);
  for (const n of names) {
    if (!columns.includes(n)) throw new ConfigError(`${manifestPath}: objectives: metric "${n}" is not a column of ${join(dir, EVALUATIONS_CSV)}${didYouMeanName(n, columns)}`);
  }
  const textColumns = [
    'feasible', 'error', NOTE_COLUMN, LAZY_COLUMN,
    ...manifest.parameters.filter((p) => p.values.some((v) => typeof v === 'string')).map((p) => p.name),
  ];
  for (const [k, c] of flags.constraint.entries()) {
    if (!columns.includes(c.metric)) {
      // A simulator metric with no column was not computed: on-demand groups (accuracy, the training cost, ...) have
      // columns only in runs that read them.
      const why = METRIC_NAMES.includes(c.metric) ? ' (the run computed only the metrics its objectives, constraints and study read: add it to the space and search again)' : '';
      throw new ConfigError(`--constraint: "${c.metric}" is not a column of ${EVALUATIONS_CSV}${why}${didYouMeanName(c.metric, columns)}`);
    }
    // A condition on a text column (`feasible == 1`, `network == 1`) is the flag's mistake, not a bad cell of the run's CSV.
    if (textColumns.includes(c.metric)) {
      throw new ConfigError(`--constraint: got "${c.metric} ${c.op} ${c.value}", expected a condition on a numeric column ("${c.metric}" holds text in ${EVALUATIONS_CSV})`);
    }
    checkConstraintRange(c);
    // Two bounds no value meets together are refused as a space's pair is (sections.ts), not found to leave no row.
    const clash = flags.constraint.slice(0, k).find((e) => e.metric === c.metric && contradictedEnd(conditionBound(e), conditionBound(c)));
    if (clash) {
      throw new ConfigError(`--constraint: got "${c.metric} ${c.op} ${c.value}", expected a bound no other constraint contradicts (--constraint "${clash.metric} ${clash.op} ${clash.value}": no design can meet both)`);
    }
  }
  // Objective and constraint cells read as the report reads them (src/io/run/cells.ts): a cell that is not a number is refused.
  const file = join(dir, EVALUATIONS_CSV);
  // The index column checked as the report checks it: a repeated or missing row is refused, not counted.
  records.forEach((r, i) => {
    const problem = runIndexProblem(i + 1, r.index ?? '');
    if (problem !== undefined) throw new ConfigError(`${file}: ${problem}`);
  });
  const numeric = [...new Set([...names, ...flags.constraint.map((c) => c.metric)])];
  const values = records.map((r, i) => new Map(numeric.map((n) => [n, numberCell(r[n], () => cellPlace(file, i + 1, n))])));
  const runNetworks = networksOfRun(manifest, records);
  const only = flags.network === undefined ? undefined : checkedNetwork(flags.network, manifest, runNetworks);
  // A row's network: its `network` cell, else the run's one network (a name, or a list of one).
  const declared = manifestNetworks(manifest.network);
  const single = declared.length === 1 ? declared[0] : undefined;
  const rowNetwork = (r: Record<string, string>): string | undefined => r[NETWORK_COLUMN] || single;
  // A row repeating a design an earlier row evaluated (sameDesignAs: the same chip) is that row: picked from once.
  const candidateAt = records.flatMap((r, i) =>
    (only === undefined || rowNetwork(r) === only) &&
    (!columns.includes('feasible') || booleanCell(r.feasible, () => cellPlace(file, i + 1, 'feasible'))) &&
    (!columns.includes('error') || r.error === '') &&
    names.every((n) => Number.isFinite(values[i].get(n))) ? [i] : []);
  const feasibleAt = candidateAt.filter((i) => !records[i][SAME_DESIGN_COLUMN]);
  const repeatAt = candidateAt.filter((i) => records[i][SAME_DESIGN_COLUMN]);
  if (feasibleAt.length === 0) throw new ConfigError(`${dir}: no feasible row${only === undefined ? '' : ` of network ${only}`}, expected at least one to pick from`);
  const meets = (i: number) => flags.constraint.every((c) => satisfies(values[i].get(c.metric)!, c));
  const usableAt = feasibleAt.filter(meets);
  if (usableAt.length === 0) throw new ConfigError(unmetConstraints(flags.constraint, feasibleAt.map((i) => values[i]), repeatAt.length));
  const usable = usableAt.map((i) => records[i]);
  const points = usableAt.map((i) => names.map((n) => values[i].get(n)!));
  // One rule with and without --network (the rows are then that network's): the search's archive's and the report's, one
  // row per configuration (a configuration drawn twice was two front rows of a plain pick until 2026-12-07).
  const front = frontIndices(points, senses, usable.map((r) => manifest.parameters.map((p) => r[p.name] ?? '')));
  const frontPoints = front.map((i) => points[i]);
  const frontDesigns = distinctPointCount(frontPoints);
  const rules = [flags.knee, flags.weights !== undefined, flags.lexicographic !== undefined].filter(Boolean).length;
  if (rules > 1) throw new ConfigError('pick: got more than one of --knee, --weights, --lexicographic, expected one');
  let rule = 'knee (largest trade-off)';
  let at: number;
  const notes: string[] = [];
  if (flags.weights !== undefined) {
    const given = parseNamed(flags.weights, names, '--weights');
    const weights = names.map((n) => given.get(n) ?? 0);
    at = weightedIndex(frontPoints, senses, weights);
    rule = `pseudo-weights nearest ${flags.weights}`;
    const note = weightsScaledNote(names, weights);
    if (note) notes.push(note);
  } else if (flags.lexicographic !== undefined) {
    const order = flags.lexicographic.split(',').map((n) => {
      const k = names.indexOf(n.trim());
      if (k < 0) throw new ConfigError(`--lexicographic: got "${n}", expected an objective of the run (${names.join(', ')})${didYouMeanName(n.trim(), names)}`);
      return k;
    });
    const twice = order.find((k, i) => order.indexOf(k) !== i);
    if (twice !== undefined) throw new ConfigError(`--lexicographic: got "${names[twice]}" twice, expected each objective at most once`);
    at = lexicographicIndex(frontPoints, senses, order);
    rule = `lexicographic ${flags.lexicographic}`;
  } else if (frontDesigns < KNEE_MIN_DESIGNS) {
    // No knee to find (the report marks none either): the rule would only pick the lower index, so say that is what happens.
    at = 0;
    rule = `no knee (the front has ${counted(frontDesigns, 'distinct design')}, a knee needs ${KNEE_MIN_DESIGNS}): the first front row`;
  } else {
    at = kneeIndex(frontPoints, senses);
  }
  const row = usable[front[at]];
  const point = recordPoint(manifest.parameters, row);
  // A multi-network run searches `network` as a variable: it goes on evaluate's --network, not into the config
  // (a config file holds hardware parameters only, and `network` is none).
  const { rest: overrides } = splitNetworkOverride({ ...manifest.base, ...pointOverrides(manifest.parameters, point) });
  const network = rowNetwork(row);
  const scope = only !== undefined ? { network: only } : runNetworks.length > 1 ? { across: runNetworks } : undefined;
  // As the report says it (unfinishedRun): a killed, interrupted or live run's front is of the rows so far (QA runs defect 2).
  const unfinished = unfinishedRunOf(manifest, dir, records.length);
  return {
    run: { state: runState(manifest, dir), evaluations: records.length },
    ...(unfinished ? { unfinished: `${unfinished.progress}: the pick is from the front of its rows so far, not the search's final one; ${unfinished.running ? 'pick again when it ends' : `${unfinished.next}, then pick again`}` } : {}),
    rule, row, overrides, frontRows: front.length, frontDesigns, considered: usable.length, repeats: repeatAt.filter(meets).length,
    evaluations: records.length, constrained: flags.constraint.length > 0, notes,
    ...(network ? { network } : {}), ...(scope ? { scope } : {}),
    ...(editedRows !== undefined ? { editedRows } : {}),
  };
}

/** The networks a run searched: its manifest's list (or single name), then any other value its `network` column holds. */
function networksOfRun(manifest: ManifestRead, records: readonly Record<string, string>[]): string[] {
  const listed = [...manifestNetworks(manifest.network)];
  for (const r of records) if (r[NETWORK_COLUMN] && !listed.includes(r[NETWORK_COLUMN])) listed.push(r[NETWORK_COLUMN]);
  return listed;
}

/** --network checked against the run's networks: one of them, or refused in one line naming them (with a suggestion). */
function checkedNetwork(name: string, manifest: ManifestRead, networks: readonly string[]): string {
  if (networks.includes(name)) return name;
  if (networks.length === 0) throw new ConfigError(`--network: got "${name}", expected no --network (the run's network is written inline in its space, a front of its own)`);
  if (networks.length === 1) throw new ConfigError(`--network: got "${name}", expected ${networks[0]}, the one network the run searched${didYouMeanName(name, networks)}`);
  const listed = isNetworkList(manifest.network) ? 'the networks the run searched' : 'a network of the run\'s rows';
  throw new ConfigError(`--network: got "${name}", expected one of ${listed} (${networks.join(', ')})${didYouMeanName(name, networks)}`);
}

/**
 * The front of `points` (their configurations' parameter values in `configurations`) by the rule of the search's archive,
 * the report's front and its "Front of each network" (FrontArchive: non-dominated, the first row of a configuration
 * only), as indices, in order.
 */
function frontIndices(points: readonly (readonly number[])[], senses: readonly Sense[], configurations: readonly (readonly string[])[]): number[] {
  const archive = new FrontArchive<number>(senses);
  points.forEach((p, index) => archive.add(p, () => ({ key: JSON.stringify(configurations[index]), item: index })));
  return archive.items().sort((a, b) => a - b);
}

/**
 * Why no feasible row meets the --constraints: each one no row meets alone, with the best value any feasible row
 * reaches (`--constraint "macError_rms <= 0.01": no feasible row meets it (the least macError_rms of the 48 feasible
 * rows is 0.0235)`), or, when each is met alone, how many rows meet each.
 */
export function unmetConstraints(constraints: readonly Condition[], rows: readonly ReadonlyMap<string, number>[], repeats = 0): string {
  const quoted = (c: Condition): string => `--constraint "${c.metric} ${c.op} ${c.value}"`;
  const feasible = feasibleCount(rows.length, repeats);
  const unmet = constraints.filter((c) => !rows.some((r) => satisfies(r.get(c.metric)!, c)));
  if (unmet.length === 0) {
    const each = constraints.map((c) => `${quoted(c)}: ${rows.filter((r) => satisfies(r.get(c.metric)!, c)).length}`).join(', ');
    return `--constraint: no row of the ${feasible} meets all ${constraints.length} together, expected at least one to pick from (rows meeting each alone: ${each})`;
  }
  return unmet.map((c) => {
    const reached = rows.map((r) => r.get(c.metric)!).filter(Number.isFinite);
    if (reached.length === 0) return `${quoted(c)}: no feasible row meets it (none of the ${feasible} has a number in ${c.metric})`;
    const [word, best] = c.op === '==' ? ['nearest', reached.reduce((b, v) => (Math.abs(v - c.value) < Math.abs(b - c.value) ? v : b))]
      : c.op.startsWith('<') ? ['least', reached.reduce((b, v) => Math.min(b, v))] : ['greatest', reached.reduce((b, v) => Math.max(b, v))];
    return `${quoted(c)}: no feasible row meets it (the ${word} ${c.metric} of the ${feasible} is ${best})`;
  }).join('; ');
}

/** Sums within this of 1 are taken as 1 (0.1 + 0.2 + 0.7 is 0.9999999999999999 in binary). */
const WEIGHT_SUM_TOLERANCE = 1e-9;

/**
 * `--weights` that do not sum to 1 are compared with the pseudo-weights (which do) scaled to sum 1: said, with the
 * weights used, since pymoo compares them as given (docs/search.md, `cosearch pick`).
 */
export function weightsScaledNote(names: readonly string[], weights: readonly number[]): string | undefined {
  const total = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) <= WEIGHT_SUM_TOLERANCE) return undefined;
  const used = names.map((n, k) => `${n}=${Number((weights[k] / total).toPrecision(4))}`).join(',');
  return `--weights sum to ${Number(total.toPrecision(6))}, not 1: compared with the pseudo-weights (which sum to 1) as ${used}`;
}

function parseNamed(raw: string, names: readonly string[], flag: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of raw.split(',')) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    const n = value === undefined ? undefined : decimalValue(value);
    if (!name || rest.length > 0 || n === undefined || n < 0) throw new ConfigError(`${flag}: got "${part}", expected objective=weight with a finite non-negative weight`);
    if (!names.includes(name)) throw new ConfigError(`${flag}: got "${name}", expected an objective of the run (${names.join(', ')})${didYouMeanName(name, names)}`);
    if (out.has(name)) throw new ConfigError(`${flag}: got "${name}" twice, expected each objective at most once (an objective left out weighs 0)`);
    out.set(name, n);
  }
  if (![...out.values()].some((w) => w > 0)) throw new ConfigError(`${flag}: got "${raw}", expected at least one weight > 0`);
  return out;
}

export function register(program: Command): void {
  program
    .command('pick')
    .description("Pick one design from a run's front (knee, weighted compromise or lexicographic) and write it as a config file")
    .argument('<run-dir>', 'a run folder (results/<run>)')
    .option('--knee', 'the largest marginal trade-off (the default)')
    .option('--weights <list>', 'objective=weight,... : the design whose pymoo pseudo-weights are nearest (L1, weights scaled to sum 1)')
    .option('--lexicographic <list>', 'objectives, most important first')
    .option('--network <name>', "pick from this network's own front (a run that searched several; as the report's \"Front of each network\")")
    .option('--constraint <condition>', "a condition on any column, e.g. 'accuracy >= 0.95' (repeatable)", (raw: string, all: Condition[]) => [...all, parseCondition(raw)], [])
    .option('--out <file>', 'config file to write (default RUN_DIR/picked.json)')
    .action((dir: string, flags: PickFlags) => {
      // Where the config goes is checked before it is computed, so a bad --out writes nothing (pareto's checks, and never
      // the run's files or another run's); the default, in the run folder, once the folder is known to be a run's.
      const inputs = [join(dir, MANIFEST_JSON), join(dir, EVALUATIONS_CSV)];
      if (flags.out !== undefined) checkCommandOutputFile(flags.out, '--out', inputs);
      const pick = pickFromRun(dir, flags);
      const out = flags.out ?? join(dir, PICKED_JSON);
      if (flags.out === undefined) defaultOutChecked(() => checkCommandOutputFile(out, `--out (default ${PICKED_JSON} in RUN_DIR):`, inputs));
      const pickedFrom = { run: dir, index: Number(pick.row.index), state: pick.run.state, evaluations: pick.run.evaluations };
      writeFileAtomic(out, `${JSON.stringify({ ...pick.overrides, [PICKED_FROM_KEY]: pickedFrom }, null, 2)}\n`);
      // The note column (what the figures rest on) only when it says something.
      const shown = Object.entries(pick.row).filter(([k, v]) => k !== 'error' && !(k === NOTE_COLUMN && v === ''));
      const network = pick.network ? ` --network ${pick.network}` : '';
      process.stdout.write(
        [
          pickHeadline(dir, pick),
          ...shown.map(([k, v]) => `  ${k} = ${v}`),
          'overrides:',
          ...Object.entries(pick.overrides).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
          `written to ${out}; evaluate it with: cosearch evaluate${network} --config ${out}`,
        ].join('\n') + '\n',
      );
      const notes = [...(pick.unfinished !== undefined ? [pick.unfinished] : []), ...pick.notes, ...pickedDesignNotes(pick), ...(pick.editedRows !== undefined ? [pick.editedRows] : [])];
      for (const note of notes) process.stderr.write(`pick: note: ${note}\n`);
    });
}

/**
 * `20 feasible rows`, or with rows repeating a chip an earlier row evaluated (sameDesignAs) `20 feasible distinct chips
 * (32 feasible rows)`: a repeat is no design of its own, and "20 feasible rows" read as 20 of the 32 (QA recent 4).
 */
function feasibleCount(firstRows: number, repeats: number): string {
  return repeats > 0 ? `${counted(firstRows, 'feasible distinct chip')} (${counted(firstRows + repeats, 'feasible row')})` : counted(firstRows, 'feasible row');
}

/**
 * What was picked, from how many: `index 10; front: 4 rows, 3 distinct designs, from 5 feasible rows of 24 evaluations`.
 * The front's rows and its distinct designs are both given: twins (equal in every objective) are rows of one design.
 */
export function pickHeadline(dir: string, pick: Pick): string {
  const rows = `${feasibleCount(pick.considered, pick.repeats)}${pick.scope && 'network' in pick.scope ? ` of ${pick.scope.network}` : ''}${pick.constrained ? ' meeting the constraints' : ''}`;
  const front = !pick.scope ? 'front' : 'network' in pick.scope ? `front of network ${pick.scope.network}`
    : `front across ${pick.scope.across.length} networks (${pick.scope.across.join(', ')}: workloads compared; --network NAME picks within one)`;
  return `${dir}: ${pick.rule}: index ${pick.row.index ?? '?'}; ${front}: ${counted(pick.frontRows, 'row')}, `
    + `${counted(pick.frontDesigns, 'distinct design')}, from ${rows} of ${counted(pick.evaluations, 'evaluation')}`;
}

/**
 * What the picked design's energy, latency and area rest on: the notes `cosearch evaluate --config` prints for it
 * (src/app/frontNotes.ts), since the run's CSV carries them only where accuracy was measured. None for a run whose
 * network is no name or path (an inline definition); a network file that no longer resolves says so.
 */
function pickedDesignNotes(pick: Pick): string[] {
  if (pick.network === undefined) return [];
  try {
    return designModelNotes(pick.network, pick.overrides);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [`the picked design's model notes were not computed: ${error.message}`];
  }
}
