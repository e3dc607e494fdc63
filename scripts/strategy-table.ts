/**
 * Issue 15 item 2: which strategy to ship per space. Runs each strategy through the real search engine (runSearch,
 * in-thread: the same variables, duplicate handling, constraint violations and settings as `cosearch search`) at the
 * space's shipped budget for seeds 1..N, and prints the median hypervolume of the run's front as a fraction of the
 * reference front's (reference point: the reference front's nadir pushed 10% of its range further, as
 * test/search/engine-hv.test.ts). The space's constraints decide feasibility (constraintViolation), so a bound can be
 * measured on a grid run made without it.
 *   npx tsx scripts/strategy-table.ts SPACE --grid RUN_DIR [--seeds 10] [--strategies nsga2,nsga3,random] [--write-front CSV]
 *     every proposal answered from a finished grid run's evaluations.csv (the simulator's values, not re-simulated);
 *     the reference is the grid's true (exhaustive) front under the space's constraints (--write-front: saved as CSV)
 *   npx tsx scripts/strategy-table.ts SPACE --memo [--reference-budget 20000] [--seeds 10] ...
 *     proposals simulated (scripts/layer-memo-evaluator.ts: the engine's values, each layer's MAC error computed once);
 *     the reference is the best front known: the union of every run's front and of one NSGA-II and one NSGA-III run
 *     of --reference-budget evaluations (seed 1), so fractions are upper bounds on the true ones
 * NSGA-II and NSGA-III take the space's populationSize and generations; random takes the budget.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { runSearch, simulatorSpaceContext } from '../src/app/index.js';
import { readCsvFile } from '../src/io/run/index.js';
import { hypervolume, paretoFront, paretoFrontIndices } from '../src/search/pareto/index.js';
import { constraintViolation, loadSpace } from '../src/search/index.js';
import type { SearchSpace } from '../src/search/space/types.js';
import { checkExact } from './layer-memo-evaluator.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    grid: { type: 'string' },
    memo: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '10' },
    strategies: { type: 'string', default: 'nsga2,nsga3,random' },
    'reference-budget': { type: 'string', default: '20000' },
    'write-front': { type: 'string' },
  },
});
const spaceFile = positionals[0];
if (!spaceFile || (values.grid === undefined) === !values.memo) {
  console.error('usage: strategy-table.ts SPACE (--grid RUN_DIR | --memo) [--seeds N] [--strategies a,b] [--reference-budget N]');
  process.exit(1);
}
const cpu0 = process.cpuUsage();
const space = loadSpace(spaceFile, simulatorSpaceContext());
const objectives = space.objectives.map((o) => o.metric);
const senses = space.objectives.map((o) => o.sense);
const metrics = [...new Set([...objectives, ...space.constraints.map((c) => c.metric)])];
const evaluator = values.grid !== undefined
  ? { module: new URL('./grid-lookup-evaluator.ts', import.meta.url), metrics,
    context: { csv: join(values.grid, 'evaluations.csv'), parameters: space.variables.map((v) => v.path), metrics } }
  : { module: new URL('./layer-memo-evaluator.ts', import.meta.url), metrics, context: { metrics } };

const populationSize = Number(space.strategy.settings.populationSize);
const generations = Number(space.strategy.settings.generations);
const budget = space.budget.evaluations ?? populationSize * generations;
const settingsOf: Record<string, SearchSpace['strategy']['settings']> = {
  nsga2: { populationSize, generations },
  nsga3: { populationSize, generations },
  random: {},
  // The shipped strategy runs with every setting the space gives it (sampling, infeasibleShare, ...).
  [space.strategy.name]: space.strategy.settings,
};

const work = mkdtempSync(join(tmpdir(), 'strategy-table-'));
let runs = 0;
/** The feasible front points of one engine run of `strategy` with `seed` and `evaluations`. */
async function frontOf(strategy: string, seed: number, evaluations: number, settings = settingsOf[strategy]): Promise<number[][]> {
  const outDir = join(work, `run-${runs++}`);
  const run = await runSearch({ space: { ...space, strategy: { name: strategy, settings }, budget: { evaluations } }, seed, outDir,
    backend: 'in-thread', evaluator });
  const points = readCsvFile(run.paretoCsv).records.filter((r) => r.feasible === 'true').map((r) => objectives.map((m) => Number(r[m])));
  rmSync(outDir, { recursive: true, force: true });
  return points;
}

