/**
 * wasm/lib/trig.ts (ports of V8's fdlibm sin and cos, medium-range reduction) and the programming kernel's Alea +
 * Box-Muller (wasm/program.ts aleaNormals), which memoNormalRng draws with: bit for bit against Math.sin, Math.cos
 * and createRng(seed).normal(), in every branch (no reduction, n = +-1, Cody-Waite with one, two and three parts of
 * pi/2), at the branch edges, and over whole streams, including the spare's order and the u === 0 retry.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { programKernel } from '../../../src/sim/nonideal/programKernel.js';
import { clearNormalMemo, memoNormalRng } from '../../../src/sim/nonideal/normal.js';
import { normalMemoStats, setNormalMemoLimit } from '../../../src/sim/nonideal/normalMemo.js';
import { createRng } from '../../../src/util/rng.js';
import { fromWords, words } from './floatWords.js';

const rng = createRng('trig');
/** The double `ulps` steps from x (same sign, |ulps| small). */
function step(x: number, ulps: number): number {
  const [hi, lo] = words(x);
  const v = hi * 2 ** 32 + lo + ulps;
  return fromWords(Math.floor(v / 2 ** 32), v % 2 ** 32);
}

/** Indices where got and want differ in bits. */
function mismatches(name: string, x: Float64Array, got: Float64Array, want: (v: number) => number): string[] {
  const bad: string[] = [];
  for (let k = 0; k < x.length && bad.length < 5; k++) {
    if (!Object.is(got[k], want(x[k]))) bad.push(`${name}(${x[k]}) = ${got[k]}, Math gives ${want(x[k])}`);
  }
  return bad;
}

const N = 300_000;
const MEDIUM = 2 ** 19 * (Math.PI / 2);

describe('wasm/lib/trig.ts', () => {
  it('sin and cos equal Math.sin and Math.cos bit for bit in every branch of the medium range', () => {
    const gens: (() => number)[] = [
      () => 2 * Math.PI * rng.next(), // Box-Muller's angles
      () => (rng.next() - 0.5) * 2 * MEDIUM, // the whole medium range, both signs
      () => (rng.next() - 0.5) * 1.5 * Math.PI, // |x| < 3pi/4: n = +-1 and no reduction
      () => (rng.next() - 0.5) * 2 ** -(Math.floor(rng.next() * 40)), // small: |x| < 2^-27 and the polynomials
      () => { // near multiples of pi/2: cancellation, second and third Cody-Waite parts
        const n = 1 + Math.floor(rng.next() * 200);
        return step(n * (Math.PI / 2), Math.floor(rng.next() * 9) - 4) * (rng.next() < 0.5 ? -1 : 1);
      },
      () => { // the 0.3 and 0.78125 edges of __kernel_cos after reduction
        const n = Math.floor(rng.next() * 8);
        return n * (Math.PI / 2) + (rng.next() < 0.5 ? 0.3 : 0.78125) * (1 + (rng.next() - 0.5) * 1e-3);
      },
    ];
    const edges = [0, -0, 5e-324, -5e-324, 2 ** -27, -(2 ** -27), step(2 ** -27, -1), 0.3, Math.PI / 4, step(Math.PI / 4, 1),
      Math.PI / 2, -Math.PI / 2, 3 * Math.PI / 4, step(3 * Math.PI / 4, -1), Math.PI, 2 * Math.PI, step(2 * Math.PI, -1),
      fromWords(0x3fe921fb, 0xffffffff), fromWords(0x3ff921fb, 0), fromWords(0x4002d97c, 0), fromWords(0x413921fb, 0xffffffff),
      -fromWords(0x413921fb, 0xffffffff)];
    for (let n = 1; n <= 40; n++) edges.push(n * (Math.PI / 2), -n * (Math.PI / 2), step(n * (Math.PI / 2), 1), step(n * (Math.PI / 2), -1));
    const x = Float64Array.from([...Float64Array.from({ length: N }, (_, k) => gens[k % gens.length]()), ...edges]);
    const { sin, cos } = programKernel().sinCosAll(x);
    expect(mismatches('sin', x, sin, Math.sin)).toEqual([]);
    expect(mismatches('cos', x, cos, Math.cos)).toEqual([]);
  });

  it('known values: a changed coefficient or constant shows here as well', () => {
    const x = Float64Array.from([0.5, 1, 2, 3, 4, 6, 100, 1e5]);
    const { sin, cos } = programKernel().sinCosAll(x);
    // sin(1) and cos(2) to 17 significant digits (correctly rounded; fdlibm agrees at these points).
    expect(sin[1]).toBe(0.8414709848078965);
    expect(cos[2]).toBe(-0.4161468365471424);
    expect(Array.from(sin)).toEqual(Array.from(x, Math.sin));
    expect(Array.from(cos)).toEqual(Array.from(x, Math.cos));
  });

  it('refuses (NaN) large arguments, infinities and NaN instead of guessing', () => {
    const x = Float64Array.from([fromWords(0x41392200, 0), 1e10, -1e300, Infinity, -Infinity, NaN]);
    const { sin, cos } = programKernel().sinCosAll(x);
    for (let k = 0; k < x.length; k++) {
      expect(Number.isNaN(sin[k])).toBe(true);
      expect(Number.isNaN(cos[k])).toBe(true);
    }
  });
});

