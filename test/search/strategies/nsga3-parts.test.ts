/** NSGA-III's parts on hand-made inputs: reference directions, normalisation, association and niching. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/util/rng.js';
import { dasDennis, dasDennisCount, twoLayerDirections } from '../../../src/search/strategies/refdirs.js';
import { HyperplaneNormaliser, extremePoints, nadirPoint, solveLinear } from '../../../src/search/strategies/normalise.js';
import { associate, niching } from '../../../src/search/strategies/niching.js';
import { nsga3Plan, nsga3Strategy, populationNote } from '../../../src/search/strategies/nsga3.js';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import { effectiveStrategy, loadSpace, STRATEGIES } from '../../../src/search/index.js';
import { describeSpace } from '../../../src/cli/commands/validate.js';

const sum = (w: readonly number[]): number => w.reduce((s, v) => s + v, 0);

describe('Das-Dennis reference directions', () => {
  it.each([
    [3, 12, 91],
    [5, 6, 210],
    [2, 4, 5],
    [4, 3, 20],
    // Fewer partitions than objectives - 1 (C(n, k) with n - k < k): 6, 6, 20 and 20 until 2026-12-06.
    [4, 2, 10],
    [5, 2, 15],
    [5, 3, 35],
    [8, 3, 120],
  ])('%i objectives, %i partitions: %i directions, each on the simplex, all distinct', (m, p, count) => {
    const dirs = dasDennis(m, p);
    expect(dasDennisCount(m, p)).toBe(count);
    expect(dirs).toHaveLength(count);
    for (const w of dirs) {
      expect(w).toHaveLength(m);
      expect(sum(w)).toBeCloseTo(1, 12);
      for (const v of w) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(Math.abs(v * p - Math.round(v * p))).toBeLessThan(1e-9);
      }
    }
    expect(new Set(dirs.map((w) => w.join(','))).size).toBe(count);
  });

  it('two layers (8 objectives, 3 + 2 partitions): 120 + 36 directions, the inner ones inside the simplex', () => {
    const dirs = twoLayerDirections(8, 3, 2);
    expect(dirs).toHaveLength(120 + 36);
    for (const w of dirs) expect(sum(w)).toBeCloseTo(1, 12);
    // Inner layer: w / 2 + 1 / 16, so every component >= 1/16.
    for (const w of dirs.slice(120)) expect(Math.min(...w)).toBeGreaterThanOrEqual(1 / 16 - 1e-12);
  });

  it('default population: the smallest multiple of 4 at or above the number of directions', () => {
    expect(nsga3Plan(3, { partitions: 12 }).populationSize).toBe(92);
    expect(nsga3Plan(5, { partitions: 6 }).populationSize).toBe(212);
    expect(nsga3Plan(3, { partitions: 2 }).populationSize).toBe(8);
    // Without partitions: the most whose directions fit in the population (3 objectives, 100: p = 12, 91 directions).
    expect(nsga3Plan(3, {}).directions).toHaveLength(91);
    // Many objectives: C(p + m - 1, m - 1) with p < m - 1 (until 2026-12-06 undercounted: 35, 126, 715 directions).
    expect(nsga3Plan(5, { populationSize: 24 }).directions).toHaveLength(15);
    expect(nsga3Plan(6, {}).directions).toHaveLength(56);
    expect(nsga3Plan(10, {}).directions).toHaveLength(55);
  });

  it('refuses more than 100,000 directions counted with few partitions for many objectives (C(53, 4) = 292,825)', () => {
    expect(() => nsga3Plan(50, { partitions: 4 })).toThrow('partitions: got 4, expected at most 100,000 reference directions (292825 for 50 objectives)');
  });
});

describe('hyperplane normalisation (hand-made population)', () => {
  it('solves a linear system, and reports a singular one', () => {
    expect(solveLinear([[2, 0], [0, 4]], [1, 1])).toEqual([0.5, 0.25]);
    expect(solveLinear([[1, 2], [2, 4]], [1, 1])).toBeUndefined();
  });

  it('finds the axis extremes and the intercepts of the plane through them, after translating by the ideal point', () => {
    // Front on the plane f1/2 + f2/3 + f3/4 = 1, shifted by (1, 1, 1); plus one interior point.
    const shift = (p: number[]): number[] => p.map((v) => v + 1);
    const front = [[2, 0, 0], [0, 3, 0], [0, 0, 4], [1, 1.5, 0], [0.5, 0.75, 1]].map(shift);
    const normaliser = new HyperplaneNormaliser(3);
    normaliser.update(front, [0, 1, 2, 3, 4]);
    expect(normaliser.ideal).toEqual([1, 1, 1]);
    expect(normaliser.extremes).toEqual([[3, 1, 1], [1, 4, 1], [1, 1, 5]]);
    expect(normaliser.nadir[0]).toBeCloseTo(3, 12);
    expect(normaliser.nadir[1]).toBeCloseTo(4, 12);
    expect(normaliser.nadir[2]).toBeCloseTo(5, 12);
    const n = normaliser.normalise([2, 2.5, 3]);
    expect(n[0]).toBeCloseTo(0.5, 12);
    expect(n[1]).toBeCloseTo(0.5, 12);
    expect(n[2]).toBeCloseTo(0.5, 12);
  });

  it('the extreme point of an axis minimises max(f_k - z_k) with the other axes weighted 1e6', () => {
    const ideal = [0, 0];
    // (5, 0.01) is nearly on the f1 axis; (4, 0.5) is smaller in f1 but far off the axis.
    expect(extremePoints([[5, 0.01], [4, 0.5], [0.2, 3]], ideal)).toEqual([[5, 0.01], [0.2, 3]]);
  });

  it('a degenerate hyperplane (one point extreme on two axes) falls back to the worst of the first front (pymoo 0.6.2)', () => {
    const extremes = [[1, 1, 0], [1, 1, 0], [0, 0, 2]];
    const nadir = nadirPoint(extremes, [0, 0, 0], [9, 9, 9], [1, 1, 2], [3, 4, 5]);
    expect(nadir).toEqual([1, 1, 2]);
  });

  it('an intercept beyond the worst value seen is clipped to it; a zero range takes the worst of the population', () => {
    // Plane through (1, 0) and (0, 1) -> intercepts 1, 1; worst seen 0.8 on axis 0.
    expect(nadirPoint([[1, 0], [0, 1]], [0, 0], [0.8, 5], [0.7, 1], [0.8, 5])).toEqual([0.8, 1]);
    // The front shares f2 = 2: the solve fails, the front's worst on f2 is 2 = ideal, so the population's worst is used.
    expect(nadirPoint([[1, 2], [1, 2]], [0, 2], [1, 3], [1, 2], [1, 2.5])).toEqual([1, 2.5]);
  });
});

describe('association and niching', () => {
  it('associates each point with the direction of smallest perpendicular distance', () => {
    const dirs = [[1, 0], [0.5, 0.5], [0, 1]];
    const { niche, distance } = associate([[0.9, 0.1], [0.4, 0.5], [0, 2]], dirs);
    expect(niche).toEqual([0, 1, 2]);
    expect(distance[0]).toBeCloseTo(0.1, 12);
    expect(distance[1]).toBeCloseTo(0.1 / Math.SQRT2, 12);
    expect(distance[2]).toBeCloseTo(0, 12);
  });

  it('fills empty niches first, each with its closest candidate', () => {
    // Niche 0 already holds one member; candidates 0-2 sit in niche 0, 3-4 in niche 1 (empty).
    const niche = [0, 0, 0, 1, 1];
    const distance = [0.1, 0.2, 0.3, 0.5, 0.05];
    const count = [1, 0];
    const picked = niching([0, 1, 2, 3, 4], 2, count, niche, distance, createRng(1));
    expect(picked[0]).toBe(4);
    // Then both niches hold one: the second pick is any other candidate.
    expect(picked[1]).not.toBe(4);
    expect(count[0] + count[1]).toBe(3);
  });

  it('with one place left and one empty niche, the empty niche wins whatever the seed', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const picked = niching([0, 1, 2], 1, [2, 0, 1], [0, 1, 2], [0.1, 0.9, 0.1], createRng(seed));
      expect(picked).toEqual([1]);
    }
  });
});

describe('a population below the reference directions', () => {
  it('runs (as pymoo, which warns) with a note naming both counts; none when the population covers them', () => {
    // 3 objectives, 12 partitions: C(14, 2) = 91 directions; population 8 fills at most 8 niches.
    expect(populationNote(3, { partitions: 12, populationSize: 8 })).toBe(
      'strategy.populationSize: 8 is below the 91 reference directions (3 objectives): each survival fills at most 8 of their niches, '
        + 'so 83 or more go without a member every generation (pymoo warns the same; the default population, 92, covers them)');
    expect(populationNote(3, { partitions: 12, populationSize: 92 })).toBeUndefined();
    expect(populationNote(3, { partitions: 12 })).toBeUndefined();
    // Default partitions fit the population given: 8 -> 2 partitions, 6 directions.
    expect(populationNote(3, { populationSize: 8 })).toBeUndefined();
    const input = { origin: 'space' as const, objectives: 3, size: () => 100n, evaluations: 80, timed: false, constraints: 0 };
    expect(nsga3Strategy.notes?.(input, { partitions: 12, populationSize: 8 })).toHaveLength(1);
    expect(nsga3Strategy.notes?.(input, { partitions: 2, populationSize: 8 })).toEqual([]);
  });

  it('reaches a run (cosearch search prints it as search: note:) and cosearch validate', () => {
    const shipped = loadSpace(new URL('../../../search-spaces/default.json', import.meta.url).pathname, simulatorSpaceContext());
    const space = { ...shipped, strategy: { name: 'nsga3', settings: { partitions: 3, populationSize: 8 } } };
    const notes: string[] = [];
    effectiveStrategy(space, STRATEGIES, { onNote: (n) => notes.push(n) }, 'api');
    // 4 objectives, 3 partitions: C(6, 3) = 20 directions.
    expect(notes).toEqual([expect.stringMatching(/^strategy\.populationSize: 8 is below the 20 reference directions \(4 objectives\): /)]);
    expect(describeSpace('s.json', space)).toContain(`\n  note: ${notes[0]}\n`);
    effectiveStrategy({ ...space, strategy: { name: 'nsga3', settings: { partitions: 3, populationSize: 20 } } }, STRATEGIES, { onNote: (n) => notes.push(n) }, 'api');
    expect(notes).toHaveLength(1);
  });
});
