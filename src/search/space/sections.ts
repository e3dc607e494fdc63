/** The `network`, `objectives`, `constraints` and `budget` sections of a space. */
import { resolve } from 'node:path';
import { decimalValue, didYouMean, didYouMeanName } from '../../core/index.js';
import { describeRunNumber, isRunNumber } from '../../io/run/index.js';
import { isFiniteNumber, isRecord } from '../guards.js';
import { messageOf, type Fail, type Note } from './problems.js';
import { contradictedEnd, outsideRange, unbeatableReference } from './range.js';
import type { MetricAvailability, MetricRange, SpaceBudget, SpaceConstraint, SpaceContext, SpaceObjective } from './types.js';

export interface ParsedNetworks {
  readonly names: string[];
  /** The weight layers every network shares (empty when unknown or when they differ). */
  readonly weightLayers: readonly string[];
  /** Which two networks have different weight layers, if any. */
  readonly layersDiffer?: string;
  /** The `layers.<key>` keys every network accepts (weight-layer names and indexes); undefined when a network is unknown. */
  readonly layerKeys?: readonly string[];
  /** Per network (in order), each key it accepts to the name of the layer the key sets; undefined when a network is unknown. */
  readonly layerNames?: readonly ReadonlyMap<string, string>[];
}

/** A network written as a file path (not a zoo name): it has a path separator or ends in .json. */
export const isNetworkPath = (name: string): boolean => /[/\\]|\.json$/i.test(name);

/**
 * `spaceDir`: the folder of the space file; a relative network file path is read from there (not from the
 * working directory), and recorded absolute so a resumed run finds the same file.
 */
export function parseNetworks(raw: unknown, context: SpaceContext, fail: Fail, note: Note, spaceDir?: string): ParsedNetworks {
  const expected = 'a network name (see `cosearch list networks`), a network file, or a list of them';
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.length === 0) {
    fail('network', raw, expected);
    return { names: [], weightLayers: [] };
  }
  const names: string[] = [];
  const layers: [string, readonly string[]][] = [];
  list.forEach((written: unknown, i) => {
    const field = Array.isArray(raw) ? `network[${i}]` : 'network';
    if (typeof written !== 'string' || written === '') return fail(field, written, expected);
    const name = spaceDir !== undefined && isNetworkPath(written) ? resolve(spaceDir, written) : written;
    if (names.includes(name)) return note(field, `"${name}" is listed twice`);
    names.push(name);
    try {
      layers.push([name, context.weightLayers(name)]);
    } catch (error) {
      note(field, messageOf(error));
    }
  });
  const [firstName, first] = layers[0] ?? ['', []];
  const known = layers.length === names.length && names.length > 0;
  const asMap = (keys: ReadonlyMap<string, string> | readonly string[]): ReadonlyMap<string, string> => (isKeyList(keys) ? new Map(keys.map((k) => [k, k])) : keys);
  const layerNames = known ? layers.map(([name, l]) => asMap(context.layerKeys?.(name) ?? l)) : undefined;
  const keys = layerNames?.map((m) => [...m.keys()]).reduce((a, b) => a.filter((k) => b.includes(k)));
  const layerKeys = layerNames && keys ? { layerKeys: keys, layerNames } : {};
  const other = layers.find(([, l]) => l.join() !== first.join());
  if (!other) return { names, weightLayers: first, ...layerKeys };
  return { names, weightLayers: [], layersDiffer: `${firstName} and ${other[0]} differ`, ...layerKeys };
}

/**
 * Why a metric cannot be measured on the space's networks (`"accuracy" is not measured for vgg16-cifar10 (no
 * trained weights); use ...`), or undefined when every network measures it. Built from SpaceContext.metricsFor.
 */
export type Unmeasured = (metric: string) => string | undefined;

function isKeyList(keys: ReadonlyMap<string, string> | readonly string[]): keys is readonly string[] {
  return Array.isArray(keys);
}

/** unmeasuredBy's refusals, then the space settings' (SpaceContext.metricsUnder). */
export function unmeasuredIn(networks: readonly string[], settings: Parameters<NonNullable<SpaceContext['metricsUnder']>>[0], context: SpaceContext): Unmeasured {
  const byNetwork = unmeasuredBy(networks, context);
  const bySettings = context.metricsUnder?.(settings) ?? [];
  return (metric) => {
    const why = byNetwork(metric);
    if (why !== undefined) return why;
    const rule = bySettings.find((a) => !a.measured.includes(metric));
    return rule && notMeasured(metric, 'in this space', rule);
  };
}

