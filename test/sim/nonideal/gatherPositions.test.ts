/**
 * wasm/crossbar.ts gatherPositions (a conv layer's im2col, four entries a step) against the scalar loop it replaced,
 * out[j] = gather[j] < 0 ? +0 : input[gather[j]], byte for byte: padding entries (-1, other negatives, the most negative
 * i32) in every lane of a step and in the scalar tail, lengths that leave 0 to 3 entries after the last step, and input
 * words a float copy could change (-0, NaN payloads, subnormals, infinities).
 */
import { describe, expect, it } from 'vitest';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { createRng } from '../../../src/util/rng.js';

const MAP = 97;
const NEGATIVE = [-1, -7, -2147483648];

/** Input words: ordinary values, and -0, a quiet and a signalling NaN with payloads, a subnormal, +-Infinity. */
function inputWords(): Uint32Array {
  const rng = createRng('gather-positions:input');
  const words = new Uint32Array(new Float32Array(Array.from({ length: MAP }, () => rng.normal())).buffer);
  words.set([0x80000000, 0x7fc00001, 0x7f800123, 0x00000005, 0x7f800000, 0xff800000], 0);
  return words;
}

/** n entries: map indices, with padding in lane (j mod 4) = lane of every fifth step and a negative every 11th entry. */
function table(n: number, lane: number): Int32Array {
  const rng = createRng(`gather-positions:table:${n}:${lane}`);
  return Int32Array.from({ length: n }, (_, j) => {
    if ((j % 4 === lane && (j >> 2) % 5 === 0) || j % 11 === 10) return NEGATIVE[j % NEGATIVE.length];
    return rng.int(MAP);
  });
}

describe('gatherPositions (im2col in the read kernel)', () => {
  for (const n of [0, 1, 3, 4, 5, 6, 7, 64, 401, 402, 403]) {
    it(`${n} entries: the scalar loop's bytes, padding in each lane`, () => {
      const words = inputWords();
      for (let lane = 0; lane < 4; lane++) {
        const gather = table(n, lane);
        const k = readKernel();
        k.reserve(1, 4, n + MAP + n + 8);
        const out = k.ptr.draws;
        const input = out + 4 * n;
        const at = input + 4 * MAP;
        new Uint32Array(k.memory.buffer, input, MAP).set(words);
        new Int32Array(k.memory.buffer, at, n).set(gather);
        new Uint32Array(k.memory.buffer, out, n).fill(0xdeadbeef);
        k.gatherPositions(input, at, n, out);
        const want = Array.from(gather, (idx) => (idx < 0 ? 0 : words[idx]));
        expect(Array.from(new Uint32Array(k.memory.buffer, out, n))).toEqual(want);
      }
    });
  }
});
