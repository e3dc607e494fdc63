/**
 * A strategy's declared setting defaults are the values it receives (QA extend defect 5): a setting a space leaves
 * unset reaches `run` and `planned` at its spec's `default`, the one `cosearch list strategies` shows. A toy strategy
 * that spreads the shared BATCH_SIZE spec (default 100) but falls back to 8 in its own code used to run with 8. The
 * manifest keeps the settings as the space gave them (its fingerprint and `--resume` are unchanged), and every shipped
 * strategy runs the same with its declared defaults filled in as with its code's own (its runs and CSVs do not move).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import {
  BUILTIN_STRATEGIES, InThreadBackend, numberSetting, parseSpace, plannedEvaluations, runSearch, SearchRun, gridPoints, strategyRegistry, withDefaultSettings,
  type EvaluationResult, type Problem, type StrategyDefinition, type StrategySettings,
} from '../../../src/search/index.js';
import { BATCH_SIZE } from '../../../src/search/strategies/variation.js';
import { FIXTURE_METRICS } from '../fixtures/hardwareEvaluator.js';

const received: StrategySettings[] = [];
const hillclimb: StrategyDefinition = {
  name: 'hillclimb',
  summary: 'a toy that reads batchSize, falling back to 8 in its code',
  settings: { batchSize: BATCH_SIZE },
  check: () => [],
  planned: (_, settings) => numberSetting(settings, 'batchSize') ?? 8,
  run: async (problem, options, settings) => {
    received.push(settings);
    const run = new SearchRun(problem, options);
    const points = gridPoints(problem);
    const proposals = [points.next(), points.next()].flatMap((p) => (p.done ? [] : [p.value]));
    await run.evaluate(proposals, 0);
    return run.result('complete');
  },
};
const strategies = strategyRegistry([...BUILTIN_STRATEGIES, hillclimb]);
const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });

describe('a strategy\'s declared setting defaults', () => {
  it('reach its run and its plan when the space leaves them unset; the manifest keeps the space\'s settings', async () => {
    const space = parseSpace({
      network: 'tiny',
      parameters: { 'adc.bits': [1, 2, 3, 4, 5, 6, 7, 8], 'crossbar.size': [32, 64, 128, 256], 'device.bitsPerCell': [1, 2, 3, 4] },
      objectives: ['energy_uJ:min', 'area_mm2:min'],
      strategy: { name: 'hillclimb' },
    }, context, { file: 's.json', strategies });
    expect(BATCH_SIZE.type === 'integer' && BATCH_SIZE.default).toBe(100);
    expect(plannedEvaluations(space, { name: 'hillclimb', settings: {}, evaluations: undefined }, strategies)).toBe(100);
    const outDir = join(mkdtempSync(join(tmpdir(), 'cosearch-defaults-')), 'run');
    const evaluator = new URL('../fixtures/hardwareEvaluator.ts', import.meta.url);
    const result = await runSearch({ space, outDir, strategies, metrics: FIXTURE_METRICS, backend: (ctx) => new InThreadBackend({ evaluator, context: ctx }) });
    expect(received).toEqual([{ batchSize: 100 }]);
    expect(result.manifest.strategy).toEqual({ name: 'hillclimb', settings: {} });
    // A setting the space gives wins over the default.
    expect(withDefaultSettings(hillclimb.settings, { batchSize: 5 })).toEqual({ batchSize: 5 });
  });

  it('of every shipped strategy are what its code falls back to: the same run with them filled in', async () => {
    const problem: Problem = {
      variables: [
        { name: 'a', kind: 'real', min: 0, max: 1, steps: 5 },
        { name: 'b', kind: 'integer', min: 0, max: 5 },
        { name: 'c', kind: 'choice', values: ['x', 'y', 'z'] },
      ],
      objectives: ['min', 'min'],
      evaluate: (x) => {
        const [a, b, c] = [Number(x.a), Number(x.b), ['x', 'y', 'z'].indexOf(String(x.c))];
        return { objectives: [a + b / 5 + c / 4, (1 - a) ** 2 + (5 - b) / 5 + (2 - c) / 3] };
      },
    };
    for (const definition of BUILTIN_STRATEGIES) {
      // Settings a shipped run must give (evolve scalarises two objectives with weights) and a small budget.
      const given: StrategySettings = definition.name === 'evolve' ? { weights: [1, 1], populationSize: 8 } : definition.name === 'grid' ? {} : { populationSize: 8 };
      const settings = Object.fromEntries(Object.entries(given).filter(([k]) => k in definition.settings));
      const run = async (s: StrategySettings) => {
        const r = await definition.run<EvaluationResult>(problem, { seed: 7, maxEvaluations: 90 }, s);
        return r.evaluations.map((e) => e.x);
      };
      const filled = withDefaultSettings(definition.settings, settings);
      expect(Object.keys(filled).length, definition.name).toBeGreaterThan(Object.keys(settings).length);
      expect(await run(filled), definition.name).toEqual(await run(settings));
    }
  });
});
