import { describe, expect, it } from 'vitest';
import { createRng } from '../src/util/rng.js';

describe('createRng', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = createRng('s:1');
    const b = createRng('s:1');
    const c = createRng('s:2');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('draws standard normals with mean 0 and variance 1', () => {
    const rng = createRng(7);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      sq += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.04);
  });
  it('draws integers in [0, n)', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(4));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });
});
