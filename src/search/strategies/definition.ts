/**
 * What a strategy is to the rest of search: a name, a settings schema (names, types, bounds, defaults), a check
 * of a space against its settings, and a run. The space parser checks a space once through `check` and
 * `checkSettings`; the library functions (nsga2(problem, options) ...) check their arguments through the same
 * two (assertStrategyOptions); nothing else checks settings. See docs/architecture.md.
 */
import { ConfigError, describeValue, refuseUnknownKeys, refuseUnknownNestedKeys, unknownKeyMessage } from '../../core/index.js';
import { SEARCH_OPTION_KEYS, validateProblem, type EvaluationResult, type Problem, type SearchOptions, type SearchResult } from '../problem.js';
import { describeRunNumber, isRunNumber } from '../../io/run/index.js';
import { isFiniteNumber, isRecord } from '../guards.js';
import type { StrategySetting, StrategySettings } from '../space/types.js';

export type SettingSpec =
  /** An integer >= min, <= max when given. */
  | { readonly type: 'integer'; readonly min: number; readonly max?: number; readonly default?: number; readonly doc: string }
  /** A finite number >= 0, <= max when given (< max when `maxExcluded`); `expected` then names the range. */
  | { readonly type: 'number'; readonly max?: number; readonly maxExcluded?: boolean; readonly expected?: string; readonly default?: number; readonly doc: string }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly expected: string; readonly default?: string; readonly doc: string }
  | { readonly type: 'numbers'; readonly doc: string };

/** A strategy's settings, in the order `cosearch` lists them. */
export type SettingsSchema = Readonly<Record<string, SettingSpec>>;

/** One problem found by a check: `field` as the user wrote it, and what is wrong (`got ..., expected ...`). */
export interface StrategyIssue {
  readonly field: string;
  readonly message: string;
}

/** Where settings come from decides how an issue names the fix: the space file, command-line flags, or API options. */
export type SettingsOrigin = 'space' | 'command line' | 'api';

/** Where a run's overrides and folder come from: `cosearch search`'s flags, or a library call's runSearch options. */
export type RunOrigin = Exclude<SettingsOrigin, 'space'>;

/**
 * How a run folder's refusals name the options that fix them, by origin (as a strategy's check phrases its advice,
 * StrategyCheckInput.origin): a library caller was told to use --resume and --out, which runSearch does not take.
 */
export const RUN_OPTION_WORDS: Readonly<Record<RunOrigin, { resume: string; continue: string; fresh: string; out: string; seed: string; strategy: string; budget: string }>> = {
  'command line': { resume: '--resume', continue: '--resume', fresh: 'without --resume', out: '--out', seed: '--seed', strategy: '--strategy', budget: '--budget' },
  api: { resume: 'resume', continue: 'resume: true', fresh: 'with resume: false', out: 'outDir', seed: 'seed', strategy: 'strategy', budget: 'budget' },
};

/** What a strategy's check may know of the space (the "space-ish info"). */
export interface StrategyCheckInput {
  readonly origin: SettingsOrigin;
  readonly objectives: number;
  /** Number of distinct points of the space (exact); may throw a ConfigError (a real variable without grid steps). */
  size(): bigint;
  /** The evaluation budget, if any. */
  readonly evaluations: number | undefined;
  /** Whether a wall-time budget is set. */
  readonly timed: boolean;
  /** The space's number of constraints; undefined for a library call (its problem does not declare them). */
  readonly constraints?: number;
  /**
   * Settings the file gave that the schema refused (their keys): the schema's line already names each, so a check
   * says nothing more of them (they are absent from the settings, and "got nothing" would be false).
   */
  readonly refused?: readonly string[];
}

export interface StrategyDefinition {
  readonly name: string;
  /** One line for `cosearch list strategies` and the docs. */
  readonly summary: string;
  readonly settings: SettingsSchema;
  /**
   * Whether later proposals follow the results, and how a run can see why: 'none' (grid, random: they do not),
   * 'probed' (the strategy offers its selection as a probe, Problem.evaluateBatch's SelectionProbe: NSGA-II), absent
   * (they follow the results through a selection the run cannot ask). `"lazy": "exact"` needs 'none' or 'probed'.
   */
  readonly selection?: 'none' | 'probed';
  /** The space against the (schema-valid) settings: grid size vs budget, weights per objective, a budget at all. */
  check(input: StrategyCheckInput, settings: StrategySettings): StrategyIssue[];
  /** One-line notes on settings that run but not as one may expect (`cosearch search` prints them as `note:`). */
  notes?(input: StrategyCheckInput, settings: StrategySettings): string[];
  /** Evaluations the run will make, when the budget or the settings fix them (progress bars). */
  planned?(input: StrategyCheckInput, settings: StrategySettings): number | undefined;
  /** Runs on checked settings (the engine's path; the library functions check first). */
  run<R extends EvaluationResult>(problem: Problem<R>, options: SearchOptions<R>, settings: StrategySettings): Promise<SearchResult<R>>;
}

