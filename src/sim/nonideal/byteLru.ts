/**
 * A cache bounded by the bytes its values hold, least recently used first out (a Map keeps insertion order; a hit is
 * re-inserted last). The MAC-error Monte Carlo keeps its programmed proxies, their Monte Carlo inputs and their
 * quantised weights in three of these (macError.ts).
 */
export class ByteLru<V> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  /** `onEvict`: a value pushed out by the limit (not by clear()). */
  constructor(
    private readonly limitBytes: number,
    private readonly sizeOf: (value: V) => number,
    private readonly onEvict: (value: V) => void = () => {},
  ) {}

  /**
   * The value under `key`, made the most recently used; made by `make` and counted when missing. Then the oldest
   * values go until the bytes are within the limit, never this one.
   */
  getOrAdd(key: string, make: () => V): V {
    let value = this.entries.get(key);
    if (value !== undefined) this.entries.delete(key);
    else {
      value = make();
      this.bytes += this.sizeOf(value);
    }
    this.entries.set(key, value);
    for (const [k, old] of this.entries) {
      if (this.bytes <= this.limitBytes || k === key) break;
      this.entries.delete(k);
      this.bytes -= this.sizeOf(old);
      this.onEvict(old);
    }
    return value;
  }

  /** Forget every value (without onEvict). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
