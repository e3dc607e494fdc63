/**
 * The subtract-reset LIF step in the kernel (src/snn/lifKernel.ts, wasm/lif.ts) against lifStep's JS loop, bit for bit
 * (Object.is on membranes and spikes, the same counts): at, just above and just below the threshold, -0, NaN,
 * infinities, Float32 currents that are not exact decimals, over timesteps with leaks and thresholds of few and many bits.
 */
import { describe, expect, it } from 'vitest';
import { lifStep } from '../../src/snn/lif.js';
import { exactInverse, LifMemory } from '../../src/snn/lifKernel.js';
import { membraneWordOf } from '../../src/snn/membraneWord.js';
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
  // The U_mem word in the kernel (lifSubtractWord) against lifStep with the word (membraneWord's Math.round): ties at
  // every magnitude, saturation at both ends, ±0, NaN and infinities, widths 4, 16 and 32, θ a power of two or not;
  // an odd count, so the kernel's last neuron goes through its one-at-a-time tail after the pairs.
  for (const [bits, threshold, n] of [[4, 1, 400], [16, 0.7316, 400], [32, 3.25, 401], [6, 1, 401]] as const) {
    it(`with a ${bits}-bit word, threshold ${threshold}, ${n} neurons: the same membranes, spikes and counts as lifStep over 6 timesteps`, () => {
      const word = membraneWordOf(bits, threshold);
      const memory = new LifMemory([n]);
      const p = { leak: 0.9, threshold, reset: 'subtract' as const };
      const membrane = new Float64Array(n);
      const spikes = new Float64Array(n);
      const rng = createRng(`lif-kernel-word:${bits}`);
      for (let t = 0; t < 6; t++) {
        const cur = currents(n, threshold, `lif-kernel-word:${bits}:${t}`);
        // Currents that land the membrane on a tie (k + 1/2 LSBs, from an exact zero membrane and leak 1 they would;
        // here: half-LSB multiples of many sizes, kept exact in float32) and far outside the word.
        for (let j = 10; j < 110; j++) cur[j] = Math.fround((Math.floor(rng.next() * 2 ** 12) - 2 ** 11 + 0.5) * word.lsb * (j % 3 === 0 ? 1 : 0.5));
        for (let j = 110; j < 130; j++) cur[j] = (j % 2 ? 1 : -1) * threshold * (2 + rng.next() * 50);
        const want = lifStep(membrane, cur, spikes, p, word);
        expect(memory.stepSubtract(0, cur, p.leak, threshold, word)).toBe(want);
        for (let j = 0; j < n; j++) {
          expect(Object.is(memory.membranes[0][j], membrane[j]), `membrane ${j} at t ${t}: ${memory.membranes[0][j]} vs ${membrane[j]}`).toBe(true);
          expect(Object.is(memory.spikes[0][j], spikes[j]), `spike ${j} at t ${t}`).toBe(true);
        }
      }
      expect(membrane.some((u) => u === word.kMax * word.lsb) && membrane.some((u) => u === word.kMin * word.lsb)).toBe(true);
    });
  }
  it('with a word, ties land as Math.round puts them (up), at -0.5 LSB too', () => {
    const word = membraneWordOf(4, 1);
    const memory = new LifMemory([7]);
    // From a zero membrane, u = current: -0.125 = -0.5 LSB -> 0, 0.125 -> 0.25, -0.375 -> -0.25, 0.625 -> 0.75; 1.875
    // spikes and leaves 0.875 = 3.5 LSB -> 1; 3.9 spikes and leaves 2.9 -> 1.75 (the top); -2.125 -> -2 (the bottom).
    memory.stepSubtract(0, Float32Array.from([-0.125, 0.125, -0.375, 0.625, 1.875, 3.9, -2.125]), 1, 1, word);
    expect(Array.from(memory.membranes[0])).toEqual([0, 0.25, -0.25, 0.75, 1, 1.75, -2]);
    expect(Object.is(memory.membranes[0][0], 0)).toBe(true);
  });
  it('divides by an LSB that is not a power of two: membranes one to three ulps off a tie that v * (1 / lsb) rounds the other way', () => {
    const word = membraneWordOf(16, 0.7316);
    const inverse = 1 / word.lsb;
    const ulps = new Float64Array(1);
    const raw = new BigInt64Array(ulps.buffer);
    const tricky: number[] = [];
    for (let k = 0; k < 16000 && tricky.length < 64; k++) {
      for (let d = -3n; d <= 3n; d++) {
        ulps[0] = (k + 0.5) * word.lsb;
        raw[0] += d;
        const m = (d % 2n === 0n ? 1 : -1) * ulps[0];
        if (Math.round(m / word.lsb) !== Math.round(m * inverse)) { tricky.push(m); break; }
      }
    }
    expect(tricky.length).toBe(64);
    // Leak 1 and no current: u is the membrane itself, so the kernel rounds exactly these values.
    const memory = new LifMemory([tricky.length]);
    memory.membranes[0].set(tricky);
    const membrane = Float64Array.from(tricky);
    const spikes = new Float64Array(tricky.length);
    const current = new Float32Array(tricky.length);
    lifStep(membrane, current, spikes, { leak: 1, threshold: 0.7316, reset: 'subtract' }, word);
    memory.stepSubtract(0, current, 1, 0.7316, word);
    expect(Array.from(memory.membranes[0])).toEqual(Array.from(membrane));
  });
  it('exactInverse: 1 / lsb for a power of two with a normal reciprocal, else 0 (the kernel then divides)', () => {
    for (const e of [-14, -1, 0, 3, -1022, 1022]) expect(exactInverse(2 ** e)).toBe(2 ** -e);
    expect(exactInverse(membraneWordOf(16, 1).lsb)).toBe(2 ** 14);
    for (const lsb of [membraneWordOf(16, 0.7316).lsb, 3, 0.1, 2 ** -1074, 2 ** 1023, 2 ** -1023, 0, -0.25, Infinity, NaN]) {
      expect(exactInverse(lsb), `${lsb}`).toBe(0);
    }
  });
  it('reads only the first membrane-length values of a longer current', () => {
    const memory = new LifMemory([4]);
    const count = memory.stepSubtract(0, Float32Array.from([2, 0, 2, 0, 5, 5]), 0.9, 1);
    expect(count).toBe(2);
    expect(Array.from(memory.spikes[0])).toEqual([1, 0, 1, 0]);
  });
});
