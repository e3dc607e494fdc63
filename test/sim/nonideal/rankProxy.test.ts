import { readFileSync } from 'node:fs';
import { sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { histogramPrior, mnistPixelPrior } from '../../../src/sim/nonideal/inputPrior.js';
import { networkMacError } from '../../../src/sim/nonideal/macError.js';
import { datasetInputPrior, networkRankProxy } from '../../../src/sim/nonideal/rankProxy.js';
import { resolveConfiguration } from '../../../src/sim/simulate.js';
import { drawDesigns } from '../../../scripts/proxy-rank.js';

describe('input priors', () => {
  it('inverts the histogram: value = code / 255 at the uniform quantile', () => {
    const counts = new Float64Array(256);
    counts[0] = 3;
    counts[255] = 1;
    const p = histogramPrior('t', counts);
    expect(p.quantile(0)).toBe(0);
    expect(p.quantile(0.74)).toBe(0);
    expect(p.quantile(0.75)).toBe(1);
    expect(p.quantile(0.9999)).toBe(1);
    expect(() => histogramPrior('t', new Float64Array(255))).toThrow(/expected 256/);
  });
  it("MNIST's pixels: mostly dark background, about 19% lit, mean about 0.13", () => {
    const p = mnistPixelPrior();
    const v = Array.from({ length: 10_000 }, (_, k) => p.quantile((k + 0.5) / 10_000));
    const lit = v.filter((x) => x > 0).length / v.length;
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    expect(lit).toBeGreaterThan(0.17);
    expect(lit).toBeLessThan(0.21);
    expect(mean).toBeGreaterThan(0.11);
    expect(mean).toBeLessThan(0.15);
    expect(datasetInputPrior(zooNetwork('mlp-mnist'))).toBe(p);
    expect(datasetInputPrior(zooNetwork('vgg16-cifar10'))).toBeUndefined();
  });
});

describe('MAC error of the mean of T reads', () => {
  const net = zooNetwork('mlp-mnist');
  it('is the single-read MAC error without read noise, and about 1/sqrt(T) of it when read noise is the only error', () => {
    const quiet = applyOverrides(defaultConfig(), { 'device.readNoiseSigma': 0 });
    const one = networkMacError(net, quiet, 's', 10).layers.map((l) => l.rms);
    expect(networkMacError(net, quiet, 's', 10, undefined, { reads: 4 }).layers.map((l) => l.rms)).toEqual(one);
    const noisy = applyOverrides(defaultConfig(), { 'device.readNoiseSigma': 0.2, 'adc.bits': 12, 'crossbar.rWire_ohm': 0, 'device.programmingSpread': 0 });
    const single = networkMacError(net, noisy, 's', 10);
    expect(networkMacError(net, noisy, 's', 10, undefined, { reads: 1 })).toEqual(single);
    const four = networkMacError(net, noisy, 's', 10, undefined, { reads: 4 });
    // Independent noise per read: the mean of 4 reads has 1/2 the noise rms (plus the converters' rounding).
    four.layers.forEach((l, k) => expect(l.rms / single.layers[k].rms).toBeGreaterThan(0.4));
    four.layers.forEach((l, k) => expect(l.rms / single.layers[k].rms).toBeLessThan(0.6));
    expect(() => networkMacError(net, noisy, 's', 10, undefined, { reads: 0 })).toThrow(/reads: got 0/);
  });
});

describe('networkRankProxy', () => {
  const net = zooNetwork('cnn-mnist');
  it('is near 0 on near-ideal hardware and exactly 1 when every layer is dead (capped per layer)', () => {
    const ideal = applyOverrides(defaultConfig(), { 'device.readNoiseSigma': 0, 'crossbar.rWire_ohm': 0, 'device.programmingSpread': 0, 'adc.bits': 12 });
    expect(networkRankProxy(net, ideal, 's', 10).rankProxy).toBeLessThan(0.05);
    const dead = applyOverrides(defaultConfig(), { 'adc.bits': 2, 'crossbar.signedMapping': 'offset-diff', 'crossbar.size': 128 });
    const r = networkRankProxy(net, dead, 's', 10);
    expect(r.layers.every((l) => l.rms > 1)).toBe(true);
    expect(r.rankProxy).toBe(1);
  });
});

// The measurement of docs/accuracy.md "The rank proxy" (npm run proxy-rank, 60 designs): measured accuracies and
// proxies, stored. The ranks are checked on the stored numbers (cheap); a subset of designs is recomputed so that a
// change of the engine that moves the proxy fails here (then re-run proxy-rank and refresh the fixture). These are the
// designs the proxy was chosen on: on 30 fresh designs it ranks worse than the MAC error (docs/accuracy.md).
describe('rank proxy vs measured accuracy (issue 11 item 3, stored 60-design run)', () => {
  const [head, ...lines] = readFileSync(new URL('./rankProxy.fixture.csv', import.meta.url), 'utf8').trim().split('\n');
  const col = head.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, k) => [col[k], v])));
  const of = (net: string) => rows.filter((r) => r.network === net);
  const rho = (rs: typeof rows, proxy: string) => sampleRankCorrelation(rs.map((r) => Number(r[proxy])), rs.map((r) => Number(r.accuracy)));
  it('ranks like the accuracy with |rho| >= 0.9 on both networks, better than the MAC error', () => {
    for (const net of ['mlp-mnist', 'cnn-mnist']) {
      expect(of(net)).toHaveLength(60);
      expect(rho(of(net), 'rankProxy')).toBeLessThan(-0.9);
      expect(rho(of(net), 'rankProxy')).toBeLessThan(rho(of(net), 'macError_rms'));
      // Held-out halves (even / odd ids): measured -0.914 / -0.897 (mlp), -0.954 / -0.893 (cnn).
      for (const odd of [0, 1]) expect(rho(of(net).filter((r) => Number(r.id) % 2 === odd), 'rankProxy')).toBeLessThan(-0.85);
    }
  });
  it('recomputes the stored proxy on a subset of designs', () => {
    const designs = drawDesigns(60);
    for (const id of [3, 22, 36, 41, 49, 57]) {
      const { id: _id, ...over } = designs[id];
      const stored = of('cnn-mnist').find((r) => Number(r.id) === id)!;
      const { network, config } = resolveConfiguration(zooNetwork('cnn-mnist'), { ...over, 'accuracy.samples': Number(stored.samples) });
      expect(networkRankProxy(network, config, `${config.accuracy.seed}:macerror`, config.accuracy.macSamples).rankProxy).toBe(Number(stored.rankProxy));
    }
  }, 120_000);
});
