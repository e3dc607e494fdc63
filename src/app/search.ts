/**
 * A co-search as the command line runs it: the simulator (or another evaluator module) behind a backend built
 * here: piscina worker threads by default, or in-thread. The engine (src/search) gets the backend and never
 * builds one.
 */
import { ConfigError, describeValue, didYouMean, refuseUnknownKeys, refuseUnknownNestedKeys } from '../core/index.js';
import {
  checkRunArguments, closeWarningSink, InThreadBackend, PiscinaBackend, runSearch as runSearchWith, RUN_SEARCH_OPTION_KEYS,
  type BackendFactory, type CloseWarningSink, type EvaluatorRef, type OnCloseWarning, type DesignKey, type RowNote, type RunSearchOptions, type RunSearchResult,
} from '../search/index.js';
import { checkRunNumber } from '../io/run/index.js';
import { SIMULATOR_METRICS } from './simulatorEvaluator.js';
import { ACCURACY_METRIC_NAMES, APART_ACCURACY_METRIC_NAMES, MEASURED_ACCURACY_METRIC_NAMES, TRAINING_METRIC_NAMES, WORST_LAYER_METRIC_NAMES } from '../sim/metrics.js';
import { EXPENSIVE_METRIC_BOUNDS } from './lazyBounds.js';
import { SIMULATOR_ROW_NOTE } from './rowNote.js';
import { SIMULATOR_DESIGN_KEY } from './designKey.js';
import { modelSourceHash, runWeightsHash } from './cache/keys.js';
import type { RedisChoice } from './distributed.js';

export interface EvaluatorChoice {
  /** Path or file: URL of a module exporting `createEvaluator(context)` (see search/backend/types.ts). */
  readonly module: EvaluatorRef;
  /** Metric names, in CSV column order; objectives and constraints must be among them. */
  readonly metrics: readonly string[];
  /** Extra fields for `createEvaluator`'s context (besides network, base and needed). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Its expensive metrics and each one's best possible value, which a lazy run may defer (src/search/lazy). */
  readonly expensive?: Readonly<Record<string, number>>;
  /** Groups of metrics it computes only when a run needs one of them: no CSV column in a run that needs none (RunSearchOptions.onDemandMetrics). */
  readonly onDemand?: readonly (readonly string[])[];
  /** What a row's figures rest on, in the CSVs' `note` column (RunSearchOptions.rowNote). */
  readonly rowNote?: RowNote;
  /** Which configurations are one design (RunSearchOptions.designKey): evaluated once, listed once on the front. */
  readonly designKey?: DesignKey;
  /** Metrics it added after runs were fingerprinted: in a run's fingerprint only when it reads them (RunSearchOptions.addedMetrics). */
  readonly added?: readonly string[];
}

export interface BackendChoice {
  /** A LOCAL_BACKENDS name: 'piscina' (worker threads, the default) or 'in-thread' (cheap evaluations, tests). */
  readonly kind?: LocalBackendName;
  /** Worker threads (piscina); default: available cores. */
  readonly workers?: number;
  /** Per-evaluation time limit in ms (piscina only). */
  readonly evalTimeout_ms?: number;
  /**
   * Let the run return before the workers have written the cache entries they deferred (piscina only; docs/cache.md,
   * "When entries are written"): they are written while the caller goes on, and the process exits only after them.
   * Default false: when runSearch resolves, every entry of the run is on disk for the next run, in any process.
   */
  readonly closeInBackground?: boolean;
  /**
   * Told each warning of the evaluators' closes, one line per kind merged across worker threads (a persistent-cache
   * write that failed: `the cache in DIR could not store N of this run's entries (CAUSE); ...`), once the backend has
   * closed (with closeInBackground: when the workers finish, before the process exits). Default: none said.
   */
  readonly onCloseWarning?: OnCloseWarning;
}

export interface AppRunSearchOptions extends Omit<RunSearchOptions, 'backend' | 'metrics' | 'evaluatorContext' | 'rowNote' | 'designKey' | 'modelHash' | 'weightsHash'>, Omit<BackendChoice, 'kind'> {
  /** Defaults to the simulator (src/app/simulatorEvaluator.ts). */
  readonly evaluator?: EvaluatorChoice;
  /** Which backend runs the evaluations (default piscina; a RedisChoice: `cosearch worker` processes over Redis). */
  readonly backend?: LocalBackendName | RedisChoice;
}

