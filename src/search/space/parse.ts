/**
 * Read and validate a search-space file (JSON, or YAML for .yaml/.yml). Every mistake is collected and
 * reported on its own line as `<file>: <field>: <what was found>, expected <what>`, so one run of
 * `cosearch validate` shows them all.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { flattenConfigObject, parameterSpec, parseParameterValue, type ParamValue } from '../../hardware/config.js';
import { ConfigError, describeValue } from '../../core/errors.js';
import { NETWORK_OVERRIDE } from '../../model/index.js';
import { parseStudy } from '../../studies/parse.js';
import {
  STRATEGY_NAMES,
  type SearchSpace,
  type SpaceBudget,
  type SpaceConstraint,
  type SpaceContext,
  type SpaceObjective,
  type SpaceStrategy,
  type StrategySetting,
  type SpaceVariable,
  type StrategyName,
} from './types.js';

/** A space with one or more mistakes; `problems` holds one line per mistake (also joined in `message`). */
export class SpaceError extends ConfigError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'SpaceError';
  }
}

const TOP_LEVEL_FIELDS = ['name', 'description', 'network', 'base', 'parameters', 'objectives', 'constraints', 'strategy', 'seed', 'budget', 'study'];
const DOMAIN_FIELDS = ['values', 'min', 'max', 'step', 'count', 'scale', 'perLayer', 'groups'];
/** Options each library strategy accepts from a space file (the seed and budget have their own fields). */
export const STRATEGY_SETTINGS: Readonly<Record<StrategyName, readonly string[]>> = {
  nsga2: ['populationSize', 'generations', 'crossoverProbability', 'crossoverEta', 'mutationProbability', 'mutationEta', 'sampling', 'maxDuplicateTries', 'survival'],
  evolve: [
    'populationSize', 'generations', 'tournamentSize', 'elitism', 'weights',
    'crossoverProbability', 'crossoverEta', 'mutationProbability', 'mutationEta', 'sampling', 'maxDuplicateTries',
  ],
  grid: ['batchSize'],
  random: ['batchSize', 'generations', 'sampling', 'maxDuplicateTries'],
};
const INTEGER_SETTINGS: Readonly<Record<string, number>> = {
  populationSize: 2, generations: 1, batchSize: 1, tournamentSize: 1, elitism: 0, maxDuplicateTries: 1,
};
/** Largest number of values one parameter may expand to (a guard against a typo such as step 0.0001). */
const MAX_VALUES_PER_PARAMETER = 10_000;

