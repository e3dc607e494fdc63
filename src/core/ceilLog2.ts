/** Integers up to which ceilLog2 counts leading zeros (test/core/ceil-log2.test.ts checks every one against Math.log2). */
const COUNTED_UP_TO = 2 ** 24;

/**
 * Math.ceil(Math.log2(n)), the same double for every n: for an integer 1 ≤ n ≤ 2^24 the bits of n - 1 (32 - clz32),
 * else Math.log2 itself. The ELA engine asks it per layer per evaluation (accumulator and pooled-count widths), where
 * Math.log2's call was ~3% of evaluateTotals (2026-12-06 profile, docs/performance.md).
 */
export function ceilLog2(n: number): number {
  return Number.isInteger(n) && n >= 1 && n <= COUNTED_UP_TO ? 32 - Math.clz32(n - 1) : Math.ceil(Math.log2(n));
}
