import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfig, formatEvaluation, register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { cliRunner } from '../cli-harness.js';
import { listText } from '../../src/cli/commands/list.js';
import { ConfigError } from '../../src/core/errors.js';
import { refusal } from '../helpers/refusal.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { metricValues, SIMULATION_METRICS } from '../../src/sim/metrics.js';
import { STRATEGIES } from '../../src/search/index.js';

describe('cosearch evaluate helpers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-cfg-'));
  it('applies the config file, then --set in order', () => {
    const json = join(dir, 'c.json');
    writeFileSync(json, JSON.stringify({ adc: { bits: 6 }, 'device.rOn_ohm': 1e5 }));
    const c = buildConfig(json, ['adc.bits=7', 'layers.conv1.device.bitsPerCell=2']);
    expect(c.adc.bits).toBe(7);
    expect(c.device.rOn_ohm).toBe(1e5);
    expect(c.layers.conv1['device.bitsPerCell']).toBe(2);
    const yaml = join(dir, 'c.yaml');
    writeFileSync(yaml, 'snn:\n  timesteps: 8\n');
    expect(buildConfig(yaml, []).snn.timesteps).toBe(8);
  });
  it('rejects bad --set values, unknown paths and missing files with one clear message', () => {
    expect(() => buildConfig(undefined, ['adc.bits'])).toThrow('--set: got "adc.bits", expected path=value (e.g. adc.bits=6)');
    expect(() => buildConfig(undefined, ['adc.bits=0'])).toThrow('adc.bits: got "0", expected an integer in [1, 12] (bit)');
    expect(() => buildConfig(undefined, ['adc.speed=1'])).toThrow(/unknown parameter "adc.speed"/);
    expect(() => buildConfig(join(dir, 'none.json'), [])).toThrow(ConfigError);
    // The reader names the file itself: the prefix once, not `--config FILE: --config FILE: ...`.
    expect(refusal(() => buildConfig(join(dir, 'none.json'), []))).toBe(`--config ${join(dir, 'none.json')}: no such file`);
    writeFileSync(join(dir, 'syntax.json'), '{"adc": ');
    expect(refusal(() => buildConfig(join(dir, 'syntax.json'), []))).toBe(`--config ${join(dir, 'syntax.json')}: not valid JSON: unexpected end of input, expected a value at line 1, column 9`);
  });
  it('names the --config file when a key of it is not a parameter or has a bad value', () => {
    const unknown = join(dir, 'unknown.json');
    writeFileSync(unknown, '{"network": "vgg16-cifar10", "adc.bits": 6}');
    expect(refusal(() => buildConfig(unknown, []))).toBe(`--config ${unknown}: unknown parameter "network" (see \`cosearch list parameters\`)`);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"adc.bits": 0}');
    expect(refusal(() => buildConfig(bad, []))).toBe(`--config ${bad}: adc.bits: got 0, expected an integer in [1, 12] (bit)`);
  });
  it('prints totals, every component and every layer', () => {
    const text = formatEvaluation(evaluate(zooNetwork('cnn-mnist'), buildConfig(undefined, [])));
    for (const word of ['energy (pJ)', 'TOPS/W', 'crossbar', 'adc', 'periphery', 'buffer', 'lif', 'noc', 'htree', 'leakage', 'conv1', 'pool2', 'fc1']) {
      expect(text).toContain(word);
    }
  });
});