/** Read a space file and validate it; throws a SpaceError listing every mistake. */
export function loadSpace(file: string, context: SpaceContext): SearchSpace {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the space file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let raw: unknown;
  const ext = extname(path).toLowerCase();
  try {
    raw = ext === '.yaml' || ext === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid ${ext === '.yaml' || ext === '.yml' ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseSpace(raw, context, { file, path, defaultName: basename(path, ext) });
}

interface Source {
  /** As the user wrote it: used in messages. */
  readonly file: string;
  /** Absolute path, recorded in the space. */
  readonly path?: string;
  readonly defaultName?: string;
}

/** Validate an already-parsed space object. */
export function parseSpace(raw: unknown, context: SpaceContext, source: Source = { file: '<inline>' }): SearchSpace {
  const problems: string[] = [];
  const fail = (field: string, found: unknown, expected: string): void => {
    problems.push(`${source.file}: ${field}: got ${describeValue(found)}, expected ${expected}`);
  };
  const note = (field: string, message: string): void => {
    problems.push(`${source.file}: ${field}: ${message}`);
  };
  if (!isObject(raw)) {
    fail('(top level)', raw, 'an object with network, parameters, objectives, strategy');
    throw new SpaceError(problems);
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_FIELDS.includes(key)) fail(key, key, `a known field (${TOP_LEVEL_FIELDS.join(', ')})`);
  }

  const name = raw.name ?? source.defaultName ?? 'space';
  if (typeof name !== 'string' || !/^[\w.-]+$/.test(name)) fail('name', raw.name, 'a name of letters, digits, "-", "_" or "."');
  if (raw.description !== undefined && typeof raw.description !== 'string') fail('description', raw.description, 'a string');

  // Network(s): known to the model zoo (or readable network files). Several make `network` a searched choice.
  const networks = parseNetworks(raw.network, context, fail, note);
  const weightLayers = networks.weightLayers;

  const base = parseBase(raw.base, fail, note);
  const variables = parseParameters(raw.parameters, weightLayers, fail, note);
  if (networks.names.length > 1) {
    const layered = isObject(raw.parameters) ? Object.values(raw.parameters).some((d) => isObject(d) && (d.perLayer === true || d.groups !== undefined)) : false;
    if (networks.layersDiffer && layered) {
      note('network', `per-layer or group parameters need networks with the same weight layers; ${networks.layersDiffer}`);
    }
    variables.unshift({ name: NETWORK_OVERRIDE, path: NETWORK_OVERRIDE, values: networks.names, targets: [NETWORK_OVERRIDE] });
  }
  const objectives = parseObjectives(raw.objectives, context.metrics, fail);
  // A study (docs/studies.md): figures, expectations and a comparison over the run's rows.
  const study = raw.study === undefined ? undefined : parseStudy(raw.study, { metrics: context.metrics, parameters: variables.map((v) => v.name) }, fail, note);
  const constraints = parseConstraints(raw.constraints, context.metrics, fail);
  const strategy = parseStrategy(raw.strategy, fail);
  let seed = 1;
  if (raw.seed !== undefined) {
    if (!isInteger(raw.seed) || (raw.seed as number) < 0) fail('seed', raw.seed, 'a non-negative integer');
    else seed = raw.seed as number;
  }
  if (strategy?.name === 'evolve' && objectives.length > 1) {
    const weights = strategy.settings.weights;
    if (!Array.isArray(weights) || weights.length !== objectives.length) {
      fail('strategy.weights', weights, `${objectives.length} numbers, one per objective (evolve optimises their weighted sum)`);
    }
  }
  const budget = parseBudget(raw.budget, fail);
  if (strategy && variables.length > 0 && strategy.name === 'grid' && budget.evaluations !== undefined) {
    const size = spaceSize({ variables });
    if (size > budget.evaluations) {
      note('budget.evaluations', `the grid has ${size} points but the budget allows ${budget.evaluations}: raise budget.evaluations, shrink the parameter lists, or use strategy nsga2/random`);
    }
  }
  if (problems.length > 0) throw new SpaceError(problems);
  return {
    name: name as string,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    file: source.path ?? source.file,
    network: networks.names[0],
    networks: networks.names,
    base,
    variables,
    objectives,
    constraints,
    strategy: strategy as SpaceStrategy,
    seed,
    budget,
    ...(study ? { study, studySpec: raw.study } : {}),
  };
}

type Fail = (field: string, found: unknown, expected: string) => void;
type Note = (field: string, message: string) => void;

interface ParsedNetworks {
  readonly names: string[];
  /** The weight layers every network shares (empty when unknown or when they differ). */
  readonly weightLayers: readonly string[];
  /** Which two networks have different weight layers, if any. */
  readonly layersDiffer?: string;
}

function parseNetworks(raw: unknown, context: SpaceContext, fail: Fail, note: Note): ParsedNetworks {
  const expected = 'a network name (see `cosearch list networks`), a network file, or a list of them';
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.length === 0) {
    fail('network', raw, expected);
    return { names: [], weightLayers: [] };
  }
  const names: string[] = [];
  const layers: [string, readonly string[]][] = [];
  list.forEach((name, i) => {
    const field = Array.isArray(raw) ? `network[${i}]` : 'network';
    if (typeof name !== 'string' || name === '') return fail(field, name, expected);
    if (names.includes(name)) return note(field, `"${name}" is listed twice`);
    names.push(name);
    try {
      layers.push([name, context.weightLayers(name)]);
    } catch (error) {
      note(field, (error as Error).message);
    }
  });
  const [firstName, first] = layers[0] ?? ['', []];
  const other = layers.find(([, l]) => l.join() !== first.join());
  if (!other) return { names, weightLayers: first };
  return { names, weightLayers: [], layersDiffer: `${firstName} and ${other[0]} differ` };
}

