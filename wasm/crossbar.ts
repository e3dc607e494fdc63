// Crossbar read kernel (AssemblyScript, WebAssembly SIMD): the column sums of one band read.
// A band's cells are row-major f32 with a row stride that is a multiple of 4 columns (src/sim/nonideal/band.ts; the
// resident copy's row stride `rowStride` may be longer, bandKernel.ts), so each driven row adds a contiguous vector
// into the accumulators of 4 columns at once. The sums are f32, the cells' own precision (docs/nonidealities.md,
// fourteenth pass; docs/sources.md#f32-summation: 5% programming spread and 10% read noise dwarf f32's 2^-24
// rounding; integer levels sum exactly below 2^24): every column adds the active rows one at a time in list order,
// with separate multiplies and adds (WebAssembly has no implicit fusion), and the sums are stored as f32.
// The same numbers as a scalar loop over each column with Math.fround after every product and add.
// The transcendental parts of a read (cosh) stay in JS. It also draws the read noise (fillNormals).
// After the sums a read is f32 too (sixteenth pass): finishIr, finishPlain, pairCombine and the noisy conversion work in
// f32x4 on the f32 values and sigmas of the read cache; only the shift-and-add sums stay f64.

import { cosh, cosh2 } from './lib/cosh';
import { exp, log } from './lib/ieee754';

export function heapBase(): usize {
  return __heap_base;
}

// @ts-ignore: decorator
@inline
function rowPtr(cell: usize, active: usize, a: i32, rowStride: i32, j: i32): usize {
  const row = load<i32>(active + ((<usize>a) << 2));
  return cell + ((<usize>(row * rowStride + j)) << 2);
}

/** s[j] = sum over active rows of cell[row][j], j < stride (cells row i at cell + 4 rowStride i); f32 sums. */
export function gatherS(cell: usize, stride: i32, rowStride: i32, active: usize, nActive: i32, s: usize): void {
  for (let j = 0; j < stride; j += 4) {
    let s0 = f32x4.splat(0);
    for (let a = 0; a < nActive; a++) s0 = f32x4.add(s0, v128.load(rowPtr(cell, active, a, rowStride, j)));
    v128.store(s + ((<usize>j) << 2), s0);
  }
}

/** s as gatherS, and q[j] = sum over active rows of noise[row][j] (read-noise variances). */
export function gatherSQ(cell: usize, noise: usize, stride: i32, rowStride: i32, active: usize, nActive: i32, s: usize, q: usize): void {
  for (let j = 0; j < stride; j += 4) {
    let s0 = f32x4.splat(0);
    let q0 = f32x4.splat(0);
    for (let a = 0; a < nActive; a++) {
      const p = rowPtr(cell, active, a, rowStride, j);
      s0 = f32x4.add(s0, v128.load(p));
      q0 = f32x4.add(q0, v128.load(p - cell + noise));
    }
    const o = (<usize>j) << 2;
    v128.store(s + o, s0);
    v128.store(q + o, q0);
  }
}

/** Rows a gather takes its row records for at once (ROWS); longer lists are gathered in chunks of this. */
const ROWS_AT_ONCE: i32 = 1024;
/**
 * Per row of a gather, one record of ROW_RECORD bytes: its f32 weights w1 and w2 splatted to 4 lanes (at 0 and 16) and
 * its row pointer (at 32). One record a row, so the row loop steps one address and takes all three at fixed offsets
 * (three arrays took an index computation each: 3-5% of a pair read, docs/nonidealities.md, twenty-third pass).
 */
const ROW_RECORD: usize = 48;
const ROWS: usize = memory.data(<i32>ROW_RECORD * ROWS_AT_ONCE, 16);

/**
 * The IR-drop series sums: s as gatherS, t1[j] = sum f32(w1[a]) cell[row_a][j], t2[j] = sum f32(w2[a]) cell[row_a][j]
 * (w1, w2: f64 per active row, in list order, rounded to f32), and with `noise` != 0 also q as gatherSQ. Every sum is
 * f32 (each product rounded to f32, then added in list order).
 */
export function gatherIr(cell: usize, noise: usize, stride: i32, rowStride: i32, active: usize, nActive: i32, w1: usize, w2: usize,
  s: usize, t1: usize, t2: usize, q: usize): void {
  // Each row's pointer and splatted weights once per read, not per column quad; a list longer than ROWS continues
  // from the sums so far (each column still adds its rows one at a time, in list order).
  for (let from = 0; from < nActive || from == 0; from += ROWS_AT_ONCE) {
    const n = min(nActive - from, ROWS_AT_ONCE);
    rowPointers(cell, rowStride, active, from, n, w1, w2);
    if (noise != 0) gatherIrRows(true, false, false, noise - cell, stride, n, from > 0, s, t1, t2, q, 0, 0, 0);
    else gatherIrRows(false, false, false, 0, stride, n, from > 0, s, t1, t2, q, 0, 0, 0);
    if (nActive == 0) break;
  }
}

/**
 * gatherIr over the n rows of ROWS (noise cells at row pointer + toNoise), from 0 or (`more`) from the sums so far;
 * with `finish`, the sums go into finishQuad (the fin* scalars, `cols` columns, into out and sigma) instead of s, t1,
 * t2, q, and the columns above the series limit are returned. With `pair` (and `finish`, not `more`): a differential
 * pair's read, `cols` weight columns (a multiple of 4) and their twins at cols + c, each weight quad gathered beside
 * its twin quad and combined with it in registers (finishPair).
 */
// @ts-ignore: decorator
@inline
function gatherIrRows(withNoise: bool, finish: bool, pair: bool, toNoise: usize, stride: i32, n: i32, more: bool, s: usize, t1: usize, t2: usize,
  q: usize, cols: i32, out: usize, sigma: usize): i32 {
  let exact = 0;
  // 8 columns per row step (two f32x4 per sum) share the row pointer and weight loads; a last quad goes alone. A pair
  // read's row step takes a weight quad and its twin quad.
  const second: usize = pair ? (<usize>cols) << 2 : 16;
  const step = pair ? 4 : 8;
  const end = pair ? cols : stride;
  let j = 0;
  for (; j + step <= end; j += step) {
    const o = (<usize>j) << 2;
    let s0 = more ? v128.load(s + o) : f32x4.splat(0);
    let s1 = more ? v128.load(s + o, 16) : f32x4.splat(0);
    let a0 = more ? v128.load(t1 + o) : f32x4.splat(0);
    let a1 = more ? v128.load(t1 + o, 16) : f32x4.splat(0);
    let b0 = more ? v128.load(t2 + o) : f32x4.splat(0);
    let b1 = more ? v128.load(t2 + o, 16) : f32x4.splat(0);
    let q0 = more && withNoise ? v128.load(q + o) : f32x4.splat(0);
    let q1 = more && withNoise ? v128.load(q + o, 16) : f32x4.splat(0);
    const jb = (<usize>j) << 2;
    const rowsEnd = ROWS + ROW_RECORD * <usize>n;
    for (let ra = ROWS; ra < rowsEnd; ra += ROW_RECORD) {
      const p = load<usize>(ra, 32) + jb;
      const c0 = v128.load(p);
      const c1 = pair ? v128.load(p + second) : v128.load(p, 16);
      const wa = v128.load(ra);
      const wb = v128.load(ra, 16);
      s0 = f32x4.add(s0, c0);
      s1 = f32x4.add(s1, c1);
      a0 = f32x4.add(a0, f32x4.mul(wa, c0));
      a1 = f32x4.add(a1, f32x4.mul(wa, c1));
      b0 = f32x4.add(b0, f32x4.mul(wb, c0));
      b1 = f32x4.add(b1, f32x4.mul(wb, c1));
      if (withNoise) {
        const m = p + toNoise;
        q0 = f32x4.add(q0, v128.load(m));
        q1 = f32x4.add(q1, pair ? v128.load(m + second) : v128.load(m, 16));
      }
    }
    if (pair) {
      exact += finishPair(jb, second, s0, a0, b0, q0, s1, a1, b1, q1, withNoise, out, sigma);
      continue;
    }
    if (finish) {
      exact += finishQuad(j, cols, s0, a0, b0, q0, withNoise, out, sigma);
      exact += finishQuad(j + 4, cols, s1, a1, b1, q1, withNoise, out, sigma);
      continue;
    }
    v128.store(s + o, s0);
    v128.store(s + o, s1, 16);
    v128.store(t1 + o, a0);
    v128.store(t1 + o, a1, 16);
    v128.store(t2 + o, b0);
    v128.store(t2 + o, b1, 16);
    if (withNoise) {
      v128.store(q + o, q0);
      v128.store(q + o, q1, 16);
    }
  }
  if (!pair && j < stride) {
    const o = (<usize>j) << 2;
    let s0 = more ? v128.load(s + o) : f32x4.splat(0);
    let a0 = more ? v128.load(t1 + o) : f32x4.splat(0);
    let b0 = more ? v128.load(t2 + o) : f32x4.splat(0);
    let q0 = more && withNoise ? v128.load(q + o) : f32x4.splat(0);
    const jb = (<usize>j) << 2;
    const rowsEnd = ROWS + ROW_RECORD * <usize>n;
    for (let ra = ROWS; ra < rowsEnd; ra += ROW_RECORD) {
      const p = load<usize>(ra, 32) + jb;
      const c0 = v128.load(p);
      s0 = f32x4.add(s0, c0);
      a0 = f32x4.add(a0, f32x4.mul(v128.load(ra), c0));
      b0 = f32x4.add(b0, f32x4.mul(v128.load(ra, 16), c0));
      if (withNoise) q0 = f32x4.add(q0, v128.load(p + toNoise));
    }
    if (finish) return exact + finishQuad(j, cols, s0, a0, b0, q0, withNoise, out, sigma);
    v128.store(s + o, s0);
    v128.store(t1 + o, a0);
    v128.store(t2 + o, b0);
    if (withNoise) v128.store(q + o, q0);
  }
  return exact;
}

