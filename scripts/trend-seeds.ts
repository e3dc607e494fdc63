/**
 * The hardware-accuracy trend claims of the tests (test/sim/trendClaims.ts) over many accuracy seeds: for each gap,
 * its mean, SD, smallest and largest value and on how many seeds the claim's margin holds. A margin chosen from one
 * seed can sit inside the seed-to-seed scatter (each seed is another chip and sample set); this is how the margins
 * were chosen (seeds 1-20) and checked (seeds 21-40): docs/nonidealities.md, "Trend claims across seeds".
 *   node --import tsx scripts/trend-seeds.ts [--seeds 1-20]
 */
import { parseArgs } from 'node:util';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { clearAccuracyCache } from '../src/sim/accuracy.js';
import { claimAccuracies, gapHolds, TREND_CLAIMS } from '../test/sim/trendClaims.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-20' } } });
const [from, to] = values.seeds!.split('-').map(Number);
if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from) throw new Error(`--seeds: got ${values.seeds}, expected a range of at least two seeds like 1-20 (a standard deviation needs two)`);
const failing = new Set<number>();
console.log(`| claim | gap | margin | mean +- SD | smallest | largest | holds (seeds ${from}-${to}) |`);
console.log('|---|---|---|---|---|---|---|');
for (const claim of TREND_CLAIMS) {
  const bySeed: number[][] = [];
  for (let seed = from; seed <= to; seed++) {
    bySeed.push(claimAccuracies(claim, seed));
    clearAccuracyCache();
  }
  for (const g of claim.gaps) {
    const gaps = bySeed.map((a) => a[g.hi] - a[g.lo]);
    const held = bySeed.filter((a, k) => gapHolds(g, a) || (failing.add(from + k), false)).length;
    const f = (x: number) => x.toFixed(3);
    console.log(`| ${claim.group}: ${claim.name} | ${g.hi} - ${g.lo} | ${g.atLeast ? '>= -' : '> '}${g.margin} | ${f(mean(gaps))} +- ${f(sampleStandardDeviation(gaps))} | ${f(Math.min(...gaps))} | ${f(Math.max(...gaps))} | ${held}/${bySeed.length} |`);
  }
}
console.log(`seeds failing some claim: ${failing.size === 0 ? 'none' : [...failing].sort((a, b) => a - b).join(', ')}`);
