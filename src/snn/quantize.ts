/**
 * Symmetric per-layer weight quantisation, shared by the trainer's fake quantisation (train.ts) and the
 * stored integer weights (weights.ts), so both round every weight to the same integer.
 */

/**
 * Symmetric per-layer quantisation: q = round(w / scale) in [-levels-1, levels], scale ~ max|w| / levels.
 * The scale is rounded to (24 - bits) significant bits so that every q * scale is an exact float32: the
 * Float32 real weights handed to the crossbar model then re-quantise to exactly the same q and scale.
 */
/** The largest integer of `bits`-bit weights; they lie in [-levels - 1, levels] (1 bit: [-2, 1], as quantizeValue clips). */
export function quantLevels(bits: number): number {
  return Math.max(2 ** (bits - 1) - 1, 1);
}

export function quantScale(w: Float32Array | Float64Array, bits: number): { scale: number; levels: number } {
  const levels = quantLevels(bits);
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  return { scale: roundSignificand(max / levels, Math.max(1, 24 - bits)), levels };
}

/** The integer of one weight at `scale` (0 when the whole layer is zero), clipped to [-levels-1, levels]. */
export function quantizeValue(w: number, scale: number, levels: number): number {
  return scale === 0 ? 0 : Math.max(-levels - 1, Math.min(levels, Math.round(w / scale)));
}

/** x rounded to `bits` significant binary digits. */
export function roundSignificand(x: number, bits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log2(Math.abs(x)));
  const unit = 2 ** (e - bits + 1);
  return Math.round(x / unit) * unit;
}