/** What a setting must be, as its refusals and `cosearch list strategies` say it. */
export function settingExpected(spec: SettingSpec): string {
  switch (spec.type) {
    case 'enum':
      return spec.expected;
    case 'numbers':
      return 'a list of numbers, one per objective';
    case 'integer':
      return spec.max === undefined ? `an integer >= ${spec.min}` : `an integer in [${spec.min}, ${spec.max}]`;
    case 'number':
      return spec.expected ?? (spec.max === undefined ? 'a non-negative number' : `a number in [0, ${spec.max}${spec.maxExcluded ? ')' : ']'}`);
  }
}

/** The message of a value that breaks its spec, or undefined when it fits. */
export function settingProblem(spec: SettingSpec, value: unknown): string | undefined {
  const fits = (() => {
    switch (spec.type) {
      case 'enum':
        return typeof value === 'string' && spec.values.includes(value);
      case 'numbers':
        return Array.isArray(value) && value.length > 0 && value.every(isFiniteNumber);
      case 'integer':
        // One message whatever is wrong (-1, 1.5, "4"), the same from a space file and from a library call.
        return isFiniteNumber(value) && Number.isInteger(value) && value >= spec.min && (spec.max === undefined || value <= spec.max);
      case 'number':
        return isFiniteNumber(value) && value >= 0 && (spec.max === undefined || (spec.maxExcluded ? value < spec.max : value <= spec.max));
    }
  })();
  return fits ? undefined : `got ${describeValue(value)}, expected ${settingExpected(spec)}`;
}

/**
 * Settings against a schema: the valid ones, and one issue per unknown or invalid key (`prefix` + key as the
 * field). Unknown keys get a one-edit suggestion.
 */
export function checkSettings(
  strategy: string,
  schema: SettingsSchema,
  raw: Readonly<Record<string, unknown>>,
  prefix = '',
): { settings: Record<string, StrategySetting>; issues: StrategyIssue[] } {
  const settings: Record<string, StrategySetting> = {};
  const issues: StrategyIssue[] = [];
  const allowed = Object.keys(schema);
  for (const [key, value] of Object.entries(raw)) {
    const spec = schema[key];
    if (!spec) {
      const message = allowed.length ? unknownKeyMessage(key, allowed, `a setting of ${strategy}`) : `got ${describeValue(key)}, expected no settings for ${strategy}`;
      issues.push({ field: `${prefix}${key}`, message });
      continue;
    }
    const problem = settingProblem(spec, value);
    if (problem) issues.push({ field: `${prefix}${key}`, message: problem });
    else if (isSetting(value)) settings[key] = value;
  }
  return { settings, issues };
}

function isSetting(value: unknown): value is StrategySetting {
  return typeof value === 'number' || typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'number'));
}

/** Typed reads of checked settings. */
export function numberSetting(settings: StrategySettings, key: string): number | undefined {
  const v = settings[key];
  return typeof v === 'number' ? v : undefined;
}
export function stringSetting(settings: StrategySettings, key: string): string | undefined {
  const v = settings[key];
  return typeof v === 'string' ? v : undefined;
}
export function numbersSetting(settings: StrategySettings, key: string): readonly number[] | undefined {
  const v = settings[key];
  return Array.isArray(v) ? v : undefined;
}

/**
 * `settings` with each unset setting whose spec declares a `default` set to it: what a strategy's `run` and `planned`
 * receive from the engine (engine.ts, space/strategy.ts plannedEvaluations), so the default `cosearch list
 * strategies` shows is the value the strategy runs with, whatever its code would fall back to. Until 2026-12-07 unset
 * settings stayed absent and each strategy repeated its default in code (QA extend defect 5: a strategy listed as
 * batchSize 100 ran with its own 8). What a run records (manifest, fingerprint) stays the settings as given; `check`
 * and `notes` judge those too.
 */
export function withDefaultSettings(schema: SettingsSchema, settings: StrategySettings): StrategySettings {
  const out: Record<string, StrategySetting> = {};
  for (const [key, spec] of Object.entries(schema)) {
    if (spec.type !== 'numbers' && spec.default !== undefined) out[key] = spec.default;
  }
  return { ...out, ...settings };
}

/** The numeric settings among `keys` that are set, as typed options (unset ones stay absent, so defaults apply). */
export function numberSettings<K extends string>(settings: StrategySettings, keys: readonly K[]): { [k in K]?: number } {
  const out: { [k in K]?: number } = {};
  for (const key of keys) {
    const value = settings[key];
    if (typeof value === 'number') out[key] = value;
  }
  return out;
}

/** `{ [key]: value }`, or nothing when the value is undefined (so defaults apply). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  const out: { [k in K]?: V } = {};
  if (value !== undefined) out[key] = value;
  return out;
}

/** Settings every strategy's library function takes (SearchOptions), checked the same way. */
const RUN_OPTIONS: SettingsSchema = {
  evaluations: { type: 'integer', min: 1, doc: 'evaluation budget' },
  maxEvaluations: { type: 'integer', min: 1, doc: 'evaluation budget (alias)' },
  maxTime_ms: { type: 'number', doc: 'wall-time budget, ms' },
};