// finishIr's scalars, rounded to f32 and splatted once per read (gatherFinishIr).
let finPed: v128 = f32x4.splat(0);
let finAlpha: v128 = f32x4.splat(0);
let finF1: v128 = f32x4.splat(0);
let finF2: v128 = f32x4.splat(0);
let finLimit: v128 = f32x4.splat(0);

/**
 * finishIr of the four columns j .. j + 3 from their sums in registers (the same f32 expressions lane by lane; a
 * column at or past `cols` is neither stored nor counted). Returns the columns above the series limit.
 */
// @ts-ignore: decorator
@inline
function finishQuad(j: i32, cols: i32, sj: v128, t1j: v128, t2j: v128, qj: v128, withNoise: bool, out: usize, sigma: usize): i32 {
  if (j >= cols) return 0;
  const o = (<usize>j) << 2;
  const total = f32x4.add(sj, finPed);
  const a2 = f32x4.mul(finAlpha, v128.and(total, f32x4.gt(total, f32x4.splat(0))));
  const series = f32x4.add(f32x4.add(sj, f32x4.mul(a2, f32x4.add(t1j, finF1))), f32x4.mul(f32x4.mul(a2, a2), f32x4.add(t2j, finF2)));
  const ok = f32x4.le(a2, finLimit);
  const value = v128.bitselect(series, f32x4.splat(NaN), ok);
  if (j + 4 <= cols) {
    v128.store(out + o, value);
    if (withNoise) v128.store(sigma + o, f32x4.sqrt(qj));
    return v128.all_true<i32>(ok) ? 0 : 4 - <i32>popcnt<i32>(i32x4.bitmask(ok));
  }
  const rem = cols - j; // 1 .. 3 columns left
  const sg = withNoise ? f32x4.sqrt(qj) : qj;
  v128.store32_lane(out + o, value, 0);
  if (withNoise) v128.store32_lane(sigma + o, sg, 0);
  if (rem > 1) {
    v128.store32_lane(out + o, value, 1, 4);
    if (withNoise) v128.store32_lane(sigma + o, sg, 1, 4);
  }
  if (rem > 2) {
    v128.store32_lane(out + o, value, 2, 8);
    if (withNoise) v128.store32_lane(sigma + o, sg, 2, 8);
  }
  return <i32>popcnt<i32>(~i32x4.bitmask(ok) & ((1 << rem) - 1));
}

/**
 * gatherIr then finishIr in one pass (the IR read of bandReads' readOne): each column group's sums go from registers
 * into the finish, not through the s, t1, t2, q scratch. The same f32 operations in the same order, so the same bits
 * as the two calls. A list longer than ROWS_AT_ONCE takes the two calls (the scratch holds the running sums).
 */
export function gatherFinishIr(cell: usize, noise: usize, stride: i32, rowStride: i32, active: usize, nActive: i32, w1: usize, w2: usize,
  s: usize, t1: usize, t2: usize, q: usize, cols: i32, pedestal: f64, alphaSq: f64, pedF1: f64, pedF2: f64, seriesLimit: f64,
  out: usize, sigma: usize): i32 {
  if (nActive > ROWS_AT_ONCE) {
    gatherIr(cell, noise, stride, rowStride, active, nActive, w1, w2, s, t1, t2, q);
    return finishIr(cols, s, t1, t2, q, noise != 0, pedestal, alphaSq, pedF1, pedF2, seriesLimit, out, sigma);
  }
  finPed = f32x4.splat(<f32>pedestal);
  finAlpha = f32x4.splat(<f32>alphaSq);
  finF1 = f32x4.splat(<f32>pedF1);
  finF2 = f32x4.splat(<f32>pedF2);
  finLimit = f32x4.splat(<f32>seriesLimit);
  rowPointers(cell, rowStride, active, 0, nActive, w1, w2);
  if (noise != 0) return gatherIrRows(true, true, false, noise - cell, stride, nActive, false, s, t1, t2, q, cols, out, sigma);
  return gatherIrRows(false, true, false, 0, stride, nActive, false, s, t1, t2, q, cols, out, sigma);
}

/**
 * gatherFinishIr then pairCombine (withSigma: noise != 0) of a differential pair's read: weight column c and its twin
 * cols + c (cols a multiple of 4, the read's columns 2 cols, nActive <= ROWS_AT_ONCE). Each weight quad and its twin
 * quad are gathered in one row step (gatherIrRows with `pair`: the same sums per column, rows in list order) and
 * finished and combined in registers: the same f32 operations lane by lane, so the same bits in out and sigma as the
 * two calls (the twin halves keep the raw values and sigmas pairCombine leaves there). Returns the columns above the
 * series limit over both halves (the caller then redoes the read, as after gatherFinishIr).
 */
export function gatherFinishPairIr(cell: usize, noise: usize, rowStride: i32, active: usize, nActive: i32, w1: usize, w2: usize,
  cols: i32, pedestal: f64, alphaSq: f64, pedF1: f64, pedF2: f64, seriesLimit: f64, out: usize, sigma: usize): i32 {
  rowPointers(cell, rowStride, active, 0, nActive, w1, w2);
  return pairFromRows(cell, noise, nActive, cols, pedestal, alphaSq, pedF1, pedF2, seriesLimit, out, sigma);
}

/** gatherFinishPairIr over the rows already in ROWS. */
// @ts-ignore: decorator
@inline
function pairFromRows(cell: usize, noise: usize, n: i32, cols: i32, pedestal: f64, alphaSq: f64, pedF1: f64, pedF2: f64, seriesLimit: f64,
  out: usize, sigma: usize): i32 {
  finPed = f32x4.splat(<f32>pedestal);
  finAlpha = f32x4.splat(<f32>alphaSq);
  finF1 = f32x4.splat(<f32>pedF1);
  finF2 = f32x4.splat(<f32>pedF2);
  finLimit = f32x4.splat(<f32>seriesLimit);
  if (noise != 0) return gatherIrRows(true, true, true, noise - cell, 0, n, false, 0, 0, 0, 0, cols, out, sigma);
  return gatherIrRows(false, true, true, 0, 0, n, false, 0, 0, 0, 0, cols, out, sigma);
}

