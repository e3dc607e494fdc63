/**
 * The subtract-reset LIF step in the kernel (src/snn/lifKernel.ts, wasm/lif.ts) against lifStep's JS loop, bit for bit
 * (Object.is on membranes and spikes, the same counts): at, just above and just below the threshold, -0, NaN,
 * infinities, Float32 currents that are not exact decimals, over timesteps with leaks and thresholds of few and many bits.
 */
import { describe, expect, it } from 'vitest';
import { lifStep } from '../../src/snn/lif.js';
import { LifMemory } from '../../src/snn/lifKernel.js';
import { createRng } from '../../src/util/rng.js';

function currents(n: number, threshold: number, seed: string): Float32Array {
  const rng = createRng(seed);
  const special = [0, -0, threshold, Math.fround(threshold) + 1e-7, threshold - 1e-7, NaN, Infinity, -Infinity, 1e-45, -1e-45];
  return Float32Array.from({ length: n }, (_, i) => (i < special.length ? special[i] : (rng.next() * 1.6 - 0.4) * threshold));
}

describe('the LIF step in the kernel', () => {
  for (const [leak, threshold] of [[0.9, 1], [0.95, 0.7316], [1, 3.25]] as const) {
    it(`leak ${leak}, threshold ${threshold}: the same membranes, spikes and counts as lifStep over 6 timesteps`, () => {
      const sizes = [0, 333, 50];
      const memory = new LifMemory(sizes);
      const p = { leak, threshold, reset: 'subtract' as const };
      for (const i of [1, 2]) {
        const n = sizes[i];
        const membrane = new Float64Array(n);
        const spikes = new Float64Array(n);
        for (let t = 0; t < 6; t++) {
          const cur = currents(n, threshold, `lif-kernel:${i}:${t}`);
          const want = lifStep(membrane, cur, spikes, p);
          expect(memory.stepSubtract(i, cur, leak, threshold)).toBe(want);
          for (let j = 0; j < n; j++) {
            expect(Object.is(memory.membranes[i][j], membrane[j]), `membrane ${j} at t ${t}`).toBe(true);
            expect(Object.is(memory.spikes[i][j], spikes[j]), `spike ${j} at t ${t}`).toBe(true);
          }
        }
        expect(new Set(membrane).size).toBeGreaterThan(n / 2);
      }
    });
  }
  it('reads only the first membrane-length values of a longer current', () => {
    const memory = new LifMemory([4]);
    const count = memory.stepSubtract(0, Float32Array.from([2, 0, 2, 0, 5, 5]), 0.9, 1);
    expect(count).toBe(2);
    expect(Array.from(memory.spikes[0])).toEqual([1, 0, 1, 0]);
  });
});
