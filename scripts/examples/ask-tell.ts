// Drive NSGA-II from your own loop: `npx tsx scripts/examples/ask-tell.ts`.
import { fileURLToPath } from 'node:url';
import { nsga2Optimizer, type EvaluationResult, type Solution } from '../../src/search/index.js';

/** Stands in for a measurement on a chip or an instrument: two objectives to minimise. */
function measure(x: Solution): EvaluationResult {
  const a = Number(x.a);
  const b = Number(x.b);
  return { objectives: [a * a + b, (a - 2) ** 2 + (b - 1) ** 2] };
}

export async function main(): Promise<number> {
  const opt = nsga2Optimizer(
    {
      variables: [
        { name: 'a', kind: 'real', min: 0, max: 2 },
        { name: 'b', kind: 'integer', min: 0, max: 4 },
      ],
      objectives: ['min', 'min'],
    },
    { seed: 1, populationSize: 16, generations: 10 },
  );
  for (let xs = await opt.ask(); xs.length > 0; xs = await opt.ask()) {
    opt.tell(xs.map(measure)); // or: await your instrument, then tell
  }
  const result = await opt.result();
  console.log(`${result.evaluations.length} evaluations, ${result.front.length} designs on the front`);
  return result.front.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
