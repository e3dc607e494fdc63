/**
 * Issue 15 item 2: which strategy to ship per space. Answers every proposal from a finished exhaustive (grid) run's
 * evaluations.csv (same values as the simulator, without re-simulating), runs each strategy at the space's shipped
 * budget for seeds 1-10, and prints the median hypervolume as a fraction of the exhaustive front's (reference: the
 * exhaustive front's nadir pushed 10% of its range further, as test/search/engine-hv.test.ts).
 * Usage: npx tsx scripts/strategy-table.ts GRID_RUN_DIR POPULATION GENERATIONS
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { readCsvFile } from '../src/io/run/index.js';
import { hypervolume, paretoFront } from '../src/search/pareto/index.js';
import { nsga2, nsga3, randomSearch, type Problem, type SearchResult } from '../src/search/index.js';

const [dir, popArg, genArg] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
  parameters: { name: string; values: (number | string)[] }[];
  objectives: { metric: string; sense: 'min' | 'max' }[];
};
const { records } = readCsvFile(join(dir, 'evaluations.csv'));
const names = manifest.parameters.map((p) => p.name);
const metrics = manifest.objectives.map((o) => o.metric);
const senses = manifest.objectives.map((o) => o.sense);
const key = (values: readonly unknown[]): string => values.map((v) => String(Number(v))).join('|');
const table = new Map(records.map((r) => [key(names.map((n) => r[n])), r]));
const problem: Problem = {
  variables: manifest.parameters.map((p) => ({ name: p.name, kind: 'choice' as const, values: p.values })),
  objectives: senses,
  evaluate: (x) => {
    const row = table.get(key(names.map((n) => x[n])));
    if (!row) throw new Error(`not in the grid: ${JSON.stringify(x)}`);
    if (row.feasible !== undefined && row.feasible !== 'true') return { objectives: metrics.map(() => 0), violation: 1 };
    return { objectives: metrics.map((m) => Number(row[m])) };
  },
};
const allPoints = records.filter((r) => r.feasible === undefined || r.feasible === 'true').map((r) => metrics.map((m) => Number(r[m])));
const front = paretoFront(allPoints, senses);
const reference = metrics.map((_, k) => {
  const v = front.map((p) => p[k]);
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return senses[k] === 'min' ? hi + 0.1 * (hi - lo) : lo - 0.1 * (hi - lo);
});
const exact = hypervolume(front, reference, senses);
console.log(`${dir}: ${records.length} rows, exhaustive front ${front.length} designs, HV ${exact.toExponential(4)}`);
const populationSize = Number(popArg);
const generations = Number(genArg);
const budget = populationSize * generations;
const strategies: [string, (seed: number) => Promise<SearchResult>][] = [
  ['nsga2', (seed) => nsga2(problem, { seed, populationSize, generations })],
  ['nsga3', (seed) => nsga3(problem, { seed, populationSize, generations })],
  ['random', (seed) => randomSearch(problem, { seed, evaluations: budget })],
];
for (const [name, run] of strategies) {
  const fractions: number[] = [];
  for (let seed = 1; seed <= 10; seed++) {
    const r = await run(seed);
    fractions.push(hypervolume(r.front.map((e) => e.result.objectives), reference, senses) / exact);
  }
  console.log(`${name}: median ${median(fractions).toFixed(3)}, min ${Math.min(...fractions).toFixed(3)}, max ${Math.max(...fractions).toFixed(3)} (${budget} evaluations)`);
}
