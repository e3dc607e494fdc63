/** A run folder, new or resumed: a resumed run's CSV records come back as (canonical key, outcome) pairs, replayed through the cache. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../core/index.js';
import { isRecord } from '../guards.js';
import { cellPlace, CsvRowCursor, describeCell, EVALUATIONS_CSV, EvaluationLog, formatNumber, isRunOutputFile, LAZY_MODE_FLAG, MANIFEST_JSON, numberCell, PARETO_CSV, prefixProblemText, readManifest, TEMPORARY_FILE, toCsv, type LogDigest, type PrefixProblem, type RunManifest, type VouchedPrefix, vouchedPrefixProblem } from '../../io/run/index.js';
import type { EvalOutcome } from '../backend/types.js';
import type { LazyMode, ParamValue, SearchSpace, SpaceVariable } from '../space/types.js';
import { byName, byPosition, objectiveText, settingsText } from './settingText.js';
import { keyBuilder } from './lines.js';
import { manifestNetwork, networkFileHashes } from './manifest.js';
import { LAZY_COLUMN, parseLazyCell } from '../lazy/stage.js';
import { isLazyMode } from '../space/parse.js';
import { RUN_OPTION_WORDS, type RunOrigin } from '../strategies/definition.js';

export interface Replayed {
  readonly key: string;
  readonly outcome: EvalOutcome;
}

/** A resumed run's outcomes by run index, read from its CSV as the search reaches them (an array for a new run: empty). */
export interface ReplaySource {
  /** Rows the resumed run recorded. */
  readonly length: number;
  /** The row at run index `index` (undefined past the end). */
  at(index: number): Replayed | undefined;
}

/** The CSV columns of a run and the metrics among them (the metric cells of each row, in column order). */
export interface RunFormat {
  readonly columns: readonly string[];
  readonly metrics: readonly string[];
}

export interface RunFolder {
  readonly log: EvaluationLog;
  /** The columns the run writes: this version's, or a resumed run's own when an earlier version wrote it (its rows stay as long as its header). */
  readonly format: RunFormat;
  /** A resumed run's outcomes by run index (empty for a new run). */
  readonly replay: ReplaySource;
  /** A resumed run's manifest. */
  readonly previous: RunManifest | undefined;
  readonly csvPath: string;
  readonly paretoPath: string;
  /** A resumed run whose manifest predates the log digest: the note that its rows could not be checked. */
  readonly unchecked?: string;
}

/** What a run was started with beyond its space: compared setting by setting when a resume does not match. */
export interface RunSettings {
  readonly seed: number;
  readonly strategy: string;
  readonly settings: object;
  readonly budget: number | undefined;
  /** The run's lazy mode (false: eager); a resume names the one the run was started with. */
  readonly lazy?: LazyMode;
  /** The engine that runs it: a resume by another version or build is refused (its rows would mix two models). */
  readonly build?: RunBuild;
}

/** cosearch's package version, the hash of its model code and of the space's trained weights (undefined: the caller gave none). */
export interface RunBuild {
  readonly version: string;
  readonly modelHash: string | undefined;
  readonly weightsHash?: string | undefined;
}

/** How to resume a run in the lazy mode it was started with: the CLI's flag, or runSearch's `lazy` option. */
function lazyResumeHint(was: unknown, origin: RunOrigin): string {
  const inSpace = `the space's "lazy": ${JSON.stringify(was)}`;
  if (origin === 'api') return was === false ? 'resume it with lazy: false' : `resume it with lazy: ${JSON.stringify(was)} (or ${inSpace})`;
  return was === false ? 'resume it without a lazy flag, and without "lazy" in the space' : `resume it with ${LAZY_MODE_FLAG[String(was)]} (or ${inSpace})`;
}

/** A replayed row whose configuration is not the one the run proposes at that index now: the resume cannot continue it. */
export function replayDiverged(index: number, origin: RunOrigin): ConfigError {
  return new ConfigError(`${RUN_OPTION_WORDS[origin].resume}: the run diverged at index ${index} (the code or the space changed since); start a new run instead`);
}

/** The lazy mode the run's manifest records (its provenance's configuration, where an eager run has none); undefined without a configuration. */
function recordedLazyMode(previous: RunManifest): LazyMode | undefined {
  const configuration = previous.provenance?.configuration;
  if (!isRecord(configuration)) return undefined;
  return isLazyMode(configuration.lazy) ? configuration.lazy : false;
}