/** Every AppRunSearchOptions key (checked against the interface: a new option is one line here); others are refused. */
const ENGINE_ONLY_KEYS: readonly string[] = ['metrics', 'evaluatorContext', 'rowNote', 'designKey', 'modelHash', 'weightsHash'] satisfies Exclude<keyof RunSearchOptions, keyof AppRunSearchOptions>[];
const APP_RUN_SEARCH_OPTION_KEYS: readonly string[] = [
  ...RUN_SEARCH_OPTION_KEYS.filter((k) => !ENGINE_ONLY_KEYS.includes(k)),
  ...Object.keys({ evaluator: true, workers: true, evalTimeout_ms: true, closeInBackground: true, onCloseWarning: true } satisfies Record<Exclude<keyof AppRunSearchOptions, keyof RunSearchOptions>, true>),
];
const EVALUATOR_CHOICE_KEYS: readonly string[] = Object.keys({ module: true, metrics: true, context: true, expensive: true, onDemand: true, rowNote: true, designKey: true, added: true } satisfies Record<keyof EvaluatorChoice, true>);
const REDIS_CHOICE_KEYS: readonly string[] = Object.keys({ target: true, chunk: true, evaluator: true, log: true } satisfies Record<keyof RedisChoice, true>);

/** How the options of a backend choice are named where they were given (the library's fields, or the CLI's flags). */
export interface BackendOptionNames {
  /** The local backend itself (`backend "in-thread"`, `--in-thread`). */
  local(kind: LocalBackendName): string;
  readonly redis: string;
  readonly workers: string;
  readonly evalTimeout: string;
}

const LIBRARY_NAMES: BackendOptionNames = { local: (kind) => `backend "${kind}"`, redis: 'backend', workers: 'workers', evalTimeout: 'evalTimeout_ms' };

/** A backend of this machine: its factory over an evaluator module, and why it cannot honour the options it would ignore. */
interface LocalBackend {
  /** `warnings`: the run's sink for its backends' close warnings (backendFactory makes one per run). */
  create(module: EvaluatorRef, choice: BackendChoice, warnings: CloseWarningSink | undefined): BackendFactory;
  readonly ignores: { readonly workers?: string; readonly evalTimeout?: string };
}

/** The local backends by name (a new one: its class in src/search/backend/ and one entry here). Redis is a RedisChoice object, not a name. */
const LOCAL_BACKENDS = {
  piscina: {
    create: (module, choice, warnings) => (context) => new PiscinaBackend({
      evaluator: module,
      context,
      ...(choice.workers !== undefined ? { workers: choice.workers } : {}),
      ...(choice.evalTimeout_ms !== undefined ? { evalTimeout_ms: choice.evalTimeout_ms } : {}),
      ...(choice.closeInBackground !== undefined ? { closeInBackground: choice.closeInBackground } : {}),
      ...(warnings ? { closeWarnings: warnings } : {}),
    }),
    ignores: {},
  },
  'in-thread': {
    create: (module, choice, warnings) => (context) => new InThreadBackend({ evaluator: module, context, ...(warnings ? { closeWarnings: warnings } : {}) }),
    ignores: { workers: 'evaluations in this thread use no worker threads', evalTimeout: 'an evaluation in this thread cannot be timed out' },
  },
} as const satisfies Readonly<Record<string, LocalBackend>>;

export type LocalBackendName = keyof typeof LOCAL_BACKENDS;
const LOCAL_BACKEND_NAMES = Object.keys(LOCAL_BACKENDS);

function isLocalBackend(name: string): name is LocalBackendName {
  return Object.hasOwn(LOCAL_BACKENDS, name);
}

/** The local backend called `kind`; a ConfigError with a one-edit suggestion for any other value (a JS caller's typo ran piscina). */
function localBackend(kind: unknown): LocalBackend {
  if (typeof kind === 'string' && isLocalBackend(kind)) return LOCAL_BACKENDS[kind];
  const hint = typeof kind === 'string' ? didYouMean(kind, LOCAL_BACKEND_NAMES) : '';
  throw new ConfigError(`backend: got ${describeValue(kind)}, expected one of ${LOCAL_BACKEND_NAMES.join(', ')} or a Redis choice { target }${hint}`);
}

/**
 * Options the chosen backend would silently ignore, refused: in-thread evaluations use no worker threads and cannot
 * be timed out (a synchronous evaluation in this thread cannot be interrupted); Redis evaluations run on `cosearch
 * worker` processes, which have their own --workers and no time limit. Used by runSearch and by `cosearch search`.
 */
export function refuseIgnoredBackendOptions(
  kind: LocalBackendName | 'redis', given: { readonly workers?: number; readonly evalTimeout?: number }, names: BackendOptionNames = LIBRARY_NAMES,
): void {
  const other = given.workers !== undefined ? 'workers' : given.evalTimeout !== undefined ? 'evalTimeout' : undefined;
  if (other === undefined) return;
  const option = names[other];
  if (kind === 'redis') {
    if (other === 'workers') throw new ConfigError(`${names.redis}: got a Redis backend and ${option}, expected ${option} on each \`cosearch worker\` process (evaluations run there)`);
    throw new ConfigError(`${names.redis}: got a Redis backend and ${option}, expected one of a Redis backend and ${option} (a \`cosearch worker\` does not time out its evaluations)`);
  }
  const why = localBackend(kind).ignores[other];
  if (why === undefined) return;
  const backend = names.local(kind);
  throw new ConfigError(`${backend}: got ${option} too, expected one of ${backend} and ${option} (${why})`);
}

