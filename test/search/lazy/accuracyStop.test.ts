/**
 * The simulator's side of a lazy run's early stop (src/search/lazy/earlyStop.ts): hardware accuracy that stops once
 * it is proven below a floor (src/sim/accuracy.ts stopBelow) against the full measurement of the same design.
 */
import { describe, expect, it } from 'vitest';
import { stoppableAccuracyMetrics } from '../../../src/app/lazyBounds.js';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/index.js';
import { evaluateAccuracy, hardwarePredictions } from '../../../src/sim/accuracy.js';

const mlp = zooNetwork('mlp-mnist');
const SAMPLES = 30;
const config = (bits: number) => applyOverrides(defaultConfig(), { 'adc.kind': 'sar', 'device.kind': 'rram', 'adc.bits': bits, 'device.bitsPerCell': 1, 'accuracy.samples': SAMPLES, 'accuracy.macSamples': 10 });

describe('hardware accuracy with an early stop', () => {
  it('stops at the first wrong answer that proves it below the floor, with the prefix of the full measurement', () => {
    const cfg = config(3);
    const full = hardwarePredictions(mlp, cfg);
    const right = Array.from(full.predictions, (p, i) => p === full.labels[i]);
    const fullAccuracy = right.filter(Boolean).length / SAMPLES;
    // Just above the full result: the stop must come, late in the sample list.
    const floor = fullAccuracy + 0.02;
    // Where the bound (right so far + samples left) / N first falls below the floor.
    let wrong = 0;
    let stop = 0;
    while ((SAMPLES - wrong) / SAMPLES >= floor) if (!right[stop++]) wrong++;
    const stopped = evaluateAccuracy(mlp, cfg, { stopBelow: floor });
    expect(stopped.samples).toBe(stop);
    expect(stopped.planned).toBe(SAMPLES);
    expect(stopped.correct).toBe(right.slice(0, stop).filter(Boolean).length);
    expect(stopped.accuracy).toBe((SAMPLES - wrong) / SAMPLES);
    expect(stopped.accuracy).toBeLessThan(floor);
    expect(stopped.accuracy).toBeGreaterThanOrEqual(fullAccuracy);
    expect(stopped.accuracy_ci95).toBeNaN();
    const { metrics, extra } = stoppableAccuracyMetrics(mlp, cfg, floor);
    expect(metrics.accuracy).toBe(stopped.accuracy);
    expect(extra).toEqual({ 'accuracy:samples': stop, 'accuracy:planned': SAMPLES });
  });

  it('measures in full (the same result as without a floor) when the design is not proven below it', () => {
    const cfg = config(3);
    const full = evaluateAccuracy(mlp, cfg);
    expect(full.samples).toBe(SAMPLES);
    const floor = full.accuracy - 0.1;
    const stoppable = evaluateAccuracy(mlp, cfg, { stopBelow: floor });
    expect(stoppable).toEqual(full);
    expect(stoppableAccuracyMetrics(mlp, cfg, floor).extra).toEqual({ 'accuracy:samples': SAMPLES, 'accuracy:planned': SAMPLES });
  });
});
