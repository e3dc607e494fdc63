/**
 * A layer's multiplies of one input in steps (layer.ts mvmGatheredSteps and mvmSteps, wasm/crossbar.ts
 * convertPositionsSteps): the direct-coded first layer's timesteps done at once, the reads once and every step's
 * draws in one fill, must give the numbers of one call per step bit for bit, leave the noise stream where those calls
 * leave it, and decline, drawing nothing, where the layer does not batch its conversions.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware } from '../../../src/hardware/config.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { programLayer, type ProgrammedLayer } from '../../../src/sim/nonideal/layer.js';
import { createRng } from '../../../src/util/rng.js';

const ALL_ON = { 'device.readNoiseSigma': 0.1, 'crossbar.rWire_ohm': 5, 'device.stuckAtRate': 0.01, 'device.programSigma': 0.05 };
const INPUTS = 150;
const OUTPUTS = 21; // odd: convertBipolarNoisy2's scalar last output
const MAP = 300;
const POSITIONS = 7;

function layer(mapping: string, direct: boolean, overrides: Record<string, number> = {}): ProgrammedLayer {
  const config = applyOverrides(defaultConfig(), { ...ALL_ON, 'crossbar.signedMapping': mapping, ...overrides });
  const rng = createRng('steps:weights');
  const w = Float32Array.from({ length: INPUTS * OUTPUTS }, () => rng.normal());
  return programLayer(w, INPUTS, OUTPUTS, layerHardware(config, { index: 0, name: 'l' }), config, 'steps', { directInput: direct });
}

/** An input map (pixel fractions k / 255 or spikes, about 30% non-zero). */
function map(direct: boolean, key: string): Float64Array {
  const rng = createRng(`steps:map:${key}`);
  return Float64Array.from({ length: MAP }, () => (rng.next() < 0.3 ? (direct ? rng.int(256) / 255 : 1) : 0));
}

/** positions x inputs map indices, -1 (padding) for about one entry in 20. */
function table(): Int32Array {
  const rng = createRng('steps:table');
  return Int32Array.from({ length: POSITIONS * INPUTS }, () => (rng.next() < 0.05 ? -1 : rng.int(MAP)));
}

function gatherJs(gather: Int32Array, input: Float64Array, n: number): Float32Array {
  return Float32Array.from(gather.subarray(0, n), (idx) => (idx < 0 ? 0 : input[idx]));
}

/** a and b multiply `input` at every position next: the same numbers, so their noise streams stood at the same place. */
function expectSameNext(a: ProgrammedLayer, b: ProgrammedLayer, gather: Int32Array, input: Float64Array): void {
  const ya = new Float32Array(POSITIONS * OUTPUTS);
  const yb = new Float32Array(POSITIONS * OUTPUTS);
  a.mvmPositions(gatherJs(gather, input, POSITIONS * INPUTS), ya, POSITIONS);
  b.mvmPositions(gatherJs(gather, input, POSITIONS * INPUTS), yb, POSITIONS);
  expect(Array.from(yb)).toEqual(Array.from(ya));
}

