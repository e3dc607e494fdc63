import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { clearMacErrorCache, layerMacError, MAC_ERROR_CROSSBARS, networkMacError } from '../../../src/sim/nonideal/macError.js';
import { clearNormalMemo, memoNormalRng } from '../../../src/sim/nonideal/normal.js';
import { createRng } from '../../../src/util/rng.js';
import type { ResolvedLayer } from '../../../src/model/types.js';

const conv: ResolvedLayer = {
  kind: 'conv', name: 'c', outChannels: 128, kernel: 3, index: 2,
  inputShape: { channels: 64, height: 8, width: 8 }, outputShape: { channels: 128, height: 8, width: 8 },
  inputSpikeRate: 0.1, directInput: false,
};

describe('layerMacError', () => {
  const config = defaultConfig();
  const hw = { device: config.device, crossbar: config.crossbar, adc: config.adc, spikeRate: 0.1 };
  it('is reproducible, samples a bounded number of crossbars and reports snr = -20 log10(rms)', () => {
    const a = layerMacError(conv, hw, config, 'm', 16);
    const b = layerMacError(conv, hw, config, 'm', 16);
    expect(a).toEqual(b);
    // 576 rows x 256 columns on 64x64 crossbars = 9 x 4 = 36 crossbars, 4 sampled
    expect(a.crossbarsSampled).toBe(MAC_ERROR_CROSSBARS);
    expect(a.rms).toBeGreaterThan(0);
    expect(a.snr_dB).toBeCloseTo(-20 * Math.log10(a.rms), 9);
  });
  it('rejects layers without weights and bad sample counts', () => {
    const pool = { ...conv, kind: 'pool', mode: 'max', kernel: 2 } as ResolvedLayer;
    expect(() => layerMacError(pool, hw, config, 'm', 4)).toThrow(/conv or linear/);
    expect(() => layerMacError(conv, hw, config, 'm', 0)).toThrow(/samples/);
  });
});

describe('networkMacError', () => {
  it('covers every weight layer of VGG16 and averages them; zero on ideal hardware', () => {
    const net = zooNetwork('vgg16-cifar10');
    const ideal = applyOverrides(defaultConfig(), { 'device.readNoiseSigma': 0, 'crossbar.rWire_ohm': 0, 'device.programmingSpread': 0, 'adc.bits': 10 });
    const r0 = networkMacError(net, ideal, 's', 4);
    expect(r0.layers.length).toBe(16);
    expect(r0.macError_rms).toBe(0);
    expect(r0.macSnr_dB).toBe(Infinity);
    const noisy = applyOverrides(ideal, { 'device.readNoiseSigma': 0.1 });
    const r1 = networkMacError(net, noisy, 's', 4);
    const mean = r1.layers.reduce((s, l) => s + l.rms, 0) / 16;
    expect(r1.macError_rms).toBeCloseTo(mean, 12);
    expect(Number.isFinite(r1.macSnr_dB)).toBe(true);
  });
});

describe('memoNormalRng', () => {
  it("replays createRng(seed).normal()'s stream exactly, for cursors that start before or after it was drawn", () => {
    clearNormalMemo();
    const n = 5000; // past the first growth of the memo (1024 values)
    const ref = createRng('memo-seed');
    const expected = Array.from({ length: n }, () => ref.normal());
    const first = memoNormalRng('memo-seed');
    const second = memoNormalRng('memo-seed', 3000); // resizes the memo first
    const a: number[] = [];
    const b: number[] = [];
    for (let k = 0; k < n; k++) {
      a.push(first.normal());
      if (k % 2 === 0) b.push(second.normal()); // lags behind: replays what `first` drew
    }
    while (b.length < n) b.push(second.normal());
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);
    expect(memoNormalRng('memo-seed').normal()).toBe(expected[0]);
    expect(() => first.next()).toThrow(/only normal/);
  });
});

describe('the MAC-error caches (proxies, input sets, normal streams)', () => {
  it('return the numbers of a cold run for designs that share weights and inputs but not the device', () => {
    const net = zooNetwork('vgg16-cifar10');
    // Also weight bits and bits per cell: the proxies' quantised weights and bandLevels' slice tables are cached by them.
    const designs = [{ 'device.rOn_ohm': 1e4 }, { 'device.rOn_ohm': 1e5 }, { 'crossbar.size': 32 }, { 'crossbar.size': 32, 'device.rOn_ohm': 1e5 },
      { 'snn.weightBits': 6 }, { 'device.bitsPerCell': 2 }, { 'snn.weightBits': 6, 'device.bitsPerCell': 3 }, { 'device.rOn_ohm': 1e4 }];
    clearMacErrorCache();
    const warm = designs.map((d) => networkMacError(net, applyOverrides(defaultConfig(), d), 'caches', 6));
    const cold = designs.map((d) => {
      clearMacErrorCache();
      return networkMacError(net, applyOverrides(defaultConfig(), d), 'caches', 6);
    });
    expect(warm).toEqual(cold);
    expect(warm[0].macError_rms).not.toEqual(warm[1].macError_rms);
  });
});

describe('the public networkMacError and layerMacError (src/index.ts)', () => {
  it('refuse a hand-built configuration and seed as evaluateAccuracy does, instead of reading them', async () => {
    // Until 2026-12-05 readNoiseSigma NaN or -0.5 read as no noise, and stuckAtRate 2 or crossbar.size 7 were measured.
    const api = await import('../../../src/index.js');
    const mlp = zooNetwork('mlp-mnist');
    const fc2 = mlp.layers[1];
    const edited = (section: 'device' | 'crossbar', key: string, value: unknown) => {
      const config = defaultConfig();
      Reflect.set(config[section], key, value);
      return config;
    };
    const refusals: [ReturnType<typeof defaultConfig>, string][] = [
      [edited('device', 'readNoiseSigma', NaN), 'device.readNoiseSigma: got NaN, expected a number in [0, 1]'],
      [edited('device', 'readNoiseSigma', -0.5), 'device.readNoiseSigma: got -0.5, expected a number in [0, 1]'],
      [edited('device', 'readNoiseSigma', 5), 'device.readNoiseSigma: got 5, expected a number in [0, 1]'],
      [edited('device', 'stuckAtRate', 2), 'device.stuckAtRate: got 2, expected a number in [0, 0.5]'],
      [edited('crossbar', 'size', 7), 'crossbar.size: got 7, expected one of'],
    ];
    for (const [config, message] of refusals) {
      expect(() => api.networkMacError(mlp, config, 'x', 10), message).toThrow(message);
      expect(() => api.layerMacError(fc2, layerHardware(defaultConfig(), fc2), config, 'x', 10), message).toThrow(message);
    }
    expect(() => api.networkMacError(mlp, defaultConfig(), 'x', 0)).toThrow('samples: got 0, expected a positive integer');
    expect(() => Reflect.apply(api.networkMacError, undefined, [mlp, defaultConfig(), 3, 10])).toThrow('seed: got 3, expected a string');
    // A valid configuration reads the same as the engine's own (unchecked) entry.
    expect(api.networkMacError(mlp, defaultConfig(), 'x', 10).macError_rms).toBe(networkMacError(mlp, defaultConfig(), 'x', 10).macError_rms);
  }, 60_000);
});
