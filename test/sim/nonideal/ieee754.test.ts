/**
 * wasm/lib/ieee754.ts, the kernels' ports of V8's fdlibm exp and log (the read kernel's normal generator takes its
 * slow path with them), against Math.exp and Math.log bit for bit: random arguments in every branch of each
 * (subnormals, near 1, the reduction boundaries, huge and tiny values, every exponent), the values the ziggurat's
 * slow path feeds them, and the special values.
 */
import { describe, expect, it } from 'vitest';
import { programKernel } from '../../../src/sim/nonideal/programKernel.js';
import { createRng } from '../../../src/util/rng.js';
import { fromWords, words } from './floatWords.js';

const rng = createRng('ieee754');
const u32 = (): number => Math.floor(rng.next() * 2 ** 32) >>> 0;

/** Indices where got and want differ in bits (NaN equals any NaN). */
function mismatches(x: Float64Array, got: Float64Array, want: Float64Array): string[] {
  const g = new Uint32Array(got.buffer, got.byteOffset, 2 * got.length);
  const w = new Uint32Array(want.buffer, want.byteOffset, 2 * want.length);
  const bad: string[] = [];
  for (let k = 0; k < x.length; k++) {
    if (g[2 * k] === w[2 * k] && g[2 * k + 1] === w[2 * k + 1]) continue;
    if (Number.isNaN(got[k]) && Number.isNaN(want[k])) continue;
    if (bad.length < 5) bad.push(`f(${x[k]}) = ${got[k]}, Math gives ${want[k]}`);
    else break;
  }
  return bad;
}

function sample(n: number, gens: (() => number)[]): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => gens[k % gens.length]());
}

const N = 400_000;

describe('wasm/lib/ieee754.ts', () => {
  it('log equals Math.log bit for bit in every branch', () => {
    const gens: (() => number)[] = [
      () => fromWords(u32() & 0x7fefffff, u32()), // any positive finite double (every exponent, subnormals)
      () => fromWords(u32() & 0x000fffff, u32()), // subnormals
      () => 1 + (rng.next() - 0.5) * 2 ** -19, // |f| < 2^-20 with k = 0
      () => 2 ** (Math.floor(rng.next() * 200) - 100) * (1 + (rng.next() - 0.5) * 2 ** -19), // |f| < 2^-20, k != 0
      () => 0.5 + rng.next(), // k = 0, both polynomial branches (i > 0 around sqrt(2) and 1/sqrt(2))
      () => (u32() + 0.5) / 2 ** 32, // the ziggurat's uniforms
      () => 2 ** (Math.floor(rng.next() * 2098) - 1074), // powers of two (f = 0)
      () => 1e300 * (1 + rng.next()) * 2 ** 20, // large
    ];
    const specials = [0, -0, -1, -5e-324, Infinity, -Infinity, NaN, 1, 2, 0.5, 5e-324, Number.MAX_VALUE, Math.SQRT2, Math.SQRT1_2,
      fromWords(0x3ff00000, 1), fromWords(0x3fefffff, 0xffffffff), fromWords(0x000fffff, 0xffffffff), fromWords(0x00100000, 0)];
    const x = Float64Array.from([...sample(N, gens), ...specials]);
    const want = x.map((v) => Math.log(v));
    expect(mismatches(x, programKernel().mathAll('log', x), want)).toEqual([]);
  });

  it('exp equals Math.exp bit for bit in every branch', () => {
    const ln2 = Math.LN2;
    const gens: (() => number)[] = [
      () => (rng.next() - 0.5) * 1500, // underflow, overflow and the general reduction
      () => (rng.next() - 0.5) * ln2, // |x| < 0.5 ln2: k = 0
      () => (rng.next() < 0.5 ? -1 : 1) * (0.5 * ln2 + rng.next() * ln2), // 0.5 ln2 <= |x| < 1.5 ln2: k = +-1
      () => (rng.next() - 0.5) * 2 ** -27, // |x| < 2^-28 and just above
      () => -0.5 * (3.5 * rng.next()) ** 2, // the ziggurat's wedge test, exp(-x^2 / 2)
      () => -1022 * ln2 - 30 * rng.next(), // k < -1021: subnormal results
      () => 709 + rng.next() * 1.5, // near the overflow threshold
      () => fromWords(u32() & 0x7fefffff | (rng.next() < 0.5 ? 0x80000000 : 0), u32()), // any finite double
    ];
    const specials = [0, -0, 1, -1, Infinity, -Infinity, NaN, 709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412,
      0.5 * ln2, 1.5 * ln2, -0.5 * ln2, 2 ** -28, 5e-324, 1024 * ln2];
    const x = Float64Array.from([...sample(N, gens), ...specials]);
    const want = x.map((v) => Math.exp(v));
    expect(mismatches(x, programKernel().mathAll('exp', x), want)).toEqual([]);
  });

  it('the comparison finds a one-ulp difference', () => {
    const x = Float64Array.from([0.3, 2]);
    const want = x.map((v) => Math.log(v));
    const got = want.slice();
    const [hi, lo] = words(got[1]);
    got[1] = fromWords(hi, lo ^ 1);
    expect(mismatches(x, got, want)).toHaveLength(1);
  });
});
