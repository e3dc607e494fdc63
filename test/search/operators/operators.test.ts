import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/util/rng.js';
import type { Variable } from '../../../src/search/problem.js';
import { createCrossover, sbxPair } from '../../../src/search/operators/crossover.js';
import { createMutation, createPointMutation, polynomialMutation } from '../../../src/search/operators/mutation.js';
import { latinHypercubeSampling, randomSampling } from '../../../src/search/operators/sampling.js';
import { binaryTournament } from '../../../src/search/operators/selection.js';
import { DuplicateSet, hashGenes } from '../../../src/search/operators/duplicates.js';

const mixed: Variable[] = [
  { name: 'r', kind: 'real', min: -2, max: 3 },
  { name: 'i', kind: 'integer', min: 1, max: 4 },
  { name: 'o', kind: 'choice', values: [2, 4, 8, 16] },
  { name: 'c', kind: 'choice', values: ['red', 'green', 'blue'] },
];

function inBounds(g: readonly number[]): boolean {
  return (
    g[0] >= -2 && g[0] <= 3 &&
    Number.isInteger(g[1]) && g[1] >= 1 && g[1] <= 4 &&
    Number.isInteger(g[2]) && g[2] >= 0 && g[2] <= 3 &&
    Number.isInteger(g[3]) && g[3] >= 0 && g[3] <= 2
  );
}

