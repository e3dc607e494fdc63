/**
 * A job a worker refuses (another build, another network file, an evaluator it does not run) is not a failed attempt:
 * another worker may take it. Until 2026-12-06 a refusal was an ordinary failure, so a stale worker, refusing in
 * milliseconds and so always the free one when the retry came due, used up the job's attempts and failed the run while
 * good workers were up. Now the refusing worker writes its name into the job's `refusedBy` and puts the job back
 * (delayed REFUSED_RETRY_MS, no attempt counted); the job fails, with the reason, only once every worker connected to
 * the queue has refused it: "when none can" (docs/distributed.md).
 */
import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';

/** How long a refused job waits before a worker may take it again (ms): a refusing worker is not offered it at once. */
export const REFUSED_RETRY_MS = 500;

/** The worker names that refused this job so far (its data's `refusedBy`). */
export function refusedBy(data: unknown): string[] {
  const list = data !== null && typeof data === 'object' ? (data as { refusedBy?: unknown }).refusedBy : undefined;
  return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
}

/**
 * Called by a worker (BullMQ name `name`, in database `db`) that refused `job` for `reason`: throws the error BullMQ
 * acts on. UnrecoverableError (the job fails at once with the reason) when every worker connected to the queue has
 * refused it; DelayedError after putting the job back without an attempt otherwise. When the server does not list its
 * clients (CLIENT LIST refused: this worker is not among them), the refusal counts as an attempt, as before.
 */
export async function passOn(job: Job, token: string | undefined, reason: Error, queue: Queue, name: string, db: number): Promise<never> {
  const workers = (await queue.getWorkers())
    .filter((c) => c['db'] === String(db))
    .map((c) => /:w:(.+)$/.exec(c['rawname'] ?? '')?.[1])
    .filter((n): n is string => n !== undefined);
  if (token === undefined || !workers.includes(name)) throw reason;
  const refusers = [...new Set([...refusedBy(job.data), name])];
  if (workers.every((w) => refusers.includes(w))) {
    throw new UnrecoverableError(`refused by every worker connected (${workers.length}): ${reason.message}`);
  }
  await job.updateData({ ...(job.data as object), refusedBy: refusers });
  await job.moveToDelayed(Date.now() + REFUSED_RETRY_MS, token);
  throw new DelayedError();
}
