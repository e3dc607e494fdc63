/** The one queue coordinators and workers share, and the job settings both sides rely on. */
export const QUEUE_NAME = 'evaluations';
/** Key prefix of everything cosearch keeps in Redis (`cosearch:evaluations:*`). */
export const KEY_PREFIX = 'cosearch';

/** Attempts per job: a job that fails (its evaluation threw, or its worker died twice) is retried on another worker; a refusal is no attempt (refusal.ts). */
export const JOB_ATTEMPTS = 5;
/** Finished jobs' results stay this long (s) so a killed coordinator can resume from them; then Redis drops them. */
export const RESULT_TTL_s = 7 * 24 * 3600;
/**
 * The shortest job lock a worker accepts (`--lock-ms`, ms). BullMQ renews a lock every half of its duration from the
 * worker's event loop, one Redis round trip each, while that loop also dispatches jobs (and runs `--in-thread`
 * evaluations): with a 10 ms lock the renewal came too late, every job was declared stalled and the run failed with
 * "job stalled more than allowable limit" (QA 2026-12-06). 1 s leaves 0.5 s between renewals.
 */
export const MIN_LOCK_MS = 1000;

/**
 * A run's own keys, apart from BullMQ's `cosearch:evaluations:*`: `live` (its coordinator sets it and renews it every
 * sweep; it lapses RUN_LIVE_MS after the coordinator stops) and `refusers` (the workers that refuse every job of the
 * run: another build, other weights; kept RESULT_TTL_s like the failed jobs).
 */
export const runLiveKey = (run: string): string => `${KEY_PREFIX}:runs:${run}:live`;
export const runRefusersKey = (run: string): string => `${KEY_PREFIX}:runs:${run}:refusers`;
/** How long a run counts as going on after its coordinator last renewed `live` (ms): a killed coordinator's run ends then. */
export const RUN_LIVE_MS = 10_000;
/** The wait list BullMQ takes the next job from (its right end: `RPOPLPUSH wait active`, BullMQ 5/6 fetchNextJob.lua). */
export const WAIT_KEY = `${KEY_PREFIX}:${QUEUE_NAME}:wait`;

/** The run a job belongs to: its id's prefix (payload.ts jobId: the run key, 16 hex digits, a dash, the chunk's hash). */
export function runOfJob(id: string | undefined): string | undefined {
  return /^([0-9a-f]{16})-[0-9a-f]+$/.exec(id ?? '')?.[1];
}
