/**
 * evaluateTotals keeps each weight layer's action counts between evaluations (src/sim/ela/countsMemo.ts), keyed by the
 * values they read. A key that missed one would serve the previous configuration's counts: so every ELA parameter of
 * the registry, global and per layer, is changed alone right after the base configuration was evaluated, and the
 * totals must equal a fresh evaluate()'s (which keeps nothing), bit for bit; and the key itself misses when any one
 * of its values differs (some are implied by others in a whole evaluation: the converter's bits by the accumulator's).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware, type HardwareConfig, type ParameterSpec, type ParamValue } from '../../src/hardware/config.js';
import { isWeightLayer } from '../../src/model/resolve.js';
import { zooNetwork } from '../../src/model/zoo.js';
import type { Network } from '../../src/model/types.js';
import { evaluate, evaluateTotalsInto, totalsSlot } from '../../src/sim/evaluate.js';
import { countsEntry, countsHit, keepCounts } from '../../src/sim/ela/countsMemo.js';
import { weightLayerDesign, type WeightLayerDesign } from '../../src/sim/ela/design.js';
import { mapLayer } from '../../src/sim/mapping.js';
import { parametersOf, unlessRefused } from './fuzzConfigs.js';

/** Values other than the default: every choice or listed integer, else a range's edges and a value inside. */
function otherValues(spec: ParameterSpec): ParamValue[] {
  const t = spec.type;
  const all: ParamValue[] = t.kind === 'choice' ? [...t.values] : t.kind === 'int' && t.values ? [...t.values] : [t.min, t.max, t.min + (t.max - t.min) / 3];
  return all.filter((v) => v !== spec.default && !(t.kind === 'real' && t.minExclusive === true && v === t.min));
}

function totalsOf(network: Network, config: HardwareConfig): object {
  const { layers: _layers, ...totals } = evaluate(network, config);
  return totals;
}

/** Each variant evaluated right after `base` into one slot (the memos hold the base's layers) against evaluate(). */
function checkVariants(network: Network, base: Record<string, ParamValue>, variants: Record<string, ParamValue>[]): { run: number; changed: number } {
  const slot = totalsSlot();
  const baseConfig = applyOverrides(defaultConfig(), base);
  const baseTotals = totalsOf(network, baseConfig);
  let run = 0;
  let changed = 0;
  for (const variant of variants) {
    const config = unlessRefused(() => applyOverrides(defaultConfig(), { ...base, ...variant }));
    if (!config) continue;
    const expected = unlessRefused(() => totalsOf(network, config));
    if (!expected) continue;
    run++;
    expect(evaluateTotalsInto(network, baseConfig, slot)).toStrictEqual(baseTotals);
    expect(evaluateTotalsInto(network, config, slot), JSON.stringify(variant)).toStrictEqual(expected);
    if (JSON.stringify(expected) !== JSON.stringify(baseTotals)) changed++;
  }
  return { run, changed };
}

const specs = parametersOf('ela');
// VGG16 (twin layers), ResNet19 (1x1 shortcuts), cnn-mnist; read-model and SpikeSim timing, both spike encodings,
// packings and the offset-diff mapping, so the key is tried where the counts take other branches.
const NETWORKS = ['vgg16-cifar10', 'resnet19-cifar10', 'cnn-mnist'];
const BASES: Record<string, ParamValue>[] = [
  {},
  { 'arch.spikeEncoding': 'aer', 'adc.skipZeroReads': 'on', 'crossbar.signedMapping': 'offset-diff', 'arch.tilePacking': 'shared' },
  { 'arch.componentCosts': 'spikesim-ela', 'arch.timing': 'spikesim-ela', 'snn.timesteps': 2 },
];

