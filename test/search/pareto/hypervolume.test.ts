import { describe, expect, it } from 'vitest';
import { hypervolume, hypervolumeMonteCarlo } from '../../../src/search/pareto/hypervolume.js';
import { igd } from '../../../src/search/pareto/igd.js';
import { ConfigError } from '../../../src/core/errors.js';
import { createRng } from '../../../src/util/rng.js';
import { refusal } from '../../helpers/refusal.js';

/** Points as a JavaScript caller may pass them. */
const loose = <T>(value: unknown): T => value as T;

describe('hypervolume, 2 objectives', () => {
  // Staircase (1,3), (2,2), (3,1) under (4,4): 3*1 + 2*1 + 1*1 = 6.
  const front = [
    [1, 3],
    [2, 2],
    [3, 1],
  ];
  it('matches the hand-computed staircase', () => {
    expect(hypervolume(front, [4, 4])).toBeCloseTo(6, 12);
  });
  it('ignores dominated, duplicate, on-reference and out-of-reference points', () => {
    const extra = [[3, 3], [2, 2], [0, 5], [5, 0], [4, 0], [1, 4]];
    expect(hypervolume([...front, ...extra], [4, 4])).toBeCloseTo(6, 12);
  });
  it('handles max senses and mixed senses', () => {
    // max/max: boxes [0,3]x[0,1], [0,2]x[0,2], [0,1]x[0,3] -> 3 + 2 + 1 = 6.
    expect(hypervolume([[3, 1], [2, 2], [1, 3]], [0, 0], ['max', 'max'])).toBeCloseTo(6, 12);
    // min/max with reference (5, 0): [1,5]x[0,3] (12) U [2,5]x[0,4] (12), overlap [2,5]x[0,3] (9) -> 15.
    expect(hypervolume([[1, 3], [2, 4]], [5, 0], ['min', 'max'])).toBeCloseTo(15, 12);
  });
  it('is 0 for no point or only points beyond the reference', () => {
    expect(hypervolume([], [1, 1])).toBe(0);
    expect(hypervolume([[2, 0.5]], [1, 1])).toBe(0);
  });
  it('rejects a reference of the wrong length', () => {
    expect(() => hypervolume([[1, 2]], [1, 2, 3], ['min', 'min'])).toThrow(ConfigError);
    expect(() => hypervolume([[1, 2, 3]], [4, 4])).toThrow(/points\[0\]/);
    // No objective at all, and a non-finite value shown as itself (it read [null,1]).
    expect(() => hypervolume([[1, 2]], [])).toThrow('reference: got [], expected 1 finite number (one per objective)');
    expect(() => hypervolume([[1, 2]], [Number.NaN, 1])).toThrow('reference: got [NaN,1], expected 2 finite numbers (one per objective)');
    // A point that is not m finite numbers is refused, not dropped ([[1, NaN]] used to give 0).
    expect(() => hypervolume([[1, 1], [1, Number.NaN]], [3, 3])).toThrow('points[1]: got [1,NaN], expected 2 finite numbers (one per objective)');
    expect(() => hypervolume([[-Infinity, 1]], [3, 3])).toThrow('points[0]: got [-Infinity,1], expected 2 finite numbers (one per objective)');
    expect(() => hypervolume([[1]], [3, 3])).toThrow('points[0]: got [1], expected 2 finite numbers (one per objective)');
    expect(() => hypervolumeMonteCarlo([[1, Number.NaN]], [3, 3])).toThrow('points[0]: got [1,NaN], expected 2 finite numbers (one per objective)');
  });

  it('blames senses for a senses list that does not match the reference, and refuses a bad seed or unknown option of the Monte Carlo estimate', () => {
    // Both used to blame the reference (`reference: got [2,2], expected 1 finite number`).
    expect(refusal(() => hypervolume([[1, 1]], [2, 2], ['min']))).toBe(`senses: got ["min"], expected 2 of 'min' or 'max' (one per objective of the reference)`);
    expect(refusal(() => hypervolumeMonteCarlo([[1, 1]], [2, 2], ['min', 'min', 'max']))).toBe(
      `senses: got ["min","min","max"], expected 2 of 'min' or 'max' (one per objective of the reference)`);
    expect(refusal(() => hypervolume([[1, 1]], [2, 2], loose(['min', 'low'])))).toBe(`senses: got ["min","low"], expected 2 of 'min' or 'max' (one per objective of the reference)`);
    // The seed as the strategies take it (NaN ran), and a key the function does not read (`sample` was ignored).
    expect(refusal(() => hypervolumeMonteCarlo([[1, 1]], [2, 2], undefined, { seed: NaN }))).toBe(
      'seed: got NaN, expected an integer in [0, 9007199254740991] (2^53 - 1) or a string');
    expect(refusal(() => hypervolumeMonteCarlo([[1, 1]], [2, 2], undefined, loose({ sample: 10 })))).toBe(
      'sample: got "sample", expected an option of hypervolumeMonteCarlo (samples, seed) (did you mean "samples"?)');
    expect(hypervolumeMonteCarlo([[1, 1]], [2, 2], ['min', 'min'], { samples: 10, seed: 'a' }).samples).toBe(10);
  });
});

