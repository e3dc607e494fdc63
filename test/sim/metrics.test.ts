import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/index.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import { ACCURACY_METRICS, bestPossibleValue, enginesFor, METRIC_NAMES, METRIC_REGISTRY, METRICS, metricByName, metricRange, metricValues, writeElaValues, type Metric } from '../../src/sim/metrics.js';
import { evaluate, evaluateTotals } from '../../src/sim/evaluate.js';
import { ELA_ONLY, simulateConfiguration } from '../../src/sim/simulate.js';

/** A dotted name looked up in the evaluation as JSON: `breakdown.energy_pJ.adc` -> json.breakdown.energy_pJ.adc. */
function field(json: unknown, name: string): unknown {
  return name.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), json);
}

describe('the metric registry', () => {
  it('writeElaValues gives every ELA metric its accessor value, bit for bit, at its index in METRICS', () => {
    const network = zooNetwork('vgg9-cifar10');
    const configs = [
      defaultConfig(),
      applyOverrides(defaultConfig(), { 'device.bitsPerCell': 2, 'adc.bits': 5, 'crossbar.size': 64, 'snn.timesteps': 6 }),
      applyOverrides(defaultConfig(), { 'arch.dataflow': 'pipelined', 'adc.kind': 'flash', 'crossbar.signedMapping': 'offset-diff', 'adc.sharing': 'pe' }),
    ];
    const out = new Float64Array(METRICS.length).fill(-1);
    for (const config of configs) {
      const totals = evaluateTotals(network, config);
      writeElaValues(totals, out);
      // Object.is: the same double, -0 and NaN included; every slot written (none left at the -1 fill or an earlier value).
      METRICS.forEach((m, i) => {
        expect(m.engine).toBe('ela');
        const value = m.engine === 'ela' ? m.of(totals) : NaN;
        expect(Object.is(out[i], value), `${m.name}: ${out[i]} vs ${value}`).toBe(true);
      });
      out.fill(-1);
    }
  });

  it('declares every metric once, with a unit, a sense, a description and an accessor', () => {
    expect(new Set(METRIC_NAMES).size).toBe(METRIC_REGISTRY.length);
    for (const m of METRIC_REGISTRY) {
      expect(typeof m.unit, m.name).toBe('string');
      expect(['min', 'max'], m.name).toContain(m.sense);
      expect(m.description.length, m.name).toBeGreaterThan(0);
      expect(typeof m.of, m.name).toBe('function');
      expect(['ela', 'accuracy', 'training'], m.name).toContain(m.engine);
    }
    // CSV column order: ELA totals, the breakdown, the accuracy engine's metrics, then the training-cost metrics.
    expect(METRIC_NAMES.slice(0, 3)).toEqual(['energy_pJ', 'latency_ns', 'area_mm2']);
    const training = METRIC_REGISTRY.filter((m) => m.engine === 'training');
    expect(METRIC_NAMES.slice(-6 - training.length, -training.length)).toEqual(['accuracy', 'accuracy_ci95', 'macError_rms', 'macSnr_dB', 'accuracyProxy', 'macErrorMax_rms']);
    expect([...METRICS, ...ACCURACY_METRICS, ...training]).toEqual(METRIC_REGISTRY);
  });

  it('reads each energy-latency-area metric from the field of the VGG9 evaluation it names', () => {
    const e = evaluate(zooNetwork('vgg9-cifar10'), defaultConfig());
    const json: unknown = JSON.parse(JSON.stringify(e));
    const values = metricValues(e);
    expect(Object.keys(values)).toEqual(METRICS.map((m) => m.name));
    for (const m of METRICS) {
      expect(m.engine).toBe('ela');
      if (m.engine === 'ela') expect(m.of(e), m.name).toBe(field(json, m.name));
      expect(values[m.name]).toBe(field(json, m.name));
    }
  });

  it('gives each metric the best value its range allows in its sense (the lazy search\'s bound, derived so a new metric needs none by hand)', () => {
    const metric = (sense: Metric['sense'], values: Metric['values']): Metric => ({ ...metricByName('accuracy'), sense, values });
    expect([bestPossibleValue(metric('max', 'share')), bestPossibleValue(metric('min', 'share'))]).toEqual([1, 0]);
    expect([bestPossibleValue(metric('max', 'nonNegative')), bestPossibleValue(metric('min', 'nonNegative'))]).toEqual([Infinity, 0]);
    expect([bestPossibleValue(metric('max', 'real')), bestPossibleValue(metric('min', 'real'))]).toEqual([Infinity, -Infinity]);
    expect(Object.fromEntries(ACCURACY_METRICS.map((m) => [m.name, bestPossibleValue(m)])))
      .toEqual({ accuracy: 1, accuracy_ci95: 0, macError_rms: 0, macSnr_dB: Infinity, accuracyProxy: 0, macErrorMax_rms: 0 });
  });

  it('declares the values each metric can take, and every computed value lies inside them', () => {
    expect(metricRange('accuracy')).toEqual({ min: 0, max: 1, unit: 'fraction' });
    expect(metricRange('utilisation')).toEqual({ min: 0, max: 1, unit: 'fraction' });
    // A normalised error is a fraction but not a share: it can exceed 1.
    expect(metricRange('macError_rms')).toEqual({ min: 0, max: Infinity, unit: 'fraction' });
    expect(metricRange('energy_pJ')).toEqual({ min: 0, max: Infinity, unit: 'pJ' });
    expect(metricRange('macSnr_dB')).toBeUndefined();
    expect(metricRange('energy_pj')).toBeUndefined();
    for (const [network, overrides] of [['mlp-mnist', {}], ['vgg16-cifar10', { 'adc.bits': 4, 'crossbar.size': 256 }], ['cnn-mnist', { 'adc.kind': 'senseamp' }]] as const) {
      const values = metricValues(evaluate(zooNetwork(network), applyOverrides(defaultConfig(), overrides)));
      for (const m of METRICS) {
        const range = metricRange(m.name);
        if (!range) continue;
        expect(values[m.name], `${network} ${m.name}`).toBeGreaterThanOrEqual(range.min);
        expect(values[m.name], `${network} ${m.name}`).toBeLessThanOrEqual(range.max);
      }
    }
  });

  it('says which engines a list of metrics needs, and suggests a name one edit away', () => {
    expect([...enginesFor(['energy_pJ'])]).toEqual(['ela']);
    expect([...enginesFor(['energy_pJ', 'macSnr_dB'])].sort()).toEqual(['accuracy', 'ela']);
    expect(metricByName('topsPerW').unit).toBe('TOPS/W');
    expect(() => metricByName('energy_pj', '--objectives')).toThrow(ConfigError);
    expect(() => metricByName('latncy_ns', '--objectives')).toThrow('--objectives: unknown metric "latncy_ns" (did you mean "latency_ns"?)');
  });
});

