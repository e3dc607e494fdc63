/**
 * The values a registry path can take on one weight layer across a space's designs: the space-side twin of
 * src/hardware/layerView.ts layerValue (a layer's own `layers.<name>` entry, else its `layers.<index>` one, else the
 * global path), read by the up-front notes (adcSpaceNotes) and the metrics a space measures (context.ts metricsUnder).
 */
import { ConfigError } from '../core/index.js';
import { parameterSpec } from '../hardware/config.js';
import { isWeightLayer, loadNetwork } from '../model/index.js';
import type { ParamValue, SearchSpace } from '../search/index.js';

type Settings = Pick<SearchSpace, 'base' | 'variables'>;

/** A weight layer of a space's network; undefined stands for the global path alone (a chip-wide parameter). */
export type SpaceLayer = { readonly index: number; readonly name: string } | undefined;

/**
 * The entry of `space` that decides `path` on `layer`: the first of `layers.<name>.<path>`, `layers.<index>.<path>`
 * and `path` that base sets or a variable targets (the order layerOverride reads them), or undefined when none does.
 */
export function layerEntry({ base, variables }: Settings, path: string, layer: SpaceLayer): string | undefined {
  const entries = layer ? [`layers.${layer.name}.${path}`, `layers.${layer.index}.${path}`, path] : [path];
  return entries.find((e) => Object.hasOwn(base, e) || variables.some((v) => v.targets.includes(e)));
}

/**
 * The values `path` can take on `layer` in the space's designs: those of the entry that decides it (layerEntry: its
 * base value and the values of the variables targeting it), else the registry default, which the layer then reads in
 * every design. The default is included only then: where an entry decides the path, no design of the layer reads the
 * default (counting it paired kinds and mappings no layer sees: QA maint2 defect 2).
 */
export function layerValues(space: Settings, path: string, layer: SpaceLayer): ParamValue[] {
  const entry = layerEntry(space, path, layer);
  if (entry === undefined) return [parameterSpec(path).default];
  const values = [...(Object.hasOwn(space.base, entry) ? [space.base[entry]] : []), ...space.variables.filter((v) => v.targets.includes(entry)).flatMap((v) => v.values)];
  return [...new Set(values)];
}

/**
 * Each weight layer of the networks (by index and name, once each): the layers a space's values are read on. A
 * network that does not load is left out (the space's network check refuses it with its own message).
 */
export function spaceLayers(networks: readonly string[]): SpaceLayer[] {
  const seen = new Map<string, SpaceLayer>();
  for (const network of networks) {
    let layers;
    try {
      layers = loadNetwork(network).layers.filter(isWeightLayer);
    } catch (error) {
      if (error instanceof ConfigError) continue;
      throw error;
    }
    for (const l of layers) seen.set(`${l.index} ${l.name}`, { index: l.index, name: l.name });
  }
  return [...seen.values()];
}
