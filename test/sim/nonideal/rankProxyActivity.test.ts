import { readFileSync } from 'node:fs';
import { sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { activityHardware, propagatedSpikeRates, untrainedSpikeRates } from '../../../src/sim/nonideal/activityPrior.js';
import { networkMacError } from '../../../src/sim/nonideal/macError.js';
import { datasetInputPrior, networkActivityProxy } from '../../../src/sim/nonideal/rankProxy.js';
import { resolveConfiguration } from '../../../src/sim/simulate.js';
import { buildSnnGraph } from '../../../src/snn/graph.js';
import { SnnRunner, softwareEngines } from '../../../src/snn/inference.js';
import { loadMnist, MNIST_PIXELS } from '../../../src/snn/mnist.js';
import { loadWeights } from '../../../src/snn/weights.js';
import { drawDesigns } from '../../../scripts/proxy-rank.js';

describe('propagatedSpikeRates', () => {
  const images = loadMnist('train').images;
  /** Spikes per spiking layer, summed over `count` images and T steps, as the inference runner counts them. */
  const runnerSpikes = (name: string, count: number, T: number) => {
    const graph = buildSnnGraph(zooNetwork(name));
    const w = loadWeights(name)!;
    const runner = new SnnRunner(graph);
    const engines = softwareEngines(w);
    const total = graph.weightOps.filter((op) => op.spiking).map(() => 0);
    for (let s = 0; s < count; s++) {
      runner.run(images.subarray(s * MNIST_PIXELS, (s + 1) * MNIST_PIXELS), engines, { timesteps: T, lif: w.lif, reuseDirectLayer: true })
        .spikes.forEach((n, k) => (total[k] += n));
    }
    return { graph, w, total };
  };
  it("is the previous layer's spikes per neuron and step when no pool is between (mlp fc1 -> fc2)", () => {
    const { graph, w, total } = runnerSpikes('mlp-mnist', 8, 4);
    const rates = propagatedSpikeRates(graph, w, 4, images, 8);
    expect([...rates.keys()]).toEqual(['fc2']);
    expect(rates.get('fc2')).toBeCloseTo(total[0] / (8 * 4 * 256), 12);
  });
  it('counts OR-pooled spikes: between the pooled layer\'s own rate and 4x it (2x2 pool, cnn conv2 -> fc1)', () => {
    const { graph, w, total } = runnerSpikes('cnn-mnist', 8, 4);
    const rates = propagatedSpikeRates(graph, w, 4, images, 8);
    expect([...rates.keys()]).toEqual(['conv2', 'fc1']);
    const conv2Own = total[1] / (8 * 4 * 32 * 8 * 8);
    expect(rates.get('fc1')!).toBeGreaterThan(conv2Own);
    expect(rates.get('fc1')!).toBeLessThanOrEqual(4 * conv2Own);
  });
});

describe('untrainedSpikeRates (the activity prior)', () => {
  it('is deterministic and pinned (T = 4, 8-bit weights; docs/accuracy.md "The activity prior")', () => {
    expect([...untrainedSpikeRates(zooNetwork('mlp-mnist'), 4, 8)]).toEqual([['fc2', 0.1718902587890625]]);
    expect([...untrainedSpikeRates(zooNetwork('cnn-mnist'), 4, 8)]).toEqual([['conv2', 0.3274261474609375], ['fc1', 0.4186553955078125]]);
  });
  it('rises with T: a leaky membrane needs several steps of a sub-threshold input to fire', () => {
    const rate = (T: number) => untrainedSpikeRates(zooNetwork('mlp-mnist'), T, 8).get('fc2')!;
    expect(rate(1)).toBeLessThan(rate(2));
    expect(rate(2)).toBeLessThan(rate(4));
    expect(rate(4)).toBeLessThan(rate(8));
  });
  it('replaces only the spiking-input layers\' rate in the proxies\' hardware view', () => {
    const { network, config } = resolveConfiguration(zooNetwork('mlp-mnist'), {});
    const hw = activityHardware(network, config);
    const [fc1, fc2] = network.layers;
    expect(hw(fc1).spikeRate).toBe(config.snn.spikeRate);
    expect(hw(fc2).spikeRate).toBe(0.1718902587890625);
    expect(hw(fc2).adc).toEqual(config.adc);
  });
});

describe('networkActivityProxy', () => {
  const net = zooNetwork('cnn-mnist');
  it('is near 0 on near-ideal hardware; the rank-proxy form is exactly 1 for a dead converter', () => {
    const ideal = applyOverrides(defaultConfig(), { 'device.readNoiseSigma': 0, 'crossbar.rWire_ohm': 0, 'device.programmingSpread': 0, 'adc.bits': 12 });
    const a = networkActivityProxy(net, ideal, 's', 10);
    expect(a.activityMacError).toBeLessThan(0.05);
    expect(a.activityRankProxy).toBeLessThan(0.05);
    const dead = applyOverrides(defaultConfig(), { 'adc.bits': 2, 'crossbar.signedMapping': 'offset-diff', 'crossbar.size': 128 });
    expect(networkActivityProxy(net, dead, 's', 10).activityRankProxy).toBe(1);
  });
  it('sees the clipping and IR drop that the default rate hides (1-bit offset-diff cells, 32 rows)', () => {
    // cnn, 3-bit converter: at snn.spikeRate 0.1 a 32-row column of 1-bit offset cells sums to ~1.6 levels; at the
    // prior's 0.33 / 0.42 to 5-7, and the converter clips (docs/accuracy.md, hold-out design 16).
    const over = { 'device.bitsPerCell': 1, 'adc.bits': 3, 'crossbar.size': 32, 'crossbar.signedMapping': 'offset-diff' };
    const layersOf = (name: string, extra: Record<string, number>, activity: boolean) => {
      const { network, config } = resolveConfiguration(zooNetwork(name), { ...over, ...extra });
      const hwFor = activity ? activityHardware(network, config) : undefined;
      return networkMacError(network, config, 's', 20, hwFor, { inputPrior: datasetInputPrior(network) }).layers.map((l) => l.rms);
    };
    const prior = layersOf('cnn-mnist', {}, true);
    const flat = layersOf('cnn-mnist', {}, false);
    expect(prior[0]).toBe(flat[0]);
    expect(prior[1]).toBeGreaterThan(3 * flat[1]);
    expect(prior[2]).toBeGreaterThan(3 * flat[2]);
    // mlp, IR drop alone (no read noise, no programming spread, 12-bit converter): more rows driven, more current
    // through the wires; 0.17 instead of 0.1 of the rows.
    const ir = { 'device.readNoiseSigma': 0, 'device.programmingSpread': 0, 'adc.bits': 12 };
    const irPrior = layersOf('mlp-mnist', ir, true);
    const irFlat = layersOf('mlp-mnist', ir, false);
    expect(irPrior[0]).toBe(irFlat[0]);
    expect(irPrior[1]).toBeGreaterThan(2 * irFlat[1]);
  }, 60_000);
});

// The pre-registered measurement of docs/accuracy.md "The activity prior": 60 fresh designs (seed proxy-rank-wave2)
// plus the 90 seen ones (seeds proxy-rank, proxy-rank-holdout), measured accuracies and every proxy, stored. Neither
// candidate met |rho| >= 0.9 on both networks on the fresh designs (activityRankProxy: -0.895 on mlp-mnist), so
// neither is a registry metric; these pin the numbers the docs give, and a subset is recomputed so that an engine
// change that moves the candidates fails here (then re-run proxy-rank with --accuracy-from and refresh the fixture).
describe('activity-prior candidates vs measured accuracy (stored 150-design runs)', () => {
  const [head, ...lines] = readFileSync(new URL('./rankProxyActivity.fixture.csv', import.meta.url), 'utf8').trim().split('\n');
  const col = head.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, k) => [col[k], v])));
  const of = (net: string, seeds: readonly string[]) => rows.filter((r) => r.network === net && seeds.includes(r.seed));
  const rho = (rs: typeof rows, proxy: string) => sampleRankCorrelation(rs.map((r) => Number(r[proxy])), rs.map((r) => Number(r.accuracy)));
  const FRESH = ['proxy-rank-wave2'];
  const ALL = ['proxy-rank', 'proxy-rank-holdout', 'proxy-rank-wave2'];
  it('gives the documented rho on the 60 fresh designs: activityRankProxy best, short of -0.9 on mlp-mnist', () => {
    const measured = {
      'mlp-mnist': { macError_rms: -0.871, rankProxy: -0.855, activityMacError: -0.883, activityRankProxy: -0.895 },
      'cnn-mnist': { macError_rms: -0.879, rankProxy: -0.862, activityMacError: -0.869, activityRankProxy: -0.939 },
    };
    for (const [net, byProxy] of Object.entries(measured)) {
      expect(of(net, FRESH)).toHaveLength(60);
      for (const [proxy, value] of Object.entries(byProxy)) expect(rho(of(net, FRESH), proxy)).toBeCloseTo(value, 3);
    }
  });
  it('activityRankProxy ranks better than macError_rms over all 150 designs on both networks', () => {
    for (const net of ['mlp-mnist', 'cnn-mnist']) {
      expect(of(net, ALL)).toHaveLength(150);
      expect(rho(of(net, ALL), 'activityRankProxy')).toBeLessThan(rho(of(net, ALL), 'macError_rms') - 0.01);
    }
  });
  it('recomputes the stored candidates on a subset of fresh designs', () => {
    const designs = drawDesigns(60, 'proxy-rank-wave2');
    for (const id of [5, 19, 27, 54]) {
      const { id: _id, ...over } = designs[id];
      const stored = of('cnn-mnist', FRESH).find((r) => Number(r.id) === id)!;
      const { network, config } = resolveConfiguration(zooNetwork('cnn-mnist'), { ...over, 'accuracy.samples': Number(stored.samples) });
      const a = networkActivityProxy(network, config, `${config.accuracy.seed}:macerror`, config.accuracy.macSamples);
      expect(a.activityMacError).toBe(Number(stored.activityMacError));
      expect(a.activityRankProxy).toBe(Number(stored.activityRankProxy));
    }
  }, 120_000);
});
