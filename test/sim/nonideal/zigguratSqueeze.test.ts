/**
 * The ziggurat's squeeze (normal.ts SQUEEZE, used by the kernel's slow path in wasm/crossbar.ts): lines that decide
 * most wedge points without exp. They must lie under / over the density on every wedge, or the kernel would accept
 * or reject a point the exact test decides the other way and its stream would leave FastNormal's (bandKernel.test.ts
 * compares the two streams draw for draw; this test compares them over more wedges and checks the lines themselves).
 */
import { describe, expect, it } from 'vitest';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { FastNormal, FN, SQUEEZE, SQUEEZE_MARGIN, WN } from '../../../src/sim/nonideal/normal.js';

const M1 = 2 ** 31;
const LAYERS = WN.length;
const density = (x: number) => Math.exp(-0.5 * x * x);
const lines = (o: number, x: number) => ({
  under: Math.max(SQUEEZE[o] + SQUEEZE[o + 1] * x, SQUEEZE[o + 2] + SQUEEZE[o + 3] * x),
  over: Math.min(SQUEEZE[o + 4] + SQUEEZE[o + 5] * x, SQUEEZE[o + 6] + SQUEEZE[o + 7] * x),
});

describe('the ziggurat squeeze', () => {
  it('lies under and over exp(-x^2/2) on every wedge, within far less than its margin, and decides most of it', () => {
    let decided = 0;
    let points = 0;
    for (let i = 1; i < LAYERS; i++) {
      const a = i === 1 ? 0 : WN[i - 1] * M1;
      const b = WN[i] * M1;
      for (let k = 0; k <= 400; k++) {
        const x = a + ((b - a) * k) / 400;
        const { under, over } = lines(8 * i, x);
        expect(under).toBeLessThanOrEqual(density(x) + SQUEEZE_MARGIN / 1000);
        expect(over).toBeGreaterThanOrEqual(density(x) - SQUEEZE_MARGIN / 1000);
        const low = FN[i];
        const high = i === 1 ? 1 : FN[i - 1];
        decided += (Math.max(0, Math.min(high, under) - low) + Math.max(0, high - Math.max(low, over))) / (high - low);
        points++;
      }
    }
    // Measured 0.985 of the wedges' height (one layer spans x = 1 and always takes exp).
    expect(decided / points).toBeGreaterThan(0.95);
  });

  it('leaves the kernel stream equal to FastNormal.fill (exact exp test) over ~10^4 wedge points', () => {
    const k = readKernel();
    k.prepareConvert(4096, 1);
    const expected = new Float64Array(4096);
    for (const seed of ['squeeze-1', 'squeeze-2']) {
      const viaKernel = new FastNormal(seed);
      const plain = new FastNormal(seed);
      for (let round = 0; round < 100; round++) {
        viaKernel.fillKernel(k, 4096);
        plain.fill(expected, 4096);
        for (let j = 0; j < 4096; j++) if (!Object.is(k.draws[j], expected[j])) expect([seed, round, j]).toBe('equal draws');
      }
    }
  });
});
