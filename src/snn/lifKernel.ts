/**
 * SnnRunner's membranes and spikes in a WebAssembly kernel's memory (wasm/lif.ts), so the subtract-reset LIF step of
 * a layer whose current is Float32 (an engine's output) runs there: only the current is copied in. One kernel
 * instance per runner, laid out at construction; the memory never grows afterwards, so the views never go stale
 * (as src/snn/learn/kernel.ts does for the trainer).
 */
import { instantiateKernel } from '../util/wasm.js';
import type { MembraneWord } from './membraneWord.js';

interface LifExports {
  lifSubtract(membrane: number, current: number, spikes: number, n: number, leak: number, threshold: number): number;
  lifSubtractWord(membrane: number, current: number, spikes: number, n: number, leak: number, threshold: number,
    lsb: number, inverseLsb: number, kMin: number, kMax: number): number;
}

/**
 * 1 / lsb when lsb is a power of two whose reciprocal is a finite double (then v * (1 / lsb) equals v / lsb bit for
 * bit, the kernel's faster path), else 0 (the kernel divides). snn.membraneBits' LSB 4θ / 2^b is one when θ is.
 */
export function exactInverse(lsb: number): number {
  const inverse = 1 / lsb;
  // A power of two: a mantissa of zeros, normal, with a finite, normal reciprocal (also a power of two).
  return Number.isFinite(inverse) && inverse !== 0 && lsb > 0 && Number.isFinite(lsb) && isPowerOfTwo(lsb) && isPowerOfTwo(inverse)
    ? inverse : 0;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** x's mantissa is all zeros and its exponent normal (little-endian words: low, then sign/exponent/high mantissa). */
function isPowerOfTwo(x: number): boolean {
  bits[0] = x;
  const exponent = (words[1] >>> 20) & 0x7ff;
  return words[0] === 0 && (words[1] & 0xfffff) === 0 && exponent !== 0 && exponent !== 0x7ff;
}

export class LifMemory {
  /** Per layer: its membrane potentials and its spikes (empty for a layer of 0 neurons). */
  readonly membranes: Float64Array[];
  readonly spikes: Float64Array[];
  private readonly fn: LifExports;
  private readonly at: { membrane: number; spikes: number }[];
  private readonly current: { ptr: number; view: Float32Array };

  /** `neurons`: per layer, its neuron count (0: none). */
  constructor(neurons: readonly number[]) {
    const k = instantiateKernel<LifExports>('lif', ['lifSubtract', 'lifSubtractWord']);
    this.fn = k.exports;
    this.at = neurons.map((n) => ({ membrane: k.heap.alloc(8 * n), spikes: k.heap.alloc(8 * n) }));
    const most = Math.max(0, ...neurons);
    const ptr = k.heap.alloc(4 * most);
    this.membranes = neurons.map((n, i) => k.heap.f64(this.at[i].membrane, n));
    this.spikes = neurons.map((n, i) => k.heap.f64(this.at[i].spikes, n));
    this.current = { ptr, view: k.heap.f32(ptr, most) };
  }

  /**
   * lifStep's subtract reset of layer i (membranes[i], spikes[i]) for `current` (at least as long), and its rounding
   * to `word` when given. Returns the spike count.
   */
  stepSubtract(i: number, current: Float32Array, leak: number, threshold: number, word?: MembraneWord): number {
    const n = this.membranes[i].length;
    this.current.view.set(current.length === n ? current : current.subarray(0, n));
    const { membrane, spikes } = this.at[i];
    return word ? this.fn.lifSubtractWord(membrane, this.current.ptr, spikes, n, leak, threshold, word.lsb, exactInverse(word.lsb), word.kMin, word.kMax)
      : this.fn.lifSubtract(membrane, this.current.ptr, spikes, n, leak, threshold);
  }
}
