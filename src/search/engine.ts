/**
 * The co-search glue: a validated space -> a generic Problem for a registered strategy -> an evaluation backend
 * (behind the canonical-key cache) -> results on disk. Deterministic: the strategy is seeded, outcomes come back
 * in proposal order, and each proposal gets the next run index, so the same space and seed give byte-identical
 * CSVs whatever the backend and its parallelism. A run is resumed by replaying the strategy with the evaluations
 * already in its CSV as a cache, which reaches the same final result as an uninterrupted run. The engine never
 * builds a backend: the caller (src/app, the CLI) passes one or a factory.
 */
import { join } from 'node:path';
import { ConfigError, describeValue, didYouMean, refuseUnknownKeys } from '../core/index.js';
import { isRecord } from './guards.js';
import { checkRunNumber, lockRunFolder, toCsv, writeFileAtomic, writeManifest, type ReleaseLock, type RunManifest, type RunStatus } from '../io/run/index.js';
import { CachedBackend } from './backend/cached.js';
import type { BackendFactory, EvalOutcome, EvaluationBackend, EvaluatorContext } from './backend/types.js';
import type { EvaluationResult, Problem, ProgressInfo, SelectionProbe, Solution, Variable } from './problem.js';
import { fingerprintMetrics, fingerprintOf, manifestNetwork, neededMetrics, PACKAGE_VERSION, runProvenance } from './run/manifest.js';
import { openRunFolder, replayDiverged, type RunFormat } from './run/resume.js';
import { RunArchive } from './run/archive.js';
import { keyBuilder, lineBuilder } from './run/lines.js';
import { rangeBackend, runGridRanges } from './run/gridRange.js';
import { LAZY_COLUMN, withLazyCell, type LazyCounts } from './lazy/stage.js';
import { lazyPlanOf, openLazy, refuseExactWithoutSelection } from './lazy/open.js';
import { measuringContext } from './lazy/earlyStop.js';
import { evaluationColumns, scoreRow, type Row, type ScoredRow } from './run/rows.js';
import { columnSets } from './run/columnSets.js';
import { NOTE_COLUMN, runNotes, withNoteCell, type RowNote } from './run/notes.js';
import { pointOverrides } from './space/assign.js';
import { effectiveStrategy, plannedEvaluations } from './space/strategy.js';
import type { LazyMode, ParamValue, SearchSpace, Sense, SpaceVariable } from './space/types.js';
import { STRATEGIES, type StrategyRegistry } from './strategies/registry.js';
import { gridStrategy } from './strategies/grid.js';
import { RUN_OPTION_WORDS, type RunOrigin } from './strategies/definition.js';

export { constraintViolation, evaluationColumns } from './run/rows.js';

