/** The one queue coordinators and workers share, and the job settings both sides rely on. */
export const QUEUE_NAME = 'evaluations';
/** Key prefix of everything cosearch keeps in Redis (`cosearch:evaluations:*`). */
export const KEY_PREFIX = 'cosearch';

/** Attempts per job: a job that fails (its evaluation threw, or its worker died twice) is retried on another worker; a refusal is no attempt (refusal.ts). */
export const JOB_ATTEMPTS = 5;
/** Finished jobs' results stay this long (s) so a killed coordinator can resume from them; then Redis drops them. */
export const RESULT_TTL_s = 7 * 24 * 3600;
