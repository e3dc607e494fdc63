/**
 * simulateConfiguration's `needs` are checked: an unknown metric name used to need no engine (silently ignored:
 * `energy_uj` ran the ELA alone), and an unknown key (`metric`) was ignored, so every engine ran.
 */
import { describe, expect, it } from 'vitest';
import { zooNetwork } from '../../src/index.js';
import { simulateConfiguration, type SimulationNeeds } from '../../src/sim/simulate.js';
import { refusal } from '../helpers/refusal.js';

/** Needs as a JavaScript caller may pass them. */
const loose = (needs: Record<string, unknown>): SimulationNeeds => needs as SimulationNeeds;

describe('simulateConfiguration needs', () => {
  it('refuses an unknown metric, an unknown key and metrics that are not a list', () => {
    const network = zooNetwork('vgg9-cifar10');
    expect(refusal(() => simulateConfiguration(network, {}, { metrics: ['energy_pJ', 'energy_uj'] }))).toMatch(
      /^needs\.metrics\[1\]: unknown metric "energy_uj" \(did you mean "[^"]+"\?\); see cosearch list metrics$/);
    expect(refusal(() => simulateConfiguration(network, {}, loose({ metric: ['energy_pJ'] })))).toBe(
      'needs.metric: got "metric", expected a key of needs (metrics, accuracyElsewhere, reported) (did you mean "metrics"?)');
    expect(refusal(() => simulateConfiguration(network, {}, loose({ metrics: 'energy_pJ' })))).toBe(
      'needs.metrics: got "energy_pJ", expected a list of metric names');
  });

  it('runs on known metrics as before', () => {
    const result = simulateConfiguration(zooNetwork('vgg9-cifar10'), {}, { metrics: ['energy_pJ'] });
    expect(result.metrics.energy_pJ).toBeGreaterThan(0);
    expect(result.accuracy).toBeUndefined();
  });
});
