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
 */
export function lifSubtractWord(membrane: usize, current: usize, spikes: usize, n: i32, leak: f64, threshold: f64,
  lsb: f64, kMin: f64, kMax: f64): i32 {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const at = membrane + ((<usize>i) << 3);
    const u = leak * load<f64>(at) + <f64>load<f32>(current + ((<usize>i) << 2));
    const s = <i32>(u > threshold);
    store<f64>(spikes + ((<usize>i) << 3), <f64>s);
    const x = (u - <f64>s * threshold) / lsb;
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
