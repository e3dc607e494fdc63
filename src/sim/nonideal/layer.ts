/**
 * A weight layer programmed onto crossbars, with every non-ideality of its configuration, and the ideal reference.
 *
 * Mapping (domain.md §2, preamble): the layer's inputs are the crossbar rows, split into bands of crossbar.size rows;
 * output o, bit slice s is weight column o*S + s (S = ceil(weightBits/bitsPerCell)), and slice s holds bits
 * [s*d, (s+1)*d) of the stored unsigned integer. Signed weights q follow crossbar.signedMapping (per layer):
 * - 'offset-diff' (preamble, SpikeSim DIFF): u = q + 2^(b-1) stored; weight columns split into crossbars of X; each
 *   column is converted (unipolar), shift-added, and the digital DIFF subtracts 2^(b-1) * sum(x).
 * - 'reference-column': u = q + 2^(b-1) stored; each crossbar holds X - S weight columns and S reference columns
 *   (slice s of the offset 2^(b-1), at the centre of the array [inference]); every column's current minus its
 *   slice's reference current goes to a bipolar converter (analog subtraction before the converter), so the offset
 *   and its IR drop / drift cancel in analog.
 * - 'differential-pair' (PRIME-style G+ / G- arrays): max(q, 0) on one crossbar and max(-q, 0) on a twin crossbar
 *   at the same positions; the twin column currents are subtracted before a bipolar converter. Noise, IR drop,
 *   drift and faults act on both arrays independently.
 * The digital side adds the converted slices (2^(s*d)), input bit planes (2^p) and bands; the result is an
 * integer-valued sum; y = outputScale * sum, with outputScale = weightScale for spikes and weightScale / 255 for
 * 8-bit direct input.
 */
import { SIGNED_MAPPINGS, type HardwareConfig, type LayerHardware, type SignedMapping } from '../../hardware/config.js';
import { ConfigError } from '../../core/errors.js';
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
   * (applied to every slice column and crossbar of that output). Default: half the 1-bit range for 'offset-diff'
   * (see adc.ts), 0 (the sign of the signed partial sum) for 'reference-column' and 'differential-pair'.
   */
  readonly senseThreshold?: number | Float32Array;
  /**
   * Only for adc.kind = 'senseamp' with a signed mapping: the digital value of a sense amplifier's '1' in level units
   * of its slice (before the 2^(s*d) shift), one for all or one per output. Default 1.
   */
  readonly senseValue?: number | Float32Array;
}

/** Weight columns one crossbar holds: X, or X - S with reference columns (S = slices). */
export function weightColumnsPerCrossbar(mapping: SignedMapping, size: number, slices: number): number {
  return mapping === 'reference-column' ? size - slices : size;
}

/** Crossbars a layer of `inputs` rows and `outputs * slices` weight columns occupies under `mapping`. */
export function layerCrossbars(mapping: SignedMapping, size: number, slices: number, inputs: number, outputs: number): number {
  const perCrossbar = weightColumnsPerCrossbar(mapping, size, slices);
  const blocks = Math.ceil(inputs / size) * Math.ceil((outputs * slices) / perCrossbar);
  return mapping === 'differential-pair' ? 2 * blocks : blocks;
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
  /**
   * Select the read cache used by the next mvm calls (default slot 0). A layer re-reads an unchanged input without
   * recomputing its deterministic analog part; with one slot per output position of a conv layer, a direct-coded
   * input that repeats every timestep is found position by position. Results do not depend on slots (a cache only).
   */
  useSlot(slot: number): void;
}

