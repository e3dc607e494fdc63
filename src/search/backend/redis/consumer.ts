/**
 * The Redis backend, worker side (`cosearch worker`): takes jobs from the shared queue, checks each payload before
 * anything runs (protocol, evaluator in this worker's allow-list, fingerprint of code and network files, every
 * configuration through the caller's validator), and evaluates it through a local backend (worker threads).
 * A job it cannot reproduce goes back to the queue for another worker, no attempt counted (refusal.ts); once every
 * connected worker has refused it, it fails and the coordinator reports the reason instead of receiving wrong numbers.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ErrorCode, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { EvaluationBackend } from '../types.js';
import { asPayload, encodeOutcomes, type JobPayload, type JobResult, type RunFingerprint } from './payload.js';
import { KEY_PREFIX, QUEUE_NAME, runOfJob } from './queue.js';
import { RunGate } from './gate.js';
import { passOn, RunRefusal } from './refusal.js';
import { connectionOptions, redactedUrl, type RedisTarget } from './url.js';

export interface ConsumerOptions {
  readonly target: RedisTarget;
  /** Evaluator names this worker runs; a job naming another is refused. */
  readonly evaluators: readonly string[];
  /** The fingerprint this worker would produce for a job's networks (its own code hash, its files' hashes). */
  readonly fingerprintFor: (networks: readonly string[]) => RunFingerprint;
  /** Throws (one line) when a configuration or the context is not valid for this worker's registry. */
  readonly validate: (payload: JobPayload) => void;
  /** A local backend for an evaluator and context (built once per distinct context, reused). */
  readonly backendFor: (evaluator: string, context: unknown) => EvaluationBackend;
  /** Jobs processed at once. */
  readonly concurrency: number;
  /** How long a job's lock lasts without renewal (ms): a killed worker's job is retried after about this. */
  readonly lock_ms?: number;
  readonly log: (line: string) => void;
}

export interface RunningConsumer {
  readonly id: string;
  /** Jobs completed and configurations evaluated so far. */
  readonly counts: () => { jobs: number; evaluations: number; refused: number };
  close(): Promise<void>;
}

/** Most distinct contexts kept with a live backend (each holds worker threads). */
const MAX_BACKENDS = 2;

