/**
 * The co-search glue: a validated space -> a generic Problem for a registered strategy -> an evaluation backend
 * (behind the canonical-key cache) -> results on disk. Deterministic: the strategy is seeded, outcomes come back
 * in proposal order, and each proposal gets the next run index, so the same space and seed give byte-identical
 * CSVs whatever the backend and its parallelism. A run is resumed by replaying the strategy with the evaluations
 * already in its CSV as a cache, which reaches the same final result as an uninterrupted run. The engine never
 * builds a backend: the caller (src/app, the CLI) passes one or a factory.
 *
 * A run, top-down: plan it (run/plan.ts), lock and open its folder (run/resume.ts), open its backends and row
 * writers, drive the strategy over the evaluation loop (run/loop.ts) or the grid's ranges (run/gridRange.ts), then
 * write the front; the manifest follows it throughout (run/record.ts).
 */
import { join } from 'node:path';
import { refuseUnknownKeys } from '../core/index.js';
import { lockRunFolder, toCsv, writeFileAtomic, type ReleaseLock } from '../io/run/index.js';
import { CachedBackend } from './backend/cached.js';
import type { EvaluationBackend, EvaluatorContext } from './backend/types.js';
import type { StopReason } from './problem.js';
import { openRunFolder, type RunFolder } from './run/resume.js';
import { RunArchive } from './run/archive.js';
import { keyBuilder, lineBuilder } from './run/lines.js';
import { rangeBackend, runGridRanges } from './run/gridRange.js';
import { withLazyCell, type LazyStage } from './lazy/stage.js';
import { openLazy } from './lazy/open.js';
import { measuringContext } from './lazy/earlyStop.js';
import type { Row } from './run/rows.js';
import { NOTE_COLUMN, withNoteCell } from './run/notes.js';
import { SAME_DESIGN_COLUMN, withSameDesignCell, type RunDesigns } from './run/designs.js';
import { checkParallelism, checkRunArguments, checkRunNumbers, RUN_SEARCH_OPTION_KEYS, type RunSearchOptions, type RunSearchResult } from './run/options.js';
import { planRun, runSettings, type RunPlan } from './run/plan.js';
import { RunRecord, runTimes } from './run/record.js';
import { evaluationLoop } from './run/loop.js';
import type { ParamValue, Sense } from './space/types.js';
import { gridStrategy } from './strategies/grid.js';
import { numberSetting, RUN_OPTION_WORDS, withDefaultSettings } from './strategies/definition.js';
import { DEFAULT_BATCH_SIZE } from './strategies/variation.js';

export { constraintViolation, evaluationColumns } from './run/rows.js';
export { checkRunArguments, RUN_SEARCH_OPTION_KEYS, type RunSearchOptions, type RunSearchResult, type SearchProgress } from './run/options.js';

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

/** What a run holds open: its plan, folder, backends and row writers, archive and manifest. */
interface OpenRun {
  readonly dir: string;
  readonly plan: RunPlan;
  readonly folder: RunFolder;
  readonly evaluation: Evaluation;
  readonly archive: RunArchive;
  readonly record: RunRecord;
}

async function runWith(
  options: RunSearchOptions, openBackend: (context: EvaluatorContext) => EvaluationBackend, lock: { release?: ReleaseLock },
): Promise<RunSearchResult> {
  const plan = planRun(options);
  const dir = options.outDir;
  // One process per run folder (a second search, resume or a resume into a live run is refused): src/io/run/lock.ts.
  lock.release = await lockRunFolder(dir, options.resume ?? false, undefined, RUN_OPTION_WORDS[plan.origin]);
  const folder = openRunFolder(dir, plan.formats, plan.fingerprint, options.resume ?? false, plan.space, options.metrics, runSettings(plan, options), plan.origin);
  for (const note of folder.unchecked ? [...plan.notes, folder.unchecked] : plan.notes) options.onNote?.(note);
  const times = runTimes(folder.previous);
  const archive = new RunArchive(plan.space);
  const evaluation = openEvaluation(plan, folder, options.evaluatorContext, openBackend);
  const record = new RunRecord({
    dir, plan, modelHash: options.modelHash, weightsHash: options.weightsHash, inner: evaluation.inner, backend: evaluation.backend,
    lazy: evaluation.lazy !== undefined, archive, log: folder.log, times,
  });
  const run: OpenRun = { dir, plan, folder, evaluation, archive, record };
  const abort = new AbortController();
  /** After a generation is in the archive: the manifest (at most once a second), progress, the stop check. */
  const afterGeneration = (generation: number, hv: number | undefined): void => {
    record.writeThrottled();
    options.onProgress?.({ generation, evaluations: archive.count, failed: archive.failed, hypervolume: hv, planned: plan.planned });
    if (options.shouldStop?.()) abort.abort();
  };
  try {
    record.ended(await drive(run, afterGeneration, abort.signal));
  } catch (error) {
    folder.log.finish(options.onNote);
    await record.failed(error);
    throw error;
  }
  return finish(run, options.onNote);
}

/** The run's backends (and the lazy stage's), and how a row becomes its CSV line. */
interface Evaluation {
  readonly senses: readonly Sense[];
  /** The backend as the caller opened it, and behind the canonical-key cache. */
  readonly inner: EvaluationBackend;
  readonly backend: CachedBackend;
  readonly keyOf: (point: readonly ParamValue[]) => string;
  /** A lazy run's stage: a cheap backend first, `backend` only for the designs that could enter the front (src/search/lazy). */
  readonly lazy: LazyStage | undefined;
  readonly lineOf: (row: Row) => string;
  /** Whether the rows have a note column. */
  readonly noted: boolean;
  /** The run's design keys, when its rows have the same-design column (run/designs.ts). */
  readonly designs: RunDesigns | undefined;
}

