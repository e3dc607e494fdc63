/**
 * A pool of worker threads (piscina) that evaluates configurations in batches, in deterministic order.
 * - Batching: each task carries many configurations (a task costs ~80 us of messaging).
 * - Cache: identical configurations (same canonical overrides) are evaluated once per pool.
 * - Failures: an evaluation that throws is recorded with its message; a worker that crashes or exceeds the
 *   per-evaluation time limit is terminated and replaced by piscina, the configuration it was on is recorded
 *   as failed, and the rest of its batch is run again. One bad configuration never ends a run.
 * Outcomes come back in input order whatever the number of workers, so results never depend on it.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { canonicalKey } from '../space/assign.js';
import type { EvalOutcome, Overrides, PoolTask, PoolTaskResult } from './protocol.js';

export interface PoolOptions {
  /** Path or file: URL of the evaluator module (exports `createEvaluator(context)`). */
  readonly evaluator: string | URL;
  /** Passed to `createEvaluator` once per worker (structured-clonable). */
  readonly context: unknown;
  /** Worker threads; default os.availableParallelism(). */
  readonly workers?: number;
  /** Per-evaluation time limit in ms (0 or absent: none). */
  readonly evalTimeout_ms?: number;
  /** Most configurations per task; default 64. */
  readonly maxBatch?: number;
}