export interface RunSearchOptions {
  readonly space: SearchSpace;
  /** Run folder; created if missing. */
  readonly outDir: string;
  /**
   * What evaluates configurations: a backend, or a factory the engine calls with the evaluator context (network,
   * base, needed metrics). The engine wraps it in the canonical-key cache and closes it when the run ends.
   */
  readonly backend: EvaluationBackend | BackendFactory;
  /** Metric names the evaluator produces, in CSV column order; objectives and constraints must be among them. */
  readonly metrics: readonly string[];
  /**
   * Groups of `metrics` the evaluator computes only for a run that needs one of them (an objective, a constraint or
   * a study's metric), e.g. the training cost: a run that needs none of a group has no column for it (run/rows.ts columnMetrics).
   */
  readonly onDemandMetrics?: readonly (readonly string[])[];
  /**
   * `metrics` the evaluator added after runs were fingerprinted with its metric list: in a run's fingerprint only when
   * the run needs them, so a run an earlier version started, which cannot read them, still resumes (run/manifest.ts fingerprintMetrics).
   */
  readonly addedMetrics?: readonly string[];
  readonly evaluatorContext?: Readonly<Record<string, unknown>>; // extra fields for it, besides network, base and needed
  /** Override the space's strategy (its settings apply only when the name is the same). */
  readonly strategy?: string;
  readonly seed?: number;
  /** Evaluation budget (overrides the space's budget.evaluations). */
  readonly budget?: number;
  readonly resume?: boolean; // continue the run in outDir
  /** The model code's hash (src/app/cache/keys.ts, passed by src/app), in the manifest: a resume by another build is refused. */
  readonly modelHash?: string;
  /** The hash of the trained weights the rows' accuracies come from (src/app/cache/keys.ts runWeightsHash), in the manifest: a resume with others is refused. */
  readonly weightsHash?: string;
  /** How refusals name the options that fix them: runSearch's (default 'api') or `cosearch search`'s flags ('command line'). */
  readonly origin?: RunOrigin;
  /** The strategies (default: the built-in registry). */
  readonly strategies?: StrategyRegistry;
  /** Measure the expensive metrics lazily (docs/search.md, "Lazy accuracy"); default: the space's `lazy`, else off. */
  readonly lazy?: LazyMode;
  /** The evaluator's expensive metrics and each one's best possible value (what `lazy` may defer). */
  readonly expensiveMetrics?: Readonly<Record<string, number>>;
  /** What a row's figures rest on, in the CSVs' last column (`note`) of a run that needs one of its metrics (run/notes.ts). */
  readonly rowNote?: RowNote;
  readonly onProgress?: (progress: SearchProgress) => void; // called after every batch (generation)
  /** A one-line note about the run (a resume whose rows could not be checked: docs/search.md, "Resume"; the strategy's notes). */
  readonly onNote?: (note: string) => void;
  /** The caller's notes on the space (the simulator's), given to onNote with the run's own once its folder is open. */
  readonly notes?: readonly string[];
  /** Checked before every batch: return true to stop (the run is then 'interrupted' and resumable). */
  readonly shouldStop?: () => boolean;
}

/** Every RunSearchOptions key (checked against the interface: a new option is one line here); others are refused. */
export const RUN_SEARCH_OPTION_KEYS: readonly string[] = Object.keys({
  space: true, outDir: true, backend: true, metrics: true, onDemandMetrics: true, addedMetrics: true, evaluatorContext: true, strategy: true, seed: true, budget: true,
  resume: true, modelHash: true, weightsHash: true, origin: true, strategies: true, lazy: true, expensiveMetrics: true, rowNote: true, onProgress: true, onNote: true, notes: true, shouldStop: true,
} satisfies Record<keyof RunSearchOptions, true>);

export interface SearchProgress {
  readonly generation: number;
  readonly evaluations: number;
  readonly failed: number;
  readonly hypervolume: number | undefined;
  /** Planned evaluations, when the budget or the strategy settings fix them. */
  readonly planned: number | undefined;
}

export interface RunSearchResult {
  readonly dir: string;
  readonly evaluationsCsv: string;
  readonly paretoCsv: string;
  readonly manifestPath: string;
  readonly status: RunStatus;
  readonly evaluations: number;
  readonly failed: number;
  readonly paretoSize: number;
  readonly hypervolume: number | undefined;
  readonly manifest: RunManifest;
  /** A lazy run's row counts and expensive evaluations. */
  readonly lazy?: LazyCounts;
}

/** One evaluated proposal as the strategy sees it (the strategy may keep it: nothing more than it needs). */
interface Scored extends EvaluationResult {
  readonly replayed: boolean;
}

/** Shortest time between two manifest rewrites during a run (it is also written at the start and the end). */
const MANIFEST_INTERVAL_MS = 1000;

/** The options, the space and the run folder, before anything is opened (a missing one threw a TypeError deep in the run). */
export function checkRunArguments(options: Partial<Pick<RunSearchOptions, 'space' | 'outDir'>>): void {
  if (!isRecord(options)) throw new ConfigError(`options: got ${describeValue(options)}, expected an object with space, outDir and the run's options`);
  const { space, outDir } = options;
  if (space === null || typeof space !== 'object' || !Array.isArray(space.variables)) throw new ConfigError(`space: got ${describeValue(space)}, expected a search space (parseSpace or loadSpace)`);
  if (typeof outDir !== 'string' || outDir === '') throw new ConfigError(`outDir: got ${describeValue(outDir)}, expected the run folder's path (a non-empty string)`);
}

