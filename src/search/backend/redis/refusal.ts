/**
 * A job a worker refuses (another build, another network file, an evaluator it does not run) is not a failed attempt:
 * another worker may take it. Until 2026-12-06 a refusal was an ordinary failure, so a stale worker, refusing in
 * milliseconds and so always the free one when the retry came due, used up the job's attempts and failed the run while
 * good workers were up. Now the refusing worker writes its name into the job's `refusedBy` and puts the job back
 * (delayed REFUSED_RETRY_MS, no attempt counted); the job fails, with the reason, only once every worker connected to
 * the queue has refused it: "when none can" (docs/distributed.md).
 * A refusal that holds for every job of the run (a RunRefusal: protocol, evaluator, version, code, weights) also puts
 * the worker's name in the run's `refusers` set: it counts as having refused each of the run's jobs, those it never
 * takes included (a worker stops taking a run's jobs after such a refusal: gate.ts).
 */
import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { RESULT_TTL_s, runOfJob, runRefusersKey } from './queue.js';

/** How long a refused job waits before a worker may take it again (ms): a refusing worker is not offered it at once. */
export const REFUSED_RETRY_MS = 500;

/** A refusal that holds for every job of the run, with what the worker's operator does about it. */
export class RunRefusal extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
  }
}

/** The worker names that refused this job so far (its data's `refusedBy`). */
export function refusedBy(data: unknown): string[] {
  const list = data !== null && typeof data === 'object' ? (data as { refusedBy?: unknown }).refusedBy : undefined;
  return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
}

/** The BullMQ names of the workers connected to the queue in database `db` (the server's client list). */
export async function connectedWorkers(queue: Queue, db: number): Promise<string[]> {
  return (await queue.getWorkers())
    .filter((c) => c['db'] === String(db))
    .map((c) => /:w:(.+)$/.exec(c['rawname'] ?? '')?.[1])
    .filter((n): n is string => n !== undefined);
}

/** The workers that refuse every job of `run` (the run's `refusers` set). */
export function runRefusers(redis: Redis, run: string): Promise<string[]> {
  return redis.smembers(runRefusersKey(run));
}

/**
 * Called by a worker (BullMQ name `name`, in database `db`) that refused `job` for `reason`: throws the error BullMQ
 * acts on. UnrecoverableError (the job fails at once with the reason) when every worker connected to the queue has
 * refused it (the job's `refusedBy` and its run's `refusers`); DelayedError after putting the job back without an
 * attempt otherwise. When the server does not list its clients (CLIENT LIST refused: this worker is not among them),
 * the refusal counts as an attempt, as before; `listed` is called once the server has listed this worker.
 */
export async function passOn(job: Job, token: string | undefined, reason: Error, queue: Queue, redis: Redis, name: string, db: number, listed?: () => void): Promise<never> {
  const workers = await connectedWorkers(queue, db);
  if (token === undefined || !workers.includes(name)) throw reason;
  listed?.();
  const run = runOfJob(job.id);
  if (run !== undefined && reason instanceof RunRefusal) {
    await redis.multi().sadd(runRefusersKey(run), name).expire(runRefusersKey(run), RESULT_TTL_s).exec();
  }
  const refusers = new Set([...refusedBy(job.data), ...(run === undefined ? [] : await runRefusers(redis, run)), name]);
  if (workers.every((w) => refusers.has(w))) {
    throw new UnrecoverableError(`refused by every worker connected (${workers.length}): ${reason.message}`);
  }
  await job.updateData({ ...(job.data as object), refusedBy: [...new Set([...refusedBy(job.data), name])] });
  await job.moveToDelayed(Date.now() + REFUSED_RETRY_MS, token);
  throw new DelayedError();
}
