/**
 * Regenerates test/search/fixtures/device-adc-precision-table.csv (the lookup table of the feasible-islands test and
 * bench, test/search/strategies/islands.ts) after a model change moves its numbers: every one of the space's 320
 * designs evaluated by the simulator (`cosearch search search-spaces/device-adc-precision.json --strategy grid`), kept
 * as its three parameters, three objectives and the constrained macError_rms, sorted by the parameters.
 * Run: node --import tsx scripts/regenerate-islands-table.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/io/run/index.js';

const root = new URL('..', import.meta.url).pathname;
const out = join(mkdtempSync(join(tmpdir(), 'islands-')), 'run');
execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'search', 'search-spaces/device-adc-precision.json', '--strategy', 'grid', '--out', out], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, COSEARCH_CACHE_DIR: join(out, '..', 'cache') },
});
const COLUMNS = ['device.bitsPerCell', 'adc.bits', 'adc.columnsPerAdc', 'energy_pJ', 'area_mm2', 'latency_ns', 'macError_rms'];
const table = parseCsv(readFileSync(join(out, 'evaluations.csv'), 'utf8'));
const at = COLUMNS.map((c) => {
  const j = table.header.indexOf(c);
  if (j < 0) throw new Error(`evaluations.csv has no column ${c}`);
  return j;
});
const rows = table.records.map((r) => at.map((j) => r[j]));
rows.sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]));
const target = join(root, 'test/search/fixtures/device-adc-precision-table.csv');
writeFileSync(target, [COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
console.log(`wrote ${rows.length} designs to ${target}`);
