import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { createDecoder, decode, type EvaluationResult, type Problem, type ProgressInfo, type Solution, type Variable } from '../../../src/search/problem.js';
import { paretoFront, paretoFrontIndices } from '../../../src/search/pareto/dominance.js';
import { hypervolume } from '../../../src/search/pareto/hypervolume.js';
import { igd } from '../../../src/search/pareto/igd.js';
import { evolve, gridPoints, gridSearch, gridSize, nsga2, randomSearch } from '../../../src/search/strategies/index.js';
import { bnh, bnhTrueFront, srn, srnTrueFront, zdt1 } from './problems.js';

/** A mixed space whose optimum is known: a = 3, b = 4, c = 'blue', d = 0.25, f = 0. */
const mixedVariables: Variable[] = [
  { name: 'a', kind: 'integer', min: -10, max: 10 },
  { name: 'b', kind: 'choice', values: [1, 2, 4, 8, 16] },
  { name: 'c', kind: 'choice', values: ['red', 'green', 'blue'] },
  { name: 'd', kind: 'real', min: 0, max: 1 },
];
const penalty = (x: Solution): number => (Math.log2(x.b as number) - 2) ** 2 + (x.c === 'blue' ? 0 : 1);
const mixedSingle: Problem = {
  variables: mixedVariables,
  objectives: ['min'],
  evaluate: (x) => ({ objectives: [((x.a as number) - 3) ** 2 + penalty(x) + ((x.d as number) - 0.25) ** 2] }),
};

/** Discrete bi-objective: the front is pen = 0 (b = 4, c = 'blue'), a = 0..20: 21 points (a, 20 - a). */
const discreteBi: Problem = {
  variables: [
    { name: 'a', kind: 'integer', min: 0, max: 20 },
    { name: 'b', kind: 'choice', values: [1, 2, 4, 8, 16] },
    { name: 'c', kind: 'choice', values: ['red', 'green', 'blue'] },
  ],
  objectives: ['min', 'max'],
  evaluate: (x) => ({ objectives: [(x.a as number) + penalty(x), (x.a as number) - 20 - penalty(x)] }),
};

const key = (g: readonly number[]): string => g.join(',');

describe('decoding', () => {
  it('createDecoder builds the same objects as decode, whatever the variable names', () => {
    const vars: Variable[] = [
      { name: 'adc.bits', kind: 'choice', values: [4, 6, 8] },
      { name: 'we"ird\\name}', kind: 'real', min: 0, max: 1 },
      { name: 'layers[0].size', kind: 'integer', min: 1, max: 9 },
      { name: '__proto__x', kind: 'choice', values: ['a', true] },
    ];
    const genes = [2, 0.5, 7, 1];
    expect(createDecoder(vars)(genes)).toEqual(decode(vars, genes));
    expect(createDecoder(vars)(genes)).toEqual({ 'adc.bits': 8, 'we"ird\\name}': 0.5, 'layers[0].size': 7, __proto__x: true });
  });
});

