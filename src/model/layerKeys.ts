/**
 * The keys a network accepts in `layers.<key>.<path>` overrides: each weight layer's name and its index in the network
 * (a name is never another layer's index: resolve.ts), each to the layer's name. The one check of a configuration's
 * keys against a network: `cosearch evaluate`, `cosearch train` and the library's entry points (sim/) refuse a key
 * that names no weight layer (a pool layer, an index out of range, a typo), which would otherwise silently do nothing.
 */
import { ConfigError, describeValue } from '../core/errors.js';
import { checkConfig, isCheckedConfig, type HardwareConfig } from '../hardware/config.js';
import { checkLayerViews } from '../hardware/consistency.js';
import { weightLayerViews, type CheckView } from '../hardware/layerView.js';
import { checkSharedTileSizes } from '../hardware/sharedTiles.js';
import { badLayerKey, blockKeyOf } from '../util/layerKeys.js';
import { isWeightLayer, nonSpikeInput } from './resolve.js';
import type { Network } from './types.js';

/** Built once per network object: the entry points check every configuration against it. */
const KEYS = new WeakMap<Network, ReadonlyMap<string, string>>();

/** Each key a `layers.<key>.<path>` override may use for this network to the name of the layer it sets. */
export function weightLayerKeys(network: Network): ReadonlyMap<string, string> {
  let keys = KEYS.get(network);
  if (!keys) {
    keys = new Map(network.layers.filter(isWeightLayer).flatMap((l) => [[l.name, l.name], [String(l.index), l.name]]));
    KEYS.set(network, keys);
  }
  return keys;
}

/**
 * A ConfigError for the first `layers.<key>.<path>` (or empty block `layers.<key>`) of `paths` naming no weight layer of the network (by name or
 * index): the hardware configuration would accept it and it would have no effect. `where` prefixes the message.
 */
export function checkLayerPaths(paths: readonly string[], network: Network, where: string): void {
  const keys = weightLayerKeys(network);
  const names = [...new Set(keys.values())];
  for (const path of paths) {
    const bad = badLayerKey(path, { names, keys: [...keys.keys()], networks: [network.name] });
    if (!bad) continue;
    const expected = badIndexExpectation(network, blockKeyOf(path) ?? '') ?? bad.expected;
    throw new ConfigError(`${where}${JSON.stringify(path)}: layer: got ${bad.got}, expected ${expected}`);
  }
}

/**
 * What a key that is an index but names no weight layer should have been, saying what the index is (a layer
 * without weights, or out of range) and the weight layers' indices: the indices count every layer, pooling and adds
 * too, so a weight layer's index is not its rank among the weight layers. Undefined for a key that is no index.
 */
function badIndexExpectation(network: Network, key: string): string | undefined {
  if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
  const index = Number(key);
  const last = network.layers.length - 1;
  const layer = network.layers.find((l) => l.index === index);
  const what = layer ? `index ${index} is ${layer.name}, no weights` : `index ${index} is out of range 0-${last}`;
  const indices = network.layers.filter(isWeightLayer).map((l) => `${l.name} ${l.index}`).join(', ');
  return `a weight layer of ${network.name} by name or index (${what}; the weight layers' indices, which count every layer: ${indices})`;
}

/**
 * The network's weight layers whose input is not spikes, by name, each with what its input is instead: the direct-coded
 * layer's image bit planes (resolve.ts), or an average pool's counts, whose planes' activity follows the pool's input
 * rate (src/sim/ela/design.ts pooledPlaneShares).
 */
const NOT_SPIKES = new WeakMap<Network, ReadonlyMap<string, string>>();
function nonSpikeInputs(network: Network): ReadonlyMap<string, string> {
  let inputs = NOT_SPIKES.get(network);
  if (!inputs) {
    const found = new Map<string, string>();
    for (const l of network.layers) {
      const input = nonSpikeInput(l, network.layers);
      if (input !== undefined) found.set(l.name, input);
    }
    inputs = found;
    NOT_SPIKES.set(network, inputs);
  }
  return inputs;
}