if (values.memo) {
  // The memoised MAC error must be the engine's own: three designs of the space checked bit for bit.
  for (const k of [0, 1, 2]) {
    const overrides = Object.fromEntries(space.variables.flatMap((v) => v.targets.map((t) => [t, v.values[(k * 7 + t.length) % v.values.length]])));
    checkExact({ network: space.network, base: space.base, metrics }, overrides);
  }
}
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const strategies = values.strategies!.split(',');
const fronts = new Map<string, number[][][]>();
for (const name of strategies) {
  const list: number[][][] = [];
  for (const seed of seeds) list.push(await frontOf(name, seed, budget));
  fronts.set(name, list);
  process.stderr.write(`${name} done\n`);
}

let reference: number[][];
let what: string;
if (values.grid !== undefined) {
  const rows = readCsvFile(join(values.grid, 'evaluations.csv')).records.filter((r) => r.error === '' || r.error === undefined);
  const feasible = rows.filter((r) => {
    const m = Object.fromEntries(metrics.map((k) => [k, Number(r[k])]));
    return metrics.every((k) => Number.isFinite(m[k])) && constraintViolation(space, m) === 0;
  });
  const onFront = paretoFrontIndices(feasible.map((r) => objectives.map((k) => Number(r[k]))), senses).sort((a, b) => a - b);
  reference = onFront.map((i) => objectives.map((k) => Number(feasible[i][k])));
  what = `exhaustive: ${rows.length} grid rows, ${feasible.length} feasible`;
  if (values['write-front'] !== undefined) {
    // The true front as a test fixture (test/search/default-exhaustive-front.test.ts): grid index, parameters, objectives.
    const columns = ['index', ...space.variables.map((v) => v.path), ...objectives];
    writeFileSync(values['write-front'], `${[columns.join(','), ...onFront.map((i) => columns.map((c) => feasible[i][c]).join(','))].join('\n')}\n`);
  }
} else {
  const big = Number(values['reference-budget']);
  const pop = 4 * populationSize;
  const extra = [await frontOf('nsga2', 1, big, { populationSize: pop, generations: Math.floor(big / pop) }),
    await frontOf('nsga3', 1, big, { populationSize: pop, generations: Math.floor(big / pop) })];
  reference = paretoFront([...extra, ...[...fronts.values()].flat()].flat(), senses);
  what = `best known: union of every run's front and NSGA-II + NSGA-III runs of ${big} evaluations (population ${pop})`;
}
rmSync(work, { recursive: true, force: true });
const nadir = objectives.map((_, k) => {
  const v = reference.map((p) => p[k]);
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return senses[k] === 'min' ? hi + 0.1 * (hi - lo) : lo - 0.1 * (hi - lo);
});
const exact = hypervolume(reference, nadir, senses);
console.log(`${spaceFile}: reference front ${reference.length} designs (${what}), HV ${exact.toExponential(4)}`);
console.log(`${budget} evaluations per run, seeds ${seeds[0]}-${seeds.at(-1)}, population ${populationSize} x ${generations} generations\n`);
console.log('| strategy | median | min | max |\n|---|---|---|---|');
for (const [name, list] of fronts) {
  const f = list.map((points) => (points.length ? hypervolume(points, nadir, senses) / exact : 0));
  console.log(`| ${name}${name === space.strategy.name ? ' (shipped)' : ''} | ${median(f).toFixed(3)} | ${Math.min(...f).toFixed(3)} | ${Math.max(...f).toFixed(3)} |`);
}
const cpu = process.cpuUsage(cpu0);
console.log(`\nCPU time ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s (${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} load average at the end)`);