/**
 * finishQuad of a weight quad (sums *0, columns at byte offset jb) and its twin quad (*1, at jb + twin), both full,
 * then pairCombine's expressions: out and sigma at jb get the combination, at jb + twin the twin's raw value and
 * sigma. Returns the columns above the series limit in both quads.
 */
// @ts-ignore: decorator
@inline
function finishPair(jb: usize, twin: usize, s0: v128, a0: v128, b0: v128, q0: v128, s1: v128, a1: v128, b1: v128, q1: v128, withNoise: bool,
  out: usize, sigma: usize): i32 {
  const v0 = finishValue(s0, a0, b0);
  const v1 = finishValue(s1, a1, b1);
  v128.store(out + jb + twin, v1);
  v128.store(out + jb, f32x4.sub(v0, v1));
  if (withNoise) {
    const g0 = f32x4.sqrt(q0);
    const g1 = f32x4.sqrt(q1);
    v128.store(sigma + jb + twin, g1);
    v128.store(sigma + jb, f32x4.sqrt(f32x4.add(f32x4.mul(g0, g0), f32x4.mul(g1, g1))));
  }
  return <i32>popcnt<i32>(~i32x4.bitmask(finishOk(s0)) & 15) + <i32>popcnt<i32>(~i32x4.bitmask(finishOk(s1)) & 15);
}

/** finishQuad's a2 for the column sums sj. */
// @ts-ignore: decorator
@inline
function finishA2(sj: v128): v128 {
  const total = f32x4.add(sj, finPed);
  return f32x4.mul(finAlpha, v128.and(total, f32x4.gt(total, f32x4.splat(0))));
}

/** finishQuad's mask of the columns within the series limit. */
// @ts-ignore: decorator
@inline
function finishOk(sj: v128): v128 {
  return f32x4.le(finishA2(sj), finLimit);
}

/** finishQuad's value: the series, NaN where a2 is above the series limit. */
// @ts-ignore: decorator
@inline
function finishValue(sj: v128, t1j: v128, t2j: v128): v128 {
  const a2 = finishA2(sj);
  const series = f32x4.add(f32x4.add(sj, f32x4.mul(a2, f32x4.add(t1j, finF1))), f32x4.mul(f32x4.mul(a2, a2), f32x4.add(t2j, finF2)));
  return v128.bitselect(series, f32x4.splat(NaN), f32x4.le(a2, finLimit));
}

/** The ROWS records (pointer, splatted f32 weights) of rows active[from .. from + n - 1]. */
// @ts-ignore: decorator
@inline
function rowPointers(cell: usize, rowStride: i32, active: usize, from: i32, n: i32, w1: usize, w2: usize): void {
  for (let a = 0; a < n; a++) {
    const row = load<i32>(active + ((<usize>(from + a)) << 2));
    const ra = ROWS + ROW_RECORD * <usize>a;
    store<usize>(ra, cell + ((<usize>(row * rowStride)) << 2), 32);
    const k = (<usize>(from + a)) << 3;
    v128.store(ra, f32x4.splat(<f32>load<f64>(w1 + k)));
    v128.store(ra, f32x4.splat(<f32>load<f64>(w2 + k)), 16);
  }
}

/** Scratch for two cosh values (exactColumns). */
const COSH_PAIR: usize = memory.data(16, 16);

/**
 * band.ts readWithIr's exact columns, after finishIr marked them NaN in `out` (a2 above the series limit): per such
 * column j < cols, total = s[j] + pedestal, aC = sqrt(alphaSq total), e = the sum over the active rows in list order
 * of (cell[row][j] + g0) cosh(aC u[a]) (u: per active row), out[j] = f32(e / cosh(aC) - pedestal). The JS loop's f64
 * expressions in its order with V8's cosh (wasm/lib/cosh.ts, two at a time where both fall in one branch: each lane
 * as the scalar), so the same bits.
 */
export function exactColumns(cell: usize, rowStride: i32, active: usize, nActive: i32, u: usize, g0: f64, alphaSq: f64, pedestal: f64,
  s: usize, out: usize, cols: i32): void {
  for (let j = 0; j < cols; j++) {
    const o = (<usize>j) << 2;
    const v = load<f32>(out + o);
    if (v == v) continue;
    const aC = sqrt(alphaSq * (<f64>load<f32>(s + o) + pedestal));
    let e: f64 = 0;
    let a = 0;
    for (; a + 1 < nActive; a += 2) {
      cosh2(aC * load<f64>(u + ((<usize>a) << 3)), aC * load<f64>(u + ((<usize>(a + 1)) << 3)), COSH_PAIR);
      e += (<f64>load<f32>(rowPtr(cell, active, a, rowStride, j)) + g0) * load<f64>(COSH_PAIR);
      e += (<f64>load<f32>(rowPtr(cell, active, a + 1, rowStride, j)) + g0) * load<f64>(COSH_PAIR, 8);
    }
    if (a < nActive) e += (<f64>load<f32>(rowPtr(cell, active, a, rowStride, j)) + g0) * cosh(aC * load<f64>(u + ((<usize>a) << 3)));
    store<f32>(out + o, <f32>(e / cosh(aC) - pedestal));
  }
}

/**
 * The IR-drop column correction after gatherIr (src/sim/nonideal/band.ts readWithIr), the same expressions in the
 * same order, in f32 (the read's precision after its column sums: docs/nonidealities.md, sixteenth pass): total =
 * s + pedestal, a2 = alphaSq max(total, 0), out = s + a2 (t1 + pedF1) + a2 a2 (t2 + pedF2) while a2 <= seriesLimit;
 * a column above the limit gets NaN (JS evaluates its cosh terms). The inputs s, t1, t2, q are the f32 sums; the
 * scalars are rounded to f32; out and sigma are f32. With `withNoise`, sigma[j] = sqrt(q[j])
 * (IEEE f32 sqrt). Returns the number of columns above the limit.
 */
export function finishIr(cols: i32, s: usize, t1: usize, t2: usize, q: usize, withNoise: bool, pedestal: f64, alphaSq: f64,
  pedF1: f64, pedF2: f64, seriesLimit: f64, out: usize, sigma: usize): i32 {
  let exact = 0;
  const ped = <f32>pedestal;
  const alpha = <f32>alphaSq;
  const f1 = <f32>pedF1;
  const f2 = <f32>pedF2;
  const limit = <f32>seriesLimit;
  // Four columns per f32x4, lane by lane the scalar expressions below (max(total, 0) as total where total > 0, else
  // +0; NaN where a2 > limit); the scalar loop finishes the last columns.
  const vPed = f32x4.splat(ped);
  const vAlpha = f32x4.splat(alpha);
  const vF1 = f32x4.splat(f1);
  const vF2 = f32x4.splat(f2);
  const vLimit = f32x4.splat(limit);
  const vNaN = f32x4.splat(NaN);
  const zero = f32x4.splat(0);
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const o = (<usize>j) << 2;
    const sj = v128.load(s + o);
    if (withNoise) v128.store(sigma + o, f32x4.sqrt(v128.load(q + o)));
    const total = f32x4.add(sj, vPed);
    const a2 = f32x4.mul(vAlpha, v128.and(total, f32x4.gt(total, zero)));
    const series = f32x4.add(f32x4.add(sj, f32x4.mul(a2, f32x4.add(v128.load(t1 + o), vF1))),
      f32x4.mul(f32x4.mul(a2, a2), f32x4.add(v128.load(t2 + o), vF2)));
    const ok = f32x4.le(a2, vLimit);
    v128.store(out + o, v128.bitselect(series, vNaN, ok));
    if (!v128.all_true<i32>(ok)) exact += 4 - <i32>popcnt<i32>(i32x4.bitmask(ok));
  }
  for (; j < cols; j++) {
    const o = (<usize>j) << 2;
    const sj = load<f32>(s + o);
    if (withNoise) store<f32>(sigma + o, sqrt<f32>(load<f32>(q + o)));
    const total = sj + ped;
    const a2 = alpha * (total > 0 ? total : <f32>0);
    if (a2 <= limit) {
      store<f32>(out + o, sj + a2 * (load<f32>(t1 + o) + f1) + a2 * a2 * (load<f32>(t2 + o) + f2));
    } else {
      store<f32>(out + o, NaN);
      exact++;
    }
  }
  return exact;
}

