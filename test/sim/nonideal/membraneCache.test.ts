import { describe, expect, it } from 'vitest';
import { MEMBRANE_FULL_SCALE_THETA, membraneCache, membraneWord, membraneWordOf } from '../../../src/sim/nonideal/membraneCache.js';

describe('the U_mem word (snn.membraneBits): b-bit two\'s complement on [-2θ, 2θ), LSB 4θ / 2^b', () => {
  it('b = 4, θ = 1: LSB 0.25, nearest level, a tie goes up, θ is a level, saturates at -2 and 1.75', () => {
    const w = membraneWordOf(4, 1);
    expect(w).toEqual({ lsb: 0.25, kMin: -8, kMax: 7 });
    const stored = (u: number) => membraneWord(u, w);
    expect([0.1, 0.13, 1, -0.3, 0.4].map(stored)).toEqual([0, 0.25, 1, -0.25, 0.5]);
    // Ties (k + 1/2 LSB) go toward +∞, as adding half an LSB and truncating does; the word has one zero (no -0).
    expect([0.125, -0.125, -0.375, 0.625].map(stored)).toEqual([0.25, 0, -0.25, 0.75]);
    expect(Object.is(stored(-0.125), 0)).toBe(true);
    // Saturation at both ends: the top level is 2θ - LSB (an overshoot past it, a tie that would round to 2θ, ∞).
    expect([1.75, 1.8, 1.875, 5, Infinity].map(stored)).toEqual([1.75, 1.75, 1.75, 1.75, 1.75]);
    expect([-2, -2.1, -2.125, -100, -Infinity].map(stored)).toEqual([-2, -2, -2, -2, -2]);
  });

  it('b = 16, θ = 0.5: LSB 2^-15, top level 1 - 2^-15', () => {
    const w = membraneWordOf(16, 0.5);
    expect(w).toEqual({ lsb: 2 ** -15, kMin: -32768, kMax: 32767 });
    const stored = (u: number) => membraneWord(u, w);
    expect(stored(0.1)).toBe(3277 * 2 ** -15); // 0.1 x 2^15 = 3276.8
    expect(stored(3 * 2 ** -16)).toBe(2 ** -14); // a tie, up
    expect(stored(-3 * 2 ** -16)).toBe(-(2 ** -15)); // a tie, up (toward +∞)
    expect([0.5, 1, 7, -1, -1.5].map(stored)).toEqual([0.5, 1 - 2 ** -15, 1 - 2 ** -15, -1, -1]);
  });

  it('θ = 0.7 (not a power of two), b = 4: LSB 0.175, θ itself a level', () => {
    const w = membraneWordOf(4, 0.7);
    expect(w.lsb).toBe(0.175);
    const stored = (u: number) => membraneWord(u, w);
    expect([0.7, 0.2, 0.0875, 1.3, 1.4, -1.4, -1.5].map(stored)).toEqual([0.7, 0.175, 0.175, 7 * 0.175, 7 * 0.175, -1.4, -1.4]);
  });

  it('refuses a width whose levels miss θ or are not exact in float64', () => {
    expect(() => membraneWordOf(1, 1)).toThrow('snn.membraneBits: got 1, expected an integer in [2, 53]');
    expect(() => membraneWordOf(54, 1)).toThrow('snn.membraneBits: got 54, expected an integer in [2, 53]');
    expect(() => membraneWordOf(4.5, 1)).toThrow('snn.membraneBits: got 4.5, expected an integer in [2, 53]');
  });

  it('an SRAM cache stores the word exactly (no noise, no window, no retention)', () => {
    const c = membraneCache({ kind: 'sram', bits: 4, writeSigma: 0.5, retention_s: 1e-3, interval_s: 1e-3, threshold: 1 });
    c.reseed('any');
    const u = Float64Array.from([-3, -1.5, -0.3, 0.13, 1, 1.6, 3]);
    c.store(u);
    expect(Array.from(u)).toEqual([-2, -1.5, -0.25, 0.25, 1, 1.5, 1.75]);
  });

  it('a FeFET cache\'s driver writes the word, then its window clips to [-θ, θ]', () => {
    const c = membraneCache({ kind: 'fefet', bits: 4, writeSigma: 0, retention_s: Infinity, interval_s: 1e-3, threshold: 1 });
    const u = Float64Array.from([0.3, 0.13, -0.6, -1.5, 1.9]);
    c.store(u);
    expect(Array.from(u)).toEqual([0.25, 0.25, -0.5, -1, 1]);
  });
});

describe('FeFET U_mem cache (membraneCache.ts, issue 11 item 7), 16-bit word', () => {
  const base = { kind: 'fefet' as const, bits: 16, writeSigma: 0, retention_s: Infinity, interval_s: 1e-3, threshold: 1 };

  it('without variation or retention loss it stores [-θ, θ] exactly and clips outside', () => {
    const c = membraneCache(base);
    const u = Float64Array.from([-2, -1, -0.25, 0, 0.5, 1, 3]);
    c.store(u);
    expect(Array.from(u)).toEqual([-1, -1, -0.25, 0, 0.5, 1, 1]);
  });

  it('write variation never stores beyond the window: the written value, noise included, saturates at ±θ', () => {
    const c = membraneCache({ ...base, writeSigma: 0.5, threshold: 1 });
    c.reseed('saturation');
    const u = Float64Array.from({ length: 2000 }, (_, i) => [-3, -1, -0.9, 0.9, 1, 3][i % 6]);
    c.store(u);
    let atTop = 0;
    for (const v of u) {
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
      if (Math.abs(v) === 1) atTop++;
    }
    // σ = 0.5 x 2θ = θ. ±3 is written as the word's ends (-2θ, 2θ - 2^-14 θ), saturated unless the draw pulls them
    // inside (84.1%), ±1 when it points outward (50%), ±0.9 when it overshoots by 0.1 (46.0%): 2000 x (0.841 + 0.5 +
    // 0.460) / 3 = 1201 expected (SD 21), a clip and not a redraw. (Before the word, 2026-12-06: ±3 written, 97.7%, 1291.)
    expect(atTop).toBeGreaterThan(1120);
    expect(atTop).toBeLessThan(1280);
  });

  it('retention: exp(-dt/tau) per write (1 ms at tau = 1e3 s: 1 - 1e-6)', () => {
    const c = membraneCache({ ...base, retention_s: 1e3, threshold: 2 });
    const u = Float64Array.from([1.5, -0.5]);
    c.store(u);
    expect(u[0]).toBeCloseTo(1.5 * Math.exp(-1e-6), 15);
    expect(u[1]).toBeCloseTo(-0.5 * Math.exp(-1e-6), 15);
  });

  it('write variation: sigma = writeSigma x full scale (2θ), zero mean, the same draws for the same seed', () => {
    const n = 20000;
    const c = membraneCache({ ...base, writeSigma: 0.028, threshold: 0.5 });
    c.reseed('s');
    const u = new Float64Array(n);
    c.store(u);
    let s = 0;
    let s2 = 0;
    for (const v of u) {
      s += v;
      s2 += v * v;
    }
    const sigma = 0.028 * MEMBRANE_FULL_SCALE_THETA * 0.5;
    expect(Math.abs(s / n)).toBeLessThan(4 * sigma / Math.sqrt(n));
    expect(Math.sqrt(s2 / n)).toBeGreaterThan(0.97 * sigma);
    expect(Math.sqrt(s2 / n)).toBeLessThan(1.03 * sigma);
    const again = new Float64Array(n);
    c.reseed('s');
    c.store(again);
    expect(Array.from(again)).toEqual(Array.from(u));
  });
});
