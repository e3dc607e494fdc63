/** runSearch's options, what it returns, and the checks its arguments pass before anything is opened. */
import { ConfigError, describeValue } from '../../core/index.js';
import { isRecord } from '../guards.js';
import { checkRunNumber, type RunManifest, type RunStatus } from '../../io/run/index.js';
import type { BackendFactory, EvaluationBackend } from '../backend/types.js';
import type { LazyCounts } from '../lazy/stage.js';
import type { RowNote } from './notes.js';
import type { DesignKey } from './designs.js';
import type { LazyMode, SearchSpace } from '../space/types.js';
import type { StrategyRegistry } from '../strategies/registry.js';
import type { RunOrigin } from '../strategies/definition.js';

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
  /** Which configurations are one design (run/designs.ts): each design evaluated once, its repeats marked in SAME_DESIGN_COLUMN, listed once on the front. */
  readonly designKey?: DesignKey;
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
  resume: true, modelHash: true, weightsHash: true, origin: true, strategies: true, lazy: true, expensiveMetrics: true, rowNote: true, designKey: true, onProgress: true, onNote: true, notes: true, shouldStop: true,
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
export function checkRunNumbers({ seed, budget }: Pick<RunSearchOptions, 'seed' | 'budget'>): void {
  if (seed !== undefined) checkRunNumber('seed', seed);
  if (budget !== undefined) checkRunNumber('budget', budget);
}

export function checkParallelism(backend: EvaluationBackend): void {
  checkRunNumber('workers', backend.parallelism, 'backend.parallelism', 'evaluations it runs at once');
}

