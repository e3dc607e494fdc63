/**
 * A running set of non-dominated two-objective points (minimisation form), kept sorted by the first
 * objective, so the second decreases along it. Stored as a list of chunks of at most 2 x chunkSize items,
 * so an insertion costs a binary search plus a splice inside one chunk: O(log n + chunkSize), flat however
 * large the front grows (a plain sorted array would move O(n) items per insertion).
 */
export class NonDominatedArchive2<T extends { readonly f: ArrayLike<number> }> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly chunkSize = 256) {}

  get size(): number {
    return this.count;
  }

  /** The members in order of the first objective. */
  items(): T[] {
    return this.chunks.flat();
  }

  /**
   * Adds `c` unless a member dominates it, removing the members it dominates. Identical points are all
   * kept (neither dominates the other). Returns whether `c` was added.
   */
  insert(c: T): boolean {
    const chunks = this.chunks;
    const c0 = c.f[0];
    const c1 = c.f[1];
    if (chunks.length === 0) {
      chunks.push([c]);
      this.count = 1;
      return true;
    }
    // Insertion point (k, i): before the first member whose first objective exceeds c0.
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = chunks[mid];
      if (chunk[chunk.length - 1].f[0] <= c0) lo = mid + 1;
      else hi = mid;
    }
    let k = lo;
    let i: number;
    if (k === chunks.length) {
      k = chunks.length - 1;
      i = chunks[k].length;
    } else {
      const chunk = chunks[k];
      let a = 0;
      let b = chunk.length;
      while (a < b) {
        const m = (a + b) >> 1;
        if (chunk[m].f[0] <= c0) a = m + 1;
        else b = m;
      }
      i = a;
    }
    // Only the member just before the insertion point (smallest f1 among f0 <= c0) can dominate c.
    const prev = i > 0 ? chunks[k][i - 1] : k > 0 ? chunks[k - 1][chunks[k - 1].length - 1] : undefined;
    if (prev && prev.f[1] <= c1 && !(prev.f[0] === c0 && prev.f[1] === c1)) return false;
    // Members before the point with the same f0 and a larger f1 are dominated by c.
    while (true) {
      if (i > 0) {
        const p = chunks[k][i - 1];
        if (p.f[0] === c0 && p.f[1] > c1) {
          chunks[k].splice(i - 1, 1);
          i--;
          this.count--;
          continue;
        }
        break;
      }
      if (k > 0) {
        const before = chunks[k - 1];
        const p = before[before.length - 1];
        if (p.f[0] === c0 && p.f[1] > c1) {
          before.pop();
          this.count--;
          if (before.length === 0) {
            chunks.splice(k - 1, 1);
            k--;
          }
          continue;
        }
      }
      break;
    }
    // Members after the point with f1 >= c1 (a contiguous run, since f1 decreases) are dominated by c.
    let kk = k;
    let ii = i;
    while (kk < chunks.length) {
      const chunk = chunks[kk];
      let j = ii;
      while (j < chunk.length && chunk[j].f[1] >= c1) j++;
      if (j > ii) {
        chunk.splice(ii, j - ii);
        this.count -= j - ii;
      }
      if (ii < chunk.length) break;
      if (chunk.length === 0 && kk !== k) chunks.splice(kk, 1);
      else kk++;
      ii = 0;
    }
    const target = chunks[k];
    target.splice(i, 0, c);
    this.count++;
    if (target.length > 2 * this.chunkSize) chunks.splice(k, 1, target.slice(0, this.chunkSize), target.slice(this.chunkSize));
    return true;
  }
}
