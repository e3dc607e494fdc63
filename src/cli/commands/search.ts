/** `cosearch search SPACE`: run (or resume) a co-search and write its CSVs and manifest. */
import { existsSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { createProgress } from '../../io/progress.js';
import { readManifest } from '../../io/run/index.js';
import { networkFrontLines, writeRunReport, type RunReportFiles } from '../../io/report/index.js';
import { quitAfterGrace, quitNow, quitReport, reportSkipped, STOP_GRACE_MS } from './searchStop.js';
import { frontModelNotes, refuseIgnoredBackendOptions, runFrontModelNotes, runSearch, SIMULATOR_METRICS, simulatorEvaluator, simulatorSpaceContext, simulatorSpaceNotes, type BackendOptionNames, type LocalBackendName, type RedisChoice } from '../../app/index.js';
import { cacheSettings, storeDamage } from '../../io/cache/index.js';
import { parseRedisUrl, redactedUrl } from '../../search/backend/redis/url.js';
import { checkOutputFolder, ConfigError, formatBytes } from '../../core/index.js';
import { positiveInt, seedFlag, workerCount } from '../numberOptions.js';
import { effectiveStrategy, hypervolume, loadSpace, neededMetrics, plannedEvaluations, prefetchProvenance, RunAlreadyComplete, STRATEGIES, type LazyMode, type RunSearchResult } from '../../search/index.js';
import { needsAccuracy } from '../../sim/simulate.js';
import { checkKernelsBuilt } from '../../util/wasm.js';
import { lazySummaryLine } from '../format/lazy.js';
import { diskErrorCause, diskErrorCode } from '../diskError.js';

export interface SearchFlags {
  strategy?: string;
  workers?: number;
  seed?: number;
  budget?: number;
  out?: string;
  resume?: boolean;
  evalTimeout?: number;
  inThread?: boolean;
  plain?: boolean;
  /** false with --no-cache: accuracy-engine results are neither read from nor written to the persistent cache. */
  cache?: boolean;
  backend?: string;
  backendPasswordFile?: string;
  backendChunk?: number;
  /** --lazy: measure accuracy and MAC error only for designs that could enter the front (docs/search.md). */
  lazy?: boolean;
  /** --early-stop: lazy, and a measurement stops once proven below a constraint (the space's "lazy": "early-stop"). */
  earlyStop?: boolean;
  /** --lazy-predict: lazy, and a design predicted infeasible by its measured neighbours is not measured (the space's "lazy": "predict"). */
  lazyPredict?: boolean;
  /** --lazy-exact: lazy, and every design the selection keeps is measured (the space's "lazy": "exact"). */
  lazyExact?: boolean;
}

/** The flag that chooses each local backend (a new backend adds its own: the type requires an entry per kind). */
const CLI_BACKEND_FLAGS = { piscina: 'worker threads (the default, no flag)', 'in-thread': '--in-thread' } as const satisfies Record<LocalBackendName, string>;
const CLI_BACKEND_NAMES: BackendOptionNames = { local: (kind) => CLI_BACKEND_FLAGS[kind], redis: '--backend', workers: '--workers', evalTimeout: '--eval-timeout' };

/** Exit codes (README): 0 done, 1 bad input, 2 internal error, 3 finished with every evaluation failed, 130/143 interrupted. */
export const EXIT = { done: 0, input: 1, internal: 2, allFailed: 3, sigint: 130, sigterm: 143 } as const;

export function register(program: Command): void {
  program
    .command('search')
    .description('Co-search a space (search-spaces/*.json): evaluations.csv, pareto.csv, manifest.json, pareto.svg, report.html')
    .argument('<space>', 'search-space file (JSON or YAML)')
    .option('--strategy <name>', `override the space's strategy (${STRATEGIES.names.join(', ')}; settings: cosearch list strategies)`, (raw: string) => STRATEGIES.require(raw, '--strategy').name)
    .option('--workers <n>', 'worker threads (default: available cores; at most 4 per core)', workerCount)
    .option('--seed <n>', "override the space's seed (0 to 2^53 - 1)", seedFlag)
    .option('--budget <n>', 'maximum evaluations', positiveInt('--budget'))
    .option('--out <dir>', 'run folder (default results/<space>-<timestamp>)')
    .option('--resume', 'continue the run in --out (default: the newest results/<space>-* folder)')
    .option('--eval-timeout <ms>', 'time limit per evaluation; an evaluation over it is recorded as failed', positiveInt('--eval-timeout'))
    .option('--in-thread', 'evaluate in this thread instead of worker threads (for evaluations cheaper than a message); no time limit')
    .option('--backend <url>', 'evaluate on `cosearch worker` processes over Redis: redis://HOST:PORT[/DB] or rediss:// (password from REDIS_URL or --backend-password-file); docs/distributed.md')
    .option('--backend-password-file <file>', "the Redis password, on the file's first line")
    .option('--backend-chunk <n>', 'configurations per Redis job (default: sized from measured evaluation times)', positiveInt('--backend-chunk'))
    .option('--plain', 'plain progress lines even on a terminal')
    .option('--lazy', 'measure accuracy and MAC error only for designs that could still enter the feasible front (docs/search.md, "Lazy accuracy"); default: the space\'s "lazy"')
    .option('--early-stop', 'lazy, and a measurement stops as soon as it is proven below an accuracy constraint (fewer test images; only designs the selection drops even at their best possible accuracy stay stopped, so the search takes the path of --lazy; docs/search.md, "Lazy accuracy" step 4)')
    .option('--lazy-predict', 'lazy, and a design whose accuracy constraint is predicted violated by the measured designs nearest to it is not measured (an assumption, not a proof: its row says "predicted"; docs/search.md, "Lazy accuracy" step 5)')
    .option('--lazy-exact', 'lazy, and every design the selection keeps is measured too, dominated or not, so the search takes the path of an eager run and reaches its front (fewer measurements than eager, more than --lazy; docs/search.md, "Lazy accuracy" step 6)')
    .option('--no-cache', 'recompute accuracy and MAC error instead of reading them from the persistent cache (docs/cache.md)')
    .action((file: string, flags: SearchFlags) => runSearchCommand(file, flags));
}

/** What `cosearch search SPACE` does (also `cosearch studies run NAME`): run or resume, print where the files are, write the report. */
export async function runSearchCommand(file: string, flags: SearchFlags): Promise<void> {
  prefetchProvenance();
  const space = loadSpace(file, simulatorSpaceContext(), STRATEGIES, { ...(flags.strategy ? { strategy: flags.strategy } : {}), ...(flags.budget !== undefined ? { budget: flags.budget } : {}) });
  const redis = redisChoice(flags);
  const lazy = lazyFlag(flags);
  // What in-thread evaluation would ignore, refused as runSearch refuses it, named as flags.
  if (flags.inThread) refuseIgnoredBackendOptions('in-thread', { workers: flags.workers, evalTimeout: flags.evalTimeout }, CLI_BACKEND_NAMES);
  const newDefaultFolder = flags.out === undefined && !flags.resume;
  const chosenDir = flags.out ?? (flags.resume ? latestRun(space.name) : join('results', `${space.name}-${timestamp(new Date())}`));
  // The run folder is checked before any work starts: a bad --out is one line and nothing is written.
  checkOutputFolder(chosenDir, '--out');
  // So is the cache folder, when the run uses it (only accuracy-engine results are cached): a bad COSEARCH_CACHE_DIR is
  // refused, never a search run on silently without its cache; an ELA-only search never reads it.
  const accuracyNeeded = needsAccuracy({ metrics: neededMetrics(space, SIMULATOR_METRICS) });
  // The accuracy engine runs only in WebAssembly: an unbuilt kernel is one line now, not an error in every row.
  if (accuracyNeeded) checkKernelsBuilt();
  const usesCache = flags.cache !== false && accuracyNeeded;
  const cache = usesCache ? cacheSettings() : undefined;
  // A damaged store fails every write silently (each worker's, at its close): said once, up front (QA runs defect 3).
  const damaged = cache && storeDamage(cache.dir);
  if (damaged) process.stderr.write(`search: warning: the cache in ${cache.dir} is damaged (${damaged}): this run computes every accuracy and stores none; empty it with: cosearch cache clear\n`);
  checkMemory(plannedEvaluations(space, effectiveStrategy(space, STRATEGIES, flags, 'command line'), STRATEGIES));
  const outDir = newDefaultFolder ? claimRunFolder(chosenDir) : chosenDir;
  const hint = continueCommand(file, outDir, flags);
  // SIGINT (Ctrl-C) or SIGTERM: stop after the batch in flight (manifest "interrupted", exit 130 / 143); a batch
  // still running after STOP_GRACE_MS is abandoned, and pareto.csv and the report are written from the rows on disk;
  // a second signal quits at once with the manifest marked interrupted (the CSV holds every finished batch, so
  // --resume continues).
  let stopRequested: number | undefined;
  let grace: NodeJS.Timeout | undefined;
  /** Set once the grace ran out: the quit that writes the front and report from disk, and then exits. */
  let quitting: Promise<void> | undefined;
  /** The run's result once the engine returned: a signal then comes during the report, with nothing left to stop. */
  let finished: RunSearchResult | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
    if (finished) return quitReport(finished, signal, code, hint);
    if (stopRequested !== undefined) quitNow(outDir, signal, code, hint);
    stopRequested = code;
    process.stderr.write(`\nsearch: ${signal}: stopping after the batch in flight (at most ${STOP_GRACE_MS / 1000} s; ${signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again to quit at once); continue later with --resume\n`);
    grace = setTimeout(() => {
      quitting = quitAfterGrace(outDir, signal, code, hint);
    }, STOP_GRACE_MS);
    grace.unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let progress: ReturnType<typeof createProgress> | undefined;
  const started = Date.now();
  try {
    const result = await runSearch({
      space,
      outDir,
      origin: 'command line',
      ...(flags.strategy ? { strategy: flags.strategy } : {}),
      ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.budget !== undefined ? { budget: flags.budget } : {}),
      ...lazy,
      ...(flags.evalTimeout !== undefined ? { evalTimeout_ms: flags.evalTimeout } : {}),
      ...(flags.inThread ? { backend: 'in-thread' as const } : {}),
      ...(cache ? { evaluator: { ...simulatorEvaluator(), context: { cache } } } : {}),
      // The workers write the cache entries they deferred while this process prints and renders the report (one core
      // is then idle); it exits after them (docs/cache.md, "When entries are written").
      closeInBackground: true,
      // Cache entries the workers could not store (disk full, no permission, a store damaged mid-run): one line, said
      // when they finish closing, before the process exits (QA runs defect 3); a store damaged at the start was said above.
      ...(damaged ? {} : { onCloseWarning: (line: string) => process.stderr.write(`search: warning: ${line}\n`) }),
      ...(redis ? { backend: redis } : {}),
      resume: flags.resume ?? false,
      shouldStop: () => stopRequested !== undefined,
      onNote: (note) => process.stderr.write(`search: note: ${note}\n`),
      notes: simulatorSpaceNotes(space),
      onProgress: (p) => {
        progress ??= createProgress({ total: p.planned, plain: flags.plain ?? false, start_ms: started });
        progress.update(p);
      },
    });
    // The grace ran out while the engine finished its batch: the quit under way writes the report and exits.
    if (quitting) return await quitting;
    // The run is over (its manifest final): a signal's grace timer must not cut the report short.
    if (grace) clearTimeout(grace);
    finished = result;
    progress?.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const hv = result.hypervolume === undefined ? 'none (no feasible point)' : result.hypervolume.toPrecision(6);
    process.stdout.write(
      `search ${result.status}: ${result.evaluations} evaluations (${result.failed} failed) in ${seconds} s; ` +
        `Pareto front: ${result.paretoSize} configuration${result.paretoSize === 1 ? '' : 's'}, hypervolume ${hv}\n` +
        `  evaluations: ${result.evaluationsCsv}\n  pareto:      ${result.paretoCsv}\n  manifest:    ${result.manifestPath}\n` +
        (result.lazy ? lazySummaryLine(result.lazy) : '') +
        (result.status === 'interrupted' ? `  continue with: ${hint}\n` : ''),
    );
    // What the front's figures rest on (the notes `evaluate` prints): the CSVs carry a note column only where accuracy
    // is measured (src/app/frontNotes.ts). The report's list (the front and each network's own front), printed once
    // it is written; pareto.csv's when there is no report. A note that cannot be computed must not cost the run its report.
    const printNotes = (notes: () => readonly string[]): void => {
      try {
        process.stderr.write(notes().map((line) => `search: note: ${line}\n`).join(''));
      } catch (error) {
        process.stderr.write(`search: the front's model notes were not computed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    };
    if (result.hypervolume === 0 && result.paretoSize > 0) {
      // Not an error (the front is in pareto.csv), but a 0 that reads like "no progress" deserves its reason.
      process.stderr.write(`search: hypervolume 0: no front design beats the reference point in every objective (the objectives' "reference" values; hypervolumeReference in ${result.manifestPath})\n`);
    }
    if (result.status === 'interrupted') process.exitCode = stopRequested ?? EXIT.sigint;
    else if (stopRequested !== undefined) {
      // The signal came while the last batch was in flight and the run completed with it: nothing to resume, no report.
      printNotes(() => frontModelNotes(space, result.paretoCsv));
      process.stderr.write(`search: ${reportSkipped(result, 'the run completed with the batch in flight')}\n`);
      process.exitCode = stopRequested;
      return;
    }
    else if (result.evaluations > 0 && result.failed === result.evaluations) {
      process.stderr.write(`search: every evaluation failed (${result.failed}); see the error column of ${result.evaluationsCsv}\n`);
      process.exitCode = EXIT.allFailed;
    }
    // The CSVs are the result; a report that fails to render must not turn a finished search into a failure.
    try {
      const report = await writeRunReport(result.dir, { continueWith: hint, hypervolume, frontNotes: runFrontModelNotes });
      printNotes(() => report.modelNotes ?? []);
      process.stdout.write(`  plot:        ${report.svgPath}\n  report:      ${report.htmlPath}\n${studyLines(report)}${networkFrontLines(report)}`);
      // The report checks pareto.csv against evaluations.csv; a search's own files disagreeing is a defect to show.
      process.stderr.write(report.notes.map((n) => `search: warning: report: ${n}\n`).join(''));
    } catch (error) {
      printNotes(() => frontModelNotes(space, result.paretoCsv));
      process.stderr.write(`search: CSVs written, report failed: ${error instanceof Error ? error.message : String(error)} (retry with: cosearch report ${result.dir})\n`);
    }
  } catch (error) {
    // A start refused after the default folder was claimed (e.g. an unreachable --backend) leaves nothing behind.
    if (newDefaultFolder) removeIfEmpty(outDir);
    if (error instanceof RunAlreadyComplete) {
      // Nothing to replay: said, and not an error.
      process.stdout.write(`search: ${error.message}\n  evaluations: ${join(outDir, 'evaluations.csv')}\n  report:      cosearch report ${outDir}\n`);
      return;
    }
    const code = diskErrorCode(error);
    // A full disk (or quota, or an I/O error) is not a bug: one line; the folder stays resumable (rows are appended
    // whole or the torn tail is dropped on resume, the manifest is replaced atomically).
    // Full from the start, no manifest was written: there is nothing to resume, so the hint is the same run again.
    const next = existsSync(join(outDir, 'manifest.json')) ? hint : hint.replace(' --resume', '');
    if (code) throw new ConfigError(`search: cannot write to ${outDir} ${diskErrorCause(code)}, then continue with: ${next}`);
    throw error;
  } finally {
    progress?.stop();
    if (grace) clearTimeout(grace);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The Redis backend the flags ask for (none without --backend); refuses --backend with --in-thread, --workers or --eval-timeout. */
function redisChoice(flags: SearchFlags): RedisChoice | undefined {
  if (flags.backend === undefined) {
    // Only the flags given are named (until 2026-12-06 `--backend-chunk 5` alone was told about --backend-password-file too).
    const given = [flags.backendPasswordFile === undefined ? '' : '--backend-password-file', flags.backendChunk === undefined ? '' : '--backend-chunk'].filter((f) => f !== '');
    if (given.length > 0) throw new ConfigError(`${given.join(' and ')} ${given.length > 1 ? 'need' : 'needs'} --backend redis://HOST:PORT (without it the evaluations run on this machine)`);
    return undefined;
  }
  if (flags.inThread) throw new ConfigError('--backend: got --in-thread too, expected one of --backend and --in-thread (evaluations run on `cosearch worker` processes)');
  // What the workers would ignore, refused as runSearch refuses it, named as flags.
  refuseIgnoredBackendOptions('redis', { workers: flags.workers, evalTimeout: flags.evalTimeout }, CLI_BACKEND_NAMES);
  const target = parseRedisUrl(flags.backend, flags.backendPasswordFile !== undefined ? { passwordFile: flags.backendPasswordFile } : {});
  return {
    target,
    ...(flags.backendChunk !== undefined ? { chunk: flags.backendChunk } : {}),
    log: (line) => process.stderr.write(`search: ${line}\n`),
  };
}

/**
 * Heap a run may grow by per evaluation. The search keeps the front, counts and bounded samples, and the report and
 * --resume stream the CSV; what grows with the run is the strategy's duplicate set (one key per point proposed) and
 * a hypervolume per generation. Measured 2026-12-03 (docs/search.md#memory; main-thread heap after a forced
 * collection every 0.5 s, 2 workers, VGG16 ELA-only): the 40k grid x 10 spike rates peaks at 21.4 MB retained at
 * 403,200 evaluations (rows are written by the workers); NSGA-II on the 40k grid at 24.9 MB for 40,277 and 28.8 MB
 * for 161,132 evaluations: 34 bytes per evaluation (number keys). A space over 2^53 points keys by the joined genes:
 * 232 bytes per entry for 60 genes (a Set of 200,000 such strings). 512 bytes leaves 2.2x over that, 15x over the
 * common case, for a larger front (garbage not yet collected, up to 105 MB at 40k, is collected near the limit).
 */
export const MEMORY_PER_EVALUATION_BYTES = 512;

/** Refuse a run whose rows cannot fit in the JS heap; warn when they would take over half of it. One line naming the budget. */
export function checkMemory(planned: number | undefined, heapLimit_bytes = getHeapStatistics().heap_size_limit, warn: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): void {
  if (planned === undefined || !Number.isFinite(planned)) return;
  const estimate = planned * MEMORY_PER_EVALUATION_BYTES;
  const what = `${planned} evaluations need about ${formatBytes(estimate)} (${formatBytes(MEMORY_PER_EVALUATION_BYTES)} each) of a ${formatBytes(heapLimit_bytes)} heap`;
  if (estimate > heapLimit_bytes) {
    throw new ConfigError(`budget: ${what}; lower --budget, or raise the heap with NODE_OPTIONS=--max-old-space-size=<MiB>`);
  }
  if (estimate > heapLimit_bytes / 2) warn(`search: warning: ${what}; the run may run out of memory`);
}

/**
 * The flags a resume must repeat to match the run's fingerprint: the strategy, seed and budget when given
 * (so following the hint resumes), plus the workers and time limit the run had (not fingerprinted, kept as run).
 */
/**
 * The command that continues the run in `outDir`: the one the search prints (`continue with:`) and the one its report's
 * notes give (writeRunReport's continueWith): one function, so the two never differ (e.g. one dropping --no-cache).
 */
export function continueCommand(file: string, outDir: string, flags: SearchFlags): string {
  return `cosearch search ${file} --resume --out ${outDir}${continueFlags(flags)}`;
}

export function continueFlags(flags: SearchFlags): string {
  return [
    flags.strategy !== undefined ? ` --strategy ${flags.strategy}` : '',
    flags.seed !== undefined ? ` --seed ${flags.seed}` : '',
    flags.budget !== undefined ? ` --budget ${flags.budget}` : '',
    flags.workers !== undefined ? ` --workers ${flags.workers}` : '',
    flags.evalTimeout !== undefined ? ` --eval-timeout ${flags.evalTimeout}` : '',
    flags.inThread ? ' --in-thread' : '',
    flags.lazy ? ' --lazy' : '',
    flags.earlyStop ? ' --early-stop' : '',
    flags.lazyPredict ? ' --lazy-predict' : '',
    flags.lazyExact ? ' --lazy-exact' : '',
    flags.cache === false ? ' --no-cache' : '',
    // A distributed run resumes on its workers (without --backend it resumed on this machine's cores, unannounced);
    // the URL as cosearch prints it, never its password (REDIS_URL or the password file carry that).
    flags.backend !== undefined ? ` --backend ${redactedUrl(parseRedisUrl(flags.backend, { env: {} }))}` : '',
    flags.backendPasswordFile !== undefined ? ` --backend-password-file ${flags.backendPasswordFile}` : '',
    flags.backendChunk !== undefined ? ` --backend-chunk ${flags.backendChunk}` : '',
  ].join('');
}

/** Each named lazy mode's flag. */
const LAZY_MODE_FLAGS = [['lazyPredict', '--lazy-predict', 'predict'], ['lazyExact', '--lazy-exact', 'exact'], ['earlyStop', '--early-stop', 'early-stop']] as const;

/** The run's `lazy` option from --lazy, --early-stop, --lazy-predict and --lazy-exact (each of the last three implies --lazy; they exclude each other). */
export function lazyFlag(flags: Pick<SearchFlags, 'lazy' | 'earlyStop' | 'lazyPredict' | 'lazyExact'>): { lazy?: LazyMode } {
  const named = LAZY_MODE_FLAGS.filter(([key]) => flags[key] === true);
  if (named.length > 1) {
    throw new ConfigError(`${named[0][1]}: got ${named[1][1]} too, expected one of ${LAZY_MODE_FLAGS.map(([, flag]) => flag).join(', ')} (the lazy modes do not combine)`);
  }
  return named.length === 1 ? { lazy: named[0][2] } : flags.lazy ? { lazy: true } : {};
}

/** The study's files and verdict, when the space has a study (empty otherwise). */
export function studyLines(report: RunReportFiles): string {
  if (!report.studyPaths) return '';
  const md = report.studyPaths.find((p) => p.endsWith('.md'));
  const figures = report.studyPaths.filter((p) => p.endsWith('.svg'));
  const provisional = report.studyProvisional !== undefined ? `; provisional: ${report.studyProvisional}` : '';
  return `  study:       ${md ?? ''} (${report.studyPassed ? 'every required expectation holds' : 'an expectation FAILS, see the file'}${provisional})\n` +
    figures.map((f) => `  figure:      ${f}\n`).join('');
}

/** results/<space>-YYYYMMDD-HHMMSS (UTC). */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Create a new run's default folder: `base`, or `base-2`, `base-3`, ... when searches started in the same second
 * took the names before (the timestamp has seconds). Each name is claimed by mkdir itself, which fails with EEXIST
 * when the folder exists, so two searches racing never take the same one (an exists-then-create check could).
 */
export function claimRunFolder(base: string): string {
  mkdirSync(dirname(base), { recursive: true });
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new ConfigError(`cannot create the run folder ${dir} (${code ?? String(error)}); choose another with --out`);
    }
  }
}

/** Remove `dir` if it is an empty folder (rmdir removes nothing else, so no file can be lost). */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty (the run wrote into it) or already gone: left as it is
  }
}

/**
 * The newest run folder of the space under `root`: the run started last (its manifest's startedAt), not the folder
 * modified last (a `cosearch report` of an older run rewrites its files). A folder of another space whose name
 * starts the same way (space "t" and a run of "t-x") is skipped by its manifest; one whose manifest cannot be read
 * stays a candidate, dated by its name's timestamp, so the resume names what is wrong with it instead of silently
 * taking an older run.
 */
export function latestRun(spaceName: string, root = 'results'): string {
  const runs = existsSync(root)
    ? readdirSync(root)
        .filter((d) => d.startsWith(`${spaceName}-`) && existsSync(join(root, d, 'manifest.json')))
        .flatMap((d) => {
          const started = startedAtOf(join(root, d), spaceName, d.slice(spaceName.length + 1));
          return started === undefined ? [] : [{ d, started }];
        })
        .sort((a, b) => (a.started < b.started ? -1 : a.started > b.started ? 1 : a.d < b.d ? -1 : a.d > b.d ? 1 : 0))
    : [];
  if (runs.length === 0) throw new ConfigError(`--resume: no run of "${spaceName}" under ${root}/ (give the folder with --out)`);
  return join(root, runs[runs.length - 1].d);
}

/**
 * When the run in `dir` started (ISO time), undefined when its manifest names another space. A manifest that cannot
 * be read gives the time in the folder's name (`20261206-001234` of results/<space>-20261206-001234, '' without one).
 */
function startedAtOf(dir: string, spaceName: string, suffix: string): string | undefined {
  try {
    const manifest = readManifest(dir);
    return manifest.space === spaceName ? manifest.startedAt : undefined;
  } catch {
    const stamp = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(suffix);
    return stamp ? `${stamp[1]}-${stamp[2]}-${stamp[3]}T${stamp[4]}:${stamp[5]}:${stamp[6]}` : '';
  }
}
