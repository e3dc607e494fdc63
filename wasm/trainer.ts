// Learning-trainer kernels (AssemblyScript, WebAssembly SIMD) for src/snn/learn (docs/training.md "Trainer speed"),
// every result bit-identical to the scalar JS loops they replaced:
// - JS computes `x += v * w` on a Float32Array as fround(x + v * w) in f64: here f32 -> f64 (exact), an f64 multiply
//   and add (WebAssembly never fuses them), f64 -> f32 with round-to-nearest-even, the same as fround.
// - When every input value of a pass is 1 (spikes), x + 1 * w rounded through f64 equals the f32 sum x + w (double
//   rounding through f64 is innocuous for f32 addition: 53 >= 2 * 24 + 2), so those passes add f32x4 lanes directly.
// - Lanes run over the output index j: each output element receives its additions in the JS loop's order.
// Layouts: W is fanIn x n row-major f32; X, gX T x n f32; groups as neuron.ts's InputGroups (value f32, rest i32).

export function heapBase(): usize {
  return __heap_base;
}

// @ts-ignore: decorator
@inline
function ld2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

// @ts-ignore: decorator
@inline
function st2(p: usize, x: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(x), 0);
}

// @ts-ignore: decorator
@inline
function i32At(p: usize, k: i32): i32 {
  return load<i32>(p + ((<usize>k) << 2));
}

// @ts-ignore: decorator
@inline
function f32At(p: usize, k: i32): f32 {
  return load<f32>(p + ((<usize>k) << 2));
}

/** y[j] += v w[j] over j < n for one step (v = 1: f32 lanes; else f64 lanes). */
function axpy1(y: usize, v: f32, w: usize, n: i32): void {
  let j = 0;
  if (v == 1) {
    for (; j + 4 <= n; j += 4) {
      const o = (<usize>j) << 2;
      v128.store(y + o, f32x4.add(v128.load(y + o), v128.load(w + o)));
    }
  } else {
    const vv = f64x2.splat(<f64>v);
    for (; j + 2 <= n; j += 2) {
      const o = (<usize>j) << 2;
      st2(y + o, f64x2.add(ld2(y + o), f64x2.mul(vv, ld2(w + o))));
    }
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    store<f32>(y + o, <f32>(<f64>load<f32>(y + o) + <f64>v * <f64>load<f32>(w + o)));
  }
}

/** Four steps' rows of X (a..d) += their values x one weight row w: one load of w feeds all four. */
function axpy4(a: usize, b: usize, c: usize, d: usize, va: f32, vb: f32, vc: f32, vd: f32, w: usize, n: i32): void {
  let j = 0;
  if (va == 1 && vb == 1 && vc == 1 && vd == 1) {
    for (; j + 4 <= n; j += 4) {
      const o = (<usize>j) << 2;
      const x = v128.load(w + o);
      // One step at a time (load, add, store): correct even if two steps share a row of X.
      v128.store(a + o, f32x4.add(v128.load(a + o), x));
      v128.store(b + o, f32x4.add(v128.load(b + o), x));
      v128.store(c + o, f32x4.add(v128.load(c + o), x));
      v128.store(d + o, f32x4.add(v128.load(d + o), x));
    }
  } else {
    const sa = f64x2.splat(<f64>va);
    const sb = f64x2.splat(<f64>vb);
    const sc = f64x2.splat(<f64>vc);
    const sd = f64x2.splat(<f64>vd);
    for (; j + 2 <= n; j += 2) {
      const o = (<usize>j) << 2;
      const x = ld2(w + o);
      st2(a + o, f64x2.add(ld2(a + o), f64x2.mul(sa, x)));
      st2(b + o, f64x2.add(ld2(b + o), f64x2.mul(sb, x)));
      st2(c + o, f64x2.add(ld2(c + o), f64x2.mul(sc, x)));
      st2(d + o, f64x2.add(ld2(d + o), f64x2.mul(sd, x)));
    }
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    const x = <f64>load<f32>(w + o);
    store<f32>(a + o, <f32>(<f64>load<f32>(a + o) + <f64>va * x));
    store<f32>(b + o, <f32>(<f64>load<f32>(b + o) + <f64>vb * x));
    store<f32>(c + o, <f32>(<f64>load<f32>(c + o) + <f64>vc * x));
    store<f32>(d + o, <f32>(<f64>load<f32>(d + o) + <f64>vd * x));
  }
}

/**
 * Forward accumulation of one layer: X[step[p]] += value[p] W[rows[r]] for every group r < count and its entries
 * p in rowStart[r] .. rowStart[r + 1]. Each X element sums its terms in ascending row order (rows ascend).
 */
