import { describe, expect, it } from 'vitest';
import { checkLifParams, lifStep } from '../../src/snn/index.js';
import { ConfigError } from '../../src/core/errors.js';

describe('lifStep', () => {
  it('leaks, fires strictly above threshold and resets by subtraction', () => {
    const u = new Float64Array([0.5, 0.5, 0]);
    const s = new Float64Array(3);
    // 0.9*0.5 + 0.6 = 1.05 > 1 -> spike, 0.05 left; 0.9*0.5 + 0.55 = 1.0 (not > 1) -> no spike; 0 + 2.5 -> 1.5.
    const count = lifStep(u, new Float64Array([0.6, 0.55, 2.5]), s, { leak: 0.9, threshold: 1, reset: 'subtract' });
    expect(count).toBe(2);
    expect(Array.from(s)).toEqual([1, 0, 1]);
    expect(u[0]).toBeCloseTo(0.05, 12);
    expect(u[1]).toBeCloseTo(1.0, 12);
    expect(u[2]).toBeCloseTo(1.5, 12);
  });

  it('resets to zero', () => {
    const u = new Float64Array([0.5, 0.2]);
    const s = new Uint8Array(2);
    lifStep(u, new Float64Array([0.6, 0.1]), s, { leak: 0.9, threshold: 1, reset: 'zero' });
    expect(Array.from(s)).toEqual([1, 0]);
    expect(u[0]).toBe(0);
    expect(u[1]).toBeCloseTo(0.28, 12);
  });

  it('integrates a constant input over timesteps with the leak (hand-computed sequence)', () => {
    const u = new Float64Array([0]);
    const s = new Float64Array(1);
    const p = { leak: 0.5, threshold: 1, reset: 'subtract' as const };
    const trace: number[] = [];
    for (let t = 0; t < 4; t++) {
      lifStep(u, new Float64Array([0.8]), s, p);
      trace.push(s[0], u[0]);
    }
    // t0: 0.8; t1: 0.4+0.8 = 1.2 -> spike, 0.2; t2: 0.1+0.8 = 0.9; t3: 0.45+0.8 = 1.25 -> spike, 0.25.
    const expected = [0, 0.8, 1, 0.2, 0, 0.9, 1, 0.25];
    trace.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('subtract reset (branch-free) gives the branchy definition bit for bit: at, above and below the threshold, -0, NaN', () => {
    const p = { leak: 0.9, threshold: 1, reset: 'subtract' as const };
    const special = [0, -0, 1, 1 + 2 ** -52, 1 - 2 ** -53, -1, 2, NaN, Infinity, -Infinity, 1 / 0.9];
    const u0 = Float64Array.from([...special, ...Array.from({ length: 200 }, (_, i) => Math.sin(i) * 1.5)]);
    const cur = Float32Array.from([...special.map(() => 0), ...Array.from({ length: 200 }, (_, i) => Math.cos(3 * i))]);
    const u = Float64Array.from(u0);
    const s = new Float64Array(u.length);
    const count = lifStep(u, cur, s, p);
    let want = 0;
    for (let i = 0; i < u.length; i++) {
      const v = p.leak * u0[i] + cur[i];
      const fire = v > p.threshold;
      want += fire ? 1 : 0;
      expect(Object.is(s[i], fire ? 1 : 0), `spike ${i}`).toBe(true);
      expect(Object.is(u[i], fire ? v - p.threshold : v), `membrane ${i}`).toBe(true);
    }
    expect(count).toBe(want);
    expect(want).toBeGreaterThan(10);
  });

  it('rejects bad parameters with a ConfigError naming the field', () => {
    expect(() => checkLifParams({ leak: 1.5, threshold: 1, reset: 'zero' })).toThrow(ConfigError);
    expect(() => checkLifParams({ leak: 0.9, threshold: 0, reset: 'zero' })).toThrow(/lif.threshold/);
  });
});
