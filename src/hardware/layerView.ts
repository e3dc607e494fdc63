/**
 * The per-layer view of a configuration: what one layer sees (global values with its `layers.<index | name>`
 * overrides), read by the engines and the cache keys alike.
 */
import type { HardwareConfig, LayerHardware, ParamValue } from './configTypes.js';

/**
 * The hardware one layer sees: global values with the layer's overrides (layerOverrides), and its input spike rate
 * (override > the layer's own > the network's > snn.spikeRate). Allocation-free without overrides (the ELA engine
 * calls it per layer per evaluation).
 */
export function layerHardware(config: HardwareConfig, layer: LayerRef, network?: { readonly spikeRate?: number }): LayerHardware {
  const own = layerOverrides(config, layer);
  if (!own) {
    return { device: config.device, crossbar: config.crossbar, adc: config.adc, spikeRate: layer.spikeRate ?? network?.spikeRate ?? config.snn.spikeRate };
  }
  return {
    device: { ...config.device, ...groupFields(own, 'device.') },
    crossbar: { ...config.crossbar, ...groupFields(own, 'crossbar.') },
    adc: { ...config.adc, ...groupFields(own, 'adc.') },
    spikeRate: layerSpikeRate(config, layer, network),
  };
}

type LayerRef = { readonly index: number; readonly name: string; readonly spikeRate?: number };

/**
 * The per-layer overrides one layer gets: `layers.<index>` then `layers.<name>` (the name wins where both set a
 * path), or undefined when it has none. The one reading of a layer key the engines and the cache keys share: a
 * design is the same whether its overrides name the layer or give its index.
 */
export function layerOverrides(config: HardwareConfig, layer: LayerRef): Readonly<Record<string, ParamValue>> | undefined {
  const byIndex = config.layers[String(layer.index)];
  const byName = config.layers[layer.name];
  return byIndex && byName ? { ...byIndex, ...byName } : byName ?? byIndex;
}

/** One path of layerOverrides, without building them (allocation-free). */
export function layerOverride(config: HardwareConfig, layer: LayerRef, path: string): ParamValue | undefined {
  return config.layers[layer.name]?.[path] ?? config.layers[String(layer.index)]?.[path];
}

/**
 * Where the value of `path` that `layer` sees is set, for a message naming the field to change: its override as
 * written (`layers.<name>.<path>`, else `layers.<index>.<path>`: the one layerOverride reads) or the global `path`.
 */
export function layerValuePath(config: HardwareConfig, layer: LayerRef, path: string): string {
  for (const key of [layer.name, String(layer.index)]) {
    if (config.layers[key]?.[path] !== undefined) return `layers.${key}.${path}`;
  }
  return path;
}

/**
 * The value of `path` that `layer` sees: its override (layerOverride: name, then index), else the global value. The
 * one rule for "the value a layer sees" outside layerHardware (which builds a layer's whole view): the checks, the
 * notes and the cache keys read a path this way. Allocation-free.
 */
export function layerValue(config: HardwareConfig, layer: LayerRef, path: string): ParamValue {
  return layerOverride(config, layer, path) ?? globalValue(config, path);
}

/** A value a view sees and the path that holds it, for a message naming the field to change. */
export interface HeldValue {
  readonly value: ParamValue;
  readonly path: string;
}

/** layerValue with the path that holds it (layerValuePath): for messages and notes, not the engines' hot paths. */
export function layerHeld(config: HardwareConfig, layer: LayerRef, path: string): HeldValue {
  return { value: layerValue(config, layer, path), path: layerValuePath(config, layer, path) };
}

/**
 * One view a configuration check reads: the layer keys whose overrides it sees, the first that sets a path winning,
 * else the global value. A weight layer's view is its name then its index (layerValue's rule); a layer key read alone
 * is that key; the global view has none.
 */
export interface CheckView {
  readonly keys: readonly string[];
}

const GLOBAL_VIEWS: readonly CheckView[] = [{ keys: [] }];

/** The checks' views of a network's weight layers (the caller keeps them per network: they do not depend on the configuration). */
export function weightLayerViews(layers: readonly LayerRef[]): CheckView[] {
  return layers.map((l) => ({ keys: [l.name, String(l.index)] }));
}