export function accumulateRows(W: usize, n: i32, rows: usize, rowStart: usize, step: usize, value: usize, count: i32, X: usize): void {
  const rowBytes = (<usize>n) << 2;
  for (let r = 0; r < count; r++) {
    const w = W + (<usize>i32At(rows, r)) * rowBytes;
    const end = i32At(rowStart, r + 1);
    let p = i32At(rowStart, r);
    for (; p + 4 <= end; p += 4) {
      axpy4(X + (<usize>i32At(step, p)) * rowBytes, X + (<usize>i32At(step, p + 1)) * rowBytes,
        X + (<usize>i32At(step, p + 2)) * rowBytes, X + (<usize>i32At(step, p + 3)) * rowBytes,
        f32At(value, p), f32At(value, p + 1), f32At(value, p + 2), f32At(value, p + 3), w, n);
    }
    for (; p < end; p++) axpy1(X + (<usize>i32At(step, p)) * rowBytes, f32At(value, p), w, n);
  }
}

/** f64 lanes of x rounded to f32 and back (a Float32Array store and load). */
// @ts-ignore: decorator
@inline
function round2(x: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x));
}

/** x + s * (two f32 at p), rounded to f32 (one link of a gradient chain). */
// @ts-ignore: decorator
@inline
function step2(x: v128, s: v128, p: usize): v128 {
  return round2(f64x2.add(x, f64x2.mul(s, ld2(p))));
}

/** f32 lanes: x + a[o] + b[o] + ... over the first k of four steps (k a constant once inlined). */
// @ts-ignore: decorator
@inline
function sum4(x: v128, k: i32, o: usize, a: usize, b: usize, c: usize, e: usize): v128 {
  x = f32x4.add(x, v128.load(a + o));
  if (k > 1) x = f32x4.add(x, v128.load(b + o));
  if (k > 2) x = f32x4.add(x, v128.load(c + o));
  if (k > 3) x = f32x4.add(x, v128.load(e + o));
  return x;
}

/** f64 lanes: the chain over the first k of four steps, every link but the last rounded (the store rounds it). */
// @ts-ignore: decorator
@inline
function chain2(x: v128, k: i32, o: usize, a: usize, b: usize, c: usize, e: usize, sa: v128, sb: v128, sc: v128, se: v128): v128 {
  if (k == 1) return f64x2.add(x, f64x2.mul(sa, ld2(a + o)));
  x = step2(x, sa, a + o);
  if (k == 2) return f64x2.add(x, f64x2.mul(sb, ld2(b + o)));
  x = step2(x, sb, b + o);
  if (k == 3) return f64x2.add(x, f64x2.mul(sc, ld2(c + o)));
  x = step2(x, sc, c + o);
  return f64x2.add(x, f64x2.mul(se, ld2(e + o)));
}

/** The vector part of a pass of k steps (k a constant once inlined); returns the first j it left to the tail. */
// @ts-ignore: decorator
@inline
function gradLanes(d: usize, k: i32, ones: bool, a: usize, b: usize, c: usize, e: usize, va: f32, vb: f32, vc: f32, ve: f32, n: i32): i32 {
  let j = 0;
  if (ones) {
    for (; j + 4 <= n; j += 4) {
      const o = (<usize>j) << 2;
      v128.store(d + o, sum4(v128.load(d + o), k, o, a, b, c, e));
    }
  } else {
    const sa = f64x2.splat(<f64>va);
    const sb = f64x2.splat(<f64>vb);
    const sc = f64x2.splat(<f64>vc);
    const se = f64x2.splat(<f64>ve);
    // Four outputs per iteration: two independent rounding chains in flight (each chain is latency-bound).
    for (; j + 4 <= n; j += 4) {
      const o = (<usize>j) << 2;
      st2(d + o, chain2(ld2(d + o), k, o, a, b, c, e, sa, sb, sc, se));
      st2(d + o + 8, chain2(ld2(d + o + 8), k, o + 8, a, b, c, e, sa, sb, sc, se));
    }
  }
  return j;
}

