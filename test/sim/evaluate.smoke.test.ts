import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork, ZOO_NAMES } from '../../src/model/index.js';
import { COMPONENTS, evaluate } from '../../src/sim/evaluate.js';
import { METRICS, metricValues } from '../../src/sim/metrics.js';

describe('evaluate (smoke)', () => {
  it('every zoo network evaluates to finite positive totals whose breakdowns sum to the totals', () => {
    for (const name of ZOO_NAMES) {
      const e = evaluate(zooNetwork(name), defaultConfig());
      for (const key of ['energy_pJ', 'latency_ns', 'area_mm2', 'tops', 'topsPerW'] as const) {
        expect(Number.isFinite(e[key]) && e[key] > 0, `${name} ${key}`).toBe(true);
      }
      const total = (r: Record<string, number>) => COMPONENTS.reduce((s, c) => s + r[c], 0);
      expect(total(e.breakdown.energy_pJ)).toBeCloseTo(e.energy_pJ, 3);
      expect(total(e.breakdown.latency_ns)).toBeCloseTo(e.latency_ns, 6);
      expect(total(e.breakdown.area_mm2)).toBeCloseTo(e.area_mm2, 9);
      expect(e.layers.reduce((s, l) => s + l.energy_pJ, 0)).toBeCloseTo(e.energy_pJ, 3);
    }
  });

  it('metricValues covers exactly METRICS', () => {
    const values = metricValues(evaluate(zooNetwork('vgg9-cifar10'), defaultConfig()));
    expect(Object.keys(values).sort()).toEqual(METRICS.map((m) => m.name).sort());
    expect(values['breakdown.energy_pJ.adc']).toBeGreaterThan(0);
  });
});
