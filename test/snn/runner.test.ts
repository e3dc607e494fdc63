/**
 * SnnRunner's pooling (inference.ts): the integer OR it uses on spikes equals Math.max pooling, and a pool on the
 * pixels (before any spiking layer) keeps Math.max (the OR would truncate the fractions to 0).
 */
import { describe, expect, it } from 'vitest';
import { buildSnnGraph } from '../../src/snn/graph.js';
import { SnnRunner, type LayerEngine } from '../../src/snn/inference.js';
import { createRng } from '../../src/util/rng.js';

/** An engine that records its inputs and returns currents from a fixed stream (some above the threshold). */
function recorder(fanOut: number, seen: Float32Array[], seed: string): LayerEngine {
  const rng = createRng(seed);
  return {
    mvm(x, y) {
      seen.push(Float32Array.from(x));
      for (let n = 0; n < fanOut; n++) y[n] = 1.8 * rng.next() - 0.5;
    },
  };
}

/** Max pooling written out with Math.max (the definition). */
function maxPool(input: ArrayLike<number>, gather: Int32Array, window: number, outSize: number): number[] {
  return Array.from({ length: outSize }, (_, o) => {
    let v = 0;
    for (let j = 0; j < window; j++) v = Math.max(v, input[gather[o * window + j]]);
    return v;
  });
}

const lif = { leak: 0.9, threshold: 1, reset: 'subtract' as const };

describe('SnnRunner pooling', () => {
  it('pools spikes (2x2 and 3x3 windows) as Math.max does', () => {
    const g = buildSnnGraph({ name: 'p', input: { channels: 1, height: 6, width: 6 },
      layers: [{ kind: 'conv', name: 'c1', outChannels: 3, kernel: 1, padding: 0 }, { kind: 'pool', name: 'p1', mode: 'max', kernel: 2, stride: 2 },
        { kind: 'conv', name: 'c2', outChannels: 2, kernel: 1, padding: 0 }, { kind: 'pool', name: 'p2', mode: 'max', kernel: 3, stride: 3 },
        { kind: 'linear', name: 'fc', outFeatures: 4 }] });
    const seen: Float32Array[][] = g.weightOps.map(() => []);
    const engines = g.weightOps.map((op, w) => recorder(op.fanOut, seen[w], `runner:${w}`));
    const spikes: Float64Array[] = [];
    const pixels = Uint8Array.from({ length: 36 }, (_, i) => (37 * i) % 256);
    new SnnRunner(g).run(pixels, engines, { timesteps: 3, lif, observe: (_t, i, s) => { if (i === 0 || i === 2) spikes.push(Float64Array.from(s)); } });
    const [pool1, pool2] = g.ops.filter((op) => op.kind === 'pool');
    for (let t = 0; t < 3; t++) {
      // c2 sees pool1 of c1's spikes (one position per pixel: 9 positions x 3 channels); fc sees pool2 of c2's.
      const p1 = maxPool(spikes[2 * t], pool1.gather, pool1.window, pool1.outSize);
      expect(p1.some((v) => v === 1) && p1.some((v) => v === 0)).toBe(true);
      expect(seen[1].slice(9 * t, 9 * t + 9).flatMap((x) => Array.from(x))).toEqual(p1);
      const p2 = maxPool(spikes[2 * t + 1], pool2.gather, pool2.window, pool2.outSize);
      expect(Array.from(seen[2][t])).toEqual(p2);
    }
  });

  it('pools the pixels (a pool before any spiking layer) as Math.max does, fractions kept', () => {
    const g = buildSnnGraph({ name: 'q', input: { channels: 1, height: 4, width: 4 },
      layers: [{ kind: 'pool', name: 'p0', mode: 'max', kernel: 2, stride: 2 }, { kind: 'linear', name: 'fc', outFeatures: 3 }] });
    const seen: Float32Array[] = [];
    const pixels = Uint8Array.from({ length: 16 }, (_, i) => 10 + 13 * i);
    new SnnRunner(g).run(pixels, [recorder(3, seen, 'runner:q')], { timesteps: 2, lif });
    const pool = g.ops[0];
    if (pool.kind !== 'pool') throw new Error('expected the pool first');
    const want = maxPool(Array.from(pixels, (p) => p / 255), pool.gather, pool.window, pool.outSize).map(Math.fround);
    expect(Array.from(seen[0])).toEqual(want);
    expect(want.every((v) => v > 0 && v < 1)).toBe(true);
  });
});