/**
 * A read without IR drop from the f32 sums: out[j] = s[j] and, with `withNoise`, sigma[j] = sqrt(q[j]) in f32 (IEEE
 * f32 sqrt), j < cols.
 */
export function finishPlain(cols: i32, s: usize, q: usize, withNoise: bool, out: usize, sigma: usize): void {
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const o = (<usize>j) << 2;
    v128.store(out + o, v128.load(s + o));
    if (withNoise) v128.store(sigma + o, f32x4.sqrt(v128.load(q + o)));
  }
  for (; j < cols; j++) {
    const o = (<usize>j) << 2;
    store<f32>(out + o, load<f32>(s + o));
    if (withNoise) store<f32>(sigma + o, sqrt<f32>(load<f32>(q + o)));
  }
}

/**
 * Noisy bipolar conversion and shift-add (src/sim/nonideal/convert.ts): per weight column c = o * slices + s,
 * v = (values[c] + sigma[c] draws[c]) invLsb in f32 (values and sigma f32, the draw and invLsb rounded to f32;
 * docs/nonidealities.md, sixteenth pass), code = min(floor(|v| + 1/2), maxCode) with the sign of v, and in f64
 * digital[o] += planeWeight * sum_s code lsb sliceWeight[s] (the shift-and-add stays f64). copysign(code lsb, v)
 * equals code lsb sign(v) exactly (a code of 0 keeps the sign of a zero v).
 */
export function convertBipolarNoisy(values: usize, sigma: usize, draws: usize, outputs: i32, slices: i32, sliceWeight: usize,
  digital: usize, invLsb: f64, lsb: f64, maxCode: f64, planeWeight: f64): void {
  convertNoisy<f64>(values, sigma, draws, outputs, slices, sliceWeight, digital, invLsb, lsb, maxCode, planeWeight);
}

/** convertBipolarNoisy with draws of type T (f64: rounded to f32 here; f32: stored rounded by fillNormalsF32). */
// @ts-ignore: decorator
@inline
function convertNoisy<T>(values: usize, sigma: usize, draws: usize, outputs: i32, slices: i32, sliceWeight: usize,
  digital: usize, invLsb: f64, lsb: f64, maxCode: f64, planeWeight: f64): void {
  const inv = <f32>invLsb;
  const top = <f32>maxCode;
  let c: usize = 0;
  for (let o = 0; o < outputs; o++) {
    let sum: f64 = 0;
    for (let s = 0; s < slices; s++) {
      const v = (load<f32>(values + (c << 2)) + load<f32>(sigma + (c << 2)) * <f32>load<T>(draws + (c << alignof<T>()))) * inv;
      const code = min(floor(abs(v) + <f32>0.5), top);
      sum += copysign(<f64>code * lsb, <f64>v) * load<f64>(sliceWeight + ((<usize>s) << 3));
      c++;
    }
    const d = digital + ((<usize>o) << 3);
    store<f64>(d, load<f64>(d) + sum * planeWeight);
  }
}

// FastNormal.fill (src/sim/nonideal/normal.ts) in the kernel: xoshiro128** bits and the 128-layer ziggurat, with
// the tables (kn, wn, fn: f64 x 128) computed in JS. The state lives here between calls; the caller sets and reads
// it. The slow path (tail or wedge, ~1% of draws) is FastNormal.slowPath step for step: its log and exp are ports
// of V8's Math.log and Math.exp (wasm/lib/ieee754.ts), so the stream is FastNormal's bit for bit.
let x0: i32 = 0;
let x1: i32 = 0;
let x2: i32 = 0;
let x3: i32 = 0;

export function setState(a: i32, b: i32, c: i32, d: i32): void {
  x0 = a;
  x1 = b;
  x2 = c;
  x3 = d;
}

export function getState(k: i32): i32 {
  return k == 0 ? x0 : k == 1 ? x1 : k == 2 ? x2 : x3;
}

/** normal.ts SQUEEZE_MARGIN. */
const SQUEEZE_MARGIN: f64 = 1e-12;

/** Right edge of the ziggurat's base layer (normal.ts R_TAIL). */
const R_TAIL: f64 = 3.442619855899;

/** The next 32 bits of the state in x0..x3 (FastNormal.nextInt32). */
function nextInt32(): i32 {
  const s1 = x1;
  const r = rotl<i32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  x2 ^= x0;
  x3 ^= s1;
  x1 ^= x2;
  x0 ^= x3;
  x2 ^= t;
  x3 = rotl<i32>(x3, 11);
  return r;
}

/** Uniform in (0, 1) (FastNormal.uniform). */
// @ts-ignore: decorator
@inline
function uniform(): f64 {
  return (<f64><u32>nextInt32() + 0.5) / 4294967296.0;
}

/** The tail of the base layer for the bits hz (FastNormal.slowPath's iz == 0), drawing from x0..x3. */
function tailPath(hz: i32): f64 {
  let x: f64;
  let y: f64;
  do {
    x = -log(uniform()) / R_TAIL;
    y = -log(uniform());
  } while (y + y < x * x);
  return hz > 0 ? R_TAIL + x : -R_TAIL - x;
}

/**
 * out[0..n-1] = standard normals (FastNormal.fill's draws, from the state in x0..x3). The fast path keeps the state
 * in locals, nextInt32 inlined by hand: calling nextInt32 on the globals measured ~20% slower per draw.
 */
export function fillNormals(out: usize, n: i32, kn: usize, wn: usize, fn: usize, squeeze: usize): void {
  fillAs<f64>(out, n, kn, wn, fn, squeeze);
}

/**
 * fillNormals with each draw rounded to f32 as it is stored (half the bytes): the conversion rounds every draw to
 * f32 before it uses it (docs/nonidealities.md, sixteenth pass), so the batched conversions read the same values.
 */
export function fillNormalsF32(out: usize, n: i32, kn: usize, wn: usize, fn: usize, squeeze: usize): void {
  fillAs<f32>(out, n, kn, wn, fn, squeeze);
}

/**
 * kn and wn interleaved (kn[i] at KW + 16 i, wn[i] at + 8), so a draw takes both from one address; built from the
 * tables at kn and wn when a fill is passed other pointers than the last (the tables at a pointer never change:
 * bandKernel.ts writes them once, when it lays out the kernel's memory).
 */
const KW: usize = memory.data(128 << 4, 16);
let kwKn: usize = 0;
let kwWn: usize = 0;

