import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { layerMacError, MAC_ERROR_CROSSBARS, networkMacError } from '../../../src/sim/nonideal/macError.js';
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