/** Tasks per worker for the first call, before evaluation times are known. */
const TASKS_PER_WORKER = 4;
/** A task should carry at least this much work, so its ~0.1 ms of messaging stays a few percent. */
const MIN_TASK_MS = 5;

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export class EvaluationPool {
  readonly workers: number;
  private readonly piscina: Piscina<PoolTask, PoolTaskResult>;
  /** Mean evaluation time seen so far (ms), undefined before the first task returns. */
  private meanEval_ms: number | undefined;
  private timedEvaluations = 0;
  private readonly evaluatorUrl: string;
  private readonly contextKey: string;
  private readonly cache = new Map<string, Promise<EvalOutcome>>();
  private readonly evalTimeout_ms: number;
  private readonly maxBatch: number;
  /** Evaluations actually run (cache misses), for statistics. */
  evaluated = 0;
  /** Tasks sent to workers (batches, including reruns after a failure). */
  tasks = 0;

  constructor(private readonly options: PoolOptions) {
    this.workers = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(this.workers) || this.workers < 1) throw new RangeError(`workers: got ${this.workers}, expected an integer >= 1`);
    this.evalTimeout_ms = options.evalTimeout_ms ?? 0;
    this.maxBatch = options.maxBatch ?? 64;
    const evaluator = options.evaluator;
    this.evaluatorUrl = evaluator instanceof URL ? evaluator.href : evaluator.startsWith('file:') ? evaluator : pathToFileURL(evaluator).href;
    this.contextKey = JSON.stringify(options.context ?? null);
    const worker = workerModule();
    this.piscina = new Piscina<PoolTask, PoolTaskResult>({
      filename: worker.filename,
      execArgv: worker.execArgv,
      minThreads: this.workers,
      maxThreads: this.workers,
      idleTimeout: 60_000,
    });
  }

  /** Evaluate configurations; outcomes in input order. Repeated configurations are evaluated once. */
  async evaluate(items: readonly Overrides[]): Promise<EvalOutcome[]> {
    const fresh: { key: string; item: Overrides; resolve: (o: EvalOutcome) => void }[] = [];
    const promises = items.map((item) => {
      const key = canonicalKey(item);
      let promise = this.cache.get(key);
      if (!promise) {
        let resolve!: (o: EvalOutcome) => void;
        promise = new Promise<EvalOutcome>((r) => (resolve = r));
        this.cache.set(key, promise);
        fresh.push({ key, item, resolve });
      }
      return promise;
    });
    if (fresh.length > 0) {
      const size = Math.min(this.maxBatch, Math.ceil(fresh.length / this.taskCount(fresh.length)));
      const runs: Promise<void>[] = [];
      for (let start = 0; start < fresh.length; start += size) {
        const chunk = fresh.slice(start, start + size);
        runs.push(this.runChunk(chunk.map((c) => c.item)).then((outcomes) => outcomes.forEach((o, i) => chunk[i].resolve(o))));
      }
      this.evaluated += fresh.length;
      await Promise.all(runs);
    }
    return Promise.all(promises);
  }

  /**
   * How many tasks to split n configurations into. Before any timing: TASKS_PER_WORKER per worker. Then: as
   * many as keep each task above MIN_TASK_MS of expected work (cheap evaluations travel in a few large tasks;
   * slow ones one per task, so a free worker always takes the next and stragglers stay short), a multiple of
   * the worker count, never fewer tasks than workers while there are configurations for each. Only affects
   * speed: outcomes never depend on it.
   */
  private taskCount(n: number): number {
    if (this.meanEval_ms === undefined) return Math.max(1, Math.min(n, this.workers * TASKS_PER_WORKER));
    const byWork = Math.ceil(Math.floor((n * this.meanEval_ms) / MIN_TASK_MS) / this.workers) * this.workers;
    return Math.max(1, Math.min(n, Math.max(byWork, this.workers)));
  }

  /** Seed the cache with an already known outcome (used when resuming a run). */
  remember(item: Overrides, outcome: EvalOutcome): void {
    this.rememberKey(canonicalKey(item), outcome);
  }

  /** As `remember`, by canonical key (see space/assign.ts canonicalKey). */
  rememberKey(key: string, outcome: EvalOutcome): void {
    this.cache.set(key, Promise.resolve(outcome));
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }

  /** Run one batch; on a crash or time-out, record the culprit and rerun the rest until every item has an outcome. */
  private async runChunk(items: readonly Overrides[]): Promise<EvalOutcome[]> {
    const results: EvalOutcome[] = new Array(items.length);
    let pending = items.map((_, i) => i);
    while (pending.length > 0) {
      const progress = new Int32Array(new SharedArrayBuffer(4));
      const abort = new AbortController();
      let timedOut = -1;
      const watch = this.evalTimeout_ms > 0 ? this.watch(progress, abort, (i) => (timedOut = i), pending.length) : undefined;
      this.tasks++;
      try {
        const { outcomes, compute_ms } = await this.piscina.run(
          { evaluator: this.evaluatorUrl, context: this.options.context, contextKey: this.contextKey, items: pending.map((i) => items[i]), progress: progress.buffer as SharedArrayBuffer },
          { signal: abort.signal },
        );
        outcomes.forEach((o, j) => (results[pending[j]] = o));
        this.timedEvaluations += outcomes.length;
        const mean = compute_ms / Math.max(1, outcomes.length);
        this.meanEval_ms = this.meanEval_ms === undefined ? mean : this.meanEval_ms + ((mean - this.meanEval_ms) * outcomes.length) / this.timedEvaluations;
        pending = [];
      } catch (error) {
        const at = timedOut >= 0 ? timedOut : Math.min(Math.max(0, Atomics.load(progress, 0) - 1), pending.length - 1);
        results[pending[at]] = {
          error: timedOut >= 0
            ? `evaluation exceeded the time limit of ${this.evalTimeout_ms} ms (worker replaced)`
            : `worker crashed: ${error instanceof Error ? error.message : String(error)} (worker replaced)`,
        };
        pending = pending.filter((_, j) => j !== at);
      } finally {
        if (watch) clearInterval(watch);
      }
    }
    return results;
  }

  /** Poll the batch's progress; abort the task when one item has run longer than the limit. */
  private watch(progress: Int32Array, abort: AbortController, onTimeout: (index: number) => void, length: number): NodeJS.Timeout {
    let current = 0;
    let since = Date.now();
    const every_ms = Math.max(5, Math.min(50, this.evalTimeout_ms / 10));
    const timer = setInterval(() => {
      const now = Atomics.load(progress, 0);
      if (now !== current) {
        current = now;
        since = Date.now();
      } else if (now >= 1 && now <= length && Date.now() - since > this.evalTimeout_ms) {
        onTimeout(now - 1);
        clearInterval(timer);
        abort.abort();
      }
    }, every_ms);
    timer.unref();
    return timer;
  }
}

/** The worker file: compiled .js in builds; from sources (tsx, vitest) the .ts loaded through tsx. */
function workerModule(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? [...process.execArgv] : [...process.execArgv, '--import', 'tsx'];
    return { filename: fileURLToPath(new URL('./worker.ts', here)), execArgv };
  }
  return { filename: fileURLToPath(new URL('./worker.js', here)), execArgv: [] };
}
