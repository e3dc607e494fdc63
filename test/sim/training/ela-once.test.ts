/**
 * A training search evaluates the inference ELA once per configuration: the training view's evaluation is the
 * inference's (evaluateWith reporting prices and stages), so simulateMetrics / simulateConfiguration reuse it
 * instead of evaluating again. Calls to the engine's entry points are counted through a wrapping mock; the results
 * must equal the independent path (evaluate + trainingCost, each running its own ELA) bit for bit.
 */
import { describe, expect, it, vi } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { simulationValues } from '../../../src/sim/metrics.js';

const runs = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../src/sim/ela/evaluate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/sim/ela/evaluate.js')>();
  return {
    ...real,
    evaluate: (...a: Parameters<typeof real.evaluate>) => (runs.n++, real.evaluate(...a)),
    evaluateWith: (...a: Parameters<typeof real.evaluateWith>) => (runs.n++, real.evaluateWith(...a)),
    evaluateTotals: (...a: Parameters<typeof real.evaluateTotals>) => (runs.n++, real.evaluateTotals(...a)),
    // What simulate.ts calls (its configurations are checked already).
    evaluateUnchecked: (...a: Parameters<typeof real.evaluateUnchecked>) => (runs.n++, real.evaluateUnchecked(...a)),
    evaluateTotalsUnchecked: (...a: Parameters<typeof real.evaluateTotalsUnchecked>) => (runs.n++, real.evaluateTotalsUnchecked(...a)),
  };
});

const { evaluate } = await import('../../../src/sim/evaluate.js');
const { simulateConfiguration, simulateElaTotals, simulateMetrics } = await import('../../../src/sim/simulate.js');
const { trainingCost } = await import('../../../src/sim/training/index.js');

const net = zooNetwork('nmnist-fc3');
const overrides = { 'snn.timesteps': 10, 'training.algorithm': 'sdfa', 'arch.dataflow': 'pipelined' };
const needs = { metrics: ['energy_pJ', 'latency_ns', 'trainEnergy_pJ_per_sample', 'trainLatency_ns_per_sample'] };

describe('the inference ELA runs once per training evaluation', () => {
  const config = applyOverrides(defaultConfig(), overrides);
  runs.n = 0;
  const independent = simulationValues({ evaluation: evaluate(net, config), training: trainingCost(net, config) });
  const independentRuns = runs.n;

  it('the counter counts: the independent path runs it twice', () => {
    expect(independentRuns).toBe(2);
  });

  it('simulateMetrics: once, the same values bit for bit', () => {
    runs.n = 0;
    const metrics = simulateMetrics(net, overrides, needs);
    expect(runs.n).toBe(1);
    expect(metrics).toEqual(independent);
    expect(metrics.trainEnergy_pJ_per_sample).toBeGreaterThan(metrics.energy_pJ);
  });

  it('simulateElaTotals hands a training configuration to simulateMetrics without evaluating it', () => {
    runs.n = 0;
    expect(simulateElaTotals(net, overrides, needs)).toBeUndefined();
    expect(runs.n).toBe(0);
  });

  it('simulateConfiguration: once; its evaluation is evaluate()\'s', () => {
    runs.n = 0;
    const result = simulateConfiguration(net, overrides, needs);
    expect(runs.n).toBe(1);
    expect(result.metrics).toEqual(independent);
    expect(result.evaluation).toEqual(evaluate(net, config));
  });

  it('without training: one totals-only run, and a training metric with training.algorithm=none is still refused', () => {
    runs.n = 0;
    simulateMetrics(net, { 'snn.timesteps': 10 }, { metrics: ['energy_pJ'] });
    expect(runs.n).toBe(1);
    expect(() => simulateMetrics(net, { 'snn.timesteps': 10 }, needs)).toThrow(/trainEnergy_pJ_per_sample: needs on-chip training, but training.algorithm is "none"/);
    expect(() => simulateElaTotals(net, { 'snn.timesteps': 10 }, needs)).toThrow(/needs on-chip training/);
  });
});
