/**
 * What a coordinator and a `cosearch worker` compare before a job runs (docs/distributed.md): the code's hash, each
 * custom network file's sha256, the job's parameters checked against this build's registry. Kept apart from
 * distributed.ts so that commands which never touch Redis do not load its client libraries (~0.2 s).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { codeRoot, ConfigError, packageRoot } from '../core/index.js';
import { ZOO_NAMES } from '../model/index.js';
import { NETWORK_COLUMN } from '../util/networkColumn.js';
import type { Overrides } from '../search/index.js';
import type { JobPayload, RunFingerprint } from '../search/backend/redis/payload.js';
import { PACKAGE_VERSION } from '../search/run/manifest.js';
import type { CacheSettings } from '../io/cache/index.js';
import { filesUnder, hashFiles, WASM_BUILD } from './codeFiles.js';
import { simulatorSpaceContext } from './context.js';

/** The evaluator every worker runs (the only one a job may name unless the worker's operator adds more). */
export const SIMULATOR_EVALUATOR = 'simulator';

let codeHash: string | undefined;
let weightsHash: string | undefined;

/**
 * sha256 over the evaluating code (every .ts/.js file under src/ or dist/, and the compiled WebAssembly kernels
 * wasm/build/*.wasm): two processes with the same hash (and weights, weightsFingerprint) compute the same numbers.
 * Sources and a build of one commit hash differently (run both sides the same way). `dirs` only for tests.
 */
export function codeFingerprint(dirs?: { readonly root: string; readonly code: string }): string {
  if (dirs === undefined && codeHash !== undefined) return codeHash;
  const { root, code } = dirs ?? { root: packageRoot(), code: codeRoot() };
  // src/ from sources, dist/ from a build: the tsc output and the bundles (dist/bundle), so either changes the hash.
  const files = [...filesUnder(code, /\.(ts|js)$/), ...filesUnder(join(root, WASM_BUILD), /\.wasm$/)];
  const digest = hashFiles(createHash('sha256'), root, files).digest('hex');
  if (dirs === undefined) codeHash = digest;
  return digest;
}

/**
 * sha256 over the shipped trained weights (every file under weights/), apart from the code's hash so that a worker
 * refusing a job names a changed weights file as such (until 2026-12-06 one hash covered both and the refusal said
 * "another build of cosearch" for retrained weights). `root` only for tests.
 */
export function weightsFingerprint(root?: string): string {
  if (root === undefined && weightsHash !== undefined) return weightsHash;
  const dir = root ?? packageRoot();
  const digest = hashFiles(createHash('sha256'), dir, filesUnder(join(dir, 'weights'), /./)).digest('hex');
  if (root === undefined) weightsHash = digest;
  return digest;
}

/** The custom network files a context and its configurations name (zoo networks are part of the code). */
export function networkFiles(context: unknown, items: readonly Overrides[]): string[] {
  const refs = new Set<string>();
  if (context !== null && typeof context === 'object' && 'network' in context && typeof context.network === 'string') refs.add(context.network);
  for (const item of items) {
    const n = item[NETWORK_COLUMN];
    if (typeof n === 'string') refs.add(n);
  }
  return [...refs].filter((r) => !ZOO_NAMES.includes(r)).sort();
}

/** This process's fingerprint for these network files (a missing file is left out: the worker then refuses). */
export function localFingerprint(files: readonly string[]): RunFingerprint {
  const networks: Record<string, string> = {};
  for (const file of files) {
    if (existsSync(file) && statSync(file).isFile()) networks[file] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return { version: PACKAGE_VERSION, code: codeFingerprint(), weights: weightsFingerprint(), networks };
}

const isContextRecord = (context: unknown): context is Record<string, unknown> =>
  context !== null && typeof context === 'object' && !Array.isArray(context);

/**
 * The evaluator context without its `cache` (a folder on one machine): the coordinator never sends it, and a
 * worker puts its own in (or none, with --no-cache), so a job can never name a folder for a worker to write.
 */
function withCache(context: unknown, cache: CacheSettings | undefined): unknown {
  if (!isContextRecord(context)) return context;
  const rest = withoutCache(context);
  return cache ? { ...rest, cache } : rest;
}

/** The context without its `cache` field: the one strip withCache and jobContext share. */
function withoutCache(context: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { cache: _dropped, ...rest } = context;
  return rest;
}

/**
 * The context a coordinator puts in its jobs: without its cache folder (withCache), and marked `noCache` when the run
 * uses no persistent cache (`search --no-cache`), so its workers neither read nor write theirs for it (otherwise
 * `--no-cache` would recompute nothing a worker had cached).
 */
export function jobContext(context: unknown): unknown {
  if (!isContextRecord(context)) return context;
  const rest = withoutCache(context);
  return context.cache === undefined ? { ...rest, noCache: true } : rest;
}

/**
 * The context a worker evaluates a job with: its own cache (or none, `cosearch worker --no-cache`), none when the job's
 * run asked for none (jobContext). A worker keeps one backend per distinct job context, so one run's setting never
 * carries over to another run's jobs.
 */
export function workerContext(context: unknown, cache: CacheSettings | undefined): unknown {
  if (!isContextRecord(context)) return context;
  const { noCache, ...rest } = context;
  return withCache(rest, noCache === true ? undefined : cache);
}

/**
 * A job's configurations and context checked against this worker's parameter registry before anything runs
 * (the same parser `validate` and `search` use): an unknown parameter or a bad value refuses the job.
 */
export function validateSimulatorPayload(payload: JobPayload): void {
  const context = payload.context;
  if (context === null || typeof context !== 'object' || !('network' in context) || typeof context.network !== 'string') {
    throw new ConfigError('job context names no network');
  }
  const space = simulatorSpaceContext();
  const check = (overrides: Record<string, unknown>, where: string) => {
    for (const [path, value] of Object.entries(overrides)) {
      if (path === NETWORK_COLUMN) continue;
      if (typeof value !== 'number' && typeof value !== 'string') throw new ConfigError(`${where}: "${path}" is neither a number nor a string`);
      try {
        space.parseValue(path, value);
      } catch (error) {
        throw new ConfigError(`${where}: ${(error as Error).message}`);
      }
    }
  };
  if ('base' in context && context.base !== null && typeof context.base === 'object') check({ ...context.base }, 'job base');
  payload.items.forEach((item, i) => check(item, `job item ${i}`));
}
