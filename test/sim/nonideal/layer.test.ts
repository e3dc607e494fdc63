import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware, SIGNED_MAPPINGS, type HardwareConfig } from '../../../src/hardware/config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { idealMvm, layerCrossbars, programLayer } from '../../../src/sim/nonideal/layer.js';
import { FastNormal, SeedStarts } from '../../../src/sim/nonideal/normal.js';
import { createRng } from '../../../src/util/rng.js';

/** Ideal hardware: no noise, no wire resistance, no drift or faults, ADC with at least the lossless bits. */
function idealConfig(extra: Record<string, unknown> = {}): HardwareConfig {
  return applyOverrides(defaultConfig(), {
    'device.readNoiseSigma': 0,
    'crossbar.rWire_ohm': 0,
    'device.driftTime_s': 0,
    'device.stuckAtRate': 0,
    'device.programmingSpread': 0,
    'adc.bits': 12,
    ...extra,
  });
}

function randomWeights(seed: string, n: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

function randomInput(seed: string, n: number, direct: boolean, rate = 0.2): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (rng.next() < rate ? (direct ? rng.next() : 1) : 0));
}

describe('programLayer on ideal hardware', () => {
  const cases: [string, Record<string, unknown>, number, number, boolean][] = [
    ['spikes, 64x64, 4-bit cells', {}, 150, 37, false],
    ['direct input, 64x64, 4-bit cells', {}, 150, 37, true],
    ['spikes, 32x32, 1-bit cells, 6-bit weights', { 'crossbar.size': 32, 'device.bitsPerCell': 1, 'snn.weightBits': 6 }, 70, 20, false],
    ['direct input, 128x128, 3-bit cells (8-bit weights: 3 slices, top slice 2 bits)', { 'crossbar.size': 128, 'device.bitsPerCell': 3 }, 300, 50, true],
    ['full-range lossless ADC (11 bits: lossless for the bipolar converter too)', { 'adc.rangeMode': 'full', 'adc.bits': 11 }, 64, 16, false],
  ];
  for (const [name, overrides, inputs, outputs, direct] of cases) for (const mapping of SIGNED_MAPPINGS) {
    it(`equals idealMvm bit for bit: ${name}, ${mapping}`, () => {
      const config = idealConfig({ ...overrides, 'crossbar.signedMapping': mapping });
      const hw = layerHardware(config, { index: 0, name: 'l0' });
      const layer = programLayer(randomWeights(name, inputs * outputs), inputs, outputs, hw, config, 's', { directInput: direct });
      const y = new Float32Array(outputs);
      const ref = new Float32Array(outputs);
      for (let sample = 0; sample < 5; sample++) {
        const x = randomInput(`${name}:${sample}`, inputs, direct, 0.1 + 0.2 * sample);
        layer.mvm(x, y);
        idealMvm(layer, x, ref);
        expect(Array.from(y)).toEqual(Array.from(ref));
      }
    });
  }

  it('computes weightScale * integer dot product (hand example)', () => {
    const config = idealConfig({ 'snn.weightBits': 4, 'device.bitsPerCell': 2 });
    const hw = layerHardware(config, { index: 0, name: 'l0' });
    // max|w| = 1.4 -> scale = 1.4 / 7 = 0.2; q = [[5, -7], [0, 2]]
    const w = Float32Array.from([1.0, -1.4, 0.02, 0.4]);
    const layer = programLayer(w, 2, 2, hw, config, 's', { directInput: false });
    expect(layer.weightScale).toBeCloseTo(0.2, 6); // 1.4 is not exact in float32
    expect(Array.from(layer.quantizedWeights)).toEqual([5, -7, 0, 2]);
    const y = new Float32Array(2);
    layer.mvm(Float32Array.from([1, 1]), y);
    expect(y[0]).toBe(Math.fround(-2 * layer.weightScale));
    expect(y[1]).toBe(Math.fround(2 * layer.weightScale));
    layer.mvm(Float32Array.from([1, 0]), y);
    expect(y[0]).toBe(Math.fround(5 * layer.weightScale));
    expect(y[1]).toBe(0);
  });

  it('quantises direct input to 8 bits: outputScale = weightScale / 255', () => {
    const config = idealConfig();
    const hw = layerHardware(config, { index: 0, name: 'l0' });
    const layer = programLayer(Float32Array.from([1, -0.5]), 2, 1, hw, config, 's', { directInput: true });
    // q = [127, round(-63.5) = -63] (scale 1/127); x = [0.5, 1] -> [128, 255]; acc = 127*128 - 63*255 = 191
    const y = new Float32Array(1);
    layer.mvm(Float32Array.from([0.5, 1]), y);
    expect(Array.from(layer.quantizedWeights)).toEqual([127, -63]);
    expect(y[0]).toBe(Math.fround(191 * (layer.weightScale / 255)));
  });

  it('rejects shapes that do not match the weights', () => {
    const config = idealConfig();
    const hw = layerHardware(config, { index: 0, name: 'l0' });
    expect(() => programLayer(new Float32Array(5), 2, 3, hw, config, 's', { directInput: false })).toThrow(ConfigError);
    expect(() => programLayer(new Float32Array(5), 2, 3, hw, config, 's', { directInput: false })).toThrow(/outputs x inputs/);
  });
});

