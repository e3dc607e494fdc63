/**
 * Every proposal is checked before it is evaluated: a caller's operator (or a registered strategy) that makes a
 * gene out of its variable's bounds used to reach evaluate silently ({"r":7,"i":7}, the choice missing), and an
 * operator of the wrong shape threw a raw TypeError.
 */
import { describe, expect, it } from 'vitest';
import type { Problem, Solution } from '../../../src/search/problem.js';
import { nsga2, nsga3, SearchRun } from '../../../src/search/strategies/index.js';
import { asyncRefusal } from '../../helpers/refusal.js';
import { MIXED_VARIABLES } from './problems.js';

const seen: Solution[] = [];
const mixed: Problem = {
  variables: MIXED_VARIABLES,
  objectives: ['min', 'min'],
  evaluate: (x) => {
    seen.push(x);
    return { objectives: [Number(x.r), Number(x.i)] };
  },
};
const three: Problem = { ...mixed, objectives: ['min', 'min', 'min'], evaluate: (x) => ({ objectives: [Number(x.r), Number(x.i), 0] }) };
const settings = { seed: 1, populationSize: 4, generations: 3 };
/** Options as a JavaScript caller (or `as any`) may pass them. */
const loose = (options: Record<string, unknown>): Record<string, never> => options as Record<string, never>;

describe('proposed genes', () => {
  it("a caller's operator making a gene out of bounds is refused naming the operator, the variable and the gene", async () => {
    seen.length = 0;
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { mutation: (g) => g.map(() => 7) } }))).toBe(
      'operators.mutation: genes[0] (r): got 7, expected a number in [0, 1]');
    expect(seen.every((x) => Number(x.r) <= 1 && x.c !== undefined)).toBe(true);
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { mutation: (g) => [g[0], 1.5, g[2]] } }))).toBe(
      'operators.mutation: genes[1] (i): got 1.5, expected an integer in [0, 3]');
    expect(await asyncRefusal(() => nsga3(three, { ...settings, operators: { crossover: (a, b) => [[...a.slice(0, 2), 2], [...b]] } }))).toBe(
      'operators.crossover: genes[2] (c): got 2, expected an index in [0, 1] (one of its 2 values)');
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { sampling: { many: (n) => Array.from({ length: n }, () => [NaN, 0, 0]), one: () => [0, 0, 0] } } }))).toBe(
      'operators.sampling.many: genes[0] (r): got NaN, expected a number in [0, 1]');
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { mutation: (g) => g.slice(0, 2) } }))).toMatch(
      /^operators\.mutation: got \[[\d.]+,\d\], expected 3 genes \(one per variable\)$/);
  });

  it('a strategy proposing a gene out of bounds is refused before evaluate sees it', async () => {
    seen.length = 0;
    const run = new SearchRun(mixed, {});
    expect(await asyncRefusal(() => run.evaluate([[0.5, 1, 0], [0.5, 1, 7]], 0))).toBe(
      'proposal 1: genes[2] (c): got 7, expected an index in [0, 1] (one of its 2 values) (made by the strategy or one of its operators)');
    expect(seen).toEqual([]);
  });

  it('an operator of the wrong shape is refused when the options are checked', async () => {
    expect(await asyncRefusal(() => nsga2(mixed, loose({ ...settings, operators: { mutation: 5 } })))).toBe(
      'operators.mutation: got 5, expected a function (genes, rng) => genes');
    expect(await asyncRefusal(() => nsga3(three, loose({ ...settings, operators: { sampling: {} } })))).toBe(
      'operators.sampling: got {}, expected an object with functions many(n, rng) and one(rng)');
    expect(await asyncRefusal(() => nsga2(mixed, loose({ ...settings, operators: { duplicates: 'none' } })))).toMatch(
      /^operators\.duplicates: got "none", expected an object with a function offspring\(run, want, breeding\)/);
    expect(await asyncRefusal(() => nsga2(mixed, loose({ ...settings, operators: { crossover: (a: number[]) => [a] } })))).toMatch(
      /^operators\.crossover: returned \[\[[\d.]+,\d,\d\]\], expected two children \[child1, child2\]$/);
  });
});