/** fillNormals storing each draw as a T at out + k sizeof<T>. */
// @ts-ignore: decorator
@inline
function fillAs<T>(out: usize, n: i32, kn: usize, wn: usize, fn: usize, squeeze: usize): void {
  if (kn != kwKn || wn != kwWn) {
    for (let i: usize = 0; i < 128; i++) {
      store<f64>(KW + (i << 4), load<f64>(kn + (i << 3)));
      store<f64>(KW + (i << 4), load<f64>(wn + (i << 3)), 8);
    }
    kwKn = kn;
    kwWn = wn;
  }
  let p = out;
  const end = out + ((<usize>n) << alignof<T>());
  // The state stays in locals through both paths; it goes to the globals only around the base layer's tail
  // (tailPath, ~0.06% of draws) and at the end.
  let s0 = x0;
  let s1 = x1;
  let s2 = x2;
  let s3 = x3;
  while (p < end) {
    // A run of fast-path draws up to the first miss (the loop the misses leave is small and call-free).
    let miss = 0;
    for (; p < end; p += sizeof<T>()) {
      const r = rotl<i32>(s1 * 5, 7) * 9;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl<i32>(s3, 11);
      const rec = KW + ((<usize>(r << 4)) & 2032); // layer r & 127, 16 bytes a layer
      const hz = <f64>r;
      if (abs(hz) >= load<f64>(rec)) {
        miss = r;
        break;
      }
      store<T>(p, <T>(hz * load<f64>(rec, 8)));
    }
    if (p >= end) break;
    // The miss: FastNormal.slowPath step for step, the wedge on the locals, one generator step per turn (the wedge
    // point's uniform, or after a rejected point the next draw's bits). In the fill's own loop rather than a function:
    // the state stays in registers, not written to the globals and read back around a call (~1.5% of a fill's time
    // in a microbenchmark). The generator step is written out here as in the fast loop: nextInt32 works on the globals.
    let hz = miss;
    let iz = <usize>(hz & 127);
    let result: f64 = 0;
    let rejected = false;
    let x = <f64>hz * load<f64>(KW + (iz << 4), 8);
    for (;;) {
      if (iz == 0) {
        x0 = s0;
        x1 = s1;
        x2 = s2;
        x3 = s3;
        result = tailPath(hz);
        s0 = x0;
        s1 = x1;
        s2 = x2;
        s3 = x3;
        break;
      }
      const r = rotl<i32>(s1 * 5, 7) * 9;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl<i32>(s3, 11);
      if (rejected) {
        // r: the next draw's bits (FastNormal.slowPath's loop turn).
        hz = r;
        iz = <usize>(hz & 127);
        if (abs(<f64>hz) < load<f64>(KW + (iz << 4))) {
          result = <f64>hz * load<f64>(KW + (iz << 4), 8);
          break;
        }
        x = <f64>hz * load<f64>(KW + (iz << 4), 8);
        rejected = false;
        continue;
      }
      const f = load<f64>(fn + (iz << 3));
      const y = f + (<f64><u32>r + 0.5) / 4294967296.0 * (load<f64>(fn + ((iz - 1) << 3)) - f);
      // The squeeze (normal.ts SQUEEZE): lines under and over exp(-x^2/2) on this wedge decide most points without
      // exp; only a point within SQUEEZE_MARGIN of them takes the exact test, so every decision is the exact test's.
      // max(A, B) - m is max(A - m, B - m) and min(C, D) + m is min(C + m, D + m) (rounding is monotonic), so the tests
      // are two compares each, without f64.max / f64.min (V8 compiles them to branches on the operands).
      const ax = abs(x);
      const sq = squeeze + (iz << 6);
      const under = <i32>(y < load<f64>(sq) + load<f64>(sq, 8) * ax - SQUEEZE_MARGIN) | <i32>(y < load<f64>(sq, 16) + load<f64>(sq, 24) * ax - SQUEEZE_MARGIN);
      const over = <i32>(y <= load<f64>(sq, 32) + load<f64>(sq, 40) * ax + SQUEEZE_MARGIN) & <i32>(y <= load<f64>(sq, 48) + load<f64>(sq, 56) * ax + SQUEEZE_MARGIN);
      if (under != 0 || (over != 0 && y < exp(-0.5 * x * x))) {
        result = x;
        break;
      }
      rejected = true;
    }
    store<T>(p, <T>result);
    p += sizeof<T>();
  }
  x0 = s0;
  x1 = s1;
  x2 = s2;
  x3 = s3;
}

// Layer-level helpers (src/sim/nonideal/layer.ts keeps each slot's read cache in this memory, so a read writes its
// columns where the conversion reads them, with no copies through JS).

/**
 * A differential pair's read (columns c and cols + c are twins; values and sigma f32): with `withSigma`, sigma[c] =
 * sqrt(sigma[c]^2 + sigma[cols + c]^2) (one draw per pair); then values[c] = values[c] - values[cols + c]. The
 * expressions of layer.ts readAnalog, in its order, in f32 (docs/nonidealities.md, sixteenth pass).
 */
export function pairCombine(values: usize, sigma: usize, cols: i32, withSigma: bool): void {
  const twin = (<usize>cols) << 2;
  // Four columns per f32x4 (the same IEEE operations lane by lane), a scalar tail.
  let c0 = 0;
  for (; c0 + 3 < cols; c0 += 4) {
    const at = (<usize>c0) << 2;
    if (withSigma) {
      const a = v128.load(sigma + at);
      const b = v128.load(sigma + at + twin);
      v128.store(sigma + at, f32x4.sqrt(f32x4.add(f32x4.mul(a, a), f32x4.mul(b, b))));
    }
    v128.store(values + at, f32x4.sub(v128.load(values + at), v128.load(values + at + twin)));
  }
  for (let c = c0; c < cols; c++) {
    const at = (<usize>c) << 2;
    if (withSigma) {
      const a = load<f32>(sigma + at);
      const b = load<f32>(sigma + at + twin);
      store<f32>(sigma + at, sqrt<f32>(a * a + b * b));
    }
    store<f32>(values + at, load<f32>(values + at) - load<f32>(values + at + twin));
  }
}

/**
 * Every read of one layer multiply: digital[o] = 0, then per read r (in order) convertBipolarNoisy of its values and
 * sigma with the draws draws[r * cols ..] (cols = outputs * slices; f32, as fillNormalsF32 stores them). A read's record at table + 48 r is six f64:
 * values pointer, sigma pointer, invLsb, lsb, maxCode, planeWeight. The same sums as one call per read.
 */
export function convertReads(table: usize, nReads: i32, draws: usize, outputs: i32, slices: i32, sliceWeight: usize,
  digital: usize): void {
  convertRecords(table, nReads, nReads, draws, outputs, slices, sliceWeight, digital);
}

/**
 * Where touches (loads of lines before they are needed: convertRecords, readPositions) leave the words they loaded,
 * so that the loads are kept; nothing reads it.
 */
const TOUCHED: usize = memory.data(4, 4);

/**
 * convertReads over records 0 .. nReads - 1 of table; before converting record r it loads one word per cache line of
 * record r + 1's values and sigmas (r + 1 < listed): their reads sit in scattered read-cache blocks (a conv layer's
 * positions), so each record's first loads would otherwise wait on memory after the record before had finished. The
 * touched words go nowhere but TOUCHED; the sums are convertReads'.
 */
// @ts-ignore: decorator
@inline
function convertRecords(table: usize, nReads: i32, listed: i32, draws: usize, outputs: i32, slices: i32, sliceWeight: usize,
  digital: usize, steps: i32 = 1, stepDrawBytes: usize = 0, stepDigitalBytes: usize = 0): void {
  for (let s = 0; s < steps; s++) memory.fill(digital + stepDigitalBytes * <usize>s, 0, (<usize>outputs) << 3);
  const step = (<usize>(outputs * slices)) << 2;
  let d = draws;
  let touched: i32 = 0;
  for (let r = 0; r < nReads; r++) {
    const rec = table + (<usize>r) * 48;
    if (r + 1 < listed) {
      const nextValues = <usize>load<f64>(rec, 48);
      const nextSigma = <usize>load<f64>(rec, 56);
      for (let at: usize = 0; at < step; at += 64) {
        touched ^= load<i32>(nextValues + at);
        if (nextSigma != 0) touched ^= load<i32>(nextSigma + at);
      }
    }
    const values = <usize>load<f64>(rec);
    const sigma = <usize>load<f64>(rec, 8);
    const invLsb = load<f64>(rec, 16);
    const lsb = load<f64>(rec, 24);
    const maxCode = load<f64>(rec, 32);
    const planeWeight = load<f64>(rec, 40);
    // Every step's multiply of this record while its values and sigmas are in cache (convertPositionsSteps).
    for (let s = 0; s < steps; s++) {
      const ds = d + stepDrawBytes * <usize>s;
      const os = digital + stepDigitalBytes * <usize>s;
      if (slices == 2) convertBipolarNoisy2(values, sigma, ds, outputs, sliceWeight, os, invLsb, lsb, maxCode, planeWeight);
      else convertNoisy<f32>(values, sigma, ds, outputs, slices, sliceWeight, os, invLsb, lsb, maxCode, planeWeight);
    }
    d += step;
  }
  store<i32>(TOUCHED, touched);
}

