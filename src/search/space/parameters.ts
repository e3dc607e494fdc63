/** The `base` and `parameters` sections of a space: values validated by the context, domains expanded, layouts laid out. */
import { describeValue, didYouMean } from '../../core/index.js';
import { isFiniteNumber, isInteger, isRecord } from '../guards.js';
import { badLayerKey, layerKeyOf, type SpaceLayers } from './layers.js';
import { messageOf, type Fail, type Note } from './problems.js';
import type { ParameterInfo, ParamValue, SpaceContext, SpaceVariable } from './types.js';

const RANGE_FIELDS = ['min', 'max', 'step', 'count', 'scale'] as const;
const DOMAIN_FIELDS = ['values', ...RANGE_FIELDS, 'perLayer', 'groups'];
/** Largest number of values one parameter may expand to (a guard against a typo such as step 0.0001). */
const MAX_VALUES_PER_PARAMETER = 10_000;

export function parseBase(raw: unknown, context: SpaceContext, fail: Fail, note: Note, layers?: SpaceLayers): Record<string, ParamValue> {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    fail('base', raw, 'an object of parameter paths and values');
    return {};
  }
  const out: Record<string, ParamValue> = {};
  let flat: Record<string, unknown>;
  const emptyLayerBlocks: string[] = [];
  try {
    flat = context.flatten(raw, emptyLayerBlocks);
  } catch (error) {
    note('base', messageOf(error));
    return {};
  }
  // `{"layers": {"fc9": {}}}` sets nothing, but a layer the networks do not have is a mistake all the same.
  for (const path of emptyLayerBlocks) {
    const bad = badLayerKey(path, layers);
    if (bad) note(`base.${path}`, `layer: got ${bad.got}, expected ${bad.expected}`);
  }
  for (const [path, value] of Object.entries(flat)) {
    const bad = badLayerKey(path, layers);
    if (bad) {
      note(`base.${path}`, `layer: got ${bad.got}, expected ${bad.expected}`);
      continue;
    }
    try {
      out[path] = context.parseValue(path, value);
    } catch (error) {
      note(`base.${path}`, messageOf(error));
    }
  }
  return out;
}

