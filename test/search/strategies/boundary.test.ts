/**
 * Boundary bisection (src/search/strategies/boundary.ts): midpoints between the feasible front and archived infeasible
 * designs, on ordered discrete genes, rounded toward the feasible end; and what it does inside an nsga2 run.
 */
import { describe, expect, it } from 'vitest';
import { boundaryBisection } from '../../../src/search/strategies/boundary.js';
import { SearchRun, type Individual } from '../../../src/search/strategies/core.js';
import { nsga2 } from '../../../src/search/strategies/index.js';
import type { Problem } from '../../../src/search/problem.js';
import { MIXED_VARIABLES } from './problems.js';

/** x in 0..64 and a two-level knob k: cost falls with x (the objectives), the constraint wants x >= 23. */
const line: Problem = {
  variables: [
    { name: 'x', kind: 'integer', min: 0, max: 64 },
    { name: 'k', kind: 'integer', min: 0, max: 1 },
  ],
  objectives: ['min', 'min'],
  constraints: 1,
  evaluate: (v) => {
    const x = v.x as number;
    const k = v.k as number;
    return { objectives: [x + 10 * k, 64 - x + 10 * (1 - k)], violation: Math.max(0, 23 - x) };
  },
};

const individual = (genes: number[], f: number[], cv: number): Individual => ({
  record: { index: 0, generation: 0, x: {}, genes, result: { objectives: f }, failed: false, violation: cv, feasible: cv === 0 },
  genes,
  f,
  cv,
});

describe('boundaryBisection', () => {
  it('proposes the midpoint toward the feasible end, nearest pair first, and each midpoint once', () => {
    const run = new SearchRun(line, {});
    const search = boundaryBisection(line.variables, 2, 10)!;
    const a = individual([64, 0], [64, 10], 0);
    const far = individual([0, 0], [0, 74], 64);
    const near = individual([21, 0], [21, 53], 2);
    search.observe([far, near]);
    // (64, 21): 64 + trunc(-21.5) = 43 first (nearer), then (64, 0): 32.
    expect(search.propose(run, [a], 10)).toEqual([[43, 0], [32, 0]]);
    // The same pairs again: both midpoints were proposed, nothing new.
    expect(search.propose(run, [a], 10)).toEqual([]);
  });

  it('stops at a located boundary: designs one level apart give the feasible design itself', () => {
    const run = new SearchRun(line, {});
    const search = boundaryBisection(line.variables, 2, 10)!;
    const edge = individual([23, 0], [23, 51], 0);
    const beyond = individual([22, 0], [22, 52], 1);
    // Both were evaluated, so both are in the run's record of proposals.
    run.duplicates.add(edge.genes);
    run.duplicates.add(beyond.genes);
    search.observe([beyond]);
    expect(search.propose(run, [edge], 10)).toEqual([]);
  });

  it('proposes at most its places and what the generation still wants', () => {
    const run = new SearchRun(line, {});
    const search = boundaryBisection(line.variables, 2, 10)!;
    search.observe([individual([0, 0], [0, 74], 23), individual([2, 0], [2, 72], 21), individual([4, 0], [4, 70], 19)]);
    const a = individual([64, 0], [64, 10], 0);
    expect(search.propose(run, [a], 1)).toEqual([[34, 0]]);
    expect(search.propose(run, [a], 10)).toEqual([[33, 0], [32, 0]]);
  });

  it('pairs no design a front member dominates, and only feasible front members', () => {
    const run = new SearchRun(line, {});
    const search = boundaryBisection(line.variables, 2, 10)!;
    const a = individual([40, 0], [40, 24], 0);
    // Worse than a on both objectives: no design between them can extend the front.
    search.observe([individual([0, 1], [50, 30], 5)]);
    expect(search.propose(run, [a], 10)).toEqual([]);
    // An infeasible population member is no front member: nothing to pair with.
    search.observe([individual([0, 0], [0, 74], 23)]);
    expect(search.propose(run, [individual([30, 0], [30, 34], 1)], 10)).toEqual([]);
    expect(search.propose(run, [a], 10)).toEqual([[20, 0]]);
  });

  it('leaves real and unordered genes at the feasible value, and is off without an ordered discrete gene or a place', () => {
    const mixed: Problem = { variables: MIXED_VARIABLES, objectives: ['min', 'min'], constraints: 1, evaluate: () => ({ objectives: [0, 0] }) };
    const run = new SearchRun(mixed, {});
    const search = boundaryBisection(MIXED_VARIABLES, 1, 10)!;
    search.observe([individual([0.9, 0, 1], [0, 1], 1)]);
    expect(search.propose(run, [individual([0.1, 3, 0], [1, 0], 0)], 10)).toEqual([[0.1, 2, 0]]);
    expect(boundaryBisection([MIXED_VARIABLES[0], MIXED_VARIABLES[2]], 2, 10)).toBeUndefined();
    expect(boundaryBisection(line.variables, 0, 10)).toBeUndefined();
  });
});

describe('boundary bisection in nsga2', () => {
  it('opens each generation with midpoints across the constraint and reaches its boundary on every seed', async () => {
    const gen = (r: { evaluations: { generation: number; genes: readonly number[] }[] }, g: number) =>
      r.evaluations.filter((e) => e.generation === g).map((e) => e.genes.join('/'));
    const run = await nsga2(line, { seed: 4, populationSize: 8, generations: 6, infeasibleShare: 0.25 });
    // Generation 0: feasible 54/1 29/1 58/1 31/1 36/1, infeasible 13/0 19/1 19/0 (x/k). The nearest pairs across
    // x = 23 are (29/1, 19/1) and (31/1, 19/1): 29 + trunc(-5) = 24 and 31 + trunc(-6) = 25.
    expect(gen(run, 0)).toEqual(['54/1', '13/0', '29/1', '58/1', '19/1', '31/1', '36/1', '19/0']);
    expect(gen(run, 1).slice(0, 2)).toEqual(['24/1', '25/1']);
    // Then (24/1, 19/1) -> 22/1; (25/1, 19/1) gives 22/1 again; (24/1, 17/1), 17/1 bred in generation 1, -> 21/1.
    expect(gen(run, 2).slice(0, 2)).toEqual(['22/1', '21/1']);
    // Every seed evaluates a design on the boundary x = 23 within 6 generations of 8 (IDEA's share alone: seeds 2, 4
    // and 5 never did); share 0 (feasibility first) has no places and so no midpoints.
    for (let seed = 1; seed <= 6; seed++) {
      const r = await nsga2(line, { seed, populationSize: 8, generations: 6, infeasibleShare: 0.25 });
      expect(r.evaluations.some((e) => e.genes[0] === 23), `seed ${seed}`).toBe(true);
    }
    const textbook = await nsga2(line, { seed: 4, populationSize: 8, generations: 6, infeasibleShare: 0 });
    expect(gen(textbook, 1).slice(0, 2)).toEqual(['27/1', '58/0']);
  });
});
