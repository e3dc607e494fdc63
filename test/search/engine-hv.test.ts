/**
 * Issue 3 acceptance: on the shipped device-adc-precision space (small enough for grid), NSGA-II with at most
 * a quarter of the grid's evaluations reaches >= 98% of the grid front's hypervolume, median over 5 seeds.
 * The grid runs the real simulator (energy-latency-area + MAC-error Monte Carlo) in worker threads; the NSGA-II
 * runs are answered from the grid's CSV (the same values, without simulating each point again).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../src/io/run/index.js';
import { runSearch } from '../../src/app/index.js';
import { hypervolume } from '../../src/search/pareto/index.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { loadSpace, spaceSize } from '../../src/search/space/parse.js';
import { SIMULATOR_METRICS } from '../../src/app/index.js';

const space = loadSpace(new URL('../../search-spaces/device-adc-precision.json', import.meta.url).pathname, simulatorSpaceContext());
const metrics = space.objectives.map((o) => o.metric);
const senses = space.objectives.map((o) => o.sense);
const frontPoints = (csv: string) => readCsvFile(csv).records.map((r) => metrics.map((m) => Number(r[m])));

describe('NSGA-II vs grid on search-spaces/device-adc-precision.json', () => {
  it('reaches >= 98% of the grid hypervolume with a quarter of the evaluations (median of 5 seeds), no seed under 90%', { timeout: 600_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'cosearch-hv-'));
    const size = spaceSize(space);
    const grid = await runSearch({ space, strategy: 'grid', outDir: join(out, 'grid'), workers: 2 });
    expect(grid.evaluations).toBe(size);
    const gridFront = frontPoints(grid.paretoCsv);
    // Reference: the grid front's nadir pushed 10% of the front's range further, per objective (all minimised).
    const reference = metrics.map((_, k) => {
      const values = gridFront.map((p) => p[k]);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      return hi + 0.1 * (hi - lo);
    });
    const gridHv = hypervolume(gridFront, reference, senses);
    expect(gridHv).toBeGreaterThan(0);

    const budget = Math.floor(size / 4);
    const ratios: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const evaluator = {
        module: new URL('../../scripts/grid-lookup-evaluator.ts', import.meta.url),
        metrics: SIMULATOR_METRICS,
        context: { csv: grid.evaluationsCsv, parameters: space.variables.map((v) => v.path), metrics: SIMULATOR_METRICS },
      };
      const run = await runSearch({ space, seed, budget, outDir: join(out, `nsga2-${seed}`), workers: 1, evaluator });
      expect(run.evaluations).toBeLessThanOrEqual(budget);
      ratios.push(hypervolume(frontPoints(run.paretoCsv), reference, senses) / gridHv);
    }
    console.log(`device-adc-precision: grid ${size} evaluations, front ${gridFront.length}, HV ${gridHv.toPrecision(6)}; ` +
      `NSGA-II ${budget} evaluations, HV ratio per seed ${ratios.map((r) => r.toFixed(4)).join(', ')}, median ${median(ratios).toFixed(4)}`);
    // Issue 15 (feasible islands): the space starts from a Latin hypercube and NSGA-II keeps IDEA's infeasible share
    // with its boundary bisection; seeds 1-20 then give a median of 1.000 and a worst of 0.942, seeds 21-60 1.000 and
    // 0.996 (bench/islands.bench.ts, 2026-12-06; docs/search.md).
    expect(median(ratios)).toBeGreaterThanOrEqual(0.98);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.9);
    // No run can beat the exhaustive grid.
    for (const r of ratios) expect(r).toBeLessThanOrEqual(1 + 1e-12);
  });
});
