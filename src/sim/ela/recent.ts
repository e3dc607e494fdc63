/**
 * The last few results of a pure function of (one object, three numbers), replaced round robin: a hit compares the
 * arguments with `===` (a NaN argument never hits), a miss's arguments overwrite the oldest entry in place, so
 * neither allocates (the engine runs this per layer per evaluation). The entry found or kept last is tried first:
 * the layers of one evaluation mostly ask for the same arguments one after another.
 */
export class RecentResults<K, V> {
  private readonly objects: (K | undefined)[];
  private readonly numbers: Float64Array;
  private readonly results: (V | undefined)[];
  private next = 0;
  private last = 0;

  constructor(private readonly entries: number) {
    this.objects = new Array<K | undefined>(entries).fill(undefined);
    this.numbers = new Float64Array(3 * entries).fill(NaN);
    this.results = new Array<V | undefined>(entries).fill(undefined);
  }

  /** The result kept for these arguments, or undefined. */
  find(o: K, a: number, b: number, c: number): V | undefined {
    const i = this.entryOf(o, a, b, c);
    return i < 0 ? undefined : this.results[i];
  }

  /** The entry holding these arguments, or -1 (for a caller that keeps its results by entry itself: entryFor). */
  entryOf(o: K, a: number, b: number, c: number): number {
    const n = this.numbers;
    const j = this.last;
    if (this.objects[j] === o && n[3 * j] === a && n[3 * j + 1] === b && n[3 * j + 2] === c) return j;
    for (let i = 0; i < this.entries; i++) {
      if (this.objects[i] === o && n[3 * i] === a && n[3 * i + 1] === b && n[3 * i + 2] === c) {
        this.last = i;
        return i;
      }
    }
    return -1;
  }

  /** Keeps `result` for these arguments in place of the oldest entry. */
  keep(o: K, a: number, b: number, c: number, result: V): V {
    this.results[this.entryFor(o, a, b, c)] = result;
    return result;
  }

  /** The oldest entry, given these arguments (its result is the caller's to write, by the index returned). */
  entryFor(o: K, a: number, b: number, c: number): number {
    const i = this.next;
    this.next = (i + 1) % this.entries;
    this.last = i;
    this.objects[i] = o;
    this.numbers[3 * i] = a;
    this.numbers[3 * i + 1] = b;
    this.numbers[3 * i + 2] = c;
    return i;
  }
}
