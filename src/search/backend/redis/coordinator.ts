/**
 * The Redis backend, coordinator side: each batch the engine hands it becomes jobs on a BullMQ queue, chunks of
 * configurations that `cosearch worker` processes on any number of machines evaluate; outcomes come back in input
 * order, so the engine writes the same CSVs as with local threads.
 * - Job ids are the run's key plus a hash of the chunk's content: adding a job that exists is a no-op, so a
 *   resumed coordinator picks up results already in Redis, and a chunk is never evaluated twice into a run;
 *   a job an earlier run left failed is removed and added again instead (the workers may have been fixed since).
 * - Completion arrives as queue events. Every `sweep_ms` the coordinator reads the server's run id (one round
 *   trip); when it changed (Redis restarted, maybe without persistence), after a lost connection, and every
 *   FULL_SWEEP_MS anyway, it reads each pending job's state: that catches events missed across a reconnect and
 *   jobs Redis lost, which are enqueued again. Jobs just enqueued are read once (a resumed run's results are
 *   already there and send no event).
 */
import { hostname } from 'node:os';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ConfigError } from '../../../core/index.js';
import type { EvalOutcome, EvaluationBackend, Overrides } from '../types.js';
import { decodeOutcomes, jobId, PROTOCOL_VERSION, runKey, type JobPayload, type JobResult, type RunFingerprint } from './payload.js';
import { JOB_ATTEMPTS, KEY_PREFIX, QUEUE_NAME, RESULT_TTL_s, RUN_LIVE_MS, runLiveKey } from './queue.js';
import { connectionOptions, redactedUrl, type RedisTarget } from './url.js';

export interface RedisBackendOptions {
  readonly target: RedisTarget;
  /** The evaluator's name in the workers' allow-list (e.g. "simulator"). */
  readonly evaluator: string;
  readonly context: unknown;
  /** What a worker must reproduce for these configurations (the code's hash, the network files they name). */
  readonly fingerprint: (items: readonly Overrides[]) => RunFingerprint;
  /** Configurations per job; default: sized from measured evaluation times (about `targetJob_ms` of work per job). */
  readonly chunk?: number;
  /** Work per job the automatic chunking aims at (ms); default 250 (a job costs a few ms of queue traffic). */
  readonly targetJob_ms?: number;
  /** Attempts per job before the run fails with the workers' reason; default JOB_ATTEMPTS. */
  readonly attempts?: number;
  /** How often the server's run id is read (ms); default 1000. */
  readonly sweep_ms?: number;
  /** One line per state change (connection lost, jobs re-enqueued, ...). */
  readonly log?: (line: string) => void;
}

interface Pending {
  readonly items: readonly Overrides[];
  readonly resolve: (outcomes: EvalOutcome[]) => void;
  readonly reject: (error: Error) => void;
  readonly promise: Promise<EvalOutcome[]>;
}

/** Before any evaluation time is known, a batch is split into at least this many jobs (or one item each). */
const FIRST_JOBS = 64;
/** A batch is split into at least this many jobs per known worker slot (when it has that many items). */
const JOBS_PER_SLOT = 2;
/** Pending jobs' states are read at least this often (ms), a safety net for events lost in other ways. */
const FULL_SWEEP_MS = 15_000;

export class RedisBackend implements EvaluationBackend {
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  /** A plain connection for the server's run id (INFO), apart from BullMQ's. */
  private readonly probe: Redis;
  private readonly pending = new Map<string, Pending>();
  private readonly key: string;
  private readonly sweepTimer: NodeJS.Timeout;
  private sweeping = false;
  private serverRunId: string | undefined;
  private lastFullSweep = Date.now();
  private needFullSweep = false;
  private meanEval_ms: number | undefined;
  private timedItems = 0;
  private connected = true;
  /** Outcomes returned per worker process (host:pid), for the manifest. */
  readonly evaluationsByWorker = new Map<string, number>();
  /** Concurrency slots of each worker process seen (their --concurrency). */
  private readonly slotsByWorker = new Map<string, number>();
  /** Jobs enqueued again because Redis no longer had them (each counted once, however often it was lost). */
  private readonly requeued = new Set<string>();
  /** The latest check of each job: check() runs them one after another (sweeps and a 'failed' event may ask at once). */
  private readonly checking = new Map<string, Promise<void>>();