describe('cosearch evaluate: each parameter set once (a second setting silently lost)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-once-'));
  const mlp = zooNetwork('mlp-mnist');
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('refuses one path written nested and dotted in --config, and a layer by index and by name', () => {
    const twice = file('twice.json', '{"adc":{"bits":6},"adc.bits":7}');
    expect(() => buildConfig(twice, [], mlp)).toThrow(
      `--config ${twice}: adc.bits: got {"adc": {"bits": 6}} and {"adc.bits": 7}, expected the parameter once (only one value would count; write one of them)`);
    const layers = file('layers.json', '{"layers.0.adc.bits":3,"layers":{"fc1":{"adc":{"bits":3}}}}');
    expect(() => buildConfig(layers, [], mlp)).toThrow(
      `--config ${layers}: "layers.fc1.adc.bits": adc.bits of layer fc1 is already set by "layers.0.adc.bits" (layer 0 is fc1), expected each parameter once in the file; remove one of them`);
  });

  it('refuses --set of one layer by index and by name in either order, and one path twice, unless the values agree', () => {
    expect(() => buildConfig(undefined, ['layers.0.adc.bits=3', 'layers.fc1.adc.bits=8'], mlp)).toThrow(
      '--set "layers.fc1.adc.bits=8": adc.bits of layer fc1 is already set by --set "layers.0.adc.bits=3" (layer 0 is fc1), expected each parameter once on the command line (or repeated with the same value); remove one of them');
    expect(() => buildConfig(undefined, ['layers.fc1.adc.bits=8', 'layers.0.adc.bits=3'], mlp)).toThrow(/^--set "layers.0.adc.bits=3": adc.bits of layer fc1 is already set by --set "layers.fc1.adc.bits=8"/);
    expect(() => buildConfig(undefined, ['adc.bits=6', 'adc.bits=7'])).toThrow(/^--set "adc.bits=7": adc.bits is already set by --set "adc.bits=6"/);
    expect(buildConfig(undefined, ['adc.bits=6', 'adc.bits=+6']).adc.bits).toBe(6);
    expect(buildConfig(undefined, ['layers.0.adc.bits=4', 'layers.fc1.adc.bits=4'], mlp).layers).toEqual({ fc1: { 'adc.bits': 4 } });
  });

  it('refuses a dedicated option beside a --set of its path with another value', () => {
    const samples = { flag: '--samples', path: 'accuracy.samples', value: '20' };
    expect(() => buildConfig(undefined, ['accuracy.samples=30'], mlp, [samples])).toThrow(
      '--samples "20": accuracy.samples is already set by --set "accuracy.samples=30", expected each parameter once on the command line (or repeated with the same value); remove one of them');
    expect(buildConfig(undefined, ['accuracy.samples=20'], mlp, [samples]).accuracy.samples).toBe(20);
    expect(buildConfig(undefined, [], mlp, [samples]).accuracy.samples).toBe(20);
  });

  it('keeps the layering: --set replaces what the file set, whichever way each names the layer', () => {
    const named = file('named.json', '{"layers":{"fc1":{"adc":{"bits":8}}},"adc.bits":6}');
    const c = buildConfig(named, ['layers.0.adc.bits=3', 'adc.bits=4'], mlp);
    expect(c.adc.bits).toBe(4);
    expect(c.layers).toEqual({ fc1: { 'adc.bits': 3 } });
    const indexed = file('indexed.json', '{"layers.1.adc.bits":8}');
    expect(buildConfig(indexed, ['layers.fc2.adc.bits=3'], mlp).layers).toEqual({ fc2: { 'adc.bits': 3 } });
  });

  it('a refused layer index says what the index is (a layer without weights, or out of range) and the weight layers\' indices', async () => {
    // Indices count pooling layers too; the refusal read "expected a weight layer (conv1, ..., or its index)" for both.
    const run = cliRunner([registerEvaluate]);
    const indices = 'conv1 0, conv2 1, conv3 3, conv4 4, conv5 6, conv6 7, conv7 8, conv8 10, conv9 11, conv10 12, conv11 14, conv12 15, conv13 16, fc1 18, fc2 19, fc3 20';
    const pool = await run('evaluate', '--network', 'vgg16-cifar10', '--no-accuracy', '--set', 'layers.2.adc.bits=6');
    expect(pool.exitCode).toBe(1);
    expect(pool.stderr.trim()).toBe(`cosearch: --set "layers.2.adc.bits": layer: got "2", expected a weight layer of vgg16-cifar10 by name or index (index 2 is pool1, no weights; the weight layers' indices, which count every layer: ${indices})`);
    const beyond = await run('evaluate', '--network', 'vgg16-cifar10', '--no-accuracy', '--set', 'layers.21.adc.bits=6');
    expect(beyond.exitCode).toBe(1);
    expect(beyond.stderr.trim()).toBe(`cosearch: --set "layers.21.adc.bits": layer: got "21", expected a weight layer of vgg16-cifar10 by name or index (index 21 is out of range 0-20; the weight layers' indices, which count every layer: ${indices})`);
  });

  it('the command refuses --samples beside --set accuracy.samples=N with one line, exit 1', async () => {
    const run = cliRunner([registerEvaluate]);
    const r = await run('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--samples', '20', '--set', 'accuracy.samples=30');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe('cosearch: --samples "20": accuracy.samples is already set by --set "accuracy.samples=30", expected each parameter once on the command line (or repeated with the same value); remove one of them');
    const t = await run('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--training', 'bptt', '--set', 'training.algorithm=sdfa');
    expect(t.exitCode).toBe(1);
    expect(t.stderr).toMatch(/^cosearch: --training "bptt": training.algorithm is already set by --set "training.algorithm=sdfa"/);
  });

  it('refuses an option of one value given twice (the last one silently won until 2026-12-05)', async () => {
    const run = cliRunner([registerEvaluate]);
    for (const [flag, a, b] of [['--samples', '100', '200'], ['--network', 'mlp-mnist', 'cnn-mnist'], ['--chips', '2', '3'], ['--training', 'bptt', 'sdfa']]) {
      const args = flag === '--network' ? [flag, a, flag, b] : ['--network', 'mlp-mnist', flag, a, flag, b];
      const r = await run('evaluate', '--no-accuracy', ...args);
      expect(r.exitCode, flag).toBe(1);
      expect(r.stderr.trim()).toBe(`cosearch: ${flag}: given twice (${a}, ${b}), expected once`);
    }
  });
});

