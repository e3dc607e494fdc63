/**
 * A configuration object as written in a file (`--config`, a space's `base`): nested objects
 * (`{ "device": { "rOn_ohm": 1e5 } }`), dotted paths (`{ "device.rOn_ohm": 1e5 }`) or both, as path -> raw value.
 */
import { ConfigError, describeValue } from '../core/errors.js';
import { PARAMETERS } from './config.js';

const PATHS = new Set(PARAMETERS.map((p) => p.path));

/**
 * Flatten a nested config object into path -> raw value. One path written twice in two spellings
 * (`{ "adc": { "bits": 6 }, "adc.bits": 7 }`) is refused, as JSON's duplicate keys are: only one would count.
 */
export function flattenConfigObject(obj: unknown, prefix = ''): Record<string, unknown> {
  const out = new Map<string, { value: unknown; keys: readonly string[] }>();
  collect(obj, prefix, [], out);
  return Object.fromEntries([...out].map(([path, { value }]) => [path, value]));
}

function collect(obj: unknown, prefix: string, keys: readonly string[], out: Map<string, { value: unknown; keys: readonly string[] }>): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new ConfigError(`${prefix || 'config'}: got ${describeValue(obj)}, expected an object of parameter paths`);
  }
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const isLeaf = value === null || typeof value !== 'object' || Array.isArray(value);
    // `{"layers": [...]}`, `{"layers": {"fc1": 4}}`: per-layer overrides in another shape, named as such (not as an
    // unknown parameter "layers").
    if (isLeaf && path === 'layers') {
      throw new ConfigError(`layers: got ${describeValue(value)}, expected an object keyed by weight layer name or index, each an object of parameter path -> value (e.g. {"layers": {"fc1": {"adc.bits": 4}}})`);
    }
    if (isLeaf && /^layers\.[^.]+$/.test(path)) {
      throw new ConfigError(`${path}: got ${describeValue(value)}, expected an object of parameter path -> value (e.g. {"layers": {"${path.slice('layers.'.length)}": {"adc.bits": 4}}})`);
    }
    if (!isLeaf && !PATHS.has(path)) {
      collect(value, path, [...keys, key], out);
      continue;
    }
    const earlier = out.get(path);
    if (earlier) {
      throw new ConfigError(`${path}: got ${spelling(earlier.keys, earlier.value)} and ${spelling([...keys, key], value)}, `
        + 'expected the parameter once (only one value would count; write one of them)');
    }
    out.set(path, { value, keys: [...keys, key] });
  }
}

/** `{"adc": {"bits": 6}}`: one entry as written. */
function spelling(keys: readonly string[], value: unknown): string {
  return keys.reduceRight((inner, key) => `{${JSON.stringify(key)}: ${inner}}`, describeValue(value));
}