function parseBase(raw: unknown, fail: Fail, note: Note): Record<string, ParamValue> {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    fail('base', raw, 'an object of parameter paths and values');
    return {};
  }
  const out: Record<string, ParamValue> = {};
  let flat: Record<string, unknown>;
  try {
    flat = flattenConfigObject(raw);
  } catch (error) {
    note('base', (error as Error).message);
    return {};
  }
  for (const [path, value] of Object.entries(flat)) {
    try {
      out[path] = parseParameterValue(path, value);
    } catch (error) {
      note(`base.${path}`, (error as Error).message);
    }
  }
  return out;
}

function parseParameters(raw: unknown, weightLayers: readonly string[], fail: Fail, note: Note): SpaceVariable[] {
  if (!isObject(raw) || Object.keys(raw).length === 0) {
    fail('parameters', raw, 'an object mapping parameter paths to value lists or ranges');
    return [];
  }
  const variables: SpaceVariable[] = [];
  for (const [path, domain] of Object.entries(raw)) {
    const field = `parameters.${path}`;
    let perLayerAllowed = false;
    try {
      perLayerAllowed = parameterSpec(path).perLayer;
    } catch (error) {
      note(field, (error as Error).message);
      continue;
    }
    const values = expandDomain(path, domain, field, fail, note);
    if (!values) continue;
    const layout = isObject(domain) ? parseLayout(domain, field, perLayerAllowed, weightLayers, fail, note) : { kind: 'global' as const };
    if (!layout) continue;
    if (layout.kind === 'global') {
      variables.push({ name: path, path, values, targets: [path] });
    } else if (layout.kind === 'perLayer') {
      for (const layer of weightLayers) variables.push({ name: `layers.${layer}.${path}`, path, values, targets: [`layers.${layer}.${path}`] });
    } else {
      for (const [group, members] of layout.groups) {
        variables.push({ name: `groups.${group}.${path}`, path, values, targets: members.map((m) => `layers.${m}.${path}`) });
      }
    }
  }
  return variables;
}

type Layout = { kind: 'global' } | { kind: 'perLayer' } | { kind: 'groups'; groups: [string, string[]][] };

function parseLayout(
  domain: Record<string, unknown>, field: string, perLayerAllowed: boolean, weightLayers: readonly string[], fail: Fail, note: Note,
): Layout | undefined {
  const { perLayer, groups } = domain;
  if (perLayer !== undefined && typeof perLayer !== 'boolean') {
    fail(`${field}.perLayer`, perLayer, 'true or false');
    return undefined;
  }
  if (perLayer && groups !== undefined) {
    note(field, 'use either perLayer (one copy per weight layer) or groups (one copy per named group), not both');
    return undefined;
  }
  if (!perLayer && groups === undefined) return { kind: 'global' };
  if (!perLayerAllowed) {
    note(field, `this parameter cannot be set per layer (per-layer parameters: see \`cosearch list parameters\`)`);
    return undefined;
  }
  if (perLayer) return { kind: 'perLayer' };
  if (!isObject(groups) || Object.keys(groups).length === 0) {
    fail(`${field}.groups`, groups, 'an object mapping group names to lists of weight-layer names');
    return undefined;
  }
  const seen = new Map<string, string>();
  const out: [string, string[]][] = [];
  let ok = true;
  for (const [group, members] of Object.entries(groups)) {
    const gField = `${field}.groups.${group}`;
    if (!/^[\w-]+$/.test(group)) {
      fail(gField, group, 'a group name of letters, digits, "-" or "_"');
      ok = false;
      continue;
    }
    if (!Array.isArray(members) || members.length === 0) {
      fail(gField, members, 'a non-empty list of weight-layer names');
      ok = false;
      continue;
    }
    for (const member of members) {
      if (typeof member !== 'string' || !weightLayers.includes(member)) {
        if (weightLayers.length > 0) fail(gField, member, `a weight layer of the network (${weightLayers.join(', ')})`);
        ok = false;
      } else if (seen.has(member)) {
        note(gField, `layer "${member}" is already in group "${seen.get(member)}"`);
        ok = false;
      } else {
        seen.set(member, group);
      }
    }
    out.push([group, members as string[]]);
  }
  return ok ? { kind: 'groups', groups: out } : undefined;
}

