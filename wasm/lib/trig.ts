// V8's Math.sin and Math.cos (v8/src/base/ieee754.cc sin, cos, __kernel_sin, __kernel_cos, __ieee754_rem_pio2: ports
// of fdlibm) in AssemblyScript, bit for bit, for |x| up to the medium reduction range (|x| <= 2^19 pi/2): the same
// constants and the same order of operations (see ieee754.ts for why this gives the same doubles). The large-argument
// reduction (__kernel_rem_pio2, Payne-Hanek) is not ported: sinCos refuses such x (and infinities and NaN) by
// returning false, and the caller must not use its results then. test/sim/nonideal/trig.test.ts compares with
// Math.sin / Math.cos. Node 20's V8 (11.3) uses these fdlibm routines; later V8 versions may switch Math.sin and
// Math.cos to another libm (the test would then fail, not the results silently drift).

import { highWord } from './ieee754';

// __kernel_sin coefficients (fdlibm k_sin.c).
const S1: f64 = -1.66666666666666324348e-01; // 0xBFC55555 55555549
const S2: f64 = 8.33333333332248946124e-03; // 0x3F811111 1110F8A6
const S3: f64 = -1.98412698298579493134e-04; // 0xBF2A01A0 19C161D5
const S4: f64 = 2.75573137070700676789e-06; // 0x3EC71DE3 57B1FE7D
const S5: f64 = -2.50507602534068634195e-08; // 0xBE5AE5E6 8A2B9CEB
const S6: f64 = 1.58969099521155010221e-10; // 0x3DE5D93A 5ACFD57C

// __kernel_cos coefficients (fdlibm k_cos.c).
const C1: f64 = 4.16666666666666019037e-02; // 0x3FA55555 5555554C
const C2: f64 = -1.38888888888741095749e-03; // 0xBF56C16C 16C15177
const C3: f64 = 2.48015872894767294178e-05; // 0x3EFA01A0 19CB1590
const C4: f64 = -2.75573143513906633035e-07; // 0xBE927E4F 809C52AD
const C5: f64 = 2.08757232129817482790e-09; // 0x3E21EE9E BDB4B1C4
const C6: f64 = -1.13596475577881948265e-11; // 0xBDA8FAE9 BE8838D4

// __ieee754_rem_pio2 constants (fdlibm e_rem_pio2.c).
const INVPIO2: f64 = 6.36619772367581382433e-01; // 0x3FE45F30 6DC9C883
const PIO2_1: f64 = 1.57079632673412561417e+00; // 0x3FF921FB 54400000
const PIO2_1T: f64 = 6.07710050650619224932e-11; // 0x3DD0B461 1A626331
const PIO2_2: f64 = 6.07710050630396597660e-11; // 0x3DD0B461 1A600000
const PIO2_2T: f64 = 2.02226624879595063154e-21; // 0x3BA3198A 2E037073
const PIO2_3: f64 = 2.02226624871116645580e-21; // 0x3BA3198A 2E000000
const PIO2_3T: f64 = 8.47842766036889956997e-32; // 0x397B839A 252049C1

// High words of n pi/2, n = 1..32 (npio2_hw).
const NPIO2_HW: StaticArray<i32> = [
  0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C,
  0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C,
  0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
  0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
  0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
  0x404858EB, 0x404921FB,
];

/** __kernel_sin(x, y, iy) on [-pi/4, pi/4]; y the tail of x (ignored with iy == 0). */
// @ts-ignore: decorator
@inline
function kernelSin(x: f64, y: f64, iy: i32): f64 {
  if ((highWord(x) & 0x7fffffff) < 0x3e400000) return x; // |x| < 2^-27 (C: (int)x == 0 is always true there)
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/** __kernel_cos(x, y) on [-pi/4, pi/4]. */
// @ts-ignore: decorator
@inline
function kernelCos(x: f64, y: f64): f64 {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1.0; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : reinterpret<f64>(<u64>(ix - 0x00200000) << 32); // x > 0.78125 : x/4
  const iz = 0.5 * z - qx;
  const a = 1.0 - qx;
  return a - (iz - (z * r - x * y));
}

/** sinCos's results: sin(x) and cos(x). */
export let sinOut: f64 = 0;
export let cosOut: f64 = 0;

/**
 * sin(x) and cos(x) into sinOut and cosOut, each bit for bit V8's, for |x| <= 2^19 pi/2 (high word <= 0x413921fb).
 * Returns false (results undefined) outside that range and for infinities and NaN.
 */
export function sinCos(x: f64): bool {
  const hx = <i32>highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) { // |x| <= pi/4: no reduction
    sinOut = kernelSin(x, 0.0, 0);
    cosOut = kernelCos(x, 0.0);
    return true;
  }
  if (ix > 0x413921fb) return false; // large, infinite or NaN: not ported
  let y0: f64;
  let y1: f64;
  let n: i32;
  if (ix < 0x4002d97c) { // |x| < 3pi/4: n = +-1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix != 0x3ff921fb) {
        y0 = z - PIO2_1T;
        y1 = (z - y0) - PIO2_1T;
      } else { // near pi/2: 33 + 33 + 53 bit pi
        z -= PIO2_2;
        y0 = z - PIO2_2T;
        y1 = (z - y0) - PIO2_2T;
      }
      n = 1;
    } else {
      let z = x + PIO2_1;
      if (ix != 0x3ff921fb) {
        y0 = z + PIO2_1T;
        y1 = (z - y0) + PIO2_1T;
      } else {
        z += PIO2_2;
        y0 = z + PIO2_2T;
        y1 = (z - y0) + PIO2_2T;
      }
      n = -1;
    }
  } else { // medium: Cody-Waite with up to three parts of pi/2
    let t = abs(x);
    n = <i32>(t * INVPIO2 + 0.5);
    const fn = <f64>n;
    let r = t - fn * PIO2_1;
    let w = fn * PIO2_1T;
    if (n < 32 && ix != unchecked(NPIO2_HW[n - 1])) {
      y0 = r - w;
    } else {
      const j = ix >> 20;
      y0 = r - w;
      let i = j - <i32>((highWord(y0) >> 20) & 0x7ff);
      if (i > 16) {
        t = r;
        w = fn * PIO2_2;
        r = t - w;
        w = fn * PIO2_2T - ((t - r) - w);
        y0 = r - w;
        i = j - <i32>((highWord(y0) >> 20) & 0x7ff);
        if (i > 49) {
          t = r;
          w = fn * PIO2_3;
          r = t - w;
          w = fn * PIO2_3T - ((t - r) - w);
          y0 = r - w;
        }
      }
    }
    y1 = (r - y0) - w;
    if (hx < 0) {
      y0 = -y0;
      y1 = -y1;
      n = -n;
    }
  }
  const s = kernelSin(y0, y1, 1);
  const c = kernelCos(y0, y1);
  switch (n & 3) {
    case 0: sinOut = s; cosOut = c; break;
    case 1: sinOut = c; cosOut = -s; break;
    case 2: sinOut = -s; cosOut = -c; break;
    default: sinOut = -c; cosOut = s; break;
  }
  return true;
}