describe('programLayer with non-idealities', () => {
  it('is reproducible per seed and noise key, and noise differs between reads', () => {
    const config = defaultConfig();
    const hw = layerHardware(config, { index: 0, name: 'l0' });
    const w = randomWeights('w', 100 * 20);
    const x = randomInput('x', 100, false, 0.1);
    const run = (seed: string) => {
      const layer = programLayer(w, 100, 20, hw, config, seed, { directInput: false });
      layer.reseedNoise('sample:3');
      const a = new Float32Array(20);
      const b = new Float32Array(20);
      layer.mvm(x, a);
      layer.mvm(x, b);
      return [Array.from(a), Array.from(b)];
    };
    const [a1, b1] = run('s');
    const [a2, b2] = run('s');
    expect(a1).toEqual(a2);
    expect(b1).toEqual(b2);
    expect(a1).not.toEqual(b1); // a new read draws new noise even for the same input
  });

  it('restarts a noise key\'s stream whenever it is reseeded, in the layer and in a retargeted copy', () => {
    const config = defaultConfig();
    const hw = layerHardware(config, { index: 0, name: 'l0' });
    const w = randomWeights('w', 100 * 20);
    const x = randomInput('x', 100, false, 0.1);
    const read = (layer: ReturnType<typeof programLayer>, key: string) => {
      const y = new Float32Array(20);
      layer.reseedNoise(key);
      layer.mvm(x, y);
      return Array.from(y);
    };
    const layer = programLayer(w, 100, 20, hw, config, 's', { directInput: false });
    const a = read(layer, 'a');
    const b = read(layer, 'b');
    expect(b).not.toEqual(a);
    expect(read(layer, 'a')).toEqual(a); // the key's start state is kept, the stream the same
    expect(read(programLayer(w, 100, 20, hw, config, 's', { directInput: false }), 'b')).toEqual(b);
    const copy = layer.retarget(hw.adc);
    expect(read(copy, 'b')).toEqual(b);
    expect(read(copy, 'c')).toEqual(read(programLayer(w, 100, 20, hw, config, 's', { directInput: false }), 'c'));
  });

  it('SeedStarts gives each key the start of new FastNormal(prefix + key), before and after it clears itself', () => {
    const starts = new SeedStarts('p:', 2);
    for (const key of ['a', 'b', 'a', 'c', 'd', 'a', 'b']) {
      const restarted = new FastNormal('unused');
      restarted.restart(starts.of(key));
      const fresh = new FastNormal(`p:${key}`);
      for (let k = 0; k < 5; k++) expect(restarted.normal()).toBe(fresh.normal());
    }
  });
});

describe('read caches (useSlot)', () => {
  it('change nothing but speed: per-position slots give the same outputs as recomputing every read', () => {
    const config = defaultConfig(); // read noise, wires, 5-bit converter, differential pair
    const hw = layerHardware(config, { index: 0, name: 'l0' });
    const w = randomWeights('slots', 75 * 16);
    const a = programLayer(w, 75, 16, hw, config, 's', { directInput: true });
    const b = programLayer(w, 75, 16, hw, config, 's', { directInput: true });
    const xs = [0, 1, 2].map((p) => randomInput(`slot:${p}`, 75, true, 0.4));
    const ya = new Float32Array(16);
    const yb = new Float32Array(16);
    for (let t = 0; t < 3; t++) {
      for (let p = 0; p < 3; p++) {
        a.useSlot(p);
        a.mvm(xs[p], ya);
        b.mvm(xs[p], yb);
        expect(Array.from(ya)).toEqual(Array.from(yb));
      }
    }
  });
});

