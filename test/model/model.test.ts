import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { loadNetwork, parseNetworkJson, resolveNetwork, ZOO_NAMES, zooNetwork, zooSpec } from '../../src/model/index.js';
import type { NetworkSpec } from '../../src/model/types.js';

const tiny: NetworkSpec = {
  name: 'tiny',
  input: { channels: 2, height: 8, width: 8 },
  layers: [
    { kind: 'conv', name: 'c1', outChannels: 4, kernel: 3, stride: 1, padding: 1 },
    { kind: 'pool', name: 'p1', mode: 'max', kernel: 2 },
    { kind: 'conv', name: 'c2', outChannels: 4, kernel: 3, stride: 2, padding: 0, spikeRate: 0.2 },
    { kind: 'add', name: 'a', from: 'c2' },
    { kind: 'linear', name: 'fc', outFeatures: 3 },
  ],
};

describe('resolveNetwork', () => {
  it('derives shapes: same-padding conv, pooling, strided conv, add, linear', () => {
    const net = resolveNetwork(tiny);
    expect(net.layers.map((l) => [l.outputShape.channels, l.outputShape.height, l.outputShape.width])).toEqual([
      [4, 8, 8], [4, 4, 4], [4, 1, 1], [4, 1, 1], [3, 1, 1],
    ]);
    expect(net.layers[0].directInput).toBe(true);
    expect(net.layers[0].inputSpikeRate).toBe(1);
    expect(net.layers[2].directInput).toBe(false);
    expect(net.layers[2].inputSpikeRate).toBe(0.2);
    expect(net.layers[4].inputSpikeRate).toBe(0.1);
    expect(net.layers[4].inputShape).toEqual({ channels: 4, height: 1, width: 1 });
  });

  it('rejects a kernel larger than the input, a bad add and duplicate names with the field named', () => {
    const big = { ...tiny, layers: [{ kind: 'conv', name: 'c', outChannels: 1, kernel: 9 } as const] };
    expect(() => resolveNetwork(big)).toThrow(/layers\[0\] \("c"\)\.kernel: got 9/);
    const badAdd = { ...tiny, layers: [tiny.layers[0], { kind: 'add', name: 'a', from: 'nope' } as const] };
    expect(() => resolveNetwork(badAdd)).toThrow(/from: got "nope", expected the name of an earlier layer/);
    const mismatch = { ...tiny, layers: [tiny.layers[0], tiny.layers[1], { kind: 'add', name: 'a', from: 'c1' } as const] };
    expect(() => resolveNetwork(mismatch)).toThrow(/outputs 4x8x8, expected 4x4x4/);
    const dup = { ...tiny, layers: [tiny.layers[0], tiny.layers[0]] };
    expect(() => resolveNetwork(dup)).toThrow(ConfigError);
  });
});