/** Whether x is 2^e with |e| <= 60 (a slice's or an input-bit plane's weight: scaling by it never rounds). */
// @ts-ignore: decorator
@inline
function smallPowerOfTwo(x: f64): bool {
  const bits = reinterpret<u64>(x);
  const e = <i32>(bits >> 52) - 1023; // the sign bit makes e > 1024
  return (bits & 0x000FFFFFFFFFFFFF) == 0 && e >= -60 && e <= 60;
}

/**
 * convertBipolarNoisy2's loop constants, 16 bytes each: f32x4 1/lsb (written per call), f32x4 maxCode (per call),
 * f64x2 lsb x sliceWeight[s] x planeWeight (per call), the f32 sign bit, f32 0.5. The loop loads them from here: V8
 * (Node 20) does not hoist a splat or a v128.const out of a wasm loop, and rebuilt them on every step (2-4 instructions
 * each, from its `--print-wasm-code`), where a load from this address is one.
 */
const CONVERT_CONSTANTS: usize = memory.data<u32>([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000], 16);

/**
 * convertBipolarNoisy (f32 draws) for two slices per output, two outputs (4 columns) per f32x4: the same f32 operations lane by
 * lane (|v| as v without its sign bit, copysign as the sign bit of v or-ed into code >= 0, and the clip as
 * f32x4.pmin(code, maxCode): one minps where f32x4.min's NaN and signed-zero rules cost seven instructions; it is min
 * for code >= +0 and keeps a NaN code NaN). In f64 the scalar loop adds t_s = (signed code x lsb) x sliceWeight[s] as
 * digital[o] += ((0 + t0) + t1) x planeWeight; here, two outputs at once, digital[o] += c0 k0 + c1 k1 with
 * k_s = lsb x sliceWeight[s] x planeWeight, the same number when the weights are powers of two and lsb is far from the
 * f64 range's ends: scaling by 2^e commutes with rounding, so c k_s = fl(c lsb) 2^e, and the sum of two such terms is
 * the scalar sum times planeWeight. The scalar sum's 0 + only turns a -0 into +0, which leaves digital[o] as it was (a
 * sum that starts at +0 never becomes -0). Other weights or step sizes, and an odd last output, take the scalar loop.
 * Inlined into convertRecords' record loop (no call per record and step: the minimum of a microbenchmark's rounds
 * 1.08 -> 0.99 ns per column).
 */
// @ts-ignore: decorator
@inline
function convertBipolarNoisy2(values: usize, sigma: usize, draws: usize, outputs: i32, sliceWeight: usize, digital: usize,
  invLsb: f64, lsb: f64, maxCode: f64, planeWeight: f64): void {
  const sw0 = load<f64>(sliceWeight);
  const sw1 = load<f64>(sliceWeight, 8);
  const lsbExponent = <i32>(reinterpret<u64>(lsb) >> 52) - 1023;
  let o = 0;
  if (smallPowerOfTwo(sw0) && smallPowerOfTwo(sw1) && smallPowerOfTwo(planeWeight) && lsbExponent >= -900 && lsbExponent <= 900) {
    v128.store(CONVERT_CONSTANTS, f32x4.splat(<f32>invLsb));
    v128.store(CONVERT_CONSTANTS, f32x4.splat(<f32>maxCode), 16);
    v128.store(CONVERT_CONSTANTS, f64x2.mul(f64x2.mul(f64x2.splat(lsb), v128.load(sliceWeight)), f64x2.splat(planeWeight)), 32); // exact: powers of two
    for (; o + 1 < outputs; o += 2) {
      const at = (<usize>o) << 3;
      const signBit = v128.load(CONVERT_CONSTANTS, 48);
      const v = f32x4.mul(f32x4.add(v128.load(values + at), f32x4.mul(v128.load(sigma + at), v128.load(draws + at))), v128.load(CONVERT_CONSTANTS));
      const code = f32x4.pmin(f32x4.floor(f32x4.add(v128.andnot(v, signBit), v128.load(CONVERT_CONSTANTS, 64))), v128.load(CONVERT_CONSTANTS, 16));
      const signed = v128.or(code, v128.and(v, signBit));
      const k = v128.load(CONVERT_CONSTANTS, 32);
      const ta = f64x2.mul(f64x2.promote_low_f32x4(signed), k);
      const tb = f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(signed, signed, 2, 3, 0, 1)), k);
      const d = digital + ((<usize>o) << 3);
      v128.store(d, f64x2.add(v128.load(d), f64x2.add(v128.shuffle<f64>(ta, tb, 0, 2), v128.shuffle<f64>(ta, tb, 1, 3))));
    }
  }
  if (o < outputs) convertNoisy<f32>(values + ((<usize>o) << 3), sigma + ((<usize>o) << 3), draws + ((<usize>o) << 3), outputs - o, 2, sliceWeight,
    digital + ((<usize>o) << 3), invLsb, lsb, maxCode, planeWeight);
}

/**
 * convertReads for several positions of one layer at once (a conv layer's output positions, in order): position p
 * takes the next counts[p] records and their draws, and its sums go to digital[p * outputs ..]. The same numbers as
 * one convertReads per position.
 */
export function convertPositions(table: usize, counts: usize, positions: i32, draws: usize, outputs: i32, slices: i32,
  sliceWeight: usize, digital: usize): void {
  convertPositionsSteps(table, counts, positions, draws, outputs, slices, sliceWeight, digital, 1, 0);
}

/**
 * convertPositions for `steps` multiplies of the same reads (the direct-coded first layer's timesteps: the same records,
 * fresh noise each step): step s takes its draws from draws + s stepDraws f32 (each step's draws in record order, as
 * convertPositions takes them) and sums into digital + s positions outputs f64. Per step, position and output the
 * records are added in their order, so each step's sums are one convertPositions call's. A record is converted for
 * every step while its values and sigmas are in cache (convertRecords): they sit in scattered read-cache blocks, which
 * one call per step would fetch again (docs/nonidealities.md, twenty-fourth pass).
 */
export function convertPositionsSteps(table: usize, counts: usize, positions: i32, draws: usize, outputs: i32, slices: i32,
  sliceWeight: usize, digital: usize, steps: i32, stepDraws: i32): void {
  let rec = table;
  let d = draws;
  const recBytes = <usize>48;
  const drawBytes = (<usize>(outputs * slices)) << 2;
  const stepDrawBytes = (<usize>stepDraws) << 2;
  const stepDigitalBytes = (<usize>(positions * outputs)) << 3;
  let listed = 0;
  for (let p = 0; p < positions; p++) listed += load<i32>(counts + ((<usize>p) << 2));
  for (let p = 0; p < positions; p++) {
    const n = load<i32>(counts + ((<usize>p) << 2));
    convertRecords(rec, n, listed, d, outputs, slices, sliceWeight, digital + (<usize>(p * outputs) << 3), steps, stepDrawBytes, stepDigitalBytes);
    listed -= n;
    rec += recBytes * <usize>n;
    d += drawBytes * <usize>n;
  }
}

// A layer's deterministic reads in one call (src/sim/nonideal/bandReads.ts): layer.ts readAnalog for a
// differential-pair layer, input quantisation, row lists and every changed band's reads, with the same expressions
// in the same order as the JS path (readBandAt, readWithIr, pairCombine).

/**
 * Per 4-bit mask m, the i8x16.swizzle that moves the i32 lanes whose bit is set in m to the front, in lane order (the
 * rest repeat lane 0): readBands' row lists four rows at a time.
 */
const PACK_LANES: usize = memory.data<u8>([
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3,
  8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3,
  12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15, 0, 1, 2, 3,
  8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
], 16);

/** Bytes per band record of readBands' table: 9 f64 (cell, noise, rows, start, f1, f2, pedestal, alphaSq, rowStride). */
const BAND_RECORD: usize = 72;

/** Math.round (V8: round half up, exact for every double): ceil, less one when that overshoots by more than 1/2. */
// @ts-ignore: decorator
@inline
function roundHalfUp(y: f64): f64 {
  const r = ceil(y);
  return r - 0.5 > y ? r - 1.0 : r;
}

