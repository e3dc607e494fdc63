/** docs/search-library.md's examples: shown verbatim, they run, and they print what the page says they print. */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { main as askTell } from '../../../scripts/examples/ask-tell.js';
import { main as customOperators } from '../../../scripts/examples/custom-operators.js';

const doc = readFileSync(new URL('../../../docs/search-library.md', import.meta.url), 'utf8');

describe('docs/search-library.md examples', () => {
  it.each(['ask-tell.ts', 'custom-operators.ts'])('%s is shown verbatim', (file) => {
    const source = readFileSync(new URL(`../../../scripts/examples/${file}`, import.meta.url), 'utf8').trimEnd();
    expect(doc).toContain(source);
  });

  /** What `run` prints with console.log, one string per call. */
  async function printed(run: () => Promise<number>): Promise<{ returned: number; lines: string[] }> {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const returned = await run();
      return { returned, lines: log.mock.calls.map((args) => args.join(' ')) };
    } finally {
      log.mockRestore();
    }
  }

  it('the ask/tell example finds a front, and prints the line the page shows', async () => {
    const { returned, lines } = await printed(askTell);
    expect(returned).toBe(73);
    expect(lines).toEqual(['160 evaluations, 73 designs on the front']);
    expect(doc).toContain(`It prints \`${lines[0]}\``);
  });

  it('the custom-operator example prints the lines the page shows', async () => {
    const { lines } = await printed(customOperators);
    expect(lines).toEqual(['default operators: sampling, crossover, mutation, repair, duplicates, survival', '28 in the final population, 1106 mutations']);
    expect(doc).toContain(`It prints \`${lines[0]}\` and \`${lines[1]}\``);
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
