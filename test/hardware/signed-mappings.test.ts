import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware, PARAMETERS, type HardwareConfig } from '../../src/hardware/config.js';
import { checkedWeightColumnsPerCrossbar, SIGNED_MAPPINGS, signedMapping } from '../../src/hardware/signedMappings.js';
import { ConfigError } from '../../src/core/errors.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { programNetwork } from '../../src/sim/accuracy.js';
import { mapLayer } from '../../src/sim/mapping.js';
import { programLayer } from '../../src/sim/nonideal/layer.js';
import { bandColumns, bandLevels, bitSlicing, layerCrossbars } from '../../src/sim/nonideal/placement.js';
import { buildSnnGraph } from '../../src/snn/graph.js';
import { loadWeights } from '../../src/snn/weights.js';

const config = (o: Record<string, unknown>): HardwareConfig => applyOverrides(defaultConfig(), o);
const mlp = zooNetwork('mlp-mnist');

describe('the signed-mapping registry: one record both engines read', () => {
  it('lists the three mappings in the order crossbar.signedMapping offers them, and refuses any other name', () => {
    expect(SIGNED_MAPPINGS).toEqual(['offset-diff', 'reference-column', 'differential-pair']);
    expect(PARAMETERS.find((p) => p.path === 'crossbar.signedMapping')!.type).toEqual({ kind: 'choice', values: SIGNED_MAPPINGS });
    expect(() => signedMapping('twin')).toThrow(new ConfigError('crossbar.signedMapping: got "twin", expected one of offset-diff, reference-column, differential-pair'));
  });

  it("the description and source list each record's words, as before the registry", () => {
    const spec = PARAMETERS.find((p) => p.path === 'crossbar.signedMapping')!;
    expect(spec.description).toBe("Signed weights: 'offset-diff' (one crossbar + digital DIFF), 'reference-column' (analog offset column per slice), 'differential-pair' (two crossbars)");
    expect(spec.source).toBe('review Sec. III (SpikeSim DIFF module); ISAAC (offset encoding); PRIME (positive/negative crossbar pairs)');
  });

  for (const name of SIGNED_MAPPINGS) {
    const record = signedMapping(name);
    it(`${name}: every stored integer is in the cell range, and the arrays (or the reference column) give back q`, () => {
      const offset = 8; // 4-bit weights
      const zero = record.stored(0, offset);
      expect(zero).toHaveLength(record.arrays);
      for (let q = -offset; q < offset; q++) {
        const stored = record.stored(q, offset);
        expect(stored).toHaveLength(record.arrays);
        for (const u of stored) expect(u >= 0 && u < 2 * offset).toBe(true);
        // Two arrays: G+ - G-. One array: the stored integer minus weight 0's (the reference column, or the DIFF's offset).
        expect(record.arrays === 2 ? stored[0] - stored[1] : stored[0] - zero[0]).toBe(q);
      }
    });

    it(`${name}: the ELA mapping and the functional placement read the same record`, () => {
      // fc1 of mlp-mnist (784 x 256), 8-bit weights on 2-bit cells (S = 4), 64-column crossbars.
      const cfg = config({ 'crossbar.signedMapping': name, 'device.bitsPerCell': 2, 'arch.crossbarsPerPe': 4 });
      const fc1 = mlp.layers.find((l) => l.name === 'fc1')!;
      const m = mapLayer(fc1, 2, 64, cfg, name);
      const S = bitSlicing(cfg.snn.weightBits, 2).slices;
      expect(S).toBe(4);
      const perCrossbar = 64 - record.referenceColumns(S);
      expect(m.arrays).toBe(record.arrays);
      expect(m.weightColumnsPerCrossbar).toBe(perCrossbar);
      expect(m.referenceColumns).toBe(Math.ceil((256 * S) / perCrossbar) * record.referenceColumns(S));
      expect(m.crossbars).toBe(record.arrays * Math.ceil(784 / 64) * Math.ceil((256 * S) / perCrossbar));
      expect(layerCrossbars(name, 64, S, 784, 256)).toBe(m.crossbars);
      // The sign bit: a bipolar converter needs one bit more than the unipolar column sum, log2(64 x 3 + 1) -> 8 bits.
      expect(m.losslessAdcBits).toBe(8 + (record.bipolar ? 1 : 0));
      const placed = bandColumns(name, 256 * S, S, 64);
      expect(placed.totalCols).toBe(record.arrays * 256 * S + m.referenceColumns);
      expect(placed.partner === null).toBe(!record.bipolar);
    });
  }

  it('a reference column holds the offset slices, a twin column the negative part (bandLevels from the records)', () => {
    const slicing = bitSlicing(4, 2); // 2 slices of 2 bits, offset 8
    const q = Int32Array.from([-3]); // 1 output x 1 input
    // reference-column: u = -3 + 8 = 5 = 01|01; reference = 8 = 10|00, in the 2 columns after the weight columns.
    const ref = bandColumns('reference-column', 2, 2, 8);
    expect(Array.from(bandLevels(q, 1, 1, 0, 1, 'reference-column', slicing, 8, ref.totalCols))).toEqual([1, 1, 0, 2]);
    // differential-pair: G+ = 0, G- = 3 = 00|11.
    expect(Array.from(bandLevels(q, 1, 1, 0, 1, 'differential-pair', slicing, 8, 4))).toEqual([0, 0, 3, 0]);
    expect(Array.from(bandLevels(q, 1, 1, 0, 1, 'offset-diff', slicing, 8, 2))).toEqual([1, 1]);
  });
});