/** d[j] = fround(... fround(fround(d[j] + va a[j]) + vb b[j]) ...) over the k <= 4 steps given (a first). */
function gradPass(d: usize, k: i32, a: usize, b: usize, c: usize, e: usize, va: f32, vb: f32, vc: f32, ve: f32, n: i32): void {
  // Unused steps carry value 1, so `ones` looks at all four; k says how many are added.
  const ones = va == 1 && vb == 1 && vc == 1 && ve == 1;
  let j = k == 4 ? gradLanes(d, 4, ones, a, b, c, e, va, vb, vc, ve, n) : k == 3 ? gradLanes(d, 3, ones, a, b, c, e, va, vb, vc, ve, n)
    : k == 2 ? gradLanes(d, 2, ones, a, b, c, e, va, vb, vc, ve, n) : gradLanes(d, 1, ones, a, b, c, e, va, vb, vc, ve, n);
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    let x = load<f32>(d + o);
    x = <f32>(<f64>x + <f64>va * <f64>load<f32>(a + o));
    if (k > 1) x = <f32>(<f64>x + <f64>vb * <f64>load<f32>(b + o));
    if (k > 2) x = <f32>(<f64>x + <f64>vc * <f64>load<f32>(c + o));
    if (k > 3) x = <f32>(<f64>x + <f64>ve * <f64>load<f32>(e + o));
    store<f32>(d + o, x);
  }
}

/**
 * Weight-gradient accumulation: dW[rows[r]] += value[p] gX[step[p]] over each group's entries p, p descending
 * (t descending, the order of the step-by-step loop), up to four steps per pass over a dW row; each dW element is
 * rounded to f32 after every addition.
 */
export function accumulateGrad(dW: usize, n: i32, rows: usize, rowStart: usize, step: usize, value: usize, count: i32, gX: usize): void {
  const rowBytes = (<usize>n) << 2;
  for (let r = 0; r < count; r++) {
    const d = dW + (<usize>i32At(rows, r)) * rowBytes;
    const first = i32At(rowStart, r);
    let p = i32At(rowStart, r + 1) - 1;
    while (p >= first) {
      const k = min(4, p - first + 1);
      // Missing steps point at the first one with value 1 (never added: k says how many are).
      const a = gX + (<usize>i32At(step, p)) * rowBytes;
      const b = k > 1 ? gX + (<usize>i32At(step, p - 1)) * rowBytes : a;
      const c = k > 2 ? gX + (<usize>i32At(step, p - 2)) * rowBytes : a;
      const e = k > 3 ? gX + (<usize>i32At(step, p - 3)) * rowBytes : a;
      const va = f32At(value, p);
      const vb: f32 = k > 1 ? f32At(value, p - 1) : 1;
      const vc: f32 = k > 2 ? f32At(value, p - 2) : 1;
      const ve: f32 = k > 3 ? f32At(value, p - 3) : 1;
      gradPass(d, k, a, b, c, e, va, vb, vc, ve, n);
      p -= k;
    }
  }
}

/**
 * BPTT's transposed read: gS[t][i] = fround(sum over j ascending of W[i][j] gX[t][j]) in f64, for i < fanIn, t < T.
 * Lanes run over pairs of steps; `scratch` (n x T rounded up to even, f64) holds gX transposed.
 */
export function transposedRead(W: usize, fanIn: i32, n: i32, T: i32, gX: usize, gS: usize, scratch: usize): void {
  const Tp = (T + 1) & ~1;
  for (let j = 0; j < n; j++) {
    for (let t = 0; t < Tp; t++) {
      const x: f64 = t < T ? <f64>f32At(gX, t * n + j) : 0;
      store<f64>(scratch + ((<usize>(j * Tp + t)) << 3), x);
    }
  }
  for (let i = 0; i < fanIn; i++) {
    const w = W + ((<usize>(i * n)) << 2);
    for (let t = 0; t < Tp; t += 2) {
      let acc = f64x2.splat(0);
      for (let j = 0; j < n; j++) {
        const g = v128.load(scratch + ((<usize>(j * Tp + t)) << 3));
        acc = f64x2.add(acc, f64x2.mul(f64x2.splat(<f64>f32At(w, j)), g));
      }
      store<f32>(gS + ((<usize>(t * fanIn + i)) << 2), <f32>f64x2.extract_lane(acc, 0));
      if (t + 1 < T) store<f32>(gS + ((<usize>((t + 1) * fanIn + i)) << 2), <f32>f64x2.extract_lane(acc, 1));
    }
  }
}

/**
 * One Adam step over `len` weights, as trainer.ts's loop (every f32 array element rounded on store, f64 between):
 *   g_i = g[i] / batch; m[i] = b1 m[i] + (1 - b1) g_i; v[i] = b2 v[i] + (1 - b2) g_i g_i;
 *   delta[i] = -(lr (m[i] / c1)) / (sqrt(v[i] / c2) + eps); w[i] += delta[i] (when apply != 0); g[i] = 0.
 * `ob1` = 1 - b1 and `ob2` = 1 - b2 come from JS so the constants are the same f64 numbers.
 */