/** Expand a domain (list, integer range with step, or log-spaced range with count) into validated values. */
function expandDomain(path: string, domain: unknown, field: string, fail: Fail, note: Note): ParamValue[] | undefined {
  let raw: unknown[];
  const form = 'a list of values, {"values": [...]}, {"min", "max", "step"} or {"min", "max", "count", "scale": "log"}';
  if (Array.isArray(domain)) {
    raw = domain;
  } else if (isObject(domain)) {
    for (const key of Object.keys(domain)) if (!DOMAIN_FIELDS.includes(key)) fail(`${field}.${key}`, key, `a known field (${DOMAIN_FIELDS.join(', ')})`);
    if (domain.values !== undefined) {
      if (domain.min !== undefined || domain.max !== undefined) {
        note(field, 'give either values or min/max, not both');
        return undefined;
      }
      if (!Array.isArray(domain.values)) {
        fail(`${field}.values`, domain.values, 'a list of values');
        return undefined;
      }
      raw = domain.values;
    } else {
      const range = expandRange(path, domain, field, fail);
      if (!range) return undefined;
      raw = range;
    }
  } else {
    fail(field, domain, form);
    return undefined;
  }
  if (raw.length === 0) {
    fail(field, domain, 'at least one value');
    return undefined;
  }
  if (raw.length > MAX_VALUES_PER_PARAMETER) {
    note(field, `expands to ${raw.length} values, expected at most ${MAX_VALUES_PER_PARAMETER}`);
    return undefined;
  }
  const values: ParamValue[] = [];
  let ok = true;
  for (const value of raw) {
    try {
      const parsed = parseParameterValue(path, value);
      if (values.includes(parsed)) {
        note(field, `value ${describeValue(value)} appears twice`);
        ok = false;
      }
      values.push(parsed);
    } catch (error) {
      note(field, (error as Error).message);
      ok = false;
    }
  }
  return ok ? values : undefined;
}

function expandRange(path: string, domain: Record<string, unknown>, field: string, fail: Fail): number[] | undefined {
  const { min, max, step, count, scale } = domain;
  if (!isFiniteNumber(min)) fail(`${field}.min`, min, 'a number');
  if (!isFiniteNumber(max)) fail(`${field}.max`, max, 'a number');
  if (!isFiniteNumber(min) || !isFiniteNumber(max)) return undefined;
  if (max < min) {
    fail(`${field}.max`, max, `a number >= min (${min})`);
    return undefined;
  }
  const isInt = parameterSpec(path).type.kind === 'int';
  if (scale === 'log') {
    if (step !== undefined) fail(`${field}.step`, step, 'no step with "scale": "log" (give count)');
    if (!isInteger(count) || (count as number) < 1) {
      fail(`${field}.count`, count, 'an integer >= 1 (number of log-spaced values)');
      return undefined;
    }
    if (min <= 0) {
      fail(`${field}.min`, min, 'a positive number for a log-spaced range');
      return undefined;
    }
    const n = count as number;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      // Endpoints exact; inner points rounded to 12 significant digits so the file's values read cleanly.
      const v = i === 0 ? min : i === n - 1 ? max : Number((min * (max / min) ** (i / (n - 1))).toPrecision(12));
      const value = isInt ? Math.round(v) : v;
      if (!out.includes(value)) out.push(value);
    }
    return out;
  }
  if (scale !== undefined) {
    fail(`${field}.scale`, scale, '"log" (or no scale for a linear range with step)');
    return undefined;
  }
  if (count !== undefined) {
    fail(`${field}.count`, count, 'no count on a linear range (give step, or "scale": "log")');
    return undefined;
  }
  const s = step ?? 1;
  if (!isFiniteNumber(s) || s <= 0) {
    fail(`${field}.step`, step, 'a positive number');
    return undefined;
  }
  if (isInt && (!Number.isInteger(min) || !Number.isInteger(s))) {
    fail(`${field}.${Number.isInteger(min) ? 'step' : 'min'}`, Number.isInteger(min) ? s : min, 'an integer (this parameter is an integer)');
    return undefined;
  }
  const n = Math.floor((max - min) / s + 1e-9) + 1;
  if (n > MAX_VALUES_PER_PARAMETER) {
    fail(`${field}.step`, s, `a step giving at most ${MAX_VALUES_PER_PARAMETER} values (this one gives ${n})`);
    return undefined;
  }
  // min + i * step, rounded to 12 significant digits so 0.1-steps give 0.3, not 0.30000000000000004.
  return Array.from({ length: n }, (_, i) => Number((min + i * s).toPrecision(12)));
}