/**
 * `--resume` of a run that already completed: nothing to replay. Not a mistake (the CLI says so and exits 0);
 * thrown so that no evaluation, row or manifest is touched. A run its time budget stopped says how to continue it.
 */
export class RunAlreadyComplete extends Error {
  constructor(readonly dir: string, readonly manifest: RunManifest) {
    const time = manifest.stopReason === 'time' && manifest.budget.time_s !== undefined
      ? ` (a budget.time_s above its ${manifest.budget.time_s} in the space, or none, continues it)` : '';
    super(`${dir} is already complete (${manifest.evaluations} evaluations, stopped by ${manifest.stopReason ?? 'its strategy'}); nothing to resume${time}`);
    this.name = 'RunAlreadyComplete';
  }
}

/** What contradicts a manifest's "completed": a run the search stopped on a signal, or short of the budget it says it reached. */
function completedContradiction(m: RunManifest): string | undefined {
  if (m.stopReason === 'aborted') return 'stopReason "aborted" (a stopped run is "interrupted")';
  const planned = m.budget.evaluations;
  if (m.stopReason === 'evaluations' && planned !== undefined && m.evaluations < planned) return `stopReason "evaluations" with ${m.evaluations} of the budget's ${planned}`;
  return undefined;
}

/**
 * Whether a completed run goes on under this space: only one its time budget stopped, given more time (or none).
 * time_s is not in the fingerprint, so the rest of the run is that of the same search with a longer budget.
 */
function continuesWithMoreTime(previous: RunManifest, space: SearchSpace): boolean {
  const was = previous.budget.time_s;
  if (previous.stopReason !== 'time' || was === undefined) return false;
  return space.budget.time_s === undefined || space.budget.time_s > was;
}

/**
 * Create the run folder (refusing one that holds a run's files: checkNewRunFolder), or reopen it to resume: the manifest's
 * fingerprint must match this run's (else the refusal names the setting that differs), a completed run is not
 * replayed, and the evaluations CSV (a torn last line dropped) becomes the replay. Called with the folder's lock
 * held, so a temporary file left in it belongs to a killed process and is removed.
 * `formats`: this version's columns first, then the columns an earlier version wrote for the same run (before
 * 2026-12-03 every run had the 25 training-cost columns, empty when no training was costed): a resumed CSV in one
 * of them is continued in its own columns, its rows read by column name.
 */
