// NSGA-III with one operator replaced and the others left at their visible defaults:
// `npx tsx scripts/examples/custom-operators.ts`.
import { fileURLToPath } from 'node:url';
import { nsga3, nsga3Operators, type Mutation, type Problem } from '../../src/search/index.js';

const problem: Problem = {
  variables: Array.from({ length: 6 }, (_, i) => ({ name: `x${i}`, kind: 'real' as const, min: 0, max: 1 })),
  objectives: ['min', 'min', 'min'],
  // DTLZ2 (Deb et al. 2002): the front is the unit sphere's positive octant.
  evaluate: (x) => {
    const v = Array.from({ length: 6 }, (_, i) => Number(x[`x${i}`]));
    const g = v.slice(2).reduce((s, t) => s + (t - 0.5) ** 2, 0);
    const [c0, c1] = [Math.cos((v[0] * Math.PI) / 2), Math.cos((v[1] * Math.PI) / 2)];
    const [s0, s1] = [Math.sin((v[0] * Math.PI) / 2), Math.sin((v[1] * Math.PI) / 2)];
    return { objectives: [(1 + g) * c0 * c1, (1 + g) * c0 * s1, (1 + g) * s0] };
  },
};

export async function main(): Promise<number> {
  const options = { seed: 1, partitions: 6, generations: 40 };
  const defaults = nsga3Operators(problem, options);
  console.log('default operators:', Object.keys(defaults).join(', '));
  // Wrap the default mutation: count its calls, change nothing else.
  let calls = 0;
  const mutation: Mutation = (genes, rng) => {
    calls++;
    return defaults.mutation(genes, rng);
  };
  const result = await nsga3(problem, { ...options, operators: { mutation } });
  console.log(`${result.population?.length} in the final population, ${calls} mutations`);
  return calls;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