describe('simulateConfiguration', () => {
  it('runs the energy-latency-area engine alone when no accuracy metric is needed (accuracy columns NaN)', () => {
    const network = zooNetwork('mlp-mnist');
    const result = simulateConfiguration(network, { 'adc.bits': 5 }, ELA_ONLY);
    expect(result.accuracy).toBeUndefined();
    expect(result.config.adc.bits).toBe(5);
    expect(Object.keys(result.metrics)).toEqual(METRIC_NAMES);
    expect(result.metrics).toMatchObject(metricValues(evaluate(network, applyOverrides(defaultConfig(), { 'adc.bits': 5 }))));
    for (const m of ACCURACY_METRICS) expect(Number.isNaN(result.metrics[m.name])).toBe(true);
  });

  it('picks the network a `network` override names, on the given base configuration', () => {
    const base = applyOverrides(defaultConfig(), { 'crossbar.size': 128 });
    const loaded: (string | undefined)[] = [];
    const result = simulateConfiguration((name) => {
      loaded.push(name);
      return zooNetwork(name ?? 'mlp-mnist');
    }, { network: 'cnn-mnist', 'adc.bits': 6 }, ELA_ONLY, base);
    expect(loaded).toEqual(['cnn-mnist']);
    expect(result.network.name).toBe('cnn-mnist');
    expect(result.config.crossbar.size).toBe(128);
    expect(result.evaluation.energy_pJ).toBe(evaluate(zooNetwork('cnn-mnist'), applyOverrides(base, { 'adc.bits': 6 })).energy_pJ);
  });

  it('runs the accuracy engine when one of its metrics is needed', () => {
    const result = simulateConfiguration(zooNetwork('mlp-mnist'), { 'accuracy.samples': 20, 'accuracy.macSamples': 10 }, { metrics: ['macSnr_dB'] });
    expect(result.accuracy).toBeDefined();
    expect(result.metrics.macSnr_dB).toBe(result.accuracy!.macSnr_dB);
    expect(result.metrics.accuracy).toBe(result.accuracy!.accuracy);
  });
});
