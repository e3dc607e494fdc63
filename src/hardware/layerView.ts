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
 * The value of `path` that layer key `key` sees, and the path that holds it: its own `layers.<key>.<path>`, else the
 * global value `global` under `path`. The configuration checks read each key alone this way (they cannot join a
 * name and an index: only the network can, layerValuePath); a value for a message naming the field to change.
 */
export function keyValue(config: HardwareConfig, key: string, path: string, global: ParamValue): { readonly value: ParamValue; readonly path: string } {
  const own = config.layers[key][path];
  return own === undefined ? { value: global, path } : { value: own, path: `layers.${key}.${path}` };
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
