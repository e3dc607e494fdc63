/**
 * A configuration object as written in a file (`--config`, a space's `base`): nested objects
 * (`{ "device": { "rOn_ohm": 1e5 } }`), dotted paths (`{ "device.rOn_ohm": 1e5 }`) or both, as path -> raw value.
 */
import { ConfigError, describeValue } from '../core/errors.js';
import { closestMatch } from '../core/suggest.js';
import { PARAMETERS, refuseFileText } from './config.js';

const PATHS = new Set(PARAMETERS.map((p) => p.path));
/** Every section a parameter path passes through: `device`, `arch`, `arch.buffer_KB`, ... */
const SECTIONS = new Set(PARAMETERS.flatMap((p) => {
  const keys = p.path.split('.');
  return keys.slice(1).map((_, i) => keys.slice(0, i + 1).join('.'));
}));

/**
 * Flatten a nested config object into path -> raw value. One path written twice in two spellings
 * (`{ "adc": { "bits": 6 }, "adc.bits": 7 }`) is refused, as JSON's duplicate keys are: only one would count.
 * `emptyLayerBlocks`, when given, receives the path of each empty object under `layers` (`layers.fc9` for
 * `{"layers": {"fc9": {}}}`, `layers.fc9.adc`): it sets nothing, so only a caller that knows the network can
 * refuse a layer name it does not have (checkLayerPaths, a space's layer check).
 */
export function flattenConfigObject(obj: unknown, prefix = '', emptyLayerBlocks?: string[]): Record<string, unknown> {
  const out = new Map<string, { value: unknown; keys: readonly string[] }>();
  collect(obj, prefix, [], out, emptyLayerBlocks ?? []);
  return Object.fromEntries([...out].map(([path, { value }]) => [path, value]));
}

function collect(
  obj: unknown, prefix: string, keys: readonly string[], out: Map<string, { value: unknown; keys: readonly string[] }>, emptyLayerBlocks: string[],
): void {
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
      if (Object.keys(value).length === 0) {
        checkEmptySection(path);
        if (path.startsWith('layers.')) emptyLayerBlocks.push(path);
      }
      collect(value, path, [...keys, key], out, emptyLayerBlocks);
      continue;
    }
    refuseFileText(path, value);
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

/**
 * An empty object sets nothing, so a misspelled section (`{"devise": {}}`) would pass unnoticed: it must name a
 * section some parameter path passes through (`device`, `arch.buffer_KB`), `layers` or a layer's block
 * (`layers.fc1`, whose name the network checks when a path in it is applied), else it is refused with the nearest.
 */
function checkEmptySection(path: string): void {
  const layer = /^layers\.[^.]+\.(.+)$/.exec(path);
  const section = layer ? layer[1] : path;
  if (section === 'layers' || (!layer && /^layers\.[^.]+$/.test(path)) || SECTIONS.has(section)) return;
  const match = closestMatch(section, SECTIONS);
  const hint = match === undefined ? '' : `; did you mean ${JSON.stringify(match)}?`;
  throw new ConfigError(`${path}: got {}, expected a parameter section (unknown section${hint}; see \`cosearch list parameters\`)`);
}
