// V8's transcendental functions (v8/src/base/ieee754.cc, ports of fdlibm) in AssemblyScript, bit for bit, shared by
// the kernels (wasm/program.ts: cosh for the wire IR factor; wasm/crossbar.ts: log and exp for the ziggurat's slow
// path). Each is the C code's algorithm with the same constants and the same order of operations: WebAssembly f64
// arithmetic is IEEE 754 double with round-to-nearest and no implicit fusion, so every step rounds as the C code
// does and the results equal Math.exp / Math.log (test/sim/nonideal/ieee754.test.ts compares them on millions of
// arguments in every branch).

// fdlibm e_exp.c / s_expm1.c constants (hexadecimal values in the comments are the intended doubles).
export const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
export const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
export const INV_LN2: f64 = 1.44269504088896338700e+00; // 0x3ff71547 652b82fe
export const P1: f64 = 1.66666666666666019037e-01; // 0x3FC55555 5555553E
export const P2: f64 = -2.77777777770155933842e-03; // 0xBF66C16C 16BEBD93
export const P3: f64 = 6.61375632143793436117e-05; // 0x3F11566A AF25DE2C
export const P4: f64 = -1.65339022054652515390e-06; // 0xBEBBBD41 C5D26BF1
export const P5: f64 = 4.13813679705723846039e-08; // 0x3E663769 72BEA4D0
export const Q1: f64 = -3.33333333333331316428e-02; // BFA11111 111110F4
export const Q2: f64 = 1.58730158725481460165e-03; // 3F5A01A0 19FE5585
export const Q3: f64 = -7.93650757867487942473e-05; // BF14CE19 9EAADBB7
export const Q4: f64 = 4.00821782732936239552e-06; // 3ED0CFCA 86E65239
export const Q5: f64 = -2.01099218183624371326e-07; // BE8AFDB7 6E09C32D
export const E: f64 = 2.718281828459045; // 0x4005bf0a 8b145769: V8 returns it for exp(1)
export const O_THRESHOLD: f64 = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
export const U_THRESHOLD: f64 = -7.45133219101941108420e+02; // 0xc0874910 D52D3051

// @ts-ignore: decorator
@inline
export function highWord(x: f64): u32 {
  return <u32>(reinterpret<u64>(x) >> 32);
}

/** 2^k as a double (normal range only: -1022 <= k <= 1023). */
// @ts-ignore: decorator
@inline
export function twoTo(k: i32): f64 {
  return reinterpret<f64>((<u64>(0x3ff + k)) << 52);
}

/** fdlibm exp (V8 ieee754::exp), every finite and infinite x. */
export function exp(x: f64): f64 {
  let hx = highWord(x);
  const xsb = <i32>(hx >> 31);
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) return x != x ? x : xsb == 0 ? x : 0.0;
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0.0;
  }
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x == 1.0) return E;
      hi = xsb == 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb == 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = <i32>(INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1.0 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * twoTo(1023);
    return y * twoTo(k);
  }
  return y * twoTo(k + 1000) * twoTo(-1000);
}

/** fdlibm expm1 for |x| <= 0.5 ln2 (the only range cosh uses it for): its k = 0 branch. */
// @ts-ignore: decorator
@inline
export function expm1Small(x: f64): f64 {
  if ((highWord(x) & 0x7fffffff) < 0x3c900000) return x; // |x| < 2^-54
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3.0 - r1 * hfx;
  const e = hxs * ((r1 - t) / (6.0 - x * t));
  return x - (x * e - hxs);
}

// fdlibm e_log.c constants.
const TWO54: f64 = 1.80143985094819840000e+16; // 0x43500000 00000000
const LG1: f64 = 6.666666666666735130e-01; // 0x3FE55555 55555593
const LG2: f64 = 3.999999999940941908e-01; // 0x3FD99999 9997FA04
const LG3: f64 = 2.857142874366239149e-01; // 0x3FD24924 94229359
const LG4: f64 = 2.222219843214978396e-01; // 0x3FCC71C5 1D8E78AF
const LG5: f64 = 1.818357216161805012e-01; // 0x3FC74664 96CB03DE
const LG6: f64 = 1.531383769920937332e-01; // 0x3FC39A09 D078C69F
const LG7: f64 = 1.479819860511658591e-01; // 0x3FC2F112 DF3E5244

/** fdlibm log (V8 ieee754::log), every x: -Infinity at ±0, NaN below 0, x + x at Infinity and NaN. */
export function log(x: f64): f64 {
  let hx = <i32>highWord(x);
  const lx = <u32>reinterpret<u64>(x);
  let k: i32 = 0;
  if (hx < 0x00100000) { // x < 2^-1022
    if (((hx & 0x7fffffff) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = <i32>highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  // Normalize x or x/2: its high word becomes hx | (i ^ 0x3ff00000), the low word stays.
  x = reinterpret<f64>((<u64>(<u32>(hx | (i ^ 0x3ff00000))) << 32) | (reinterpret<u64>(x) & 0xffffffff));
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { // |f| < 2^-20
    if (f == 0.0) {
      if (k == 0) return 0.0;
      const dk = <f64>k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    const dk = <f64>k;
    return dk * LN2_HI - ((r - dk * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = <f64>k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - r);
  return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}