export function openRunFolder(
  dir: string, formats: readonly RunFormat[], fingerprint: string, resume: boolean, space: SearchSpace, metrics: readonly string[], run?: RunSettings,
  origin: RunOrigin = 'command line',
): RunFolder {
  const words = RUN_OPTION_WORDS[origin];
  const [format, ...older] = formats;
  mkdirSync(dir, { recursive: true });
  const csvPath = join(dir, EVALUATIONS_CSV);
  const paretoPath = join(dir, PARETO_CSV);
  if (!resume) {
    checkNewRunFolder(dir, format.columns, words, space);
    removeStaleTemporaries(dir);
    return { log: EvaluationLog.create(csvPath, format.columns), format, replay: [], previous: undefined, csvPath, paretoPath };
  }
  removeStaleTemporaries(dir);
  if (!existsSync(join(dir, MANIFEST_JSON)) && existsSync(csvPath)) {
    if (isUnstartedLog(csvPath, format.columns)) {
      // Killed before its first manifest (a distributed run's first batch can take seconds) or that write failed:
      // the folder alone cannot tell which. Until 2026-12-06 this blamed a full disk for a run that was only killed.
      throw new ConfigError(`${words.resume}: ${dir} has no ${MANIFEST_JSON} yet: the run stopped before its first manifest write (killed, or that write failed, e.g. a full disk), so there is nothing to resume; start it again ${words.fresh}`);
    }
    throw new ConfigError(`${words.resume}: ${dir} has ${EVALUATIONS_CSV} but no ${MANIFEST_JSON} (not a run that can be resumed), expected a run folder; choose another ${words.out}`);
  }
  const previous = readResumableManifest(dir, words);
  if (!existsSync(csvPath)) throw new ConfigError(`${words.resume}: ${logMissing(dir, words)}`);
  const otherBuild = run?.build ? buildDifference(previous, run.build) : undefined;
  if (otherBuild) {
    throw new ConfigError(`${words.resume}: ${dir} ${otherBuild}; resume it with the build that started it, or start a new run with another ${words.out}`);
  }
  if (previous.fingerprint !== fingerprint) {
    const differ = run ? settingDifference(previous, space, run, metrics, origin) : undefined;
    throw new ConfigError(
      `${words.resume}: ${dir} was run with ${differ ?? `a different space, strategy, seed or budget (space "${previous.space}", strategy ${previous.strategy.name}, seed ${previous.seed})`}; ` +
        'repeat the run\'s settings or start a new run instead',
    );
  }
  const changed = changedNetworkFile(previous, space);
  if (changed) throw new ConfigError(`${words.resume}: ${changed} (the bytes ${dir} started with); restore the file or start a new run instead (its rows would mix two networks)`);
  // Checked once the runs are known to be of the same networks: other weights of the same network are retrained ones.
  const weights = run?.build?.weightsHash;
  if (run?.build && previous.weightsHash !== undefined && previous.weightsHash !== weights) {
    throw new ConfigError(`${words.resume}: ${dir} was run with other trained weights for its networks (${previous.weightsHash.slice(0, 12)}, now ${weights === undefined ? 'none' : weights.slice(0, 12)}); restore them or start a new run with another ${words.out} (its rows would mix two models' accuracies)`);
  }
  const notCompleted = previous.status === 'completed' ? completedContradiction(previous) : undefined;
  if (notCompleted) {
    throw new ConfigError(`${words.resume}: ${join(dir, MANIFEST_JSON)}: status "completed" but ${notCompleted}, expected "interrupted" (the search never writes this: the manifest was edited); set it back to "interrupted" to resume, or start a new run with another ${words.out}`);
  }
  if (previous.status === 'completed' && !continuesWithMoreTime(previous, space)) {
    // Nothing is replayed, but a log cut or edited since is refused as an interrupted run's is (not called complete).
    const vouched = previous.evaluationsDigest;
    const problem = vouched && vouchedPrefixProblem(csvPath, vouched);
    if (vouched && problem) throw prefixRefusal(csvPath, vouched, problem, words);
    throw new RunAlreadyComplete(dir, previous);
  }
  // Every row is checked now (a bad one refuses the resume before anything runs) and read again when replayed.
  const decoders = new Map(formats.map((f) => [f.columns, rowDecoder(f.columns, space, f.metrics, csvPath, origin)]));
  const decoderOf = (columns: readonly string[]): RowDecoder => decoders.get(columns) ?? rowDecoder(columns, space, format.metrics, csvPath, origin);
  const resumed = EvaluationLog.resume(csvPath, format.columns, (cells, row, columns) => void decoderOf(columns)(cells, row - 1), older.map((f) => f.columns),
    vouchedPrefix(csvPath, previous, words));
  const found = formats.find((f) => f.columns === resumed.log.columns) ?? format;
  const unchecked = previous.evaluationsDigest ? {} : { unchecked: `${csvPath}: its rows could not be checked against what the search wrote (the run's ${MANIFEST_JSON} is from before runs recorded evaluationsDigest); they are replayed as they are` };
  return { log: resumed.log, format: found, replay: new CsvReplay(csvPath, resumed.rows, resumed.endBytes, decoderOf(found.columns)), previous, csvPath, paretoPath, ...unchecked };
}

/**
 * The log's bytes the manifest vouches for (its evaluationsDigest: the header and the rows written by its last write),
 * hashed in the read that checks the rows and compared (src/io/run/integrity.ts), and the refusal when they differ. A
 * cell edited to another valid value would otherwise be replayed as the engine's and could reach the front. Rows after
 * the last manifest write are checked cell by cell, then cut and evaluated again (EvaluationLog.resume; the run's
 * last note says whether one differed); no row of a manifest without the record (undefined) is checked so.
 */
function vouchedPrefix(csvPath: string, previous: RunManifest, words: (typeof RUN_OPTION_WORDS)[RunOrigin]): VouchedPrefix | undefined {
  const vouched = previous.evaluationsDigest;
  return vouched && { vouched, refusal: (problem) => prefixRefusal(csvPath, vouched, problem, words) };
}