describe('zoo', () => {
  it('has the seven networks with the documented shapes', () => {
    expect([...ZOO_NAMES].sort()).toEqual(['cnn-mnist', 'mlp-mnist', 'mnist-fc2-small', 'nmnist-conv', 'nmnist-fc2', 'nmnist-fc2-small', 'nmnist-fc3', 'nmnist-fc4',
      'nmnist-fc5', 'resnet19-cifar10', 'vgg16-caltech101', 'vgg16-cifar10', 'vgg16-tinyimagenet', 'vgg9-cifar10']);
    const vgg9 = zooNetwork('vgg9-cifar10').layers.filter((l) => l.kind === 'conv');
    // SpikeSim ela_spikesim.py: in_ch [3,64,64,128,128,256,256], out_ch [64,64,128,128,256,256,256]
    expect(vgg9.map((l) => l.inputShape.channels)).toEqual([3, 64, 64, 128, 128, 256, 256]);
    expect(vgg9.map((l) => l.outputShape.channels)).toEqual([64, 64, 128, 128, 256, 256, 256]);
    expect(vgg9.map((l) => l.inputShape.height)).toEqual([32, 32, 16, 16, 8, 8, 8]);
    const vgg16 = zooNetwork('vgg16-cifar10').layers;
    expect(vgg16.filter((l) => l.kind === 'conv' || l.kind === 'linear')).toHaveLength(16);
    expect(zooNetwork('vgg16-tinyimagenet').layers.find((l) => l.name === 'fc1')!.inputShape).toEqual({ channels: 512, height: 2, width: 2 });
    expect(zooNetwork('vgg16-caltech101').input.height).toBe(48);
    const cnn = zooNetwork('cnn-mnist').layers;
    expect(cnn.map((l) => l.outputShape)).toEqual([
      { channels: 16, height: 24, width: 24 }, { channels: 16, height: 12, width: 12 },
      { channels: 32, height: 8, width: 8 }, { channels: 32, height: 4, width: 4 }, { channels: 10, height: 1, width: 1 },
    ]);
    expect(zooNetwork('mlp-mnist').layers.map((l) => l.outputShape.channels)).toEqual([256, 10]);
    const resnet = zooNetwork('resnet19-cifar10').layers;
    expect(resnet.filter((l) => l.kind === 'conv' || l.kind === 'linear').length).toBe(1 + 16 + 2 + 2);
    expect(resnet.at(-1)!.outputShape.channels).toBe(10);
  });

  it('zooSpec returns a copy and unknown names are a clear error', () => {
    const spec = zooSpec('mlp-mnist') as { name: string };
    spec.name = 'changed';
    expect(zooSpec('mlp-mnist').name).toBe('mlp-mnist');
    expect(() => loadNetwork('vgg17')).toThrow(/^unknown network "vgg17"; expected a file path or one of/);
  });
});

describe('network JSON files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-net-'));
  it('loads a valid file and resolves it', () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify(tiny));
    expect(loadNetwork(file).layers.at(-1)!.outputShape.channels).toBe(3);
  });
  it('names the file, field, value and expectation', () => {
    const f = 'my.json';
    expect(() => parseNetworkJson('{', f)).toThrow(/my.json: not valid JSON/);
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, layers: [{ kind: 'conv', name: 'c', outChannels: -1, kernel: 3 }] }), f))
      .toThrow('my.json: layers[0].outChannels: got -1, expected an integer >= 1');
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, layers: [{ kind: 'dense', name: 'c' }] }), f))
      .toThrow('my.json: layers[0].kind: got "dense", expected one of conv, linear, pool, add');
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, layers: [{ kind: 'linear', name: 'c', outFeatures: 3, kernel: 2 }] }), f))
      .toThrow(/unknown field "kernel"/);
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, layers: [{ kind: 'linear', name: 'c' }] }), f))
      .toThrow('my.json: layers[0].outFeatures: missing, expected it for a linear layer');
    expect(() => loadNetwork(join(dir, 'missing.json'))).toThrow(/no such file/);
  });
  it('refuses control characters in a network\'s or a layer\'s name (an ESC would reach the terminal raw)', () => {
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, name: 't\u001b[31mred' }), 'my.json'))
      .toThrow('my.json: name: got "t\\u001b[31mred", expected a name without control characters');
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, layers: [{ kind: 'linear', name: 'fc\n1', outFeatures: 3 }] }), 'my.json'))
      .toThrow(/\.name: got "fc\\n1", expected a name without control characters/);
  });
});

