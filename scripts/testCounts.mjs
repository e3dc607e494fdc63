// The "N passed, N failed" counts of a vitest JSON report (scripts/run-tests.mjs prints them for CI).

/**
 * Failed = failed tests, plus each file that failed with none of its tests failed (it did not load, or threw outside a
 * test), and at least 1 when vitest exited non-zero on a report that says it did not succeed (an unhandled error).
 * vitest's numFailedTestSuites counts describe blocks as suites too (one failed test printed "3 failed").
 * @param {{ numPassedTests: number, numFailedTests: number, success: boolean, testResults: { status: string, assertionResults: { status: string }[] }[] }} report
 * @param {number | null} exitStatus vitest's exit status
 * @returns {{ passed: number, failed: number }}
 */
export function testCounts(report, exitStatus) {
  const fileErrors = report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')).length;
  const failed = report.numFailedTests + fileErrors;
  return { passed: report.numPassedTests, failed: report.success === false && exitStatus !== 0 ? Math.max(failed, 1) : failed };
}
