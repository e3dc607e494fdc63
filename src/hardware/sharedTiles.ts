/**
 * Shared tiles (arch.tilePacking = shared) hold PEs of one crossbar size. The engine's chip is a mesh of identical
 * tiles: ceil(ΣPEs / pesPerTile) of them at one pitch (the NoC's mean hops), each with X accumulator and DIFF lanes and
 * an H-tree across one side; SpikeSim's pe_tile_count, the source of shared packing (docs/sources.md#circuits-3-5),
 * packs identical 64x64 PEs. A tile holding a 64- and a 256-column PE has no layout in the sources (lanes for its
 * widest PE, a side from the PEs it holds, tiles of several sizes in one mesh), and pricing each layer's share with
 * its own X gave one physical tile several sides and lane counts (QA layerwise defect 2). So mixed sizes are refused
 * with shared packing; per-layer packing (each layer on tiles of its own size) prices them.
 */
import { ConfigError } from '../core/errors.js';
import type { HardwareConfig } from './configTypes.js';
import { layerHeld } from './layerView.js';

/** Refuses weight layers of two crossbar sizes under arch.tilePacking = shared, naming a layer of each and the paths holding them. */
export function checkSharedTileSizes(config: HardwareConfig, layers: readonly { readonly index: number; readonly name: string }[]): void {
  if (config.arch.tilePacking !== 'shared') return;
  let first: { name: string; size: number; path: string } | undefined;
  for (const layer of layers) {
    const { value, path } = layerHeld(config, layer, 'crossbar.size');
    const size = Number(value);
    if (!first) first = { name: layer.name, size, path };
    else if (size !== first.size) {
      throw new ConfigError(`arch.tilePacking: got "shared" with crossbar sizes ${first.size} (${first.name}, ${first.path}) and ${size} (${layer.name}, ${path}), `
        + 'expected one crossbar size on every weight layer (a shared tile is one layout: X accumulator lanes and one side for its H-tree and the mesh; '
        + 'a tile of mixed PE sizes is not modelled), or arch.tilePacking=per-layer');
    }
  }
}
