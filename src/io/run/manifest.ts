/**
 * manifest.json: what a run was (space, network, seed, strategy, parameters, objectives, versions), how far it
 * got and how its front improved. One schema (RunManifest), one writer and one validating reader, used by
 * `cosearch search` (writing, --resume), `cosearch report` and studies. A malformed manifest is one ConfigError
 * line naming the file and the field.
 *
 * The reader also takes the layout with a `space` object carrying the space's fields (name, network, base,
 * parameters, objectives, constraints, ...) and the older `version` key, normalised to the layout written here.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, describeValue, parseJsonStrict, readInputText } from '../../core/index.js';
import type { ParamValue } from '../../util/paramValue.js';
import { EVALUATIONS_CSV, MANIFEST_JSON, writeFileAtomic } from './files.js';
import type { LogDigest } from './integrity.js';
import { describeRunNumber, isRunNumber, type RunNumber } from './runNumbers.js';

export interface HypervolumePoint {
  /** Batch (generation) number, 0 = the first. */
  readonly generation: number;
  /** Evaluations so far, including this generation's. */
  readonly evaluations: number;
  /** Hypervolume of the feasible non-dominated set so far, against `hypervolumeReference`. */
  readonly hypervolume: number;
}

export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';
const STATUSES: readonly RunStatus[] = ['running', 'completed', 'interrupted', 'failed'];

/** A zoo name or path, the names of a space that searches several (each row's `network` column says which), or a network written inline. */
export type RunNetwork = string | readonly string[] | Readonly<Record<string, unknown>>;

/** Whether a manifest's network is the list of a multi-network run (each row then names its own). */
export function isNetworkList(network: RunNetwork): network is readonly string[] {
  return Array.isArray(network);
}

/**
 * The networks a manifest names: its one network, its list, or none (a network written inline in the space). The one
 * reading of `manifest.network` for the report, its plot and study, `pick` and `pareto`.
 */
export function manifestNetworks(network: RunNetwork): readonly string[] {
  return typeof network === 'string' ? [network] : isNetworkList(network) ? network : [];
}

/** One searched variable (a CSV column): a global parameter, one layer's copy, or one group's copy. */
export interface RunParameter {
  /** CSV column and override name: `adc.bits`, `layers.conv3.adc.bits` or `groups.early.adc.bits`. */
  readonly name: string;
  /** The registry path it sets (`adc.bits`). */
  readonly path: string;
  /** The `layers.<k>.<path>` (or global) override paths this variable sets. */
  readonly targets: readonly string[];
  /** The candidate values, in the order written (ordinal for numbers). */
  readonly values: readonly ParamValue[];
}

export interface RunObjective {
  readonly metric: string;
  readonly sense: 'min' | 'max';
}

export interface RunConstraint {
  readonly metric: string;
  readonly min?: number;
  readonly max?: number;
}

export type StrategySettingValue = number | string | readonly number[];

export interface RunManifest {
  readonly space: string;
  readonly spaceFile: string;
  readonly network: RunNetwork;
  readonly packageVersion: string;
  /**
   * sha256 of the model code that computed the rows (the accuracy cache's source hash, src/app/cache/keys.ts
   * modelSourceHash): --resume refuses another build's. Absent in runs from before 2026-12-06 and in runs of an engine given none.
   */
  readonly modelHash?: string;
  /** sha256 of the trained weights of the space's networks (runWeightsHash); absent when none has weights or in older runs. */
  readonly weightsHash?: string;
  readonly seed: number;
  readonly strategy: { readonly name: string; readonly settings: Readonly<Record<string, StrategySettingValue>> };
  readonly budget: { readonly evaluations?: number; readonly time_s?: number };
  readonly workers: number;
  readonly evalTimeout_ms?: number;
  /** The backend beyond this machine's threads (e.g. Redis: its URL without secrets, per-worker counts). */
  readonly backend?: Readonly<Record<string, unknown>>;
  readonly parameters: readonly RunParameter[];
  readonly base: Readonly<Record<string, ParamValue>>;
  readonly objectives: readonly RunObjective[];
  readonly constraints: readonly RunConstraint[];
  /** Identifies everything that determines the results: a resumed run must match it. */
  readonly fingerprint: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly resumedAt?: readonly string[];
  readonly status: RunStatus;
  /** Why the strategy stopped: generations, evaluations, time, exhausted, complete or aborted. */
  readonly stopReason?: string;
  readonly evaluations: number;
  readonly failedEvaluations: number;
  readonly feasibleEvaluations: number;
  readonly paretoSize: number;
  /**
   * What this manifest vouches for in evaluations.csv (src/io/run/integrity.ts): its first `rows` data rows, `bytes`
   * bytes from the header on, their sha256; --resume refuses a file whose prefix differs. Absent in runs from before 2026-12-06.
   */
  readonly evaluationsDigest?: LogDigest;
  readonly hypervolumeReference?: readonly number[];
  readonly hypervolumeByGeneration: readonly HypervolumePoint[];
  readonly error?: string;
  /** The space's `study` section as written (docs/studies.md); `cosearch report` draws it. */
  readonly study?: unknown;
  /** Node version, platform, git commit, the resolved configuration, network-file hashes (src/search/run/manifest.ts). */
  readonly provenance?: Readonly<Record<string, unknown>>;
}