/**
 * The views a configuration check of `paths` reads, one rule for every check: the global view counts when some
 * weight layer reads it. With a network's weight layers (`layers`, weightLayerViews: checkConfigLayers), each layer's
 * view. Without them (checkConfig, which cannot join a name key and an index key, nor tell which layers have no key:
 * only the network can), each layer key's view read alone, plus the global view when no key sets any of `paths` (every
 * layer then reads it); when one does, the network's pass reads the layers that still see the global values.
 * Allocation-free for a configuration without layer keys.
 */
export function checkViews(config: HardwareConfig, paths: readonly string[], layers?: readonly CheckView[]): readonly CheckView[] {
  if (layers) return layers;
  if (!hasKeys(config.layers)) return GLOBAL_VIEWS;
  const views: CheckView[] = Object.keys(config.layers).map((key) => ({ keys: [key] }));
  const layered = views.some((v) => paths.some((p) => config.layers[v.keys[0]][p] !== undefined));
  return layered ? views : [...views, GLOBAL_VIEWS[0]];
}

/** Whether an object has an own key, without listing them (allocation-free). */
function hasKeys(object: object): boolean {
  for (const _key in object) return true;
  return false;
}

/** The value of `path` a check view sees (allocation-free). */
export function viewValue(config: HardwareConfig, view: CheckView, path: string): ParamValue {
  for (const key of view.keys) {
    const own = config.layers[key]?.[path];
    if (own !== undefined) return own;
  }
  return globalValue(config, path);
}

/** viewValue with the path that holds it (`layers.<key>.<path>` as written, or the global path), for a refusal. */
export function viewHeld(config: HardwareConfig, view: CheckView, path: string): HeldValue {
  for (const key of view.keys) {
    const own = config.layers[key]?.[path];
    if (own !== undefined) return { value: own, path: `layers.${key}.${path}` };
  }
  return { value: globalValue(config, path), path };
}

/** The configuration's groups by name (`adc` -> config.adc), each a record of its fields. */
type Groups = Readonly<Record<string, Readonly<Record<string, ParamValue>>>>;

/** Each registry path's group and field, split once (globalValue runs on every applyOverrides' checks). */
const SPLIT: Record<string, readonly [string, string]> = Object.create(null) as Record<string, readonly [string, string]>;

/** The global value of a registry path (`adc.kind` -> config.adc.kind) without splitting it each time. */
export function globalValue(config: HardwareConfig, path: string): ParamValue {
  let split = SPLIT[path];
  if (split === undefined) {
    const dot = path.indexOf('.');
    split = SPLIT[path] = [path.slice(0, dot), path.slice(dot + 1)];
  }
  const groups: object = config;
  return (groups as Groups)[split[0]][split[1]];
}

/**
 * The configuration's per-layer overrides as the engines read them for these layers, by layer name (sorted) and
 * path (sorted), `pick`ed paths only: the canonical form of a design's per-layer part (the accuracy cache keys).
 * Overrides under a key that names none of the layers are left out (the entry points refuse them: src/model/layerKeys.ts).
 */
export function overridesByLayerName(config: HardwareConfig, layers: readonly LayerRef[], pick: (path: string) => boolean): [string, [string, ParamValue][]][] {
  const out: [string, [string, ParamValue][]][] = [];
  for (const layer of layers) {
    const own = layerOverrides(config, layer);
    const kept = own ? Object.entries(own).filter(([p]) => pick(p)) : [];
    if (kept.length > 0) out.push([layer.name, kept.sort(([a], [b]) => a.localeCompare(b))]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A layer's input spike rate, as layerHardware gives it, without building the view (allocation-free). */
export function layerSpikeRate(config: HardwareConfig, layer: LayerRef, network?: { readonly spikeRate?: number }): number {
  const rate = layerOverride(config, layer, 'snn.spikeRate');
  return typeof rate === 'number' ? rate : layer.spikeRate ?? network?.spikeRate ?? config.snn.spikeRate;
}

/** The overrides under `prefix` keyed by field ('device.rOn_ohm' -> rOn_ohm); values were validated by applyOverrides. */
function groupFields(overrides: Readonly<Record<string, ParamValue>>, prefix: string): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const path in overrides) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = overrides[path];
  return out;
}
