/** docs/search-library.md's examples: shown verbatim, and they run. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main as askTell } from '../../../scripts/examples/ask-tell.js';
import { main as customOperators } from '../../../scripts/examples/custom-operators.js';

const doc = readFileSync(new URL('../../../docs/search-library.md', import.meta.url), 'utf8');

describe('docs/search-library.md examples', () => {
  it.each(['ask-tell.ts', 'custom-operators.ts'])('%s is shown verbatim', (file) => {
    const source = readFileSync(new URL(`../../../scripts/examples/${file}`, import.meta.url), 'utf8').trimEnd();
    expect(doc).toContain(source);
  });

  it('the ask/tell example finds a front', async () => {
    expect(await askTell()).toBeGreaterThan(5);
  });

  it('the custom-operator example calls the wrapped mutation (two children per pair, 39 generations of 28)', async () => {
    // At least one call per offspring; NSGA-III's duplicate elimination (pymoo's: drop and mate again) adds a pair
    // for each child that was already proposed, a few per run.
    const calls = await customOperators();
    expect(calls % 2).toBe(0);
    expect(calls).toBeGreaterThanOrEqual(39 * 28);
    expect(calls).toBeLessThan(39 * 28 + 100);
  });
});
