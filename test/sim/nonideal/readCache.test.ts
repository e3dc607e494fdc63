/**
 * A layer's read caches live in the read kernel's arena and are lost when it resets (readCache.ts): results must not
 * depend on when that happens, and mvmPositions must give the numbers of useSlot + mvm per position, in order.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware } from '../../../src/hardware/config.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { programLayer, type ProgrammedLayer } from '../../../src/sim/nonideal/layer.js';
import { FN } from '../../../src/sim/nonideal/normal.js';
import { createRng } from '../../../src/util/rng.js';

const ALL_ON = { 'device.readNoiseSigma': 0.1, 'crossbar.rWire_ohm': 5, 'device.stuckAtRate': 0.01, 'device.programSigma': 0.05 };

function layer(mapping: string, direct: boolean): ProgrammedLayer {
  const config = applyOverrides(defaultConfig(), { ...ALL_ON, 'crossbar.signedMapping': mapping });
  const rng = createRng('read-cache:weights');
  const inputs = 150;
  const outputs = 21;
  const w = Float32Array.from({ length: inputs * outputs }, () => rng.normal());
  return programLayer(w, inputs, outputs, layerHardware(config, { index: 0, name: 'l' }), config, 'read-cache', { directInput: direct });
}

/** positions x timesteps inputs: each position's input repeats with probability 1/2 from one timestep to the next. */
function inputs(direct: boolean, positions: number, timesteps: number): Float32Array[] {
  const rng = createRng(`read-cache:inputs:${direct}`);
  const steps: Float32Array[] = [];
  let x = new Float32Array(positions * 150);
  for (let t = 0; t < timesteps; t++) {
    const next = x.slice();
    for (let p = 0; p < positions; p++) {
      if (t > 0 && rng.next() < 0.5) continue;
      for (let i = 0; i < 150; i++) next[p * 150 + i] = rng.next() < 0.2 ? (direct ? rng.next() : 1) : 0;
    }
    steps.push(next);
    x = next;
  }
  return steps;
}

/** Outputs of every timestep, per position through useSlot + mvm, with `reset` called before each position's read. */
function perPosition(l: ProgrammedLayer, steps: Float32Array[], positions: number, reset: (t: number, p: number) => void): number[] {
  const out: number[] = [];
  const y = new Float32Array(l.outputs);
  for (const [t, xs] of steps.entries()) {
    for (let p = 0; p < positions; p++) {
      reset(t, p);
      l.useSlot(p);
      l.mvm(xs.subarray(p * 150, (p + 1) * 150), y);
      out.push(...y);
    }
  }
  return out;
}

let grow = 0;
/**
 * Make the kernel reset its arena (a larger reservation always does): every claimed block is lost, and the arena is
 * overwritten with NaN bytes so a cache that survived the reset by mistake would show.
 */
function forceReset(): void {
  grow += 8;
  const k = readKernel();
  k.reserve(1024 + grow, 4096 + grow);
  new Uint8Array(k.memory.buffer, k.ptr.fn + 8 * FN.length).fill(0xff); // fn: the last scratch region
}

describe('layer read caches in kernel memory', () => {
  for (const [mapping, direct] of [['differential-pair', true], ['differential-pair', false], ['reference-column', true], ['offset-diff', false]] as const) {
    it(`${mapping}, ${direct ? 'direct input' : 'spikes'}: the same outputs whether or not the arena resets between reads`, () => {
      const positions = 3;
      const steps = inputs(direct, positions, 4);
      const a = layer(mapping, direct);
      a.reseedNoise('s');
      const plain = perPosition(a, steps, positions, () => undefined);
      const b = layer(mapping, direct);
      b.reseedNoise('s');
      const epoch = readKernel().epoch;
      const reset = perPosition(b, steps, positions, (t, p) => {
        if ((t + p) % 2 === 0) forceReset();
      });
      expect(readKernel().epoch).toBeGreaterThan(epoch);
      expect(reset).toEqual(plain);
      expect(new Set(plain).size).toBeGreaterThan(10);
    });
    it(`${mapping}, ${direct ? 'direct input' : 'spikes'}: mvmPositions equals useSlot + mvm per position`, () => {
      const positions = 5;
      const steps = inputs(direct, positions, 4);
      const a = layer(mapping, direct);
      a.reseedNoise('s');
      const want = perPosition(a, steps, positions, () => undefined);
      const b = layer(mapping, direct);
      b.reseedNoise('s');
      const got: number[] = [];
      const ys = new Float32Array(positions * b.outputs);
      for (const [t, xs] of steps.entries()) {
        if (t === 2) forceReset();
        b.mvmPositions(xs, ys, positions);
        got.push(...ys);
      }
      expect(got).toEqual(want);
    });
    it(`${mapping}, ${direct ? 'direct input' : 'spikes'}: mvmPositions over more positions than the last call binds the new ones`, () => {
      const steps = inputs(direct, 5, 4);
      const counts = [2, 2, 5, 3];
      const a = layer(mapping, direct);
      a.reseedNoise('s');
      const y = new Float32Array(a.outputs);
      const want: number[] = [];
      for (const [t, xs] of steps.entries()) {
        for (let p = 0; p < counts[t]; p++) {
          a.useSlot(p);
          a.mvm(xs.subarray(p * 150, (p + 1) * 150), y);
          want.push(...y);
        }
      }
      const b = layer(mapping, direct);
      b.reseedNoise('s');
      const got: number[] = [];
      for (const [t, xs] of steps.entries()) {
        const ys = new Float32Array(counts[t] * b.outputs);
        b.mvmPositions(xs, ys, counts[t]);
        got.push(...ys);
      }
      expect(got).toEqual(want);
    });
  }
});
