/** Test helper: the problem lines parseSpace reports for a raw space (none for a valid one). */
import { expect } from 'vitest';
import { parseSpace, SpaceError } from '../../../src/search/space/parse.js';
import type { SpaceContext } from '../../../src/search/space/types.js';

export function spaceProblems(raw: unknown, context: SpaceContext): readonly string[] {
  try {
    parseSpace(raw, context, { file: 's.json' });
  } catch (error) {
    expect(error).toBeInstanceOf(SpaceError);
    return (error as SpaceError).problems;
  }
  return [];
}