function openEvaluation(
  plan: RunPlan, { format }: RunFolder, evaluatorContext: RunSearchOptions['evaluatorContext'], openBackend: (context: EvaluatorContext) => EvaluationBackend,
): Evaluation {
  const { space, lazyPlan, needed } = plan;
  const { columns, metrics: csvMetrics } = format;
  const senses: Sense[] = space.objectives.map((o) => o.sense);
  // csvMetrics: backends format each row's metric cells where they evaluate (EvalOutcome.csv).
  const context = { ...evaluatorContext, network: space.network, base: space.base, needed, csvMetrics };
  // A lazy run's measurements may stop once a constraint is proven broken (src/search/lazy/earlyStop.ts).
  const inner = openBackend(lazyPlan ? measuringContext(context, lazyPlan.floors ?? {}) : context);
  const backend = new CachedBackend(inner);
  const lazy = lazyPlan ? openLazy(lazyPlan, space, senses, context, openBackend, backend, csvMetrics) : undefined;
  const plainLine = lazy ? withLazyCell(lineBuilder(space.variables, csvMetrics)) : lineBuilder(space.variables, csvMetrics);
  const notes = plan.noteOf && columns.includes(NOTE_COLUMN) ? plan.noteOf : undefined;
  // A run an earlier version started without the same-design column goes on as it was: every configuration its own design.
  const designs = columns.includes(SAME_DESIGN_COLUMN) ? plan.designs : undefined;
  const designLine = designs ? withSameDesignCell(plainLine) : plainLine;
  const lineOf = notes ? withNoteCell(designLine, space.variables, notes) : designLine;
  return { senses, inner, backend, keyOf: keyBuilder(space.variables), lazy, lineOf, noted: notes !== undefined, designs };
}

/** The strategy over the evaluation loop, or the built-in grid over a backend that evaluates ranges; resolves with why it stopped. */
async function drive({ plan, folder, evaluation, archive, record }: OpenRun, afterGeneration: (generation: number, hv: number | undefined) => void, signal: AbortSignal): Promise<StopReason> {
  const { space, seed, origin, definition, strategy: { evaluations: budgetEvaluations } } = plan;
  // The strategy receives its declared defaults for what the space leaves unset (the manifest keeps the space's own).
  const settings = withDefaultSettings(definition.settings, plan.strategy.settings);
  const { replay, log } = folder;
  const { backend, inner, lazy, keyOf } = evaluation;
  // The built-in grid over a backend that evaluates ranges: the same rows, written where they are evaluated (run/gridRange.ts); not for a
  // run with notes or design keys: those are made here, from each row (an accuracy run: its evaluations cost seconds).
  const ranges = definition === gridStrategy && !lazy && !evaluation.noted && !evaluation.designs ? rangeBackend(inner) : undefined;
  if (ranges) {
    return runGridRanges({
      space, metrics: folder.format.metrics, batchSize: numberSetting(settings, 'batchSize') ?? DEFAULT_BATCH_SIZE, maxEvaluations: budgetEvaluations, maxTime_ms: space.budget.time_s !== undefined ? space.budget.time_s * 1000 : undefined,
      signal, backend: ranges, evaluate: (items, keys) => backend.evaluate(items, keys), replay, archive, log, keyOf, onGeneration: afterGeneration,
      beforeRows: () => record.first(), origin,
    });
  }
  const { problem, onGeneration } = evaluationLoop({ space, senses: evaluation.senses, origin, replay, keyOf, designs: evaluation.designs, backend, lazy, lineOf: evaluation.lineOf, archive, log, afterGeneration });
  await record.first();
  const result = await definition.run(
    problem,
    {
      seed,
      ...(budgetEvaluations !== undefined ? { maxEvaluations: budgetEvaluations } : {}),
      ...(space.budget.time_s !== undefined ? { maxTime_ms: space.budget.time_s * 1000 } : {}),
      signal,
      onGeneration,
      // The rows are on disk; the strategy keeps only what it needs itself (populations, duplicate keys), and not
      // its front: the run's archive (run/archive.ts) is the one written.
      keepEvaluations: false,
      keepFront: false,
    },
    settings,
  );
  return result.stopReason;
}

/** A run that ended (completed or interrupted): its log finished, its front and final manifest written. */
function finish({ dir, folder, evaluation, archive, record }: OpenRun, onNote: RunSearchOptions['onNote']): RunSearchResult {
  folder.log.finish(onNote);
  writeFileAtomic(folder.paretoPath, toCsv([], folder.format.columns) + archive.sortedFront().map((r) => r.line ?? evaluation.lineOf(r)).join(''));
  const manifest = record.final();
  return {
    dir,
    evaluationsCsv: folder.csvPath,
    paretoCsv: folder.paretoPath,
    manifestPath: join(dir, 'manifest.json'),
    status: record.status,
    evaluations: archive.count,
    failed: archive.failed,
    paretoSize: archive.front.length,
    hypervolume: archive.hypervolumes.at(-1)?.hypervolume,
    manifest,
    ...(evaluation.lazy ? { lazy: evaluation.lazy.counts() } : {}),
  };
}