export function parseParameters(
  raw: unknown, weightLayers: readonly string[], context: SpaceContext, fail: Fail, note: Note, layers?: SpaceLayers,
): SpaceVariable[] {
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    // `{}` is an object: say it must hold a parameter ("got {}, expected an object" would contradict itself).
    fail('parameters', raw, `${isRecord(raw) ? 'a non-empty object' : 'an object'} mapping parameter paths to value lists or ranges (at least one parameter to search)`);
    return [];
  }
  const variables: SpaceVariable[] = [];
  for (const [path, domain] of Object.entries(raw)) {
    const field = `parameters.${path}`;
    let info;
    try {
      info = context.parameter(path);
    } catch (error) {
      note(field, messageOf(error));
      continue;
    }
    const bad = badLayerKey(path, layers);
    if (bad) {
      note(field, `layer: got ${bad.got}, expected ${bad.expected}`);
      continue;
    }
    const values = expandDomain(path, domain, field, info, context, fail, note);
    if (!values) continue;
    const layout = isRecord(domain) ? parseLayout(domain, field, info.perLayer, weightLayers, fail, note, layerKeyOf(path)) : GLOBAL;
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

/** Whether the raw parameters section lays any parameter out per layer or in groups. */
export function hasLayeredParameters(raw: unknown): boolean {
  return isRecord(raw) && Object.values(raw).some((d) => isRecord(d) && (d.perLayer === true || d.groups !== undefined));
}

type Layout = { kind: 'global' } | { kind: 'perLayer' } | { kind: 'groups'; groups: [string, string[]][] };
const GLOBAL: Layout = { kind: 'global' };

/** `layerKey`: the key of a `layers.<key>.<path>` parameter (which names one layer already: no perLayer, no groups). */
function parseLayout(
  domain: Record<string, unknown>, field: string, perLayerAllowed: boolean, weightLayers: readonly string[], fail: Fail, note: Note, layerKey?: string,
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
  if (!perLayer && groups === undefined) return GLOBAL;
  if (layerKey !== undefined) {
    const path = field.slice(`parameters.layers.${layerKey}.`.length);
    note(field, `${perLayer ? 'perLayer' : 'groups'} on a path of one layer (${layerKey}); expected it on the global path "${path}", or no ${perLayer ? 'perLayer' : 'groups'}`);
    return undefined;
  }
  if (!perLayerAllowed) {
    note(field, `this parameter cannot be set per layer (per-layer parameters: see \`cosearch list parameters\`)`);
    return undefined;
  }
  if (perLayer) return { kind: 'perLayer' };
  if (!isRecord(groups) || Object.keys(groups).length === 0) {
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
    const names: string[] = [];
    for (const member of members) {
      if (typeof member !== 'string' || !weightLayers.includes(member)) {
        const hint = typeof member === 'string' ? didYouMean(member, weightLayers) : '';
        if (weightLayers.length > 0) fail(gField, member, `a weight layer of the network (${weightLayers.join(', ')})${hint}`);
        ok = false;
      } else if (seen.has(member)) {
        note(gField, `layer "${member}" is already in group "${seen.get(member)}"`);
        ok = false;
      } else {
        seen.set(member, group);
        names.push(member);
      }
    }
    out.push([group, names]);
  }
  return ok ? { kind: 'groups', groups: out } : undefined;
}

/** Expand a domain (list, integer range with step, or log-spaced range with count) into validated values. */
function expandDomain(
  path: string, domain: unknown, field: string, info: ParameterInfo, context: SpaceContext, fail: Fail, note: Note,
): ParamValue[] | undefined {
  let raw: unknown[];
  const form = 'a list of values, {"values": [...]}, {"min", "max", "step"} or {"min", "max", "count", "scale": "log"}';
  if (Array.isArray(domain)) {
    raw = domain;
  } else if (isRecord(domain)) {
    for (const key of Object.keys(domain)) {
      if (!DOMAIN_FIELDS.includes(key)) fail(`${field}.${key}`, key, `a known field (${DOMAIN_FIELDS.join(', ')})${didYouMean(key, DOMAIN_FIELDS)}`);
    }
    if (domain.values !== undefined) {
      // A range field beside values would silently do nothing (values win): refused, naming it.
      const ranged = RANGE_FIELDS.filter((key) => domain[key] !== undefined);
      if (ranged.length > 0) {
        note(field, `give either values or a range (${ranged.join(', ')}), not both`);
        return undefined;
      }
      if (!Array.isArray(domain.values)) {
        fail(`${field}.values`, domain.values, 'a list of values');
        return undefined;
      }
      raw = domain.values;
    } else {
      const range = expandRange(domain, field, info, fail);
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
      const parsed = context.parseValue(path, value);
      if (values.includes(parsed)) {
        note(field, `value ${describeValue(value)} appears twice`);
        ok = false;
      }
      values.push(parsed);
    } catch (error) {
      note(field, messageOf(error));
      ok = false;
    }
  }
  return ok ? values : undefined;
}

function expandRange(domain: Record<string, unknown>, field: string, info: ParameterInfo, fail: Fail): number[] | undefined {
  const isInt = info.integer;
  const { min, max, step, count, scale } = domain;
  if (!isFiniteNumber(min)) fail(`${field}.min`, min, 'a number');
  if (!isFiniteNumber(max)) fail(`${field}.max`, max, 'a number');
  if (!isFiniteNumber(min) || !isFiniteNumber(max)) return undefined;
  if (max < min) {
    fail(`${field}.max`, max, `a number >= min (${min})`);
    return undefined;
  }
  if (!withinAllowed(min, max, field, info, fail)) return undefined;
  if (scale === 'log') {
    if (step !== undefined) fail(`${field}.step`, step, 'no step with "scale": "log" (give count)');
    if (!isInteger(count) || count < 1) {
      fail(`${field}.count`, count, 'an integer >= 1 (number of log-spaced values)');
      return undefined;
    }
    if (count === 1 && max > min) {
      // One value is min alone: the range's max would silently not be searched.
      fail(`${field}.count`, count, `an integer >= 2 for a range from ${min} to ${max} (count 1 gives ${min} alone)`);
      return undefined;
    }
    if (count > MAX_VALUES_PER_PARAMETER) {
      // Refused before expanding: a count of 1e9 built (and deduplicated) a billion values for minutes before the limit.
      fail(`${field}.count`, count, `at most ${MAX_VALUES_PER_PARAMETER} (log-spaced values per parameter)`);
      return undefined;
    }
    if (min <= 0) {
      fail(`${field}.min`, min, 'a positive number for a log-spaced range');
      return undefined;
    }
    const n = count;
    const out = new Set<number>();
    for (let i = 0; i < n; i++) {
      // Endpoints exact; inner points rounded to 12 significant digits so the file's values read cleanly.
      const v = i === 0 ? min : i === n - 1 ? max : Number((min * (max / min) ** (i / (n - 1))).toPrecision(12));
      out.add(isInt ? Math.round(v) : v);
    }
    return [...out];
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
  if (max > min && n === 1) {
    // Counted as the values are (with their tolerance): 0.1..0.3 step 0.2 gives two values, although 0.3 - 0.1 < 0.2.
    fail(`${field}.step`, s, `a step <= max - min (${Number((max - min).toPrecision(12))}): this one gives ${min} alone`);
    return undefined;
  }
  if (n > MAX_VALUES_PER_PARAMETER) {
    fail(`${field}.step`, s, `a step giving at most ${MAX_VALUES_PER_PARAMETER} values (this one gives ${n})`);
    return undefined;
  }
  // min + i * step, rounded to 12 significant digits so 0.1-steps give 0.3, not 0.30000000000000004.
  return Array.from({ length: n }, (_, i) => Number((min + i * s).toPrecision(12)));
}

/**
 * A range's min and max checked against the parameter's allowed values, each endpoint outside them one line naming
 * it (`parameters.adc.bits.max: got 20, expected at most 12`): every value in between is then allowed too, where
 * the values' own check would refuse each generated value, quoting numbers the file never wrote.
 */
function withinAllowed(min: number, max: number, field: string, info: ParameterInfo, fail: Fail): boolean {
  const { allowed } = info;
  if (!allowed) return true;
  let ok = true;
  for (const [key, value] of [['min', min], ['max', max]] as const) {
    const below = allowed.minExclusive ? value <= allowed.min : value < allowed.min;
    if (below) fail(`${field}.${key}`, value, `${allowed.minExclusive ? 'more than' : 'at least'} ${allowed.min}`);
    if (value > allowed.max) fail(`${field}.${key}`, value, `at most ${allowed.max}`);
    ok &&= !below && value <= allowed.max;
  }
  return ok;
}

/**
 * A path of `base` or a variable's target that the context says has no effect on one of the networks
 * (SpaceContext.inertLayerPath): refused, as `evaluate` refuses it, instead of a searched variable that changes nothing.
 */
export function checkInertPaths(
  networks: readonly string[], base: Readonly<Record<string, ParamValue>>, variables: readonly SpaceVariable[], context: SpaceContext, note: Note,
): void {
  const inert = context.inertLayerPath;
  if (!inert) return;
  const why = (path: string): string | undefined => {
    for (const network of networks) {
      try {
        const reason = inert(network, path);
        if (reason) return reason;
      } catch {
        // A network that does not load is reported where it is named.
      }
    }
    return undefined;
  };
  for (const [path, value] of Object.entries(base)) {
    const reason = why(path);
    if (reason) note(`base.${path}`, `got ${describeValue(value)}, expected ${reason}`);
  }
  for (const v of variables) {
    const reason = v.targets.map(why).find((r) => r !== undefined);
    if (reason) note(`parameters.${v.name}`, `got ${describeValue(v.values)}, expected ${reason}`);
  }
}