describe("evaluateTotals' per-layer counts memo", () => {
  it('serve no number of the previous configuration: every ELA parameter changed alone', () => {
    for (const name of NETWORKS) {
      const network = zooNetwork(name);
      for (const base of BASES) {
        const variants = specs.flatMap((spec) => otherValues(spec).map((v) => ({ [spec.path]: v })));
        const { run, changed } = checkVariants(network, base, variants);
        // The check means something only if the changes move the totals (under SpikeSim's costs and timing about half
        // of the parameters do not).
        expect(changed).toBeGreaterThan(run / 3);
      }
    }
  });

  it('serve no number of the previous configuration: every per-layer parameter changed on one layer', () => {
    for (const name of NETWORKS) {
      const network = zooNetwork(name);
      const weightLayers = network.layers.filter(isWeightLayer);
      // The first layer (direct-coded input) and one in the middle, whose output feeds a pooling or add layer.
      const keys = [weightLayers[0].name, weightLayers[Math.floor(weightLayers.length / 2)].name];
      const variants = keys.flatMap((key) =>
        specs.filter((s) => s.perLayer).flatMap((spec) => otherValues(spec).map((v) => ({ [`layers.${key}.${spec.path}`]: v }))));
      const { run, changed } = checkVariants(network, {}, variants);
      expect(changed).toBeGreaterThan(run / 2);
    }
  });
});

/** A copy of `config` with one leaf changed (the memos compare values, not objects). */
function withValue(config: HardwareConfig, section: 'snn' | 'arch', key: string, value: ParamValue | object): HardwareConfig {
  return { ...config, [section]: { ...config[section], [key]: value } };
}

describe('the counts memo key', () => {
  const network = zooNetwork('resnet19-cifar10');
  const config = applyOverrides(defaultConfig(), {});

  it("a weight layer's counts entry misses when any value they were counted from differs", () => {
    const layers = network.layers.filter(isWeightLayer);
    const layer = layers[1];
    const hw = layerHardware(config, layer, network);
    const m = mapLayer(layer, hw.device.bitsPerCell, hw.crossbar.size, config, hw.crossbar.signedMapping);
    const d = weightLayerDesign(layer, m, hw, config, hw.spikeRate);
    const e = countsEntry(network.layers.length + 5);
    keepCounts(e, layer, d, config, 4, 0.2);
    expect(countsHit(e, layer, d, config, 4, 0.2)).toBe(true);
    const design = (change: Partial<WeightLayerDesign>): WeightLayerDesign => ({ ...d, ...change });
    const misses: [string, boolean][] = [
      ['layer', countsHit(e, layers[2], d, config, 4, 0.2)],
      ['mapping', countsHit(e, layer, design({ m: { ...m } }), config, 4, 0.2)],
      ['activity', countsHit(e, layer, design({ activity: d.activity / 2 }), config, 4, 0.2)],
      ['zero reads', countsHit(e, layer, design({ zeroReadFraction: 0.5 }), config, 4, 0.2)],
      ['mux', countsHit(e, layer, design({ hasMux: !d.hasMux }), config, 4, 0.2)],
      ['skip zero reads', countsHit(e, layer, design({ hw: { ...hw, adc: { ...hw.adc, skipZeroReads: 'on' } } }), config, 4, 0.2)],
      ['tile groups', countsHit(e, layer, design({ tileGroups: d.tileGroups + 1 }), config, 4, 0.2)],
      ['accumulator bits', countsHit(e, layer, design({ accumulatorBits: d.accumulatorBits + 1 }), config, 4, 0.2)],
      ['conversion bits', countsHit(e, layer, design({ conv: { ...d.conv, bits: d.conv.bits + 1 } }), config, 4, 0.2)],
      ['timesteps', countsHit(e, layer, d, withValue(config, 'snn', 'timesteps', 9), 4, 0.2)],
      ['encoding', countsHit(e, layer, d, withValue(config, 'arch', 'spikeEncoding', 'aer'), 4, 0.2)],
      ['reduction', countsHit(e, layer, d, withValue(config, 'arch', 'psumReduction', config.arch.psumReduction === 'global' ? 'tree' : 'global'), 4, 0.2)],
      ['multicast', countsHit(e, layer, d, withValue(config, 'arch', 'nocMulticast', config.arch.nocMulticast === 'tree' ? 'unicast' : 'tree'), 4, 0.2)],
      ['PEs per tile', countsHit(e, layer, d, withValue(config, 'arch', 'pesPerTile', config.arch.pesPerTile + 1), 4, 0.2)],
      ['PE buffer', countsHit(e, layer, d, withValue(config, 'arch', 'buffer_KB', { ...config.arch.buffer_KB, pe: 0 }), 4, 0.2)],
      ['hops', countsHit(e, layer, d, config, 5, 0.2)],
      ['output rate', countsHit(e, layer, d, config, 4, 0.25)],
    ];
    expect(misses.filter(([, hit]) => hit).map(([what]) => what)).toStrictEqual([]);
  });
});