describe('a spike rate in a network file is checked as the config\'s snn.spikeRate', () => {
  const f = 'rates.json';
  const direct = { name: 'rd', input: { channels: 1, height: 28, width: 28 }, layers: [
    { kind: 'linear', name: 'fc1', outFeatures: 30 }, { kind: 'linear', name: 'fc2', outFeatures: 10 }] };
  const withRate = (layers: object[]) => JSON.stringify({ ...direct, layers });
  it('refuses a rate on the direct-coded first layer and on a layer reading an average pool (no effect there), in one line', () => {
    expect(() => parseNetworkJson(withRate([{ kind: 'linear', name: 'fc1', outFeatures: 30, spikeRate: 0.01 }, direct.layers[1]]), f))
      .toThrow('rates.json: layers[0] ("fc1").spikeRate: got 0.01, expected no spike rate on fc1: its input is direct-coded (the image\'s bit planes, not spikes), so a rate there has no effect');
    const pooled = [{ kind: 'conv', name: 'c1', outChannels: 8, kernel: 3 }, { kind: 'pool', name: 'p', mode: 'avg', kernel: 2 },
      { kind: 'linear', name: 'fc2', outFeatures: 10, spikeRate: 0.9 }];
    expect(() => parseNetworkJson(withRate(pooled), f)).toThrow(/layers\[2\] \("fc2"\)\.spikeRate: got 0\.9, expected no spike rate on fc2: its input is average pool p's spike counts/);
    // The same rate on a layer reading spikes is taken.
    expect(parseNetworkJson(withRate([direct.layers[0], { ...direct.layers[1], spikeRate: 0.3 }]), f).layers[1].inputSpikeRate).toBe(0.3);
  });
  it('refuses rates outside [0.001, 1], the network\'s and a layer\'s', () => {
    expect(() => parseNetworkJson(JSON.stringify({ ...direct, spikeRate: 1e-6 }), f)).toThrow('rates.json: spikeRate: got 0.000001, expected a number in [0.001, 1] (as snn.spikeRate)');
    expect(() => parseNetworkJson(withRate([direct.layers[0], { ...direct.layers[1], spikeRate: 1.5 }]), f)).toThrow(/spikeRate: got 1\.5, expected a number in \[0\.001, 1\]/);
    expect(parseNetworkJson(JSON.stringify({ ...direct, spikeRate: 0.001 }), f).layers[1].inputSpikeRate).toBe(0.001);
  });
});

describe('did-you-mean suggestions', () => {
  it('suggests the zoo network one edit away from an unknown name', () => {
    expect(() => loadNetwork('vgg61-cifar10')).toThrow('unknown network "vgg61-cifar10" (did you mean "vgg16-cifar10"?)');
    expect(() => zooSpec('mlp-mnits')).toThrow('unknown network "mlp-mnits" (did you mean "mlp-mnist"?)');
    expect(() => loadNetwork('cnn-mnist2')).toThrow(ConfigError);
  });
  it('suggests the one zoo network an unknown name begins (vgg16-cifar for vgg16-cifar10), none when several do', () => {
    expect(() => loadNetwork('vgg16-cifar')).toThrow(/^unknown network "vgg16-cifar" \(did you mean "vgg16-cifar10"\?\); expected a file path or one of vgg9-cifar10, /);
    expect(() => loadNetwork('vgg16')).toThrow(/^unknown network "vgg16"; expected a file path or one of vgg9-cifar10, /);
  });

  it('suggests the layer kind or field one edit away in a network file', () => {
    const f = 'my.json';
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, layers: [{ kind: 'lineer', name: 'c', outFeatures: 3 }] }), f))
      .toThrow('my.json: layers[0].kind: got "lineer", expected one of conv, linear, pool, add (did you mean "linear"?)');
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, layers: [{ kind: 'conv', name: 'c', outChannels: 4, kernal: 3 }] }), f))
      .toThrow('my.json: layers[0]: unknown field "kernal" (did you mean "kernel"?), expected only');
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, spikerate: 0.2 }), f))
      .toThrow('my.json: unknown field "spikerate" (did you mean "spikeRate"?)');
    expect(() => parseNetworkJson(JSON.stringify({ ...tiny, layers: [{ kind: 'linear', name: 'c', outFeatures: 3, kernel: 2 }] }), f))
      .toThrow(/unknown field "kernel", expected only/);
  });
});
