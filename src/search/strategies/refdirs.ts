/**
 * Reference directions for NSGA-III (Deb & Jain 2014): Das & Dennis's (1998) systematic points on the unit
 * simplex, every vector whose components are multiples of 1/p and sum to 1 (C(p + m - 1, m - 1) of them);
 * for many objectives, two layers (Deb & Jain 2014, section V): an outer layer of p1 partitions and an inner
 * layer of p2 partitions shrunk halfway toward the simplex centre, so few partitions still give interior
 * directions.
 */

/** C(n, k) as a number (exact below 2^53). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  // C(n, k) = C(n, n - k): multiply over the smaller of the two (the product over the original k is wrong
  // whenever n - k < k, e.g. C(6, 4) gives 6, not 15).
  const j = Math.min(k, n - k);
  let out = 1;
  for (let i = 1; i <= j; i++) out = (out * (n - j + i)) / i;
  return Math.round(out);
}

/** Number of Das-Dennis directions for m objectives and p partitions: C(p + m - 1, m - 1). */
export function dasDennisCount(objectives: number, partitions: number): number {
  return binomial(partitions + objectives - 1, objectives - 1);
}

/** Das-Dennis directions: every m-vector of multiples of 1/p summing to 1, in lexicographic order of the numerators. */
export function dasDennis(objectives: number, partitions: number): number[][] {
  if (objectives === 1) return [[1]];
  if (partitions === 0) return [new Array<number>(objectives).fill(1 / objectives)];
  const out: number[][] = [];
  const counts = new Array<number>(objectives).fill(0);
  const fill = (k: number, left: number): void => {
    if (k === objectives - 1) {
      counts[k] = left;
      out.push(counts.map((c) => c / partitions));
      return;
    }
    for (let c = 0; c <= left; c++) {
      counts[k] = c;
      fill(k + 1, left - c);
    }
  };
  fill(0, partitions);
  return out;
}

/**
 * Two-layer directions (Deb & Jain 2014): the outer layer (p1 partitions) plus the inner layer (p2 partitions)
 * mapped to w' = w / 2 + 1 / (2m), i.e. shrunk halfway toward the centre (1/m, ..., 1/m); both sum to 1.
 */
export function twoLayerDirections(objectives: number, outer: number, inner: number): number[][] {
  const shrink = 0.5;
  const innerDirs = dasDennis(objectives, inner).map((w) => w.map((v) => shrink * v + (1 - shrink) / objectives));
  return [...dasDennis(objectives, outer), ...innerDirs];
}
