/** SeedStarts instances with one prefix share their start states, which stay new FastNormal(prefix + key)'s. */
import { describe, expect, it } from 'vitest';
import { FastNormal, SeedStarts } from '../../../src/sim/nonideal/normal.js';

describe('SeedStarts shared by prefix', () => {
  it('a second instance with the same prefix returns the first one\'s states, and they start the right streams', () => {
    const a = new SeedStarts('shared:readnoise:');
    const words = a.of('3');
    const b = new SeedStarts('shared:readnoise:');
    expect(b.of('3')).toBe(words); // the same state object: not derived again
    expect(new SeedStarts('other:readnoise:').of('3')).not.toEqual(words);
    const restarted = new FastNormal('unused');
    restarted.restart(b.of('3'));
    const fresh = new FastNormal('shared:readnoise:3');
    for (let k = 0; k < 100; k++) expect(restarted.normal()).toBe(fresh.normal());
  });
});
