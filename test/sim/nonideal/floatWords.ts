/** Doubles by their IEEE 754 words, for the kernels' bit-for-bit tests (ieee754.test.ts, trig.test.ts). */
const bitsBuf = new Float64Array(1);
const bitsWords = new Uint32Array(bitsBuf.buffer);

/** The double with these high and low words. */
export function fromWords(hi: number, lo: number): number {
  bitsWords[1] = hi >>> 0;
  bitsWords[0] = lo >>> 0;
  return bitsBuf[0];
}

/** The high and low words of x. */
export function words(x: number): [number, number] {
  bitsBuf[0] = x;
  return [bitsWords[1], bitsWords[0]];
}
