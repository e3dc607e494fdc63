/**
 * Issue 15 item 4 (docs/search.md, "Lazy accuracy", the measured table): runs test/search/fixtures/lazy-mlp-mnist.json
 * eager, lazy (`"lazy": true`) and with the early stop (`"lazy": "early-stop"`) for seeds 1..N, in-thread, and prints
 * per seed the accuracy measurements of each mode, the early stop's test images and the hypervolume of each lazy
 * front at its eager run's reference, as a fraction of the eager front's. The counts are of measurements sent to the
 * backend (a cache hit counts as one), so they do not depend on caching; without --cache the runs share only the
 * process's in-memory accuracy cache (no persistent one: COSEARCH_CACHE_DIR is not read here). Every early-stop run
 * gets an empty cache of its own, so its image count is what it took.
 * A second table: predicted infeasibility (`"lazy": "predict"`, step 5) per seed, with the designs it predicted
 * infeasible measured afterwards (here only, not by the run) to count the wrong predictions.
 * A third table with --exact: `"lazy": "exact"` per seed, its measurements and whether it proposed the eager run's
 * designs in the eager run's order.
 * A fourth with --check-front: whether a lazy (`true`) front falls short of eager's because its pruning was wrong or
 * because it proposed other designs. Every design the lazy run proposed gets its exact accuracy (its own measurement,
 * the eager run's, or one made here, outside the run), and the table gives the hypervolume of the exact feasible front
 * of those proposals and how many designs on it the run left unmeasured (a wrong pruning shows as a count above 0 and
 * a hypervolume above the run's own).
 *   npx tsx scripts/lazy-table.ts [--seeds 8] [--cache DIR] [--skip-early-stop] [--exact] [--check-front] [--predict k,radius,minMeasured]
 * --cache: the eager, lazy and predict runs share a persistent accuracy cache in DIR, kept across invocations (the
 * counts are of measurements sent to the backend, cache hits included, so they do not change); --predict: other
 * predictor settings than PREDICT_SETTINGS, to compare them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createEvaluator, runSearch, simulatorEvaluator, simulatorSpaceContext } from '../src/app/index.js';
import { cacheSettings } from '../src/io/cache/index.js';
import { readCsvFile } from '../src/io/run/index.js';
import { dominates, hypervolume } from '../src/search/pareto/index.js';
import { loadSpace, pointOverrides } from '../src/search/index.js';
import { PREDICT_SETTINGS, type PredictSettings } from '../src/search/lazy/predict.js';
import type { LazyMode } from '../src/search/space/types.js';

const { values } = parseArgs({ options: {
  seeds: { type: 'string', default: '8' }, cache: { type: 'string' }, 'skip-early-stop': { type: 'boolean' }, exact: { type: 'boolean' }, 'check-front': { type: 'boolean' }, predict: { type: 'string' },
} });
if (values.predict !== undefined) {
  const [k, radius, minMeasured] = values.predict.split(',').map(Number);
  // Experiment only: the plan of every later run reads this object.
  Object.assign(PREDICT_SETTINGS as { -readonly [K in keyof PredictSettings]: PredictSettings[K] }, { k, radius, minMeasured });
}
const SPACE = new URL('../test/search/fixtures/lazy-mlp-mnist.json', import.meta.url).pathname;
const space = loadSpace(SPACE, simulatorSpaceContext());
const objectives = space.objectives.map((o) => o.metric);
const senses = space.objectives.map((o) => o.sense);
const root = mkdtempSync(join(tmpdir(), 'lazy-table-'));
const sharedCache = values.cache ?? join(root, 'cache-shared');

async function run(seed: number, lazy: LazyMode | false, cacheDir: string) {
  process.env.COSEARCH_CACHE_DIR = cacheDir;
  const outDir = join(root, `seed${seed}-${String(lazy)}`);
  const t0 = process.cpuUsage();
  const evaluator = values.cache !== undefined && cacheDir === sharedCache ? { evaluator: { ...simulatorEvaluator(), context: { cache: cacheSettings() } } } : {};
  const r = await runSearch({ space, outDir, seed, backend: 'in-thread', ...evaluator, ...(lazy === false ? {} : { lazy }) });
  const cpu = process.cpuUsage(t0);
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { hypervolumeReference: number[] };
  const front = readCsvFile(join(outDir, 'pareto.csv')).records.map((row) => objectives.map((m) => Number(row[m])));
  const records = readCsvFile(join(outDir, 'evaluations.csv')).records;
  const designs = records.map((row) => space.variables.map((v) => row[v.path]).join('|'));
  return { r, manifest, front, designs, records, cpu_s: (cpu.user + cpu.system) / 1e6 };
}

/** The accuracy of each of `records`, measured here (the run did not measure them). */
async function accuraciesOf(records: readonly Record<string, string>[]): Promise<number[]> {
  process.env.COSEARCH_CACHE_DIR = sharedCache;
  const evaluate = createEvaluator({ network: space.network, base: space.base, needed: ['accuracy'], ...(values.cache !== undefined ? { cache: cacheSettings() } : {}) });
  const out: number[] = [];
  for (const row of records) {
    const point = space.variables.map((v) => v.values.find((x) => String(x) === row[v.name]) ?? row[v.name]);
    out.push((await evaluate(pointOverrides(space.variables, point))).accuracy);
  }
  await evaluate.close?.();
  return out;
}

/**
 * --check-front: the exact feasible front of a lazy run's proposals, as a fraction of eager's hypervolume, and how
 * many of its designs the run left unmeasured. A row's accuracy: its own if measured, else the eager run's for the
 * same design, else measured here.
 */