/** The deterministic part of the last read of one slot (see useSlot). */
interface ReadCache {
  readonly planeAnalog: Float64Array[];
  readonly planeSigma: (Float64Array | null)[];
  readonly planeCount: Int32Array;
  readonly lastX: Float32Array;
  hasLast: boolean;
  sumX: number;
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
  private readonly mapping: SignedMapping;
  /** Weight columns (outputs x slices); `totalCols` adds reference columns or the differential twin columns. */
  private readonly cols: number;
  private readonly totalCols: number;
  /** Per weight column: the column whose current is subtracted before the converter (signed mappings only). */
  private readonly partner: Int32Array | null;
  private readonly quantized: Float64Array;
  private readonly signed: Float64Array;
  private readonly perOutputThreshold: Float32Array | null;
  private readonly perOutputValue: Float32Array | null;
  private noise: FastNormal | null;
  // Per band and input-bit plane: the deterministic analog column values of the last input, their read-noise sigma
  // and the number of driven rows. Reused while the input does not change (a direct-coded input repeats every
  // timestep), so only the noise draws and the conversion are redone. One such cache per slot (useSlot): a conv
  // layer's output positions each get their own, so the repeat is found position by position.
  private readonly planes: number;
  private readonly slots: ReadCache[] = [];
  private cache: ReadCache;
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
    const mapping = hw.crossbar.signedMapping;
    if (!(SIGNED_MAPPINGS as readonly string[]).includes(mapping)) {
      throw new ConfigError(`crossbar.signedMapping: got ${JSON.stringify(mapping)}, expected one of ${SIGNED_MAPPINGS.join(', ')}`);
    }
    this.mapping = mapping;
    this.directInput = options.directInput;
    this.outputScale = options.directInput ? weightScale / DIRECT_INPUT_MAX : weightScale;
    const S = sliceCount(weightBits, d);
    this.slices = S;
    this.sliceWeight = Float64Array.from({ length: S }, (_, s) => 2 ** (s * d));
    this.offset = weightOffset(weightBits);
    const cols = outputs * S;
    this.cols = cols;
    const perCrossbar = weightColumnsPerCrossbar(mapping, size, S);
    if (perCrossbar < 1) {
      throw new ConfigError(`crossbar.size: got ${size}, expected more than ${S} columns for 'reference-column' mapping (${S} reference columns per crossbar)`);
    }
    const colBlocks = Math.ceil(cols / perCrossbar);
    const bipolar = mapping !== 'offset-diff';
    // Physical placement of every band column: crossbar (block) and column position in it (0 = next to the driver).
    let layout: { block: Int32Array; position: Int32Array } | null = null;
    if (mapping === 'reference-column') {
      this.totalCols = cols + colBlocks * S;
      const mid = Math.floor(perCrossbar / 2); // reference columns sit at the array centre [inference]
      const block = new Int32Array(this.totalCols);
      const position = new Int32Array(this.totalCols);
      this.partner = new Int32Array(cols);
      for (let c = 0; c < cols; c++) {
        const b = Math.floor(c / perCrossbar);
        const local = c % perCrossbar;
        block[c] = b;
        position[c] = local < mid ? local : local + S;
        this.partner[c] = cols + b * S + (c % S);
      }
      for (let r = cols; r < this.totalCols; r++) {
        block[r] = Math.floor((r - cols) / S);
        position[r] = mid + ((r - cols) % S);
      }
      layout = { block, position };
    } else if (mapping === 'differential-pair') {
      this.totalCols = 2 * cols;
      const block = new Int32Array(this.totalCols);
      const position = new Int32Array(this.totalCols);
      this.partner = new Int32Array(cols);
      for (let c = 0; c < cols; c++) {
        block[c] = Math.floor(c / size);
        block[cols + c] = colBlocks + Math.floor(c / size); // the twin crossbar
        position[c] = position[cols + c] = c % size;
        this.partner[c] = cols + c;
      }
      layout = { block, position };
    } else {
      this.totalCols = cols;
      this.partner = null;
    }
    const cell = cellLevels(hw.device);
    const sigma = hw.device.readNoiseSigma;
    const dev = {
      cell,
      readNoiseSigma: sigma,
      programSigma: hw.device.programSigma,
      driftFactor: driftFactor(hw.device.driftNu, hw.device.driftTime_s),
      stuckAtRate: hw.device.stuckAtRate,
      stuckAtOffShare: STUCK_AT_OFF_SHARE,
      rWire_ohm: hw.crossbar.rWire_ohm,
    };
    const senseamp = hw.adc.kind === 'senseamp';
    this.perOutputThreshold = senseamp ? perOutput('senseThreshold', options.senseThreshold, outputs, bipolar ? null : 'positive') : null;
    this.perOutputValue = senseamp && bipolar ? perOutput('senseValue', options.senseValue, outputs, 'positive') : null;
    const mask = 2 ** d - 1;
    const bandCount = Math.ceil(inputs / size);
    const tc = this.totalCols;
    const offset = this.offset;
    for (let b = 0; b < bandCount; b++) {
      const start = b * size;
      const rows = Math.min(size, inputs - start);
      const levels = new Uint8Array(rows * tc);
      for (let r = 0; r < rows; r++) {
        const row = r * tc;
        for (let o = 0; o < outputs; o++) {
          const q = quantizedWeights[o * inputs + start + r];
          if (mapping === 'differential-pair') {
            const pos = q > 0 ? q : 0;
            const neg = q < 0 ? -q : 0;
            for (let s = 0; s < S; s++) {
              levels[row + o * S + s] = Math.floor(pos / 2 ** (s * d)) & mask;
              levels[row + cols + o * S + s] = Math.floor(neg / 2 ** (s * d)) & mask;
            }
          } else {
            const u = q + offset;
            for (let s = 0; s < S; s++) levels[row + o * S + s] = Math.floor(u / 2 ** (s * d)) & mask;
          }
        }
        if (mapping === 'reference-column') {
          for (let c = cols; c < tc; c++) levels[row + c] = Math.floor(offset / 2 ** (((c - cols) % S) * d)) & mask;
        }
      }
      const faultRng = dev.stuckAtRate > 0 ? createRng(`${seed}:faults:${b}`) : null;
      const programRng = dev.programSigma > 0 ? createRng(`${seed}:program:${b}`) : null;
      this.bands.push(buildBand(levels, rows, tc, size, dev, faultRng, layout, programRng));
      this.bandStart.push(start);
      this.converters.push(columnConverter(hw.adc, rows, d, {
        bipolar,
        threshold: typeof options.senseThreshold === 'number' ? options.senseThreshold : undefined,
        senseValue: typeof options.senseValue === 'number' ? options.senseValue : undefined,
      }));
    }
    this.crossbars = layerCrossbars(mapping, size, S, inputs, outputs);
    this.noise = sigma > 0 ? new FastNormal(`${seed}:readnoise`) : null;
    this.planes = options.directInput ? DIRECT_INPUT_BITS : 1;
    this.cache = this.newCache();
    this.slots.push(this.cache);
    this.xInt = new Int32Array(inputs);
    this.digital = new Float64Array(outputs);
    this.scratch = bandScratch(Math.min(size, inputs));
    this.noiseDraws = new Float64Array(tc);
    this.quantized = new Float64Array(cols);
    this.signed = new Float64Array(cols);
    this.lists = Array.from({ length: this.planes }, () => new Int32Array(Math.min(size, inputs)));
  }

  private newCache(): ReadCache {
    const k = this.bands.length * this.planes;
    const noisy = this.noise !== null;
    return {
      planeAnalog: Array.from({ length: k }, () => new Float64Array(this.totalCols)),
      planeSigma: Array.from({ length: k }, () => (noisy ? new Float64Array(this.totalCols) : null)),
      planeCount: new Int32Array(k),
      lastX: new Float32Array(this.inputs),
      hasLast: false,
      sumX: 0,
    };
  }

  useSlot(slot: number): void {
    if (!Number.isInteger(slot) || slot < 0) throw new ConfigError(`slot: got ${slot}, expected a non-negative integer`);
    while (this.slots.length <= slot) this.slots.push(this.newCache());
    this.cache = this.slots[slot];
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
        if (this.cache.planeCount[k] === 0) continue; // no row driven: the crossbar is not read
        this.convert(this.converters[b], this.cache.planeAnalog[k], this.cache.planeSigma[k], 2 ** p);
      }
    }
    const diff = this.mapping === 'offset-diff' ? this.offset * this.cache.sumX : 0;
    for (let o = 0; o < outputs; o++) y[o] = (digital[o] - diff) * this.outputScale;
  }

  private sameAsLast(x: Float32Array): boolean {
    const last = this.cache.lastX;
    if (!this.cache.hasLast) return false;
    for (let i = 0; i < this.inputs; i++) if (x[i] !== last[i]) return false;
    return true;
  }

  /** Quantise/binarise the input and compute every band's deterministic analog read per input-bit plane. */
  private readAnalog(x: Float32Array): void {
    const { inputs, xInt, lists, planes, cache } = this;
    const { planeCount, planeAnalog, planeSigma } = cache;
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
    cache.sumX = sumX;
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
        if (counts[p] === 0) continue;
        readBand(band, lists[p], counts[p], planeAnalog[k], planeSigma[k], this.scratch);
        const sig = planeSigma[k];
        if (sig && this.mapping === 'differential-pair') {
          // The twins' read noises are independent, so their difference carries one Gaussian of the summed variance:
          // one draw per column pair (exact in distribution), kept in the weight column's slot.
          const cols = this.cols;
          for (let c = 0; c < cols; c++) sig[c] = Math.sqrt(sig[c] * sig[c] + sig[cols + c] * sig[cols + c]);
        }
      }
    }
    cache.lastX.set(x.subarray(0, inputs));
    cache.hasLast = true;
  }

  /**
   * Add read noise to one read's columns, subtract the partner currents (signed mappings), digitise the weight
   * columns and shift-and-add them into the digital sums.
   */
  private convert(conv: ColumnConverter, analog: Float64Array, sigma: Float64Array | null, planeWeight: number): void {
    const { digital, slices, sliceWeight, perOutputThreshold, perOutputValue, noiseDraws, quantized, totalCols, cols, partner } = this;
    const noisy = sigma !== null && this.noise !== null;
    const pair = this.mapping === 'differential-pair';
    let values = analog;
    if (noisy && pair) {
      // One draw per column pair with the pair's combined sigma (see readAnalog), on the difference.
      const signed = this.signed;
      this.noise!.fill(noiseDraws, cols);
      for (let c = 0; c < cols; c++) signed[c] = analog[c] - analog[cols + c] + sigma![c] * noiseDraws[c];
      values = signed;
    } else if (noisy) {
      this.noise!.fill(noiseDraws, totalCols);
      for (let c = 0; c < totalCols; c++) noiseDraws[c] = analog[c] + sigma![c] * noiseDraws[c];
      values = noiseDraws;
    }
    if (partner && !(noisy && pair)) {
      const signed = this.signed;
      for (let c = 0; c < cols; c++) signed[c] = values[c] - values[partner[c]];
      values = signed;
    }
    if (conv.kind === 'senseamp') {
      if (conv.bipolar) {
        for (let c = 0; c < cols; c++) {
          const o = Math.floor(c / slices);
          const t = perOutputThreshold ? perOutputThreshold[o] : conv.threshold;
          quantized[c] = values[c] > t ? (perOutputValue ? perOutputValue[o] : conv.lsb) : 0;
        }
      } else {
        for (let c = 0; c < cols; c++) {
          const t = perOutputThreshold ? perOutputThreshold[Math.floor(c / slices)] : conv.threshold;
          quantized[c] = values[c] >= t ? 2 * t : 0;
        }
      }
    } else {
      const { lsb, maxCode } = conv;
      const invLsb = 1 / lsb;
      if (conv.bipolar) {
        for (let c = 0; c < cols; c++) {
          const v = values[c] * invLsb;
          // sign-magnitude: magnitude rounded half up, clipped to maxCode
          const m = conv.signOnly ? (v === 0 ? 0 : 1) : Math.floor((v < 0 ? -v : v) + 0.5);
          const code = m > maxCode ? maxCode : m;
          quantized[c] = v < 0 && code > 0 ? -code * lsb : code * lsb;
        }
      } else {
        const top = maxCode - 0.5;
        for (let c = 0; c < cols; c++) {
          const v = values[c] * invLsb;
          // round half up, clipped to [0, maxCode]
          quantized[c] = (v < 0.5 ? 0 : v >= top ? maxCode : Math.floor(v + 0.5)) * lsb;
        }
      }
    }
    const outputs = this.outputs;
    for (let o = 0; o < outputs; o++) {
      let sum = 0;
      for (let s = 0; s < slices; s++) sum += quantized[o * slices + s] * sliceWeight[s];
      digital[o] += sum * planeWeight;
    }
  }
}

/** A per-output Float32Array option checked and copied, or null when the option is a single number / absent. */
function perOutput(name: string, value: number | Float32Array | undefined, outputs: number, need: 'positive' | null): Float32Array | null {
  if (!(value instanceof Float32Array)) return null;
  if (value.length !== outputs) throw new ConfigError(`${name}: got ${value.length} values, expected one per output (${outputs})`);
  for (const t of value) {
    if (!Number.isFinite(t) || (need === 'positive' && !(t > 0))) {
      throw new ConfigError(`${name}: got ${t}, expected ${need === 'positive' ? 'positive' : 'finite'} cell-level values`);
    }
  }
  return Float32Array.from(value);
}
