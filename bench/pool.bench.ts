/**
 * Evaluations per second of a VGG16 co-search through the worker pool, 1 vs 2 workers (issue 3 target:
 * 2 workers >= 1.6x). Configurations are distinct points of search-spaces/default.json (so the cache never
 * answers), in the batches NSGA-II would send (one generation at a time); workers are warmed up first
 * (network loaded, JIT warm) so the figure is the steady state.
 * POOL_BENCH_METRICS=ela (default) evaluates energy-latency-area only (~1 ms per configuration: the hard case
 * for parallel speedup, messaging and per-generation synchronisation weigh most); =accuracy adds the MAC-error
 * Monte Carlo (simulate(), ~0.3-3 s per configuration).
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
const generation = Number(process.env.POOL_BENCH_BATCH ?? 40);
const withAccuracy = process.env.POOL_BENCH_METRICS === 'accuracy';
const generations = Number(process.env.POOL_BENCH_GENERATIONS ?? (withAccuracy ? 2 : 100));
const warmup = withAccuracy ? 2 : 40;
const needed = withAccuracy ? ['energy_pJ', 'macError_rms'] : ['energy_pJ', 'latency_ns', 'area_mm2'];
/** Alternating repeats; the best rate of each counts (other processes on a shared machine only slow a run down). */
const repeats = Number(process.env.POOL_BENCH_REPEATS ?? 3);
const size = spaceSize(space);
const rng = createRng('pool-bench');
const seen = new Set<number>();
const points: Record<string, number | string>[] = [];
while (points.length < generations * generation + 2 * warmup && seen.size < size) {
  const i = rng.int(size);
  if (seen.has(i)) continue;
  seen.add(i);
  points.push(pointOverrides(space.variables, gridPoint(space.variables, i)));
}

async function measure(workers: number): Promise<number> {
  const pool = new EvaluationPool({ evaluator, context: { network: space.network, base: space.base, needed }, workers });
  // Warm-up: every worker loads the network and JIT-compiles the simulator.
  // Warm-up on points kept apart, so every measurement evaluates exactly the same configurations.
  await pool.evaluate(points.slice(generations * generation, generations * generation + warmup * workers));
  const work = points.slice(0, generations * generation);
  const start = performance.now();
  for (let g = 0; g < work.length; g += generation) await pool.evaluate(work.slice(g, g + generation));
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  const out = pool.evaluated - warmup * workers;
  const rate = out / seconds;
  console.log(`  ${workers} worker${workers > 1 ? 's' : ''}: ${out} evaluations in ${seconds.toFixed(2)} s = ${rate.toFixed(1)} evaluations/s`);
  return rate;
}

console.log(`pool: VGG16 (${space.network}) search, ${withAccuracy ? 'with' : 'without'} the accuracy engine, ${generations} generations of ${generation}, ${availableParallelism()} cores available`);
let one = 0;
let two = 0;
for (let r = 0; r < repeats; r++) {
  one = Math.max(one, await measure(1));
  two = Math.max(two, await measure(2));
}
console.log(`pool: best of ${repeats}: 1 worker ${one.toFixed(1)}/s, 2 workers ${two.toFixed(1)}/s, speedup ${(two / one).toFixed(2)}x (target >= 1.6x)`);
