/**
 * Strategy overhead per evaluation at 1k, 10k and 100k evaluations on problems that cost almost nothing
 * to evaluate, so the time measured is the strategies' own bookkeeping (proposals, operators, sorting,
 * duplicate checks, records, running front). It must stay flat: no per-evaluation work may grow with the
 * number of evaluations so far. For each run it prints the mean cost per evaluation and the cost per
 * evaluation over the last 10% of the run (the marginal cost late in a long run). Costs are CPU time of
 * this process (process.cpuUsage), less disturbed than wall time by other work on a shared machine.
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

async function measure(strategy: Strategy, problem: Problem, options: SearchOptions, n: number): Promise<{ mean_us: number; tail_us: number }> {
  const cpu_ms = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const stamps: { evaluations: number; t: number }[] = [];
  const start = cpu_ms();
  await strategy(problem, { ...options, seed: 1, maxEvaluations: n, onGeneration: (i) => void stamps.push({ evaluations: i.evaluations, t: cpu_ms() }) });
  const total = cpu_ms() - start;
  const tailFrom = stamps.find((s) => s.evaluations >= 0.9 * n) ?? stamps[0];
  const last = stamps[stamps.length - 1];
  return {
    mean_us: (total * 1000) / n,
    tail_us: last.evaluations > tailFrom.evaluations ? ((last.t - tailFrom.t) * 1000) / (last.evaluations - tailFrom.evaluations) : NaN,
  };
}

const sizes = [1_000, 10_000, 100_000];
console.log('strategy overhead per evaluation (CPU µs), cheap problems; mean over the run / marginal over its last 10%');
console.log(['case'.padEnd(32), ...sizes.map((n) => `${n / 1000}k`.padStart(16))].join(''));
for (const [name, strategy, problemFor, options] of cases) {
  await measure(strategy, problemFor(1_000), options, 1_000); // warm-up (JIT)
  const cells: string[] = [];
  const tails: number[] = [];
  for (const n of sizes) {
    const { mean_us, tail_us } = await measure(strategy, problemFor(n), options, n);
    tails.push(tail_us);
    cells.push(`${mean_us.toFixed(2)} / ${tail_us.toFixed(2)}`.padStart(16));
  }
  console.log([name.padEnd(32), ...cells].join(''), `  late-run ratio 100k/1k: ${(tails[2] / tails[0]).toFixed(2)}`);
}
