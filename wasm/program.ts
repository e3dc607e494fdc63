// Band programming kernel (AssemblyScript): the per-cell part of buildBand (src/sim/nonideal/band.ts), bit for bit.
// A cell's row IR factor is cosh(theta * m) / cosh(theta * (X + 1/2)), with V8's Math.cosh ported (wasm/lib/cosh.ts;
// test/sim/nonideal/program.test.ts compares with Math.cosh). The per-row theta (an acosh of the row's mean
// conductance) stays in JS: one per crossbar and row.

import { cosh, cosh2 } from './lib/cosh';
import { exp, log } from './lib/ieee754';
import { cosOut, sinCos, sinOut } from './lib/trig';

export { cosh };

export function heapBase(): usize {
  return __heap_base;
}

/** out[k] = cosh(x[k]) for x[k] >= 0, two at a time (for tests). */
export function coshPairs(x: usize, out: usize, n: i32): void {
  let k = 0;
  for (; k + 1 < n; k += 2) cosh2(load<f64>(x + ((<usize>k) << 3)), load<f64>(x + ((<usize>k) << 3), 8), out + ((<usize>k) << 3));
  if (k < n) store<f64>(out + ((<usize>k) << 3), cosh(load<f64>(x + ((<usize>k) << 3))));
}

/** out[k] = cosh(x[k]), k < n (for tests). */
export function coshMany(x: usize, out: usize, n: i32): void {
  for (let k = 0; k < n; k++) store<f64>(out + ((<usize>k) << 3), cosh(load<f64>(x + ((<usize>k) << 3))));
}

/** out[k] = exp(x[k]), k < n (for tests: wasm/lib/ieee754.ts is shared with the read kernel's normal generator). */
export function expMany(x: usize, out: usize, n: i32): void {
  for (let k = 0; k < n; k++) store<f64>(out + ((<usize>k) << 3), exp(load<f64>(x + ((<usize>k) << 3))));
}

/** out[k] = log(x[k]), k < n (for tests). */
export function logMany(x: usize, out: usize, n: i32): void {
  for (let k = 0; k < n; k++) store<f64>(out + ((<usize>k) << 3), log(load<f64>(x + ((<usize>k) << 3))));
}

/**
 * Stack conductance of every cell of a band (rows x cols, row-major) into g (f64), without stuck-at faults:
 * gd = device conductance of the cell's level; with programSigma > 0, gd = (1 + programSigma N) > 0 ? gd (1 + ...) : 0;
 * with a spread, gd += spread(level) N, floored at 0; then G_stack(gd * drift). Draws: one normal per perturbation per
 * cell, in row-major order (the programming draw first). Unperturbed: the level's stack conductance.
 * With `cellDrift` (src/sim/nonideal/cellDrift.ts driftedConductance, the same expressions in the same order), after
 * the programming: nu = |levelNuMean + levelNuSigma N1|, gd = gd exp(-nu lnTime), gd += gd Q_s(gd) noiseTime N2,
 * floored at 0, Q_s(gd) = min(qsC / max(exp(qsE log(gd invGMax)), qsFloor), qsMax); two draws per cell from
 * `driftDraws`. driftParams (f64): lnTime, noiseTime, invGMax, qsC, qsE, qsFloor, qsMax.
 */
