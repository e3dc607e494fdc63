/**
 * Evaluations per second of a VGG16 co-search through the worker pool, 1 vs 2 workers (issue 3 target:
 * 2 workers >= 1.6x). Configurations are distinct points of search-spaces/default.json (so the cache never
 * answers), in the batches NSGA-II would send (one generation at a time); workers are warmed up first
 * (network loaded) so the figure is the steady state.
 */
import { availableParallelism } from 'node:os';
import { EvaluationPool } from '../src/search/pool/pool.js';
import { gridPoint, pointOverrides } from '../src/search/space/assign.js';
import { loadSpace } from '../src/search/space/parse.js';
import { simulatorSpaceContext } from '../src/search/space/context.js';
import { spaceSize } from '../src/search/space/parse.js';
import { createRng } from '../src/util/rng.js';

const space = loadSpace(new URL('../search-spaces/default.json', import.meta.url).pathname, simulatorSpaceContext());
const evaluator = new URL('../src/search/pool/simulatorEvaluator.ts', import.meta.url);
const generation = 40;
const generations = Number(process.env.POOL_BENCH_GENERATIONS ?? 10);
const size = spaceSize(space);
const rng = createRng('pool-bench');
const seen = new Set<number>();
const points: Record<string, number | string>[] = [];
while (points.length < (generations + 2) * generation && seen.size < size) {
  const i = rng.int(size);
  if (seen.has(i)) continue;
  seen.add(i);
  points.push(pointOverrides(space.variables, gridPoint(space.variables, i)));
}

async function measure(workers: number, offset: number): Promise<number> {
  const pool = new EvaluationPool({ evaluator, context: { network: space.network, base: space.base }, workers });
  // Warm-up: every worker loads the network and JIT-compiles the simulator.
  await pool.evaluate(points.slice(offset, offset + 4 * workers));
  const work = points.slice(offset + 4 * workers, offset + 4 * workers + generations * generation);
  const start = performance.now();
  for (let g = 0; g < work.length; g += generation) await pool.evaluate(work.slice(g, g + generation));
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  const out = pool.evaluated - 4 * workers;
  const rate = out / seconds;
  console.log(`  ${workers} worker${workers > 1 ? 's' : ''}: ${out} evaluations in ${seconds.toFixed(2)} s = ${rate.toFixed(1)} evaluations/s`);
  return rate;
}

console.log(`pool: VGG16 (${space.network}) search, generations of ${generation}, ${availableParallelism()} cores available`);
const one = await measure(1, 0);
const two = await measure(2, 0);
console.log(`pool: speedup 2 vs 1 workers = ${(two / one).toFixed(2)}x (target >= 1.6x)`);
