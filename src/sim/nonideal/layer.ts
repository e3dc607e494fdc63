/**
 * A weight layer programmed onto crossbars, with every non-ideality of its configuration, and the ideal reference.
 *
 * Mapping (domain.md §2, preamble): the layer's inputs are the crossbar rows, split into bands of crossbar.size rows;
 * output o, bit slice s sits in physical column o*S + s (S = ceil(weightBits/bitsPerCell)), columns split into
 * crossbars of crossbar.size. Signed integer weights q are stored as u = q + 2^(b-1); slice s holds bits
 * [s*d, (s+1)*d) of u. Each crossbar read is digitised per column by the ADC (partial sums per crossbar), then added
 * digitally: shift-and-add over slices (2^(s*d)) and input bits (2^p), summed over bands, and the DIFF module
 * subtracts 2^(b-1) * sum(x). The result is an integer-valued sum; y = outputScale * sum, with
 * outputScale = weightScale for spikes and weightScale / 255 for 8-bit direct input.
 */
import type { HardwareConfig, LayerHardware } from '../../hardware/config.js';
import { ConfigError } from '../../hardware/errors.js';
import { createRng } from '../../util/rng.js';
import { columnConverter, type ColumnConverter } from './adc.js';
import { bandScratch, buildBand, readBand, type Band, type BandScratch } from './band.js';
import { FastNormal } from './normal.js';
import {
  DIRECT_INPUT_BITS,
  DIRECT_INPUT_MAX,
  STUCK_AT_OFF_SHARE,
  cellLevels,
  driftFactor,
  quantizeDirectInput,
  quantizeWeights,
  sliceCount,
  weightOffset,
} from './device.js';

export interface ProgramOptions {
  /** True for the first weight layer: inputs in [0, 1], quantised to 8 bits and applied bit-serially. */
  readonly directInput: boolean;
  /**
   * Only for adc.kind = 'senseamp': the reference in cell-level units, one for all columns or one per output
   * (applied to every slice column and crossbar of that output). Default: half the 1-bit range (see adc.ts).
   */
  readonly senseThreshold?: number | Float32Array;
  /**
   * How the DIFF module removes the weight offset 2^(b-1). 'digital' (default, the preamble's decision): subtract
   * 2^(b-1) * sum(x) computed digitally. 'reference' [inference, an alternative for the coordinator]: every
   * crossbar has one extra reference column per slice, programmed to that slice of the offset and placed at the
   * crossbar's centre column position; it is read with the same inputs, converted by the same ADC, and its
   * shift-added code is subtracted, so IR drop, drift and noise act on the offset on both sides. The extra columns
   * are not counted in `crossbars` or in the energy/area model.
   */
  readonly diff?: 'digital' | 'reference';
}

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

export interface ProgrammedLayer extends IdealLayer {
  /** Real weight of one integer weight step. */
  readonly weightScale: number;
  /** Crossbars the layer occupies: bands x ceil(outputs * slices / size). */
  readonly crossbars: number;
  /** y = W_hw x in real weight units (x: inputs values, y: outputs values). Allocation-free. */
  mvm(x: Float32Array, y: Float32Array): void;
  /** Restart the read-noise stream at `${seed}:readnoise:${key}` (call per sample to make samples reproducible). */
  reseedNoise(key: string): void;
}

/**
 * The reference the hardware must equal on ideal hardware, bit for bit: acc = sum_i q[o][i] * x_i as an exact
 * integer (x_i = 1 for a nonzero spike input, round(255 * clip(x_i, 0, 1)) for direct input), y[o] = acc * outputScale.
 */
export function idealMvm(layer: IdealLayer, x: Float32Array, y: Float32Array): void {
  const { inputs, outputs, quantizedWeights: q, outputScale } = layer;
  const xi = new Int32Array(inputs);
  if (layer.directInput) quantizeDirectInput(x.subarray(0, inputs), xi);
  else for (let i = 0; i < inputs; i++) xi[i] = x[i] !== 0 ? 1 : 0;
  for (let o = 0; o < outputs; o++) {
    const base = o * inputs;
    let acc = 0;
    for (let i = 0; i < inputs; i++) if (xi[i] !== 0) acc += q[base + i] * xi[i];
    y[o] = acc * outputScale;
  }
}

