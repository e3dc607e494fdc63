#!/usr/bin/env node
// Runs vitest and prints the closing "N passed, N failed" line that CI recognises (vitest's own summary is not).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const report = '.vitest-report.json';
rmSync(report, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
// Tests never read or fill the user's persistent caches (accuracy results, generated datasets): a fresh folder per run.
const env = { ...process.env, COSEARCH_CACHE_DIR: process.env.COSEARCH_CACHE_DIR ?? mkdtempSync(join(tmpdir(), 'cosearch-test-cache-')) };
const run = spawnSync('npx', args, { stdio: 'inherit', env });
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
