/**
 * NSGA-III on DTLZ1 / DTLZ2 at pymoo's standard settings (issue 15): hypervolume of the final population's
 * non-dominated points. The full goal is the median over seeds 1-10 against pymoo 0.6.2's medians (0.139885,
 * 0.744038, 1.304322): `npm run bench -- nsga3` measures it. This test runs fewer seeds (1-3; one for 5
 * objectives) and checks their median reaches within 0.3% of pymoo's median and each run within 1.5%, which a
 * broken niching or normalisation misses by far (NSGA-II reaches 0.651 on the 5-objective case, 10% under).
 * Single seeds spread that much: on DTLZ1 our seed 3 gives 0.138578 (0.94% under pymoo's median) and pymoo
 * 0.6.2's own seed 7 gives 0.138565 (measured on this machine), so a per-seed bound tighter than ~1% tests luck.
 */
import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { hypervolume } from '../../../src/search/pareto/hypervolume.js';
import { paretoFront } from '../../../src/search/pareto/dominance.js';
import { nsga3 } from '../../../src/search/strategies/index.js';
import { DTLZ_CASES, dtlz2 } from './dtlz.js';


describe('NSGA-III on DTLZ (issue 15)', () => {
  it.each(DTLZ_CASES.map((c) => [c.name, c] as const))('%s: median of the seeds within 0.3 percent of the pymoo median, each within 1.5 percent', async (_, c) => {
    const seeds = c.objectives === 5 ? [1] : [1, 2, 3];
    const all: number[] = [];
    for (const seed of seeds) {
      const result = await nsga3(c.problem(), { partitions: c.partitions, generations: c.generations, seed });
      expect(result.population).toHaveLength(c.objectives === 5 ? 212 : 92);
      expect(result.evaluations).toHaveLength((c.objectives === 5 ? 212 : 92) * c.generations);
      all.push(hypervolume(paretoFront((result.population ?? []).map((r) => r.result.objectives)), new Array<number>(c.objectives).fill(c.reference)));
    }
    console.log(`${c.name}: HV ${all.map((h) => h.toFixed(6)).join(' ')} (median ${median(all).toFixed(6)}, pymoo ${c.pymoo})`);
    expect(median(all)).toBeGreaterThanOrEqual(0.997 * c.pymoo);
    for (const hv of all) expect(hv).toBeGreaterThanOrEqual(0.985 * c.pymoo);
    // A hang guard, not a speed check: DTLZ2 with 5 objectives takes ~57 s on an idle 2-core machine and 131 s at
    // load 7.5, past vitest's 120 s default (speed is `npm run bench -- nsga3`).
  }, 600_000);

  it('runs from a space-style strategy entry: same result as the library call with the same seed', async () => {
    const { STRATEGIES } = await import('../../../src/search/strategies/index.js');
    const p = dtlz2(12, 3);
    const viaRegistry = await STRATEGIES.require('nsga3').run(p, { seed: 4 }, { partitions: 4, generations: 5 });
    const direct = await nsga3(p, { seed: 4, partitions: 4, generations: 5 });
    expect(viaRegistry.evaluations.map((r) => r.result.objectives)).toEqual(direct.evaluations.map((r) => r.result.objectives));
    expect(direct.evaluations).toHaveLength(16 * 5);
  });
});