/** Bookkeeping a manifest from another tool or version may lack: a report draws without it, --resume needs it. */
type Bookkeeping = 'space' | 'spaceFile' | 'packageVersion' | 'seed' | 'budget' | 'workers' | 'fingerprint' | 'startedAt' | 'status'
  | 'evaluations' | 'failedEvaluations' | 'feasibleEvaluations' | 'paretoSize';
/** A validated manifest as read: every field checked where present, the bookkeeping fields possibly absent. */
export type ManifestRead = Omit<RunManifest, Bookkeeping> & Partial<Pick<RunManifest, Bookkeeping>>;

/** The command-line flag of each lazy mode a manifest records (provenance.configuration.lazy; a space may set the same as `"lazy"`). */
export const LAZY_MODE_FLAG: Readonly<Record<string, string>> = { true: '--lazy', 'early-stop': '--early-stop', predict: '--lazy-predict', exact: '--lazy-exact' };

export function writeManifest(dir: string, manifest: RunManifest): void {
  writeFileAtomic(join(dir, MANIFEST_JSON), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest of a run folder, complete enough to resume the run (for `cosearch search --resume`). */
export function readManifest(dir: string): RunManifest {
  const path = join(dir, MANIFEST_JSON);
  if (!existsSync(path)) throw new ConfigError(`--resume: ${path} does not exist (not a cosearch run folder?)`);
  return completeManifest(parseManifest(readInputText(path, { what: 'run manifest' }), path), path);
}

/**
 * The manifest beside `csvPath`, when `csvPath` is a run's evaluations.csv (`cosearch pareto` reads any CSV):
 * undefined otherwise, and for one that cannot be read (pareto does not need it; --resume and report name what is
 * wrong with it).
 */
export function manifestBeside(csvPath: string): ManifestRead | undefined {
  const path = join(dirname(csvPath), MANIFEST_JSON);
  if (basename(csvPath) !== EVALUATIONS_CSV || !existsSync(path)) return undefined;
  try {
    return parseManifest(readInputText(path, { what: 'run manifest' }), path);
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

/** What the manifest beside `csvPath` vouches for in it (its evaluationsDigest): undefined without one or without the record. */
export function vouchedBeside(csvPath: string): LogDigest | undefined {
  return manifestBeside(csvPath)?.evaluationsDigest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A count (evaluations, a generation): an integer >= 0, as the search writes it. */
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const COUNT = 'an integer >= 0';
const isString = (v: unknown): v is string => typeof v === 'string';
const isParamValue = (v: unknown): v is ParamValue => isNumber(v) || isString(v);

/** Validate manifest text (`file` names it in errors); see the file comment for the layouts read. */
export function parseManifest(text: string, file: string): ManifestRead {
  // Strict JSON (duplicate keys refused, nesting bounded, no quote of the text in errors).
  const raw = parseJsonStrict(text, file);
  if (!isRecord(raw)) throw new ConfigError(`${file}: got ${describeValue(raw)}, expected a JSON object`);
  const top = raw;
  const space = isRecord(raw.space) ? raw.space : undefined;
  const fail = (where: string, value: unknown, expected: string): never => {
    throw new ConfigError(`${file}: ${where}: got ${describeValue(value)}, expected ${expected}`);
  };
  /** A field at the top level, else inside the space object; `check` narrows it, absent fields give undefined. */
  const field = <T>(key: string, check: (v: unknown) => v is T, expected: string): T | undefined => {
    const nested = top[key] === undefined && space !== undefined;
    const value = nested ? space[key] : top[key];
    if (value === undefined) return undefined;
    return check(value) ? value : fail(nested ? `space.${key}` : key, value, expected);
  };
  const where = (key: string): string => (top[key] === undefined && space !== undefined ? `space.${key}` : key);
  const listOf = <T>(key: string, item: (v: unknown, at: string) => T, expected: string): T[] | undefined =>
    field(key, Array.isArray, expected)?.map((v, i) => item(v, `${where(key)}[${i}]`));

  const isName = (v: unknown): boolean => typeof v === 'string' && v !== '';
  const networkExpected = 'a network name, path, list of names or object';
  const network = field('network', (v): v is RunNetwork => isName(v) || isRecord(v) || (Array.isArray(v) && v.length > 0 && v.every(isName)),
    networkExpected) ?? fail(where('network'), undefined, networkExpected);
  const base = field('base', (v): v is Record<string, ParamValue> => isRecord(v) && Object.values(v).every(isParamValue),
    'an object of parameter paths and their values') ?? {};

  const objectives = listOf('objectives', (o, at): RunObjective => {
    if (!isRecord(o) || !isName(o.metric)) return fail(at, o, '{ metric, sense }');
    if (o.sense !== 'min' && o.sense !== 'max') return fail(`${at}.sense`, o.sense, '"min" or "max"');
    return { metric: String(o.metric), sense: o.sense };
  }, 'a non-empty list of { metric, sense }');
  if (!objectives || objectives.length === 0) return fail(where('objectives'), objectives, 'a non-empty list of { metric, sense }');

  const parameters = listOf('parameters', (v, at): RunParameter => {
    if (!isRecord(v) || !isName(v.name)) return fail(at, v, '{ name, path }');
    const name = String(v.name);
    const targets = v.targets ?? [name];
    if (!Array.isArray(targets) || !targets.every(isString)) return fail(`${at}.targets`, v.targets, 'a list of parameter paths');
    const values = v.values ?? [];
    if (!Array.isArray(values) || !values.every(isParamValue)) return fail(`${at}.values`, v.values, 'a list of numbers and strings');
    return { name, path: isString(v.path) ? v.path : name, targets, values };
  }, 'a list of { name, path }') ?? [];

  const isPoint = (h: unknown): h is HypervolumePoint => isRecord(h) && isCount(h.generation) && isCount(h.evaluations) && isNumber(h.hypervolume) && h.hypervolume >= 0;
  const hvRaw = top.hypervolumeByGeneration ?? [];
  const hypervolumeByGeneration = (Array.isArray(hvRaw) ? hvRaw : fail('hypervolumeByGeneration', hvRaw, 'a list')).map((h, i): HypervolumePoint =>
    isPoint(h) ? { generation: h.generation, evaluations: h.evaluations, hypervolume: h.hypervolume }
      : fail(`hypervolumeByGeneration[${i}]`, h, '{ generation, evaluations, hypervolume }: two integers >= 0 and a number >= 0'));
  const hypervolumeReference = optional(top, 'hypervolumeReference', (v): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number'), 'a list of numbers', fail);

  const constraints = listOf('constraints', (c, at): RunConstraint => {
    if (!isRecord(c) || !isName(c.metric)) return fail(at, c, '{ metric, min?, max? }');
    for (const bound of ['min', 'max'] as const) if (c[bound] !== undefined && typeof c[bound] !== 'number') fail(`${at}.${bound}`, c[bound], 'a number');
    return { metric: String(c.metric), ...(isNumber(c.min) ? { min: c.min } : {}), ...(isNumber(c.max) ? { max: c.max } : {}) };
  }, 'a list of { metric, min?, max? }') ?? [];

  const isStrategy = (v: unknown): v is { name: string; settings?: RunManifest['strategy']['settings'] } =>
    isRecord(v) && isName(v.name) && (v.settings === undefined || isRecord(v.settings));
  const strategy = field('strategy', isStrategy, '{ name, settings }') ?? fail(where('strategy'), undefined, '{ name, settings }');
  // Seed, budget, workers and time limit in the ranges runSearch takes them (src/io/run/runNumbers.ts).
  const runNumber = (name: RunNumber) => (v: unknown): v is number => isRunNumber(name, v);
  const budget = field('budget', (v): v is RunManifest['budget'] => isRecord(v) && (v.evaluations === undefined || isRunNumber('budget', v.evaluations))
    && (v.time_s === undefined || isRunNumber('budgetTime_s', v.time_s)),
  `{ evaluations?: ${describeRunNumber('budget')}, time_s?: ${describeRunNumber('budgetTime_s')} }`);
  const seed = field('seed', runNumber('seed'), describeRunNumber('seed'));
  const spaceName = isString(top.space) ? top.space : space && isString(space.name) ? space.name : undefined;
  const version = optional(top, 'packageVersion', isString, 'text', fail) ?? optional(top, 'version', isString, 'text', fail);
  const textField = (key: string): string | undefined => optional(top, key, isString, 'text', fail);
  const count = (key: string): number | undefined => optional(top, key, isCount, COUNT, fail);
  const recorded = (key: RunNumber & keyof RunManifest): number | undefined => optional(top, key, runNumber(key), describeRunNumber(key), fail);
  const status = optional(top, 'status', (v): v is RunStatus => STATUSES.some((s) => s === v), STATUSES.map((s) => `"${s}"`).join(', '), fail);
  const isDigest = (v: unknown): v is LogDigest => isRecord(v) && isCount(v.rows) && isCount(v.bytes) && isString(v.sha256) && /^[0-9a-f]{64}$/.test(v.sha256);
  const digest = optional(top, 'evaluationsDigest', isDigest, '{ rows, bytes, sha256 }: two integers >= 0 and 64 hex digits', fail);
  const evaluationsDigest = digest && { rows: digest.rows, bytes: digest.bytes, sha256: digest.sha256 };
  const resumedAt = optional(top, 'resumedAt', (v): v is string[] => Array.isArray(v) && v.every(isString), 'a list of times', fail);
  const read = dropUndefined({
    space: spaceName,
    spaceFile: textField('spaceFile'),
    network,
    packageVersion: version,
    modelHash: textField('modelHash'),
    weightsHash: textField('weightsHash'),
    seed,
    strategy: { name: strategy.name, settings: strategy.settings ?? {} },
    budget,
    workers: recorded('workers'),
    evalTimeout_ms: recorded('evalTimeout_ms'),
    parameters,
    base,
    objectives,
    constraints,
    fingerprint: textField('fingerprint'),
    startedAt: textField('startedAt'),
    endedAt: textField('endedAt'),
    resumedAt,
    status,
    stopReason: textField('stopReason'),
    evaluations: count('evaluations'),
    failedEvaluations: count('failedEvaluations'),
    feasibleEvaluations: count('feasibleEvaluations'),
    paretoSize: count('paretoSize'),
    evaluationsDigest,
    hypervolumeReference,
    hypervolumeByGeneration,
    error: textField('error'),
    study: top.study,
    provenance: optional(top, 'provenance', isRecord, 'an object', fail),
  });
  checkCounts(read, fail);
  return read;
}

/** The run's counts agree with each other: a failed or a feasible evaluation is one of the evaluations, a front member a feasible one. */
function checkCounts(m: ManifestRead, fail: Fail): void {
  const { evaluations, failedEvaluations = 0, feasibleEvaluations = 0, paretoSize } = m;
  if (evaluations !== undefined && failedEvaluations + feasibleEvaluations > evaluations) {
    fail('evaluations', evaluations, `at least failedEvaluations + feasibleEvaluations (${failedEvaluations + feasibleEvaluations})`);
  }
  if (paretoSize !== undefined && m.feasibleEvaluations !== undefined && paretoSize > m.feasibleEvaluations) {
    fail('paretoSize', paretoSize, `at most feasibleEvaluations (${m.feasibleEvaluations})`);
  }
}

type Fail = (where: string, value: unknown, expected: string) => never;

/** A top-level field that may be absent, checked when present. */
function optional<T>(raw: Record<string, unknown>, key: string, check: (v: unknown) => v is T, expected: string, fail: Fail): T | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  return check(value) ? value : fail(key, value, expected);
}

/** The object without its undefined fields, so optional fields are absent rather than present and undefined. */
function dropUndefined<T extends object>(value: T): T {
  for (const key in value) if (value[key] === undefined) delete value[key];
  return value;
}

/** A manifest with every bookkeeping field --resume relies on; a ConfigError names the first one missing. */
function completeManifest(m: ManifestRead, file: string): RunManifest {
  const missing = (key: Bookkeeping): never => {
    throw new ConfigError(`${file}: ${key}: got nothing, expected the value cosearch search writes (not a complete run manifest)`);
  };
  return {
    ...m,
    space: m.space ?? missing('space'), spaceFile: m.spaceFile ?? missing('spaceFile'), packageVersion: m.packageVersion ?? missing('packageVersion'),
    seed: m.seed ?? missing('seed'), budget: m.budget ?? missing('budget'), workers: m.workers ?? missing('workers'),
    fingerprint: m.fingerprint ?? missing('fingerprint'), startedAt: m.startedAt ?? missing('startedAt'), status: m.status ?? missing('status'),
    evaluations: m.evaluations ?? missing('evaluations'), failedEvaluations: m.failedEvaluations ?? missing('failedEvaluations'),
    feasibleEvaluations: m.feasibleEvaluations ?? missing('feasibleEvaluations'), paretoSize: m.paretoSize ?? missing('paretoSize'),
  };
}
