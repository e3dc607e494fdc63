// Types of testCounts.mjs (plain JavaScript: run-tests.mjs runs under node without tsx).
export interface VitestReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly success: boolean;
  readonly testResults: readonly { readonly status: string; readonly assertionResults: readonly { readonly status: string }[] }[];
}
export function testCounts(report: VitestReport, exitStatus: number | null): { passed: number; failed: number };
