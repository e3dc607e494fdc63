/**
 * A co-search as the command line runs it: the simulator (or another evaluator module) behind a backend built
 * here: piscina worker threads by default, or in-thread. The engine (src/search) gets the backend and never
 * builds one.
 */
import {
  InThreadBackend, PiscinaBackend, runSearch as runSearchWith,
  type BackendFactory, type EvaluatorRef, type RunSearchOptions, type RunSearchResult,
} from '../search/index.js';
import { SIMULATOR_METRICS } from './simulatorEvaluator.js';
import { ACCURACY_METRIC_NAMES, APART_ACCURACY_METRIC_NAMES, TRAINING_METRIC_NAMES } from '../sim/metrics.js';
import { EXPENSIVE_METRIC_BOUNDS } from './lazyBounds.js';
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
}

export interface BackendChoice {
  /** 'piscina' (worker threads, the default) or 'in-thread' (cheap evaluations, tests). */
  readonly kind?: 'piscina' | 'in-thread';
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
}

export interface AppRunSearchOptions extends Omit<RunSearchOptions, 'backend' | 'metrics' | 'evaluatorContext'>, Omit<BackendChoice, 'kind'> {
  /** Defaults to the simulator (src/app/simulatorEvaluator.ts). */
  readonly evaluator?: EvaluatorChoice;
  /** Which backend runs the evaluations (default piscina; a RedisChoice: `cosearch worker` processes over Redis). */
  readonly backend?: 'piscina' | 'in-thread' | RedisChoice;
}

/** The simulator as an evaluator module (the .ts source under tsx / vitest, the .js build otherwise). */
export function simulatorEvaluator(): EvaluatorChoice {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  // The accuracy engine and the training-cost model run only for a run that needs one of their metrics
  // (src/sim/simulate.ts): a run that needs none has no column for them. Within the accuracy engine the proxy is
  // computed apart, only when its column is shown (src/app/simulatorEvaluator.ts needsOf): its own group.
  return {
    module: new URL(`./simulatorEvaluator.${ext}`, import.meta.url), metrics: SIMULATOR_METRICS, expensive: EXPENSIVE_METRIC_BOUNDS,
    onDemand: [ACCURACY_METRIC_NAMES, APART_ACCURACY_METRIC_NAMES, TRAINING_METRIC_NAMES],
  };
}

/** A factory for the chosen backend over an evaluator module. */
export function backendFactory(module: EvaluatorRef, choice: BackendChoice = {}): BackendFactory {
  if (choice.kind === 'in-thread') return (context) => new InThreadBackend({ evaluator: module, context });
  return (context) =>
    new PiscinaBackend({
      evaluator: module,
      context,
      ...(choice.workers !== undefined ? { workers: choice.workers } : {}),
      ...(choice.evalTimeout_ms !== undefined ? { evalTimeout_ms: choice.evalTimeout_ms } : {}),
      ...(choice.closeInBackground !== undefined ? { closeInBackground: choice.closeInBackground } : {}),
    });
}

/** Run (or resume) a search of a space with the simulator (or `evaluator`) on the chosen backend. */
export async function runSearch(options: AppRunSearchOptions): Promise<RunSearchResult> {
  const { evaluator = simulatorEvaluator(), backend, workers, evalTimeout_ms, closeInBackground, ...rest } = options;
  return runSearchWith({
    ...rest,
    metrics: evaluator.metrics,
    ...(evaluator.context ? { evaluatorContext: evaluator.context } : {}),
    ...(evaluator.expensive ? { expensiveMetrics: evaluator.expensive } : {}),
    ...(evaluator.onDemand ? { onDemandMetrics: evaluator.onDemand } : {}),
    backend: typeof backend === 'object' ? (await import('./distributed.js')).redisBackendFactory(backend) : backendFactory(evaluator.module, {
      ...(backend ? { kind: backend } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(evalTimeout_ms !== undefined ? { evalTimeout_ms } : {}),
      ...(closeInBackground !== undefined ? { closeInBackground } : {}),
    }),
  });
}