export function cellConductances(n: i32, levels: usize, draws: usize, programSigma: f64, spread: bool,
  levelStack: usize, levelDevice: usize, levelSpread: usize, drift: f64, rAcc: f64, perturbed: bool, g: usize,
  cellDrift: bool, driftDraws: usize, levelNuMean: usize, levelNuSigma: usize, driftParams: usize): void {
  let d = draws;
  let dd = driftDraws;
  const lnTime = load<f64>(driftParams);
  const noiseTime = load<f64>(driftParams, 8);
  const invGMax = load<f64>(driftParams, 16);
  const qsC = load<f64>(driftParams, 24);
  const qsE = load<f64>(driftParams, 32);
  const qsFloor = load<f64>(driftParams, 40);
  const qsMax = load<f64>(driftParams, 48);
  for (let k = 0; k < n; k++) {
    const level = <usize>load<u8>(levels + <usize>k);
    let gs: f64;
    if (perturbed) {
      let gd = load<f64>(levelDevice + (level << 3));
      if (programSigma > 0) {
        const e = 1.0 + programSigma * load<f64>(d);
        d += 8;
        gd = e > 0 ? gd * e : 0.0;
      }
      if (spread) {
        gd += load<f64>(levelSpread + (level << 3)) * load<f64>(d);
        d += 8;
        if (gd < 0) gd = 0.0;
      }
      if (cellDrift) {
        const nu = abs(load<f64>(levelNuMean + (level << 3)) + load<f64>(levelNuSigma + (level << 3)) * load<f64>(dd));
        const gr = gd * exp(-nu * lnTime);
        let p = exp(qsE * log(gd * invGMax));
        if (p < qsFloor) p = qsFloor;
        let qs = qsC / p;
        if (qs > qsMax) qs = qsMax;
        gd = gr + gr * qs * noiseTime * load<f64>(dd, 8);
        dd += 16;
        if (!(gd > 0)) gd = 0.0;
      }
      const gdd = gd * drift;
      gs = gdd / (1.0 + gdd * rAcc);
    } else {
      gs = load<f64>(levelStack + (level << 3));
    }
    store<f64>(g + ((<usize>k) << 3), gs);
  }
}

/**
 * Cell read values and read-noise variances of a band (rows x stride f32, row-major) from its stack conductances g
 * (rows x cols f64): rf = cosh(theta[i][b] (X - 1/2 - position)) / denom[i][b] with wire resistance (theta, denom:
 * rows x blocks f64), else 1; cell = level when unperturbed and rf == 1, else g invDelta rf - g0;
 * noise = (sigma (g invDelta) (1 - g rAcc) rf)^2 when `noise` != 0; 0 in the padding columns cols..stride-1.
 * rfRow: scratch for one row's factors (cols f64).
 */
export function cellValues(rows: i32, cols: i32, stride: i32, size: i32, g: usize, levels: usize, block: usize, position: usize,
  theta: usize, denom: usize, blocks: i32, ir: bool, perturbed: bool, invDelta: f64, g0: f64, sigma: f64, rAcc: f64,
  cell: usize, noise: usize, rfRow: usize): void {
  const top = <f64>size - 0.5;
  for (let i = 0; i < rows; i++) {
    const rowG = g + ((<usize>(i * cols)) << 3);
    const rowL = levels + <usize>(i * cols);
    const rowT = theta + ((<usize>(i * blocks)) << 3);
    const rowD = denom + ((<usize>(i * blocks)) << 3);
    const out = cell + ((<usize>(i * stride)) << 2);
    const outN = noise + ((<usize>(i * stride)) << 2);
    if (ir) {
      // The row's cosh arguments theta_b (X - 1/2 - position), two cosh at a time, then each over its denominator.
      for (let j = 0; j < cols; j++) {
        const b = <usize>load<i32>(block + ((<usize>j) << 2));
        store<f64>(rfRow + ((<usize>j) << 3), load<f64>(rowT + (b << 3)) * (top - <f64>load<i32>(position + ((<usize>j) << 2))));
      }
      let j = 0;
      for (; j + 1 < cols; j += 2) {
        const p = rfRow + ((<usize>j) << 3);
        cosh2(load<f64>(p), load<f64>(p, 8), p);
      }
      if (j < cols) store<f64>(rfRow + ((<usize>j) << 3), cosh(load<f64>(rfRow + ((<usize>j) << 3))));
      for (let c = 0; c < cols; c++) {
        const p = rfRow + ((<usize>c) << 3);
        store<f64>(p, load<f64>(p) / load<f64>(rowD + ((<usize>load<i32>(block + ((<usize>c) << 2))) << 3)));
      }
    }
    for (let j = 0; j < cols; j++) {
      const gj = load<f64>(rowG + ((<usize>j) << 3));
      const rf: f64 = ir ? load<f64>(rfRow + ((<usize>j) << 3)) : 1.0;
      const levelUnits = gj * invDelta;
      const v = !perturbed && rf == 1.0 ? <f64>load<u8>(rowL + <usize>j) : levelUnits * rf - g0;
      store<f32>(out + ((<usize>j) << 2), <f32>v);
      if (noise != 0) {
        const s = sigma * levelUnits * (1.0 - gj * rAcc) * rf;
        store<f32>(outN + ((<usize>j) << 2), <f32>(s * s));
      }
    }
    for (let j = cols; j < stride; j++) {
      store<f32>(out + ((<usize>j) << 2), 0);
      if (noise != 0) store<f32>(outN + ((<usize>j) << 2), 0);
    }
  }
}

