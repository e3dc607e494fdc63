/**
 * Adding a strategy is one definition plus one registry line: a toy "first-n" strategy (the first n points of
 * the space, in odometer order) registered here only, checked by the parser and run by the engine in-thread.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import {
  BUILTIN_STRATEGIES, InThreadBackend, parseSpace, runSearch, SearchRun, SpaceError, gridPoints, numberSetting, strategyRegistry,
  type StrategyDefinition,
} from '../../../src/search/index.js';
import { parseCsv } from '../../../src/io/run/index.js';
import { FIXTURE_METRICS } from '../fixtures/hardwareEvaluator.js';

const firstN: StrategyDefinition = {
  name: 'first-n',
  summary: 'the first n points of the space, in order',
  settings: { count: { type: 'integer', min: 1, default: 4, doc: 'points to evaluate' } },
  check: (input, settings) => {
    const count = numberSetting(settings, 'count') ?? 4;
    return BigInt(count) > input.size() ? [{ field: 'strategy.count', message: `got ${count}, expected at most the ${input.size()} points of the space` }] : [];
  },
  planned: (_, settings) => numberSetting(settings, 'count') ?? 4,
  run: async (problem, options, settings) => {
    const run = new SearchRun(problem, options);
    const points = gridPoints(problem);
    const proposals: number[][] = [];
    for (let i = 0; i < (numberSetting(settings, 'count') ?? 4); i++) {
      const next = points.next();
      if (next.done) break;
      proposals.push(next.value);
    }
    await run.evaluate(proposals, 0);
    return run.result('complete');
  },
};
const strategies = strategyRegistry([...BUILTIN_STRATEGIES, firstN]);
/** The built-in names as refusals list them, from the registry (a new strategy changes no test here). */
const BUILTIN_NAMES = BUILTIN_STRATEGIES.map((s) => s.name).join(', ');
const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const raw = (strategy: unknown) => ({
  network: 'tiny',
  parameters: { 'adc.bits': [4, 5, 6], 'crossbar.size': [64, 128] },
  objectives: ['energy_uJ:min', 'area_mm2:min'],
  strategy,
});

describe('the strategy registry', () => {
  it('runs a strategy registered by a caller through the parser and the engine (in-thread backend)', async () => {
    const space = parseSpace(raw({ name: 'first-n', count: 3 }), context, { file: 's.json', strategies });
    const outDir = join(mkdtempSync(join(tmpdir(), 'cosearch-firstn-')), 'run');
    const evaluator = new URL('../fixtures/hardwareEvaluator.ts', import.meta.url);
    const result = await runSearch({
      space, outDir, strategies, metrics: FIXTURE_METRICS,
      backend: (ctx) => new InThreadBackend({ evaluator, context: ctx }),
    });
    expect(result.evaluations).toBe(3);
    const csv = parseCsv(readFileSync(result.evaluationsCsv, 'utf8'));
    expect(csv.records.map((r) => [r[2], r[3]])).toEqual([['4', '64'], ['4', '128'], ['5', '64']]);
    expect(result.manifest.strategy).toEqual({ name: 'first-n', settings: { count: 3 } });
  });

  it('checks the new strategy\'s settings and space through its own schema and check', () => {
    const problems = (strategy: unknown) => {
      try {
        parseSpace(raw(strategy), context, { file: 's.json', strategies });
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(SpaceError);
        return error instanceof SpaceError ? error.problems : [];
      }
    };
    expect(problems({ name: 'first-n', count: 0 })).toEqual(['s.json: strategy.count: got 0, expected an integer >= 1']);
    expect(problems({ name: 'first-n', count: 7 })).toEqual(['s.json: strategy.count: got 7, expected at most the 6 points of the space']);
    expect(problems({ name: 'first-m' })).toEqual([`s.json: strategy.name: got "first-m", expected one of ${BUILTIN_NAMES}, first-n (did you mean "first-n"?)`]);
    // The built-in registry does not know it.
    expect(() => parseSpace(raw({ name: 'first-n' }), context)).toThrow(new RegExp(`strategy\\.name: got "first-n", expected one of ${BUILTIN_NAMES}$`));
  });
});