/**
 * memory.compare(a, b, bytes) == 0 (bytes a multiple of 4), 16 bytes per step: the same answer (byte equality), without
 * memory.compare's 8-byte loop (a conv2 position compares 1.6 KB of input, then its bands' quantised rows).
 */
function sameBytes(a: usize, b: usize, bytes: usize): bool {
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) if (v128.any_true(v128.xor(v128.load(a + i), v128.load(b + i)))) return false;
  for (; i < bytes; i += 4) if (load<u32>(a + i) != load<u32>(b + i)) return false;
  return true;
}

/**
 * Quantise x (f32, `inputs`) into xInt (device.ts quantizeDirectInput for direct input: 0 at or below 0, `maxCode`
 * at or above 1, else round(v maxCode); else 1 for a spike, 0 for none) and return the sum of xInt. The sum is an i32
 * (at most inputs x maxCode, far below 2^31), so it equals the f64 sum of the same integers exactly; a spike input
 * goes four at a time (f32 x != 0 lane by lane is the scalar test: -0 is no spike, NaN is one).
 */
function quantizeInput(x: usize, inputs: i32, direct: bool, maxCode: f64, xInt: usize): f64 {
  let sum: i32 = 0;
  let i = 0;
  if (!direct) {
    const zero = f32x4.splat(0);
    const one = i32x4.splat(1);
    let acc = i32x4.splat(0);
    for (; i + 3 < inputs; i += 4) {
      const q = v128.and(f32x4.ne(v128.load(x + ((<usize>i) << 2)), zero), one);
      v128.store(xInt + ((<usize>i) << 2), q);
      acc = i32x4.add(acc, q);
    }
    sum = i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
  }
  for (; i < inputs; i++) {
    const v = <f64>load<f32>(x + ((<usize>i) << 2));
    let q: i32;
    if (direct) q = v <= 0 ? 0 : v >= 1 ? <i32>maxCode : v != v ? 0 : <i32>roundHalfUp(v * maxCode);
    else q = v != 0 ? 1 : 0;
    store<i32>(xInt + ((<usize>i) << 2), q);
    sum += q;
  }
  return <f64>sum;
}

/**
 * One band read of rows list[0..n-1] into values (and, with `sigma` != 0, the sigmas; 0 when the band has no noise),
 * band.ts readBandAt, then pairCombine of its `cols` weight columns and their twins (totalCols = 2 cols; an IR read
 * with a multiple of 4 weight columns combines in registers: gatherFinishPairIr); returns the columns above the series
 * limit (their values are NaN and the twins are not combined: the caller reads them in JS).
 */
function readOne(rec: usize, list: usize, n: i32, stride: i32, cols: i32, totalCols: i32, values: usize, sigma: usize, w1: usize, w2: usize,
  s: usize, t1: usize, t2: usize, q: usize, seriesLimit: f64): i32 {
  const cell = <usize>load<f64>(rec);
  const noise = sigma != 0 ? <usize>load<f64>(rec, 8) : 0;
  if (sigma != 0 && noise == 0) memory.fill(sigma, 0, (<usize>totalCols) << 2);
  const alphaSq = load<f64>(rec, 56);
  const rowStride = <i32>load<f64>(rec, 64);
  if (alphaSq > 0) {
    const f1 = <usize>load<f64>(rec, 32);
    const f2 = <usize>load<f64>(rec, 40);
    const g0 = load<f64>(rec, 48);
    let sumF1: f64 = 0;
    let sumF2: f64 = 0;
    if (n <= ROWS_AT_ONCE && (cols & 3) == 0 && totalCols == 2 * cols && (noise != 0 || sigma == 0)) {
      // gatherFinishPairIr with its rowPointers taken in the same pass as the weight sums (no w1 / w2 copy).
      for (let a = 0; a < n; a++) {
        const row = load<i32>(list + ((<usize>a) << 2));
        const i = (<usize>row) << 3;
        const a1 = load<f64>(f1 + i);
        const a2 = load<f64>(f2 + i);
        sumF1 += a1;
        sumF2 += a2;
        const ra = ROWS + ROW_RECORD * <usize>a;
        store<usize>(ra, cell + ((<usize>(row * rowStride)) << 2), 32);
        v128.store(ra, f32x4.splat(<f32>a1));
        v128.store(ra, f32x4.splat(<f32>a2), 16);
      }
      return pairFromRows(cell, noise, n, cols, g0 * <f64>n, alphaSq, g0 * sumF1, g0 * sumF2, seriesLimit, values, sigma);
    }
    for (let a = 0; a < n; a++) {
      const i = (<usize>load<i32>(list + ((<usize>a) << 2))) << 3;
      const a1 = load<f64>(f1 + i);
      const a2 = load<f64>(f2 + i);
      store<f64>(w1 + ((<usize>a) << 3), a1);
      store<f64>(w2 + ((<usize>a) << 3), a2);
      sumF1 += a1;
      sumF2 += a2;
    }
    const exact = gatherFinishIr(cell, noise, stride, rowStride, list, n, w1, w2, s, t1, t2, q, totalCols, g0 * <f64>n, alphaSq, g0 * sumF1,
      g0 * sumF2, seriesLimit, values, sigma);
    if (exact == 0) pairCombine(values, sigma, cols, sigma != 0);
    return exact;
  }
  if (noise != 0) gatherSQ(cell, noise, stride, rowStride, list, n, s, q);
  else gatherS(cell, stride, rowStride, list, n, s);
  finishPlain(totalCols, s, q, noise != 0, values, sigma);
  pairCombine(values, sigma, cols, sigma != 0);
  return 0;
}

/**
 * layer.ts readAnalog for a differential-pair layer: quantise x, then per band whose quantised rows differ from
 * lastInt (or every band without `hasLast`) the row lists per input-bit plane (ascending rows), planeCount[b planes
 * + p], each plane's read into values / sigma + 8 stride (b planes + p) and pairCombine of its `cols` weight columns;
 * finally lastInt = xInt. A read with columns above the series limit is listed in exact (exact[0] = count, then the
 * read indices) and left for the caller. Returns the sum of the quantised input.
 */
export function readBands(table: usize, nBands: i32, x: usize, inputs: i32, direct: bool, maxCode: f64, xInt: usize, lastInt: usize,
  hasLast: bool, planes: i32, lists: usize, listCap: i32, planeCount: usize, values: usize, sigma: usize, stride: i32, cols: i32,
  totalCols: i32, w1: usize, w2: usize, s: usize, t1: usize, t2: usize, q: usize, seriesLimit: f64, exact: usize): f64 {
  const sumX = quantizeInput(x, inputs, direct, maxCode, xInt);
  let nExact = 0;
  const readBytes = (<usize>stride) << 2; // f32 per column
  for (let b = 0; b < nBands; b++) {
    const rec = table + (<usize>b) * BAND_RECORD;
    const rows = <i32>load<f64>(rec, 16);
    const start = (<usize>(<i32>load<f64>(rec, 24))) << 2;
    if (hasLast && sameBytes(xInt + start, lastInt + start, (<usize>rows) << 2)) continue; // unchanged band
    const at = b * planes;
    const counts = planeCount + ((<usize>at) << 2);
    memory.fill(counts, 0, (<usize>planes) << 2);
    // The lists without data-dependent branches per row and plane (spikes and pixel bits are close to random, so such
    // branches mispredict): a row is written at the list's end and counted only when driven; a pixel's planes are
    // visited by its set bits (lowest first). Each list still holds its rows in ascending order.
    if (planes == 1) {
      // Four rows a step: the driven rows' indices moved to the front by the shuffle for their mask, stored at the
      // list's end (n <= r, so the four lanes stay within the band's rows).
      let n = 0;
      let r = 0;
      let idx = i32x4(0, 1, 2, 3);
      for (; r + 4 <= rows; r += 4) {
        const m = i32x4.bitmask(i32x4.ne(v128.load(xInt + start + ((<usize>r) << 2)), i32x4.splat(0)));
        v128.store(lists + ((<usize>n) << 2), i8x16.swizzle(idx, v128.load(PACK_LANES + ((<usize>m) << 4))));
        n += <i32>popcnt<i32>(m);
        idx = i32x4.add(idx, i32x4.splat(4));
      }
      for (; r < rows; r++) {
        store<i32>(lists + ((<usize>n) << 2), r);
        n += <i32>(load<i32>(xInt + start + ((<usize>r) << 2)) != 0);
      }
      store<i32>(counts, n);
    } else {
      for (let r = 0; r < rows; r++) {
        let v = load<i32>(xInt + start + ((<usize>r) << 2)) & ((1 << planes) - 1);
        while (v != 0) {
          const p = ctz<i32>(v);
          v &= v - 1;
          const c = counts + ((<usize>p) << 2);
          const m = load<i32>(c);
          store<i32>(lists + ((<usize>(p * listCap + m)) << 2), r);
          store<i32>(c, m + 1);
        }
      }
    }
    for (let p = 0; p < planes; p++) {
      const n = load<i32>(counts + ((<usize>p) << 2));
      if (n == 0) continue;
      const k = <usize>(at + p);
      const v = values + readBytes * k;
      const sg = sigma != 0 ? sigma + readBytes * k : 0;
      const list = lists + ((<usize>(p * listCap)) << 2);
      // readOne combines the twins (pairCombine) unless the read has exact columns (left for the caller).
      if (readOne(rec, list, n, stride, cols, totalCols, v, sg, w1, w2, s, t1, t2, q, seriesLimit) > 0) {
        nExact++;
        store<i32>(exact + ((<usize>nExact) << 2), <i32>k);
      }
    }
  }
  store<i32>(exact, nExact);
  memory.copy(lastInt, xInt, (<usize>inputs) << 2);
  return sumX;
}

