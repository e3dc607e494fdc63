/**
 * aleaSeed.ts: seedrandom's Alea (createRng's uniforms) bit for bit, from the seeding hash on: short, long, empty and
 * non-ASCII seeds, and the project's seed shapes. Also the stream's continuation over many draws.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { aleaNext, aleaState } from '../../../src/sim/nonideal/aleaSeed.js';

function seeds(): string[] {
  const out = ['', ' ', '0', '42', 'a'.repeat(500), 'é', '\u{1F600}:seed', '\uD800'];
  for (let i = 0; i < 3000; i++) out.push(`${i * 7919}:net:cnn-mnist:${i % 13}:readnoise:${i}:${i % 4}`);
  return out;
}

describe('aleaState / aleaNext', () => {
  it("equal seedrandom.alea's state and uniforms for every seed", () => {
    const state = new Float64Array(4);
    for (const seed of seeds()) {
      const ref = seedrandom.alea(seed, { state: true });
      const s = ref.state();
      aleaState(seed, state);
      expect(Array.from(state), seed).toEqual([s.s0, s.s1, s.s2, s.c]);
      for (let k = 0; k < 8; k++) expect(aleaNext(state)).toBe(ref());
    }
  });

  it('continue the stream over 100,000 draws', () => {
    const ref = seedrandom.alea('long:stream');
    const state = aleaState('long:stream', new Float64Array(4));
    let differing = 0;
    for (let k = 0; k < 100_000; k++) if (aleaNext(state) !== ref()) differing++;
    expect(differing).toBe(0);
  });
});
