#!/usr/bin/env node
// Runs vitest and prints the closing "N passed, N failed" line that CI recognises (vitest's own summary is not).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { testCounts } from './testCounts.mjs';

const report = '.vitest-report.json';
rmSync(report, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
// The tests' own cache folder is made by vitest's globalSetup (test/setup/cache-dir.ts), for `npx vitest` runs too.
const run = spawnSync('npx', args, { stdio: 'inherit' });
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  ({ passed, failed } = testCounts(json, run.status));
} catch {
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
