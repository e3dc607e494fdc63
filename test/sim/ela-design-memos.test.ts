/**
 * The ELA keeps a few pure results between layers and evaluations (src/sim/ela/design.ts: sensing time by cell levels,
 * crossbar rows, read voltage and node; a pool's plane shares with their mean; src/sim/ela/price.ts: the word-line
 * energy by columns, node and R_on). A key that missed a value would hand one configuration another's: so each value
 * they read is changed alone right after the base was priced (and the base priced again after it), and the design
 * and prices must equal the component models called directly.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware, type HardwareConfig, type ParamValue } from '../../src/hardware/config.js';
import { conductanceLevels, senseTime_ns } from '../../src/hardware/components/crossbar.js';
import { rowDriverEnergy_pJ } from '../../src/hardware/components/digital.js';
import { adcKind } from '../../src/hardware/components/adc/index.js';
import { signedMapping } from '../../src/hardware/signedMappings.js';
import { readsPixels } from '../../src/model/resolve.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { ACTION, actionVector } from '../../src/sim/ela/actions.js';
import { weightLayerArea } from '../../src/sim/ela/area.js';
import { weightLayerDesign } from '../../src/sim/ela/design.js';
import { chipFor, mapNetwork, mappingRow, networkPlan } from '../../src/sim/ela/plan.js';
import { priceChipActions, priceWeightLayer } from '../../src/sim/ela/price.js';
import { zeros } from '../../src/sim/ela/works.js';
import { mapLayer } from '../../src/sim/mapping.js';

const network = zooNetwork('vgg16-cifar10');
// The direct layer, a layer on spikes, a layer reading an average pool's counts, the classifier's first layer (counts too).
const LAYERS = ['conv1', 'conv2', 'conv3', 'fc1'].map((name) => {
  const layer = network.layers.find((l) => l.name === name);
  if (!layer) throw new Error(`no layer ${name}`);
  return layer;
});

/** The 2x2 pool's count Binomial(4, p) bit by bit (plain powers: within rounding of design.ts's logs), mean over its 3 planes. */
function pooledActivity(p: number): number {
  const choose = [1, 4, 6, 4, 1];
  const shares = [0, 0, 0];
  for (let k = 0; k <= 4; k++) for (let b = 0; b < 3; b++) if ((k >> b) & 1) shares[b] += choose[k] * p ** k * (1 - p) ** (4 - k);
  return (shares[0] + shares[1] + shares[2]) / 3;
}

function check(config: HardwareConfig): void {
  const plan = networkPlan(network);
  const chip = chipFor(config, plan.lifNeurons);
  const chipPrices = actionVector();
  priceChipActions(chip, chipPrices);
  const prices = actionVector();
  for (const layer of LAYERS) {
    const hw = layerHardware(config, layer, network);
    const { device } = hw;
    const m = mapLayer(layer, device.bitsPerCell, hw.crossbar.size, config, hw.crossbar.signedMapping);
    const d = weightLayerDesign(layer, m, hw, config, hw.spikeRate);
    const node = config.tech.node_nm;
    const levels = conductanceLevels(device.rOn_ohm, device.onOffRatio, m.cellBits);
    expect([layer.name, d.senseTime_ns]).toEqual([layer.name, senseTime_ns(hw.crossbar.size, device.readVoltage_V, levels.deltaG_S, node, device.rOn_ohm)]);
    const area = zeros();
    weightLayerArea(d, chip, config, area);
    priceWeightLayer(d, chip, chipPrices, config, area, prices);
    expect([layer.name, prices[ACTION.rowDrive]]).toEqual([layer.name, rowDriverEnergy_pJ(m.crossbarSize, node, device.rOn_ohm)]);
    if (layer.pooledInput) expect(d.activity).toBeCloseTo(pooledActivity(hw.spikeRate), 14);
  }
}

const BASE: Record<string, ParamValue> = { 'adc.kind': 'sar' };
const VARIANTS: Record<string, ParamValue>[] = [
  { 'device.rOn_ohm': 50000 }, { 'device.onOffRatio': 100 }, { 'device.bitsPerCell': 4 }, { 'crossbar.size': 256 }, { 'crossbar.size': 64 },
  { 'device.readVoltage_V': 0.2 }, { 'tech.node_nm': 22 }, { 'device.kind': 'pcm' }, { 'snn.spikeRate': 0.3 }, { 'snn.timesteps': 8 },
];

describe('the ELA memos of sensing time, word-line energy and pooled activity', () => {
  it('give every configuration its own values when one value they read changes between evaluations', () => {
    const base = applyOverrides(defaultConfig(), BASE);
    for (const variant of VARIANTS) {
      check(base);
      check(applyOverrides(defaultConfig(), { ...BASE, ...variant }));
    }
    check(base);
  });
});

describe('the ELA memos of the last names and the last mapping key', () => {
  it('give each layer its own converter module and DIFF when adc.kind or the signed mapping changes between layers', () => {
    const layer = LAYERS[1];
    const at = (o: Record<string, ParamValue>) => {
      const config = applyOverrides(defaultConfig(), o);
      const hw = layerHardware(config, layer, network);
      const m = mapLayer(layer, hw.device.bitsPerCell, hw.crossbar.size, config, hw.crossbar.signedMapping);
      return weightLayerDesign(layer, m, hw, config, hw.spikeRate);
    };
    for (const [kind, mapping] of [['sar', 'offset-diff'], ['flash', 'differential-pair'], ['sar', 'differential-pair'], ['flash', 'offset-diff']] as const) {
      const d = at({ 'adc.kind': kind, 'crossbar.signedMapping': mapping });
      expect([kind, mapping, d.kind, d.hasDiff]).toEqual([kind, mapping, adcKind(kind), !signedMapping(mapping).bipolar]);
    }
  });

  it('hand back the row of the key asked for after another key, and the pixel layers as readsPixels', () => {
    const plan = networkPlan(network);
    const [a, b] = [mappingRow(plan, 12345), mappingRow(plan, 54321)];
    expect(a).not.toBe(b);
    expect(mappingRow(plan, 12345)).toBe(a);
    expect(mappingRow(plan, 54321)).toBe(b);
    expect(mappingRow(plan, -1)).toBeNull();
    expect(plan.pixels).toEqual(network.layers.map((l) => readsPixels(network, l)));
  });
});

describe('mapNetwork through the plan\'s mapping rows', () => {
  it('hands back the mappings mapLayer gives, the same objects for the same key, and refuses again what it refused', () => {
    const config = applyOverrides(defaultConfig(), { 'crossbar.size': 128, 'device.bitsPerCell': 3 });
    const first = mapNetwork(network, config);
    const weight = network.layers.filter((l) => l.kind === 'conv' || l.kind === 'linear');
    expect(first).toEqual(weight.map((l) => mapLayer(l, 3, 128, config)));
    // Another value the mapping does not read (R_on): the kept objects.
    mapNetwork(network, applyOverrides(defaultConfig(), { 'crossbar.size': 64 }));
    const again = mapNetwork(network, applyOverrides(config, { 'device.rOn_ohm': 50000 }));
    again.forEach((m, i) => expect(m).toBe(first[i]));
    const onePerPe = applyOverrides(defaultConfig(), { 'arch.crossbarsPerPe': 1, 'crossbar.signedMapping': 'differential-pair' });
    for (let k = 0; k < 2; k++) expect(() => mapNetwork(network, onePerPe)).toThrow(/arch\.crossbarsPerPe: got 1, expected at least 2/);
  });
});
