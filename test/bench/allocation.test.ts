import { describe, expect, it } from 'vitest';
import { allocationOf, bytesPerCall } from '../../bench/allocation.js';

// A holey array of n slots is a JSArray header and a FixedArray of n tagged slots: 8 bytes each on 64-bit V8 without
// pointer compression (Node's builds), plus headers of a few dozen bytes.
function holeyArrays(n: number): unknown[] {
  return new Array(n);
}

describe('bench/allocation: bytes allocated, from the sampling heap profiler', () => {
  it('reads 1000-slot arrays as 8,000 bytes each plus their headers, collected ones included', async () => {
    const kept: unknown[] = [];
    const { bytes, sites } = await bytesPerCall(20_000, () => {
      kept.push(holeyArrays(1000));
      if (kept.length > 64) kept.length = 0; // most die young: the minor collections' objects must count
    });
    expect(bytes).toBeGreaterThan(8000 * 0.98);
    expect(bytes).toBeLessThan((8000 + 128) * 1.02);
    // The sites share out the total (which function gets the arrays depends on what TurboFan inlined into what, and when).
    expect(sites.reduce((sum, s) => sum + s.bytes, 0)).toBeCloseTo(bytes, 6);
  });

  it('scales with the allocation: 100-slot arrays read a tenth as many slot bytes', async () => {
    const big = await bytesPerCall(20_000, () => holeyArrays(1000));
    const small = await bytesPerCall(20_000, () => holeyArrays(100));
    expect(big.bytes - small.bytes).toBeGreaterThan(7200 * 0.98);
    expect(big.bytes - small.bytes).toBeLessThan(7200 * 1.02);
  });

  it('counts as survivors only what outlives a scavenge: arrays kept read their bytes, arrays dropped at once nothing', async () => {
    const kept: unknown[] = [];
    const survived = await bytesPerCall(2_000, () => kept.push(holeyArrays(1000)), true);
    expect(kept.length).toBe(2_000);
    expect(survived.bytes).toBeGreaterThan(8000 * 0.95);
    expect(survived.bytes).toBeLessThan((8000 + 128) * 1.05);
    const dropped = await bytesPerCall(20_000, () => holeyArrays(1000), true);
    expect(dropped.bytes).toBeLessThan(80);
  });

  it('reads a loop that allocates nothing as under one byte per call', async () => {
    let sum = 0;
    const { bytes } = await allocationOf(() => {
      for (let i = 0; i < 100_000; i++) sum += i & 7;
    });
    expect(sum).toBe(350_000);
    expect(bytes / 100_000).toBeLessThan(1);
  });
});
