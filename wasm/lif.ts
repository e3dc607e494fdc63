/**
 * SnnRunner's subtract-reset LIF step (src/snn/lif.ts lifStep) in WebAssembly: u = leak * membrane + current (f32
 * current, exact as f64), s = u > threshold, membrane = u - s * threshold, spikes = s. The same IEEE double operations
 * in the same order as the JS loop (WebAssembly does not contract a * b + c), so the same numbers; the comparison
 * becomes a flag, not the branch V8 compiles it to (~1.1 against ~7 ns per neuron measured here).
 */
export function lifSubtract(membrane: usize, current: usize, spikes: usize, n: i32, leak: f64, threshold: f64): i32 {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const at = membrane + ((<usize>i) << 3);
    const u = leak * load<f64>(at) + <f64>load<f32>(current + ((<usize>i) << 2));
    const s = <i32>(u > threshold);
    store<f64>(spikes + ((<usize>i) << 3), <f64>s);
    store<f64>(at, u - <f64>s * threshold);
    count += s;
  }
  return count;
}

/**
 * lifSubtract, then the membrane rounded to the U_mem word (src/snn/membraneWord.ts membraneWord, op for op): k = the
 * nearest integer to x = v / lsb, a tie up, as Math.round (floor, plus one when x - floor(x) >= 1/2: that difference
 * is exact but for a tiny negative x, where it rounds to 1 and gives 0, as Math.round does), clamped to [kMin, kMax];
 * then k * lsb + 0 (no -0). NaN stays NaN and ±Infinity saturates, as in JS (test/snn/lifKernel.test.ts).
 * `inverseLsb`: 1 / lsb when lsb is a power of two (then v * inverseLsb is v / lsb exactly: both are the real v 2^-e
 * rounded once), else 0 (divide). Two neurons per step in f64x2, each lane doing the scalar loop's operations in its
 * order (IEEE mul, add, div, floor and compares are lane-wise the same; a select is a bitselect on the compare's
 * mask), so the same bits; an odd last neuron goes through the scalar loop.
 */
export function lifSubtractWord(membrane: usize, current: usize, spikes: usize, n: i32, leak: f64, threshold: f64,
  lsb: f64, inverseLsb: f64, kMin: f64, kMax: f64): i32 {
  const vLeak = f64x2.splat(leak);
  const vThreshold = f64x2.splat(threshold);
  const vLsb = f64x2.splat(lsb);
  const pairs = n & ~1;
  // Two inlined loops, not a select in one: a select would compute the division beside the multiply.
  const counts = inverseLsb != 0
    ? wordPairs(membrane, current, spikes, pairs, vLeak, vThreshold, f64x2.splat(inverseLsb), true, vLsb, kMin, kMax)
    : wordPairs(membrane, current, spikes, pairs, vLeak, vThreshold, vLsb, false, vLsb, kMin, kMax);
  let count = <i32>(i64x2.extract_lane(counts, 0) + i64x2.extract_lane(counts, 1));
  for (let i = pairs; i < n; i++) {
    const at = membrane + ((<usize>i) << 3);
    const u = leak * load<f64>(at) + <f64>load<f32>(current + ((<usize>i) << 2));
    const s = <i32>(u > threshold);
    store<f64>(spikes + ((<usize>i) << 3), <f64>s);
    const v = u - <f64>s * threshold;
    const x = inverseLsb != 0 ? v * inverseLsb : v / lsb;
    // Without data-dependent branches (the fractions are close to random): the round-up and the clamp are selects.
    const floor = Math.floor(x);
    let k = floor + <f64>(<i32>(x - floor >= 0.5));
    k = select<f64>(kMin, k, k < kMin);
    k = select<f64>(kMax, k, k > kMax);
    store<f64>(at, k * lsb + 0.0);
    count += s;
  }
  return count;
}

/**
 * The first `pairs` neurons two at a time: the membranes' LIF step and word, the spikes; the spike count per lane.
 * x = (u - s θ) times vScale (1 / lsb) when `byInverse`, else over vScale (lsb): a constant at each call, so the
 * inlined loop keeps one of the two.
 */
// @ts-ignore: decorator
@inline
function wordPairs(membrane: usize, current: usize, spikes: usize, pairs: i32, vLeak: v128, vThreshold: v128,
  vScale: v128, byInverse: bool, vLsb: v128, kMin: f64, kMax: f64): v128 {
  const vOne = f64x2.splat(1.0);
  let counts = i64x2.splat(0);
  for (let i = 0; i < pairs; i += 2) {
    const at = membrane + ((<usize>i) << 3);
    const u = f64x2.add(f64x2.mul(vLeak, v128.load(at)), f64x2.promote_low_f32x4(v128.load64_zero(current + ((<usize>i) << 2))));
    const fired = f64x2.gt(u, vThreshold);
    const s = v128.and(fired, vOne);
    v128.store(spikes + ((<usize>i) << 3), s);
    const v = f64x2.sub(u, f64x2.mul(s, vThreshold));
    storeWordPair(at, byInverse ? f64x2.mul(v, vScale) : f64x2.div(v, vScale), vLsb, kMin, kMax);
    counts = i64x2.sub(counts, fired);
  }
  return counts;
}

/** Two membranes x (in LSBs) rounded, a tie up, clamped to [kMin, kMax] and stored as k * lsb + 0. */
// @ts-ignore: decorator
@inline
function storeWordPair(at: usize, x: v128, vLsb: v128, kMin: f64, kMax: f64): void {
  const vMin = f64x2.splat(kMin);
  const vMax = f64x2.splat(kMax);
  const floor = f64x2.floor(x);
  let k = f64x2.add(floor, v128.and(f64x2.ge(f64x2.sub(x, floor), f64x2.splat(0.5)), f64x2.splat(1.0)));
  k = v128.bitselect(vMin, k, f64x2.lt(k, vMin));
  k = v128.bitselect(vMax, k, f64x2.gt(k, vMax));
  v128.store(at, f64x2.add(f64x2.mul(k, vLsb), f64x2.splat(0.0)));
}