export function startConsumer(options: ConsumerOptions): RunningConsumer {
  const id = `${hostname()}:${process.pid}`;
  const backends = new Map<string, EvaluationBackend>();
  let jobs = 0;
  let evaluations = 0;
  let refused = 0;

  // Keyed by the content of the network files (their hashes in the job's fingerprint, which checkPayload has just
  // compared with the files on disk), never by their paths alone: a backend loads a network once, so one kept across
  // an edit of its file would answer with the old bytes' rows under the new bytes' fingerprint (until 2026-12-06).
  const backendFor = (payload: JobPayload): EvaluationBackend => {
    const key = JSON.stringify([payload.evaluator, payload.context, Object.entries(payload.fingerprint.networks).sort()]);
    let backend = backends.get(key);
    if (!backend) {
      for (const [oldKey, old] of backends) {
        if (backends.size < MAX_BACKENDS) break;
        backends.delete(oldKey); // the oldest context: runs come one after another
        void old.close();
      }
      backend = options.backendFor(payload.evaluator, payload.context);
      backends.set(key, backend);
    }
    return backend;
  };

  // Unique per consumer (a process may run several): the name the queue lists it by, and a refused job records.
  const name = `${id}:${randomBytes(4).toString('hex')}`;
  let lister: Queue | undefined;
  let listerClient: Redis | undefined;
  const queue = (): Queue => {
    if (!lister) {
      // On a client of its own, which close() disconnects at once: BullMQ's close of a connection it owns QUITs, and
      // a QUIT waits while its client reconnects with commands queued (for ever without a server).
      listerClient = new Redis(connectionOptions(options.target));
      listerClient.on('error', () => undefined);
      lister = new Queue(QUEUE_NAME, { connection: listerClient, prefix: KEY_PREFIX });
      lister.on('error', () => undefined); // the Worker's own handler reports connection trouble, once
    }
    return lister;
  };
  // The run keys (queue.ts), on a plain connection of its own (it connects at its first command).
  const runs = new Redis({ ...connectionOptions(options.target), lazyConnect: true });
  runs.on('error', () => undefined);
  const refusedJobs = new Set<string>();
  const stoppedRuns = new Set<string>();
  const refuse = (job: Job, token: string | undefined, error: Error): Promise<never> => {
    refused++;
    const run = runOfJob(job.id);
    const line = () => options.log(`worker ${id}: refused job ${job.id ?? '?'}: ${error.message}`);
    // A refusal for the whole run stops this worker taking the run's jobs (gate.ts), once the server lists it among the
    // queue's workers: where it cannot (CLIENT LIST refused) the refusal is an attempt, as before, and a stopped
    // worker would leave the job to nobody.
    const stop = error instanceof RunRefusal && run !== undefined
      ? () => {
        gate.stop(run, error);
        // One line per run (a run forgotten and refused again, its coordinator of an older build: still one).
        if (firstTime(stoppedRuns, run)) options.log(`worker ${id}: takes no more jobs of run ${run} (refused job ${job.id ?? '?'}: ${error.message}); to serve it: ${error.fix}`);
      }
      : undefined;
    // One line per job otherwise: a refused job comes back to this worker while the others are busy.
    if (stop === undefined && firstTime(refusedJobs, job.id ?? '?')) line();
    return passOn(job, token, error, queue(), runs, name, options.target.db, stop).catch((thrown: unknown) => {
      if (thrown === error && stop !== undefined && firstTime(refusedJobs, job.id ?? '?')) line();
      throw thrown;
    });
  };
  const processJob = async (job: Job, token?: string): Promise<JobResult> => {
    const known = gate.reason(runOfJob(job.id) ?? '');
    if (known) return refuse(job, token, known); // taken before the worker stopped, or to fail it: nobody serves the run
    let payload: JobPayload;
    try {
      payload = asPayload(job.data);
      checkPayload(payload, options);
    } catch (error) {
      return refuse(job, token, error as Error);
    }
    const start = performance.now();
    const outcomes = await backendFor(payload).evaluate(payload.items);
    // A thread of the backend may have loaded a network during the job: the files must still be the job's bytes.
    checkNetworks(payload.fingerprint, options.fingerprintFor(Object.keys(payload.fingerprint.networks)), 'changed during the job');
    jobs++;
    evaluations += outcomes.length;
    return { outcomes: encodeOutcomes(outcomes), worker: id, compute_ms: performance.now() - start, slots: options.concurrency };
  };

  const lock_ms = options.lock_ms ?? 30_000;
  const worker = new ReportingWorker(QUEUE_NAME, processJob, {
    connection: connectionOptions(options.target),
    prefix: KEY_PREFIX,
    concurrency: options.concurrency,
    name,
    lockDuration: lock_ms,
    stalledInterval: lock_ms,
    maxStalledCount: 2,
  });
  let connected: boolean | undefined;
  let everConnected = false;
  const onLost: (() => void)[] = [];
  /** Resolves once the server is found unreachable (at once when it is). */
  const lost = (): Promise<void> => new Promise((resolve) => (connected === false ? resolve() : onLost.push(resolve)));
  const state = (up: boolean, why = '') => {
    if (connected === up) return; // one line per state change, not one per retry
    connected = up;
    if (!up) for (const stop of onLost.splice(0)) stop();
    const url = redactedUrl(options.target);
    if (!up) options.log(`worker ${id}: cannot reach ${url} (${why}); retrying with backoff`);
    else options.log(everConnected ? `worker ${id}: connection back to ${url}` : `worker ${id}: connected to ${url}`);
    everConnected ||= up;
  };
  // The Worker's own 'ready' fires once, at start; its backend's fires on every (re)connection of its clients. Only
  // that one sees a reconnect: without it the worker never said it was back, and close() dropped the jobs in flight
  // on SIGTERM. Its two clients (commands, and the blocking wait for jobs) reconnect each on its own backoff (up to
  // 10 s apart: url.ts retryStrategy): the worker is back when both are.
  const backend = worker.getBackend();
  const connections = backend.blockingConnection ? [backend.connection, backend.blockingConnection] : [backend.connection];
  let clients: readonly { readonly status: string }[] = [];
  const everyClientReady = () => clients.length === connections.length && clients.every((c) => c.status === 'ready');
  backend.on('ready', () => {
    void Promise.all(connections.map((c) => c.client)).then((ready) => {
      clients = ready;
      if (everyClientReady()) state(true);
    }, () => undefined);
  });
  const gate = new RunGate(worker, queue, runs, name, options.target.db);
  const lostJobs = new Set<string>();
  worker.on('error', (error: Error) => {
    // An error about one job Redis no longer holds (lost in a restart without persistence) comes while the connection
    // works: it was reported as a lost server, right after "connection back". The job is run again (the coordinator
    // enqueues a lost job again); this worker's result for it is dropped.
    const lost = lostJobId(error);
    if (lost === undefined) return state(false, error.message);
    // One line per job: BullMQ reports it at each step (lock renewal, finish, retry).
    if (!firstTime(lostJobs, lost)) return;
    options.log(`worker ${id}: a job was lost from ${redactedUrl(options.target)} (${error.message}); it is run again, this worker's result is dropped`);
  });
  return {
    id,
    counts: () => ({ jobs, evaluations, refused }),
    close: async () => {
      // BullMQ's graceful close (close(false)) first disconnects the blocking client and waits for its 'end', which
      // ioredis never sends for a client reconnecting with its socket already closed (the server closed it, or it
      // dropped between any check here and that call): a SIGTERM'd worker hung (CI timed out on it 2026-12-07). So the
      // close is always the forced one, which waits for no client, and comes once the jobs in flight are reported:
      // the worker stops taking jobs, and each job's BullMQ processJob (its run, then its report on the command client:
      // completed, failed, put back, or given up as lost) settles. A server found unreachable meanwhile ends the wait
      // (the job is retried elsewhere once its lock expires); a second signal stops the worker at once.
      gate.close();
      if (connected === true && worker.reporting.size > 0) {
        await worker.pause(true); // takes no more jobs; one already being fetched is tracked too
        await Promise.race([worker.allReported(), lost()]);
      }
      await worker.close(true);
      await lister?.close(); // its connection is listerClient's: nothing to QUIT
      listerClient?.disconnect();
      runs.disconnect();
      await Promise.allSettled([...backends.values()].map((b) => b.close()));
    },
  };
}

