/** The ideal reference a programmed layer must equal on ideal hardware, bit for bit. */
import { quantizeDirectInput } from './device.js';

/**
 * The overrides that make the registry's default chip ideal (docs/accuracy.md "Ideal hardware equals software"): no
 * read noise, programming error or conductance spread, zero wire resistance, no drift or stuck cells and a lossless
 * 12-bit converter; its accuracy is then the software engine's, sample for sample.
 */
export const IDEAL_HARDWARE = {
  'device.readNoiseSigma': 0, 'device.programSigma': 0, 'device.programmingSpread': 0, 'crossbar.rWire_ohm': 0, 'device.driftTime_s': 0,
  'device.stuckAtRate': 0, 'adc.bits': 12,
} as const;

/** What the ideal reference needs: the integer weights and how to scale and read inputs. */
export interface IdealLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** outputs x inputs, row-major, integers in [-(2^(b-1)), 2^(b-1) - 1]. */
  readonly quantizedWeights: Int32Array;
  readonly directInput: boolean;
  /** y = outputScale * integer sum: weightScale (spikes) or weightScale / 255 (direct input). */
  readonly outputScale: number;
}

/** The integer inputs of the last call and the indices of the nonzero ones (reused: the MAC-error Monte Carlo calls
 * this per sample). */
let scratch = new Int32Array(0);
let nonzero = new Int32Array(0);

/**
 * acc = sum_i q[o][i] * x_i as an exact integer (x_i = 1 for a nonzero spike input, round(255 * clip(x_i, 0, 1))
 * for direct input), y[o] = acc * outputScale.
 */
export function idealMvm(layer: IdealLayer, x: Float32Array, y: Float32Array): void {
  const { inputs, outputs, quantizedWeights: q, outputScale } = layer;
  if (scratch.length < inputs) {
    scratch = new Int32Array(inputs);
    nonzero = new Int32Array(inputs);
  }
  const xi = scratch;
  if (layer.directInput) quantizeDirectInput(x.subarray(0, inputs), xi);
  else for (let i = 0; i < inputs; i++) xi[i] = x[i] !== 0 ? 1 : 0;
  // Only the nonzero inputs, in input order (spikes are sparse); integer sums, so exact either way.
  let n = 0;
  for (let i = 0; i < inputs; i++) if (xi[i] !== 0) nonzero[n++] = i;
  for (let o = 0; o < outputs; o++) {
    const base = o * inputs;
    let acc = 0;
    for (let k = 0; k < n; k++) {
      const i = nonzero[k];
      acc += q[base + i] * xi[i];
    }
    y[o] = acc * outputScale;
  }
}