function checkShape(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name}: got ${value}, expected a positive integer`);
}

/** Program a real-valued layer (outputs x inputs, row-major) onto the crossbars of `hw`. */
export function programLayer(
  weights: Float32Array,
  inputs: number,
  outputs: number,
  hw: LayerHardware,
  config: HardwareConfig,
  seed: string,
  options: ProgramOptions,
): ProgrammedLayer {
  checkShape('inputs', inputs);
  checkShape('outputs', outputs);
  if (weights.length !== inputs * outputs) {
    throw new ConfigError(`weights: got ${weights.length} values, expected outputs x inputs = ${outputs} x ${inputs} = ${inputs * outputs}`);
  }
  const weightBits = config.snn.weightBits;
  const { q, scale } = quantizeWeights(weights, weightBits);
  return new CrossbarLayer(q, scale, inputs, outputs, hw, weightBits, seed, options);
}

class CrossbarLayer implements ProgrammedLayer {
  readonly outputScale: number;
  readonly crossbars: number;
  readonly directInput: boolean;
  private readonly bands: Band[] = [];
  private readonly bandStart: number[] = [];
  private readonly converters: ColumnConverter[] = [];
  private readonly slices: number;
  private readonly sliceWeight: Float64Array;
  private readonly offset: number;
  /** Weight columns (outputs x slices); with reference DIFF, `totalCols` adds blocks x slices reference columns. */
  private readonly cols: number;
  private readonly totalCols: number;
  private readonly reference: boolean;
  /** Per weight column: index of its reference column (reference DIFF only). */
  private readonly refOf: Int32Array;
  private readonly quantized: Float64Array;
  private readonly perOutputThreshold: Float32Array | null;
  private noise: FastNormal | null;
  // Per band and input-bit plane: the deterministic analog column values of the last input, their read-noise sigma
  // and the number of driven rows. Reused while the input does not change (a direct-coded input repeats every
  // timestep), so only the noise draws and the conversion are redone.
  private readonly planes: number;
  private readonly planeAnalog: Float64Array[] = [];
  private readonly planeSigma: (Float64Array | null)[] = [];
  private readonly planeCount: Int32Array;
  private readonly lastX: Float32Array;
  private hasLast = false;
  private sumX = 0;
  // Scratch, allocated once.
  private readonly xInt: Int32Array;
  private readonly digital: Float64Array;
  private readonly scratch: BandScratch;
  private readonly lists: Int32Array[];
  private readonly noiseDraws: Float64Array;

  constructor(
    readonly quantizedWeights: Int32Array,
    readonly weightScale: number,
    readonly inputs: number,
    readonly outputs: number,
    hw: LayerHardware,
    weightBits: number,
    private readonly seed: string,
    options: ProgramOptions,
  ) {
    const d = hw.device.bitsPerCell;
    const size = hw.crossbar.size;
    checkShape('crossbar.size', size);
    this.directInput = options.directInput;
    this.outputScale = options.directInput ? weightScale / DIRECT_INPUT_MAX : weightScale;
    this.slices = sliceCount(weightBits, d);
    this.sliceWeight = Float64Array.from({ length: this.slices }, (_, s) => 2 ** (s * d));
    this.offset = weightOffset(weightBits);
    this.cols = outputs * this.slices;
    this.reference = options.diff === 'reference';
    if (options.diff !== undefined && options.diff !== 'digital' && options.diff !== 'reference') {
      throw new ConfigError(`diff: got ${JSON.stringify(options.diff)}, expected 'digital' or 'reference'`);
    }
    const colBlocks = Math.ceil(this.cols / size);
    this.totalCols = this.cols + (this.reference ? colBlocks * this.slices : 0);
    this.refOf = new Int32Array(this.cols);
    for (let c = 0; c < this.cols; c++) this.refOf[c] = this.cols + Math.floor(c / size) * this.slices + (c % this.slices);
    const layout = {
      block: Int32Array.from({ length: this.totalCols }, (_, c) => (c < this.cols ? Math.floor(c / size) : Math.floor((c - this.cols) / this.slices))),
      position: Int32Array.from({ length: this.totalCols }, (_, c) => (c < this.cols ? c % size : Math.floor(size / 2))),
    };
    const cell = cellLevels(hw.device);
    const sigma = hw.device.readNoiseSigma;
    const dev = {
      cell,
      readNoiseSigma: sigma,
      driftFactor: driftFactor(hw.device.driftNu, hw.device.driftTime_s),
      stuckAtRate: hw.device.stuckAtRate,
      stuckAtOffShare: STUCK_AT_OFF_SHARE,
      rWire_ohm: hw.crossbar.rWire_ohm,
    };
    const threshold = options.senseThreshold;
    if (threshold instanceof Float32Array && threshold.length !== outputs) {
      throw new ConfigError(`senseThreshold: got ${threshold.length} values, expected one per output (${outputs})`);
    }
    this.perOutputThreshold = hw.adc.kind === 'senseamp' && threshold instanceof Float32Array ? Float32Array.from(threshold) : null;
    if (this.perOutputThreshold) {
      for (const t of this.perOutputThreshold) {
        if (!(t > 0)) throw new ConfigError(`senseThreshold: got ${t}, expected positive cell-level thresholds`);
      }
    }
    const mask = 2 ** d - 1;
    const bandCount = Math.ceil(inputs / size);
    for (let b = 0; b < bandCount; b++) {
      const start = b * size;
      const rows = Math.min(size, inputs - start);
      const tc = this.totalCols;
      const levels = new Uint8Array(rows * tc);
      for (let r = 0; r < rows; r++) {
        for (let o = 0; o < outputs; o++) {
          const u = quantizedWeights[o * inputs + start + r] + this.offset;
          for (let s = 0; s < this.slices; s++) levels[r * tc + o * this.slices + s] = Math.floor(u / 2 ** (s * d)) & mask;
        }
        for (let c = this.cols; c < tc; c++) levels[r * tc + c] = Math.floor(this.offset / 2 ** (((c - this.cols) % this.slices) * d)) & mask;
      }
      const faultRng = dev.stuckAtRate > 0 ? createRng(`${seed}:faults:${b}`) : null;
      this.bands.push(buildBand(levels, rows, tc, size, dev, faultRng, this.reference ? layout : null));
      this.bandStart.push(start);
      this.converters.push(columnConverter(hw.adc, rows, d, typeof threshold === 'number' ? threshold : undefined));
    }
    this.crossbars = bandCount * Math.ceil(this.cols / size);
    this.noise = sigma > 0 ? new FastNormal(`${seed}:readnoise`) : null;
    this.planes = options.directInput ? DIRECT_INPUT_BITS : 1;
    for (let k = 0; k < bandCount * this.planes; k++) {
      this.planeAnalog.push(new Float64Array(this.totalCols));
      this.planeSigma.push(sigma > 0 ? new Float64Array(this.totalCols) : null);
    }
    this.planeCount = new Int32Array(bandCount * this.planes);
    this.lastX = new Float32Array(inputs);
    this.xInt = new Int32Array(inputs);
    this.digital = new Float64Array(outputs);
    this.scratch = bandScratch(Math.min(size, inputs));
    this.noiseDraws = new Float64Array(this.totalCols);
    this.quantized = new Float64Array(this.totalCols);
    this.lists = Array.from({ length: this.planes }, () => new Int32Array(Math.min(size, inputs)));
  }

  reseedNoise(key: string): void {
    if (this.noise) this.noise = new FastNormal(`${this.seed}:readnoise:${key}`);
  }

  mvm(x: Float32Array, y: Float32Array): void {
    if (x.length < this.inputs || y.length < this.outputs) {
      throw new ConfigError(`mvm: got x of ${x.length} and y of ${y.length} values, expected at least ${this.inputs} and ${this.outputs}`);
    }
    if (!this.sameAsLast(x)) this.readAnalog(x);
    const { planes, digital, outputs } = this;
    digital.fill(0);
    for (let b = 0; b < this.bands.length; b++) {
      for (let p = 0; p < planes; p++) {
        const k = b * planes + p;
        if (this.planeCount[k] === 0) continue; // no row driven: the crossbar is not read
        this.convert(this.converters[b], this.planeAnalog[k], this.planeSigma[k], 2 ** p);
      }
    }
    const diff = this.reference ? 0 : this.offset * this.sumX;
    for (let o = 0; o < outputs; o++) y[o] = (digital[o] - diff) * this.outputScale;
  }

  private sameAsLast(x: Float32Array): boolean {
    const last = this.lastX;
    if (!this.hasLast) return false;
    for (let i = 0; i < this.inputs; i++) if (x[i] !== last[i]) return false;
    return true;
  }

  /** Quantise/binarise the input and compute every band's deterministic analog read per input-bit plane. */
  private readAnalog(x: Float32Array): void {
    const { inputs, xInt, lists, planes, planeCount } = this;
    let sumX = 0;
    if (this.directInput) {
      quantizeDirectInput(x.subarray(0, inputs), xInt);
      for (let i = 0; i < inputs; i++) sumX += xInt[i];
    } else {
      for (let i = 0; i < inputs; i++) {
        const v = x[i] !== 0 ? 1 : 0;
        xInt[i] = v;
        sumX += v;
      }
    }
    this.sumX = sumX;
    for (let b = 0; b < this.bands.length; b++) {
      const band = this.bands[b];
      const start = this.bandStart[b];
      const counts = planeCount.subarray(b * planes, (b + 1) * planes);
      counts.fill(0);
      for (let r = 0; r < band.rows; r++) {
        const v = xInt[start + r];
        if (v === 0) continue;
        for (let p = 0; p < planes; p++) if ((v >> p) & 1) lists[p][counts[p]++] = r;
      }
      for (let p = 0; p < planes; p++) {
        const k = b * planes + p;
        if (counts[p] > 0) readBand(band, lists[p], counts[p], this.planeAnalog[k], this.planeSigma[k], this.scratch);
      }
    }
    this.lastX.set(x.subarray(0, inputs));
    this.hasLast = true;
  }

  /** Add read noise to one read's columns, digitise them and shift-and-add into the digital sums. */
  private convert(conv: ColumnConverter, analog: Float64Array, sigma: Float64Array | null, planeWeight: number): void {
    const { digital, slices, sliceWeight, perOutputThreshold, noiseDraws, quantized, totalCols } = this;
    const noisy = sigma !== null && this.noise !== null;
    if (noisy) {
      this.noise!.fill(noiseDraws, totalCols);
      for (let c = 0; c < totalCols; c++) noiseDraws[c] = analog[c] + sigma![c] * noiseDraws[c];
    }
    const values = noisy ? noiseDraws : analog;
    if (conv.kind === 'senseamp') {
      for (let c = 0; c < totalCols; c++) {
        const t = perOutputThreshold && c < this.cols ? perOutputThreshold[Math.floor(c / slices)] : conv.threshold;
        quantized[c] = values[c] >= t ? 2 * t : 0;
      }
    } else {
      const { lsb, maxCode } = conv;
      const invLsb = 1 / lsb;
      const top = maxCode - 0.5;
      for (let c = 0; c < totalCols; c++) {
        const v = values[c] * invLsb;
        // round half up, clipped to [0, maxCode]
        quantized[c] = (v < 0.5 ? 0 : v >= top ? maxCode : Math.floor(v + 0.5)) * lsb;
      }
    }
    const outputs = this.outputs;
    const refOf = this.reference ? this.refOf : null;
    for (let o = 0; o < outputs; o++) {
      let sum = 0;
      for (let s = 0; s < slices; s++) {
        const c = o * slices + s;
        sum += (refOf ? quantized[c] - quantized[refOf[c]] : quantized[c]) * sliceWeight[s];
      }
      digital[o] += sum * planeWeight;
    }
  }
}