/**
 * seed, budget and the backend's parallelism in the ranges the run manifest records them (src/io/run/runNumbers.ts),
 * refused before anything is written: a seed of -1 or a budget of 2.5 ran into a manifest that `cosearch report` and
 * --resume refuse.
 */
function checkRunNumbers({ seed, budget }: Pick<RunSearchOptions, 'seed' | 'budget'>): void {
  if (seed !== undefined) checkRunNumber('seed', seed);
  if (budget !== undefined) checkRunNumber('budget', budget);
}

function checkParallelism(backend: EvaluationBackend): void {
  checkRunNumber('workers', backend.parallelism, 'backend.parallelism', 'evaluations it runs at once');
}

/** Run (or resume) a search; resolves when the strategy finishes, the budget is spent or `shouldStop` says so. */
export async function runSearch(options: RunSearchOptions): Promise<RunSearchResult> {
  checkRunArguments(options);
  refuseUnknownKeys(options, RUN_SEARCH_OPTION_KEYS, 'an option of runSearchWithBackend (RunSearchOptions)');
  checkRunNumbers(options);
  if (typeof options.backend !== 'function') checkParallelism(options.backend); // one from a factory is checked when it is opened
  // A lazy run opens two backends from the factory (cheap and expensive metrics); each is closed once.
  const opened = new Set<EvaluationBackend>();
  const lock: { release?: ReleaseLock } = {};
  try {
    return await runWith(options, (context) => {
      const backend = typeof options.backend === 'function' ? options.backend(context) : options.backend;
      opened.add(backend);
      checkParallelism(backend);
      return backend;
    }, lock);
  } finally {
    for (const backend of opened) await backend.close();
    await lock.release?.();
  }
}

