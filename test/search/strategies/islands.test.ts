/**
 * Issue 15 item 3 (feasible islands) on search-spaces/device-adc-precision.json as a lookup table (islands.ts):
 * NSGA-II with the shipped settings (Latin-hypercube start, IDEA's infeasible share by default) at a quarter of the
 * grid's evaluations. The 20- and 40-seed figures are in bench/islands.bench.ts; these are the 5-seed tests.
 */
import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { nsga2, nsga2Strategy } from '../../../src/search/strategies/index.js';
import { withInfeasibleShare } from '../../../src/search/strategies/infeasible.js';
import { rankAndCrowdingSurvival } from '../../../src/search/strategies/nsga2.js';
import type { Individual } from '../../../src/search/strategies/core.js';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import { readCsvFile } from '../../../src/io/run/index.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { loadSpace } from '../../../src/search/index.js';
import { simulateConfiguration } from '../../../src/sim/simulate.js';
import { islandProblem, islandRatio, ISLAND_BUDGET, ISLAND_SETTINGS, ISLAND_VARIABLES } from './islands.js';
import { zdt1 } from './problems.js';

describe('feasible islands: device-adc-precision at a quarter of the grid', () => {
  it('reaches a median >= 0.98 and a worst >= 0.9 of the grid hypervolume on seeds 1-5', async () => {
    const ratios: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const result = await nsga2Strategy.run(islandProblem(), { seed, maxEvaluations: ISLAND_BUDGET }, ISLAND_SETTINGS);
      expect(result.evaluations.length).toBeLessThanOrEqual(ISLAND_BUDGET);
      ratios.push(islandRatio(result));
    }
    expect(median(ratios)).toBeGreaterThanOrEqual(0.98);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.9);
    for (const r of ratios) expect(r).toBeLessThanOrEqual(1 + 1e-12);
  });
  it('holds on the seeds IDEA alone lost (boundary bisection, src/search/strategies/boundary.ts)', async () => {
    // The five seeds of 1-300 under 0.9 before the bisection (2026-12-06): 0.623, 0.876, 0.876, 0.884 and 0.875, the
    // front stuck at 5-6-bit ADCs; now 1.000, 0.9998, 0.9998, 0.9998, 0.9998.
    const ratios: number[] = [];
    for (const seed of [46, 52, 167, 218, 274]) {
      ratios.push(islandRatio(await nsga2Strategy.run(islandProblem(), { seed, maxEvaluations: ISLAND_BUDGET }, ISLAND_SETTINGS)));
    }
    expect(median(ratios)).toBeGreaterThanOrEqual(0.98);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the islands table (fixtures/device-adc-precision-table.csv)', () => {
  it('is what the simulator gives for its designs (first, middle and last row; scripts/regenerate-islands-table.ts after a model change)', () => {
    const space = loadSpace(new URL('../../../search-spaces/device-adc-precision.json', import.meta.url).pathname, simulatorSpaceContext());
    const { records } = readCsvFile(new URL('../fixtures/device-adc-precision-table.csv', import.meta.url).pathname);
    expect(records.length).toBe(320);
    const network = zooNetwork(space.network);
    for (const r of [records[0], records[160], records[319]]) {
      const overrides = Object.fromEntries(ISLAND_VARIABLES.map((v) => [v.name, Number(r[v.name])]));
      const { metrics } = simulateConfiguration(network, { ...space.base, ...overrides }, { metrics: ['macError_rms'] });
      for (const m of ['energy_pJ', 'area_mm2', 'latency_ns', 'macError_rms']) expect(metrics[m], m).toBe(Number(r[m]));
    }
  });
});

const individual = (f: number[], cv: number, index: number): Individual => ({
  record: { index, generation: 0, x: {}, genes: [], result: { objectives: f }, failed: !Number.isFinite(cv), violation: cv, feasible: cv === 0 },
  genes: [index],
  f,
  cv,
});

describe('withInfeasibleShare (IDEA survival)', () => {
  const survival = withInfeasibleShare((pool, size) => rankAndCrowdingSurvival(pool, size), 0.2, (later, earlier) => {
    const offset = earlier.reduce((m, x) => Math.max(m, x.rank), -1) + 1;
    for (const x of later) x.rank += offset;
  });
  it('keeps round(0.2 size) infeasible designs, the least violating and best on the objectives, ranked after the feasible', () => {
    const feasible = Array.from({ length: 8 }, (_, i) => individual([i, 8 - i], 0, i));
    // Infeasible: [0.5, 0.5] with violation 0.1 dominates [0.6, 0.6] with 0.2 in (f1, f2, violation); [9, 9] with 5 is dominated too.
    const infeasible = [individual([0.6, 0.6], 0.2, 8), individual([0.5, 0.5], 0.1, 9), individual([9, 9], 5, 10)];
    const kept = survival([...feasible, ...infeasible], 5);
    expect(kept.map((k) => k.record.index).filter((i) => i >= 8)).toEqual([9]);
    expect(kept.filter((k) => k.cv === 0).length).toBe(4);
    const worstFeasibleRank = Math.max(...kept.filter((k) => k.cv === 0).map((k) => k.rank));
    expect(kept.find((k) => k.cv > 0)?.rank).toBeGreaterThan(worstFeasibleRank);
  });
  it('fills with infeasible designs when too few are feasible, failed ones last', () => {
    const pool = [individual([1, 1], 0, 0), individual([2, 2], 0.3, 1), individual([3, 3], 0.1, 2), individual([0, 0], Infinity, 3)];
    const kept = survival(pool, 4).map((k) => k.record.index);
    expect(kept[0]).toBe(0);
    // [2, 2] at 0.3 and [3, 3] at 0.1 are mutually non-dominated once the violation is an objective.
    expect(kept.slice(1, 3).sort()).toEqual([1, 2]);
    expect(kept[3]).toBe(3);
    expect(survival(pool, 3).map((k) => k.record.index)).not.toContain(3);
  });
  it('changes nothing without constraints (same run as share 0)', async () => {
    const a = await nsga2(zdt1(5), { seed: 3, populationSize: 12, generations: 6 });
    const b = await nsga2(zdt1(5), { seed: 3, populationSize: 12, generations: 6, infeasibleShare: 0 });
    expect(a.evaluations.map((r) => r.genes)).toEqual(b.evaluations.map((r) => r.genes));
  });
});
