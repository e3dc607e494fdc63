import { describe, expect, it } from 'vitest';
import { NonDominatedArchive2 } from '../../../src/search/pareto/archive.js';
import { paretoFrontIndices } from '../../../src/search/pareto/dominance.js';
import { createRng } from '../../../src/util/rng.js';

describe('NonDominatedArchive2', () => {
  it.each([
    ['coarse values (many ties and duplicates)', 8],
    ['a front that keeps growing', 0],
  ])('always equals the non-dominated set of everything inserted: %s', (_, levels) => {
    const rng = createRng(`t:archive:${levels}`);
    // chunkSize 2 forces many chunks, splits and chunk removals.
    const archive = new NonDominatedArchive2<{ f: number[]; id: number }>(2);
    const all: number[][] = [];
    for (let id = 0; id < 1500; id++) {
      let f: number[];
      if (levels > 0) {
        f = [rng.int(levels), rng.int(levels)];
      } else {
        // Points drifting toward the front f1 + f2 = 1: later ones often dominate earlier ones.
        const t = rng.next();
        const gap = (1 - id / 1500) * rng.next();
        f = [t + gap, 1 - t + gap];
      }
      all.push(f);
      archive.insert({ f, id });
      if (id % 97 === 0 || id === 1499) {
        const expected = paretoFrontIndices(all);
        const got = archive.items().map((m) => m.id).sort((a, b) => a - b);
        expect(got).toEqual(expected);
        expect(archive.size).toBe(expected.length);
        const items = archive.items();
        for (let j = 1; j < items.length; j++) expect(items[j].f[0]).toBeGreaterThanOrEqual(items[j - 1].f[0]);
      }
    }
  });
  it('keeps identical points and rejects dominated ones', () => {
    const archive = new NonDominatedArchive2<{ f: number[] }>();
    expect(archive.insert({ f: [1, 1] })).toBe(true);
    expect(archive.insert({ f: [1, 1] })).toBe(true);
    expect(archive.insert({ f: [1, 2] })).toBe(false);
    expect(archive.insert({ f: [2, 1] })).toBe(false);
    expect(archive.insert({ f: [0, 3] })).toBe(true);
    expect(archive.insert({ f: [0, 1] })).toBe(true);
    expect(archive.items().map((m) => m.f)).toEqual([[0, 1]]);
  });
});
