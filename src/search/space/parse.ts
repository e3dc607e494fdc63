/**
 * Read and validate a search-space file (JSON, or YAML for .yaml/.yml). Every mistake is collected and
 * reported on its own line as `<file>: <field>: <what was found>, expected <what>`, so one run of
 * `cosearch validate` shows them all. What the world knows (parameters, values, metrics, networks) comes from
 * the injected SpaceContext; what strategies accept, from the strategy registry.
 */
import { basename, dirname, extname, resolve } from 'node:path';
import { describeValue, didYouMean, didYouMeanName, readDocument } from '../../core/index.js';
import { parseStudy } from '../../studies/parse.js';
import { describeRunNumber, isRunNumber } from '../../io/run/index.js';
import { NETWORK_COLUMN } from '../../util/networkColumn.js';
import { isRecord } from '../guards.js';
import { exactLazyRefusal, STRATEGIES, type StrategyRegistry } from '../strategies/registry.js';
import { checkInertPaths, hasLayeredParameters, parseBase, parseParameters } from './parameters.js';
import { checkBaseDesign } from './baseDesign.js';
import { checkOverlaps } from './overlaps.js';
import { MAX_KEPT_PROBLEMS, SpaceError } from './problems.js';
import { parseBudget, parseConstraints, parseNetworks, parseObjectives, unmeasuredIn } from './sections.js';
import { checkSpaceStrategy, parseStrategy } from './strategy.js';
import type { LazyMode, SearchSpace, SpaceContext } from './types.js';

/** A space's name names its run folder, results/<name>-<timestamp>: 200 characters leave room for that within 255 bytes. */
const MAX_SPACE_NAME_LENGTH = 200;

export { SpaceError } from './problems.js';

const TOP_LEVEL_FIELDS = ['name', 'description', 'network', 'base', 'parameters', 'objectives', 'constraints', 'strategy', 'seed', 'budget', 'study', 'lazy'];

export interface SpaceSource {
  /** As the user wrote it: used in messages. */
  readonly file: string;
  /** Absolute path, recorded in the space. */
  readonly path?: string;
  readonly defaultName?: string;
  /** The strategies a space may name (default: the built-in registry). */
  readonly strategies?: StrategyRegistry;
  /**
   * The run's command-line overrides (--strategy, --budget): the strategy's check then sees the pair the run uses,
   * so `--budget 300` completes a random search's file without a budget; another strategy's pair is checked by
   * effectiveStrategy when the run starts (the space's own settings do not run).
   */
  readonly runOverrides?: { readonly strategy?: string; readonly budget?: number };
}

/** Read a space file and validate it; throws a SpaceError listing every mistake. */
export function loadSpace(file: string, context: SpaceContext, strategies: StrategyRegistry = STRATEGIES, runOverrides?: SpaceSource['runOverrides']): SearchSpace {
  const path = resolve(file);
  // The safe-input layer: a regular file of bounded size and nesting, no duplicate keys, no echo of its text.
  const raw = readDocument(file, { what: 'space file' });
  const ext = extname(path);
  return parseSpace(raw, context, { file, path, defaultName: basename(path, ext), strategies, ...(runOverrides ? { runOverrides } : {}) });
}

