import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { mapLayer } from '../../src/sim/mapping.js';
import { layerHardware } from '../../src/hardware/config.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { refusal } from '../helpers/refusal.js';
import { HAND_NETWORK as hand } from '../helpers/handNetwork.js';

describe('mapLayer', () => {
  it('maps a linear layer: rows, slices, blocks, crossbars, utilisation, lossless bits', () => {
    const m = mapLayer(hand.layers[0], 4, 64, defaultConfig(), 'offset-diff');
    expect(m).toMatchObject({ rows: 100, outputs: 40, slices: 2, columns: 80, rowBlocks: 2, columnBlocks: 2, crossbars: 4, pes: 1, tiles: 1,
      losslessAdcBits: 10, adcBitsNeeded: 5, positions: 1, inputCycles: 8 });
    expect(m.utilisation).toBeCloseTo(8000 / (4 * 4096), 12);
    const m2 = mapLayer(hand.layers[1], 4, 64, defaultConfig(), 'offset-diff');
    expect(m2).toMatchObject({ rows: 40, columns: 20, crossbars: 1, losslessAdcBits: 10, inputCycles: 1 });
  });

  it('maps VGG16 conv9 (512 -> 512, 3x3): 4608 rows, 72 x 16 crossbars, 128 PEs, 16 tiles', () => {
    const conv9 = zooNetwork('vgg16-cifar10').layers.find((l) => l.name === 'conv9')!;
    const m = mapLayer(conv9, 4, 64, defaultConfig(), 'offset-diff');
    expect(m).toMatchObject({ rows: 4608, columns: 1024, rowBlocks: 72, columnBlocks: 16, crossbars: 1152, pes: 128, tiles: 16, positions: 16 });
    expect(mapLayer(conv9, 1, 64, defaultConfig(), 'offset-diff').crossbars).toBe(72 * 64);
    expect(mapLayer(conv9, 8, 64, defaultConfig(), 'offset-diff').crossbars).toBe(72 * 8);
    expect(mapLayer(conv9, 4, 128, defaultConfig(), 'offset-diff').crossbars).toBe(36 * 8);
  });

  it('differential pairs double the crossbars and keep each pair in one PE (4 pairs in a 9-crossbar PE)', () => {
    const conv9 = zooNetwork('vgg16-cifar10').layers.find((l) => l.name === 'conv9')!;
    const m = mapLayer(conv9, 4, 64, defaultConfig());
    expect(m).toMatchObject({ signedMapping: 'differential-pair', arrays: 2, weightBlocks: 1152, crossbars: 2304, blocksPerPe: 4, pes: 288, tiles: 36 });
    expect(m.utilisation).toBe(1);
    const r = mapLayer(conv9, 4, 64, defaultConfig(), 'reference-column');
    expect(r).toMatchObject({ weightColumnsPerCrossbar: 62, columnBlocks: 17, referenceColumns: 34, crossbars: 72 * 17 });
    expect(r.utilisation).toBeCloseTo((4608 * (1024 + 34)) / (72 * 17 * 4096), 12);
  });
});

describe('layerHardware', () => {
  it('applies index then name overrides, and the spike-rate precedence', () => {
    const net = resolveNetwork({ name: 'n', spikeRate: 0.3, input: { channels: 4, height: 1, width: 1 },
      layers: [{ kind: 'linear', name: 'a', outFeatures: 4 }, { kind: 'linear', name: 'b', outFeatures: 4, spikeRate: 0.2 }, { kind: 'linear', name: 'c', outFeatures: 2 }] });
    const config = applyOverrides(defaultConfig(), { 'layers.1.device.bitsPerCell': 2, 'layers.b.device.bitsPerCell': 3, 'layers.2.snn.spikeRate': 0.05, 'snn.spikeRate': 0.4 });
    expect(layerHardware(config, net.layers[0], net).device.bitsPerCell).toBe(4);
    expect(layerHardware(config, net.layers[1], net).device.bitsPerCell).toBe(3);
    expect(layerHardware(config, net.layers[1], net).spikeRate).toBe(0.2);
    expect(layerHardware(config, net.layers[2], net).spikeRate).toBe(0.05);
    expect(layerHardware(defaultConfig(), net.layers[2], net).spikeRate).toBe(0.3);
    const plain = resolveNetwork({ ...net, spikeRate: undefined, name: 'p', layers: [{ kind: 'linear', name: 'a', outFeatures: 4 }, { kind: 'linear', name: 'c', outFeatures: 2 }] });
    expect(layerHardware(config, plain.layers[1], plain).spikeRate).toBe(0.4);
  });
});

describe('PEs too small for a mapping', () => {
  const pair = "expected at least 2 crossbars per PE for 'differential-pair' mapping of layer";
  it('refuses arch.crossbarsPerPe below the arrays a weight block needs, globally and per layer (was priced as 2-crossbar PEs)', () => {
    const onePerPe = applyOverrides(defaultConfig(), { 'arch.crossbarsPerPe': 1 });
    expect(refusal(() => mapLayer(hand.layers[0], 4, 64, onePerPe, 'differential-pair')))
      .toBe(`arch.crossbarsPerPe: got 1, ${pair} fc1 (its G+ and G- arrays sit in one PE)`);
    expect(refusal(() => evaluate(hand, onePerPe))).toBe(`arch.crossbarsPerPe: got 1, ${pair} fc1 (its G+ and G- arrays sit in one PE)`);
    const offset = applyOverrides(onePerPe, { 'crossbar.signedMapping': 'offset-diff' });
    expect(evaluate(hand, offset).pes).toBe(5);
    expect(refusal(() => evaluate(hand, applyOverrides(offset, { 'layers.fc2.crossbar.signedMapping': 'differential-pair' }))))
      .toBe(`arch.crossbarsPerPe: got 1, ${pair} fc2 (its G+ and G- arrays sit in one PE)`);
    expect(mapLayer(hand.layers[0], 4, 64, applyOverrides(defaultConfig(), { 'arch.crossbarsPerPe': 2 }), 'differential-pair').pes).toBe(4);
  });
});
