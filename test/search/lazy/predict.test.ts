import { describe, expect, it } from 'vitest';
import { coordinates, predictViolation, type MeasuredDesign } from '../../../src/search/lazy/predict.js';

const floor = [{ metric: 'accuracy', min: 0.9 }];
const settings = { k: 2, radius: 0.5, minMeasured: 3 };
const far: MeasuredDesign = { at: [1, 1], values: { accuracy: 0.95 } };

describe('predicted infeasibility: the predictor on hand-made designs', () => {
  it('predicts a violation when its k nearest measured designs, all within the radius, all violate: the distance-weighted mean', () => {
    const measured = [{ at: [0.125, 0], values: { accuracy: 0.5 } }, { at: [0, 0.25], values: { accuracy: 0.75 } }, far];
    // Weights 1/0.125 = 8 and 1/0.25 = 4: (0.5 x 8 + 0.75 x 4) / 12 = 7/12.
    expect(predictViolation([0, 0], measured, floor, settings)).toEqual({ values: { accuracy: 7 / 12 }, violation: (0.9 - 7 / 12) / 0.9 });
  });

  it('predicts nothing before minMeasured designs, with a feasible neighbour, or with a neighbour beyond the radius', () => {
    const near = [{ at: [0.125, 0], values: { accuracy: 0.5 } }, { at: [0, 0.25], values: { accuracy: 0.75 } }];
    expect(predictViolation([0, 0], near, floor, settings)).toBeUndefined();
    expect(predictViolation([0, 0], [near[0], { at: [0, 0.25], values: { accuracy: 0.9 } }, far], floor, settings)).toBeUndefined();
    expect(predictViolation([0, 0], [near[0], { at: [0, 0.625], values: { accuracy: 0.75 } }, far], floor, settings)).toBeUndefined();
    // A design measured without the metric (failed) is no neighbour: the second nearest left is `far`.
    expect(predictViolation([0, 0], [near[0], { at: [0, 0.25], values: {} }, far, { at: [0.5, 1], values: {} }], floor, settings)).toBeUndefined();
  });

  it('takes a design at distance 0 as the value; breaks ties in distance by the earlier measured', () => {
    const same = [{ at: [0.5, 0.5], values: { accuracy: 0.5 } }, { at: [0.5, 0.75], values: { accuracy: 0.75 } }, far];
    expect(predictViolation([0.5, 0.5], same, floor, settings)?.values).toEqual({ accuracy: 0.5 });
    const tied = [{ at: [0.25, 0], values: { accuracy: 0.5 } }, { at: [0, 0.25], values: { accuracy: 0.75 } }, { at: [0.25, 0.25], values: { accuracy: 0.95 } }, { at: [0, 0.25], values: { accuracy: 0.25 } }];
    expect(predictViolation([0, 0], tied, floor, settings)?.values).toEqual({ accuracy: 0.625 });
    // The same designs in another order: the first two of the three at 0.25 decide.
    expect(predictViolation([0, 0], [tied[3], tied[0], tied[2], tied[1]], floor, settings)?.values).toEqual({ accuracy: 0.375 });
  });

  it('predicts no violation of a range when the neighbours break it on both sides and their mean lies inside', () => {
    const range = [{ metric: 'macError_rms', min: 0.1, max: 0.3 }];
    const measured = [{ at: [0], values: { macError_rms: 0.05 } }, { at: [1], values: { macError_rms: 0.45 } }, { at: [0.5], values: { macError_rms: 0.5 } }];
    // At 0.25: 0.05 below and 0.5 above (both 0.25 away), mean 0.275, inside [0.1, 0.3].
    expect(predictViolation([0.25], measured, range, { ...settings, radius: 1 })).toBeUndefined();
    const mean = (0.45 * 4 + 0.5 * 4) / 8;
    expect(predictViolation([0.75], measured, range, { ...settings, radius: 1 })).toEqual({ values: { macError_rms: mean }, violation: (mean - 0.3) / 0.3 });
  });

  it('places a point at its level index / (levels - 1), a choice one-hot at 1/sqrt(2)', () => {
    const variables = [
      { name: 'adc.bits', path: 'adc.bits', targets: ['adc.bits'], values: [2, 4, 6, 8] },
      { name: 'adc.kind', path: 'adc.kind', targets: ['adc.kind'], values: ['sar', 'flash', 'ramp'] },
      { name: 'fixed', path: 'fixed', targets: ['fixed'], values: [3] },
    ];
    expect(coordinates(variables, [6, 'flash', 3])).toEqual([2 / 3, 0, Math.SQRT1_2, 0, 0]);
  });
});
