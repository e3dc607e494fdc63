/**
 * evaluateTotals keeps one price vector per layer kind holding the chip's prices (copied once per chip) and one count
 * vector for the spike layers (zero but for their entries), and each layer writes only its own entries over them
 * (src/sim/ela/price.ts writeWeightLayerPrices / writeSpikeLayerPrices, src/sim/ela/counts.ts writeSpikeLayerCounts).
 * That is right only if every call writes every entry the whole-vector functions set beyond the chip's prices (or
 * beyond zero): so every layer's vector is written right after another layer's (another branch: pixels, spikes, an
 * average pool's counts, an add) and must equal the whole-vector function's, entry by entry, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware, layerSpikeRate, type HardwareConfig, type ParamValue } from '../../src/hardware/config.js';
import { zooNetwork, ZOO_NAMES } from '../../src/model/zoo.js';
import type { Network } from '../../src/model/types.js';
import { actionVector, type ActionVector } from '../../src/sim/ela/actions.js';
import { weightLayerArea } from '../../src/sim/ela/area.js';
import { countSpikeLayer, writeSpikeLayerCounts } from '../../src/sim/ela/counts.js';
import { weightLayerDesign, type WeightLayerDesign } from '../../src/sim/ela/design.js';
import { chipFor, mapNetwork, networkPlan } from '../../src/sim/ela/plan.js';
import { priceChipActions, priceSpikeLayer, priceWeightLayer, writeSpikeLayerPrices, writeWeightLayerPrices } from '../../src/sim/ela/price.js';
import { zeros } from '../../src/sim/ela/works.js';

const CONFIGS: Record<string, ParamValue>[] = [
  {}, { 'arch.spikeEncoding': 'aer', 'adc.skipZeroReads': 'on', 'crossbar.signedMapping': 'offset-diff' },
  { 'tech.node_nm': 22, 'device.bitsPerCell': 4, 'crossbar.size': 256, 'snn.spikeRate': 0.3, 'adc.sharing': 'pe' },
];

function designs(network: Network, config: HardwareConfig): (WeightLayerDesign | null)[] {
  const plan = networkPlan(network);
  const mappings = mapNetwork(network, config);
  let k = 0;
  return network.layers.map((layer, i) => {
    if (!plan.weight[i]) return null;
    const hw = layerHardware(config, layer, network);
    const pool = layer.pooledInput?.pool;
    return weightLayerDesign(layer, mappings[k++], hw, config, pool === undefined ? hw.spikeRate : layerSpikeRate(config, network.layers[pool], network));
  });
}

const bits = (v: ActionVector) => Array.from(new BigUint64Array(v.buffer.slice(0)), (b) => b.toString(16));

describe('the layer vectors written over the chip prices and over zeros', () => {
  it('equal the whole-vector prices and counts for every layer of every zoo network, each written after another layer', () => {
    let checked = 0;
    for (const name of ZOO_NAMES) {
      const network = zooNetwork(name);
      const plan = networkPlan(network);
      for (const overrides of CONFIGS) {
        const config = applyOverrides(defaultConfig(), overrides);
        const chip = chipFor(config, plan.lifNeurons);
        const chipPrices = actionVector();
        priceChipActions(chip, chipPrices);
        const weightPrices = actionVector();
        weightPrices.set(chipPrices);
        const spikePrices = actionVector();
        spikePrices.set(chipPrices);
        const spikeCounts = actionVector();
        const expected = actionVector();
        const all = designs(network, config);
        // Forward, then backward: each layer follows a different one in each order.
        const order = [...network.layers.keys(), ...[...network.layers.keys()].reverse()];
        for (const i of order) {
          const layer = network.layers[i];
          const d = all[i];
          const rate = layerSpikeRate(config, layer, network);
          const next = network.layers[i + 1];
          const outRate = next ? layerSpikeRate(config, next, network) : rate;
          if (d) {
            // The layer's own area: its tile side (the H-tree's price) differs from one layer to the next.
            const area = zeros();
            weightLayerArea(d, chip, config, area);
            writeWeightLayerPrices(d, chip, config, area, weightPrices);
            priceWeightLayer(d, chip, chipPrices, config, area, expected);
            expect([name, layer.name, bits(weightPrices)]).toEqual([name, layer.name, bits(expected)]);
          } else {
            const pixels = plan.pixels[i];
            writeSpikeLayerPrices(layer, chip, config, spikePrices, pixels);
            priceSpikeLayer(layer, chip, chipPrices, config, expected, pixels);
            expect([name, layer.name, bits(spikePrices)]).toEqual([name, layer.name, bits(expected)]);
            writeSpikeLayerCounts(layer, config, rate, outRate, spikeCounts, pixels);
            countSpikeLayer(layer, config, rate, outRate, expected, pixels);
            expect([name, layer.name, bits(spikeCounts)]).toEqual([name, layer.name, bits(expected)]);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
