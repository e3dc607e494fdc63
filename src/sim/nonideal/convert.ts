/**
 * The hot loop of a crossbar read: add each weight column's read noise, digitise it with the column converter and
 * shift-and-add the codes into the layer's digital sums, in one pass over the columns (no intermediate vectors).
 * Quantizers are converted here with the arithmetic of digitizeColumns (src/hardware/components/adc/transfer.ts),
 * operation for operation, so every code and every sum is the same number; threshold converters (1 bit per column,
 * per-output references) go through digitizeColumns itself. test/sim/nonideal/convert.test.ts pins the equality.
 */
import { readKernel } from './bandKernel.js';
import { digitizeColumns, type ColumnConverter, type PerOutputReference } from '../../hardware/components/adc/index.js';

/** One read's weight columns and what to do with them. */
export interface ColumnRead {
  /**
   * Deterministic column values (level units): the signed difference already taken for signed mappings. A read
   * cache's are f32 (docs/nonidealities.md, sixteenth pass); reference columns' noisy differences are f64.
   */
  readonly values: Float32Array | Float64Array;
  /** Per column read-noise sigma (f32, a read cache's), and the standard normal draws it scales (both null when noise-free). */
  readonly sigma: Float32Array | Float64Array | null;
  readonly draws: Float64Array | null;
}

/** Where the digitised columns go: digital[o] += planeWeight * sum_s code(o, s) * sliceWeight[s]. */
export interface ShiftAdd {
  readonly outputs: number;
  readonly slices: number;
  readonly sliceWeight: Float64Array;
  readonly digital: Float64Array;
  /** Scratch of outputs * slices values (threshold converters only). */
  readonly quantized: Float64Array;
}

export function convertColumns(conv: ColumnConverter, read: ColumnRead, planeWeight: number, refs: PerOutputReference | null,
  acc: ShiftAdd): void {
  const { values, sigma, draws } = read;
  const { outputs, slices, sliceWeight, digital } = acc;
  if (conv.transfer !== 'quantizer') {
    const cols = outputs * slices;
    const { quantized } = acc;
    let input = quantized;
    if (sigma && draws) for (let c = 0; c < cols; c++) quantized[c] = values[c] + sigma[c] * draws[c];
    else if (values instanceof Float64Array) input = values;
    else for (let c = 0; c < cols; c++) quantized[c] = values[c]; // a read cache's f32 columns (exact in f64)
    digitizeColumns(conv, input, cols, slices, refs, quantized);
    for (let o = 0; o < outputs; o++) {
      let sum = 0;
      for (let s = 0; s < slices; s++) sum += quantized[o * slices + s] * sliceWeight[s];
      digital[o] += sum * planeWeight;
    }
    return;
  }
  const { lsb, maxCode, signOnly } = conv;
  const invLsb = 1 / lsb;
  const noisy = sigma !== null && draws !== null;
  if (conv.bipolar && !signOnly && noisy) {
    // The common case (a differential pair with read noise), in the WebAssembly kernel (wasm/crossbar.ts): |v|
    // rounded half up and clipped, with the sign of v: the same numbers as the general loop below.
    const cols = outputs * slices;
    const k = readKernel();
    k.prepareConvert(cols, slices);
    const kv = k.values;
    const ks = k.sigma;
    for (let c = 0; c < cols; c++) kv[c] = values[c];
    for (let c = 0; c < cols; c++) ks[c] = sigma[c];
    if (draws !== k.draws) k.draws.set(draws.length === cols ? draws : draws.subarray(0, cols)); // not drawn there already
    k.sliceWeight.set(sliceWeight);
    const d = k.digital;
    for (let o = 0; o < outputs; o++) d[o] = digital[o];
    k.convertBipolarNoisy(outputs, slices, invLsb, lsb, maxCode, planeWeight);
    for (let o = 0; o < outputs; o++) digital[o] = d[o];
    return;
  }
  if (conv.bipolar) {
    for (let o = 0; o < outputs; o++) {
      let sum = 0;
      for (let s = 0; s < slices; s++) {
        const c = o * slices + s;
        const v = (noisy ? values[c] + sigma[c] * draws[c] : values[c]) * invLsb;
        // sign-magnitude: magnitude rounded half up, clipped to maxCode (transfer.ts digitizeColumns)
        const m = signOnly ? (v === 0 ? 0 : 1) : Math.floor((v < 0 ? -v : v) + 0.5);
        const code = m > maxCode ? maxCode : m;
        sum += (v < 0 && code > 0 ? -code * lsb : code * lsb) * sliceWeight[s];
      }
      digital[o] += sum * planeWeight;
    }
    return;
  }
  const top = maxCode - 0.5;
  for (let o = 0; o < outputs; o++) {
    let sum = 0;
    for (let s = 0; s < slices; s++) {
      const c = o * slices + s;
      const v = (noisy ? values[c] + sigma[c] * draws[c] : values[c]) * invLsb;
      // round half up, clipped to [0, maxCode] (transfer.ts digitizeColumns)
      sum += (v < 0.5 ? 0 : v >= top ? maxCode : Math.floor(v + 0.5)) * lsb * sliceWeight[s];
    }
    digital[o] += sum * planeWeight;
  }
}
