/**
 * Settings of one configuration as the user wrote them (the entries of a config file, each `--set`, an option such as
 * `--samples`), gathered into overrides with each parameter set once: a layer written by its index is set under its
 * name, so `layers.0.adc.bits` and `layers.fc1.adc.bits` are one path, and a second setting of a path is refused
 * instead of silently losing to the first (a layer's name wins over its index) or to the last.
 */
import { ConfigError } from '../core/errors.js';
import { canonicalLayerPath as canonical, layerKeyOf, listNames, pathsHidingGlobal } from '../util/layerKeys.js';
import type { ParamValue } from './configTypes.js';
import { parameterSpec, parseParameterValue, parseSetValue } from './config.js';

/** One setting: where it is written (`--set "adc.bits=6"`, `--samples "20"`, `"adc.bits"`), its path and its raw value. */
export interface Setting {
  readonly source: string;
  readonly path: string;
  readonly value: unknown;
}

export interface SettingsRules {
  /** Each `layers.<key>` key to the name of the layer it sets (names and indexes); absent: keys stay as written. */
  readonly layerNames?: ReadonlyMap<string, string>;
  /** Whether two settings of one path with the same value are accepted (the command line) or refused (a file). */
  readonly equalValuesAllowed: boolean;
  /** What the settings are, for messages: `each parameter once ${scope}` (`in the file`, `on the command line`). */
  readonly scope: string;
  /** How a raw value becomes the typed one: a file's as it is (parseParameterValue, the default), the command line's text by parseSetValue (commandLineValue). */
  readonly parse?: (path: string, raw: unknown) => ParamValue;
}

/** A command-line setting's value: its text by parseSetValue (`--set`, `--hardware`, `--samples`), a typed one as it is. */
export function commandLineValue(path: string, raw: unknown): ParamValue {
  return typeof raw === 'string' ? parseSetValue(path, raw) : parseParameterValue(path, raw);
}

/**
 * The settings as path -> typed value (rules.parse; layer keys by name), in order; a ConfigError naming both settings
 * when two set the same path (unless `equalValuesAllowed` and their values are equal).
 */
export function oneSettingPerPath(settings: readonly Setting[], rules: SettingsRules): Record<string, ParamValue> {
  const parse = rules.parse ?? parseParameterValue;
  const seen = new Map<string, Setting>();
  const out = new Map<string, ParamValue>();
  for (const setting of settings) {
    // The path and value as written first: a refusal then echoes what the user typed (`layers.1.0.adc.bits`), not
    // the path with its layer key replaced by the layer's name.
    const value = parse(setting.path, setting.value);
    const { path, layer, key } = canonical(setting.path, rules.layerNames);
    const earlier = seen.get(path);
    if (earlier && !(rules.equalValuesAllowed && parse(path, earlier.value) === value)) {
      const what = layer === undefined ? path : `${path.slice(`layers.${layer}.`.length)} of layer ${layer}`;
      const keys = [canonical(earlier.path, rules.layerNames).key, key].filter((k, i, all) => k !== undefined && k !== layer && all.indexOf(k) === i);
      const alias = keys.length > 0 ? ` (layer ${keys.join(', ')} is ${layer})` : '';
      const equal = rules.equalValuesAllowed ? ' (or repeated with the same value)' : '';
      throw new ConfigError(`${setting.source}: ${what} is already set by ${earlier.source}${alias}, expected each parameter once ${rules.scope}${equal}; remove one of them`);
    }
    if (!earlier) seen.set(path, setting);
    out.set(path, value);
  }
  return Object.fromEntries(out);
}

/**
 * Refuses a global setting of `globals` that sets nothing: a path the engines read only per weight layer
 * (readPerLayerOnly) whose every weight layer (`layerNames`' values) takes its own value from `layered`
 * (pathsHidingGlobal, the rule a search space applies in overlaps.ts). A later global setting does not replace the
 * layers' own values (`adc.bits` and `layers.fc1.adc.bits` are two paths; a layer's own wins, docs/cli.md), so it
 * would be silently ignored. `origin` names where each layered setting comes from (`--config FILE`, `--set`).
 * Run after the settings were applied (their paths and values checked). No network (`layerNames` undefined): no check.
 */
export function refuseHiddenGlobals(
  globals: readonly Setting[], layered: readonly (Setting & { readonly origin: string })[], layerNames: ReadonlyMap<string, string> | undefined,
): void {
  if (!layerNames) return;
  for (const global of globals) {
    if (layerKeyOf(global.path) !== undefined || parameterSpec(global.path).readPerLayerOnly !== true) continue;
    const hiding = pathsHidingGlobal(global.path, layered.map((s) => s.path), layerNames);
    if (!hiding) continue;
    const layers = [...new Set(layerNames.values())];
    const origins = [...new Set(layered.filter((s) => hiding.includes(s.path)).map((s) => s.origin))];
    const value = `${global.path}=${String(global.value)}`;
    throw new ConfigError(`${global.source}: ${value} sets no layer: every weight layer (${listNames(layers)}) has its own ${global.path}, from ${origins.join(' and ')}; `
      + `expected layers.<layer>.${value} for each layer to change, or the per-layer entries dropped (a layer's own value wins over the global one, docs/cli.md)`);
  }
}