function parseObjectives(raw: unknown, metrics: readonly string[], fail: Fail): SpaceObjective[] {
  const expected = 'a non-empty list of objectives, each "metric:min", "metric:max" or {"metric", "sense", "reference"?}';
  if (!Array.isArray(raw) || raw.length === 0) {
    fail('objectives', raw, expected);
    return [];
  }
  const out: SpaceObjective[] = [];
  raw.forEach((entry, i) => {
    const field = `objectives[${i}]`;
    let metric: unknown;
    let sense: unknown;
    let reference: unknown;
    if (typeof entry === 'string') {
      [metric, sense] = entry.split(':');
    } else if (isObject(entry)) {
      ({ metric, sense, reference } = entry);
      for (const key of Object.keys(entry)) if (!['metric', 'sense', 'reference'].includes(key)) fail(`${field}.${key}`, key, 'metric, sense or reference');
    } else {
      fail(field, entry, expected);
      return;
    }
    if (typeof metric !== 'string' || !metrics.includes(metric)) {
      fail(`${field}.metric`, metric, `a metric name (${metricList(metrics)})`);
      return;
    }
    if (sense !== 'min' && sense !== 'max') {
      fail(`${field}.sense`, sense, '"min" or "max"');
      return;
    }
    if (reference !== undefined && !isFiniteNumber(reference)) {
      fail(`${field}.reference`, reference, 'a number (hypervolume reference value)');
      return;
    }
    if (out.some((o) => o.metric === metric)) {
      fail(`${field}.metric`, metric, 'each metric at most once');
      return;
    }
    out.push({ metric, sense, ...(reference !== undefined ? { reference: reference as number } : {}) });
  });
  return out;
}

function parseConstraints(raw: unknown, metrics: readonly string[], fail: Fail): SpaceConstraint[] {
  if (raw === undefined) return [];
  const expected = 'a list of constraints, each "metric >= number", "metric <= number" or {"metric", "min"?, "max"?}';
  if (!Array.isArray(raw)) {
    fail('constraints', raw, expected);
    return [];
  }
  const out: SpaceConstraint[] = [];
  raw.forEach((entry, i) => {
    const field = `constraints[${i}]`;
    let metric: unknown;
    let min: unknown;
    let max: unknown;
    if (typeof entry === 'string') {
      const m = /^\s*([\w.]+)\s*(>=|<=)\s*(\S+)\s*$/.exec(entry);
      if (!m) {
        fail(field, entry, expected);
        return;
      }
      metric = m[1];
      const bound = Number(m[3]);
      if (!Number.isFinite(bound)) {
        fail(field, entry, 'a numeric bound after >= or <=');
        return;
      }
      if (m[2] === '>=') min = bound;
      else max = bound;
    } else if (isObject(entry)) {
      ({ metric, min, max } = entry);
      for (const key of Object.keys(entry)) if (!['metric', 'min', 'max'].includes(key)) fail(`${field}.${key}`, key, 'metric, min or max');
    } else {
      fail(field, entry, expected);
      return;
    }
    if (typeof metric !== 'string' || !metrics.includes(metric)) {
      fail(`${field}.metric`, metric, `a metric name (${metricList(metrics)})`);
      return;
    }
    if (min === undefined && max === undefined) {
      fail(field, entry, 'a bound: min (metric >= min) and/or max (metric <= max)');
      return;
    }
    if (min !== undefined && !isFiniteNumber(min)) return fail(`${field}.min`, min, 'a number');
    if (max !== undefined && !isFiniteNumber(max)) return fail(`${field}.max`, max, 'a number');
    if (min !== undefined && max !== undefined && (max as number) < (min as number)) return fail(`${field}.max`, max, `a number >= min (${String(min)})`);
    out.push({ metric, ...(min !== undefined ? { min: min as number } : {}), ...(max !== undefined ? { max: max as number } : {}) });
  });
  return out;
}

