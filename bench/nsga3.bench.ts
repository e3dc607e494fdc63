/**
 * NSGA-III on DTLZ1 / DTLZ2 at pymoo's standard settings (issue 15): median over seeds 1-10 of the final
 * population's hypervolume (exact, WFG for 5 objectives) and CPU time per run (process.cpuUsage: less disturbed
 * than wall time on a shared machine), against pymoo 0.6.2's medians and wall times (2.45 s, 2.70 s, 9.68 s).
 * The goal is seeds 1-10 (the default); NSGA3_SEEDS=50 gives a steadier median for comparing two versions,
 * NSGA3_CASES=DTLZ1 runs only the cases whose name contains it, NSGA3_DUPLICATES=repair swaps in NSGA-II's
 * duplicate handling (ablation of pymoo's re-mating).
 */
import { median } from 'simple-statistics';
import { hypervolume } from '../src/search/pareto/hypervolume.js';
import { paretoFront } from '../src/search/pareto/dominance.js';
import { nsga3 } from '../src/search/strategies/index.js';
import { repairDuplicates } from '../src/search/strategies/elimination.js';
import { DTLZ_CASES } from '../test/search/strategies/dtlz.js';

const PYMOO_SECONDS = [2.45, 2.7, 9.68];
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const SEEDS = Number(process.env.NSGA3_SEEDS ?? 10);
const operators = process.env.NSGA3_DUPLICATES === 'repair' ? { duplicates: repairDuplicates } : {};

for (const [i, c] of DTLZ_CASES.entries()) {
  if (!c.name.includes(process.env.NSGA3_CASES ?? '')) continue;
  const hvs: number[] = [];
  const times: number[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const t0 = cpuSeconds();
    const result = await nsga3(c.problem(), { partitions: c.partitions, generations: c.generations, seed, operators });
    times.push(cpuSeconds() - t0);
    hvs.push(hypervolume(paretoFront((result.population ?? []).map((r) => r.result.objectives)), new Array<number>(c.objectives).fill(c.reference)));
  }
  const hv = median(hvs);
  console.log(
    `${c.name}: median HV (seeds 1-${SEEDS}) ${hv.toFixed(6)} (pymoo ${c.pymoo}, ${hv >= c.pymoo ? 'met' : 'NOT met'}; min ${Math.min(...hvs).toFixed(6)}, max ${Math.max(...hvs).toFixed(6)}), ` +
      `median CPU ${median(times).toFixed(2)} s per run = ${(median(times) / PYMOO_SECONDS[i]).toFixed(2)} x pymoo's ${PYMOO_SECONDS[i]} s`,
  );
  console.log(`  per seed 1-${SEEDS}: ${hvs.map((h) => h.toFixed(6)).join(' ')}`);
}
