/**
 * `layers.<key>.<path>` overrides in a space (`base`, `parameters`): the key must name a weight layer of every
 * network of the space (its name or its index); anything else (`conv99`, `-1`, a pool layer, `"conv1 "`,
 * `__proto__`) would be accepted by the hardware configuration and silently have no effect.
 */
import { describeValue, didYouMean } from '../../core/index.js';

/** What the parser knows of the space's weight layers: names (for suggestions) and accepted keys (names and indexes). */
export interface SpaceLayers {
  readonly names: readonly string[];
  /** Undefined when a network could not be loaded (its own mistake is reported; no layer check then). */
  readonly keys?: readonly string[];
  readonly networks: readonly string[];
}

const LAYER_PATH = /^layers\.([^.]*)\.(.+)$/s;

/** The layer key of a `layers.<key>.<path>` path, or undefined for a global path. */
export function layerKeyOf(path: string): string | undefined {
  return LAYER_PATH.exec(path)?.[1];
}

/** Why `path` names no weight layer of the space's networks, as `got ..., expected ...` parts; undefined when it does. */
export function badLayerKey(path: string, layers: SpaceLayers | undefined): { got: string; expected: string } | undefined {
  const key = layerKeyOf(path);
  if (key === undefined || !layers?.keys || layers.keys.includes(key)) return undefined;
  const of = layers.networks.length === 1 ? layers.networks[0] : `every network (${layers.networks.join(', ')})`;
  return {
    got: describeValue(key),
    expected: `a weight layer of ${of} (${listNames(layers.names)}, or its index)${didYouMean(key, layers.names)}`,
  };
}

/** At most 12 names, then `... (N in all)`. */
function listNames(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, ... (${names.length} in all)`;
}