/**
 * workers and evalTimeout_ms as the run manifest records them (src/io/run/manifest.ts), refused before anything is
 * written: workers 0 was a RangeError after evaluations.csv was created, and a negative time limit (read as none) a
 * manifest `cosearch report` and --resume refuse.
 */
function checkBackendNumbers(workers: number | undefined, evalTimeout_ms: number | undefined): void {
  if (workers !== undefined) checkRunNumber('workers', workers);
  if (evalTimeout_ms !== undefined) checkRunNumber('evalTimeout_ms', evalTimeout_ms);
}

/** The simulator as an evaluator module (the .ts source under tsx / vitest, the .js build otherwise). */
export function simulatorEvaluator(): EvaluatorChoice {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  // The accuracy engine and the training-cost model run only for a run that needs one of their metrics
  // (src/sim/simulate.ts): a run that needs none has no column for them. Within the accuracy engine the proxy is
  // computed apart, only when its column is shown (src/app/simulatorEvaluator.ts needsOf): its own group; so is the
  // test-set measurement (accuracy, accuracy_ci95), which a run of the MAC error alone does not pay for, and the worst
  // layer's MAC error, added later: a run that does not read it keeps its columns and fingerprint.
  return {
    module: new URL(`./simulatorEvaluator.${ext}`, import.meta.url), metrics: SIMULATOR_METRICS, expensive: EXPENSIVE_METRIC_BOUNDS,
    onDemand: [ACCURACY_METRIC_NAMES, APART_ACCURACY_METRIC_NAMES, TRAINING_METRIC_NAMES, MEASURED_ACCURACY_METRIC_NAMES, WORST_LAYER_METRIC_NAMES],
    added: WORST_LAYER_METRIC_NAMES,
    rowNote: SIMULATOR_ROW_NOTE,
    designKey: SIMULATOR_DESIGN_KEY,
  };
}

/** A factory for the chosen backend over an evaluator module (default piscina); an unknown kind is refused. */
export function backendFactory(module: EvaluatorRef, choice: BackendChoice = {}): BackendFactory {
  // One sink for all the backends the run opens from this factory (a lazy run's two or three): each warning said once.
  return localBackend(choice.kind ?? 'piscina').create(module, choice, choice.onCloseWarning ? closeWarningSink(choice.onCloseWarning) : undefined);
}

/** Run (or resume) a search of a space with the simulator (or `evaluator`) on the chosen backend. */
export async function runSearch(options: AppRunSearchOptions): Promise<RunSearchResult> {
  checkRunArguments(options);
  refuseUnknownKeys(options, APP_RUN_SEARCH_OPTION_KEYS, 'an option of runSearch (AppRunSearchOptions)');
  refuseUnknownNestedKeys('evaluator', options.evaluator, EVALUATOR_CHOICE_KEYS);
  if (typeof options.backend === 'object') refuseUnknownNestedKeys('backend', options.backend, REDIS_CHOICE_KEYS);
  const { evaluator = simulatorEvaluator(), backend, workers, evalTimeout_ms, closeInBackground, onCloseWarning, ...rest } = options;
  refuseIgnoredBackendOptions(typeof backend === 'object' ? 'redis' : backend ?? 'piscina', { workers, evalTimeout: evalTimeout_ms });
  checkBackendNumbers(workers, evalTimeout_ms);
  const weightsHash = runWeightsHash(rest.space.networks);
  return runSearchWith({
    ...rest,
    // What computes the rows (the model code; the networks' trained weights): a resume by another build, or with other weights, is refused.
    modelHash: modelSourceHash(),
    ...(weightsHash !== undefined ? { weightsHash } : {}),
    metrics: evaluator.metrics,
    ...(evaluator.context ? { evaluatorContext: evaluator.context } : {}),
    ...(evaluator.expensive ? { expensiveMetrics: evaluator.expensive } : {}),
    ...(evaluator.onDemand ? { onDemandMetrics: evaluator.onDemand } : {}),
    ...(evaluator.rowNote ? { rowNote: evaluator.rowNote } : {}),
    ...(evaluator.designKey ? { designKey: evaluator.designKey } : {}),
    ...(evaluator.added ? { addedMetrics: evaluator.added } : {}),
    backend: typeof backend === 'object' ? await (await import('./distributed.js')).redisBackendFactory(backend) : backendFactory(evaluator.module, {
      ...(backend ? { kind: backend } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(evalTimeout_ms !== undefined ? { evalTimeout_ms } : {}),
      ...(closeInBackground !== undefined ? { closeInBackground } : {}),
      ...(onCloseWarning ? { onCloseWarning } : {}),
    }),
  });
}
