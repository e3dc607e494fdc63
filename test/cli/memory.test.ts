import { describe, expect, it } from 'vitest';
import { checkMemory, MEMORY_PER_EVALUATION_BYTES } from '../../src/cli/commands/search.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { effectiveStrategy, loadSpace, plannedEvaluations, STRATEGIES } from '../../src/search/index.js';

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
    const planned = (overrides: { strategy?: string; budget?: number }) => plannedEvaluations(space, effectiveStrategy(space, STRATEGIES, overrides), STRATEGIES);
    expect(planned({})).toBe(240);
    expect(planned({ strategy: 'random', budget: 1e9 })).toBe(3360);
    expect(planned({ budget: 1e9 })).toBe(240);
    expect(planned({ strategy: 'grid', budget: 5000 })).toBe(3360);
    expect(planned({ strategy: 'random', budget: 100 })).toBe(100);
    expect(() => checkMemory(planned({ strategy: 'random', budget: 1e9 }), 4 * 1024 ** 3, () => undefined)).not.toThrow();
  });
});
