/**
 * Student's t distribution for integer degrees of freedom: the two-sided probability P(|T| <= t) in closed form
 * (Abramowitz & Stegun 26.7.3 and 26.7.4, docs/sources.md#student-t) and its inverse by bisection. Used for the
 * interval of a mean over a few chip instances (src/sim/accuracy.ts `combineChips`), where the normal quantile
 * 1.96 would understate the width (t = 12.71 for 2 chips, 2.26 for 10).
 */

/** P(|T| <= t) for T ~ Student t with `df` (a positive integer) degrees of freedom, t >= 0. */
export function studentTTwoSided(t: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`df: got ${df}, expected a positive integer`);
  if (!(t >= 0)) throw new RangeError(`t: got ${t}, expected a number >= 0`);
  if (t === Infinity) return 1;
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 1) {
    // A&S 26.7.3: (2/pi) [theta + sin(theta) (cos + 2/3 cos^3 + ... + (2 4 ... (df-3)) / (1 3 ... (df-2)) cos^(df-2))].
    let term = Math.cos(theta);
    let sum = df > 1 ? term : 0;
    for (let k = 3; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    return (2 / Math.PI) * (theta + s * sum);
  }
  // A&S 26.7.4: sin(theta) [1 + 1/2 cos^2 + (1 3)/(2 4) cos^4 + ... + (1 3 ... (df-3)) / (2 4 ... (df-2)) cos^(df-2)].
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= df - 2; k += 2) {
    term *= ((k - 1) / k) * c2;
    sum += term;
  }
  return s * sum;
}

/**
 * The t with P(|T| <= t) = `coverage` (0 < coverage < 1): the half-width multiplier of a two-sided interval, e.g.
 * studentTQuantile(0.95, 9) = 2.2622 for a mean over 10 values. Bisection to a relative 1e-12.
 */
export function studentTQuantile(coverage: number, df: number): number {
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`coverage: got ${coverage}, expected a number in (0, 1)`);
  let low = 0;
  let high = 1;
  while (studentTTwoSided(high, df) < coverage) high *= 2;
  while (high - low > 1e-12 * high) {
    const mid = (low + high) / 2;
    if (studentTTwoSided(mid, df) < coverage) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
