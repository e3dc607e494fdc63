/**
 * The simulator over Redis (docs/distributed.md): the coordinator's backend factory and what `cosearch worker`
 * runs. Both sides compute the same fingerprint (fingerprint.ts), so a worker on another build or with another
 * network file refuses a job instead of returning other numbers. Loaded on demand (`runSearch` with a Redis
 * backend, `cosearch worker`): BullMQ and ioredis take ~0.2 s to import.
 */
import {
  InThreadBackend, PiscinaBackend,
  type BackendFactory, type EvaluationBackend, type EvaluatorRef,
} from '../search/index.js';
import { checkReachable, RedisBackend, startConsumer, type RedisTarget, type RunningConsumer } from '../search/backend/redis/index.js';
import { ConfigError } from '../core/index.js';
import { cacheSettings } from '../io/cache/index.js';
import { jobContext, localFingerprint, networkFiles, SIMULATOR_EVALUATOR, validateSimulatorPayload, workerContext } from './fingerprint.js';

export interface RedisChoice {
  readonly target: RedisTarget;
  /** Configurations per job (default: sized from measured evaluation times). */
  readonly chunk?: number;
  readonly evaluator?: string;
  readonly log?: (line: string) => void;
}

/**
 * The coordinator's backend: jobs on Redis for `cosearch worker` processes. A server it cannot reach (or that refuses
 * its password) is refused here, before the run folder is touched: only a run that has connected retries for ever.
 */
export async function redisBackendFactory(choice: RedisChoice): Promise<BackendFactory> {
  await checkReachable(choice.target);
  return (full) => {
    const context = jobContext(full);
    return new RedisBackend({
      target: choice.target,
      evaluator: choice.evaluator ?? SIMULATOR_EVALUATOR,
      context,
      fingerprint: (items) => localFingerprint(networkFiles(context, items)),
      ...(choice.chunk !== undefined ? { chunk: choice.chunk } : {}),
      ...(choice.log ? { log: choice.log } : {}),
    });
  };
}

export interface WorkerChoice {
  readonly target: RedisTarget;
  /** Worker threads per context (piscina), or evaluate in this thread. */
  readonly threads: number | 'in-thread';
  /** Jobs processed at once (default: the thread count). */
  readonly concurrency?: number;
  /** Evaluator modules besides the simulator, by name (the worker operator's choice; jobs only name them). */
  readonly extraEvaluators?: Readonly<Record<string, EvaluatorRef>>;
  readonly lock_ms?: number;
  /** Use this machine's persistent cache for accuracy results (default true; `cosearch worker --no-cache`). */
  readonly cache?: boolean;
  readonly log: (line: string) => void;
}

/** `cosearch worker`: consume jobs until closed; refused (ConfigError) when the server was never reachable. */
export async function startWorker(choice: WorkerChoice, simulatorModule: EvaluatorRef): Promise<RunningConsumer> {
  // A job naming "simulator" is checked against this build's fingerprint, which covers no operator module: a module
  // under that name would return its numbers as the simulator's, accepted by the coordinator (until 2026-12-06).
  const shadowing = choice.extraEvaluators?.[SIMULATOR_EVALUATOR];
  if (shadowing !== undefined) {
    throw new ConfigError(`--evaluator: "${SIMULATOR_EVALUATOR}" is the built-in simulator, expected another name for the module ${String(shadowing)} (a job naming "${SIMULATOR_EVALUATOR}" must get the simulator's numbers)`);
  }
  await checkReachable(choice.target);
  const modules: Record<string, EvaluatorRef> = { ...choice.extraEvaluators, [SIMULATOR_EVALUATOR]: simulatorModule };
  const cache = choice.cache === false ? undefined : cacheSettings();
  const backendFor = (evaluator: string, sent: unknown): EvaluationBackend => {
    const module = modules[evaluator];
    const context = evaluator === SIMULATOR_EVALUATOR ? workerContext(sent, cache) : workerContext(sent, undefined);
    if (module === undefined) throw new ConfigError(`evaluator "${evaluator}" unknown`);
    // What an evaluator's close says (cache entries this machine could not store): one line per job context.
    const onCloseWarning = (line: string) => choice.log(`worker: warning: ${line}`);
    return choice.threads === 'in-thread'
      ? new InThreadBackend({ evaluator: module, context, onCloseWarning })
      : new PiscinaBackend({ evaluator: module, context, workers: choice.threads, onCloseWarning });
  };
  return startConsumer({
    target: choice.target,
    evaluators: Object.keys(modules),
    fingerprintFor: (files) => localFingerprint(files),
    validate: (payload) => {
      if (payload.evaluator === SIMULATOR_EVALUATOR) validateSimulatorPayload(payload);
    },
    backendFor,
    concurrency: choice.concurrency ?? (choice.threads === 'in-thread' ? 1 : choice.threads),
    ...(choice.lock_ms !== undefined ? { lock_ms: choice.lock_ms } : {}),
    log: choice.log,
  });
}
