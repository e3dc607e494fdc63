import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { affineResidual, firingThreshold, networkSpikeProxy } from '../../../src/sim/nonideal/spikeProxy.js';

describe('affineResidual', () => {
  const ref = Float32Array.from([1, 2, 3, 4, 5, 6]);
  it('is 0 for any positive or negative affine map of the reference (gain and offset do not count)', () => {
    expect(affineResidual(ref.map((v) => 2 * v + 3), ref)).toBeCloseTo(0, 6);
    expect(affineResidual(ref.map((v) => -0.5 * v), ref)).toBeCloseTo(0, 6);
  });
  it('is 1 for a constant output and sqrt(1 - r²) otherwise', () => {
    expect(affineResidual(new Float32Array(6).fill(7), ref)).toBe(1);
    // y = [1, 2, 3, 4, 5, 6] with 3 and 4 swapped: r = 1 - 6 * 2 / (6 * 35) = 0.942857..., sqrt(1 - r²) = 0.33320...
    const r = 1 - 12 / 210;
    expect(affineResidual(Float32Array.from([1, 2, 4, 3, 5, 6]), ref)).toBeCloseTo(Math.sqrt(1 - r * r), 6);
  });
});

describe('firingThreshold', () => {
  it('leaves a fraction rate of the values strictly above it', () => {
    const v = Float32Array.from({ length: 100 }, (_, k) => (k * 37) % 100);
    const theta = firingThreshold(v, 0.1);
    expect(v.filter((x) => x > theta).length).toBe(10);
    expect(firingThreshold(v, 0.5)).toBe(49);
  });
});

describe('networkSpikeProxy', () => {
  const net = zooNetwork('mlp-mnist');
  const ideal = applyOverrides(defaultConfig(), { 'device.readNoiseSigma': 0, 'crossbar.rWire_ohm': 0, 'device.programmingSpread': 0, 'adc.bits': 12 });
  it('is 0 with no flipped spike on ideal hardware, reproducible, and one entry per weight layer', () => {
    const r = networkSpikeProxy(net, ideal, 's', 20);
    expect(r.layers.map((l) => l.layer)).toEqual(['fc1', 'fc2']);
    expect(r.layers[0].miss).toBe(0);
    expect(r.layers[0].falseFire).toBe(0);
    expect(r.spikeProxy).toBeLessThan(1e-3);
    expect(Number.isNaN(r.layers[1].miss)).toBe(true);
    expect(networkSpikeProxy(net, ideal, 's', 20)).toEqual(r);
  });
  it('rises with read noise and is 1 (no information) when the converter zeroes every partial sum', () => {
    const at = (sigma: number) => networkSpikeProxy(net, applyOverrides(ideal, { 'device.readNoiseSigma': sigma }), 's', 20).spikeProxy;
    const [a, b, c] = [at(0.02), at(0.1), at(0.3)];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(c).toBeLessThanOrEqual(1);
    // 8-bit cells on 128 rows through a 2-bit converter with clip range: the first layer's hidden spikes all miss
    const dead = networkSpikeProxy(net, applyOverrides(defaultConfig(), { 'device.bitsPerCell': 8, 'adc.bits': 2, 'crossbar.size': 128 }), 's', 20);
    expect(dead.layers[0].miss).toBe(1);
    expect(dead.spikeProxy).toBe(1);
  });
});
