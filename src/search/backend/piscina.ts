/**
 * The piscina backend: worker threads that evaluate configurations in batches, in deterministic order.
 * - Batching: each task carries many configurations (a task costs ~80 us of messaging).
 * - Failures: an evaluation that throws is recorded with its message; a worker that crashes or exceeds the
 *   per-evaluation time limit is terminated and replaced by piscina, the configuration it was on is recorded
 *   as failed, and the rest of its batch is run again. One bad configuration never ends a run.
 * - Routing: each worker is its own single-thread pool (a lane), so a task can go to a chosen worker. When the evaluator
 *   module gives affinity keys (EvaluatorModule.createAffinity), a free worker takes configurations whose key it
 *   evaluated recently before others (affinity.ts): work an evaluator caches per thread is then done once, not once
 *   per worker. No worker idles while configurations wait.
 * Outcomes come back in input order whatever the number of workers or the routing, so results never depend on it.
 * Caching identical configurations is not its business: wrap it in a CachedBackend.
 */
import { availableParallelism, totalmem } from 'node:os';
import { Piscina } from 'piscina';
import { workerFile } from '../../util/workerFile.js';
import { AffinityQueue, WarmKeys } from './affinity.js';
import { Lanes } from './lanes.js';
import { packItems, unpackOutcomes, type AnyPoolTask, type CloseResult, type AnyPoolTaskResult, type PoolSetup, type PoolTaskResult, type RangeTask } from './protocol.js';
import { closeWarningsOut, type CloseWarningSink, evaluatorUrl, type OnCloseWarning, type AffinityKey, type EvalOutcome, type EvaluationBackend, type EvaluatorModule, type EvaluatorRef, type Overrides, type RangePlan, type RangeResult } from './types.js';

export interface PiscinaBackendOptions {
  /** Path or file: URL of the evaluator module (exports `createEvaluator(context)`). */
  readonly evaluator: EvaluatorRef;
  /** Passed to `createEvaluator` once per worker (structured-clonable). */
  readonly context: unknown;
  /** Worker threads; default os.availableParallelism(). */
  readonly workers?: number;
  /** Per-evaluation time limit in ms (0 or absent: none). */
  readonly evalTimeout_ms?: number;
  /** Most configurations per task; default 64, more for evaluations much cheaper than MIN_TASK_MS (batchCap). */
  readonly maxBatch?: number;
  /**
   * Heap limit of each worker (MB, V8 old generation); default `defaultWorkerHeapMb(workers)`. An evaluation that
   * exceeds it ends its worker (replaced) and is recorded as failed instead of aborting the process.
   */
  readonly workerHeap_mb?: number;
  /**
   * Route configurations by the evaluator module's affinity keys (createAffinity, when it exports one; the module is
   * then also loaded in this thread); default true. Speed only: outcomes never depend on it.
   */
  readonly affinity?: boolean;
  /**
   * close() resolves at once instead of when the workers have finished what their evaluators deferred (Evaluate.close:
   * the persistent cache's writes); `closed` resolves then. For a caller with other work meanwhile (the command line's
   * report) whose process outlives the writes (a worker thread with a task keeps it alive). Default false.
   */
  readonly closeInBackground?: boolean;
  /**
   * Told each warning of the workers' evaluator closes (Evaluate.close: cache entries they could not store), merged
   * across workers (one line per kind, counts summed), once every worker has closed: before `closed` resolves.
   */
  readonly onCloseWarning?: OnCloseWarning;
  /** Instead of onCloseWarning: the run's sink, which says each warning once over all the run's backends. */
  readonly closeWarnings?: CloseWarningSink;
}

/** Most configurations per task before evaluation times are known. */
const DEFAULT_MAX_BATCH = 64;
/** Tasks per worker for the first call, before evaluation times are known. */
const TASKS_PER_WORKER = 4;
/** A task should carry at least this much work, so its ~0.1 ms of messaging stays a few percent. */
const MIN_TASK_MS = 5;

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** Half the machine's memory shared by the workers, each between 512 MB and 4 GB. */
export function defaultWorkerHeapMb(workers: number): number {
  return Math.round(Math.min(4096, Math.max(512, totalmem() / 2 ** 20 / 2 / workers)));
}

export class PiscinaBackend implements EvaluationBackend {
  readonly parallelism: number;
  /** One single-thread pool per worker, so a task can be sent to a chosen worker. */
  private readonly pools: Piscina<AnyPoolTask, AnyPoolTaskResult>[];
  private readonly lanes: Lanes;
  /** The evaluator module's affinity key function (loaded at the first call), undefined when it has none. */
  private affinity: Promise<AffinityKey | undefined> | undefined;
  private readonly warm: WarmKeys;
  /** Mean evaluation time seen so far (ms), undefined before the first task returns. */
  private meanEval_ms: number | undefined;
  private timedEvaluations = 0;
  /** Per-evaluation time limit (ms), as given; recorded in the run's manifest. */
  readonly evalTimeout_ms: number | undefined;
  private readonly timeout_ms: number;
  private readonly maxBatch: number | undefined;
  /** Tasks sent to workers (batches, including reruns after a failure). */
  tasks = 0;
  /** Set by close(): resolves once every worker thread has exited. */
  terminated: Promise<void> | undefined;
  /** Set by close(): resolves once every worker has closed its evaluator (its deferred writes are done). */
  closed: Promise<void> | undefined;

