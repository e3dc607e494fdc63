import { describe, expect, it } from 'vitest';
import { checkMemory, MEMORY_PER_EVALUATION_BYTES } from '../../src/cli/commands/search.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { effectiveStrategy, loadSpace, plannedEvaluations, STRATEGIES } from '../../src/search/index.js';
import { populationPlanned } from '../../src/search/strategies/variation.js';
import { describeSpace } from '../../src/cli/commands/validate.js';

describe('checkMemory', () => {
  it('estimates 512 bytes per planned evaluation (measured: docs/search.md#memory)', () => {
    expect(MEMORY_PER_EVALUATION_BYTES).toBe(512);
  });

  it('refuses a budget whose rows exceed the heap, warns above half of it, is quiet below', () => {
    const heap = 1024 * MEMORY_PER_EVALUATION_BYTES;
    const warnings: string[] = [];
    const warn = (l: string) => warnings.push(l);
    expect(() => checkMemory(1025, heap, warn)).toThrow(
      'budget: 1025 evaluations need about 512.5 KiB (512 bytes each) of a 512 KiB heap; lower --budget, or raise the heap with NODE_OPTIONS=--max-old-space-size=<MiB>',
    );
    expect(() => checkMemory(1024, heap, warn)).not.toThrow();
    expect(warnings).toEqual(['search: warning: 1024 evaluations need about 512 KiB (512 bytes each) of a 512 KiB heap; the run may run out of memory']);
    checkMemory(512, heap, warn);
    checkMemory(undefined, heap, warn);
    expect(warnings).toHaveLength(1);
  });

  it('on a 4 GiB heap: 8 million evaluations run with a warning, 9 million are refused (1 KiB each refused 4.2 million)', () => {
    const warnings: string[] = [];
    checkMemory(8_000_000, 4 * 1024 ** 3, (l) => warnings.push(l));
    expect(warnings).toEqual(['search: warning: 8000000 evaluations need about 3.8 GiB (512 bytes each) of a 4 GiB heap; the run may run out of memory']);
    expect(() => checkMemory(9_000_000, 4 * 1024 ** 3, () => undefined)).toThrow('budget: 9000000 evaluations need about 4.3 GiB (512 bytes each) of a 4 GiB heap; lower --budget');
  });

  it('plans no more evaluations than the space has points: a huge budget on a small space is not refused', () => {
    // search-spaces/default.json: 3,360 points, NSGA-II 24 x 10 = 240. `--budget 1e9 --strategy random` used to be
    // refused as 477 GiB of heap although a random search stops 'exhausted' after the 3,360.
    const space = loadSpace(new URL('../../search-spaces/default.json', import.meta.url).pathname, simulatorSpaceContext());
    const planned = (overrides: { strategy?: string; budget?: number }) => plannedEvaluations(space, effectiveStrategy(space, STRATEGIES, overrides, 'command line'), STRATEGIES);
    expect(planned({})).toBe(240);
    expect(planned({ strategy: 'random', budget: 1e9 })).toBe(3360);
    expect(planned({ budget: 1e9 })).toBe(240);
    expect(planned({ strategy: 'grid', budget: 5000 })).toBe(3360);
    expect(planned({ strategy: 'random', budget: 100 })).toBe(100);
    expect(() => checkMemory(planned({ strategy: 'random', budget: 1e9 }), 4 * 1024 ** 3, () => undefined)).not.toThrow();
  });

  it('plans a generational strategy at its defaults: population 100 x 100 generations without a budget, the budget with one, none on a time budget', () => {
    const space = loadSpace(new URL('../../search-spaces/default.json', import.meta.url).pathname, simulatorSpaceContext());
    const bare = { ...space, strategy: { name: 'nsga2', settings: {} }, budget: {} };
    const planned = (budget: { evaluations?: number; time_s?: number }) => plannedEvaluations({ ...bare, budget }, effectiveStrategy({ ...bare, budget }, STRATEGIES, {}, 'command line'), STRATEGIES);
    expect(planned({})).toBe(3360); // 10,000 planned, capped by the 3,360 points
    expect(populationPlanned({ evaluations: undefined }, {})).toBe(10_000);
    expect(populationPlanned({ evaluations: undefined }, { populationSize: 24 })).toBe(2400);
    expect(populationPlanned({ evaluations: 500 }, {})).toBe(500);
    expect(populationPlanned({ evaluations: undefined, timed: true }, {})).toBeUndefined();
    expect(planned({ evaluations: 96 })).toBe(96);
    // NSGA-III at its own population: 12 partitions for 3 objectives = 91 directions -> 92 individuals x 100 generations.
    const input = { origin: 'space' as const, objectives: 3, size: () => 10n ** 9n, evaluations: undefined, timed: false };
    expect(STRATEGIES.require('nsga3').planned?.(input, { partitions: 12 })).toBe(9200);
    expect(STRATEGIES.require('nsga3').planned?.({ ...input, evaluations: 500 }, { partitions: 12 })).toBe(500);
    expect(STRATEGIES.require('nsga3').planned?.({ ...input, timed: true }, { partitions: 12 })).toBeUndefined();
  });

  it('cosearch validate names the planned budget of a space without one, and counts in the singular', () => {
    const space = loadSpace(new URL('../../search-spaces/default.json', import.meta.url).pathname, simulatorSpaceContext());
    const one = { ...space, variables: space.variables.slice(1, 2), strategy: { name: 'nsga2', settings: {} }, budget: {} };
    const text = describeSpace('s.json', one);
    expect(text.split('\n')[0]).toBe('s.json: valid space "default" on vgg16-cifar10: 1 variable, 7 points');
    expect(text).toContain('  budget: 7 evaluations, planned by the strategy settings and defaults\n');
  });
});