/** `"metric" is not measured <where> (why); instead`: one refusal for a network's and the settings' availability. */
function notMeasured(metric: string, where: string, { why, instead }: MetricAvailability): string {
  return `${JSON.stringify(metric)} is not measured ${where}${why ? ` (${why})` : ''}${instead ? `; ${instead}` : ''}`;
}

export function unmeasuredBy(networks: readonly string[], context: SpaceContext): Unmeasured {
  const availability = networks.map((network) => {
    try {
      return { network, a: context.metricsFor?.(network) };
    } catch {
      return { network, a: undefined };
    }
  });
  return (metric) => {
    const missing = availability.find(({ a }) => a !== undefined && !a.measured.includes(metric));
    if (!missing?.a) return undefined;
    return notMeasured(metric, `for ${missing.network}`, missing.a);
  };
}

export function parseObjectives(
  raw: unknown, metrics: readonly string[], fail: Fail, note: Note = () => undefined, unmeasured: Unmeasured = () => undefined,
  rangeOf: (metric: string) => MetricRange | undefined = () => undefined,
): SpaceObjective[] {
  const expected = 'a non-empty list of objectives, each "metric:min", "metric:max" or {"metric", "sense", "reference"?}';
  if (!Array.isArray(raw) || raw.length === 0) {
    fail('objectives', raw, expected);
    return [];
  }
  const out: SpaceObjective[] = [];
  raw.forEach((entry, i) => {
    const field = `objectives[${i}]`;
    // "metric:sense" or an object of the known fields.
    const given = typeof entry === 'string' ? { metric: entry.split(':')[0], sense: entry.split(':').slice(1).join(':') } : isRecord(entry) ? fieldsOf(entry, field, ['metric', 'sense', 'reference'], fail) : undefined;
    if (!given) return fail(field, entry, expected);
    const { metric, sense, reference } = given;
    if (!isMetric(metric, metrics)) {
      fail(`${field}.metric`, metric, metricExpected(metric, metrics));
      return;
    }
    const why = unmeasured(metric);
    if (why) return note(field, why);
    if (sense !== 'min' && sense !== 'max') {
      fail(`${field}.sense`, sense, '"min" or "max"');
      return;
    }
    if (reference !== undefined && !isFiniteNumber(reference)) {
      fail(`${field}.reference`, reference, 'a number (hypervolume reference value)');
      return;
    }
    // A reference no value can improve on leaves every design outside the hypervolume: it would read 0 for any front.
    const unbeatable = reference !== undefined ? unbeatableReference(metric, sense, reference, rangeOf(metric)) : undefined;
    if (unbeatable) {
      fail(`${field}.reference`, reference, unbeatable);
      return;
    }
    if (out.some((o) => o.metric === metric)) {
      fail(`${field}.metric`, metric, 'each metric at most once');
      return;
    }
    out.push({ metric, sense, ...(reference !== undefined ? { reference } : {}) });
  });
  return out;
}

