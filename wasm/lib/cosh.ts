// V8's Math.cosh (v8/src/base/ieee754.cc cosh, fdlibm e_cosh.c) with the same constants and order of operations:
// WebAssembly f64 arithmetic is IEEE 754 double with round-to-nearest and no implicit fusion, so every step rounds as
// the C code does (test/sim/nonideal/program.test.ts compares with Math.cosh). Used by the programming kernel (a
// cell's row IR factor) and the read kernel (an IR read's exact-cosh columns).

import { exp, expm1Small, highWord, INV_LN2, LN2_HI, LN2_LO, P1, P2, P3, P4, P5, Q1, Q2, Q3, Q4, Q5 } from './ieee754';

const KCOSH_OVERFLOW: f64 = 710.4758600739439;

/** V8's Math.cosh (ieee754::cosh, fdlibm e_cosh.c). */
export function cosh(x: f64): f64 {
  const ix = highWord(x) & 0x7fffffff;
  const ax = abs(x);
  if (ix < 0x3fd62e43) {
    const t = expm1Small(ax);
    const w = 1.0 + t;
    if (ix < 0x3c800000) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    const t = exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(ax);
  if (ax <= KCOSH_OVERFLOW) {
    const w = exp(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) return x * x;
  return Infinity;
}

// Two cosh at once (f64x2): every lane step is the scalar step above, so each lane rounds exactly as cosh() does.
// Used when both arguments fall in the same branch: [2^-54, 0.5 ln2) (expm1) or [0.5 ln2, 22) without x == 1 (exp,
// whose k = 1 branch below 1.5 ln2 is the general reduction with k = trunc(x / ln2 + 1/2) = 1 and t * ln2 exact).
const SMALL_LOW: f64 = reinterpret<f64>(0x3c90000000000000); // 2^-54
const SMALL_HIGH: f64 = reinterpret<f64>(0x3fd62e4300000000); // high word 0x3fd62e43: cosh's expm1 bound
const MID_HIGH: f64 = reinterpret<f64>(0x4036000000000000); // 22

/** c1 + x (c2 + x (c3 + x (c4 + x c5))) per lane, innermost first: fdlibm's Horner order. */
// @ts-ignore: decorator
@inline
function horner5(x: v128, c1: f64, c2: f64, c3: f64, c4: f64, c5: f64): v128 {
  let p = f64x2.add(f64x2.splat(c4), f64x2.mul(x, f64x2.splat(c5)));
  p = f64x2.add(f64x2.splat(c3), f64x2.mul(x, p));
  p = f64x2.add(f64x2.splat(c2), f64x2.mul(x, p));
  return f64x2.add(f64x2.splat(c1), f64x2.mul(x, p));
}

// @ts-ignore: decorator
@inline
function coshSmall2(x: v128): v128 {
  const one = f64x2.splat(1.0);
  const hfx = f64x2.mul(f64x2.splat(0.5), x);
  const hxs = f64x2.mul(x, hfx);
  const p = horner5(hxs, Q1, Q2, Q3, Q4, Q5);
  const r1 = f64x2.add(one, f64x2.mul(hxs, p));
  const t = f64x2.sub(f64x2.splat(3.0), f64x2.mul(r1, hfx));
  const e = f64x2.mul(hxs, f64x2.div(f64x2.sub(r1, t), f64x2.sub(f64x2.splat(6.0), f64x2.mul(x, t))));
  const em1 = f64x2.sub(x, f64x2.sub(f64x2.mul(x, e), hxs));
  const w = f64x2.add(one, em1);
  return f64x2.add(one, f64x2.div(f64x2.mul(em1, em1), f64x2.add(w, w)));
}

// @ts-ignore: decorator
@inline
function coshMid2(x: v128): v128 {
  const ki = i32x4.trunc_sat_f64x2_s_zero(f64x2.add(f64x2.mul(f64x2.splat(INV_LN2), x), f64x2.splat(0.5)));
  const k = f64x2.convert_low_i32x4_s(ki);
  const hi = f64x2.sub(x, f64x2.mul(k, f64x2.splat(LN2_HI)));
  const lo = f64x2.mul(k, f64x2.splat(LN2_LO));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  const p = horner5(t, P1, P2, P3, P4, P5);
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const y = f64x2.sub(f64x2.splat(1.0), f64x2.sub(f64x2.sub(lo, f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2.0), c))), hi));
  const scale = i64x2.shl(i64x2.add(i64x2.extend_low_i32x4_s(ki), i64x2.splat(0x3ff)), 52);
  const ex = f64x2.mul(y, scale);
  const half = f64x2.splat(0.5);
  return f64x2.add(f64x2.mul(half, ex), f64x2.div(half, ex));
}

/** cosh(x0) and cosh(x1) into out[0], out[1] (x0, x1 >= 0). */
// @ts-ignore: decorator
@inline
export function cosh2(x0: f64, x1: f64, out: usize): void {
  const v = f64x2.replace_lane(f64x2.splat(x0), 1, x1);
  if (x0 >= SMALL_LOW && x0 < SMALL_HIGH && x1 >= SMALL_LOW && x1 < SMALL_HIGH) v128.store(out, coshSmall2(v));
  else if (x0 >= SMALL_HIGH && x0 < MID_HIGH && x1 >= SMALL_HIGH && x1 < MID_HIGH && x0 != 1.0 && x1 != 1.0) v128.store(out, coshMid2(v));
  else {
    store<f64>(out, cosh(x0));
    store<f64>(out, cosh(x1), 8);
  }
}

