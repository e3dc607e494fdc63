/**
 * Issue 15 item 4 (docs/search.md, "Lazy accuracy", the measured table): runs test/search/fixtures/lazy-mlp-mnist.json
 * eager, lazy (`"lazy": true`) and with the early stop (`"lazy": "early-stop"`) for seeds 1..N, in-thread, and prints
 * per seed the accuracy measurements of each mode, the early stop's test images and the hypervolume of each lazy
 * front at its eager run's reference, as a fraction of the eager front's. Eager and lazy runs share one persistent
 * cache (a design measured by one is not measured again: the lazy count is of measurements sent to the backend
 * either way); every early-stop run gets an empty cache of its own, so its image count is what it took.
 *   npx tsx scripts/lazy-table.ts [--seeds 8]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { runSearch, simulatorSpaceContext } from '../src/app/index.js';
import { readCsvFile } from '../src/io/run/index.js';
import { hypervolume } from '../src/search/pareto/index.js';
import { loadSpace } from '../src/search/index.js';
import type { LazyMode } from '../src/search/space/types.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '8' } } });
const SPACE = new URL('../test/search/fixtures/lazy-mlp-mnist.json', import.meta.url).pathname;
const space = loadSpace(SPACE, simulatorSpaceContext());
const objectives = space.objectives.map((o) => o.metric);
const senses = space.objectives.map((o) => o.sense);
const root = mkdtempSync(join(tmpdir(), 'lazy-table-'));
const sharedCache = join(root, 'cache-shared');

async function run(seed: number, lazy: LazyMode | false, cacheDir: string) {
  process.env.COSEARCH_CACHE_DIR = cacheDir;
  const outDir = join(root, `seed${seed}-${String(lazy)}`);
  const t0 = process.cpuUsage();
  const r = await runSearch({ space, outDir, seed, backend: 'in-thread', ...(lazy === false ? {} : { lazy }) });
  const cpu = process.cpuUsage(t0);
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { hypervolumeReference: number[] };
  const front = readCsvFile(join(outDir, 'pareto.csv')).records.map((row) => objectives.map((m) => Number(row[m])));
  const designs = readCsvFile(join(outDir, 'evaluations.csv')).records.map((row) => space.variables.map((v) => row[v.path]).join('|'));
  return { r, manifest, front, designs, cpu_s: (cpu.user + cpu.system) / 1e6 };
}

const lines: string[] = [];
const medians: number[][] = [[], [], [], []];
for (let seed = 1; seed <= Number(values.seeds); seed++) {
  const eager = await run(seed, false, sharedCache);
  const lazy = await run(seed, true, sharedCache);
  const stop = await run(seed, 'early-stop', join(root, `cache-stop-${seed}`));
  const reference = eager.manifest.hypervolumeReference;
  const eagerHv = hypervolume(eager.front, reference, senses);
  const hvRatio = hypervolume(lazy.front, reference, senses) / eagerHv;
  const stopHvRatio = hypervolume(stop.front, reference, senses) / eagerHv;
  const sameProposals = lazy.designs.join(',') === stop.designs.join(',');
  const l = lazy.r.lazy!;
  const s = stop.r.lazy!;
  const eagerImages = eager.designs.length * Number(space.base['accuracy.samples']);
  lines.push(`| ${seed} | ${l.measurements} (${l.measuredRows} rows measured; early stop: ${s.boundRows} stopped, ${s.finished} finished) | `
    + `${(eager.designs.length / l.measurements).toFixed(2)}x | ${s.samples.toLocaleString('en-US')} | ${(eagerImages / s.samples).toFixed(2)}x | `
    + `${hvRatio.toFixed(4)} | ${stopHvRatio.toFixed(4)} | ${sameProposals ? 'same' : 'DIFFERENT'} |`);
  medians[0].push(l.measurements);
  medians[1].push(eager.designs.length / l.measurements);
  medians[2].push(eagerImages / s.samples);
  medians[3].push(hvRatio);
  console.error(`seed ${seed}: eager ${eager.designs.length} designs (${eager.cpu_s.toFixed(1)} s CPU), lazy ${l.measurements} (${lazy.cpu_s.toFixed(1)} s), early stop ${s.samples} images (${stop.cpu_s.toFixed(1)} s)`);
}
console.log('| seed | lazy: designs measured | eager / lazy designs | early stop: test images | eager / early-stop images | HV lazy / eager | HV early stop / eager | proposals lazy vs early stop |');
console.log('|---|---|---|---|---|---|---|---|');
for (const line of lines) console.log(line);
console.log(`| **median** | **${median(medians[0])}** | **${median(medians[1]).toFixed(2)}x** | | **${median(medians[2]).toFixed(2)}x** | **${median(medians[3]).toFixed(4)}** | | |`);
