/**
 * Every whole search space docs/search.md shows (a ```json block with a "network") is one `cosearch validate`
 * accepts: the "Fields" example grouped VGG16 layers "conv1_1" and "conv1_2", names VGG16 does not have (its
 * layers are conv1 ... conv13), and was refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { spaceProblems } from '../search/space/problems.js';

const DOC = new URL('../../docs/search.md', import.meta.url);

/** The ```json blocks of the doc that are whole spaces (objects with a network), with their line numbers. */
function spaceExamples(): { line: number; space: unknown }[] {
  const text = readFileSync(DOC, 'utf8');
  const out: { line: number; space: unknown }[] = [];
  for (const match of text.matchAll(/^```json\n([\s\S]*?)^```$/gm)) {
    const space: unknown = JSON.parse(match[1]);
    const line = text.slice(0, match.index).split('\n').length;
    if (typeof space === 'object' && space !== null && 'network' in space) out.push({ line, space });
  }
  return out;
}

describe('docs/search.md: its example spaces validate', () => {
  it('finds the examples (the Fields one at least)', () => {
    expect(spaceExamples().length).toBeGreaterThanOrEqual(1);
  });

  it.each(spaceExamples())('the space at line $line', ({ line, space }) => {
    expect(spaceProblems(space, simulatorSpaceContext()), `docs/search.md:${line}`).toEqual([]);
  });
});
