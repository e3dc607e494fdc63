/**
 * QA extend defects 3 and 4. An ask/tell user has an AskTellProblem (no evaluate): nsga2Operators / nsga3Operators take
 * what they read (ProblemShape: variables and objectives), so calling them with one type-checks without a cast
 * (`npx tsc -p tsconfig.json` checks this file: the calls below were TS2345 when they took a Problem) and gives the
 * operators a Problem gives. The `rng` every operator gets is the exported `Rng` (next, int, normal), and `createRng`
 * is exported beside it, so a custom operator or strategy needs no deep import.
 */
import { describe, expect, it } from 'vitest';
import type { Rng as LibraryRng, createRng as libraryCreateRng } from '../../../src/index.js';
import {
  createRng, nsga2Operators, nsga3Operators, nsga3Optimizer, samplerFor, type AskTellProblem, type EvaluationResult, type Mutation, type Problem, type Rng, type Solution,
} from '../../../src/search/index.js';

const askTellProblem: AskTellProblem = {
  variables: [
    { name: 'a', kind: 'real', min: 0, max: 1 },
    { name: 'b', kind: 'integer', min: 0, max: 6 },
    { name: 'c', kind: 'choice', values: ['x', 'y', 'z'] },
  ],
  objectives: ['min', 'min', 'min'],
};
const measure = (x: Solution): EvaluationResult => {
  const [a, b, c] = [Number(x.a), Number(x.b), ['x', 'y', 'z'].indexOf(String(x.c))];
  return { objectives: [a + b / 6, (1 - a) + c / 2, Math.abs(a - 0.5) + (6 - b) / 6] };
};
const problem: Problem = { ...askTellProblem, evaluate: measure };

/** What an operator set does with one seed: samples, a crossover and a mutation of them, and a repair. */
function behaviour(ops: ReturnType<typeof nsga3Operators>, seed: string): unknown {
  const rng = createRng(seed);
  const [a, b] = ops.sampling.many(2, rng);
  const children = ops.crossover(a, b, rng);
  return { samples: [a, b, ops.sampling.one(rng)], children, mutated: ops.mutation(children[0], rng), repaired: ops.repair(children[1], rng) };
}

describe('the default operators of an ask/tell problem', () => {
  it('nsga2Operators and nsga3Operators take an AskTellProblem and give what a Problem gets', () => {
    for (const factory of [nsga2Operators, nsga3Operators]) {
      const fromAskTell = factory(askTellProblem, { seed: 1, partitions: 4 });
      const fromProblem = factory(problem, { seed: 1, partitions: 4 });
      expect(Object.keys(fromAskTell)).toEqual(['sampling', 'crossover', 'mutation', 'repair', 'duplicates', 'survival']);
      expect(Object.keys(fromAskTell)).toEqual(Object.keys(fromProblem));
      expect(fromAskTell.duplicates.name).toBe(fromProblem.duplicates.name);
      for (const seed of ['s1', 's2', 's3']) expect(behaviour(fromAskTell, seed)).toEqual(behaviour(fromProblem, seed));
    }
  });

  it('a wrapped default passed back to an ask/tell run gives the run of the defaults', async () => {
    const options = { seed: 3, partitions: 4, generations: 5 };
    const run = async (operators?: { mutation: Mutation }) => {
      const opt = nsga3Optimizer(askTellProblem, { ...options, ...(operators ? { operators } : {}) });
      for (let xs = await opt.ask(); xs.length > 0; xs = await opt.ask()) opt.tell(xs.map(measure));
      return (await opt.result()).evaluations.map((e) => e.x);
    };
    const defaults = nsga3Operators(askTellProblem, options);
    let calls = 0;
    // The rng is an Rng: next() in [0, 1), int(n) in [0, n), normal() a standard normal.
    const mutation: Mutation = (genes, rng: Rng) => (calls++, defaults.mutation(genes, rng));
    expect(await run({ mutation })).toEqual(await run());
    expect(calls).toBeGreaterThan(0);
  });
});

describe('the operators\' random numbers', () => {
  it('createRng gives an Rng (next, int, normal), reproducible by seed, exported by the library API too', () => {
    const draw = (rng: LibraryRng) => [rng.next(), rng.int(10), rng.normal()];
    const make: typeof libraryCreateRng = createRng;
    const [x, k, z] = draw(make('seed'));
    expect(draw(createRng('seed'))).toEqual([x, k, z]);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThan(1);
    expect(Number.isInteger(k) && k >= 0 && k < 10).toBe(true);
    expect(Number.isFinite(z)).toBe(true);
    // A custom strategy's sampler: n gene vectors inside the variables.
    const sampler = samplerFor(askTellProblem.variables, 'lhs', createRng('s'));
    expect(sampler.many(4).every((g) => g.length === 3 && g[0] >= 0 && g[0] <= 1 && g[2] >= 0 && g[2] <= 2)).toBe(true);
  });
});
