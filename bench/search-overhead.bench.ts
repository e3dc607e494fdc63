/**
 * Strategy overhead per evaluation at 1k, 10k and 100k evaluations on problems that cost almost nothing
 * to evaluate, so the time measured is the strategies' own bookkeeping (proposals, operators, sorting,
 * duplicate checks, records, running front). It must stay flat: no per-evaluation work may grow with the
 * number of evaluations so far. It prints the mean cost per evaluation of runs of 1k, 10k and 100k
 * evaluations, and, within the 100k run, the cost per evaluation of its first and last 10k evaluations
 * (the ratio must stay near 1). Costs are CPU time of this process (process.cpuUsage), less disturbed
 * than wall time by other work on a shared machine.
 * In a discrete space NSGA-II costs more once its population has converged: many offspring were already
 * evaluated and are repaired or re-drawn (at most maxDuplicateTries draws each); that cost then stays
 * flat (27-33 µs per evaluation in every 20k block from 20k to 200k evaluations, measured 2026-11-23).
 */
import { evolve, gridSearch, nsga2, randomSearch } from '../src/search/strategies/index.js';
import type { EvaluationResult, Problem, SearchOptions, SearchResult } from '../src/search/problem.js';

/** ZDT1 with 10 variables: a continuous 2-objective problem whose running front keeps growing. */
const cheapContinuous: Problem = {
  variables: Array.from({ length: 10 }, (_, i) => ({ name: `x${i}`, kind: 'real' as const, min: 0, max: 1 })),
  objectives: ['min', 'min'],
  evaluate: (x) => {
    let s = 0;
    for (let i = 1; i < 10; i++) s += x[`x${i}`] as number;
    const g = 1 + s;
    const f1 = x.x0 as number;
    return { objectives: [f1, g * (1 - Math.sqrt(f1 / g))] };
  },
};

/** A discrete space of 10^digits points (integer variables 0..9), 2 objectives. */
function cheapDiscrete(digits: number): Problem {
  const names = Array.from({ length: digits }, (_, i) => `k${i}`);
  return {
    variables: names.map((name) => ({ name, kind: 'integer' as const, min: 0, max: 9 })),
    objectives: ['min', 'max'],
    evaluate: (x) => {
      let a = 0;
      let b = 0;
      names.forEach((name, i) => {
        const v = x[name] as number;
        a += i % 2 === 0 ? v * (i + 1) : -v;
        b += i % 3 === 0 ? v : v * v * 0.1;
      });
      return { objectives: [a, b] };
    },
  };
}

type Strategy = (p: Problem, o: SearchOptions) => Promise<SearchResult<EvaluationResult>>;
/** Problem per run size n (the grid gets a space of exactly n points). */
const cases: [string, Strategy, (n: number) => Problem, SearchOptions][] = [
  ['nsga2 (pop 100), continuous', nsga2, () => cheapContinuous, { populationSize: 100 }],
  ['nsga2 (pop 100), 10^7 discrete', nsga2, () => cheapDiscrete(7), { populationSize: 100 }],
  ['evolve (pop 100), continuous', evolve as Strategy, () => cheapContinuous, { populationSize: 100, weights: [1, 1] } as SearchOptions],
  ['random, continuous', randomSearch, () => cheapContinuous, {}],
  ['grid, 10^k points', gridSearch, (n) => cheapDiscrete(Math.round(Math.log10(n))), {}],
];

async function measure(strategy: Strategy, problem: Problem, options: SearchOptions, n: number): Promise<{ mean_us: number; first_us: number; last_us: number }> {
  const cpu_ms = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const stamps: { evaluations: number; t: number }[] = [];
  const start = cpu_ms();
  stamps.push({ evaluations: 0, t: start });
  await strategy(problem, { ...options, seed: 1, maxEvaluations: n, onGeneration: (i) => void stamps.push({ evaluations: i.evaluations, t: cpu_ms() }) });
  const total = cpu_ms() - start;
  const window = n / 10;
  const at = (evaluations: number) => stamps.find((s) => s.evaluations >= evaluations) ?? stamps[stamps.length - 1];
  const rate = (a: { evaluations: number; t: number }, b: { evaluations: number; t: number }) => ((b.t - a.t) * 1000) / (b.evaluations - a.evaluations);
  const last = stamps[stamps.length - 1];
  return { mean_us: (total * 1000) / n, first_us: rate(stamps[0], at(window)), last_us: rate(at(n - window), last) };
}

const sizes = [1_000, 10_000, 100_000];
console.log('strategy overhead per evaluation (CPU µs) on near-free problems');
console.log(['case'.padEnd(32), ...sizes.map((n) => `mean ${n / 1000}k`.padStart(11)), '   100k run: first 10k / last 10k'].join(''));
for (const [name, strategy, problemFor, options] of cases) {
  await measure(strategy, problemFor(1_000), options, 1_000); // warm-up (JIT)
  const cells: string[] = [];
  let long = { first_us: NaN, last_us: NaN };
  for (const n of sizes) {
    const m = await measure(strategy, problemFor(n), options, n);
    cells.push(m.mean_us.toFixed(2).padStart(11));
    if (n === 100_000) long = m;
  }
  console.log([name.padEnd(32), ...cells].join(''), `   ${long.first_us.toFixed(2)} / ${long.last_us.toFixed(2)} (x${(long.last_us / long.first_us).toFixed(2)})`);
}
