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