/** Validate an already-parsed space object. */
export function parseSpace(raw: unknown, context: SpaceContext, source: SpaceSource = { file: '<inline>' }): SearchSpace {
  const strategies = source.strategies ?? STRATEGIES;
  const problems: string[] = [];
  let omitted = 0;
  const fail = (field: string, found: unknown, expected: string): void => {
    if (problems.length >= MAX_KEPT_PROBLEMS) omitted++;
    else problems.push(`${source.file}: ${field}: got ${describeValue(found)}, expected ${expected}`);
  };
  const note = (field: string, message: string): void => {
    if (problems.length >= MAX_KEPT_PROBLEMS) omitted++;
    else problems.push(`${source.file}: ${field}: ${message}`);
  };
  if (!isRecord(raw)) {
    fail('(top level)', raw, 'an object with network, parameters, objectives, strategy');
    throw new SpaceError(problems, omitted);
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_FIELDS.includes(key)) fail(key, key, `a known field (${TOP_LEVEL_FIELDS.join(', ')})${didYouMean(key, TOP_LEVEL_FIELDS)}`);
  }

  const name = raw.name ?? source.defaultName ?? 'space';
  if (typeof name !== 'string' || !/^[\w.-]+$/.test(name)) fail('name', raw.name, 'a name of letters, digits, "-", "_" or "."');
  // It is the run folder's stem: "." and ".." made results/.-<timestamp> (hidden, a path segment's look), "-x" reads as an option.
  else if (/^[.-]/.test(name)) fail('name', name, 'a name starting with a letter, a digit or "_" (it names the run folder results/<name>-<timestamp>)');
  // It names the run folder, results/<name>-YYYYMMDD-HHMMSS[-n]: past 255 bytes mkdir failed (ENAMETOOLONG, exit 2).
  else if (name.length > MAX_SPACE_NAME_LENGTH) fail('name', `${name.slice(0, 12)}... (${name.length} characters)`, `a name of at most ${MAX_SPACE_NAME_LENGTH} characters (it names the run folder)`);
  if (raw.description !== undefined && typeof raw.description !== 'string') fail('description', raw.description, 'a string');

  // Network(s): known to the model zoo (or readable network files). Several make `network` a searched choice.
  const networks = parseNetworks(raw.network, context, fail, note, source.path === undefined ? undefined : dirname(source.path));
  const layers = { names: networks.weightLayers, ...(networks.layerKeys ? { keys: networks.layerKeys } : {}), networks: networks.names };
  const base = parseBase(raw.base, context, fail, note, layers);
  const variables = parseParameters(raw.parameters, networks.weightLayers, context, fail, note, layers);
  checkInertPaths(networks.names, base, variables, context, note);
  if (networks.names.length > 1) {
    if (networks.layersDiffer && hasLayeredParameters(raw.parameters)) {
      note('network', `per-layer or group parameters need networks with the same weight layers; ${networks.layersDiffer}`);
    }
    variables.unshift({ name: NETWORK_COLUMN, path: NETWORK_COLUMN, values: networks.names, targets: [NETWORK_COLUMN] });
  }
  // Two entries setting one parameter of one layer (a perLayer copy and layers.fc1, layers.0 and layers.fc1, base and parameters).
  checkOverlaps(base, variables, networks.layerNames, note, (path) => readPerLayerOnly(context, path));
  const unmeasured = unmeasuredIn(networks.names, { base, variables, networks: networks.names }, context);
  const objectives = parseObjectives(raw.objectives, context.metrics, fail, note, unmeasured, (m) => context.metricRange?.(m));
  // A study (docs/studies.md): figures, expectations and a comparison over the run's rows.
  // The values each searched column holds (and the networks), so a study's selection of another value is refused now.
  const values = new Map<string, readonly (string | number)[]>([...variables.map((v) => [v.name, v.values] as const), [NETWORK_COLUMN, networks.names]]);
  const study = raw.study === undefined ? undefined : parseStudy(raw.study, { metrics: context.metrics, parameters: variables.map((v) => v.name), values }, fail, note);
  const constraints = parseConstraints(raw.constraints, context.metrics, fail, note, unmeasured, (m) => context.metricRange?.(m));
  const strategy = parseStrategy(raw.strategy, strategies, fail, note);
  let seed = 1;
  if (raw.seed !== undefined) {
    // Above 2^53 - 1 a JSON number is rounded to another integer: the run would not use the seed written.
    if (!isRunNumber('seed', raw.seed)) fail('seed', raw.seed, describeRunNumber('seed'));
    else seed = raw.seed;
  }
  const budget = parseBudget(raw.budget, fail);
  if (raw.lazy !== undefined && !isLazyMode(raw.lazy)) {
    const hint = typeof raw.lazy === 'string' ? didYouMeanName(raw.lazy, ['true', 'false', ...LAZY_NAMED_MODES]) : '';
    fail('lazy', raw.lazy, `true, false, "early-stop", "predict" or "exact" (measure expensive metrics lazily; "early-stop" also stops a measurement proven below a constraint, "predict" also skips designs predicted infeasible, "exact" also measures every design the selection keeps)${hint}`);
  }
  const run = source.runOverrides;
  // The strategy the run will use (--strategy wins): the exact lazy mode needs its selection (validate says so, not the run).
  const runStrategy = run?.strategy ?? strategy?.name;
  const exactRefusal = raw.lazy === 'exact' && runStrategy !== undefined && strategies.get(runStrategy) ? exactLazyRefusal(strategies, runStrategy) : undefined;
  if (exactRefusal !== undefined) note('lazy', `${exactRefusal}, or true`);
  if (strategy && (run?.strategy === undefined || run.strategy === strategy.name)) {
    checkSpaceStrategy(strategies, strategy, { variables, objectives, constraints }, run?.budget === undefined ? budget : { ...budget, evaluations: run.budget }, note);
  }
  // Only in a space otherwise valid: its base design is then made of values each accepted on its own.
  if (problems.length === 0) checkBaseDesign(networks.names, base, variables, context, note);
  if (problems.length > 0 || !strategy || typeof name !== 'string') throw new SpaceError(problems, omitted);
  return {
    name,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    file: source.path ?? source.file,
    network: networks.names[0],
    networks: networks.names,
    base,
    variables,
    objectives,
    constraints,
    strategy: { name: strategy.name, settings: strategy.settings },
    seed,
    budget,
    ...(study ? { study, studySpec: raw.study } : {}),
    ...(isLazyMode(raw.lazy) ? { lazy: raw.lazy } : {}),
  };
}

/** ParameterInfo.readPerLayerOnly of a path (false for one the registry does not know: refused where it is named). */
function readPerLayerOnly(context: SpaceContext, path: string): boolean {
  try {
    return context.parameter(path).readPerLayerOnly === true;
  } catch {
    return false;
  }
}

/** The number of distinct points of the space (the grid size); a plain number (may exceed 2^53 as an estimate). */
export function spaceSize(space: Pick<SearchSpace, 'variables'>): number {
  return space.variables.reduce((n, v) => n * v.values.length, 1);
}

/** Whether a `lazy` value is one a space may hold (true, false, "early-stop", "predict" or "exact"). */
export function isLazyMode(value: unknown): value is LazyMode {
  return typeof value === 'boolean' || LAZY_NAMED_MODES.some((mode) => mode === value);
}

/** The `lazy` values beside true and false. */
const LAZY_NAMED_MODES: readonly Exclude<LazyMode, boolean>[] = ['early-stop', 'predict', 'exact'];