/** How many of the first want.length values of got differ from want (Object.is), or -1 on a length mismatch. */
function differing(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return -1;
  let bad = 0;
  for (let k = 0; k < want.length; k++) if (!Object.is(got[k], want[k])) bad++;
  return bad;
}

/** Box-Muller as src/util/rng.ts draws it, from a seedrandom Alea state (for states no seed string reaches). */
function referencePairs(state: { s0: number; s1: number; s2: number; c: number }, pairs: number): number[] {
  const alea = seedrandom.alea('', { state });
  const out: number[] = [];
  for (let k = 0; k < pairs; k++) {
    let u = 0;
    while (u === 0) u = alea();
    const v = alea();
    const r = Math.sqrt(-2 * Math.log(u));
    out.push(r * Math.cos(2 * Math.PI * v), r * Math.sin(2 * Math.PI * v));
  }
  return out;
}

describe('aleaNormals (the programming kernel) and memoNormalRng', () => {
  it('whole streams equal createRng(seed).normal() bit for bit, the spare second', () => {
    for (const seed of ['1:program:0', 'net:crossbar:3:weights:7', '42', '']) {
      const start = seedrandom.alea(seed, { state: true }).state();
      const state = new Float64Array([start.s0, start.s1, start.s2, start.c]);
      const out = new Float64Array(100_002);
      expect(programKernel().aleaNormals(state, out, 2, 50_000)).toBe(50_000);
      const ref = createRng(seed);
      const want = Float64Array.from({ length: 100_000 }, () => ref.normal());
      expect(differing(out.subarray(2), want)).toBe(0);
      // The state returned continues the stream.
      const more = new Float64Array(4);
      programKernel().aleaNormals(state, more, 0, 2);
      expect(Array.from(more)).toEqual([ref.normal(), ref.normal(), ref.normal(), ref.normal()]);
    }
  });

  it('retries u === 0 as createRng does (a state whose next uniform is exactly 0)', () => {
    // t = 2091639 s0 + c 2^-32 = 0 makes the next uniform 0: Box-Muller draws again for u.
    const start = { s0: 0, s1: 0.25, s2: 0.7, c: 0 };
    const state = new Float64Array([start.s0, start.s1, start.s2, start.c]);
    const out = new Float64Array(200);
    programKernel().aleaNormals(state, out, 0, 100);
    const want = referencePairs(start, 100);
    expect(Array.from(out)).toEqual(want);
    // Without the retry the first pair would use u = 0 (r = Infinity).
    expect(Number.isFinite(out[0])).toBe(true);
  });

  it('memoNormalRng replays createRng(seed).normal() across mixed normal() and odd normals(n) calls', () => {
    clearNormalMemo();
    const seed = 'memo:trig';
    const ref = createRng(seed);
    const want = Float64Array.from({ length: 5001 }, () => ref.normal());
    const a = memoNormalRng(seed, 3);
    const got: number[] = [a.normal(), ...a.normals(7), a.normal(), a.normal(), ...a.normals(1990), a.normal()];
    for (let k = got.length; k < 5001; k++) got.push(a.normal());
    expect(differing(got, want)).toBe(0);
    // The first request was drawn unstored; the second stores (draws into the memo), the third replays it.
    const b = memoNormalRng(seed, 10);
    expect(differing(b.normals(5001), want)).toBe(0);
    const next = ref.normal();
    expect(b.normal()).toBe(next);
    const c = memoNormalRng(seed, 10); // the memo answers, then draws on past it
    expect(differing(c.normals(5002), [...want, next])).toBe(0);
    expect(c.normal()).toBe(ref.normal());
    clearNormalMemo();
  });
});

describe('memoNormalRng: chunks reused after eviction', () => {
  it('streams stay createRng(seed).normal() bit for bit while evictions reuse chunk memory', () => {
    clearNormalMemo();
    const before = setNormalMemoLimit(8 * 2 ** 20); // one 8 MB chunk
    try {
      memoNormalRng('memo:held'); // a stream is stored from its second request
      const held = memoNormalRng('memo:held', 20_000);
      const heldRef = createRng('memo:held');
      expect(Float64Array.from(held.normals(11))).toEqual(Float64Array.from({ length: 11 }, () => heldRef.normal()));
      const created = normalMemoStats().chunksCreated;
      for (let k = 0; k < 100; k++) { // 100 x 400 KB: evicts the held stream and fills chunks again and again
        const seed = `memo:many:${k}`;
        const ref = createRng(seed);
        memoNormalRng(seed);
        const got = memoNormalRng(seed, 50_000).normals(50_000);
        const want = Float64Array.from({ length: 50_000 }, () => ref.normal());
        expect(differing(got, want)).toBe(0);
      }
      const stats = normalMemoStats();
      expect(stats.bytes).toBeLessThanOrEqual(2 * 8 * 2 ** 20);
      expect(stats.chunksCreated - created).toBeLessThanOrEqual(3); // 40 MB of draws went through reused chunks
      // The held stream was evicted (its chunk reused): it is taken up again and continues the same stream.
      expect(Float64Array.from(held.normals(1001))).toEqual(Float64Array.from({ length: 1001 }, () => heldRef.normal()));
      expect(held.normal()).toBe(heldRef.normal());
    } finally {
      setNormalMemoLimit(before);
      clearNormalMemo();
    }
  });
});