describe('gridSearch', () => {
  const vars: Variable[] = [
    { name: 'i', kind: 'integer', min: 0, max: 1 },
    { name: 'c', kind: 'choice', values: ['x', 'y', 'z'] },
    { name: 'r', kind: 'real', min: 0, max: 1, steps: 3 },
  ];
  it('visits the Cartesian product in odometer order (last variable fastest)', async () => {
    const seen: Solution[] = [];
    const result = await gridSearch({ variables: vars, objectives: ['min'], evaluate: (x) => (seen.push(x), { objectives: [0] }) }, { batchSize: 4 });
    expect(gridSize({ variables: vars })).toBe(18n);
    expect(seen.length).toBe(18);
    expect(seen.slice(0, 4)).toEqual([
      { i: 0, c: 'x', r: 0 },
      { i: 0, c: 'x', r: 0.5 },
      { i: 0, c: 'x', r: 1 },
      { i: 0, c: 'y', r: 0 },
    ]);
    expect(seen[17]).toEqual({ i: 1, c: 'z', r: 1 });
    expect(result.stopReason).toBe('complete');
    expect(result.generations).toBe(5); // 18 points in batches of 4
    expect(result.evaluations.map((r) => r.generation)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4]);
  });
  it('streams lazily: a 10^60-point grid yields its first points at once', () => {
    const huge = Array.from({ length: 60 }, (_, k): Variable => ({ name: `v${k}`, kind: 'integer', min: 0, max: 9 }));
    expect(gridSize({ variables: huge })).toBe(10n ** 60n);
    const it = gridPoints({ variables: huge });
    it.next();
    const second = it.next().value as number[];
    expect(second.slice(-2)).toEqual([0, 1]);
    // Wide integer ranges are not materialised either.
    const wide: Variable[] = [{ name: 'i', kind: 'integer', min: 0, max: 4e9 }, { name: 'j', kind: 'integer', min: -5, max: 5e9 }];
    expect(gridSize({ variables: wide })).toBe(4_000_000_001n * 5_000_000_006n);
    expect(gridPoints({ variables: wide }).next().value).toEqual([0, -5]);
  });
  it('refuses a grid larger than the budget, with advice, before evaluating anything', async () => {
    let calls = 0;
    const p: Problem = { variables: vars, objectives: ['min'], evaluate: () => (calls++, { objectives: [0] }) };
    await expect(gridSearch(p, { maxEvaluations: 17 })).rejects.toThrow(/18 points.*budget is 17.*raise maxEvaluations to at least 18/);
    expect(calls).toBe(0);
  });
  it('needs steps for a real variable', async () => {
    const p: Problem = { variables: [{ name: 'r', kind: 'real', min: 0, max: 1 }], objectives: ['min'], evaluate: () => ({ objectives: [0] }) };
    await expect(gridSearch(p)).rejects.toThrow(ConfigError);
    await expect(gridSearch(p)).rejects.toThrow(/steps/);
  });
  it('finds the exact front of a discrete problem', async () => {
    const result = await gridSearch(discreteBi);
    expect(result.evaluations.length).toBe(21 * 5 * 3);
    expect(result.front.map((r) => r.x.a)).toEqual(Array.from({ length: 21 }, (_, a) => a));
    expect(result.front.every((r) => r.x.b === 4 && r.x.c === 'blue')).toBe(true);
  });
});

describe('randomSearch', () => {
  it('never proposes a point twice and stops when a discrete space is used up', async () => {
    const p: Problem = {
      variables: [
        { name: 'a', kind: 'integer', min: 0, max: 2 },
        { name: 'b', kind: 'choice', values: [true, false] },
      ],
      objectives: ['min'],
      evaluate: (x) => ({ objectives: [x.a as number] }),
    };
    const result = await randomSearch(p, { maxEvaluations: 100, batchSize: 4, seed: 5 });
    expect(result.evaluations.length).toBe(6);
    expect(new Set(result.evaluations.map((r) => key(r.genes))).size).toBe(6);
    expect(result.stopReason).toBe('exhausted');
  });
  it('needs a budget', async () => {
    await expect(randomSearch(mixedSingle)).rejects.toThrow(/no budget/);
  });
  it('stops exactly at the evaluation budget', async () => {
    const result = await randomSearch(zdt1(5), { evaluations: 250, seed: 2 });
    expect(result.evaluations.length).toBe(250);
    expect(result.stopReason).toBe('evaluations');
    expect(result.generations).toBe(3);
  });
});

describe('the running front', () => {
  it.each([2, 3])('equals the non-dominated set of all evaluations, ties and duplicates included (%i objectives)', async (m) => {
    // Coarse objective values make many ties and identical objective vectors from different x.
    const p: Problem = {
      variables: Array.from({ length: 4 }, (_, k): Variable => ({ name: `v${k}`, kind: 'integer', min: 0, max: 5 })),
      objectives: Array.from({ length: m }, (_, k) => (k === 1 ? 'max' : 'min')),
      evaluate: (x) => {
        const v = [0, 1, 2, 3].map((k) => x[`v${k}`] as number);
        const objectives = [v[0] + v[1], v[1] * v[2] - v[3], (v[0] * v[3]) % 4].slice(0, m);
        return { objectives, violation: v[2] === 5 ? 1 : 0 };
      },
    };
    const result = await randomSearch(p, { maxEvaluations: 600, batchSize: 37, seed: 8 });
    const feasible = result.evaluations.filter((r) => r.feasible);
    const expected = paretoFrontIndices(feasible.map((r) => r.result.objectives), p.objectives).map((i) => feasible[i].index);
    expect(result.front.map((r) => r.index)).toEqual(expected);
    expect(result.front.length).toBeGreaterThan(1);
  });
});