describe('signed mappings (crossbar.signedMapping)', () => {
  const rmsError = (overrides: Record<string, unknown>, mapping: string) => {
    const config = idealConfig({ ...overrides, 'crossbar.signedMapping': mapping });
    const hw = layerHardware(config, { index: 1, name: 'l1' });
    const layer = programLayer(randomWeights('ref', 256 * 64), 256, 64, hw, config, 's', { directInput: false });
    const y = new Float32Array(64);
    const ref = new Float32Array(64);
    let e2 = 0;
    let s2 = 0;
    for (let k = 0; k < 32; k++) {
      const x = randomInput(`ref:${k}`, 256, false, 0.1);
      layer.reseedNoise(String(k));
      layer.mvm(x, y);
      idealMvm(layer, x, ref);
      for (let o = 0; o < 64; o++) {
        e2 += (y[o] - ref[o]) ** 2;
        s2 += ref[o] ** 2;
      }
    }
    return Math.sqrt(e2 / s2);
  };
  it('reference column and differential pair cancel most of the drift of the offset (same devices drift alike)', () => {
    const drift = { 'device.driftTime_s': 86400, 'device.driftNu': 0.05 };
    const offset = rmsError(drift, 'offset-diff');
    expect(rmsError(drift, 'reference-column') * 10).toBeLessThan(offset);
    expect(rmsError(drift, 'differential-pair') * 10).toBeLessThan(offset);
  });
  it('cancel part of the IR drop on the offset current', () => {
    const ir = { 'crossbar.rWire_ohm': 5 };
    const offset = rmsError(ir, 'offset-diff');
    expect(rmsError(ir, 'reference-column') * 2).toBeLessThan(offset);
    expect(rmsError(ir, 'differential-pair') * 2).toBeLessThan(offset);
  });
  it('differential pair: relative read noise on the small magnitudes beats noise on the offset cells', () => {
    const noise = { 'device.readNoiseSigma': 0.1 };
    expect(rmsError(noise, 'differential-pair') * 1.5).toBeLessThan(rmsError(noise, 'offset-diff'));
  });
  it('a 5-bit signed converter at 1 level per LSB keeps sparse partial sums that a 5-bit unipolar one clips', () => {
    const adc = { 'adc.bits': 5 };
    expect(rmsError(adc, 'differential-pair') * 10).toBeLessThan(rmsError(adc, 'offset-diff'));
  });
  it('counts crossbars per mapping: reference columns take S columns of each crossbar, the pair doubles them', () => {
    expect(layerCrossbars('offset-diff', 64, 2, 150, 64)).toBe(3 * 2);
    expect(layerCrossbars('reference-column', 64, 2, 150, 64)).toBe(3 * Math.ceil(128 / 62));
    expect(layerCrossbars('differential-pair', 64, 2, 150, 64)).toBe(2 * 3 * 2);
    const config = idealConfig({ 'crossbar.signedMapping': 'differential-pair' });
    const layer = programLayer(randomWeights('c', 150 * 64), 150, 64, layerHardware(config, { index: 0, name: 'l' }), config, 's', { directInput: false });
    expect(layer.crossbars).toBe(12);
  });
  it('differential pair by hand: 3-bit weights on 2-bit cells, twin columns subtracted before a sign-magnitude ADC', () => {
    // w = [3, -2, 1] -> scale 1, q = [3, -2, 1]. Balanced slicing of 3 bits on 2-bit cells: slice 0 holds bit 0, slice 1
    // bits 1-2 (shift 1). G+ slice 0 [1, 0, 1], slice 1 [1, 0, 0]; G- slice 0 [0, 0, 0], slice 1 [0, 1, 0].
    const run = (bits: number, x: number[]) => {
      const config = idealConfig({ 'snn.weightBits': 3, 'device.bitsPerCell': 2, 'crossbar.size': 8, 'crossbar.signedMapping': 'differential-pair', 'adc.bits': bits });
      const layer = programLayer(Float32Array.from([3, -2, 1]), 3, 1, layerHardware(config, { index: 0, name: 'l' }), config, 's', { directInput: false });
      expect(Array.from(layer.quantizedWeights)).toEqual([3, -2, 1]);
      const y = new Float32Array(1);
      layer.mvm(Float32Array.from(x), y);
      return y[0] / layer.weightScale;
    };
    expect(run(3, [1, 1, 1])).toBe(2); // (3 + 1) - 2
    expect(run(3, [0, 1, 0])).toBe(-2);
    expect(run(2, [1, 1, 1])).toBe(1); // 2-bit sign-magnitude codes are -1, 0, 1: slice 0 reads 2 and clips to 1, slice 1 reads 0
    // -2 is level 1 of slice 1 (shift 1): it fits the 2-bit converter. Before balanced slicing it was level 2 of slice 0 and clipped to -1.
    expect(run(2, [0, 1, 0])).toBe(-2);
  });
  it('rejects a reference-column crossbar without room for weight columns', () => {
    const config = idealConfig({ 'crossbar.signedMapping': 'reference-column', 'crossbar.size': 8, 'device.bitsPerCell': 1 });
    const hw = layerHardware(config, { index: 0, name: 'l0' });
    expect(() => programLayer(new Float32Array(4), 2, 2, hw, config, 's', { directInput: false })).toThrow(/crossbar.size: got 8/);
  });
});
