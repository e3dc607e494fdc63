/**
 * docs/search-library.md's feasible-islands table (NSGA-II on device-adc-precision.json's lookup table, 80 of 320
 * evaluations; `npm run bench -- islands` prints the same runs) against the strategy, at the printed precision: the
 * figures outside brackets are today's. Until 2026-12-07 (QA docs defect 6) the table kept an earlier run's figures
 * for the random start with share 0.2 and for the shipped setting while a later paragraph gave the current ones.
 */
import { readFileSync } from 'node:fs';
import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { nsga2Strategy } from '../../src/search/strategies/index.js';
import { islandProblem, islandRatio, ISLAND_BUDGET, ISLAND_SETTINGS } from '../search/strategies/islands.js';

const DOC = readFileSync(new URL('../../docs/search-library.md', import.meta.url), 'utf8');

const ROWS: [string, Record<string, string | number>][] = [
  ['| random | 0 (the previous default) |', { sampling: 'random', infeasibleShare: 0 }],
  ['| random | 0.2 |', { sampling: 'random', infeasibleShare: 0.2 }],
  ['| Latin hypercube | 0 |', { sampling: 'lhs', infeasibleShare: 0 }],
  ['| Latin hypercube | 0.2 (the shipped space) |', {}],
];

/** A row's three cells as the bench computes them: `median, worst` of seeds 1-20 and 21-60, `worst, n / m` of 1-300. */
async function cells(extra: Record<string, string | number>): Promise<string[]> {
  const ratios: number[] = [];
  for (let seed = 1; seed <= 300; seed++) {
    ratios.push(islandRatio(await nsga2Strategy.run(islandProblem(), { seed, maxEvaluations: ISLAND_BUDGET }, { ...ISLAND_SETTINGS, ...extra })));
  }
  const some = (from: number, to: number): string => {
    const part = ratios.slice(from - 1, to);
    return `${median(part).toFixed(3)}, ${Math.min(...part).toFixed(3)}`;
  };
  const under = (x: number): number => ratios.filter((r) => r < x).length;
  return [some(1, 20), some(21, 60), `${Math.min(...ratios).toFixed(3)}, ${under(0.9)} / ${under(0.98)}`];
}

describe("docs/search-library.md's feasible-islands table", () => {
  it.each(ROWS)('%s holds the figures of today\'s runs', async (start, extra) => {
    const row = DOC.split('\n').find((line) => line.startsWith(start));
    expect(row, `no row ${start}`).toBeDefined();
    const printed = (row ?? '').split('|').slice(3, 6).map((cell) => cell.replace(/\(.*\)/, '').trim());
    expect(printed).toEqual(await cells(extra));
  });
});