export function adamStep(w: usize, g: usize, m: usize, v: usize, delta: usize, len: i32, batch: f64, lr: f64,
  b1: f64, ob1: f64, b2: f64, ob2: f64, c1: f64, c2: f64, eps: f64, apply: i32): void {
  const B = f64x2.splat(batch);
  const LR = f64x2.splat(lr);
  const B1 = f64x2.splat(b1);
  const OB1 = f64x2.splat(ob1);
  const B2 = f64x2.splat(b2);
  const OB2 = f64x2.splat(ob2);
  const C1 = f64x2.splat(c1);
  const C2 = f64x2.splat(c2);
  const EPS = f64x2.splat(eps);
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    const o = (<usize>i) << 2;
    const gi = f64x2.div(ld2(g + o), B);
    const mi = f32x4.demote_f64x2_zero(f64x2.add(f64x2.mul(B1, ld2(m + o)), f64x2.mul(OB1, gi)));
    const vi = f32x4.demote_f64x2_zero(f64x2.add(f64x2.mul(B2, ld2(v + o)), f64x2.mul(f64x2.mul(OB2, gi), gi)));
    v128.store64_lane(m + o, mi, 0);
    v128.store64_lane(v + o, vi, 0);
    const num = f64x2.neg(f64x2.mul(LR, f64x2.div(f64x2.promote_low_f32x4(mi), C1)));
    const den = f64x2.add(f64x2.sqrt(f64x2.div(f64x2.promote_low_f32x4(vi), C2)), EPS);
    const di = f32x4.demote_f64x2_zero(f64x2.div(num, den));
    v128.store64_lane(delta + o, di, 0);
    if (apply) st2(w + o, f64x2.add(ld2(w + o), f64x2.promote_low_f32x4(di)));
    v128.store64_lane(g + o, f64x2.splat(0), 0);
  }
  for (; i < len; i++) {
    const o = (<usize>i) << 2;
    const gi = <f64>load<f32>(g + o) / batch;
    const mi = <f32>(b1 * <f64>load<f32>(m + o) + ob1 * gi);
    const vi = <f32>(b2 * <f64>load<f32>(v + o) + ob2 * gi * gi);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    const di = <f32>(-(lr * (<f64>mi / c1)) / (Math.sqrt(<f64>vi / c2) + eps));
    store<f32>(delta + o, di);
    if (apply) store<f32>(w + o, <f32>(<f64>load<f32>(w + o) + <f64>di));
    store<f32>(g + o, 0);
  }
}

/**
 * The LIF step over T steps from the input currents X (T x n f32), as neuron.ts's loop in f64:
 *   h = V + (X - V) inv; H = fround(h); spike when h >= threshold (the f64 h), then V = 0, else V = fround(h).
 * Writes S (T x n u8) and the spikes as sparse steps (start: T + 1 i32, index i32, value f32 = 1); V (n f32) is
 * scratch. Returns the spike count.
 */
export function lifForward(X: usize, n: i32, T: i32, H: usize, S: usize, V: usize, inv: f64, threshold: f64,
  outStart: usize, outIndex: usize, outValue: usize): i32 {
  memory.fill(V, 0, (<usize>n) << 2);
  let spikes = 0;
  for (let t = 0; t < T; t++) {
    store<i32>(outStart + ((<usize>t) << 2), spikes);
    const base = t * n;
    for (let j = 0; j < n; j++) {
      const o = (<usize>(base + j)) << 2;
      const vp = V + ((<usize>j) << 2);
      const v = <f64>load<f32>(vp);
      const h = v + (<f64>load<f32>(X + o) - v) * inv;
      store<f32>(H + o, <f32>h);
      if (h >= threshold) {
        store<u8>(S + <usize>(base + j), 1);
        store<f32>(vp, 0);
        store<i32>(outIndex + ((<usize>spikes) << 2), j);
        store<f32>(outValue + ((<usize>spikes) << 2), 1);
        spikes++;
      } else {
        store<u8>(S + <usize>(base + j), 0);
        store<f32>(vp, <f32>h);
      }
    }
  }
  store<i32>(outStart + ((<usize>T) << 2), spikes);
  return spikes;
}

/**
 * Backward through the LIF dynamics (neuron.ts's loop, in f64 lanes over j; gV rounded to f32 as it is stored):
 *   sg = (alpha / 2) / (1 + k^2), k = (pi alpha (h - threshold)) / 2;
 *   gH = gS sg + gV ((1 - S) - h sg); gX = fround(gH inv); gV = fround(gH keep), t from T - 1 down to 0.
 * gV (n f32) is scratch.
 */
