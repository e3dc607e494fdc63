/** The report says when a front's accuracies are not told apart by their measurement (overlapping 95% intervals). */
import { describe, expect, it } from 'vitest';
import { accuracyOverlapText } from '../../../src/io/report/accuracyOverlap.js';
import type { RunRow } from '../../../src/io/report/rows.js';

const row = (index: number, accuracy: number, ci: number): RunRow => ({
  index, generation: 0, params: {}, metrics: { accuracy, accuracy_ci95: ci, energy_pJ: index }, breakdown: {}, feasible: true, violation: 0, error: '', note: '', lazyStatus: '',
});

describe('accuracyOverlapText', () => {
  it('notes a front whose accuracies all overlap (95.0-96.0% at +-3.1 points: 200 samples)', () => {
    expect(accuracyOverlapText([row(1, 0.95, 0.031), row(2, 0.955, 0.029), row(3, 0.96, 0.028)])).toBe(
      "The front's accuracies (95.00-96.00%) have 95% intervals that all overlap (up to +-3.10 points): the measurement does not "
      + 'tell these designs apart on accuracy; raise accuracy.samples (or accuracy.chips) to resolve them');
  });

  it('says nothing when one pair is apart, with fewer than two accuracies, or without them (VGG16: NaN)', () => {
    expect(accuracyOverlapText([row(1, 0.9, 0.01), row(2, 0.95, 0.01), row(3, 0.93, 0.04)])).toBeUndefined();
    expect(accuracyOverlapText([row(1, 0.95, 0.03)])).toBeUndefined();
    expect(accuracyOverlapText([row(1, NaN, NaN), row(2, NaN, NaN)])).toBeUndefined();
  });
});
