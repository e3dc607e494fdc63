/**
 * The conversion side of a layer's reads (layer.ts): read noise, the partner current subtracted before the converter,
 * digitising and shift-adding, per read (convert) or, for a differential pair with read noise and bipolar quantizers,
 * every read of a multiply (or of all output positions of a conv layer) in one WebAssembly call (records + batch).
 */
import type { ColumnConverter, PerOutputReference } from '../../hardware/components/adc/index.js';
import { READ_RECORD, type ReadKernel } from './bandKernel.js';
import { convertColumns, type ShiftAdd } from './convert.js';
import type { FastNormal } from './normal.js';
import { sigmaPtr, valuesPtr, type CacheShape, type ReadCache } from './readCache.js';

/** 2^p per input-bit plane (the shift-and-add weight of plane p). */
export const PLANE_WEIGHT = Float64Array.from({ length: 32 }, (_, p) => 2 ** p);

export interface ReadColumns {
  /**
   * Reference columns: one partner serves many weight columns, so its noise is drawn once per read and shared (each
   * column draws its own, then the partner is subtracted); a private partner (a differential pair's twin) or none:
   * one draw per weight column, of the pair's combined sigma.
   */
  readonly sharedPartner: boolean;
  /** Weight columns (outputs x slices); `totalCols` adds reference columns or the differential twin columns. */
  readonly cols: number;
  readonly totalCols: number;
  /** Per weight column: the column whose current is subtracted before the converter (signed mappings only). */
  readonly partner: Int32Array | null;
  readonly outputs: number;
  readonly slices: number;
  readonly sliceWeight: Float64Array;
  readonly references: PerOutputReference | null;
}

export class ReadConverter {
  /** Where convert adds: digital[o] (outputs values). */
  readonly digital: Float64Array;
  private readonly noiseDraws: Float64Array;
  private readonly signed: Float64Array;
  private readonly shiftAdd: ShiftAdd;
  /** The one read handed to convertColumns, refilled per call (no allocation per crossbar read). */
  private readonly read: { values: Float32Array | Float64Array; sigma: Float32Array | null; draws: Float64Array | null } =
    { values: new Float64Array(0), sigma: null, draws: null };

  constructor(private readonly c: ReadColumns) {
    this.digital = new Float64Array(c.outputs);
    this.noiseDraws = new Float64Array(c.totalCols);
    this.signed = new Float64Array(c.cols);
    this.shiftAdd = { outputs: c.outputs, slices: c.slices, sliceWeight: c.sliceWeight, digital: this.digital, quantized: new Float64Array(c.cols) };
  }

  /**
   * Add read noise to one read's columns, subtract the partner currents, add the converters' static offsets (signed mappings; the layer has taken the
   * deterministic difference unless each column draws its own noise), digitise the weight columns and shift-and-add
   * them into `digital`.
   */
  convert(k: ReadKernel, noise: FastNormal | null, conv: ColumnConverter, analog: Float32Array, sigma: Float32Array | null,
    planeWeight: number, offset: Float64Array | null = null): void {
    const { cols, partner, references } = this.c;
    const read = this.read;
    if (!noise || !sigma) {
      read.values = offset ? this.shifted(analog, offset) : analog;
      read.sigma = null;
      read.draws = null;
      convertColumns(conv, read, planeWeight, references, this.shiftAdd);
      return;
    }
    if (!this.c.sharedPartner || !partner) {
      // One draw per weight column (per pair with the pair's combined sigma, see layer.ts readAnalog), drawn by the
      // WebAssembly kernel into its memory, where the conversion reads them.
      k.prepareConvert(cols, this.c.slices);
      noise.fillKernel(k, cols);
      read.values = offset ? this.shifted(analog, offset) : analog;
      read.sigma = sigma;
      read.draws = k.draws;
      convertColumns(conv, read, planeWeight, references, this.shiftAdd);
      return;
    }
    // Reference columns: every column draws its own noise, then the reference is subtracted.
    const { noiseDraws, signed } = this;
    const totalCols = this.c.totalCols;
    noise.fill(noiseDraws, totalCols);
    for (let c = 0; c < totalCols; c++) noiseDraws[c] = analog[c] + sigma[c] * noiseDraws[c];
    for (let c = 0; c < cols; c++) signed[c] = noiseDraws[c] - noiseDraws[partner[c]] + (offset ? offset[c] : 0);
    read.values = signed;
    read.sigma = null;
    read.draws = null;
    convertColumns(conv, read, planeWeight, references, this.shiftAdd);
  }

  /** The weight columns with their converters' static offsets added (converterOffset.ts), in a scratch of cols values. */
  private shifted(analog: Float32Array, offset: Float64Array): Float64Array {
    const out = this.signed;
    for (let c = 0; c < this.c.cols; c++) out[c] = analog[c] + offset[c];
    return out;
  }

  /**
   * The reads of `cache` that drive rows, as convertReads records (band x plane order, as convert takes them) from
   * record `n` on; returns the new record count.
   */
  records(k: ReadKernel, cache: ReadCache, shape: CacheShape, planes: number, converters: readonly ColumnConverter[], n: number): number {
    const table = k.table;
    for (let b = 0; b < converters.length; b++) {
      const { lsb, maxCode } = converters[b];
      for (let p = 0; p < planes; p++) {
        const r = b * planes + p;
        if (cache.planeCount[r] === 0) continue;
        const at = READ_RECORD * n++;
        table[at] = valuesPtr(cache, shape, r);
        table[at + 1] = sigmaPtr(cache, shape, r);
        table[at + 2] = 1 / lsb;
        table[at + 3] = lsb;
        table[at + 4] = maxCode;
        table[at + 5] = PLANE_WEIGHT[p];
      }
    }
    return n;
  }

  /**
   * Convert `n` records: their draws in one fill (the same stream as one fill per read: nothing else draws in
   * between), then one kernel call: convertReads (positions 0: one multiply) or convertPositions (k.counts per
   * position). The sums are in k.digital (positions x outputs).
   */
  batch(k: ReadKernel, noise: FastNormal, n: number, positions: number): Float64Array {
    if (n > 0) noise.fillKernel(k, n * this.c.cols, true); // f32: the kernels round each draw to f32 anyway
    k.sliceWeight.set(this.c.sliceWeight);
    if (positions === 0) k.convertReads(n, this.c.outputs, this.c.slices);
    else k.convertPositions(positions, this.c.outputs, this.c.slices);
    return k.digital;
  }

  /**
   * batch for `steps` multiplies of the same `n` records over `positions` (>= 1) positions: one fill of every step's
   * draws (step after step: the stream of `steps` batch calls), then one conversion call (convertPositionsSteps).
   * Step s's sums are in k.digital from s x positions x outputs on.
   */
  batchSteps(k: ReadKernel, noise: FastNormal, n: number, positions: number, steps: number): Float64Array {
    const stepDraws = n * this.c.cols;
    if (n > 0) noise.fillKernel(k, steps * stepDraws, true);
    k.sliceWeight.set(this.c.sliceWeight);
    k.convertPositionsSteps(positions, this.c.outputs, this.c.slices, steps, stepDraws);
    return k.digital;
  }
}