  constructor(private readonly options: RedisBackendOptions) {
    const connection = connectionOptions(options.target);
    this.queue = new Queue(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
    this.events = new QueueEvents(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
    this.probe = new Redis({ ...connection, lazyConnect: true });
    this.probe.on('error', () => {}); // the queue's own handler reports connection trouble, once
    this.key = runKey(options.evaluator, options.context, options.fingerprint([]));
    this.events.on('completed', ({ jobId: id, returnvalue }) => this.settleCompleted(id, returnvalue));
    this.events.on('failed', ({ jobId: id }) => void this.check(id));
    const log = options.log ?? (() => {});
    const onError = (error: Error) => {
      if (this.connected) log(`redis: connection lost (${error.message}); retrying`);
      this.connected = false;
      this.needFullSweep = true;
    };
    this.queue.on('error', onError);
    this.events.on('error', onError);
    this.sweepTimer = setInterval(() => void this.watch(), options.sweep_ms ?? 1000);
  }

  /** Unknown in advance (workers come and go): the distinct worker processes that returned results so far, at least 1. */
  get parallelism(): number {
    return Math.max(1, this.evaluationsByWorker.size);
  }

  /** What the manifest records: where, never a password, and who did the work. */
  describe(): Record<string, unknown> {
    return {
      kind: 'redis',
      url: redactedUrl(this.options.target),
      queue: `${KEY_PREFIX}:${QUEUE_NAME}`,
      coordinator: `${hostname()}:${process.pid}`,
      workers: this.evaluationsByWorker.size,
      evaluationsByWorker: Object.fromEntries([...this.evaluationsByWorker].sort(([a], [b]) => a.localeCompare(b))),
      ...(this.requeued.size > 0 ? { requeuedJobs: this.requeued.size } : {}),
    };
  }

  async evaluate(items: readonly Overrides[]): Promise<EvalOutcome[]> {
    if (items.length === 0) return [];
    const size = this.chunkSize(items.length);
    const chunks: Overrides[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    const ids = chunks.map((c) => jobId(this.key, c));
    const fresh: { id: string; items: readonly Overrides[] }[] = [];
    const promises = chunks.map((c, i) => {
      const id = ids[i];
      const known = this.pending.get(id);
      if (known) return known.promise;
      fresh.push({ id, items: c });
      return this.track(id, c);
    });
    await this.enqueue(fresh);
    void this.sweep(fresh.map((f) => f.id)); // results already in Redis (a resumed run) complete without an event
    const results = await Promise.all(promises);
    return results.flat();
  }

  private track(id: string, items: readonly Overrides[]): Promise<EvalOutcome[]> {
    let resolve!: (o: EvalOutcome[]) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<EvalOutcome[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => {}); // a chunk rejected after its batch already failed is not an unhandled rejection
    this.pending.set(id, { items, resolve, reject, promise });
    return promise;
  }

  private async enqueue(jobs: readonly { id: string; items: readonly Overrides[] }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.renewLive();
    // A job that failed for good in an earlier run (kept RESULT_TTL_s) would make adding it a no-op and this run
    // inherit that failure even after the workers were fixed: it is removed and added again. Completed ones stay.
    const states = await Promise.all(jobs.map(({ id }) => this.queue.getJobState(id)));
    await Promise.all(jobs.map(({ id }, i) => (states[i] === 'failed' ? this.queue.remove(id) : undefined)));
    await this.queue.addBulk(
      jobs.map(({ id, items }) => ({
        name: 'evaluate',
        data: this.payload(items),
        opts: {
          jobId: id,
          attempts: this.options.attempts ?? JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: { age: RESULT_TTL_s },
          removeOnFail: { age: RESULT_TTL_s },
        },
      })),
    );
  }

  private payload(items: readonly Overrides[]): JobPayload {
    return { protocol: PROTOCOL_VERSION, evaluator: this.options.evaluator, context: this.options.context, fingerprint: this.options.fingerprint(items), items };
  }

  private chunkSize(n: number): number {
    if (this.options.chunk !== undefined) return this.options.chunk;
    if (this.meanEval_ms === undefined) return Math.max(1, Math.ceil(n / FIRST_JOBS));
    // About targetJob_ms of work per job, but never so few jobs that known workers' slots sit idle.
    const byTime = Math.max(1, Math.round((this.options.targetJob_ms ?? 250) / Math.max(this.meanEval_ms, 1e-6)));
    const slots = [...this.slotsByWorker.values()].reduce((a, b) => a + b, 0);
    return Math.max(1, Math.min(byTime, Math.ceil(n / (JOBS_PER_SLOT * Math.max(slots, 1)))));
  }

  private settleCompleted(id: string, returnvalue: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    let result: JobResult;
    let outcomes: EvalOutcome[];
    try {
      result = parseResult(returnvalue);
      outcomes = decodeOutcomes(result.outcomes);
      if (outcomes.length !== p.items.length) throw new Error(`${outcomes.length} outcomes for ${p.items.length} configurations`);
    } catch (error) {
      this.pending.delete(id);
      p.reject(new Error(`redis backend: job ${id} returned a malformed result (${(error as Error).message})`));
      return;
    }
    this.pending.delete(id);
    this.evaluationsByWorker.set(result.worker, (this.evaluationsByWorker.get(result.worker) ?? 0) + outcomes.length);
    this.slotsByWorker.set(result.worker, result.slots);
    if (result.compute_ms > 0) {
      const total = (this.meanEval_ms ?? 0) * this.timedItems + result.compute_ms;
      this.timedItems += outcomes.length;
      this.meanEval_ms = total / this.timedItems;
    }
    p.resolve(outcomes);
  }

  /**
   * Reads one pending job's state: completed, failed for good, or gone from Redis (then enqueued again). The checks of
   * one job run one after another (each reads the state the last left): two at once (a sweep and the sweep of a
   * batch, or a 'failed' event) both saw a lost job as `unknown` and enqueued it, logged it and counted it twice
   * (until 2026-12-06: requeuedJobs 8 for 4 lost jobs).
   */
  private check(id: string): Promise<void> {
    const previous = this.checking.get(id) ?? Promise.resolve();
    const check = previous.catch(() => undefined).then(() => this.checkOnce(id));
    this.checking.set(id, check);
    void check.finally(() => {
      if (this.checking.get(id) === check) this.checking.delete(id);
    }).catch(() => undefined);
    return check;
  }

  private async checkOnce(id: string): Promise<void> {
    const p = this.pending.get(id);
    if (!p) return;
    // State first, then the job: a job read while active and judged by a later state would carry no result yet.
    const state = await this.queue.getJobState(id);
    if (!this.pending.has(id)) return;
    if (state === 'unknown') {
      this.requeued.add(id);
      this.options.log?.(`redis: job ${id} is no longer in Redis (restarted without persistence?); enqueued again`);
      await this.enqueue([{ id, items: p.items }]);
      return;
    }
    if (state !== 'completed' && state !== 'failed') return;
    const job: Job | undefined = await this.queue.getJob(id);
    if (!job || !this.pending.has(id)) return; // removed meanwhile: the next sweep enqueues it again
    if (state === 'completed') this.settleCompleted(id, job.returnvalue);
    else {
      this.pending.delete(id);
      // No worker could take it (another build, a missing file): the setup's fault, one line and exit 1, not a bug.
      p.reject(new ConfigError(`redis backend: job ${id} failed on the workers after ${job.attemptsMade} attempt(s): ${job.failedReason}`));
    }
  }

  /** The run goes on (queue.ts `live`): a worker that refuses all its jobs takes none while it does (gate.ts). */
  private async renewLive(): Promise<void> {
    await this.probe.set(runLiveKey(this.key), `${hostname()}:${process.pid}`, 'PX', RUN_LIVE_MS);
  }

  /** The cheap check each tick: has the server restarted, was the connection lost, is a full sweep due? */
  private async watch(): Promise<void> {
    // Only while connected: commands sent meanwhile would pile up in the client's offline queue.
    if (this.probe.status === 'ready') void this.renewLive().catch(() => undefined);
    if (this.pending.size === 0 || this.sweeping) return;
    try {
      const info = await this.probe.info('server');
      const runId = /run_id:(\w+)/.exec(info)?.[1];
      if (this.serverRunId !== undefined && runId !== this.serverRunId) {
        this.options.log?.('redis: the server restarted (new run id); checking every pending job');
        this.needFullSweep = true;
      }
      this.serverRunId = runId;
    } catch {
      return; // unreachable: the connection's error handler has said so
    }
    if (this.needFullSweep || Date.now() - this.lastFullSweep >= FULL_SWEEP_MS) await this.sweep();
  }

  /** Reads the state of the given pending jobs (default: all). */
  private async sweep(ids?: readonly string[]): Promise<void> {
    const full = ids === undefined;
    if (full) {
      if (this.sweeping) return;
      this.sweeping = true;
    }
    try {
      for (const id of ids ?? [...this.pending.keys()]) await this.check(id);
      if (full) {
        this.needFullSweep = false;
        this.lastFullSweep = Date.now();
      }
      if (!this.connected) {
        this.connected = true;
        this.options.log?.('redis: connection back');
      }
    } catch {
      // Redis unreachable: the connection's own error handler has said so; a later sweep tries again.
      this.needFullSweep = true;
    } finally {
      if (full) this.sweeping = false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    for (const p of this.pending.values()) p.reject(new Error('redis backend closed'));
    this.pending.clear();
    // The run is over for the workers at once (not RUN_LIVE_MS later); a server out of reach would hold close() for ever.
    if (this.probe.status === 'ready') await this.probe.del(runLiveKey(this.key)).catch(() => undefined);
    await Promise.allSettled([this.events.close(), this.queue.close(), this.probe.quit()]);
  }
}

function parseResult(value: unknown): JobResult {
  const v: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (v === null || typeof v !== 'object') throw new Error('not an object');
  const { outcomes, worker, compute_ms, slots } = v as Record<string, unknown>;
  if (typeof outcomes !== 'string' || typeof worker !== 'string' || typeof compute_ms !== 'number' || typeof slots !== 'number') throw new Error('missing fields');
  return { outcomes, worker, compute_ms, slots };
}