export function parseConstraints(
  raw: unknown, metrics: readonly string[], fail: Fail, note: Note = () => undefined, unmeasured: Unmeasured = () => undefined,
  rangeOf: (metric: string) => MetricRange | undefined = () => undefined,
): SpaceConstraint[] {
  if (raw === undefined) return [];
  const expected = 'a list of constraints, each "metric >= number", "metric <= number" or {"metric", "min"?, "max"?}';
  if (!Array.isArray(raw)) {
    fail('constraints', raw, expected);
    return [];
  }
  const out: SpaceConstraint[] = [];
  const at: number[] = [];
  raw.forEach((entry, i) => {
    const field = `constraints[${i}]`;
    if (typeof entry !== 'string' && !isRecord(entry)) return fail(field, entry, expected);
    const given = typeof entry === 'string' ? constraintFromText(entry, field, expected, fail) : fieldsOf(entry, field, ['metric', 'min', 'max'], fail);
    if (!given) return;
    const { metric, min, max } = given;
    if (!isMetric(metric, metrics)) {
      fail(`${field}.metric`, metric, metricExpected(metric, metrics));
      return;
    }
    if (min === undefined && max === undefined) {
      fail(field, entry, 'a bound: min (metric >= min) and/or max (metric <= max)');
      return;
    }
    if (min !== undefined && !isFiniteNumber(min)) return fail(`${field}.min`, min, 'a number');
    if (max !== undefined && !isFiniteNumber(max)) return fail(`${field}.max`, max, 'a number');
    if (min !== undefined && max !== undefined && max < min) return fail(`${field}.max`, max, `a number >= min (${String(min)})`);
    const why = unmeasured(metric);
    if (why) return note(field, why);
    const outside = outsideRange(metric, { min, max }, rangeOf(metric));
    if (outside) return fail(field, entry, `a bound ${metric} can meet (${outside})`);
    const clash = contradiction(out, at, metric, min, max);
    if (clash) return fail(field, entry, `a bound no other constraint contradicts (${clash}: no design can meet both)`);
    at.push(i);
    out.push({ metric, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
  });
  return out;
}

export function parseBudget(raw: unknown, fail: Fail): SpaceBudget {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    fail('budget', raw, '{"evaluations"?: integer, "time_s"?: seconds}');
    return {};
  }
  const out: { evaluations?: number; time_s?: number } = {};
  for (const key of Object.keys(raw)) {
    if (key !== 'evaluations' && key !== 'time_s') fail(`budget.${key}`, key, `evaluations or time_s${didYouMean(key, ['evaluations', 'time_s'])}`);
  }
  // In the ranges the run manifest records them (src/io/run/runNumbers.ts): 2^60 evaluations ran into a manifest report refuses.
  if (raw.evaluations !== undefined) {
    if (!isRunNumber('budget', raw.evaluations)) fail('budget.evaluations', raw.evaluations, describeRunNumber('budget', undefined, raw.evaluations));
    else out.evaluations = raw.evaluations;
  }
  if (raw.time_s !== undefined) {
    if (!isRunNumber('budgetTime_s', raw.time_s)) fail('budget.time_s', raw.time_s, describeRunNumber('budgetTime_s', 'seconds'));
    else out.time_s = raw.time_s;
  }
  return out;
}

/** "metric >= bound" or "metric <= bound" as fields; a mistake is reported (and undefined returned). */
function constraintFromText(text: string, field: string, expected: string, fail: Fail): Record<string, unknown> | undefined {
  const m = /^\s*([\w.]+)\s*(>=|<=)\s*(\S+)\s*$/.exec(text);
  if (!m) {
    fail(field, text, expected);
    return undefined;
  }
  const bound = decimalValue(m[3]);
  if (bound === undefined) {
    fail(field, text, 'a numeric bound after >= or <=');
    return undefined;
  }
  return m[2] === '>=' ? { metric: m[1], min: bound } : { metric: m[1], max: bound };
}

/** The earlier bound on the same metric that `min`/`max` contradicts, as text (`constraints[1]: area_mm2 <= 500`). */
function contradiction(
  earlier: readonly SpaceConstraint[], at: readonly number[], metric: string, min: number | undefined, max: number | undefined,
): string | undefined {
  for (const [k, c] of earlier.entries()) {
    const j = at[k];
    if (c.metric !== metric) continue;
    const end = contradictedEnd(c, { min, max });
    if (end === 'max') return `constraints[${j}]: ${metric} <= ${c.max}`;
    if (end === 'min') return `constraints[${j}]: ${metric} >= ${c.min}`;
  }
  return undefined;
}

/** An object entry's fields; each field not in `known` is a mistake. */
function fieldsOf(entry: Record<string, unknown>, field: string, known: readonly string[], fail: Fail): Record<string, unknown> {
  const expected = `${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}`;
  for (const key of Object.keys(entry)) if (!known.includes(key)) fail(`${field}.${key}`, key, expected);
  return entry;
}

function isMetric(metric: unknown, metrics: readonly string[]): metric is string {
  return typeof metric === 'string' && metrics.includes(metric);
}

/**
 * `a metric name (...)`, or with a suggestion (one edit away, or the one metric the typed name begins: energy ->
 * energy_pJ) the suggestion alone: the simulator's 60-odd names in one line buried it at the end.
 */
function metricExpected(metric: unknown, metrics: readonly string[]): string {
  const suggestion = typeof metric === 'string' ? didYouMeanName(metric, metrics) : '';
  return suggestion ? `a metric name${suggestion}` : `a metric name (${metricList(metrics)})`;
}

/** Metric names for messages: the totals, with the many `breakdown.<quantity>.<component>` names folded. */
function metricList(metrics: readonly string[]): string {
  const plain = metrics.filter((m) => !m.startsWith('breakdown.'));
  return plain.length < metrics.length ? `${plain.join(', ')}, breakdown.<energy_pJ|latency_ns|area_mm2>.<component>; see \`cosearch list metrics\`` : plain.join(', ');
}
