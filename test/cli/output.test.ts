/** Error output stays short and inert: capped lists, control characters escaped (issue 12). */
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { cappedLines, printable } from '../../src/cli/run.js';
import { parseSpace, SpaceError } from '../../src/search/index.js';

describe('capped error lists', () => {
  it('a space with 800,000 bad objectives lists 20 problems, then "... and N more"', () => {
    const objectives = Array.from({ length: 800_000 }, (_, i) => `nope${i}:min`);
    let error: unknown;
    try {
      parseSpace({ network: 'vgg16-cifar10', parameters: { 'adc.bits': [4, 5] }, objectives, strategy: 'grid' }, simulatorSpaceContext());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpaceError);
    const lines = (error as SpaceError).message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('... and 799980 more');
    expect((error as SpaceError).problems.length).toBeLessThanOrEqual(1000);
  }, 60_000);

  it('cappedLines keeps short messages and counts the rest of long ones', () => {
    expect(cappedLines('a\nb', 2)).toBe('a\nb');
    expect(cappedLines('a\nb\nc\nd', 2)).toBe('a\nb\n... and 2 more');
  });
});

describe('printable', () => {
  it('escapes terminal control characters but keeps the line breaks between problems', () => {
    expect(printable('x\u001b[31my\u0007\r\u009b\nz')).toBe('x\\u001b[31my\\u0007\\u000d\\u009b\nz');
  });
});
