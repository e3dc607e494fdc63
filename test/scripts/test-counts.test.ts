/** The closing "N passed, N failed" line CI reads: failed tests, plus files that failed outside any test. */
import { describe, expect, it } from 'vitest';
import { testCounts } from '../../scripts/testCounts.mjs';

const file = (status: string, tests: string[]) => ({ status, assertionResults: tests.map((s) => ({ status: s })) });

describe('testCounts', () => {
  it('counts one failed test in nested describe blocks once (vitest counts each block as a failed suite: it printed 3)', () => {
    const report = { numPassedTests: 2570, numFailedTests: 1, numFailedTestSuites: 3, success: false, testResults: [file('failed', ['passed', 'failed']), file('passed', ['passed'])] };
    expect(testCounts(report, 1)).toEqual({ passed: 2570, failed: 1 });
  });
  it('counts a file that failed to load as a failure, beside the failed tests', () => {
    const report = { numPassedTests: 2, numFailedTests: 1, success: false, testResults: [file('failed', []), file('failed', ['failed', 'passed']), file('passed', ['passed'])] };
    expect(testCounts(report, 1)).toEqual({ passed: 2, failed: 2 });
  });
  it('reports at least one failure when vitest failed for an error outside every file', () => {
    const report = { numPassedTests: 5, numFailedTests: 0, success: false, testResults: [file('passed', ['passed'])] };
    expect(testCounts(report, 1)).toEqual({ passed: 5, failed: 1 });
    expect(testCounts({ ...report, success: true }, 0)).toEqual({ passed: 5, failed: 0 });
  });
});