describe('evolve', () => {
  it('finds the known optimum of a mixed integer / ordinal / categorical / real problem', async () => {
    const result = await evolve(mixedSingle, { seed: 4, populationSize: 40, generations: 60 });
    expect(result.best?.x.a).toBe(3);
    expect(result.best?.x.b).toBe(4);
    expect(result.best?.x.c).toBe('blue');
    expect(Math.abs((result.best?.x.d as number) - 0.25)).toBeLessThan(0.02);
    expect(result.evaluations.length).toBeLessThanOrEqual(40 * 60);
    const bestValue = Math.min(...result.evaluations.map((r) => r.result.objectives[0]));
    expect(result.best?.result.objectives[0]).toBe(bestValue);
  });
  it('scalarises several objectives with weights, and demands them', async () => {
    await expect(evolve(discreteBi, { generations: 2 })).rejects.toThrow(/weights/);
    // weights (1, 0): minimise a + pen only -> a = 0, pen = 0.
    const result = await evolve(discreteBi, { seed: 1, populationSize: 20, generations: 20, weights: [1, 0] });
    expect(result.best?.result.objectives[0]).toBe(0);
  });
});

describe('nsga2', () => {
  it('nearly reaches the exact front of a discrete mixed problem with under two thirds of the grid, never evaluating twice', async () => {
    const result = await nsga2(discreteBi, { seed: 3, populationSize: 24, maxEvaluations: 200 });
    expect(result.evaluations.length).toBeLessThanOrEqual(200);
    expect(new Set(result.evaluations.map((r) => key(r.genes))).size).toBe(result.evaluations.length);
    const ref = [21, -21];
    const gridFront = Array.from({ length: 21 }, (_, a) => [a, a - 20]);
    const hv = hypervolume(result.front.map((r) => r.result.objectives), ref, ['min', 'max']);
    expect(hv / hypervolume(gridFront, ref, ['min', 'max'])).toBeGreaterThanOrEqual(0.99);
  });
  it('is deterministic for a seed and independent of evaluation timing and batching', async () => {
    const p = zdt1(6);
    const a = await nsga2(p, { seed: 9, populationSize: 20, generations: 10 });
    const b = await nsga2(p, { seed: 9, populationSize: 20, generations: 10 });
    // The same problem evaluated asynchronously in batches, finishing in reverse order.
    const batched: Problem = {
      ...p,
      evaluateBatch: (xs) =>
        Promise.all(xs.map((x, j) => new Promise<EvaluationResult>((resolve) => setTimeout(() => resolve(p.evaluate(x) as EvaluationResult), xs.length - j)))),
    };
    const c = await nsga2(batched, { seed: 9, populationSize: 20, generations: 10 });
    const d = await nsga2(p, { seed: 10, populationSize: 20, generations: 10 });
    const summary = (r: typeof a) => r.evaluations.map((e) => [e.index, e.generation, e.genes, e.result.objectives]);
    expect(summary(b)).toEqual(summary(a));
    expect(summary(c)).toEqual(summary(a));
    expect(summary(d)).not.toEqual(summary(a));
    expect(a.evaluations.length).toBe(200);
  });
  it('a run cut short is a prefix of the full run, so replaying from a cache resumes it', async () => {
    const p = zdt1(4);
    const full = await nsga2(p, { seed: 2, populationSize: 10, generations: 8 });
    const cut = await nsga2(p, { seed: 2, populationSize: 10, generations: 8, maxEvaluations: 35 });
    expect(cut.evaluations.map((r) => r.genes)).toEqual(full.evaluations.slice(0, 35).map((r) => r.genes));
  });
  it('reports progress per generation with the front so far, and hypervolume when given a reference', async () => {
    const infos: ProgressInfo[] = [];
    const result = await nsga2(zdt1(5), { seed: 1, populationSize: 10, generations: 4, reference: [1.1, 10], onGeneration: (i) => void infos.push({ ...i, front: [...i.front] }) });
    expect(infos.map((i) => i.generation)).toEqual([0, 1, 2, 3]);
    expect(infos.map((i) => i.evaluations)).toEqual([10, 20, 30, 40]);
    expect(infos.flatMap((i) => i.evaluated.map((r) => r.index))).toEqual(Array.from({ length: 40 }, (_, k) => k));
    const hvs = infos.map((i) => i.hypervolume as number);
    for (let g = 1; g < hvs.length; g++) expect(hvs[g]).toBeGreaterThanOrEqual(hvs[g - 1]);
    expect(result.hypervolumeHistory).toEqual(hvs);
    // The front so far is exactly the non-dominated set of all evaluations.
    const all = result.evaluations.map((r) => r.result.objectives);
    expect(result.front.map((r) => r.index)).toEqual(paretoFrontIndices(all));
  });
  it('treats failed and invalid evaluations as infeasible and never puts them on the front', async () => {
    const base = zdt1(3);
    const flaky: Problem = {
      ...base,
      evaluate: (x) => {
        const v = x.x2 as number;
        if (v < 0.1) throw new Error('boom');
        if (v < 0.2) return { objectives: [0, 0], failed: true, error: 'timeout' };
        if (v < 0.3) return { objectives: [Number.NaN, 0] };
        return base.evaluate(x);
      },
    };
    const result = await nsga2(flaky, { seed: 4, populationSize: 20, generations: 6 });
    const failed = result.evaluations.filter((r) => r.failed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.some((r) => r.result.error === 'boom')).toBe(true);
    expect(failed.every((r) => r.violation === Infinity && !r.feasible)).toBe(true);
    expect(result.front.every((r) => !r.failed && r.feasible)).toBe(true);
    expect(result.front.some((r) => (r.x.x2 as number) < 0.3)).toBe(false);
    // Each says why: the thrown error, the evaluator's own error, what was wrong with what it returned.
    const why = (v: number) => (v < 0.1 ? 'boom' : v < 0.2 ? 'timeout' : 'objectives[0]: got NaN, expected a finite number');
    expect(failed.map((r) => r.failure)).toEqual(failed.map((r) => why(r.x.x2 as number)));
    expect(failed.some((r) => (r.x.x2 as number) >= 0.2)).toBe(true);
    expect(result.evaluations.filter((r) => !r.failed).every((r) => r.failure === undefined)).toBe(true);
  });
  it('names what is wrong with a result it cannot score: wrong count, text, a violation that is no number', async () => {
    const base = zdt1(3);
    const wrong = (result: unknown) => nsga2({ ...base, evaluate: () => result as never }, { seed: 1, populationSize: 4, generations: 1 });
    expect((await wrong({ objectives: [1] })).evaluations[0].failure).toBe('objectives: got 1 values, expected 2 (one per objective)');
    expect((await wrong({ objectives: ['1', 2] })).evaluations[0].failure).toBe('objectives[0]: got "1", expected a finite number');
    expect((await wrong({ objectives: [1, 2], violation: Number.NaN })).evaluations[0].failure).toBe('violation: got NaN, expected a number (0 or below: feasible)');
  });
  it('stops on the time budget (injected clock) and on abort', async () => {
    let t = 0;
    const timed = await nsga2(zdt1(3), { seed: 1, populationSize: 10, maxTime_ms: 25, now: () => t, onGeneration: () => void (t += 10) });
    expect(timed.stopReason).toBe('time');
    expect(timed.generations).toBe(3);
    const abort = new AbortController();
    const aborted = await nsga2(zdt1(3), { seed: 1, populationSize: 10, generations: 50, signal: abort.signal, onGeneration: (i) => void (i.generation === 1 && abort.abort()) });
    expect(aborted.stopReason).toBe('aborted');
    expect(aborted.evaluations.length).toBe(20);
  });
  it('respects constraints on BNH: feasible population converging to the known front', async () => {
    const result = await nsga2(bnh, { seed: 1, populationSize: 60, generations: 80, infeasibleShare: 0 });
    const pop = result.population ?? [];
    expect(pop.length).toBe(60);
    expect(pop.every((r) => r.feasible)).toBe(true);
    // Objective ranges on the front: f1 in [0, 136], f2 in [4, 50]; observed IGD ~1.0 (population), ~0.07 (all).
    expect(igd(pop.map((r) => r.result.objectives), bnhTrueFront())).toBeLessThan(2);
    expect(igd(result.front.map((r) => r.result.objectives), bnhTrueFront())).toBeLessThan(0.2);
  });
  it('follows active constraints on SRN to its true front', async () => {
    for (const infeasibleShare of [0, 0.2]) {
    const result = await nsga2(srn, { seed: 1, populationSize: 60, generations: 200, infeasibleShare });
    const pop = result.population ?? [];
    // Textbook (share 0): all feasible; IDEA's default share keeps 12 of 60 places for infeasible designs.
    expect(pop.filter((r) => !r.feasible).length).toBe(Math.round(infeasibleShare * 60));
    const front = paretoFront(pop.filter((r) => r.feasible).map((r) => r.result.objectives));
    const truth = srnTrueFront();
    // The true front is ~300 long in objective space (f1 from 10.1 to 223); 60 points are ~5 apart.
    const distanceToTruth = (p: number[]): number => Math.min(...truth.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
    expect(Math.max(...front.map(distanceToTruth))).toBeLessThan(5);
    expect(igd(front, truth)).toBeLessThan(3);
    // Both ends are made by constraints: f1 = 10.1 on x1 - 3 x2 + 10 = 0, f1 = 223 on the circle.
    expect(Math.min(...front.map((p) => p[0]))).toBeLessThan(11);
    expect(Math.max(...front.map((p) => p[0]))).toBeGreaterThan(215);
    }
  });
  it('keeps the duplicate retries per evaluation bounded once the population has converged in a discrete space', async () => {
    // 10^4 points, population 50: the front is found early and breeding then mostly lands on known points.
    const names = ['k0', 'k1', 'k2', 'k3'];
    const p: Problem = {
      variables: names.map((name): Variable => ({ name, kind: 'integer', min: 0, max: 9 })),
      objectives: ['min', 'max'],
      evaluate: (x) => {
        const v = names.map((n) => x[n] as number);
        return { objectives: [v[0] * 3 - v[1] + v[2], v[0] + v[1] * v[1] * 0.1 + v[3]] };
      },
    };
    const retries: number[] = [];
    const result = await nsga2(p, { seed: 1, populationSize: 50, maxEvaluations: 5000, onGeneration: (i) => void retries.push(i.duplicateRetries) });
    expect(result.evaluations.length).toBe(5000);
    expect(new Set(result.evaluations.map((r) => key(r.genes))).size).toBe(5000);
    expect(result.duplicateRetries).toBe(retries[retries.length - 1]);
    // Without low-yield mode the last 20 generations spend their whole bound: ~33 retries per evaluation.
    const lastPerEvaluation = (retries[retries.length - 1] - retries[retries.length - 21]) / (20 * 50);
    expect(lastPerEvaluation).toBeGreaterThan(0);
    expect(lastPerEvaluation).toBeLessThan(8);
    // Continuous runs (almost) never meet a known point.
    const continuous = await nsga2(zdt1(6), { seed: 1, populationSize: 20, generations: 50 });
    expect(continuous.duplicateRetries / continuous.evaluations.length).toBeLessThan(0.2);
  });
  it('rejects bad options and problems with a ConfigError naming the field', async () => {
    await expect(nsga2(zdt1(2), { populationSize: 1 })).rejects.toThrow(/populationSize: got 1/);
    await expect(nsga2(zdt1(2), { maxEvaluations: -3 })).rejects.toThrow(/maxEvaluations/);
    await expect(nsga2(zdt1(2), { survival: 'best' as 'crowding' })).rejects.toThrow(/survival: got "best"/);
    await expect(nsga2({ ...zdt1(2), objectives: ['up' as 'min'] })).rejects.toThrow(/objectives\[0\]/);
    await expect(nsga2({ ...zdt1(2), variables: [{ name: 'x', kind: 'integer', min: 0.5, max: 3 }] })).rejects.toThrow(ConfigError);
    await expect(nsga2({ ...zdt1(2), variables: [{ name: 'c', kind: 'choice', values: [1, 1] }] })).rejects.toThrow(/distinct/);
  });
});