async function runWith(
  options: RunSearchOptions, openBackend: (context: EvaluatorContext) => EvaluationBackend, lock: { release?: ReleaseLock },
): Promise<RunSearchResult> {
  const { space, metrics } = options;
  const registry = options.strategies ?? STRATEGIES;
  for (const m of [...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric)]) {
    if (!metrics.includes(m)) throw new ConfigError(`metric "${m}" is not produced by the evaluator (${metrics.join(', ')})${didYouMean(m, metrics)}`);
  }
  const origin = options.origin ?? 'api';
  const runNotesHeld = [...(options.notes ?? [])]; // for onNote once the folder is open: a refused run prints its refusal alone
  const strategy = effectiveStrategy(space, registry, { ...options, onNote: (n) => runNotesHeld.push(n) }, origin);
  const definition = registry.require(strategy.name);
  const { settings, evaluations: budgetEvaluations } = strategy;
  const seed = options.seed ?? space.seed;
  const planned = plannedEvaluations(space, strategy, registry);
  const needed = neededMetrics(space, metrics);
  const lazyPlan = lazyPlanOf(space, options, needed);
  if (lazyPlan?.mode === 'exact') refuseExactWithoutSelection(registry, strategy.name, { byRun: options.lazy !== undefined, origin, file: space.file });
  const noteOf = runNotes(options.rowNote, needed, { network: space.network, base: space.base });
  const formatOf = (m: readonly string[], note: boolean): RunFormat => ({
    metrics: m, columns: [...evaluationColumns(space, m), ...(lazyPlan ? [LAZY_COLUMN] : []), ...(note ? [NOTE_COLUMN] : [])],
  });
  // This version's columns, then those of a run an earlier version wrote (--resume continues it as it was; before the note column too).
  const formats = columnSets(metrics, needed, options.onDemandMetrics)
    .flatMap((m) => (noteOf ? [formatOf(m, true), formatOf(m, false)] : [formatOf(m, false)]));
  // An early-stopping, predicting or exact lazy run writes other rows than a plain lazy one: its own fingerprint (a plain lazy run's is unchanged).
  const lazyMode: LazyMode = lazyPlan?.mode ?? false;
  const fingerprint = fingerprintOf({ ...space, lazy: lazyMode }, strategy.name, settings, seed, budgetEvaluations,
    fingerprintMetrics(metrics, needed, options.addedMetrics));

  const dir = options.outDir;
  // One process per run folder (a second search, resume or a resume into a live run is refused): src/io/run/lock.ts.
  lock.release = await lockRunFolder(dir, options.resume ?? false, undefined, RUN_OPTION_WORDS[origin]);
  const { log, format, replay, previous, csvPath, paretoPath, unchecked } = openRunFolder(dir, formats, fingerprint, options.resume ?? false, space, metrics,
    { seed, strategy: strategy.name, settings, budget: budgetEvaluations, lazy: lazyMode, build: { version: PACKAGE_VERSION, modelHash: options.modelHash, weightsHash: options.weightsHash } }, origin);
  const { columns, metrics: csvMetrics } = format;
  for (const note of unchecked ? [...runNotesHeld, unchecked] : runNotesHeld) options.onNote?.(note);

  const senses: Sense[] = space.objectives.map((o) => o.sense);
  const startedAt = previous?.startedAt ?? new Date().toISOString();
  const resumedAt = previous ? [...(previous.resumedAt ?? []), new Date().toISOString()] : undefined;
  const archive = new RunArchive(space);
  let status: RunStatus = 'running';
  let errorText: string | undefined;
  let stopReason: string | undefined;
  // csvMetrics: backends format each row's metric cells where they evaluate (EvalOutcome.csv).
  const context = { ...options.evaluatorContext, network: space.network, base: space.base, needed, csvMetrics };
  // A lazy run's measurements may stop once a constraint is proven broken (src/search/lazy/earlyStop.ts).
  const inner = openBackend(lazyPlan ? measuringContext(context, lazyPlan.floors ?? {}) : context);
  const backend = new CachedBackend(inner);
  const keyOf = keyBuilder(space.variables);
  // A lazy run: a cheap backend first, `backend` only for the designs that could enter the front (src/search/lazy).
  const lazy = lazyPlan ? openLazy(lazyPlan, space, senses, context, openBackend, backend, csvMetrics) : undefined;
  const plainLine = lazy ? withLazyCell(lineBuilder(space.variables, csvMetrics)) : lineBuilder(space.variables, csvMetrics);
  const notes = noteOf && columns.includes(NOTE_COLUMN) ? noteOf : undefined;
  const lineOf = notes ? withNoteCell(plainLine, space.variables, notes) : plainLine;

  // Asked by the first manifest (firstManifest below), which the grid's range path writes only after requesting its first ranges
  // (before any row): its git process forks this whole process (20-120 ms of this thread at a search's memory); the workers evaluate meanwhile.
  const provenanceOf = () => runProvenance(space, {
    strategy: { name: strategy.name, settings }, seed, budget: budgetEvaluations ?? null, time_s: space.budget.time_s ?? null, base: space.base, ...(lazy ? { lazy: lazyMode } : {}),
  });
  let provenance: RunManifest['provenance'];
  const manifest = (): RunManifest => ({
    space: space.name,
    spaceFile: space.file,
    network: manifestNetwork(space),
    packageVersion: PACKAGE_VERSION,
    ...(options.modelHash !== undefined ? { modelHash: options.modelHash } : {}),
    ...(options.weightsHash !== undefined ? { weightsHash: options.weightsHash } : {}),
    seed,
    strategy: { name: strategy.name, settings },
    budget: { ...(budgetEvaluations !== undefined ? { evaluations: budgetEvaluations } : {}), ...(space.budget.time_s !== undefined ? { time_s: space.budget.time_s } : {}) },
    workers: backend.parallelism,
    ...(inner.evalTimeout_ms !== undefined ? { evalTimeout_ms: inner.evalTimeout_ms } : {}),
    ...(inner.describe ? { backend: inner.describe() } : {}),
    parameters: space.variables.map((v) => ({ name: v.name, path: v.path, targets: v.targets, values: v.values })),
    base: space.base,
    objectives: space.objectives.map((o) => ({ metric: o.metric, sense: o.sense })),
    constraints: space.constraints,
    fingerprint,
    startedAt,
    ...(status !== 'running' ? { endedAt: new Date().toISOString() } : {}),
    ...(resumedAt ? { resumedAt } : {}),
    status,
    evaluations: archive.count,
    failedEvaluations: archive.failed,
    feasibleEvaluations: archive.feasible,
    paretoSize: archive.front.length,
    evaluationsDigest: log.vouch(),
    ...(archive.reference ? { hypervolumeReference: archive.reference } : {}),
    hypervolumeByGeneration: archive.hypervolumes,
    ...(stopReason ? { stopReason } : {}),
    ...(errorText ? { error: errorText } : {}),
    ...(space.studySpec !== undefined ? { study: space.studySpec } : {}),
    provenance,
  });
  /** The manifest's first write, once the provenance is known (no row is written before it). */
  const firstManifest = async (): Promise<void> => {
    if (provenance) return;
    provenance = await provenanceOf();
    writeManifest(dir, manifest());
  };

  let proposed = 0;
  /** Scored rows from evaluation to onGeneration, by run index (then written and dropped). */
  const inFlight = new Map<number, ScoredRow>();
  const scored = (base: Pick<ScoredRow, 'point' | 'key' | 'outcome'>): ScoredRow => lazy?.score(base) ?? scoreRow(base, space, senses);
  const evaluateBatch = async (xs: Solution[], selection?: SelectionProbe): Promise<Scored[]> => {
    const first = proposed;
    const points = xs.map((x) => pointOf(space.variables, x));
    const keys = points.map(keyOf);
    proposed += xs.length;
    const outcomes = new Array<EvalOutcome>(xs.length);
    const fresh: number[] = [];
    keys.forEach((key, j) => {
      const r = replay.at(first + j);
      if (!r) return void fresh.push(j);
      if (r.key !== key) throw replayDiverged(first + j, origin);
      // A resumed run's rows are replayed from its CSV; only the rest reach the backend.
      outcomes[j] = r.outcome;
    });
    if (fresh.length > 0) {
      const items = fresh.map((j) => pointOverrides(space.variables, points[j]));
      // The strategy's selection over the whole batch, asked with the lazy stage's provisional outcomes.
      const selects = selection && ((provisional: readonly EvalOutcome[]): boolean[] => {
        const all = outcomes.slice();
        fresh.forEach((j, n) => (all[j] = provisional[n]));
        const kept = selection(all.map((outcome, j) => strategyResult(scored({ point: points[j], key: keys[j], outcome }))));
        return fresh.map((j) => kept[j]);
      });
      const evaluated = await (lazy ? lazy.evaluate(items, fresh.map((j) => keys[j]), selects, fresh.map((j) => points[j])) : backend.evaluate(items, fresh.map((j) => keys[j])));
      fresh.forEach((j, n) => (outcomes[j] = evaluated[n]));
    }
    const rows = xs.map((_, j) => scored({ point: points[j], key: keys[j], outcome: outcomes[j] }));
    lazy?.observe(rows);
    return rows.map((row, j): Scored => {
      inFlight.set(first + j, row);
      return { ...strategyResult(row), replayed: first + j < replay.length };
    });
  };

  /** After each generation: append its rows (in run-index order), update the archive, manifest and progress. */
  let manifestAt = performance.now();
  const onGeneration = (info: ProgressInfo<Scored>): void => {
    const done = archive.count;
    let text = '';
    const newRows: Row[] = info.evaluated.map((record, j) => {
      const scored = inFlight.get(record.index);
      if (record.index !== done + j || !scored) throw new Error(`internal: strategy record index ${record.index}, expected ${done + j}`);
      inFlight.delete(record.index);
      const row: { -readonly [K in keyof Row]: Row[K] } = { ...scored, index: record.index, generation: record.generation };
      const line = lineOf(row);
      if (!record.result.replayed) text += line;
      row.line = line;
      return row;
    });
    log.appendLines(text);
    afterGeneration(info.generation, archive.add(info.generation, newRows));
  };
  /** After a generation is in the archive: the manifest (at most once a second), progress, the stop check. */
  const afterGeneration = (generation: number, hv: number | undefined): void => {
    const now = performance.now();
    if (now - manifestAt >= MANIFEST_INTERVAL_MS) {
      writeManifest(dir, manifest());
      manifestAt = now;
    }
    options.onProgress?.({ generation, evaluations: archive.count, failed: archive.failed, hypervolume: hv, planned });
    if (options.shouldStop?.()) abort.abort();
  };

  const problem: Problem<Scored> = {
    variables: space.variables.map(problemVariable),
    objectives: senses,
    constraints: space.constraints.length,
    evaluate: async (x) => (await evaluateBatch([x]))[0],
    evaluateBatch,
    // Rows depend only on their own point, except in a lazy run (its decisions read the front as a batch starts).
    independentBatches: lazy === undefined,
  };
  const abort = new AbortController();
  // The built-in grid over a backend that evaluates ranges: the same rows, written where they are evaluated (run/gridRange.ts); not for a
  // run with notes: those are made here, from each row (an accuracy run: its evaluations cost seconds).
  const ranges = definition === gridStrategy && !lazy && !notes ? rangeBackend(inner) : undefined;
  try {
    const result = ranges ? { stopReason: await runGridRanges({
      space, metrics: csvMetrics, batchSize: Number(settings.batchSize ?? 100), maxEvaluations: budgetEvaluations, maxTime_ms: space.budget.time_s !== undefined ? space.budget.time_s * 1000 : undefined,
      signal: abort.signal, backend: ranges, evaluate: (items, keys) => backend.evaluate(items, keys), replay, archive, log, keyOf, onGeneration: afterGeneration,
      beforeRows: firstManifest, origin,
    }) } : await firstManifest().then(() => definition.run(
      problem,
      {
        seed,
        ...(budgetEvaluations !== undefined ? { maxEvaluations: budgetEvaluations } : {}),
        ...(space.budget.time_s !== undefined ? { maxTime_ms: space.budget.time_s * 1000 } : {}),
        signal: abort.signal,
        onGeneration,
        // The rows are on disk; the strategy keeps only what it needs itself (populations, duplicate keys), and not
        // its front: the run's archive (run/archive.ts) is the one written.
        keepEvaluations: false,
        keepFront: false,
      },
      settings,
    ));
    stopReason = result.stopReason;
    status = result.stopReason === 'aborted' ? 'interrupted' : 'completed';
  } catch (error) {
    status = 'failed';
    errorText = error instanceof Error ? error.message : String(error);
    log.finish(options.onNote);
    provenance ??= await provenanceOf();
    writeManifest(dir, manifest());
    throw error;
  }
  log.finish(options.onNote);
  writeFileAtomic(paretoPath, toCsv([], columns) + archive.sortedFront().map((r) => r.line ?? lineOf(r)).join(''));
  const final = manifest();
  writeManifest(dir, final);
  return {
    dir,
    evaluationsCsv: csvPath,
    paretoCsv: paretoPath,
    manifestPath: join(dir, 'manifest.json'),
    status,
    evaluations: archive.count,
    failed: archive.failed,
    paretoSize: archive.front.length,
    hypervolume: archive.hypervolumes.at(-1)?.hypervolume,
    manifest: final,
    ...(lazy ? { lazy: lazy.counts() } : {}),
  };
}

/** A scored row as the strategy sees it. */
function strategyResult(row: ScoredRow): EvaluationResult {
  return { objectives: [...row.objectives], violation: row.violation, ...(row.error !== undefined ? { failed: true, error: row.error } : {}) };
}

/** Every space variable is a choice over its listed values; numeric lists are ordinal (mutation moves to neighbours). */
function problemVariable(v: SpaceVariable): Variable {
  return { name: v.name, kind: 'choice', values: v.values, ordered: v.values.every((x) => typeof x === 'number') };
}

/** A decoded solution back as one value per space variable (every space value is a number or a string). */
function pointOf(variables: readonly SpaceVariable[], x: Solution): ParamValue[] {
  return variables.map((v) => {
    const value = x[v.name];
    if (typeof value === 'boolean') throw new Error(`internal: variable ${v.name} decoded to a boolean`);
    return value;
  });
}