/**
 * readBands for a conv layer's output positions from `from` on, and their convertPositions records (layer.ts
 * batchPositions). Position p's input is xs + 4 inputs p; its read cache block is at slots[p] (values, with `noisy`
 * the sigmas, then planeCount, lastInt and lastX: src/sim/nonideal/readCache.ts). A position is re-read only when
 * flags[p] is 0 (no last read) or its input's bytes differ from lastX (a cache: re-reading gives the same numbers).
 * Then its records (readConvert.ts records: values and sigma pointers, per band invLsb, lsb and maxCode from conv,
 * 2^plane), from record state[0] on, and counts[p] = its record count; state[0] = the records so far. Stops after a
 * position with exact reads (listed in exact, see readBands): returns the next position to take (positions when done).
 */
export function readPositions(from: i32, positions: i32, xs: usize, slots: usize, flags: usize, state: usize, recs: usize,
  counts: usize, conv: usize, reads: i32, noisy: bool, table: usize, nBands: i32, inputs: i32, direct: bool, maxCode: f64, xInt: usize,
  planes: i32, lists: usize, listCap: i32, stride: i32, cols: i32, totalCols: i32, w1: usize, w2: usize, s: usize, t1: usize, t2: usize,
  q: usize, seriesLimit: f64, exact: usize): i32 {
  const readBytes = (<usize>stride) << 2; // f32 per column
  const valuesBytes = readBytes * <usize>reads;
  const countsAt = noisy ? 2 * valuesBytes : valuesBytes;
  const lastIntAt = countsAt + ((<usize>reads) << 2);
  const xBytes = (<usize>inputs) << 2;
  const lastXAt = lastIntAt + xBytes;
  let n = load<i32>(state);
  let touched: i32 = 0;
  const touchBytes = min<usize>(xBytes, 256); // within the block: lastX ends it, the counts come before
  for (let p = from; p < positions; p++) {
    const base = <usize>load<i32>(slots + ((<usize>p) << 2));
    const x = xs + <usize>p * xBytes;
    if (p + 1 < positions) {
      // The next position's plane counts and last input, first lines: its block is elsewhere in the arena, so
      // these loads would otherwise wait on memory when the loop gets there (see convertRecords).
      const next = <usize>load<i32>(slots + ((<usize>(p + 1)) << 2));
      for (let at: usize = 0; at < touchBytes; at += 64) touched ^= load<i32>(next + countsAt + at) ^ load<i32>(next + lastXAt + at);
    }
    const hasLast = load<i32>(flags + ((<usize>p) << 2)) != 0;
    store<i32>(exact, 0);
    if (!hasLast || !sameBytes(x, base + lastXAt, xBytes)) {
      readBands(table, nBands, x, inputs, direct, maxCode, xInt, base + lastIntAt, hasLast, planes, lists, listCap, base + countsAt, base,
        noisy ? base + valuesBytes : 0, stride, cols, totalCols, w1, w2, s, t1, t2, q, seriesLimit, exact);
      memory.copy(base + lastXAt, x, xBytes);
    }
    const before = n;
    // Read r = b planes + pl, by band and plane (no integer division per read).
    for (let b = 0, r = 0; b < nBands; b++) {
      const cv = conv + <usize>b * 24;
      for (let pl = 0; pl < planes; pl++, r++) {
        if (load<i32>(base + countsAt + ((<usize>r) << 2)) == 0) continue;
        const rec = recs + <usize>n * 48;
        store<f64>(rec, <f64>(base + readBytes * <usize>r));
        store<f64>(rec, noisy ? <f64>(base + valuesBytes + readBytes * <usize>r) : 0, 8);
        store<f64>(rec, load<f64>(cv), 16);
        store<f64>(rec, load<f64>(cv, 8), 24);
        store<f64>(rec, load<f64>(cv, 16), 32);
        store<f64>(rec, <f64>(1 << pl), 40);
        n++;
      }
    }
    store<i32>(counts + ((<usize>p) << 2), n - before);
    if (load<i32>(exact) > 0) {
      store<i32>(state, n);
      store<i32>(TOUCHED, touched);
      return p + 1;
    }
  }
  store<i32>(state, n);
  store<i32>(TOUCHED, touched);
  return positions;
}

/**
 * A conv layer's im2col in the kernel (layer.ts mvmGathered): out[j] = input[gather[j]] for j < n, +0 where
 * gather[j] < 0 (padding). input: the layer's input map as f32 (the values SnnRunner's JS gather stored as f32),
 * gather: i32 indices; so out holds the same bytes as the JS gather's positions x inputs array.
 */
export function gatherPositions(input: usize, gather: usize, n: i32, out: usize): void {
  // Four entries a step: each lane loaded from its index (input[0] for a negative one), then zeroed where the index
  // is negative: the same bytes as the scalar loop.
  let j = 0;
  const zero = i32x4.splat(0);
  for (; j + 4 <= n; j += 4) {
    const at = (<usize>j) << 2;
    const idx = v128.load(gather + at);
    const from = i32x4.max_s(idx, zero);
    let v = v128.load32_lane(input + ((<usize>i32x4.extract_lane(from, 0)) << 2), zero, 0);
    v = v128.load32_lane(input + ((<usize>i32x4.extract_lane(from, 1)) << 2), v, 1);
    v = v128.load32_lane(input + ((<usize>i32x4.extract_lane(from, 2)) << 2), v, 2);
    v = v128.load32_lane(input + ((<usize>i32x4.extract_lane(from, 3)) << 2), v, 3);
    v128.store(out + at, v128.and(v, i32x4.ge_s(idx, zero)));
  }
  for (; j < n; j++) {
    const idx = load<i32>(gather + ((<usize>j) << 2));
    store<f32>(out + ((<usize>j) << 2), idx < 0 ? <f32>0 : load<f32>(input + ((<usize>idx) << 2)));
  }
}

/** out[j] = f32(digital[j] * scale) for j < n: a batch's outputs in real units (layer.ts batchPositions). */
export function scaleOutputs(digital: usize, n: i32, scale: f64, out: usize): void {
  for (let j = 0; j < n; j++) store<f32>(out + ((<usize>j) << 2), <f32>(load<f64>(digital + ((<usize>j) << 3)) * scale));
}
