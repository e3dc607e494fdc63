import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, simulatorSpaceContext } from '../../../src/app/index.js';
import { continueFlags, lazyFlag } from '../../../src/cli/commands/search.js';
import { parseCsv } from '../../../src/io/run/index.js';
import { parseSpace } from '../../../src/search/space/parse.js';
import type { LazyMode } from '../../../src/search/space/types.js';
import { BUILTIN_STRATEGIES, strategyRegistry } from '../../../src/search/strategies/registry.js';
import { randomStrategy } from '../../../src/search/strategies/random.js';
import { FIXTURE_SPACE } from '../fixtures/hardwareEvaluator.js';
import { FIXTURE_METRICS } from '../fixtures/lazyEvaluator.js';
import { refusal } from '../../helpers/refusal.js';
import { tempDirs } from '../../helpers/tempDirs.js';

const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const evaluator = { module: new URL('../fixtures/lazyEvaluator.ts', import.meta.url), metrics: FIXTURE_METRICS, expensive: { accuracy: 1 } };
const strategy = { name: 'nsga2', populationSize: 16, generations: 8 };
const space = (lazy: LazyMode, seed = 1, strategyOf: Record<string, unknown> = strategy, extra: Record<string, unknown> = {}) => parseSpace({
  ...FIXTURE_SPACE, name: 'lazy-exact', constraints: ['accuracy >= 0.75'], strategy: strategyOf, seed, ...(lazy === false ? {} : { lazy }), ...extra,
}, context, { file: 'lazy-exact.json' });
const tmp = tempDirs('cosearch-lazyexact-');
const read = (dir: string, file: string) => parseCsv(readFileSync(join(dir, file), 'utf8'));

/** A run's proposals in order and its front (design and objective cells), and the accuracy measurements it made. */
async function run(lazy: LazyMode, seed: number) {
  const r = await runSearch({ space: space(lazy, seed), outDir: tmp(), evaluator, backend: 'in-thread' });
  const { header, records } = read(r.dir, 'evaluations.csv');
  const designCells = (row: readonly string[]) => row.slice(0, header.indexOf('energy_uJ')).join('|');
  const frontCells = (row: readonly string[]) => row.slice(0, header.indexOf('accuracy')).join('|');
  return {
    designs: records.map(designCells), front: read(r.dir, 'pareto.csv').records.map(frontCells).sort(),
    measured: r.lazy?.measurements ?? records.length, status: records.map((row) => row.at(-1)),
  };
}

