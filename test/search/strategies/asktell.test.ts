/** Ask/tell gives the one-shot result; operator objects replace the defaults, and the visible defaults are the ones used. */
import { describe, expect, it } from 'vitest';
import { refusal } from '../../helpers/refusal.js';
import { nsga2, nsga2Operators, nsga2Optimizer, nsga3, nsga3Operators, nsga3Optimizer } from '../../../src/search/strategies/index.js';
import type { EvaluationResult, Problem, SearchResult } from '../../../src/search/problem.js';
import { dtlz2 } from './dtlz.js';
import { zdt1 } from './problems.js';

const summary = (r: SearchResult): unknown => ({
  xs: r.evaluations.map((e) => e.x),
  f: r.evaluations.map((e) => e.result.objectives),
  population: r.population?.map((e) => e.index),
  front: r.front.map((e) => e.index),
  generations: r.generations,
  stopReason: r.stopReason,
});

async function drive(opt: ReturnType<typeof nsga2Optimizer>, problem: Problem): Promise<{ result: SearchResult; batches: number }> {
  let batches = 0;
  for (let xs = await opt.ask(); xs.length > 0; xs = await opt.ask()) {
    batches++;
    opt.tell(await Promise.all(xs.map(async (x) => (await problem.evaluate(x)) as EvaluationResult)));
  }
  expect(opt.done).toBe(true);
  return { result: await opt.result(), batches };
}

describe('ask/tell', () => {
  it('result() before the run finished is refused at once (it would wait for ever on an untold batch)', async () => {
    const opt = nsga2Optimizer(zdt1(6), { seed: 1, populationSize: 4, generations: 2 });
    await expect(opt.result()).rejects.toThrow('ask/tell: result() called before the run finished (no batch asked yet)');
    const xs = await opt.ask();
    await expect(opt.result()).rejects.toThrow('(a batch asked is not told yet): ask() and tell() until ask() returns an empty batch');
    expect(xs.length).toBe(4);
  });

  it('nsga2: same proposals, population and front as the one-shot call with the same seed', async () => {
    const problem = zdt1(6);
    const options = { seed: 7, populationSize: 12, generations: 6 };
    const { result, batches } = await drive(nsga2Optimizer(problem, options), problem);
    expect(batches).toBe(6);
    expect(summary(result)).toEqual(summary(await nsga2(problem, options)));
  });

  it('nsga3: same as the one-shot call, also with an evaluation budget that ends mid-generation', async () => {
    const problem = dtlz2(7, 3);
    const options = { seed: 3, partitions: 4, evaluations: 50 };
    const { result } = await drive(nsga3Optimizer(problem, options), problem);
    expect(result.evaluations).toHaveLength(50);
    expect(summary(result)).toEqual(summary(await nsga3(problem, options)));
  });

  it('refuses a tell with no batch pending, or with the wrong number of results', async () => {
    const problem = zdt1(4);
    const opt = nsga2Optimizer(problem, { seed: 1, populationSize: 4, generations: 2 });
    // A ConfigError as the other misuses are (a plain Error until 2026-12-06).
    expect(refusal(() => opt.tell([]))).toBe('ask/tell: tell() called with no batch pending (call ask() first)');
    const xs = await opt.ask();
    expect(xs).toHaveLength(4);
    expect(await opt.ask()).toEqual(xs);
    expect(() => opt.tell([{ objectives: [1, 1] }])).toThrow(/got 1 results, expected an array of 4 results/);
  });
});

describe('operators as objects', () => {
  it('passing the visible defaults explicitly changes nothing (nsga2 and nsga3)', async () => {
    const p2 = zdt1(6);
    const o2 = { seed: 2, populationSize: 10, generations: 5 };
    expect(summary(await nsga2(p2, { ...o2, operators: nsga2Operators(p2, o2) }))).toEqual(summary(await nsga2(p2, o2)));
    const p3 = dtlz2(7, 3);
    const o3 = { seed: 2, partitions: 4, generations: 5 };
    expect(summary(await nsga3(p3, { ...o3, operators: nsga3Operators(p3, o3) }))).toEqual(summary(await nsga3(p3, o3)));
  });

  it('an operator object reused for other runs, one after another or at once, gives each the default run', async () => {
    // The NSGA-III survival's normaliser (ideal, nadir, extreme points) used to live in the operator object, so a
    // second run with the same survival started from the first run's state and proposed other designs.
    const p3 = dtlz2(7, 3);
    const o3 = { seed: 1, partitions: 4, generations: 6 };
    const default3 = summary(await nsga3(p3, o3));
    const ops3 = nsga3Operators(p3, o3);
    const reused3 = { ...o3, operators: { survival: ops3.survival } };
    expect(summary(await nsga3(p3, reused3))).toEqual(default3);
    expect(summary(await nsga3(p3, reused3))).toEqual(default3);
    const together3 = await Promise.all([nsga3(p3, { ...o3, operators: ops3 }), nsga3(p3, { ...o3, operators: ops3 })]);
    expect(together3.map(summary)).toEqual([default3, default3]);
    const p2 = zdt1(6);
    const o2 = { seed: 1, populationSize: 10, generations: 6 };
    const default2 = summary(await nsga2(p2, o2));
    const ops2 = nsga2Operators(p2, o2);
    const together2 = await Promise.all([nsga2(p2, { ...o2, operators: ops2 }), nsga2(p2, { ...o2, operators: ops2 })]);
    expect(together2.map(summary)).toEqual([default2, default2]);
    expect(summary(await nsga2(p2, { ...o2, operators: ops2 }))).toEqual(default2);
  });

  it('a user mutation and sampling replace the defaults', async () => {
    const problem = zdt1(4);
    let mutations = 0;
    const result = await nsga2(problem, {
      seed: 1,
      populationSize: 8,
      generations: 3,
      operators: {
        // Every initial point at x = 0.5 except a spread first variable, so the sampler's use is visible.
        sampling: { many: (n) => Array.from({ length: n }, (_, i) => [i / n, 0.5, 0.5, 0.5]), one: (rng) => [rng.next(), 0.5, 0.5, 0.5] },
        mutation: (genes) => {
          mutations++;
          return genes.slice();
        },
      },
    });
    expect(result.evaluations.slice(0, 8).map((e) => e.x.x1)).toEqual([0, 1 / 8, 2 / 8, 3 / 8, 4 / 8, 5 / 8, 6 / 8, 7 / 8]);
    expect(result.evaluations.slice(0, 8).every((e) => e.x.x2 === 0.5)).toBe(true);
    expect(mutations).toBeGreaterThanOrEqual(16);
  });

  it('the nsga3 defaults are pymoo\'s: crossover eta 30 with probability 1 (a crossed pair always differs from its parents)', () => {
    const problem = dtlz2(7, 3);
    const { crossover } = nsga3Operators(problem, {});
    let changed = 0;
    const rng = { next: () => 0.25, int: () => 0, normal: () => 0 };
    const [c1] = crossover([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2], [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8], rng);
    for (const v of c1) if (v !== 0.2 && v !== 0.8) changed++;
    expect(changed).toBe(7);
  });
});