/** The largest of n u8 levels. */
export function maxLevel(levels: usize, n: i32): i32 {
  let top: u32 = 0;
  for (let k = 0; k < n; k++) top = max(top, <u32>load<u8>(levels + <usize>k));
  return <i32>top;
}

/** sin[k], cos[k] = V8's Math.sin(x[k]), Math.cos(x[k]) for k < n; NaN where sinCos refuses x (for tests). */
export function sinCosMany(x: usize, sin: usize, cos: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const o = (<usize>k) << 3;
    const ok = sinCos(load<f64>(x + o));
    store<f64>(sin + o, ok ? sinOut : NaN);
    store<f64>(cos + o, ok ? cosOut : NaN);
  }
}

// seedrandom's Alea (state s0, s1, s2 in [0, 1), carry c) and createRng's Box-Muller (src/util/rng.ts), bit for bit:
// Alea's step is exact double arithmetic (t = 2091639 s0 + c 2^-32 with t in [0, 2^21), c = t | 0 = trunc(t)), log is
// V8's (lib/ieee754.ts), sqrt is IEEE's (f64.sqrt, as Math.sqrt), sin and cos are V8's (lib/trig.ts); 2 * Math.PI * v
// is (2 pi) v with 2 pi exact.
const ALEA_NORM: f64 = 2.3283064365386963e-10; // 2^-32
const TWO_PI: f64 = 6.283185307179586; // 2 * Math.PI

/**
 * out[2k], out[2k+1] = the k-th pair of createRng normals (r cos, then the spare r sin), k < pairs, from the Alea
 * state at `state` (f64 s0, s1, s2, c; updated). Returns the pairs drawn: fewer than `pairs` only where sinCos refused
 * an angle (never for v in [0, 1)); the state is then the one before that pair.
 */
export function aleaNormals(state: usize, out: usize, pairs: i32): i32 {
  let s0 = load<f64>(state);
  let s1 = load<f64>(state, 8);
  let s2 = load<f64>(state, 16);
  let c = load<f64>(state, 24);
  let k = 0;
  for (; k < pairs; k++) {
    const b0 = s0;
    const b1 = s1;
    const b2 = s2;
    const bc = c;
    let u: f64 = 0;
    while (u == 0) {
      const t = 2091639.0 * s0 + c * ALEA_NORM;
      s0 = s1;
      s1 = s2;
      c = trunc(t);
      s2 = t - c;
      u = s2;
    }
    const t = 2091639.0 * s0 + c * ALEA_NORM;
    s0 = s1;
    s1 = s2;
    c = trunc(t);
    s2 = t - c;
    const v = s2;
    const r = sqrt(-2.0 * log(u));
    if (!sinCos(TWO_PI * v)) {
      s0 = b0;
      s1 = b1;
      s2 = b2;
      c = bc;
      break;
    }
    const o = out + ((<usize>k) << 4);
    store<f64>(o, r * cosOut);
    store<f64>(o, r * sinOut, 8);
  }
  store<f64>(state, s0);
  store<f64>(state, s1, 8);
  store<f64>(state, s2, 16);
  store<f64>(state, c, 24);
  return k;
}

/**
 * Per row i and block b: sums[i][b] = base[b] + the row's g over the block's columns, added in column order
 * (g: rows x cols f64; sums: rows x blocks f64).
 */
export function rowSums(rows: i32, cols: i32, g: usize, block: usize, blocks: i32, base: usize, sums: usize): void {
  for (let i = 0; i < rows; i++) {
    const out = sums + ((<usize>(i * blocks)) << 3);
    memory.copy(out, base, (<usize>blocks) << 3);
    const rowG = g + ((<usize>(i * cols)) << 3);
    for (let c = 0; c < cols; c++) {
      const p = out + ((<usize>load<i32>(block + ((<usize>c) << 2))) << 3);
      store<f64>(p, load<f64>(p) + load<f64>(rowG + ((<usize>c) << 3)));
    }
  }
}
