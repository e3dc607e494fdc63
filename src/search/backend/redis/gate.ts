/**
 * A worker that refused a job for a reason that holds for the whole run (another build, other weights: a RunRefusal)
 * would refuse every other job of it: it stops taking jobs (BullMQ's local `Worker.pause`) instead of taking each one
 * and putting it back 0.5 s later, which cost a run with one good and one stale worker 2-4x its time (234 refusals in
 * 500 evaluations, docs/distributed.md). Until 2026-12-07 it kept taking them.
 * BullMQ takes the next job of one FIFO queue and cannot skip a run's, so every GATE_MS the gate reads, for the runs it
 * refused, whether to take jobs again:
 * - the run is over (its coordinator's `live` key lapsed): forgotten, and its jobs left in the queue refused as they
 *   come, as before (unless the run is live again);
 * - every connected worker refuses it (the good one died, or stopped): take its jobs again, so that they fail with the
 *   reason (refusal.ts) instead of waiting for ever;
 * - the next job in the queue is another run's: take it (should a refused run's job come instead, it is refused at once
 *   and the worker stops again; at most its concurrency's worth of jobs each time).
 * While it takes no jobs a paused BullMQ worker also runs no stalled-job check (its jobs' locks are still renewed):
 * the workers that take jobs run it.
 */
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { runLiveKey, runOfJob, WAIT_KEY } from './queue.js';
import { connectedWorkers, REFUSED_RETRY_MS, runRefusers } from './refusal.js';

/** How often a stopped worker reads whether to take jobs again (ms): a refused job's own wait (REFUSED_RETRY_MS). */
export const GATE_MS = REFUSED_RETRY_MS;

/** Runs found over remembered (a worker sees a few runs a day). */
const MAX_RUNS_KEPT = 1000;

export class RunGate {
  private readonly refused = new Map<string, Error>();
  /** Runs this worker refused and then found over. */
  private readonly over = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private closed = false;

  constructor(
    private readonly worker: Worker,
    private readonly queue: () => Queue,
    private readonly redis: Redis,
    private readonly name: string,
    private readonly db: number,
  ) {}

  /** Why this worker refuses every job of `run`, when it does. */
  reason(run: string): Error | undefined {
    return this.refused.get(run);
  }

  /**
   * Stops taking jobs: `run`'s would all be refused for `reason`. Not for a run found over (no `live` key: its
   * coordinator stopped, or is of a build before 2026-12-07 that sets none) unless it is live again (resumed): its
   * jobs left in the queue are refused one after another, as before, instead of a few every GATE_MS.
   */
  stop(run: string, reason: Error): void {
    if (this.closed) return;
    if (!this.over.has(run)) return this.pause(run, reason);
    void this.redis.exists(runLiveKey(run)).then((live) => {
      if (live === 0 || this.closed) return;
      this.over.delete(run);
      this.pause(run, reason);
    }, () => undefined);
  }

  private pause(run: string, reason: Error): void {
    this.refused.set(run, reason);
    void this.worker.pause(true); // the jobs in flight finish (each refused at once)
    this.timer ??= setInterval(() => void this.read(), GATE_MS);
  }

  private async read(): Promise<void> {
    if (this.reading || this.closed) return;
    this.reading = true;
    try {
      for (const run of [...this.refused.keys()]) {
        if ((await this.redis.exists(runLiveKey(run))) !== 0) continue;
        this.refused.delete(run);
        if (this.over.size >= MAX_RUNS_KEPT) this.over.clear();
        this.over.add(run);
      }
      if (this.refused.size === 0 || (await this.someRunNoneServes()) || (await this.nextIsServed())) {
        if (this.worker.isPaused() && !this.closed) await this.worker.resume();
      }
      if (this.refused.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    } catch {
      // Redis unreachable: the worker's own error handler says so; the next read tries again.
    } finally {
      this.reading = false;
    }
  }

  /** A refused run that every connected worker refuses (this one included): its jobs must be taken, to fail. */
  private async someRunNoneServes(): Promise<boolean> {
    const workers = await connectedWorkers(this.queue(), this.db);
    if (!workers.includes(this.name)) return false; // the list is refused or stale: keep waiting
    for (const run of this.refused.keys()) {
      const refusers = new Set(await runRefusers(this.redis, run));
      if (workers.every((w) => refusers.has(w))) return true;
    }
    return false;
  }

  /** The job BullMQ hands out next is of a run this worker has not refused. */
  private async nextIsServed(): Promise<boolean> {
    const next = await this.redis.lindex(WAIT_KEY, -1);
    return next !== null && !this.refused.has(runOfJob(next) ?? '');
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
