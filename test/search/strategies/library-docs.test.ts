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
    expect(await customOperators()).toBe(39 * 28);
  });
});
