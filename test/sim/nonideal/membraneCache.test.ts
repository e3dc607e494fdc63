import { describe, expect, it } from 'vitest';
import { MEMBRANE_FULL_SCALE_THETA, membraneCache } from '../../../src/sim/nonideal/membraneCache.js';

describe('FeFET U_mem cache (membraneCache.ts, issue 11 item 7)', () => {
  const base = { writeSigma: 0, retention_s: Infinity, interval_s: 1e-3, threshold: 1 };

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
    // σ = 0.5 x 2θ = θ. Saturated: ±3 unless the draw pulls them inside (97.7%), ±1 when it points outward (50%), ±0.9
    // when it overshoots by 0.1 (46.0%): 2000 x (0.977 + 0.5 + 0.460) / 3 = 1291 expected, a clip and not a redraw.
    expect(atTop).toBeGreaterThan(1200);
    expect(atTop).toBeLessThan(1380);
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