describe('hypervolume, 3 objectives', () => {
  // Boxes of (1,2,3), (2,3,1), (3,1,2) under (4,4,4): 6 each; pairwise overlaps 2 each; triple overlap 1.
  // Inclusion-exclusion: 18 - 6 + 1 = 13.
  const front = [
    [1, 2, 3],
    [2, 3, 1],
    [3, 1, 2],
  ];
  it('matches inclusion-exclusion by hand', () => {
    expect(hypervolume(front, [4, 4, 4])).toBeCloseTo(13, 12);
  });
  it('ignores dominated, duplicate and out-of-reference points', () => {
    expect(hypervolume([...front, [3, 3, 3], [1, 2, 3], [0, 0, 5], [2, 3, 4]], [4, 4, 4])).toBeCloseTo(13, 12);
  });
  it('handles max senses (negated problem gives the same volume)', () => {
    const negated = front.map((p) => p.map((v) => -v));
    expect(hypervolume(negated, [-4, -4, -4], ['max', 'max', 'max'])).toBeCloseTo(13, 12);
  });
  it('a single point is its box', () => {
    expect(hypervolume([[0.5, 0.25, 0]], [1, 1, 1])).toBeCloseTo(0.5 * 0.75 * 1, 12);
  });
});

describe('hypervolume, 4 objectives', () => {
  // Under (5,5,5,5): a=(1,2,3,4) -> 4*3*2*1 = 24; b=(2,1,4,3) -> 3*4*1*2 = 24; c=(3,3,1,1) -> 2*2*4*4 = 64;
  // a^b=(2,2,4,4) -> 9, a^c=(3,3,3,4) -> 8, b^c=(3,3,4,3) -> 8, a^b^c=(3,3,4,4) -> 4.
  // 24 + 24 + 64 - 9 - 8 - 8 + 4 = 91.
  const front = [
    [1, 2, 3, 4],
    [2, 1, 4, 3],
    [3, 3, 1, 1],
  ];
  it('matches inclusion-exclusion by hand', () => {
    expect(hypervolume(front, [5, 5, 5, 5])).toBeCloseTo(91, 12);
    expect(hypervolume(front.slice(0, 2), [5, 5, 5, 5])).toBeCloseTo(39, 12);
  });
  it('ignores dominated, duplicate and out-of-reference points, with max senses', () => {
    const all = [...front, [3, 3, 4, 4], [2, 1, 4, 3], [0, 0, 0, 6], [5, 1, 1, 1]];
    expect(hypervolume(all, [5, 5, 5, 5])).toBeCloseTo(91, 12);
    const senses = ['max', 'max', 'max', 'max'] as const;
    expect(hypervolume(all.map((p) => p.map((v) => -v)), [-5, -5, -5, -5], senses)).toBeCloseTo(91, 12);
  });
  it('the seeded Monte Carlo estimate agrees within its stated error and is reproducible', () => {
    const est = hypervolumeMonteCarlo(front, [5, 5, 5, 5], undefined, { samples: 40_000, seed: 3 });
    expect(Math.abs(est.value - 91)).toBeLessThan(4 * est.standardError);
    expect(est.standardError).toBeGreaterThan(0);
    expect(hypervolumeMonteCarlo(front, [5, 5, 5, 5], undefined, { samples: 40_000, seed: 3 })).toEqual(est);
  });
});

describe('hypervolume, 5 objectives', () => {
  it('the exact slicing agrees with a large seeded Monte Carlo estimate on a random front', () => {
    const rng = createRng('t:hv5');
    const points = Array.from({ length: 25 }, () => Array.from({ length: 5 }, () => rng.next()));
    const exact = hypervolume(points, [1, 1, 1, 1, 1]);
    const est = hypervolumeMonteCarlo(points, [1, 1, 1, 1, 1], undefined, { samples: 200_000, seed: 5 });
    expect(exact).toBeGreaterThan(0);
    expect(Math.abs(est.value - exact)).toBeLessThan(4 * est.standardError);
    // Adding a dominated copy of every point changes nothing.
    expect(hypervolume([...points, ...points.map((p) => p.map((v) => (1 + v) / 2))], [1, 1, 1, 1, 1])).toBeCloseTo(exact, 12);
  });
});

