/**
 * A layer's deterministic analog reads in JS (layer.ts, the offset-diff and reference-column mappings; a differential
 * pair reads in the kernel: bandReads.ts): quantise or binarise the input, then per band whose rows changed the row
 * list of every input-bit plane and its read (readBandAt) into the slot's read cache.
 */
import { readBandAt, type Band } from './band.js';
import { quantizeDirectInput } from './device.js';
import { sigmaPtr, valuesPtr, type CacheShape, type ReadCache } from './readCache.js';

/** A layer's bands and mapping as readAnalog needs them, with its scratch (allocated once per layer). */
export interface AnalogRead {
  readonly bands: readonly Band[];
  readonly bandStart: readonly number[];
  readonly shape: CacheShape;
  readonly planes: number;
  readonly directInput: boolean;
  /** Per weight column: the column whose current is subtracted (reference columns), or null. */
  readonly partner: Int32Array | null;
  readonly cols: number;
  readonly xInt: Int32Array;
  readonly lists: Int32Array[];
  /** Where readBandAt writes (refilled per read). */
  readonly to: { values: Float32Array; valuesPtr: number; sigma: Float32Array | null; sigmaPtr: number };
}

export function analogRead(bands: readonly Band[], bandStart: readonly number[], shape: CacheShape, planes: number, directInput: boolean,
  partner: Int32Array | null, cols: number, rowsCap: number): AnalogRead {
  return {
    bands, bandStart, shape, planes, directInput, partner, cols,
    xInt: new Int32Array(shape.inputs),
    lists: Array.from({ length: planes }, () => new Int32Array(rowsCap)),
    to: { values: new Float32Array(0), valuesPtr: 0, sigma: null, sigmaPtr: 0 },
  };
}

function sameRows(a: Int32Array, b: Int32Array, start: number, rows: number): boolean {
  for (let i = start; i < start + rows; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Quantise/binarise the input and compute every band's deterministic analog read per input-bit plane into `cache`
 * (offset-diff and reference-column mappings; a differential pair's twins are combined by bandReads.ts: one Gaussian
 * of the summed variance per column pair, kept in the weight column's slot, then the twin's current subtracted).
 */
export function readAnalog(a: AnalogRead, cache: ReadCache, x: Float32Array): void {
  const { xInt, lists, planes, shape, to } = a;
  const inputs = shape.inputs;
  const { planeCount, planeAnalog, planeSigma } = cache;
  let sumX = 0;
  if (a.directInput) {
    quantizeDirectInput(x.length === inputs ? x : x.subarray(0, inputs), xInt);
    for (let i = 0; i < inputs; i++) sumX += xInt[i];
  } else {
    for (let i = 0; i < inputs; i++) {
      const v = x[i] !== 0 ? 1 : 0;
      xInt[i] = v;
      sumX += v;
    }
  }
  cache.sumX = sumX;
  const lastInt = cache.lastInt;
  for (let b = 0; b < a.bands.length; b++) {
    const band = a.bands[b];
    const start = a.bandStart[b];
    if (cache.hasLast && sameRows(xInt, lastInt, start, band.rows)) continue; // this band's read is unchanged
    // Rows driven per input-bit plane (planeCount[b * planes + p], no subarray view: this runs per read).
    const at = b * planes;
    planeCount.fill(0, at, at + planes);
    if (planes === 1) {
      const list = lists[0];
      let n = 0;
      for (let r = 0; r < band.rows; r++) if (xInt[start + r] !== 0) list[n++] = r;
      planeCount[at] = n;
    } else {
      for (let r = 0; r < band.rows; r++) {
        const v = xInt[start + r];
        if (v === 0) continue;
        for (let p = 0; p < planes; p++) if ((v >> p) & 1) lists[p][planeCount[at + p]++] = r;
      }
    }
    for (let p = 0; p < planes; p++) {
      const k = at + p;
      if (planeCount[k] === 0) continue;
      to.values = planeAnalog[k];
      to.valuesPtr = valuesPtr(cache, shape, k);
      to.sigma = planeSigma[k];
      to.sigmaPtr = sigmaPtr(cache, shape, k);
      readBandAt(band, lists[p], planeCount[k], to);
      // Reference columns: without noise the deterministic difference is taken once here, in the weight column's
      // slot; with noise every column draws its own (convert).
      const partner = a.partner;
      if (partner && !planeSigma[k]) {
        const analog = planeAnalog[k];
        for (let c = 0; c < a.cols; c++) analog[c] = analog[c] - analog[partner[c]];
      }
    }
  }
  const lastX = cache.lastX;
  for (let i = 0; i < inputs; i++) lastX[i] = x[i];
  lastInt.set(xInt);
  cache.hasLast = true;
}