describe('the reference-column refusal names the field the size comes from, in both engines', () => {
  it('one line for the ELA and the functional engine', () => {
    expect(checkedWeightColumnsPerCrossbar('reference-column', 64, 2, 'crossbar.size')).toBe(62);
    expect(checkedWeightColumnsPerCrossbar('differential-pair', 8, 8, 'crossbar.size')).toBe(8);
    expect(() => checkedWeightColumnsPerCrossbar('reference-column', 8, 8, 'layers.fc2.crossbar.size', 'fc2')).toThrow(new ConfigError(
      "layers.fc2.crossbar.size: got 8, expected more than 8 columns for 'reference-column' mapping of layer fc2 (8 reference columns per crossbar)"));
  });

  it("the accuracy engine names the layer's own crossbar.size override (before: always crossbar.size)", () => {
    const narrow = config({ 'layers.fc2.crossbar.signedMapping': 'reference-column', 'layers.fc2.crossbar.size': 8, 'layers.fc2.device.bitsPerCell': 1 });
    expect(() => programNetwork(mlp, buildSnnGraph(mlp), loadWeights('mlp-mnist')!, narrow)).toThrow(new ConfigError(
      "layers.fc2.crossbar.size: got 8, expected more than 8 columns for 'reference-column' mapping of layer fc2 (8 reference columns per crossbar)"));
    // programLayer told the layer (by index here): the path as written.
    const byIndex = config({ 'layers.1.crossbar.signedMapping': 'reference-column', 'layers.1.crossbar.size': 8, 'layers.1.device.bitsPerCell': 1 });
    const hw = layerHardware(byIndex, { index: 1, name: 'fc2' });
    expect(() => programLayer(new Float32Array(4), 2, 2, hw, byIndex, 's', { directInput: false, layer: { index: 1, name: 'fc2' } }))
      .toThrow(/^layers\.1\.crossbar\.size: got 8, expected more than 8 columns for 'reference-column' mapping of layer fc2 /);
    // Without a layer (a library caller's lone crossbar): the global field, as before.
    expect(() => programLayer(new Float32Array(4), 2, 2, hw, byIndex, 's', { directInput: false }))
      .toThrow(new ConfigError("crossbar.size: got 8, expected more than 8 columns for 'reference-column' mapping (8 reference columns per crossbar)"));
  });
});