describe('igd', () => {
  it('is the mean distance from each reference point to its nearest point', () => {
    // (0,1) -> 0; (1,0) -> nearest (1,1) at distance 1: mean 0.5.
    expect(igd([[0, 1], [1, 1]], [[0, 1], [1, 0]])).toBeCloseTo(0.5, 12);
    expect(igd([[0, 1], [1, 0]], [[0, 1], [1, 0]])).toBe(0);
  });
  it('rejects an empty reference front, and an empty set to measure (Infinity until 2026-12-06)', () => {
    expect(() => igd([[0, 1]], [])).toThrow(ConfigError);
    expect(refusal(() => igd([], [[0, 1]]))).toBe('points: got [], expected at least one point (the IGD of an empty set is undefined)');
  });
  it('refuses a point that is not one finite number per objective, as hypervolume does (a NaN point was skipped, a NaN reference gave Infinity)', () => {
    expect(refusal(() => igd([[1, NaN]], [[0, 0]]))).toBe('points[0]: got [1,NaN], expected 2 finite numbers (one per objective)');
    expect(refusal(() => igd([[0, 0], [1, Infinity]], [[0, 0]]))).toBe('points[1]: got [1,Infinity], expected 2 finite numbers (one per objective)');
    expect(refusal(() => igd([[0, 0]], [[0, 0], [NaN, 1]]))).toBe('referenceFront[1]: got [NaN,1], expected 2 finite numbers (one per objective)');
    expect(refusal(() => igd([[0, 0]], [[0, 0], [1]]))).toBe('referenceFront[1]: got [1], expected 2 finite numbers (one per objective)');
    expect(refusal(() => igd([[0, 0]], loose([5])))).toBe('referenceFront[0]: got 5, expected a point (one finite number per objective)');
  });
});

describe('exact hypervolume in 4 and 5 objectives (WFG)', () => {
  /** Inclusion-exclusion over all subsets: exact for a handful of points. */
  function inclusionExclusion(points: number[][], ref: number[]): number {
    let total = 0;
    for (let mask = 1; mask < 1 << points.length; mask++) {
      const members = points.filter((_, i) => mask & (1 << i));
      const corner = ref.map((_, k) => Math.max(...members.map((p) => p[k])));
      const box = ref.reduce((v, r, k) => v * Math.max(0, r - corner[k]), 1);
      total += (members.length % 2 === 1 ? 1 : -1) * box;
    }
    return total;
  }

  it.each([4, 5])('%i objectives: equals inclusion-exclusion on 8 random points (10 draws)', (m) => {
    const rng = createRng(`wfg:${m}`);
    for (let draw = 0; draw < 10; draw++) {
      const points = Array.from({ length: 8 }, () => Array.from({ length: m }, () => rng.next()));
      const ref = new Array<number>(m).fill(1.1);
      expect(hypervolume(points, ref)).toBeCloseTo(inclusionExclusion(points, ref), 12);
    }
  });

  it('5 objectives, 200 points on the unit sphere: within 3 standard errors of a Monte Carlo estimate', () => {
    const rng = createRng('wfg:sphere');
    const points = Array.from({ length: 200 }, () => {
      const v = Array.from({ length: 5 }, () => Math.abs(rng.normal()));
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    });
    const ref = new Array<number>(5).fill(1.1);
    const exact = hypervolume(points, ref);
    const mc = hypervolumeMonteCarlo(points, ref, undefined, { samples: 200_000, seed: 3 });
    expect(Math.abs(exact - mc.value)).toBeLessThan(3 * mc.standardError);
  });
});

describe('hypervolume, 3 objectives, against independent exact computations (issue 15: DTLZ1 fronts)', () => {
  // An independent exact method: compress the coordinates and add every grid cell some point dominates.
  function gridCells(points: number[][], ref: number[]): number {
    const inside = points.filter((p) => p.every((v, k) => v < ref[k]));
    const axes = [0, 1, 2].map((k) => [...new Set([...inside.map((p) => p[k]), ref[k]])].sort((a, b) => a - b));
    const [xs, ys, zs] = axes;
    let volume = 0;
    for (let i = 0; i + 1 < xs.length; i++) {
      for (let j = 0; j + 1 < ys.length; j++) {
        for (let k = 0; k + 1 < zs.length; k++) {
          if (inside.some((p) => p[0] <= xs[i] && p[1] <= ys[j] && p[2] <= zs[k])) volume += (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]) * (zs[k + 1] - zs[k]);
        }
      }
    }
    return volume;
  }
  // DTLZ1's front (sum f = 0.5) at its 91 Das-Dennis points (12 partitions).
  const dasDennis91: number[][] = [];
  for (let a = 0; a <= 12; a++) for (let b = 0; a + b <= 12; b++) dasDennis91.push([a / 24, b / 24, (12 - a - b) / 24]);
  const ref = [0.55, 0.55, 0.55];

  it('the 91 Das-Dennis points of DTLZ1 front: 60499/432000, as moocore 0.3.2 (pymoo\'s HV backend) and the grid count give', () => {
    expect(hypervolume(dasDennis91, ref)).toBeCloseTo(60499 / 432000, 14);
    expect(gridCells(dasDennis91, ref)).toBeCloseTo(60499 / 432000, 13);
  });
  it('92 points near DTLZ1 front, 5 random sets: the slicing equals the grid count to 1e-14', () => {
    const rng = createRng('hv-dtlz1');
    for (let set = 0; set < 5; set++) {
      const points = Array.from({ length: 92 }, () => {
        const [u, v] = [rng.next(), rng.next()].sort((a, b) => a - b);
        const scale = 0.5 * (1 + 0.02 * rng.next());
        return [u * scale, (v - u) * scale, (1 - v) * scale];
      });
      const exact = gridCells(points, ref);
      expect(exact).toBeGreaterThan(0.13);
      expect(Math.abs(hypervolume(points, ref) - exact)).toBeLessThan(1e-14);
    }
  });
});
