/** `cosearch worker --backend redis://...`: evaluate a coordinator's jobs on this machine (docs/distributed.md). */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { simulatorEvaluator } from '../../app/index.js';
import { ConfigError } from '../../core/index.js';
import { MIN_LOCK_MS } from '../../search/backend/redis/queue.js';
import { parseRedisUrl } from '../../search/backend/redis/url.js';
import { evaluatorUrl } from '../../search/backend/types.js';
import { checkKernelsBuilt } from '../../util/wasm.js';
import { EXIT } from './search.js';
import { integerOption, positiveInt, workerCount } from '../numberOptions.js';

interface WorkerFlags {
  backend: string;
  backendPasswordFile?: string;
  workers?: number;
  concurrency?: number;
  inThread?: boolean;
  lockMs?: number;
  evaluator?: string[];
  exitAfter?: number;
  cache: boolean;
}

export function register(program: Command): void {
  program
    .command('worker')
    .description('Evaluate jobs of `cosearch search --backend redis://...` on this machine until stopped (Ctrl-C / SIGTERM)')
    .requiredOption('--backend <url>', 'the Redis server: redis://HOST:PORT[/DB] or rediss:// (password from REDIS_URL or --backend-password-file)')
    .option('--backend-password-file <file>', "the Redis password, on the file's first line")
    .option('--workers <n>', 'worker threads evaluating (default: available cores)', workerCount)
    .option('--concurrency <k>', 'jobs taken at once (default: the number of threads)', positiveInt('--concurrency'))
    .option('--in-thread', 'evaluate in this process (for evaluations that wait rather than compute)')
    .option('--lock-ms <ms>', `a job's lock; a killed worker's job is retried elsewhere after about this (default 30000, at least ${MIN_LOCK_MS})`, lockMs)
    .option('--evaluator <name=module>', 'also run this local evaluator module (repeatable; jobs name it, never ship it)', collect, [])
    .option('--no-cache', "do not read or write this machine's persistent accuracy cache (docs/cache.md)")
    .option('--exit-after <n>', 'stop after n jobs (tests, benchmarks)', positiveInt('--exit-after'))
    .action((flags: WorkerFlags) => runWorker(flags));
}

const lockMs = integerOption('--lock-ms', { min: MIN_LOCK_MS, why: 'BullMQ renews the lock every half of it from this process; a shorter one lapses between renewals and every job stalls' });

/** Plain (non-terminal) output: at most one progress line this often. */
const PLAIN_EVERY_MS = 10_000;

function collect(raw: string, previous: string[]): string[] {
  if (!/^[a-z][a-z0-9-]*=.+$/i.test(raw)) throw new ConfigError(`--evaluator: got "${raw}", expected NAME=MODULE_PATH`);
  // A module that is not there would be advertised to searches and fail on every job that names it: refused now.
  const file = fileURLToPath(evaluatorUrl(raw.slice(raw.indexOf('=') + 1)));
  if (!existsSync(file) || !statSync(file).isFile()) throw new ConfigError(`--evaluator: got "${raw}" (${file} is not a file), expected NAME=MODULE_PATH of an evaluator module`);
  return [...previous, raw];
}

async function runWorker(flags: WorkerFlags): Promise<void> {
  const target = parseRedisUrl(flags.backend, flags.backendPasswordFile !== undefined ? { passwordFile: flags.backendPasswordFile } : {});
  if (flags.inThread && flags.workers !== undefined) throw new ConfigError('--in-thread and --workers exclude each other');
  // A worker cannot know which searches' jobs it will take, and the simulator evaluator it serves runs the accuracy
  // engine for any job that asks for it, only in WebAssembly: an unbuilt kernel is one line before it connects, not an
  // error cell in every accuracy row of every search it serves (the coordinator checks only its own machine's kernels).
  checkKernelsBuilt();
  const extraEvaluators = Object.fromEntries((flags.evaluator ?? []).map((e) => {
    const at = e.indexOf('=');
    return [e.slice(0, at), e.slice(at + 1)];
  }));
  const threads = flags.inThread ? 'in-thread' as const : flags.workers ?? Math.max(1, availableParallelism());
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const { startWorker } = await import('../../app/distributed.js'); // BullMQ and ioredis load only here
  const worker = await startWorker({
    target,
    threads,
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    ...(flags.lockMs !== undefined ? { lock_ms: flags.lockMs } : {}),
    extraEvaluators,
    cache: flags.cache,
    log,
  }, simulatorEvaluator().module);
  log(`worker ${worker.id}: ${threads === 'in-thread' ? 'in-thread' : `${threads} thread(s)`}, evaluators ${['simulator', ...Object.keys(extraEvaluators)].join(', ')}`);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) process.exit(code);
    stopping = true;
    const { jobs, evaluations, refused } = worker.counts();
    await worker.close();
    log(`worker ${worker.id}: stopped after ${jobs} job(s), ${evaluations} evaluation(s)${refused > 0 ? `, ${refused} refused` : ''}`);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(EXIT.sigint));
  process.on('SIGTERM', () => void stop(EXIT.sigterm));
  // What it is doing: a live counter on a terminal, else a line every PLAIN_EVERY_MS when the counts moved.
  let last = 0;
  let lastLine = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const { jobs, evaluations } = worker.counts();
      if (jobs !== last && (process.stderr.isTTY || Date.now() - lastLine >= PLAIN_EVERY_MS)) {
        last = jobs;
        lastLine = Date.now();
        process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}worker ${worker.id}: ${jobs} job(s), ${evaluations} evaluation(s)${process.stderr.isTTY ? '' : '\n'}`);
      }
      if (flags.exitAfter !== undefined && jobs >= flags.exitAfter) {
        clearInterval(timer);
        resolve();
      }
    }, 250);
  });
  await stop(EXIT.done);
}