describe('cosearch evaluate: a layer named __proto__', () => {
  it('takes its --set override by index and by name (until 2026-12-05 both were dropped: sar/5 printed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosearch-proto-'));
    const net = join(dir, 'proto.json');
    writeFileSync(net, JSON.stringify({ name: 'proto', input: { channels: 1, height: 28, width: 28 },
      layers: [{ kind: 'linear', name: '__proto__', outFeatures: 256 }, { kind: 'linear', name: 'fc2', outFeatures: 10 }] }));
    const run = cliRunner([registerEvaluate]);
    for (const key of ['0', '__proto__']) {
      const r = await run('evaluate', '--network', net, '--no-accuracy', '--set', `layers.${key}.adc.bits=3`);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^__proto__ +linear +784 +512 +2 +208 +26 +4 +0\.94 +sar\/3 +11 /m);
    }
  });
});

describe('cosearch evaluate: the fast IR-drop model past its checked range', () => {
  it('notes it beside the MAC error, and under --no-accuracy too (energy and latency price the full current; until 2026-12-06 no word)', async () => {
    const run = cliRunner([registerEvaluate]);
    const args = ['evaluate', '--network', 'vgg16-cifar10', '--no-cache', '--set', 'crossbar.size=256', '--set', 'accuracy.samples=16'];
    const withAccuracy = await run(...args);
    expect(withAccuracy.exitCode).toBe(0);
    expect(withAccuracy.stdout).toMatch(/^note: layer conv1's 256x256 crossbars \(R_on 20000 Ω, .*\) lose an estimated \d+% /m);
    const without = await run('evaluate', '--network', 'vgg16-cifar10', '--no-accuracy', '--set', 'crossbar.size=256');
    expect(without.exitCode).toBe(0);
    expect(without.stdout).toMatch(/^note: layer conv1's 256x256 crossbars .* energy and latency price the full column current, without the loss /m);
  });
});

describe('cosearch evaluate --json', () => {
  it('has the documented keys', () => {
    const json = JSON.parse(JSON.stringify(evaluate(zooNetwork('mlp-mnist'), buildConfig(undefined, []))));
    for (const key of ['energy_pJ', 'latency_ns', 'area_mm2', 'power_mW', 'tops', 'topsPerW', 'topsPerMm2', 'edp_pJs', 'crossbars', 'tiles']) {
      expect(typeof json[key]).toBe('number');
    }
    for (const c of ['crossbar', 'adc', 'periphery', 'buffer', 'lif', 'noc', 'htree', 'leakage']) {
      expect(typeof json.breakdown.energy_pJ[c]).toBe('number');
      expect(typeof json.breakdown.area_mm2[c]).toBe('number');
    }
    expect(json.layers[0].mapping).toMatchObject({ rows: 784, columns: 512, slices: 2, crossbars: 2 * 13 * 8, arrays: 2, losslessAdcBits: 11 });
    expect(typeof json.layers[1].breakdown.latency_ns.adc).toBe('number');
  });
});

describe('cosearch list', () => {
  it('lists networks, parameters and metrics', () => {
    expect(listText('networks')).toMatch(/^mlp-mnist\s+1x28x28/m);
    expect(listText('networks')).toMatch(/^cnn-mnist/m);
    expect(listText('parameters')).toMatch(/^device\.bitsPerCell\s+4\s+bit\s+an integer in \[1, 8\] \[per layer\]/m);
    expect(listText('metrics').trim().split('\n')).toHaveLength(SIMULATION_METRICS.length);
    expect(listText('metrics')).toMatch(/^accuracy\s+fraction\s+max \[0, 1\]\s+Hardware test accuracy/m);
    expect(listText('metrics')).toMatch(/^macError_rms\s+fraction\s+min >= 0\s+Mean over weight layers/m);
    expect(listText('metrics')).toMatch(/^macSnr_dB\s+dB\s+max any\s+Mean over/m);
    expect(() => listText('devices')).toThrow('list: got "devices", expected one of networks, parameters, metrics, strategies');
  });

  it('lists every registered strategy, its summary and each setting: default, doc, what it must be', () => {
    const text = listText('strategies');
    expect(text.split('\n').filter((line) => !line.startsWith('  '))).toEqual([...STRATEGIES.names.map((name) => `${name}  ${STRATEGIES.require(name).summary}`), '']);
    expect(text.slice(text.indexOf('\nrandom') + 1)).toBe([
      'random  batches of random samples (or Latin hypercubes), never a point twice',
      '  batchSize                      100       samples per batch (an integer in [1, 100000])',
      '  generations                    -         batches (an integer >= 1)',
      '  sampling                       random    initial sampling ("random" or "lhs" (Latin hypercube))',
      '  maxDuplicateTries              32        draws per wanted offspring before sampling instead (an integer in [1, 1000])',
      '',
    ].join('\n'));
  });
});

describe('reticle limit (issue 11 item 8)', () => {
  it('reticleFields = area / 858 mm² (26 mm x 33 mm); evaluate notes a chip beyond one field', () => {
    const small = evaluate(zooNetwork('vgg16-cifar10'), buildConfig(undefined, []));
    const large = evaluate(zooNetwork('vgg16-cifar10'), buildConfig(undefined, ['crossbar.size=16']));
    expect(metricValues(small).reticleFields).toBeCloseTo(small.area_mm2 / 858, 12);
    expect(metricValues(small).reticleFields).toBeLessThan(1);
    expect(metricValues(large).reticleFields).toBeGreaterThan(1);
    expect(formatEvaluation(small)).not.toContain('reticle field (');
    expect(formatEvaluation(large)).toContain(`note: the chip (${large.area_mm2.toFixed(0)} mm²) exceeds one reticle field (26 mm x 33 mm = 858 mm²)`);
    expect(formatEvaluation(large)).toContain('network-on-package, which is not modelled');
  });
});