describe('sampling', () => {
  it('random sampling respects bounds and integrality', () => {
    const rng = createRng('t:sample');
    for (const g of randomSampling(mixed, 2000, rng)) expect(inBounds(g)).toBe(true);
  });
  it('Latin hypercube puts exactly one point in each stratum of each real', () => {
    const vars: Variable[] = [
      { name: 'a', kind: 'real', min: 0, max: 10 },
      { name: 'b', kind: 'real', min: -1, max: 1 },
    ];
    const n = 50;
    const pts = latinHypercubeSampling(vars, n, createRng('t:lhs'));
    for (let j = 0; j < 2; j++) {
      const { min, max } = vars[j] as { min: number; max: number };
      const strata = pts.map((p) => Math.floor(((p[j] - min) / (max - min)) * n)).sort((x, y) => x - y);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
  it('Latin hypercube balances the levels of integer and choice variables', () => {
    const vars: Variable[] = [
      { name: 'bits', kind: 'integer', min: 1, max: 8 },
      { name: 'kind', kind: 'choice', values: ['sar', 'flash', 'senseamp'] },
      { name: 'wide', kind: 'integer', min: 0, max: 99 },
    ];
    const count = (pts: number[][], j: number) => {
      const c = new Map<number, number>();
      for (const p of pts) c.set(p[j], (c.get(p[j]) ?? 0) + 1);
      return c;
    };
    // 10 samples of 8 levels: every level once or twice (8 levels in 10 strata: two levels twice).
    const pts = latinHypercubeSampling(vars, 10, createRng('t:lhs-int'));
    const bits = count(pts, 0);
    expect([...bits.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...bits.values()].sort()).toEqual([1, 1, 1, 1, 1, 1, 2, 2]);
    expect([...count(pts, 1).values()].sort()).toEqual([3, 3, 4]);
    // 100 levels in 10 samples: one value in each band of 10 levels.
    expect(pts.map((p) => Math.floor(p[2] / 10)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('SBX crossover', () => {
  it('keeps children within bounds', () => {
    const rng = createRng('t:sbx');
    for (let t = 0; t < 5000; t++) {
      const [c1, c2] = sbxPair(rng.next(), rng.next(), 0, 1, 15, rng);
      for (const c of [c1, c2]) expect(c >= 0 && c <= 1).toBe(true);
    }
  });
  it('preserves the parents mean far from the bounds and spreads less with a larger eta', () => {
    const rng = createRng('t:sbx2');
    const spread = (eta: number): number => {
      let s = 0;
      for (let t = 0; t < 2000; t++) {
        const [c1, c2] = sbxPair(0.4, 0.6, -1e6, 1e6, eta, rng);
        expect(c1 + c2).toBeCloseTo(1.0, 6);
        s += Math.abs(c1 - c2);
      }
      return s / 2000;
    };
    expect(spread(2)).toBeGreaterThan(spread(30));
  });
  it('returns copies of the parents when crossover probability is 0', () => {
    const cx = createCrossover(mixed, { probability: 0 });
    const [c1, c2] = cx([0.5, 2, 1, 0], [1.5, 3, 2, 2], createRng(1));
    expect(c1).toEqual([0.5, 2, 1, 0]);
    expect(c2).toEqual([1.5, 3, 2, 2]);
  });
  it('mixed variables: bounds kept, integers stay integers, categorical genes come from a parent', () => {
    const cx = createCrossover(mixed, { probability: 1 });
    const rng = createRng('t:cx');
    for (let t = 0; t < 3000; t++) {
      const a = randomSampling(mixed, 1, rng)[0];
      const b = randomSampling(mixed, 1, rng)[0];
      for (const c of cx(a, b, rng)) {
        expect(inBounds(c)).toBe(true);
        expect([a[3], b[3]]).toContain(c[3]);
      }
    }
  });
});

describe('mutation', () => {
  it('polynomial mutation stays within bounds, even from the bounds', () => {
    const rng = createRng('t:pm');
    for (let t = 0; t < 5000; t++) {
      const y = polynomialMutation(t % 2 === 0 ? 0 : 1, 0, 1, 20, rng);
      expect(y >= 0 && y <= 1).toBe(true);
    }
  });
  it('polynomial mutation steps shrink with eta', () => {
    const rng = createRng('t:pm2');
    const meanStep = (eta: number): number => {
      let s = 0;
      for (let t = 0; t < 4000; t++) s += Math.abs(polynomialMutation(0.5, 0, 1, eta, rng) - 0.5);
      return s / 4000;
    };
    expect(meanStep(5)).toBeGreaterThan(meanStep(50));
  });
  it('integer, ordinal and categorical genes always change when mutated, within bounds', () => {
    const mut = createMutation(mixed, { probability: 1 });
    const rng = createRng('t:mut');
    const categorical = [0, 0, 0];
    for (let t = 0; t < 3000; t++) {
      const g = randomSampling(mixed, 1, rng)[0];
      const m = mut(g, rng);
      expect(inBounds(m)).toBe(true);
      expect(m[1]).not.toBe(g[1]);
      expect(m[2]).not.toBe(g[2]);
      expect(m[3]).not.toBe(g[3]);
      if (g[3] === 0) categorical[m[3]]++;
    }
    // From 'red', mutation picks 'green' and 'blue' about equally (each ~ 1/2 of ~1000 draws).
    expect(categorical[0]).toBe(0);
    expect(Math.abs(categorical[1] - categorical[2])).toBeLessThan(0.2 * (categorical[1] + categorical[2]));
  });
  it('ordinal mutation favours neighbouring values', () => {
    const vars: Variable[] = [{ name: 'o', kind: 'choice', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }];
    const mut = createMutation(vars, { probability: 1 });
    const rng = createRng('t:ord');
    let near = 0;
    for (let t = 0; t < 2000; t++) if (Math.abs(mut([5], rng)[0] - 5) === 1) near++;
    expect(near / 2000).toBeGreaterThan(0.5);
  });
  it('point mutation changes exactly one gene, within bounds', () => {
    const discrete = mixed.slice(1);
    const mut = createPointMutation(discrete);
    const rng = createRng('t:point');
    const changedGene = [0, 0, 0];
    for (let t = 0; t < 3000; t++) {
      const g = randomSampling(discrete, 1, rng)[0];
      const m = mut(g, rng);
      const changed = m.map((v, i) => (v !== g[i] ? i : -1)).filter((i) => i >= 0);
      expect(changed.length).toBe(1);
      changedGene[changed[0]]++;
      expect(inBounds([0, ...m])).toBe(true);
    }
    for (const c of changedGene) expect(c).toBeGreaterThan(800);
  });
  it('a mutation probability of 0 changes nothing', () => {
    const mut = createMutation(mixed, { probability: 0 });
    expect(mut([0.1, 2, 3, 1], createRng(2))).toEqual([0.1, 2, 3, 1]);
  });
});

describe('selection and duplicates', () => {
  it('binary tournament returns the better of two uniform draws', () => {
    const rng = createRng('t:tour');
    const n = 10;
    const counts = new Array(n).fill(0);
    const draws = 20000;
    for (let t = 0; t < draws; t++) counts[binaryTournament(n, (a, b) => a < b, rng)]++;
    // P(pick i) = ((n - i)^2 - (n - i - 1)^2) / n^2: 19% for the best, 1% for the worst.
    expect(counts[0] / draws).toBeCloseTo(0.19, 1);
    expect(counts[n - 1] / draws).toBeCloseTo(0.01, 1);
  });
  it('hashGenes is stable, ignores the sign of zero and separates different vectors', () => {
    expect(hashGenes([0, 1.5])).toBe(hashGenes([-0, 1.5]));
    expect(hashGenes([0.1, 0.2])).not.toBe(hashGenes([0.2, 0.1]));
    expect(Number.isSafeInteger(hashGenes([Math.PI, 1e300, -7]))).toBe(true);
  });
  it('DuplicateSet detects repeats with exact keys for discrete spaces and hashes with reals', () => {
    const discrete = new DuplicateSet(mixed.slice(1));
    expect(discrete.add([1, 2, 0])).toBe(true);
    expect(discrete.add([1, 2, 0])).toBe(false);
    expect(discrete.has([1, 2, 1])).toBe(false);
    const real = new DuplicateSet(mixed);
    expect(real.add([0.25, 1, 2, 0])).toBe(true);
    expect(real.has([0.25, 1, 2, 0])).toBe(true);
    expect(real.has([0.25000000000000006, 1, 2, 0])).toBe(false);
    expect(real.size).toBe(1);
  });
  it('discrete keys are the mixed-radix index, exact even for genes outside the space, strings beyond 2^53 points', () => {
    const discrete = new DuplicateSet(mixed.slice(1)); // i in 1..4, o index 0..3, c index 0..2: 48 points
    const keys = new Set<string | number>();
    for (let i = 1; i <= 4; i++) for (let o = 0; o < 4; o++) for (let c = 0; c < 3; c++) keys.add(discrete.key([i, o, c]));
    expect([...keys].sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: 48 }, (_, k) => k));
    // No operator makes these, but they must not collide with a point of the space.
    expect(discrete.key([0, 3, 2])).toBe('0,3,2');
    expect(discrete.key([1.5, 0, 0])).toBe('1.5,0,0');
    expect(discrete.add([5, 0, 0])).toBe(true);
    expect(discrete.has([1, 0, 0])).toBe(false);
    expect(discrete.addKey(discrete.key([1, 0, 0]))).toBe(true);
    expect(discrete.hasKey(0)).toBe(true);
    const huge = new DuplicateSet(Array.from({ length: 60 }, (_, k): Variable => ({ name: `b${k}`, kind: 'integer', min: 0, max: 1 })));
    expect(typeof huge.key(new Array<number>(60).fill(1))).toBe('string');
  });
});