/** The check input of a library call: the problem's size and objectives, the options' budgets. */
export function apiCheckInput<R extends EvaluationResult>(problem: Pick<Problem<R>, 'objectives'>, options: SearchOptions<R>, size: () => bigint): StrategyCheckInput {
  const budgets = [options.evaluations, options.maxEvaluations].filter((n): n is number => n !== undefined);
  return {
    origin: 'api',
    objectives: problem.objectives.length,
    size,
    evaluations: budgets.length ? Math.min(...budgets) : undefined,
    timed: options.maxTime_ms !== undefined,
  };
}

/** What a strategy's library function takes beyond the run options (SEARCH_OPTION_KEYS) and its settings schema. */
export interface LibraryEntry {
  /** The function's name in messages (nsga2, gridSearch). */
  readonly name: string;
  /** Nested option objects checked by spec, as `object.key` (crossover.probability); their objects take these keys only. */
  readonly nested?: SettingsSchema;
  /** Other options of the function; for one that is a plain object, the keys it takes (operators: sampling, ...). */
  readonly extra?: Readonly<Record<string, readonly string[] | true>>;
}

/** Options every strategy's library function takes (SEARCH_OPTION_KEYS 'run'). */
const RUN_OPTION_KEYS: readonly string[] = Object.entries(SEARCH_OPTION_KEYS).filter(([, kind]) => kind === 'run').map(([key]) => key);

/**
 * A library call's problem and options, checked through the strategy's schema and check (the same functions the
 * space parser uses); throws a ConfigError naming the first mistake. Every key must be one the function reads: a
 * run option, a setting of the strategy, or one of `entry` (a typo such as popSize would otherwise run on defaults).
 */
export function assertStrategyOptions<R extends EvaluationResult>(
  definition: StrategyDefinition,
  problem: Problem<R>,
  options: SearchOptions<R>,
  size: () => bigint,
  entry: LibraryEntry = { name: definition.name },
): void {
  validateProblem(problem);
  if (!isRecord(options)) throw new ConfigError(`options: got ${describeValue(options)}, expected an object of ${entry.name}'s options (or nothing)`);
  assertKnownOptions(definition, options, entry);
  const schema: SettingsSchema = { ...RUN_OPTIONS, ...definition.settings, ...entry.nested };
  const all: Readonly<Record<string, unknown>> = Object.fromEntries(Object.entries(options));
  const given = Object.fromEntries(Object.keys(schema).filter((k) => optionAt(all, k) !== undefined).map((k) => [k, optionAt(all, k)]));
  const { settings, issues } = checkSettings(definition.name, schema, given);
  // A number seed in the range --seed, a space's seed and the run manifest take (NaN, -1 and 1.5 used to run).
  const { seed } = options;
  if (seed !== undefined && typeof seed !== 'string' && !isRunNumber('seed', seed)) {
    issues.push({ field: 'seed', message: `got ${describeValue(seed)}, expected ${describeRunNumber('seed', undefined, seed)} or a string` });
  }
  const ref = options.reference;
  if (ref !== undefined && (!Array.isArray(ref) || ref.length !== problem.objectives.length || !ref.every(Number.isFinite))) {
    issues.push({ field: 'reference', message: `got ${describeValue(ref)}, expected ${problem.objectives.length} finite numbers` });
  }
  if (issues.length === 0) issues.push(...definition.check(apiCheckInput(problem, options, size), settings));
  if (issues.length > 0) throw new ConfigError(`${issues[0].field}: ${issues[0].message}`);
}

/** Every key of `options` (and of its nested option objects) one the library function reads; a ConfigError otherwise. */
function assertKnownOptions(definition: StrategyDefinition, options: object, entry: LibraryEntry): void {
  const objects = new Map<string, string[]>();
  for (const path of Object.keys(entry.nested ?? {})) {
    const [outer, inner] = path.split('.');
    objects.set(outer, [...(objects.get(outer) ?? []), inner]);
  }
  for (const [key, keys] of Object.entries(entry.extra ?? {})) if (keys !== true) objects.set(key, [...keys]);
  const known = [...new Set([...RUN_OPTION_KEYS, ...Object.keys(definition.settings), ...objects.keys(), ...Object.keys(entry.extra ?? {})])];
  refuseUnknownKeys(options, known, `an option of ${entry.name}`);
  const record: Readonly<Record<string, unknown>> = Object.fromEntries(Object.entries(options));
  for (const [key, keys] of objects) refuseUnknownNestedKeys(key, record[key], keys);
}

/** options[key], or for a dotted key (crossover.probability) the nested value. */
function optionAt(options: Readonly<Record<string, unknown>>, key: string): unknown {
  const dot = key.indexOf('.');
  if (dot < 0) return options[key];
  const outer = options[key.slice(0, dot)];
  return isRecord(outer) ? outer[key.slice(dot + 1)] : undefined;
}
