/**
 * The simulator's outcome fast path (issue 14): createOutcomeEvaluator gives, configuration by configuration, the
 * outcome the backends build from createEvaluator's 70-metric record (needed metrics kept, CSV cells byte for byte),
 * errors included; a run that reads accuracy metrics gets no fast path.
 */
import { describe, expect, it } from 'vitest';
import * as simulator from '../../../src/app/simulatorEvaluator.js';
import { SIMULATOR_METRICS } from '../../../src/app/index.js';
import { evaluateItems, openEvaluator } from '../../../src/search/backend/evaluate.js';
import type { Overrides } from '../../../src/search/index.js';

const points: Overrides[] = [];
for (const bits of [1, 2, 4]) for (const size of [32, 128, 256]) points.push({ 'device.bitsPerCell': bits, 'crossbar.size': size, 'adc.bits': 3 + bits, 'snn.timesteps': bits * 2 });
points.push({ 'arch.tilePacking': 'shared', 'arch.dataflow': 'pipelined', 'snn.timesteps': 4 });
points.push({ 'arch.componentCosts': 'spikesim-ela', 'crossbar.signedMapping': 'differential-pair', 'device.onOffRatio': 10 });
// Refused by the ELA engine: the same error either way.
points.push({ 'crossbar.signedMapping': 'reference-column', 'crossbar.size': 8, 'device.bitsPerCell': 1 });
// Runs the training-cost model (the record path inside the fast path).
points.push({ 'training.algorithm': 'sdfa' });

const context = (needed: readonly string[], csvMetrics: readonly string[] = SIMULATOR_METRICS) => ({ network: 'vgg16-cifar10', base: { 'adc.kind': 'sar' }, needed, csvMetrics });

describe('simulator outcome fast path', () => {
  it('equals the outcome built from the full metric record, cell for cell', async () => {
    for (const needed of [['energy_pJ', 'latency_ns', 'area_mm2'], ['edp_pJs', 'trainEnergy_pJ_per_sample'], []]) {
      for (const csv of [SIMULATOR_METRICS, ['area_mm2', 'accuracy', 'nonsense', 'energy_pJ']]) {
        const opened = await openEvaluator(simulator, context(needed, csv));
        expect(opened.format.outcome).toBeTypeOf('function');
        const fast = await evaluateItems(opened.evaluate, points, undefined, undefined, opened.format);
        const slow = await evaluateItems(opened.evaluate, points, undefined, undefined, { ...opened.format, outcome: undefined });
        expect(fast).toStrictEqual(slow);
        expect(fast.filter((o) => o.error !== undefined).length).toBe(needed.includes('trainEnergy_pJ_per_sample') ? points.length - 1 : 1);
        if (needed.length > 0 && fast[0].metrics) expect(Object.keys(fast[0].metrics)).toStrictEqual(needed);
      }
    }
  });

  it('is not offered when the accuracy engine runs or no CSV cells are asked for', async () => {
    expect((await openEvaluator(simulator, context(['accuracy', 'energy_pJ']))).format.outcome).toBeUndefined();
    expect((await openEvaluator(simulator, { network: 'vgg16-cifar10', base: {}, needed: ['energy_pJ'] })).format.outcome).toBeUndefined();
  });
});