function parseStrategy(raw: unknown, fail: Fail): SpaceStrategy | undefined {
  const names = STRATEGY_NAMES.join(', ');
  if (typeof raw === 'string') raw = { name: raw };
  if (!isObject(raw)) {
    fail('strategy', raw, `{"name": one of ${names}, ...settings}`);
    return undefined;
  }
  const { name, ...settings } = raw;
  if (typeof name !== 'string' || !(STRATEGY_NAMES as readonly string[]).includes(name)) {
    fail('strategy.name', name, `one of ${names}`);
    return undefined;
  }
  const allowed = STRATEGY_SETTINGS[name as StrategyName];
  const out: Record<string, StrategySetting> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!allowed.includes(key)) {
      fail(`strategy.${key}`, key, allowed.length ? `a setting of ${name} (${allowed.join(', ')})` : `no settings for ${name}`);
    } else if (key === 'sampling') {
      if (value !== 'random' && value !== 'lhs') fail(`strategy.${key}`, value, '"random" or "lhs" (Latin hypercube)');
      else out[key] = value;
    } else if (key === 'survival') {
      if (value !== 'crowding' && value !== 'iterative-crowding') fail(`strategy.${key}`, value, '"crowding" (textbook NSGA-II) or "iterative-crowding"');
      else out[key] = value;
    } else if (key === 'weights') {
      if (!Array.isArray(value) || value.length === 0 || !value.every(isFiniteNumber)) fail(`strategy.${key}`, value, 'a list of numbers, one per objective');
      else out[key] = value as number[];
    } else if (!isFiniteNumber(value) || value < 0) {
      fail(`strategy.${key}`, value, 'a non-negative number');
    } else {
      out[key] = value;
    }
  }
  for (const [key, min] of Object.entries(INTEGER_SETTINGS)) {
    const value = out[key];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < min)) fail(`strategy.${key}`, value, `an integer >= ${min}`);
  }
  for (const key of ['crossoverProbability', 'mutationProbability']) {
    const value = out[key];
    if (value !== undefined && (value as number) > 1) fail(`strategy.${key}`, value, 'a probability in [0, 1]');
  }
  return { name: name as StrategyName, settings: out };
}

function parseBudget(raw: unknown, fail: Fail): SpaceBudget {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    fail('budget', raw, '{"evaluations"?: integer, "time_s"?: seconds}');
    return {};
  }
  const out: { evaluations?: number; time_s?: number } = {};
  for (const key of Object.keys(raw)) if (key !== 'evaluations' && key !== 'time_s') fail(`budget.${key}`, key, 'evaluations or time_s');
  if (raw.evaluations !== undefined) {
    if (!isInteger(raw.evaluations) || (raw.evaluations as number) < 1) fail('budget.evaluations', raw.evaluations, 'an integer >= 1');
    else out.evaluations = raw.evaluations as number;
  }
  if (raw.time_s !== undefined) {
    if (!isFiniteNumber(raw.time_s) || raw.time_s <= 0) fail('budget.time_s', raw.time_s, 'a positive number of seconds');
    else out.time_s = raw.time_s;
  }
  return out;
}

/** The number of distinct points of the space (the grid size); a plain number (may exceed 2^53 as an estimate). */
export function spaceSize(space: Pick<SearchSpace, 'variables'>): number {
  return space.variables.reduce((n, v) => n * v.values.length, 1);
}

/** Metric names for messages: the totals, with the many `breakdown.<quantity>.<component>` names folded. */
function metricList(metrics: readonly string[]): string {
  const plain = metrics.filter((m) => !m.startsWith('breakdown.'));
  return plain.length < metrics.length ? `${plain.join(', ')}, breakdown.<energy_pJ|latency_ns|area_mm2>.<component>; see \`cosearch list metrics\`` : plain.join(', ');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
function isInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value);
}
