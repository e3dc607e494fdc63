/**
 * NSGA-III normalisation (Deb & Jain 2014, section IV-C) as pymoo 0.6.2 implements it (pymoo/algorithms/moo/
 * nsga3.py: HyperplaneNormalization.update, get_extreme_points_c, get_nadir_point): objectives are translated by
 * the ideal point (the smallest value seen so far per objective); the extreme point of each axis is the member
 * (old extreme points included, so they are never lost) minimising the achievement scalarising function
 * max_k (f_k - z*_k) / w_k with w = e_i (off-axis weights 1e-6, written as a 1e6 multiplier; translated values
 * below 1e-3 count as 0); the hyperplane through the m extreme points gives the intercepts, i.e. the nadir
 * estimate z* + a, no intercept going beyond the worst value seen so far. When that hyperplane is degenerate
 * (singular system, an intercept <= 1e-6, or the solve does not reproduce the right-hand side) the nadir falls
 * back to the worst of the first front (Deb & Jain's fallback); any axis whose range is then still <= 1e-6 takes
 * the worst of the whole population. (pymoo 0.6.0 passed its two "worst" arguments to get_nadir_point in
 * swapped order, which swapped these two fallbacks; the random_state releases, 0.6.2 among them, pass them in
 * order. The issue-15 goals were measured with 0.6.2.)
 */

/** Solves A x = b by Gaussian elimination with partial pivoting; undefined when A is (numerically) singular. */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) return undefined;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r][col] / m[col][col];
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}

/** Per axis i, the point of `points` minimising the ASF with weight e_i (see the module comment). */
export function extremePoints(points: readonly (readonly number[])[], ideal: readonly number[]): number[][] {
  const m = ideal.length;
  const out: number[][] = [];
  for (let axis = 0; axis < m; axis++) {
    let best = -1;
    let bestAsf = Infinity;
    points.forEach((p, j) => {
      let asf = -Infinity;
      for (let k = 0; k < m; k++) {
        const t = p[k] - ideal[k];
        const v = (t < 1e-3 ? 0 : t) * (k === axis ? 1 : 1e6);
        if (v > asf) asf = v;
      }
      if (asf < bestAsf) {
        bestAsf = asf;
        best = j;
      }
    });
    out.push(points[best].slice());
  }
  return out;
}

const allClose = (a: readonly number[], b: readonly number[]): boolean => a.every((v, i) => Math.abs(v - b[i]) <= 1e-8 + 1e-5 * Math.abs(b[i]));

/** The nadir estimate from the hyperplane through the extreme points, with the fallbacks of the module comment. */
export function nadirPoint(
  extremes: readonly (readonly number[])[],
  ideal: readonly number[],
  worstSeen: readonly number[],
  worstOfFront: readonly number[],
  worstOfPopulation: readonly number[],
): number[] {
  const m = ideal.length;
  const translated = extremes.map((p) => p.map((v, k) => v - ideal[k]));
  const ones = new Array<number>(m).fill(1);
  const plane = solveLinear(translated, ones);
  let nadir: number[];
  const check = plane && translated.map((row) => row.reduce((s, v, k) => s + v * plane[k], 0));
  const intercepts = plane?.map((v) => 1 / v);
  if (plane && check && intercepts && allClose(check, ones) && intercepts.every((a) => a > 1e-6)) {
    nadir = intercepts.map((a, k) => Math.min(ideal[k] + a, worstSeen[k]));
  } else {
    nadir = worstOfFront.slice();
  }
  for (let k = 0; k < m; k++) if (nadir[k] - ideal[k] <= 1e-6) nadir[k] = worstOfPopulation[k];
  return nadir;
}

/** The running normalisation state of one NSGA-III run (ideal, worst and extreme points persist across generations). */
export class HyperplaneNormaliser {
  ideal: number[];
  worst: number[];
  nadir: number[];
  extremes: number[][] | undefined;

  constructor(readonly objectives: number) {
    this.ideal = new Array<number>(objectives).fill(Infinity);
    this.worst = new Array<number>(objectives).fill(-Infinity);
    this.nadir = new Array<number>(objectives).fill(Infinity);
  }

  /** Updates the state with a population `f` (minimisation form, finite) whose first front is `front` (indices). */
  update(f: readonly (readonly number[])[], front: readonly number[]): void {
    const m = this.objectives;
    const worstOfPopulation = new Array<number>(m).fill(-Infinity);
    for (const p of f) {
      for (let k = 0; k < m; k++) {
        if (p[k] < this.ideal[k]) this.ideal[k] = p[k];
        if (p[k] > this.worst[k]) this.worst[k] = p[k];
        if (p[k] > worstOfPopulation[k]) worstOfPopulation[k] = p[k];
      }
    }
    const frontPoints = front.map((i) => f[i]);
    const worstOfFront = new Array<number>(m).fill(-Infinity);
    for (const p of frontPoints) for (let k = 0; k < m; k++) if (p[k] > worstOfFront[k]) worstOfFront[k] = p[k];
    this.extremes = extremePoints([...(this.extremes ?? []), ...frontPoints], this.ideal);
    this.nadir = nadirPoint(this.extremes, this.ideal, this.worst, worstOfFront, worstOfPopulation);
  }

  /** (f - ideal) / (nadir - ideal), a zero range counted as 1e-12 (as pymoo). */
  normalise(p: readonly number[]): number[] {
    return p.map((v, k) => {
      const d = this.nadir[k] - this.ideal[k];
      return (v - this.ideal[k]) / (d === 0 ? 1e-12 : d);
    });
  }
}