/** Problems of a space parsed with the simulator's own context (real networks). */
function parseSpaceProblems(rawSpace: unknown): readonly string[] {
  try {
    parseSpace(rawSpace, simulatorSpaceContext(), { file: 's.json' });
    return [];
  } catch (error) {
    return error instanceof SpaceError ? error.problems : [String(error)];
  }
}

describe('typo suggestions', () => {
  const problems = (patch: Record<string, unknown>) => {
    try {
      parseSpace({ ...raw('grid'), ...patch }, context, { file: 's.json' });
      return [];
    } catch (error) {
      return error instanceof SpaceError ? error.problems : [String(error)];
    }
  };
  it('suggests the metric, field, strategy, setting, parameter path, network and layer one edit away', () => {
    expect(problems({ objectives: ['energy_uj:min'] })[0]).toMatch(/objectives\[0\]\.metric: got "energy_uj", expected a metric name \(did you mean "energy_uJ"\?\)$/);
    expect(problems({ objective: [] })[0]).toMatch(/^s\.json: objective: got "objective", expected a known field \(.*\) \(did you mean "objectives"\?\)$/);
    expect(problems({ strategy: 'nsga' })).toEqual([`s.json: strategy.name: got "nsga", expected one of ${BUILTIN_NAMES} (did you mean "nsga2"?)`]);
    expect(problems({ strategy: { name: 'nsga2', populationSiz: 4 } })[0]).toMatch(/strategy\.populationSiz: .* \(did you mean "populationSize"\?\)$/);
    expect(problems({ parameters: { 'adc.bitz': [4] } })[0]).toContain('unknown parameter "adc.bitz" (did you mean "adc.bits"?)');
    const network = parseSpaceProblems({ ...raw('grid'), objectives: ['energy_pJ:min'], network: 'vgg16-cifar1' });
    expect(network).toHaveLength(1);
    expect(network[0]).toMatch(/^s\.json: network: unknown network "vgg16-cifar1" \(did you mean "vgg16-cifar10"\?\); expected a file path or one of [^(]*$/);
    expect(problems({ parameters: { 'adc.bits': { values: [4], groups: { a: ['conv2', 'fc1'] } } } })).toEqual([
      's.json: parameters.adc.bits.groups.a: got "fc1", expected a weight layer of the network (conv1, conv2, fc) (did you mean "fc"?)',
    ]);
  });
});

describe('a registered strategy that breaks the run contract', () => {
  const proposing = (name: string, propose: (points: number[][]) => number[][]): StrategyDefinition => ({
    ...firstN, name, settings: {}, check: () => [], planned: undefined,
    run: async (problem, options) => {
      const run = new SearchRun(problem, options);
      const points = [...gridPoints(problem)];
      await run.evaluate(propose(points), 0);
      return run.result('complete');
    },
  });
  const start = (strategy: StrategyDefinition, budget?: number) => {
    const registry = strategyRegistry([...BUILTIN_STRATEGIES, strategy]);
    const space = parseSpace({ ...raw({ name: strategy.name }), ...(budget ? { budget: { evaluations: budget } } : {}) }, context, { file: 's.json', strategies: registry });
    const outDir = join(mkdtempSync(join(tmpdir(), 'cosearch-defect-')), 'run');
    const evaluator = new URL('../fixtures/hardwareEvaluator.ts', import.meta.url);
    return runSearch({ space, outDir, strategies: registry, metrics: FIXTURE_METRICS, backend: (ctx) => new InThreadBackend({ evaluator, context: ctx }) });
  };

  it('proposing more designs than the budget leaves is refused (budget 3: 5 rows and "completed" before)', async () => {
    await expect(start(proposing('five', (p) => p.slice(0, 5)), 3)).rejects.toThrow(
      /^strategy defect \(not an input error\): it proposed 5 designs when the evaluation budget allows 3 more; a strategy proposes at most SearchRun\.remaining$/);
  });

  it('proposing the same genes twice is refused (two identical rows before)', async () => {
    await expect(start(proposing('twice', (p) => [p[0], p[1], p[0]]))).rejects.toThrow(
      /^strategy defect \(not an input error\): proposal 2 \(genes \[0,0\]\) was proposed before; a run proposes each point at most once/);
  });
});