export function lifBackward(H: usize, S: usize, gS: usize, gX: usize, gV: usize, n: i32, T: i32, inv: f64, keep: f64,
  threshold: f64, alpha: f64, resetPath: f64): void {
  memory.fill(gV, 0, (<usize>n) << 2);
  const piAlpha = Math.PI * alpha;
  const half = alpha / 2;
  const PA = f64x2.splat(piAlpha);
  const HALF = f64x2.splat(half);
  const TH = f64x2.splat(threshold);
  const TWO = f64x2.splat(2);
  const ONE = f64x2.splat(1);
  const INV = f64x2.splat(inv);
  const KEEP = f64x2.splat(keep);
  const RESET = f64x2.splat(resetPath);
  for (let t = T - 1; t >= 0; t--) {
    const base = t * n;
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = (<usize>(base + j)) << 2;
      const h = ld2(H + o);
      const k = f64x2.div(f64x2.mul(PA, f64x2.sub(h, TH)), TWO);
      const sg = f64x2.div(HALF, f64x2.add(ONE, f64x2.mul(k, k)));
      const sp = S + <usize>(base + j);
      const s = f64x2.replace_lane(f64x2.splat(<f64>load<u8>(sp)), 1, <f64>load<u8>(sp, 1));
      const gvp = gV + ((<usize>j) << 2);
      const gH = f64x2.add(f64x2.mul(ld2(gS + o), sg), f64x2.mul(ld2(gvp), f64x2.sub(f64x2.sub(ONE, s), f64x2.mul(f64x2.mul(RESET, h), sg))));
      st2(gX + o, f64x2.mul(gH, INV));
      st2(gvp, f64x2.mul(gH, KEEP));
    }
    for (; j < n; j++) {
      const o = (<usize>(base + j)) << 2;
      const gvp = gV + ((<usize>j) << 2);
      const h = <f64>load<f32>(H + o);
      const k = (piAlpha * (h - threshold)) / 2;
      const sg = half / (1 + k * k);
      const gH = <f64>load<f32>(gS + o) * sg + <f64>load<f32>(gvp) * (1 - <f64>load<u8>(S + <usize>(base + j)) - resetPath * h * sg);
      store<f32>(gX + o, <f32>(gH * inv));
      store<f32>(gvp, <f32>(gH * keep));
    }
  }
}

/**
 * Group sparse steps by input (neuron.ts's InputGroups): rows ascending, each row's entries in ascending t (entries
 * are visited in step order). `slot` (inputs i32, all 0 on entry and on return) counts, then numbers, the rows.
 * Returns the number of rows, or -1 when an index is >= inputs.
 */
export function groupByInput(start: usize, index: usize, value: usize, T: i32, inputs: i32, rows: usize, rowStart: usize,
  step: usize, gValue: usize, slot: usize): i32 {
  const n = i32At(start, T);
  for (let e = 0; e < n; e++) {
    const i = i32At(index, e);
    if (<u32>i >= <u32>inputs) {
      memory.fill(slot, 0, (<usize>inputs) << 2);
      return -1;
    }
    const s = slot + ((<usize>i) << 2);
    store<i32>(s, load<i32>(s) + 1);
  }
  // A scan over the inputs lists the active ones in ascending order (no sort); rowStart[r + 1] = rowStart[r] + count.
  let count = 0;
  store<i32>(rowStart, 0);
  for (let i = 0; i < inputs; i++) {
    const s = slot + ((<usize>i) << 2);
    const c = load<i32>(s);
    if (c > 0) {
      store<i32>(rows + ((<usize>count) << 2), i);
      store<i32>(rowStart + ((<usize>(count + 1)) << 2), i32At(rowStart, count) + c);
      store<i32>(s, count);
      count++;
    }
  }
  // rowStart[r] serves as row r's fill cursor, then is restored from its neighbour.
  for (let t = 0; t < T; t++) {
    for (let e = i32At(start, t); e < i32At(start, t + 1); e++) {
      const cursor = rowStart + ((<usize>i32At(slot, i32At(index, e))) << 2);
      const p = load<i32>(cursor);
      store<i32>(cursor, p + 1);
      store<i32>(step + ((<usize>p) << 2), t);
      store<f32>(gValue + ((<usize>p) << 2), f32At(value, e));
    }
  }
  for (let r = count; r > 0; r--) store<i32>(rowStart + ((<usize>r) << 2), i32At(rowStart, r - 1));
  store<i32>(rowStart, 0);
  for (let r = 0; r < count; r++) store<i32>(slot + ((<usize>i32At(rows, r)) << 2), 0);
  return count;
}