function prefixRefusal(csvPath: string, vouched: LogDigest, problem: PrefixProblem, words: (typeof RUN_OPTION_WORDS)[RunOrigin]): ConfigError {
  return new ConfigError(`${words.resume}: ${csvPath}: ${prefixProblemText(vouched, problem)}; restore the file the search wrote, or start a new run with another ${words.out}`);
}

/**
 * How the build that started the run differs from this one, or undefined when it is the same: the version, then the
 * model code's hash. A run from before runs recorded the hash has only its version compared (docs/search.md, "Resume").
 */
function buildDifference(previous: RunManifest, build: RunBuild): string | undefined {
  if (previous.packageVersion !== build.version) return `was run by cosearch ${previous.packageVersion} but this is cosearch ${build.version}`;
  if (previous.modelHash === undefined || previous.modelHash === build.modelHash) return undefined;
  const hash = (h: string | undefined): string => (h === undefined ? 'none' : h.slice(0, 12));
  return `was run by another build of cosearch ${build.version}: model code ${hash(previous.modelHash)} but this build's is ${hash(build.modelHash)}`;
}

/**
 * The manifest of the run to resume. The search writes it atomically, so one that cannot be read was damaged outside
 * the run (a copy cut short, an edit): the run cannot continue, and the refusal says what still can be done.
 */
