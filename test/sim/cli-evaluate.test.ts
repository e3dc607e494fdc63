import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfig, formatEvaluation } from '../../src/cli/commands/evaluate.js';
import { listText } from '../../src/cli/commands/list.js';
import { ConfigError } from '../../src/core/errors.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { metricValues, SIMULATION_METRICS } from '../../src/sim/metrics.js';

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
  });
  it('prints totals, every component and every layer', () => {
    const text = formatEvaluation(evaluate(zooNetwork('cnn-mnist'), buildConfig(undefined, [])));
    for (const word of ['energy (pJ)', 'TOPS/W', 'crossbar', 'adc', 'periphery', 'buffer', 'lif', 'noc', 'htree', 'leakage', 'conv1', 'pool2', 'fc1']) {
      expect(text).toContain(word);
    }
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
    expect(listText('metrics')).toMatch(/^accuracy\s/m);
    expect(listText('metrics')).toMatch(/^macError_rms\s/m);
    expect(() => listText('devices')).toThrow('list: got "devices", expected one of networks, parameters, metrics');
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
