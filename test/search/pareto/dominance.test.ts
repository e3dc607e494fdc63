import { describe, expect, it } from 'vitest';
import {
  crowdingDistance,
  dominates,
  nonDominatedSort,
  paretoFront,
  paretoFrontIndices,
} from '../../../src/search/pareto/dominance.js';

describe('dominance and non-dominated filtering', () => {
  it('dominates respects senses', () => {
    expect(dominates([1, 2], [2, 2], ['min', 'min'])).toBe(true);
    expect(dominates([2, 2], [2, 2], ['min', 'min'])).toBe(false);
    expect(dominates([1, 2], [2, 2], ['max', 'min'])).toBe(false);
    expect(dominates([2, 3], [2, 2], ['min', 'max'])).toBe(true);
  });
  it('paretoFront keeps non-dominated points in input order, duplicates included, NaN dropped', () => {
    const pts = [[3, 3], [1, 4], [2, 2], [4, 1], [2, 2], [2, 5], [Number.NaN, 0]];
    expect(paretoFrontIndices(pts)).toEqual([1, 2, 3, 4]);
    expect(paretoFront(pts, ['min', 'min'])).toEqual([[1, 4], [2, 2], [4, 1], [2, 2]]);
    // Maximising both: (3,3), (4,1) and (2,5) beat or tie every other point.
    expect(paretoFrontIndices(pts, ['max', 'max'])).toEqual([0, 3, 5]);
  });
});

describe('nonDominatedSort', () => {
  it('sorts a known case into fronts', () => {
    const pts = [[1, 4], [2, 2], [4, 1], [3, 3], [4, 4], [2, 5]];
    expect(nonDominatedSort(pts)).toEqual([[0, 1, 2], [3, 5], [4]]);
    // Maximising: (4,4) and (2,5) are not beaten; then (1,4), (4,1), (3,3); (2,2) is beaten by (3,3).
    expect(nonDominatedSort(pts, ['max', 'max'])).toEqual([[4, 5], [0, 2, 3], [1]]);
  });
  it('applies constraint-domination: feasible first, then smaller violation', () => {
    const pts = [[1, 1], [5, 5], [0, 0], [2, 2]];
    const violations = [0, 0, 3, 1];
    expect(nonDominatedSort(pts, ['min', 'min'], violations)).toEqual([[0], [1], [3], [2]]);
  });
});

describe('crowdingDistance', () => {
  it('matches hand-computed values', () => {
    // (0,5), (1,3), (3,2), (5,0); spans 5 and 5.
    // (1,3): (3-0)/5 + (5-2)/5 = 1.2; (3,2): (5-1)/5 + (3-0)/5 = 1.4; extremes Infinity.
    const pts = [[3, 2], [0, 5], [5, 0], [1, 3]];
    const d = crowdingDistance(pts, [0, 1, 2, 3]);
    expect(d[0]).toBeCloseTo(1.4, 12);
    expect(d[1]).toBe(Infinity);
    expect(d[2]).toBe(Infinity);
    expect(d[3]).toBeCloseTo(1.2, 12);
  });
  it('gives Infinity to fronts of one or two and ignores constant objectives', () => {
    expect(crowdingDistance([[1, 1], [2, 0]], [0, 1])).toEqual([Infinity, Infinity]);
    const d = crowdingDistance([[0, 7], [1, 7], [3, 7]], [0, 1, 2]);
    expect(d[1]).toBeCloseTo((3 - 0) / 3, 12);
  });
});
