import { describe, expect, it } from 'vitest';
import { checkMemory, MEMORY_PER_EVALUATION_BYTES } from '../../src/cli/commands/search.js';

describe('checkMemory', () => {
  const heap = 1024 * MEMORY_PER_EVALUATION_BYTES;
  it('refuses a budget whose rows exceed the heap, warns above half of it, is quiet below', () => {
    const warnings: string[] = [];
    const warn = (l: string) => warnings.push(l);
    expect(() => checkMemory(1025, heap, warn)).toThrow('budget: 1025 evaluations need about 1 MiB (1 KiB each) of a 1 MiB heap; lower --budget');
    expect(() => checkMemory(1024, heap, warn)).not.toThrow();
    expect(warnings).toEqual(['search: warning: 1024 evaluations need about 1 MiB (1 KiB each) of a 1 MiB heap; the run may run out of memory']);
    checkMemory(512, heap, warn);
    checkMemory(undefined, heap, warn);
    expect(warnings).toHaveLength(1);
  });
});
