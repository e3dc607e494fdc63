/**
 * A conv layer's im2col in the read kernel (layer.ts mvmGathered, wasm/crossbar.ts gatherPositions): the same numbers
 * as SnnRunner's JS gather into f32 followed by mvmPositions, bit for bit, through input maps that change in part,
 * padding (negative gather entries), inputs that round in f32, and an arena reset between timesteps; the gather table
 * the layer keeps in the kernel (per epoch) follows a change of table and of length; layers that do not batch their
 * positions decline without reading or drawing.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware } from '../../../src/hardware/config.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { programLayer, type ProgrammedLayer } from '../../../src/sim/nonideal/layer.js';
import { createRng } from '../../../src/util/rng.js';

const ALL_ON = { 'device.readNoiseSigma': 0.1, 'crossbar.rWire_ohm': 5, 'device.stuckAtRate': 0.01, 'device.programSigma': 0.05 };
const INPUTS = 150;
const OUTPUTS = 21;
const MAP = 300;
const POSITIONS = 7;

function layer(mapping: string, direct: boolean): ProgrammedLayer {
  const config = applyOverrides(defaultConfig(), { ...ALL_ON, 'crossbar.signedMapping': mapping });
  const rng = createRng('gathered:weights');
  const w = Float32Array.from({ length: INPUTS * OUTPUTS }, () => rng.normal());
  return programLayer(w, INPUTS, OUTPUTS, layerHardware(config, { index: 0, name: 'l' }), config, 'gathered', { directInput: direct });
}

/** Input maps per timestep (pixel fractions k / 255, which round in f32, or spikes); a quarter of the map changes per step. */
function maps(direct: boolean, timesteps: number): Float64Array[] {
  const rng = createRng(`gathered:maps:${direct}`);
  const value = (): number => (rng.next() < 0.3 ? (direct ? rng.int(256) / 255 : 1) : 0);
  const out = [Float64Array.from({ length: MAP }, value)];
  for (let t = 1; t < timesteps; t++) {
    const next = out[t - 1].slice();
    for (let i = 0; i < MAP / 4; i++) next[rng.int(MAP)] = value();
    out.push(next);
  }
  return out;
}

/** positions x inputs map indices, -1 (padding) for about one entry in 20; position 3 repeats position 1's patch. */
function table(): Int32Array {
  const rng = createRng('gathered:table');
  const g = Int32Array.from({ length: POSITIONS * INPUTS }, () => (rng.next() < 0.05 ? -1 : rng.int(MAP)));
  g.copyWithin(3 * INPUTS, INPUTS, 2 * INPUTS);
  return g;
}

/** SnnRunner's JS gather (inference.ts gatherInput). */
function gatherJs(gather: Int32Array, input: Float64Array): Float32Array {
  return Float32Array.from(gather, (idx) => (idx < 0 ? 0 : input[idx]));
}

describe('a conv layer\'s positions gathered in the read kernel', () => {
  for (const direct of [true, false]) {
    it(`differential pair, ${direct ? 'direct input' : 'spikes'}: mvmGathered equals the JS gather and mvmPositions bit for bit`, () => {
      const steps = maps(direct, 5);
      const gather = table();
      const a = layer('differential-pair', direct);
      const b = layer('differential-pair', direct);
      a.reseedNoise('s');
      b.reseedNoise('s');
      const ya = new Float32Array(POSITIONS * OUTPUTS);
      const yb = new Float32Array(POSITIONS * OUTPUTS);
      const want: number[] = [];
      const got: number[] = [];
      for (const [t, input] of steps.entries()) {
        if (t === 3) readKernel().reserve(1100 + t, 4200); // an arena reset: every cache lost
        a.mvmPositions(gatherJs(gather, input), ya, POSITIONS);
        expect(b.mvmGathered(input, gather, yb, POSITIONS)).toBe(true);
        want.push(...ya);
        got.push(...yb);
      }
      expect(got).toEqual(want);
      expect(new Set(want).size).toBeGreaterThan(50);
    });
  }
  it('keeps each gather table per epoch: another table, a longer one and a table after an arena reset read as the JS gather', () => {
    const steps = maps(true, 5);
    const small = table();
    // Another table of the same length (shifted entries), and one for more positions (the layer's block must grow):
    // `more` starts with `small`'s positions, so on the same input map those keep their cached reads, which a table
    // copied past the end of a block that did not grow would overwrite.
    const other = Int32Array.from(small, (idx) => (idx < 0 ? -1 : (idx + 37) % MAP));
    const more = Int32Array.from({ length: 3 * POSITIONS * INPUTS }, (_, j) => small[j % small.length]);
    const plan: [Int32Array, number, number][] = [[small, POSITIONS, 0], [more, 3 * POSITIONS, 0], [other, POSITIONS, 1],
      [small, POSITIONS, 2], [more, 3 * POSITIONS, 3], [other, POSITIONS, 4]];
    const a = layer('differential-pair', true);
    const b = layer('differential-pair', true);
    a.reseedNoise('s');
    b.reseedNoise('s');
    // The kernel's scratch sized for the longest batch first, so the block's growth happens within one epoch.
    layer('differential-pair', true).mvmPositions(new Float32Array(3 * POSITIONS * INPUTS), new Float32Array(3 * POSITIONS * OUTPUTS), 3 * POSITIONS);
    const ya = new Float32Array(3 * POSITIONS * OUTPUTS);
    const yb = new Float32Array(3 * POSITIONS * OUTPUTS);
    for (const [t, [gather, positions, step]] of plan.entries()) {
      if (t === 4) readKernel().reserve(1200 + t, 4300); // an arena reset: the kept table is lost with the block
      a.mvmPositions(gatherJs(gather.subarray(0, positions * INPUTS), steps[step]), ya, positions);
      expect(b.mvmGathered(steps[step], gather, yb, positions)).toBe(true);
      expect(Array.from(yb.subarray(0, positions * OUTPUTS))).toEqual(Array.from(ya.subarray(0, positions * OUTPUTS)));
    }
  });
  for (const mapping of ['reference-column', 'offset-diff']) {
    it(`${mapping}: mvmGathered declines and draws nothing`, () => {
      const [input] = maps(true, 1);
      const gather = table();
      const a = layer(mapping, true);
      const b = layer(mapping, true);
      a.reseedNoise('s');
      b.reseedNoise('s');
      const ya = new Float32Array(POSITIONS * OUTPUTS);
      const yb = new Float32Array(POSITIONS * OUTPUTS);
      expect(b.mvmGathered(input, gather, yb, POSITIONS)).toBe(false);
      a.mvmPositions(gatherJs(gather, input), ya, POSITIONS);
      b.mvmPositions(gatherJs(gather, input), yb, POSITIONS);
      expect(Array.from(yb)).toEqual(Array.from(ya));
    });
  }
});