async function proposalsFront(lazy: Awaited<ReturnType<typeof run>>, eager: Awaited<ReturnType<typeof run>>, reference: number[], eagerHv: number) {
  const eagerAccuracy = new Map(eager.records.map((row, j) => [eager.designs[j], Number(row.accuracy)]));
  const known = (row: Record<string, string>, j: number) => (row.accuracyMeasured === 'true' ? Number(row.accuracy) : eagerAccuracy.get(lazy.designs[j]));
  const unknown = lazy.records.filter((row, j) => row.error === '' && known(row, j) === undefined);
  const measuredHere = await accuraciesOf(unknown);
  const accuracy = lazy.records.map((row, j) => known(row, j) ?? measuredHere[unknown.indexOf(row)]);
  const feasible = lazy.records.flatMap((row, j) => (row.error === '' && accuracy[j] >= floor ? [{ row, f: objectives.map((m) => Number(row[m])) }] : []));
  const onFront = feasible.filter((a) => !feasible.some((b) => dominates(b.f, a.f, senses)));
  return { hv: hypervolume(onFront.map((a) => a.f), reference, senses) / eagerHv, unmeasured: onFront.filter((a) => a.row.accuracyMeasured !== 'true').length, measuredHere: unknown.length };
}

const lines: string[] = [];
const predictLines: string[] = [];
const medians: number[][] = [[], [], [], []];
const predictMedians: number[][] = [[], [], []];
const exactLines: string[] = [];
const exactMedians: number[][] = [[], []];
const frontLines: string[] = [];
const floor = space.constraints.find((c) => c.metric === 'accuracy')?.min ?? 0;
for (let seed = 1; seed <= Number(values.seeds); seed++) {
  const eager = await run(seed, false, sharedCache);
  const lazy = await run(seed, true, sharedCache);
  const predict = await run(seed, 'predict', sharedCache);
  const reference = eager.manifest.hypervolumeReference;
  const eagerHv = hypervolume(eager.front, reference, senses);
  const hvRatio = hypervolume(lazy.front, reference, senses) / eagerHv;
  const p = predict.r.lazy!;
  const wrong = (await accuraciesOf(predict.records.filter((r) => r.accuracyMeasured === 'predicted'))).filter((a) => a >= floor).length;
  const predictHv = hypervolume(predict.front, reference, senses) / eagerHv;
  predictLines.push(`| ${seed} | ${lazy.r.lazy!.measurements} | ${p.measurements} | ${(eager.designs.length / p.measurements).toFixed(2)}x | ${p.predictedRows} | ${wrong} | ${predictHv.toFixed(4)} |`);
  predictMedians[0].push(p.measurements);
  predictMedians[1].push(eager.designs.length / p.measurements);
  predictMedians[2].push(predictHv);
  if (values['check-front']) {
    const c = await proposalsFront(lazy, eager, reference, eagerHv);
    frontLines.push(`| ${seed} | ${hvRatio.toFixed(4)} | ${c.hv.toFixed(4)} | ${c.unmeasured} | ${c.measuredHere} |`);
  }
  if (values.exact) {
    const exact = await run(seed, 'exact', sharedCache);
    const m = exact.r.lazy!.measurements;
    const same = exact.designs.join(',') === eager.designs.join(',');
    exactLines.push(`| ${seed} | ${m} | ${(eager.designs.length / m).toFixed(2)}x | ${same ? 'same' : 'DIFFERENT'} | ${(hypervolume(exact.front, reference, senses) / eagerHv).toFixed(4)} |`);
    exactMedians[0].push(m);
    exactMedians[1].push(eager.designs.length / m);
  }
  console.error(`seed ${seed}: lazy ${lazy.r.lazy!.measurements} measured, HV ${hvRatio.toFixed(4)}; predict ${p.measurements} measured, ${p.predictedRows} predicted (${wrong} of them feasible), HV ${predictHv.toFixed(4)} (${predict.cpu_s.toFixed(1)} s)`);
  if (values['skip-early-stop']) continue;
  const stop = await run(seed, 'early-stop', join(root, `cache-stop-${seed}`));
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
if (!values['skip-early-stop']) printLazyTable();
const s = PREDICT_SETTINGS;
console.log(`\npredict (k ${s.k}, radius ${s.radius}, after ${s.minMeasured} measured):`);
console.log('| seed | lazy: designs measured | predict: designs measured | eager / predict designs | rows predicted | predicted but feasible | HV predict / eager |');
console.log('|---|---|---|---|---|---|---|');
for (const line of predictLines) console.log(line);
console.log(`| **median** | | **${median(predictMedians[0])}** | **${median(predictMedians[1]).toFixed(2)}x** | | | **${median(predictMedians[2]).toFixed(4)}** |`);

if (values.exact) {
  console.log('\nexact:');
  console.log('| seed | exact: designs measured | eager / exact designs | proposals exact vs eager | HV exact / eager |');
  console.log('|---|---|---|---|---|');
  for (const line of exactLines) console.log(line);
  console.log(`| **median** | **${median(exactMedians[0])}** | **${median(exactMedians[1]).toFixed(2)}x** | | |`);
}

if (values['check-front']) {
  console.log('\ncheck-front (lazy true):');
  console.log('| seed | HV lazy / eager | HV exact front of lazy\'s proposals / eager | unmeasured designs on that front | accuracies measured for the check |');
  console.log('|---|---|---|---|---|');
  for (const line of frontLines) console.log(line);
}

function printLazyTable(): void {
  console.log('| seed | lazy: designs measured | eager / lazy designs | early stop: test images | eager / early-stop images | HV lazy / eager | HV early stop / eager | proposals lazy vs early stop |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const line of lines) console.log(line);
  console.log(`| **median** | **${median(medians[0])}** | **${median(medians[1]).toFixed(2)}x** | | **${median(medians[2]).toFixed(2)}x** | **${median(medians[3]).toFixed(4)}** | | |`);
}
