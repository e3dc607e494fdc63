/**
 * QA layerwise defect 2: under arch.tilePacking = shared, fc2's 256x256 PE shared a tile with fc1's 64x64 PEs, and
 * each layer's share of the tile was priced with its own X (accumulator and DIFF lanes design.tiles * X, an H-tree
 * tileSide from its own area / share): one physical tile with several sides and lane counts. Mixed crossbar sizes on
 * shared tiles are refused now (src/hardware/sharedTiles.ts says why); one size, or per-layer packing, is priced.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { refusal } from '../helpers/refusal.js';

describe('shared tiles hold PEs of one crossbar size', () => {
  const mlp = zooNetwork('mlp-mnist');
  const config = (overrides: Record<string, unknown>) => applyOverrides(defaultConfig(), overrides);

  it('refuses two sizes in one line naming a layer of each, the paths holding them and the way out', () => {
    expect(refusal(() => evaluate(mlp, config({ 'arch.tilePacking': 'shared', 'layers.fc2.crossbar.size': 256 })))).toBe(
      'arch.tilePacking: got "shared" with crossbar sizes 64 (fc1, crossbar.size) and 256 (fc2, layers.fc2.crossbar.size), expected one crossbar size on every '
      + 'weight layer (a shared tile is one layout: X accumulator lanes and one side for its H-tree and the mesh; a tile of mixed PE sizes is not modelled), '
      + 'or arch.tilePacking=per-layer');
    // Both sizes per layer, by index too (0 is fc1).
    expect(refusal(() => evaluate(mlp, config({ 'arch.tilePacking': 'shared', 'layers.0.crossbar.size': 32, 'layers.fc2.crossbar.size': 128 }))))
      .toMatch(/^arch\.tilePacking: got "shared" with crossbar sizes 32 \(fc1, layers\.0\.crossbar\.size\) and 128 \(fc2, layers\.fc2\.crossbar\.size\)/);
  });

  it('prices one size per layer key on shared tiles, and mixed sizes on per-layer tiles, as before', () => {
    // Every layer at 256 by its own key is the uniform 256 design, bit for bit.
    const uniform = evaluate(mlp, config({ 'arch.tilePacking': 'shared', 'crossbar.size': 256 }));
    const byLayer = evaluate(mlp, config({ 'arch.tilePacking': 'shared', 'layers.fc1.crossbar.size': 256, 'layers.fc2.crossbar.size': 256 }));
    expect([byLayer.energy_pJ, byLayer.area_mm2, byLayer.latency_ns, byLayer.tiles]).toEqual([uniform.energy_pJ, uniform.area_mm2, uniform.latency_ns, uniform.tiles]);
    const perLayer = evaluate(mlp, config({ 'layers.fc2.crossbar.size': 256 }));
    expect(perLayer.layers.filter((l) => l.mapping).map((l) => l.mapping?.crossbarSize)).toEqual([64, 256]);
  });
});
