/**
 * Parameter paths and their values: a path resolved to its registry spec (global, or `layers.<key>.<path>` for a
 * per-layer one), and a raw value checked against it: typed (a file's, a library caller's; text for a number refused),
 * or `--set`'s text in the decimal grammar (parseSetValue). applyOverrides (config.ts) sets what these check.
 */
import { ConfigError, describeValue } from '../core/errors.js';
import { digitsHint, decimalValue, integerValue } from '../core/input/numbers.js';
import { didYouMean } from '../core/suggest.js';
import { splitLayerPath } from '../util/layerKeys.js';
import type { ParameterSpec, ParamType, ParamValue } from './configTypes.js';
import { PARAMETERS } from './parameters.js';

export const BY_PATH = new Map(PARAMETERS.map((p) => [p.path, p]));
export const DEVICE_PRESET_FIELDS = ['rOn_ohm', 'onOffRatio', 'readNoiseSigma', 'driftNu'] as const;
/**
 * One bit per `device.<field>` a device.kind preset sets (applyDeviceKind): a configuration remembers which of them an
 * override named, in this call or an earlier one of its chain, so that a later device.kind keeps them (a space's base
 * R_on under a searched device.kind, a --config file's R_on under --set device.kind).
 */
export const PRESET_FIELD_BIT: ReadonlyMap<string, number> = new Map(
  [...DEVICE_PRESET_FIELDS, 'writePulse_ns', 'writeVoltage_V', 'resetPulse_ns', 'resetVoltage_V', 'pulseLevels', 'endurance_cycles', 'bitsPerCell'].map((field, i) => [`device.${field}`, 1 << i]),
);

/**
 * The spec of a global path, or of `layers.<key>.<path>` (then only per-layer parameters are allowed; `value`, when
 * given, is the raw value a refusal names).
 */
export function parameterSpec(path: string, value?: { readonly raw: unknown }): ParameterSpec {
  return pathPlan(path, value).spec;
}

/** The parameters that can be set per layer, in registry order. */
const PER_LAYER_PATHS = PARAMETERS.filter((p) => p.perLayer).map((p) => p.path);

/** The refusal of `layers.<key>.<path>` for a parameter that is one value for the chip: its value and the per-layer ones. */
function notPerLayer(path: string, layer: { layer: string; path: string }, value: { readonly raw: unknown } | undefined): ConfigError {
  const got = value === undefined ? '' : `got ${describeValue(value.raw)}, `;
  return new ConfigError(`${path}: ${got}expected a parameter that can be set per layer: ${layer.path} is one value for the chip (set it without "layers.${layer.layer}."); `
    + `per layer: ${PER_LAYER_PATHS.join(', ')} (see \`cosearch list parameters\`)`);
}

/** What applying a value at one path takes: its spec and the keys it is set under (`layers`, key, path for a layer). */
export interface PathPlan {
  readonly spec: ParameterSpec;
  readonly keys: readonly string[];
  readonly perLayer: boolean;
  /** PRESET_FIELD_BIT of the path (0 for any other, per-layer ones included). */
  readonly presetBit: number;
}

/**
 * Plans of the paths seen so far (the same few are applied for every evaluation of a search: resolving one took a
 * regex, a map lookup and a split each time). Only paths that resolve are kept, and at most PATH_PLAN_LIMIT.
 */
const PATH_PLANS = new Map<string, PathPlan>();
const PATH_PLAN_LIMIT = 10_000;

/** The one refusal of a path the registry does not know, with the registered path one edit away if there is one. */
export function unknownParameter(path: string): ConfigError {
  const base = splitLayerPath(path)?.path ?? path;
  return new ConfigError(`unknown parameter "${path}"${didYouMean(base, BY_PATH.keys())} (see \`cosearch list parameters\`)`);
}

export function pathPlan(path: string, value?: { readonly raw: unknown }): PathPlan {
  const known = PATH_PLANS.get(path);
  if (known) return known;
  const layer = splitLayerPath(path);
  const spec = BY_PATH.get(layer ? layer.path : path);
  if (!spec) throw unknownParameter(path);
  if (layer && !spec.perLayer) throw notPerLayer(path, layer, value);
  const plan: PathPlan = {
    spec, keys: layer ? ['layers', layer.layer, layer.path] : path.split('.'), perLayer: layer !== undefined, presetBit: layer ? 0 : PRESET_FIELD_BIT.get(path) ?? 0,
  };
  if (PATH_PLANS.size < PATH_PLAN_LIMIT) PATH_PLANS.set(path, plan);
  return plan;
}

