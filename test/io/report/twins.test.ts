/** The report names the front designs the model cannot tell apart (equal in every objective) and what differs. */
import { describe, expect, it } from 'vitest';
import { twinGroups, twinsText } from '../../../src/io/report/twins.js';
import type { RunRow } from '../../../src/io/report/rows.js';

const row = (index: number, bits: number, adc: number, energy: number, area: number): RunRow => ({
  index, generation: 0, params: { 'device.bitsPerCell': bits, 'adc.bits': adc }, metrics: { energy_pJ: energy, area_mm2: area },
  breakdown: {}, feasible: true, violation: 0, error: '', note: '', lazyStatus: '',
});

describe('twinGroups', () => {
  it('groups rows equal in every objective, in index order, with the parameters that differ', () => {
    const front = [row(7, 6, 5, 2, 1), row(3, 4, 5, 2, 1), row(5, 5, 5, 2, 1), row(9, 1, 8, 1, 3), row(2, 2, 6, 1.5, 2)];
    const groups = twinGroups(front, ['energy_pJ', 'area_mm2']);
    expect(groups).toEqual([{ indexes: [3, 5, 7], differing: [{ path: 'device.bitsPerCell', values: [4, 5, 6] }] }]);
    expect(twinsText(groups)).toBe('3 front designs are equal in every objective to another (rows 3, 5, 7 (device.bitsPerCell 4 / 5 / 6)): '
      + 'the model does not tell them apart, so any of each group is the same choice on these objectives (check what differs: a parameter the '
      + 'model does not resolve, such as cell bits beyond the weight slices, or a cost it does not price)');
  });

  it('finds none when one objective differs, even if the others are equal', () => {
    expect(twinGroups([row(1, 4, 5, 2, 1), row(2, 5, 5, 2, 1.5)], ['energy_pJ', 'area_mm2'])).toEqual([]);
    expect(twinsText([])).toBeUndefined();
  });
});