/**
 * Why the per-layer override `path` (a parameter path) of weight layer `name` would have no effect, or undefined: a
 * spike rate on a layer whose input is not spikes (nonSpikeInputs; the engine takes the direct layer's bit density as
 * DIRECT_INPUT_BIT_DENSITY, and a pooled layer's plane shares from the pool's rate).
 */
export function inertLayerOverride(network: Network, name: string, path: string): string | undefined {
  const input = path === 'snn.spikeRate' ? nonSpikeInputs(network).get(name) : undefined;
  return input === undefined ? undefined : `no spike rate on ${name}: ${input}, so a rate there has no effect`;
}

/** Whether any layer key holds an override. */
function layered(config: HardwareConfig): boolean {
  for (const key in config.layers) if (Object.keys(config.layers[key]).length > 0) return true;
  return false;
}

/**
 * checkLayerPaths for a configuration's `layers` (a key without overrides too: it sets nothing, and a misspelt layer
 * name would pass unnoticed), and inertLayerOverride.
 */
export function checkConfigLayers(config: HardwareConfig, network: Network): void {
  const keys = weightLayerKeys(network);
  for (const key in config.layers) {
    const name = keys.get(key);
    const overrides = config.layers[key];
    if (name === undefined) {
      const first = Object.keys(overrides)[0];
      checkLayerPaths([first === undefined ? `layers.${key}` : `layers.${key}.${first}`], network, 'config ');
      continue;
    }
    for (const path in overrides) {
      const inert = inertLayerOverride(network, name, path);
      if (inert) throw new ConfigError(`config "layers.${key}.${path}": got ${describeValue(overrides[path])}, expected ${inert}`);
    }
  }
  // The values each weight layer sees (consistency.ts checkLayerViews): the consistency check read each layer key
  // alone, and a global value only when no key set its paths; which layers still read it only the network knows.
  // Per-layer crossbar sizes on shared tiles (sharedTiles.ts): only layer keys can make the sizes differ.
  if (layered(config)) {
    checkLayerViews(config, networkViews(network));
    checkSharedTileSizes(config, network.layers.filter(isWeightLayer));
  }
}

/** Each network's weight layers as the checks' views (weightLayerViews), built once per network object. */
const VIEWS = new WeakMap<Network, readonly CheckView[]>();
function networkViews(network: Network): readonly CheckView[] {
  let views = VIEWS.get(network);
  if (!views) {
    views = weightLayerViews(network.layers.filter(isWeightLayer));
    VIEWS.set(network, views);
  }
  return views;
}

/**
 * The `layers` object of the configuration applyOverrides built that was checked last, and its network. Such an
 * object never changes and is shared by every configuration built from one base without per-layer overrides, so a
 * repeated check is a comparison. One entry, not a WeakMap of them: a configuration with per-layer overrides has a
 * new `layers` each time, and a WeakMap entry per evaluation cost ~400 ns (3-5% of a vgg16-cifar10 evaluateTotalsInto),
 * three times the walk of its keys (~140 ns for two).
 */
let lastLayers: object | undefined;
let lastNetwork: Network | undefined;

/**
 * What the library's entry points that take a network and a configuration call first: checkedConfig's check (none
 * for a configuration applyOverrides built), then its layer keys against the network (checkConfigLayers; for a built
 * one whose `layers` were the last checked, against the same network, nothing).
 */
export function checkedConfigFor(network: Network, config: HardwareConfig): void {
  // Every simulator entry (evaluate, evaluateTotals, simulateResolved) checks here: evaluate(undefined, config) threw a TypeError.
  if (network === null || typeof network !== 'object' || !Array.isArray(network.layers)) {
    throw new ConfigError(`network: got ${describeValue(network)}, expected a network with layers (zooNetwork(name) or a parsed network file)`);
  }
  if (!isCheckedConfig(config)) {
    checkConfig(config);
    checkConfigLayers(config, network);
  } else if (config.layers !== lastLayers || network !== lastNetwork) {
    checkConfigLayers(config, network);
    lastLayers = config.layers;
    lastNetwork = network;
  }
}
