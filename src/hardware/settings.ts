/**
 * Settings of one configuration as the user wrote them (the entries of a config file, each `--set`, an option such as
 * `--samples`), gathered into overrides with each parameter set once: a layer written by its index is set under its
 * name, so `layers.0.adc.bits` and `layers.fc1.adc.bits` are one path, and a second setting of a path is refused
 * instead of silently losing to the first (a layer's name wins over its index) or to the last.
 */
import { ConfigError } from '../core/errors.js';
import { canonicalLayerPath as canonical } from '../util/layerKeys.js';
import { parseParameterValue } from './config.js';

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
}

/**
 * The settings as path -> raw value (layer keys by name), in order; a ConfigError naming both settings when two set
 * the same path (unless `equalValuesAllowed` and their values are equal).
 */
export function oneSettingPerPath(settings: readonly Setting[], rules: SettingsRules): Record<string, unknown> {
  const seen = new Map<string, Setting>();
  const out = new Map<string, unknown>();
  for (const setting of settings) {
    const { path, layer, key } = canonical(setting.path, rules.layerNames);
    const earlier = seen.get(path);
    if (earlier && !(rules.equalValuesAllowed && sameValue(path, earlier.value, setting.value))) {
      const what = layer === undefined ? path : `${path.slice(`layers.${layer}.`.length)} of layer ${layer}`;
      const keys = [canonical(earlier.path, rules.layerNames).key, key].filter((k, i, all) => k !== undefined && k !== layer && all.indexOf(k) === i);
      const alias = keys.length > 0 ? ` (layer ${keys.join(', ')} is ${layer})` : '';
      const equal = rules.equalValuesAllowed ? ' (or repeated with the same value)' : '';
      throw new ConfigError(`${setting.source}: ${what} is already set by ${earlier.source}${alias}, expected each parameter once ${rules.scope}${equal}; remove one of them`);
    }
    if (!earlier) seen.set(path, setting);
    out.set(path, setting.value);
  }
  return Object.fromEntries(out);
}

/** Whether two raw values are one value of the parameter (`6` and `"6"`, `"1e3"` and `"1000"` for a real); a bad value throws its own error. */
function sameValue(path: string, a: unknown, b: unknown): boolean {
  return parseParameterValue(path, a) === parseParameterValue(path, b);
}
