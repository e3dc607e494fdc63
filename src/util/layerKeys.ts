/**
 * The `layers.<key>.<path>` form of a per-layer override, where the key is a weight layer's name or its index: the
 * key of a path, its canonical form (the key written as the layer's name) and why a key names no weight layer.
 * One module for every layer of the code that reads such paths (hardware settings, the network check in src/model,
 * the search space), which may not import one another; what the keys of a network are is src/model/layerKeys.ts.
 */
import { describeValue, didYouMean } from '../core/index.js';

/** The weight layers keys are checked against: names (for suggestions) and accepted keys (names and indexes). */
export interface LayerKeySet {
  readonly names: readonly string[];
  /** Undefined when a network could not be loaded (its own mistake is reported; no layer check then). */
  readonly keys?: readonly string[];
  readonly networks: readonly string[];
}

/**
 * The layer key of a `layers.<key>.<path>` path, or undefined for a global path. An empty key (`layers..adc.bits`)
 * is a key here, so a check can refuse it by name (badLayerKey).
 */
export function layerKeyOf(path: string): string | undefined {
  return /^layers\.([^.]*)\.(.+)$/s.exec(path)?.[1];
}

/** A `layers.<key>.<path>` path split into its key and the parameter's path, as the parameter registry reads it (a key not empty). */
export function splitLayerPath(path: string): { layer: string; path: string } | undefined {
  const m = /^layers\.([^.]+)\.(.+)$/.exec(path);
  return m ? { layer: m[1], path: m[2] } : undefined;
}

/**
 * The path with its layer key written as the layer's name (`layers.0.adc.bits` -> `layers.fc1.adc.bits`), so a
 * layer set by index and by name is one path; `layer`: the name, `key`: the key as written (a layer path only).
 * `layerNames`: each accepted key to its layer's name; a key it lacks (or none given) stays as written.
 */
export function canonicalLayerPath(path: string, layerNames: ReadonlyMap<string, string> | undefined): { path: string; layer?: string; key?: string } {
  const key = layerKeyOf(path);
  if (key === undefined) return { path };
  const layer = layerNames?.get(key) ?? key;
  return { path: layer === key ? path : `layers.${layer}.${path.slice(`layers.${key}.`.length)}`, layer, key };
}

/**
 * The layer key of a path under `layers.`, with or without a parameter path after it: `layers.fc9` is an empty
 * layer block of a config file (`{"layers": {"fc9": {}}}`), which sets nothing but still names a layer.
 */
export function blockKeyOf(path: string): string | undefined {
  return /^layers\.([^.]*)(?:\.|$)/s.exec(path)?.[1];
}

/**
 * Why `path` (`layers.<key>.<path>`, or an empty block's `layers.<key>`) names no weight layer of the networks, as
 * `got ..., expected ...` parts; undefined when it does.
 */
export function badLayerKey(path: string, layers: LayerKeySet | undefined): { got: string; expected: string } | undefined {
  const key = blockKeyOf(path);
  if (key === undefined || !layers?.keys || layers.keys.includes(key)) return undefined;
  const of = layers.networks.length === 1 ? layers.networks[0] : `every network (${layers.networks.join(', ')})`;
  return {
    got: describeValue(key),
    expected: `a weight layer of ${of} (${listNames(layers.names)}, or its index)${didYouMean(key, layers.names)}`,
  };
}

/** At most 12 names, then `... (N in all)`. */
export function listNames(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, ... (${names.length} in all)`;
}

/**
 * The one rule of a global value hidden by layer values (the search space's overlaps.ts and a configuration's
 * settings.ts both apply it): a global `path` the engines read only per weight layer (readPerLayerOnly) acts nowhere
 * when every weight layer of the network (`layerNames`' values) has its own `layers.<key>.<path>` among `paths`. The
 * paths of `paths` that give the layers their own value when they cover every layer, in order; undefined otherwise
 * (a layer left to the global value keeps it acting; a network of no weight layer hides nothing).
 */
export function pathsHidingGlobal(path: string, paths: Iterable<string>, layerNames: ReadonlyMap<string, string>): string[] | undefined {
  const covered = new Set<string>();
  const hiding: string[] = [];
  for (const candidate of paths) {
    const { path: canonical, layer } = canonicalLayerPath(candidate, layerNames);
    if (layer === undefined || canonical !== `layers.${layer}.${path}`) continue;
    covered.add(layer);
    hiding.push(candidate);
  }
  const layers = new Set(layerNames.values());
  return layers.size > 0 && [...layers].every((layer) => covered.has(layer)) ? hiding : undefined;
}
