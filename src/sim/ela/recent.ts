/**
 * The last few results of a pure function of (one object, three numbers), replaced round robin: a hit compares the
 * arguments with `===` (a NaN argument never hits), a miss's arguments overwrite the oldest entry in place, so
 * neither allocates (the engine runs this per layer per evaluation). The entry found or kept last is tried first:
 * the layers of one evaluation mostly ask for the same arguments one after another.
 *
 * The three numbers are written into `key` before each call, not passed: a double passed to a call V8 does not
 * inline is a new HeapNumber per call (the engine's memos were asked ~5 times per layer per evaluation).
 */
export class RecentResults<K, V> {
  /** The numbers of the next find, entryOf, keep or entryFor: written by the caller, read by those. */
  readonly key = new Float64Array(3);
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

  /** The result kept for `o` and the numbers in `key`, or undefined. */
  find(o: K): V | undefined {
    const i = this.entryOf(o);
    return i < 0 ? undefined : this.results[i];
  }

  /** The entry holding `o` and the numbers in `key`, or -1 (for a caller that keeps its results by entry itself: entryFor). */
  entryOf(o: K): number {
    const n = this.numbers;
    const k = this.key;
    const a = k[0];
    const b = k[1];
    const c = k[2];
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

  /** Keeps `result` for `o` and the numbers in `key` in place of the oldest entry. */
  keep(o: K, result: V): V {
    this.results[this.entryFor(o)] = result;
    return result;
  }

  /** The oldest entry, given `o` and the numbers in `key` (its result is the caller's to write, by the index returned). */
  entryFor(o: K): number {
    const i = this.next;
    const k = this.key;
    this.next = (i + 1) % this.entries;
    this.last = i;
    this.objects[i] = o;
    this.numbers[3 * i] = k[0];
    this.numbers[3 * i + 1] = k[1];
    this.numbers[3 * i + 2] = k[2];
    return i;
  }
}