/**
 * A BullMQ Worker that knows its jobs in flight: each processJob promise settles once the job was run and its result
 * reported (moveToCompleted, moveToFailed, put back for another worker) or its report given up (the job lost, or the
 * worker closed). Tracked from processJob rather than from the 'completed' / 'failed' events, which a job put back
 * (DelayedError) or lost never emits.
 */
class ReportingWorker extends Worker {
  readonly reporting = new Set<Promise<unknown>>();

  override processJob(job: Job, token: string, fetchNextCallback?: () => boolean): ReturnType<Worker['processJob']> {
    const processing = super.processJob(job, token, fetchNextCallback);
    const tracked = processing.then(() => undefined, () => undefined);
    this.reporting.add(tracked);
    void tracked.then(() => this.reporting.delete(tracked));
    return processing;
  }

  /** Resolves once no job is in flight, including one taken while waiting. */
  async allReported(): Promise<void> {
    while (this.reporting.size > 0) await Promise.all([...this.reporting]);
  }
}

/** Lost jobs remembered so that each is reported once (a worker runs a few jobs at a time). */
const MAX_LOST_JOBS_KEPT = 1000;

/** True the first time `key` is added to `seen` (which forgets everything past MAX_LOST_JOBS_KEPT keys). */
function firstTime(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  if (seen.size >= MAX_LOST_JOBS_KEPT) seen.clear();
  seen.add(key);
  return true;
}

/** BullMQ's codes refusing the finish or retry of a job this worker no longer holds (their messages say "for job ID. "). */
const LOST_JOB_CODES: readonly unknown[] = [ErrorCode.JobNotExist, ErrorCode.JobLockNotExist, ErrorCode.JobLockMismatch];

/**
 * The id of the job a BullMQ error says this worker no longer holds: its finish or retry refused because Redis lost
 * the job or its lock (JobNotExist, JobLockNotExist: "Missing key for job ID. moveToFinished") or because the job,
 * enqueued again, is now locked by another worker (JobLockMismatch: "Lock mismatch for job ID. Cmd moveToDelayed from
 * active"; read as a lost connection until 2026-12-06), or its lock not renewed, which BullMQ reports only when the
 * renewal ran (a lost connection fails it with the connection's error instead). Undefined for any other error.
 */
export function lostJobId(error: Error): string | undefined {
  const code = 'code' in error ? error.code : undefined;
  const refused = LOST_JOB_CODES.includes(code) ? /for job (\S+)\. /.exec(error.message) : null;
  return (refused ?? /^could not renew lock for job (\S+)$/.exec(error.message))?.[1];
}

/** What the operator of a worker on another build does. */
const UPGRADE = "run this worker from the coordinator's build (the same commit, run the same way: sources or dist) and restart it";

/** The checks a job passes before it runs: evaluator allowed, same build, same network files, valid configurations. */
function checkPayload(payload: JobPayload, options: ConsumerOptions): void {
  if (!options.evaluators.includes(payload.evaluator)) {
    throw new RunRefusal(`evaluator "${payload.evaluator}" is not one this worker runs (${options.evaluators.join(', ')})`, `start it with --evaluator ${payload.evaluator}=MODULE, as the other workers`);
  }
  const mine = options.fingerprintFor(Object.keys(payload.fingerprint.networks));
  const theirs = payload.fingerprint;
  if (mine.version !== theirs.version) throw new RunRefusal(`cosearch ${theirs.version} made this job, this worker is ${mine.version}`, UPGRADE);
  if (mine.code !== theirs.code) throw new RunRefusal(`the job's code fingerprint ${theirs.code.slice(0, 12)} differs from this worker's ${mine.code.slice(0, 12)} (another build of cosearch ${mine.version})`, UPGRADE);
  if (mine.weights !== theirs.weights) {
    throw new RunRefusal(`the job's weights fingerprint ${theirs.weights.slice(0, 12)} differs from this worker's ${mine.weights.slice(0, 12)} (other trained weights in weights/: copy the coordinator's)`, "copy the coordinator's weights/ folder to this worker's and restart it");
  }
  checkNetworks(theirs, mine, 'differs on this worker');
  options.validate(payload);
}

/** Each network file the job names has, on this worker, the content the job's fingerprint names. */
function checkNetworks(theirs: RunFingerprint, mine: RunFingerprint, differs: string): void {
  for (const [file, hash] of Object.entries(theirs.networks)) {
    const local = mine.networks[file];
    if (local === undefined) throw new Error(`network file "${file}" is missing on this worker`);
    if (local !== hash) throw new Error(`network file "${file}" ${differs} (sha256 ${local.slice(0, 12)}, the job's ${hash.slice(0, 12)})`);
  }
}