export function describeType(type: ParamType): string {
  switch (type.kind) {
    case 'choice': return `one of ${type.values.join(', ')}`;
    case 'int': return type.values ? `one of ${type.values.join(', ')}` : `an integer in [${type.min}, ${type.max}]`;
    case 'real': return `a number in ${type.minExclusive ? '(' : '['}${type.min}, ${type.max}]`;
  }
}

/**
 * Check a typed value (a JSON or YAML value, a library caller's) for `path`: a number parameter takes a number, and
 * text (`"2e4"`) is refused in the one line a file's text gets (refuseFileText); a choice takes its text. Throws a
 * ConfigError naming field, value, expectation. Until 2026-12-07 (fixups 6) text was read as a number here, so the
 * library's applyOverrides took `{"device.rOn_ohm": "5e4"}` although a file could not.
 */
export function parseParameterValue(path: string, raw: unknown): ParamValue {
  return checkedValue(path, pathPlan(path, { raw }).spec, raw);
}

/** parseParameterValue for a value read from a file (JSON or YAML: `--config`, a space's `base` and `parameters`). */
export const parseFileValue = parseParameterValue;

/**
 * `--set`'s text for `path` (`cosearch evaluate --set path=value`, `train --hardware`, a dedicated flag's text): a
 * number parameter's text in the one decimal grammar (no 0x10, no 1e3 or 6.0 for an integer, no '' as 0), a choice's
 * as written. The library's way from text to the typed value applyOverrides takes: `parseSetValue('device.rOn_ohm', '5e4')` is 50000.
 */
export function parseSetValue(path: string, text: string): ParamValue {
  return valueOf(path, pathPlan(path, { raw: text }).spec, text);
}

/**
 * A file's text value for a number parameter (`{"device": {"rOn_ohm": "2e4"}}`, YAML's `'2e4'`) refused: a file's
 * numbers are written as numbers; only `--set`, where every value is text, reads text in the decimal grammar. An
 * unknown path passes here (applyOverrides names it). Until 2026-12-07 the quoted text was read as the number.
 */
export function refuseFileText(path: string, raw: unknown): void {
  if (typeof raw !== 'string') return;
  let spec: ParameterSpec;
  try {
    spec = pathPlan(path, { raw }).spec;
  } catch {
    return;
  }
  refuseText(path, spec, raw);
}

function refuseText(path: string, spec: ParameterSpec, raw: unknown): void {
  if (typeof raw !== 'string' || spec.type.kind === 'choice') return;
  throw new ConfigError(`${path}: got ${describeValue(raw)} (text), expected ${describeType(spec.type)}${spec.unit ? ` (${spec.unit})` : ''}, `
    + 'unquoted: a file\'s values are typed (text is read as a number only from --set)');
}

/** A typed value checked against its spec (applyOverrides, parseParameterValue): text for a number parameter refused. */
export function checkedValue(path: string, spec: ParameterSpec, raw: unknown): ParamValue {
  refuseText(path, spec, raw);
  return valueOf(path, spec, raw);
}

/** A raw value against its spec, text for a number read in the decimal grammar (parseSetValue's; checkedValue refuses it first). */
function valueOf(path: string, spec: ParameterSpec, raw: unknown): ParamValue {
  const type = spec.type;
  if (type.kind === 'choice') {
    if (typeof raw !== 'string' || !type.values.includes(raw)) return badValue(path, spec, raw);
    return raw;
  }
  // Text (parseSetValue; a typed value's is refused before: refuseText) in the one decimal grammar: no 0x10, no 1e3 or 6.0 for an integer, no '' as 0.
  const text = typeof raw === 'string' ? (type.kind === 'int' ? integerValue(raw) : decimalValue(raw)) : undefined;
  const n = typeof raw === 'number' ? raw : text ?? NaN;
  const belowMin = type.kind === 'real' && type.minExclusive ? n <= type.min : n < type.min;
  if (!Number.isFinite(n) || belowMin || n > type.max) return badValue(path, spec, raw);
  if (type.kind === 'int' && (!Number.isInteger(n) || (type.values && !type.values.includes(n)))) return badValue(path, spec, raw);
  return n;
}

export function badValue(path: string, spec: ParameterSpec, raw: unknown): never {
  const { type } = spec;
  // `--set adc.bits=6.0`: an integer value, not written as one; `--set arch.psumReduction=chian`: a misspelt choice.
  const hint = typeof raw !== 'string' ? ''
    : type.kind === 'choice' ? didYouMean(raw, type.values)
    : type.kind === 'int' ? digitsHint(raw, (n) => n >= type.min && n <= type.max && (!type.values || type.values.includes(n))) : '';
  throw new ConfigError(`${path}: got ${describeValue(raw)}, expected ${describeType(type)}${spec.unit ? ` (${spec.unit})` : ''}${hint}`);
}
