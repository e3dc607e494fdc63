/** The one queue coordinators and workers share, and the job settings both sides rely on. */
export const QUEUE_NAME = 'evaluations';
/** Key prefix of everything cosearch keeps in Redis (`cosearch:evaluations:*`). */
export const KEY_PREFIX = 'cosearch';

/** Attempts per job: a job that fails (a worker refused it, or died twice) is retried on another worker. */
export const JOB_ATTEMPTS = 5;
/** Finished jobs' results stay this long (s) so a killed coordinator can resume from them; then Redis drops them. */
export const RESULT_TTL_s = 7 * 24 * 3600;
