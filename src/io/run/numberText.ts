/**
 * formatNumber with a memo of the values it formatted lately: a search's rows repeat many of their numbers (a grid
 * changes one parameter at a time and each metric depends on a few of them), and String(n) of a double costs
 * ~0.2-0.4 µs, most of it V8's runtime conversion (its own number-to-string cache is small, flushed at every full
 * garbage collection and keyed on the raw bits, so a search's doubles mostly miss it). Direct-mapped on a hash of
 * the double's bits: a lookup is a hash and one comparison, a miss formats and replaces the slot.
 * The text is the one formatNumber gives: only a value `===` to the key is served, and the only doubles that are `===`
 * without being the same bits are 0 and -0, both written "0" (NaN equals nothing, so is formatted each time: "").
 */
import { formatNumber } from './csv.js';

/** Slots of the shared memo: 4,096 left ~6.6 formatted cells per row of the 40k grid's ~16 changed ones (16 without). */
const DEFAULT_SLOT_BITS = 12;

// One double viewed as two 32-bit halves, for the hash.
const BITS = new Float64Array(1);
const HALVES = new Int32Array(BITS.buffer);

/** A formatNumber memo of 2^slotBits slots. */
export class NumberTexts {
  private readonly keys: Float64Array;
  private readonly texts: string[];
  private readonly shift: number;

  constructor(slotBits = DEFAULT_SLOT_BITS) {
    if (!Number.isInteger(slotBits) || slotBits < 1 || slotBits > 24) throw new RangeError(`NumberTexts: slotBits ${slotBits} is not an integer in 1..24`);
    // NaN keys: an empty slot matches no value.
    this.keys = new Float64Array(2 ** slotBits).fill(NaN);
    this.texts = new Array<string>(2 ** slotBits).fill('');
    this.shift = 32 - slotBits;
  }

  /** formatNumber(n). */
  text(n: number): string {
    BITS[0] = n;
    // Fibonacci hashing of both halves: the low half alone is 0 for integers, the high half alone is shared by neighbours.
    const slot = Math.imul(HALVES[0] ^ Math.imul(HALVES[1], 0x85ebca6b), 0x9e3779b1) >>> this.shift;
    if (this.keys[slot] === n) return this.texts[slot];
    const text = formatNumber(n);
    this.keys[slot] = n;
    this.texts[slot] = text;
    return text;
  }
}