function readResumableManifest(dir: string, words: (typeof RUN_OPTION_WORDS)[RunOrigin]): RunManifest {
  if (!existsSync(join(dir, MANIFEST_JSON))) return readManifest(dir);
  try {
    return readManifest(dir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(`${error.message}; the run's ${MANIFEST_JSON} is damaged, so the run cannot be continued: start a new run with another ${words.out} (its ${EVALUATIONS_CSV} can still be read with \`cosearch pareto\`)`);
  }
}

/** A folder whose manifest remains but whose log is gone: neither a resume nor a new run can use it. */
function logMissing(dir: string, words: (typeof RUN_OPTION_WORDS)[RunOrigin]): string {
  return `${dir} holds a run that cannot be continued: its ${EVALUATIONS_CSV} is missing; choose another ${words.out} or remove the folder`;
}

/**
 * A network file that changed since the run recorded it (manifest provenance.networkFiles, sha256 of its bytes): the
 * fingerprint names the file, not its content, so only this tells the two apart. Runs from before the record: no check.
 */
function changedNetworkFile(previous: RunManifest, space: SearchSpace): string | undefined {
  const recorded = previous.provenance?.networkFiles;
  if (recorded === null || typeof recorded !== 'object') return undefined;
  for (const [file, now] of Object.entries(networkFileHashes(space))) {
    const was = (recorded as Record<string, unknown>)[file];
    if (typeof was === 'string' && was !== now) return `network file ${file}: got ${now.slice(0, 19)}..., expected ${was.slice(0, 19)}...`;
  }
  return undefined;
}

/**
 * A new run writes its log, front, manifest and report into `dir`, replacing what is there, so it takes only a
 * folder holding none of them, or the one case where nothing can be lost: this run's own first write cut short.
 * A run creates its log (the header alone) before its first manifest and writes no row before that manifest, so a
 * full disk or a kill in between leaves a log of this run's header (or a part of it) and no manifest; the CLI's
 * hint then repeats the run without --resume, which must work. Any other run file without a manifest (a user's
 * own evaluations.csv, a run whose manifest was deleted) is someone's data: refused, as is a folder with a manifest.
 */
function checkNewRunFolder(dir: string, columns: readonly string[], words: (typeof RUN_OPTION_WORDS)[RunOrigin], space: SearchSpace): void {
  const csvPath = join(dir, EVALUATIONS_CSV);
  if (existsSync(join(dir, MANIFEST_JSON))) {
    if (!existsSync(csvPath)) throw new ConfigError(logMissing(dir, words));
    // A completed run has nothing to continue (QA runs defect 4: the refusal said to continue it, and --resume then
    // only said it was complete), unless a larger time budget continues it.
    const previous = completedManifest(dir);
    if (previous && !continuesWithMoreTime(previous, space)) {
      throw new ConfigError(`${dir} already holds a completed run (${EVALUATIONS_CSV}, ${previous.evaluations} evaluations): nothing is left to continue; start the new run with another ${words.out}`);
    }
    throw new ConfigError(`${dir} already holds a run (${EVALUATIONS_CSV}); use ${words.continue} to continue it or choose another ${words.out}`);
  }
  const found = readdirSync(dir).filter((name) => isRunOutputFile(name) && !(name === EVALUATIONS_CSV && isUnstartedLog(csvPath, columns)));
  if (found.length > 0) {
    throw new ConfigError(`${words.out} ${dir}: holds ${found.sort().join(', ')} but no ${MANIFEST_JSON} (not a run that can be resumed), expected a folder without a run's files; choose another ${words.out}`);
  }
}

/** The folder's manifest when it reads and says `completed`; undefined otherwise (the resume itself then says what is wrong). */
function completedManifest(dir: string): RunManifest | undefined {
  try {
    const manifest = readManifest(dir);
    return manifest.status === 'completed' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** A log holding this run's header or a part of it, and no row: what a first write cut short leaves. */
function isUnstartedLog(path: string, columns: readonly string[]): boolean {
  const header = toCsv([], columns);
  const stat = statSync(path);
  if (!stat.isFile() || stat.size > Buffer.byteLength(header, 'utf8')) return false;
  return header.startsWith(readFileSync(path, 'utf8'));
}

/** `.pareto.csv.1234.tmp` and the like: an atomic write cut short by a kill. */
function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) if (TEMPORARY_FILE.test(name)) rmSync(join(dir, name), { force: true });
}

/** The first setting that differs between the recorded run and this one, as `seed 7 (this run: 8)`. */
export function settingDifference(previous: RunManifest, space: SearchSpace, run: RunSettings, metrics: readonly string[], origin: RunOrigin = 'command line'): string {
  const words = RUN_OPTION_WORDS[origin];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const show = (v: unknown): string => (v === undefined || v === null ? 'none' : typeof v === 'string' ? v : JSON.stringify(v));
  const recordedLazy = recordedLazyMode(previous);
  // A folder of another space file is not this file changed: say whose run it is.
  const otherFile = previous.spaceFile !== '' && space.file !== '<inline>' && resolve(previous.spaceFile) !== resolve(space.file);
  const spaceHint = otherFile ? ` (it is a run of ${previous.spaceFile}, not of ${space.file})` : ' (the space file changed)';
  const checks: [string, unknown, unknown, string?][] = [
    // What the space is first: when it differs, no --seed/--strategy/--budget hint can make the resume right. (Not
    // its name: the fingerprint ignores it, so a renamed space resumes.)
    ['network', previous.network, manifestNetwork(space)],
    // Entry by entry: the first base setting or parameter that differs, with its two values (not both whole lists).
    ...byName('base', previous.base, space.base),
    ...byName('parameter', Object.fromEntries(previous.parameters.map((p) => [p.name, p.values])), Object.fromEntries(space.variables.map((v) => [v.name, v.values]))),
    ['parameter order', previous.parameters.map((p) => p.name), space.variables.map((v) => v.name)],
    // Position by position, as `energy_pJ:min` (until QA runs defect 4 both whole lists, as JSON).
    ...byPosition('objective', previous.objectives.map(objectiveText), space.objectives.map(objectiveText)),
    ['constraints', previous.constraints, space.constraints],
    ['seed', previous.seed, run.seed, words.seed],
    ['strategy', previous.strategy.name, run.strategy, words.strategy],
    ['budget', previous.budget.evaluations, run.budget, words.budget],
    ['strategy settings', settingsText(previous.strategy.settings), settingsText(run.settings)],
    // Only where both are known (a manifest without its provenance says nothing of the mode).
    ...(run.lazy === undefined || recordedLazy === undefined ? [] : [['lazy mode', recordedLazy, run.lazy] as [string, unknown, unknown]]),
  ];
  for (const [name, was, now, flag] of checks) {
    if (same(was, now)) continue;
    if (name === 'lazy mode') {
      // `was run with lazy mode early-stop but this run has none` (until QA runs defect 4: `lazy mode: the run was lazy early-stop ...`).
      const mode = (m: unknown): string => (m === false ? 'none' : m === true ? 'lazy' : String(m));
      return `lazy mode ${mode(was)} but this run has ${mode(now)} (${lazyResumeHint(was, origin)})`;
    }
    // A setting the run did not have (no budget) has no value to add: `--budget none` would be refused.
    const unset = was === undefined || was === null;
    const hint = !flag ? spaceHint : unset ? ` (drop ${flag} to resume it)` : ` (add ${flag} ${show(was)} to resume it)`;
    return `${name} ${show(was)} but this run has ${show(now)}${hint}`;
  }
  return `the same settings but another fingerprint (the study section or the ${metrics.length} metrics the evaluator computes changed)`;
}

type RowDecoder = (cells: readonly string[], index: number) => Replayed;

/** Decodes the row of run index `index`; throws when it is out of order or holds a value the space lacks. */
export function rowDecoder(
  columns: readonly string[], space: SearchSpace, metrics: readonly string[], csvPath: string, origin: RunOrigin = 'command line',
): RowDecoder {
  const at = new Map(columns.map((name, i) => [name, i]));
  const indexAt = at.get('index') ?? 0;
  const errorAt = at.get('error') ?? columns.length - 1;
  const lazyAt = at.get(LAZY_COLUMN);
  const violationAt = at.get('violation') ?? -1;
  const variables = space.variables.map((v) => ({ v, at: at.get(v.name) ?? -1, byText: valuesByText(v) }));
  const metricAt = metrics.map((name) => [name, at.get(name) ?? -1] as const);
  const keyOf = keyBuilder(space.variables);
  const file = `${RUN_OPTION_WORDS[origin].resume}: ${csvPath}`;
  return (cells, index) => {
    // Row `index + 1`: rows counted from 1 after the header, as report, pick and pareto count them (src/io/run/cells.ts).
    const row = index + 1;
    if (cells[indexAt] !== String(index)) throw new ConfigError(`${cellPlace(file, row, 'index')}: got ${describeCell(cells[indexAt])}, expected ${index}`);
    const point = variables.map(({ v, at: column, byText }) => {
      const text = cells[column];
      const value = byText.get(text);
      if (value === undefined) throw new ConfigError(`${cellPlace(file, row, v.name)}: got ${describeCell(text)}, expected one of the space's values`);
      return value;
    });
    // A lazy run's rows carry whether the expensive metrics were measured (src/search/lazy).
    const status: Partial<ReturnType<typeof parseLazyCell>> = lazyAt === undefined ? {} : parseLazyCell(cells[lazyAt], cellPlace(file, row, LAZY_COLUMN));
    // A predicted row's violation is the prediction the strategy ranked it by: only its CSV cell holds it.
    const lazy = status.accuracyMeasured === 'predicted' ? { ...status, predictedViolation: numberCell(cells[violationAt], () => cellPlace(file, row, 'violation')) } : status;
    const error = cells[errorAt];
    if (error !== '' && !error.startsWith('metric "')) return { key: keyOf(point), outcome: { error, ...lazy } };
    const values: Record<string, number> = {};
    for (const [name, column] of metricAt) {
      // A cell no writer makes ('abc', ' 5', '0x10': Number() would replay them as NaN, 5 and 16): the CSV was edited or is another file.
      values[name] = numberCell(cells[column], () => cellPlace(file, row, name));
    }
    return { key: keyOf(point), outcome: { metrics: values, ...lazy } };
  };
}

/** A variable's values by the text the CSV stores them as (the first of equal texts wins, as a search of the list would). */
function valuesByText(v: SpaceVariable): Map<string, ParamValue> {
  const byText = new Map<string, ParamValue>();
  for (const x of v.values) {
    const text = typeof x === 'number' ? formatNumber(x) : x;
    if (!byText.has(text)) byText.set(text, x);
  }
  return byText;
}

/**
 * The replay of a resumed run: `length` rows, read back from the CSV one chunk at a time as the search asks for
 * them (in increasing run index; an earlier one restarts the read). Memory: one chunk, whatever the run's size.
 */
class CsvReplay implements ReplaySource {
  private cursor: CsvRowCursor | undefined;
  private position = 0;

  constructor(private readonly csvPath: string, readonly length: number, private readonly endBytes: number, private readonly decode: RowDecoder) {}

  at(index: number): Replayed | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    if (!this.cursor || index < this.position) {
      this.cursor = new CsvRowCursor(this.csvPath, { what: 'evaluations log', tail: 'drop', endBytes: this.endBytes });
      this.position = 0;
    }
    for (;;) {
      const cells = this.cursor.next();
      if (!cells) throw new Error(`internal: ${this.csvPath} ended at row ${this.position}, expected ${this.length} rows`);
      if (this.position++ === index) return this.decode(cells, index);
    }
  }
}