  /** Where the workers' close warnings go (closeWarningsOut): joined here, so a run's sink waits for this backend. */
  private readonly closedWith: ReturnType<typeof closeWarningsOut>;

  constructor(private readonly options: PiscinaBackendOptions) {
    this.closedWith = closeWarningsOut(options);
    this.parallelism = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(this.parallelism) || this.parallelism < 1) throw new RangeError(`workers: got ${this.parallelism}, expected an integer >= 1`);
    this.evalTimeout_ms = options.evalTimeout_ms;
    this.timeout_ms = options.evalTimeout_ms ?? 0;
    this.maxBatch = options.maxBatch;
    const setup: PoolSetup = { evaluator: evaluatorUrl(options.evaluator), context: options.context };
    const worker = workerFile(import.meta.url, 'worker');
    const heap_mb = options.workerHeap_mb ?? defaultWorkerHeapMb(this.parallelism);
    this.pools = Array.from({ length: this.parallelism }, () => new Piscina<AnyPoolTask, AnyPoolTaskResult>({
      filename: worker.filename,
      execArgv: worker.execArgv,
      workerData: setup,
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: heap_mb },
    }));
    this.lanes = new Lanes(this.parallelism);
    this.warm = new WarmKeys(this.parallelism);
  }

  /** The module's createAffinity(context), loaded once in this thread; undefined without one, or with one worker. */
  private affinityKey(): Promise<AffinityKey | undefined> {
    if (this.options.affinity === false || this.parallelism < 2) return Promise.resolve(undefined);
    return (this.affinity ??= import(evaluatorUrl(this.options.evaluator))
      .then((mod: EvaluatorModule) => mod.createAffinity?.(this.options.context))
      .catch(() => undefined));
  }

  /**
   * Evaluate configurations in tasks spread over the workers; outcomes in input order. Each worker takes tasks until
   * none are left: in input order, or by affinity (affinity.ts) when the evaluator gives keys.
   */
  async evaluate(items: readonly Overrides[]): Promise<EvalOutcome[]> {
    if (items.length === 0) return [];
    const size = Math.min(this.batchCap(), Math.ceil(items.length / this.taskCount(items.length)));
    const affinity = await this.affinityKey();
    let next: (lane: number) => number[];
    let timed: ((lane: number, ms: number, count: number) => void) | undefined;
    if (affinity) {
      const queue = new AffinityQueue(items.map((item) => keyOf(affinity, item)), this.warm, this.parallelism);
      next = (lane) => queue.take(lane, size);
      timed = (lane, ms, count) => queue.timed(lane, ms, count);
    } else {
      let at = 0;
      next = () => {
        const from = at;
        at = Math.min(items.length, at + size);
        return Array.from({ length: at - from }, (_, j) => from + j);
      };
    }
    const out = new Array<EvalOutcome>(items.length);
    const loops = Math.min(this.parallelism, Math.ceil(items.length / size));
    await Promise.all(Array.from({ length: loops }, () => this.lanes.with(async (lane) => {
      for (let picked = next(lane); picked.length > 0; picked = next(lane)) {
        const since = performance.now();
        const outcomes = await this.runChunk(lane, picked.map((i) => items[i]));
        timed?.(lane, performance.now() - since, picked.length);
        picked.forEach((i, j) => (out[i] = outcomes[j]));
      }
    })));
    return out;
  }

  /**
   * How many tasks to split n configurations into. Before any timing: TASKS_PER_WORKER per worker. Then: as
   * many as keep each task above MIN_TASK_MS of expected work (cheap evaluations travel in a few large tasks;
   * slow ones one per task, so a free worker always takes the next and stragglers stay short), a multiple of
   * the worker count, never fewer tasks than workers while there are configurations for each. Only affects
   * speed: outcomes never depend on it.
   */
  private taskCount(n: number): number {
    if (this.meanEval_ms === undefined) return Math.max(1, Math.min(n, this.parallelism * TASKS_PER_WORKER));
    const byWork = Math.ceil(Math.floor((n * this.meanEval_ms) / MIN_TASK_MS) / this.parallelism) * this.parallelism;
    return Math.max(1, Math.min(n, Math.max(byWork, this.parallelism)));
  }

  /**
   * Most configurations per task: `maxBatch` when given; else 64, or for cheap evaluations as many as fill
   * MIN_TASK_MS (up to 1024), so a task's messaging stays a few percent of its work.
   */
  private batchCap(): number {
    if (this.maxBatch !== undefined || this.meanEval_ms === undefined) return this.maxBatch ?? DEFAULT_MAX_BATCH;
    return Math.max(DEFAULT_MAX_BATCH, Math.min(1024, Math.floor(MIN_TASK_MS / Math.max(this.meanEval_ms, 1e-6))));
  }

  /** A grid range in one task (EvaluationBackend.evaluateRange); a worker that crashes rejects it (the caller falls back). */
  async evaluateRange(plan: RangePlan, from: number, to: number, spare?: Uint8Array): Promise<RangeResult> {
    this.tasks++;
    // The spare's memory moves to the worker (the caller keeps no view of it); a shared or detached one stays here.
    const memory = spare?.buffer instanceof ArrayBuffer && spare.buffer.byteLength > 0 ? spare.buffer : undefined;
    const task: RangeTask = memory && spare ? { range: { plan, from, to }, spare } : { range: { plan, from, to } };
    const result = (await this.lanes.with((lane) => this.pools[lane].run(task, memory ? { transferList: [memory] } : {}))) as RangeResult;
    this.timed(result.compute_ms, result.count);
    return result;
  }

  /** Mean time per evaluation after a task of `count` evaluations that took `compute_ms`. */
  private timed(compute_ms: number, count: number): void {
    this.timedEvaluations += count;
    const mean = compute_ms / Math.max(1, count);
    this.meanEval_ms = this.meanEval_ms === undefined ? mean : this.meanEval_ms + ((mean - this.meanEval_ms) * count) / Math.max(1, this.timedEvaluations);
  }

  /**
   * Each worker closes its evaluator (a last task: the persistent cache's deferred writes, docs/cache.md), then ends.
   * Resolves once the evaluators are closed (at once with `closeInBackground`; `closed` then); never waits for the
   * threads to tear down: that takes 0.1-0.2 s for a worker holding a search's caches, and what the caller does next
   * (the command line's report of the run) overlaps with it; the process still exits only after them. `terminated`
   * resolves once every worker has exited. A failed close loses only what the evaluator deferred (cache entries).
   */
  close(): Promise<void> {
    if (!this.closed) {
      const closing = this.pools.map((pool) => pool.run({ close: true }).then((result) => (result as CloseResult).said, () => undefined));
      this.closed = Promise.all(closing).then((said) => {
        this.closedWith(said);
      });
      this.terminated = Promise.all(this.pools.map((pool, i) => closing[i].then(() => pool.destroy()))).then(() => undefined);
      // A teardown failure after every outcome is in must not crash the process as an unhandled rejection;
      // whoever awaits `terminated` still sees it.
      this.terminated.catch(() => undefined);
    }
    return this.options.closeInBackground ? Promise.resolve() : this.closed;
  }

  /** Run one batch; on a crash or time-out, record the culprit and rerun the rest until every item has an outcome. */
  private async runChunk(lane: number, items: readonly Overrides[]): Promise<EvalOutcome[]> {
    const results: EvalOutcome[] = new Array(items.length);
    let pending = items.map((_, i) => i);
    while (pending.length > 0) {
      const shared = new SharedArrayBuffer(4);
      const progress = new Int32Array(shared);
      const abort = new AbortController();
      let timedOut = -1;
      const watch = this.timeout_ms > 0 ? this.watch(progress, abort, (i) => (timedOut = i), pending.length) : undefined;
      this.tasks++;
      try {
        const result = (await this.pools[lane].run(
          { items: packItems(pending.map((i) => items[i])), progress: shared },
          { signal: abort.signal },
        )) as PoolTaskResult;
        const outcomes = unpackOutcomes(result.outcomes);
        outcomes.forEach((o, j) => (results[pending[j]] = o));
        this.timed(result.compute_ms, outcomes.length);
        pending = [];
      } catch (error) {
        const at = timedOut >= 0 ? timedOut : Math.min(Math.max(0, Atomics.load(progress, 0) - 1), pending.length - 1);
        results[pending[at]] = {
          error: timedOut >= 0
            ? `evaluation exceeded the time limit of ${this.timeout_ms} ms (worker replaced)`
            : isOutOfMemory(error)
              ? 'evaluation ran out of memory (worker heap limit reached; worker replaced)'
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
    const every_ms = Math.max(5, Math.min(50, this.timeout_ms / 10));
    const timer = setInterval(() => {
      const now = Atomics.load(progress, 0);
      if (now !== current) {
        current = now;
        since = Date.now();
      } else if (now >= 1 && now <= length && Date.now() - since > this.timeout_ms) {
        onTimeout(now - 1);
        clearInterval(timer);
        abort.abort();
      }
    }, every_ms);
    timer.unref();
    return timer;
  }
}

/** A configuration's affinity key; one the key function cannot give goes with the others it cannot (speed only). */
function keyOf(affinity: AffinityKey, item: Overrides): string {
  try {
    return affinity(item);
  } catch {
    return '';
  }
}

function isOutOfMemory(error: unknown): boolean {
  return error instanceof Error && ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(error.message));
}

