import { describe, expect, it } from 'vitest';
import { lazySummaryLine } from '../../src/cli/format/lazy.js';
import type { LazyCounts } from '../../src/search/index.js';

const none: LazyCounts = {
  measuredRows: 0, dominatedRows: 0, infeasibleRows: 0, unselectedRows: 0, failedRows: 0, boundRows: 0, predictedRows: 0,
  measurements: 0, samples: 0, finished: 0,
};

describe('the lazy line of `cosearch search`', () => {
  it('an early-stop run: rows measured in full and stopped, the reasons the others were not, samples', () => {
    expect(lazySummaryLine({ ...none, measuredRows: 12, boundRows: 28, dominatedRows: 88, measurements: 40, samples: 2290 }))
      .toBe('  lazy:        expensive metrics on 40 of 128 rows (12 in full, 28 stopped early); not measured: 88 dominated; 40 measurements by this process, 2,290 samples\n');
  });

  it('a predict run without samples: every non-zero reason in order, nothing about stops', () => {
    expect(lazySummaryLine({ ...none, measuredRows: 38, dominatedRows: 80, infeasibleRows: 3, unselectedRows: 1, predictedRows: 4, failedRows: 2, measurements: 37 }))
      .toBe('  lazy:        expensive metrics on 38 of 128 rows; not measured: 80 dominated, 3 infeasible, 1 unselected, 4 predicted infeasible, 2 failed; 37 measurements by this process\n');
  });

  it('every row measured: no "not measured" part', () => {
    expect(lazySummaryLine({ ...none, measuredRows: 5, measurements: 5 })).toBe('  lazy:        expensive metrics on 5 of 5 rows; 5 measurements by this process\n');
  });
});