describe('a layer\'s multiplies of one input in steps', () => {
  // 2 slices (8-bit weights on 4-bit cells: convertBipolarNoisy2) and 4 slices (2-bit cells: the generic conversion).
  for (const [cells, overrides] of [['4-bit cells', {}], ['2-bit cells', { 'device.bitsPerCell': 2 }]] as const) {
    for (const direct of [true, false]) {
      it(`mvmGatheredSteps, ${cells}, ${direct ? 'direct input' : 'spikes'}: steps 1-4 equal one mvmGathered per step, and the stream goes on alike`, () => {
        const gather = table();
        const input = map(direct, 'a');
        const next = map(direct, 'b');
        for (const steps of [1, 2, 3, 4]) {
          const a = layer('differential-pair', direct, overrides);
          const b = layer('differential-pair', direct, overrides);
          a.reseedNoise(`s${steps}`);
          b.reseedNoise(`s${steps}`);
          const want = new Float32Array(steps * POSITIONS * OUTPUTS);
          for (let s = 0; s < steps; s++) {
            expect(a.mvmGathered(input, gather, want.subarray(s * POSITIONS * OUTPUTS), POSITIONS)).toBe(true);
          }
          const got = new Float32Array(steps * POSITIONS * OUTPUTS);
          expect(b.mvmGatheredSteps(input, gather, got, POSITIONS, steps)).toBe(true);
          expect(Array.from(got)).toEqual(Array.from(want));
          // Every step's draws differ: no step reuses another's noise.
          for (let s = 1; s < steps; s++) {
            expect(Array.from(got.subarray(s * POSITIONS * OUTPUTS, (s + 1) * POSITIONS * OUTPUTS)))
              .not.toEqual(Array.from(got.subarray(0, POSITIONS * OUTPUTS)));
          }
          // The next multiply (another input, read afresh) draws where one call per step left the stream.
          expectSameNext(a, b, gather, next);
        }
      });
    }
  }
  it('mvmGatheredSteps after an arena reset and on an input the caches already hold equals one mvmGathered per step', () => {
    const gather = table();
    const input = map(true, 'c');
    const a = layer('differential-pair', true);
    const b = layer('differential-pair', true);
    a.reseedNoise('r');
    b.reseedNoise('r');
    const ya = new Float32Array(POSITIONS * OUTPUTS);
    const yb = new Float32Array(4 * POSITIONS * OUTPUTS);
    expect(a.mvmGathered(input, gather, ya, POSITIONS)).toBe(true);
    expect(b.mvmGathered(input, gather, yb, POSITIONS)).toBe(true);
    readKernel().reserve(1300, 4400); // an arena reset: every cache lost
    const want: number[] = [];
    for (let s = 0; s < 3; s++) {
      expect(a.mvmGathered(input, gather, ya, POSITIONS)).toBe(true);
      want.push(...ya);
    }
    expect(b.mvmGatheredSteps(input, gather, yb, POSITIONS, 3)).toBe(true);
    expect(Array.from(yb.subarray(0, 3 * POSITIONS * OUTPUTS))).toEqual(want);
  });
  for (const direct of [true, false]) {
    it(`mvmSteps, ${direct ? 'direct input' : 'spikes'}: steps 1-4 equal one mvm per step, and the stream goes on alike`, () => {
      const x = Float32Array.from(map(direct, 'd').subarray(0, INPUTS));
      const x2 = Float32Array.from(map(direct, 'e').subarray(0, INPUTS));
      for (const steps of [1, 2, 3, 4]) {
        const a = layer('differential-pair', direct);
        const b = layer('differential-pair', direct);
        a.reseedNoise(`m${steps}`);
        b.reseedNoise(`m${steps}`);
        const want = new Float32Array(steps * OUTPUTS);
        for (let s = 0; s < steps; s++) a.mvm(x, want.subarray(s * OUTPUTS, (s + 1) * OUTPUTS));
        const got = new Float32Array(steps * OUTPUTS);
        expect(b.mvmSteps(x, got, steps)).toBe(true);
        expect(Array.from(got)).toEqual(Array.from(want));
        const ya = new Float32Array(OUTPUTS);
        const yb = new Float32Array(OUTPUTS);
        a.mvm(x2, ya);
        b.mvm(x2, yb);
        expect(Array.from(yb)).toEqual(Array.from(ya));
      }
    });
  }
  for (const mapping of ['reference-column', 'offset-diff']) {
    it(`${mapping}: mvmGatheredSteps and mvmSteps decline and draw nothing`, () => {
      const gather = table();
      const input = map(true, 'f');
      const a = layer(mapping, true);
      const b = layer(mapping, true);
      a.reseedNoise('s');
      b.reseedNoise('s');
      expect(b.mvmGatheredSteps(input, gather, new Float32Array(2 * POSITIONS * OUTPUTS), POSITIONS, 2)).toBe(false);
      expect(b.mvmSteps(gatherJs(gather, input, INPUTS), new Float32Array(2 * OUTPUTS), 2)).toBe(false);
      expectSameNext(a, b, gather, input);
    });
  }
  it('refuses a step count that is not a positive integer, and outputs too short for the steps', () => {
    const b = layer('differential-pair', true);
    const gather = table();
    const input = map(true, 'g');
    expect(() => b.mvmGatheredSteps(input, gather, new Float32Array(POSITIONS * OUTPUTS), POSITIONS, 0)).toThrow(/expected a positive integer/);
    expect(() => b.mvmGatheredSteps(input, gather, new Float32Array(POSITIONS * OUTPUTS), POSITIONS, 2)).toThrow(/expected at least/);
    expect(() => b.mvmSteps(new Float32Array(INPUTS), new Float32Array(OUTPUTS), 1.5)).toThrow(/expected a positive integer/);
    expect(() => b.mvmSteps(new Float32Array(INPUTS), new Float32Array(OUTPUTS), 2)).toThrow(/expected at least/);
  });
});