describe('lazy accuracy that keeps the eager path ("lazy": "exact")', () => {
  it('proposes the eager run\'s designs in its order and reaches its front, measuring fewer (seeds 1-4); "lazy": true takes its own path', async () => {
    const measured: number[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const [eager, lazy, exact] = await Promise.all(([false, true, 'exact'] as const).map((mode) => run(mode, seed)));
      expect(exact.designs).toEqual(eager.designs);
      expect(exact.front).toEqual(eager.front);
      // The strategy bred from designs `true` proves dominated but leaves at their best possible accuracy.
      expect(lazy.designs).not.toEqual(eager.designs);
      // Measured: every design the selection keeps, dominated or not; the rest stay proven out or unselected.
      expect(exact.status.filter((s) => s === 'true').length).toBe(exact.measured);
      expect(exact.measured).toBeGreaterThan(lazy.measured);
      measured.push(exact.measured);
    }
    expect(measured).toEqual([86, 80, 64, 66]);
  });

  it('writes the same CSV with 1 and 2 workers and when resumed; its fingerprint is its own', async () => {
    const whole = await runSearch({ space: space('exact'), outDir: tmp(), evaluator, workers: 1 });
    const text = readFileSync(whole.evaluationsCsv, 'utf8');
    const two = await runSearch({ space: space('exact'), outDir: tmp(), evaluator, workers: 2 });
    expect(readFileSync(two.evaluationsCsv, 'utf8')).toBe(text);
    const dir = tmp();
    let batches = 0;
    const stopped = await runSearch({ space: space('exact'), outDir: dir, evaluator, backend: 'in-thread', onProgress: () => batches++, shouldStop: () => batches >= 6 });
    expect(stopped.status).toBe('interrupted');
    const resumed = await runSearch({ space: space('exact'), outDir: dir, evaluator, backend: 'in-thread', resume: true });
    expect(readFileSync(resumed.evaluationsCsv, 'utf8')).toBe(text);
    await expect(runSearch({ space: space(true), outDir: dir, evaluator, backend: 'in-thread', resume: true }))
      .rejects.toThrow('was run with lazy mode exact but this run has lazy (resume it with lazy: "exact" (or the space\'s "lazy": "exact"))');
    await expect(runSearch({ space: space(true), outDir: dir, evaluator, backend: 'in-thread', resume: true, origin: 'command line' }))
      .rejects.toThrow('was run with lazy mode exact but this run has lazy (resume it with --lazy-exact (or the space\'s "lazy": "exact"))');
  });

  it('is refused, before anything is written, with a strategy whose selection it cannot ask; runs with grid and random', async () => {
    const dir = tmp();
    const nsga3 = { name: 'nsga3', partitions: 4, generations: 4 };
    // The built-in strategies that offer a selection, from the registry (a new strategy changes no test here).
    const offering = BUILTIN_STRATEGIES.filter((d) => d.selection !== undefined).map((d) => d.name);
    const why = `"exact" keeps the eager path by asking the strategy's selection, which nsga3 does not offer; expected a strategy that does (${offering.join(', ')})`;
    // In the space: refused as it is read (cosearch validate says it too; until 2026-12-06 only the run did, without the file).
    expect(refusal(() => space('exact', 1, nsga3))).toBe(`lazy-exact.json: lazy: ${why}, or true`);
    expect(refusal(() => space('exact', 1, { name: 'evolve', weights: [1, 1], populationSize: 4, generations: 2 }))).toMatch(/^lazy-exact\.json: lazy: .*which evolve does not offer/);
    // As the run's option: named as it was given.
    await expect(runSearch({ space: space(false, 1, nsga3), lazy: 'exact', outDir: dir, evaluator, backend: 'in-thread', origin: 'command line' }))
      .rejects.toThrow(`--lazy-exact: ${why}, or --lazy`);
    await expect(runSearch({ space: space(false, 1, nsga3), lazy: 'exact', outDir: dir, evaluator, backend: 'in-thread' }))
      .rejects.toThrow(`lazy: "exact": ${why}, or lazy: true`);
    expect(readdirSync(dir)).toEqual([]);
    // The strategies that offer a selection come from the registry: a user's own is named, and --strategy is the one checked.
    const mine = strategyRegistry([...BUILTIN_STRATEGIES, { ...randomStrategy, name: 'mine' }]);
    expect(refusal(() => parseSpace({ ...FIXTURE_SPACE, name: 'x', strategy: nsga3, lazy: 'exact' }, context, { file: 'x.json', strategies: mine })))
      .toMatch(`expected a strategy that does (${[...offering, 'mine'].join(', ')}), or true`);
    expect(parseSpace({ ...FIXTURE_SPACE, name: 'x', strategy: nsga3, lazy: 'exact' }, context, { file: 'x.json', strategies: mine, runOverrides: { strategy: 'mine' } }).lazy).toBe('exact');
    const random = { name: 'random', batchSize: 16 };
    const [eager, exact] = await Promise.all([false, 'exact' as const].map((lazy) => runSearch({ space: space(lazy, 1, random, { budget: { evaluations: 64 } }), outDir: tmp(), evaluator, backend: 'in-thread' })));
    expect(read(eager.dir, 'pareto.csv').records.length).toBeGreaterThan(0);
    expect(read(exact.dir, 'pareto.csv').records.map((r) => r.slice(0, 8).join('|'))).toEqual(read(eager.dir, 'pareto.csv').records.map((r) => r.slice(0, 8).join('|')));
  });

  it('is "lazy": "exact" in a space and --lazy-exact on the command line, alone', () => {
    expect(space('exact').lazy).toBe('exact');
    expect(refusal(() => space('exakt' as LazyMode))).toMatch(/^lazy-exact\.json: lazy: got "exakt", expected true, false, "early-stop", "predict" or "exact" \(.*\) \(did you mean "exact"\?\)$/);
    expect(lazyFlag({ lazy: true, lazyExact: true })).toEqual({ lazy: 'exact' });
    expect(refusal(() => lazyFlag({ lazyExact: true, earlyStop: true })))
      .toBe('--lazy-exact: got --early-stop too, expected one of --lazy-predict, --lazy-exact, --early-stop (the lazy modes do not combine)');
    expect(continueFlags({ lazyExact: true })).toBe(' --lazy-exact');
  });
});
