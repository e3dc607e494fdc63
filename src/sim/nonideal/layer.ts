/**
 * A weight layer programmed onto crossbars, with every non-ideality of its configuration (the ideal reference is
 * ideal.ts). Column placement and cell levels per signed mapping: placement.ts. Signed weights q follow
 * crossbar.signedMapping (per layer; its facts are its record in src/hardware/signedMappings.ts):
 * - 'offset-diff' (preamble, SpikeSim DIFF): each column is converted (unipolar), shift-added, and the digital DIFF
 *   subtracts 2^(b-1) * sum(x).
 * - 'reference-column': every column's current minus its slice's reference current goes to a bipolar converter
 *   (analog subtraction before the converter), so the offset and its IR drop / drift cancel in analog.
 * - 'differential-pair' (PRIME-style G+ / G- arrays): the twin column currents are subtracted before a bipolar
 *   converter. Noise, IR drop, drift and faults act on both arrays independently.
 * The converter is the configured ADC kind's functional transfer (src/hardware/components/adc). The digital side adds
 * the converted slices (2^shift_s, balanced slicing: placement.ts bitSlicing), input bit planes (2^p) and bands; the result is an integer-valued sum;
 * y = outputScale * sum, with outputScale = weightScale for spikes and weightScale / 255 for 8-bit direct input.
 */
import { adcKind, type PerOutputReference } from '../../hardware/components/adc/index.js';
import type { AdcConfig, HardwareConfig, LayerHardware } from '../../hardware/config.js';
import { checkedWeightColumnsPerCrossbar, signedMapping, type SignedMappingRecord } from '../../hardware/signedMappings.js';
import { layerValuePath } from '../../hardware/layerView.js';
import { ConfigError } from '../../core/errors.js';
import { columnConverter, type ColumnConverter } from './adc.js';
import { buildBand, readBandAt, type Band } from './band.js';
import { BandReader } from './bandReads.js';
import { readKernel, type ReadKernel } from './bandKernel.js';
import { FastNormal, memoNormalRng, SeedStarts } from './normal.js';
import { stuckCellsOf } from './stuckCells.js';
import { cellDriftOf } from './cellDrift.js';
import { DIRECT_INPUT_CODES, DIRECT_INPUT_PLANES } from '../../snn/coding.js';
import {
  STUCK_AT_OFF_SHARE,
  cellLevels,
  driftFactor,
  quantizeDirectInput,
  quantizeWeights, type QuantizedWeights,
  spreadOf,
  weightOffset,
} from './device.js';
import type { ProgrammedLayer } from './programmedLayer.js';
import { bandColumns, bandLevels, bitSlicing, layerCrossbars, levelScratch } from './placement.js';
import { bindCache, newReadCache, sigmaPtr, valuesPtr, type CacheShape, type ReadCache } from './readCache.js';
import { PLANE_WEIGHT, ReadConverter } from './readConvert.js';
import { perOutputReference, type ProgramOptions } from './senseReference.js';
import { layerConverterOffsets } from './converterOffset.js';

export { idealMvm, type IdealLayer } from './ideal.js';
export { layerCrossbars, weightColumnsPerCrossbar } from './placement.js';
export type { ProgramOptions } from './senseReference.js';
export type { ProgrammedLayer } from './programmedLayer.js';

/** What layers that share programming (retarget) share. */
interface Programming {
  readonly bands: readonly Band[];
  readonly slots: ReadCache[];
  /** reseedNoise's start states by key (of `${seed}:readnoise:${key}`). */
  readonly noiseStarts: SeedStarts;
}

function sameRows(a: Int32Array, b: Int32Array, start: number, rows: number): boolean {
  for (let i = start; i < start + rows; i++) if (a[i] !== b[i]) return false;
  return true;
}

function checkShape(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name}: got ${value}, expected a positive integer`);
}

/** Program a real-valued layer (outputs x inputs, row-major; or quantizeWeights' result for it) onto the crossbars of `hw`. */
export function programLayer(
  weights: Float32Array | QuantizedWeights,
  inputs: number,
  outputs: number,
  hw: LayerHardware,
  config: HardwareConfig,
  seed: string,
  options: ProgramOptions,
): ProgrammedLayer {
  checkShape('inputs', inputs);
  checkShape('outputs', outputs);
  const given = weights instanceof Float32Array ? weights : weights.q;
  if (given.length !== inputs * outputs) {
    throw new ConfigError(`weights: got ${given.length} values, expected outputs x inputs = ${outputs} x ${inputs} = ${inputs * outputs}`);
  }
  const weightBits = config.snn.weightBits;
  const { q, scale } = weights instanceof Float32Array ? quantizeWeights(weights, weightBits, options.tensorMaxAbs) : weights;
  return new CrossbarLayer(q, scale, inputs, outputs, weightBits, seed, options, hw, config);
}

class CrossbarLayer implements ProgrammedLayer {
  readonly outputScale: number;
  readonly crossbars: number;
  readonly directInput: boolean;
  private readonly bands: Band[];
  private readonly bandStart: number[] = [];
  private readonly converters: ColumnConverter[] = [];
  /** Per band: its converters' static offset per weight column (level units); null when adc offsets are off. */
  private readonly offsets: (Float64Array | null)[] | null;
  private readonly slices: number;
  private readonly sliceWeight: Float64Array;
  private readonly offset: number;
  /** The signed mapping's record (src/hardware/signedMappings.ts). */
  private readonly mapping: SignedMappingRecord;
  /** Weight columns (outputs x slices); `totalCols` adds reference columns or the differential twin columns. */
  private readonly cols: number;
  private readonly totalCols: number;
  /** Per weight column: the column whose current is subtracted before the converter (signed mappings only). */
  private readonly partner: Int32Array | null;
  private readonly references: PerOutputReference | null;
  private readonly noise: FastNormal | null;
  private readonly noiseStarts: SeedStarts;
  // Per band and input-bit plane: the deterministic analog column values of the last input, their read-noise sigma and
  // the number of driven rows. Reused while the input does not change (a direct-coded input repeats every timestep), so
  // only the noise draws and conversion are redone. One cache per slot (useSlot): a conv layer's positions each get one.
  private readonly planes: number;
  private readonly slots: ReadCache[];
  private cache: ReadCache;
  private readonly shape: CacheShape;
  /** Rows of the tallest band, and the draws of one layer multiply (bindCache). */
  private readonly caps: { rows: number; draws: number };
  /** Read kernel epochs: every band made resident (bindCache); the caches of positions 0 .. count - 1 bound (batchPositions). */
  private readonly bound = { epoch: -1 };
  private readonly boundPositions = { epoch: -1, count: 0 };
  /** Every read is a noisy bipolar quantizer's (a differential pair with read noise): one kernel call converts them all. */
  private readonly batched: boolean;
  /** Where readBandAt writes (refilled per read). */
  private readonly to: { values: Float32Array; valuesPtr: number; sigma: Float32Array | null; sigmaPtr: number } =
    { values: new Float32Array(0), valuesPtr: 0, sigma: null, sigmaPtr: 0 };
  // Scratch, allocated once.
  private readonly xInt: Int32Array;
  private readonly digital: Float64Array;
  private readonly lists: Int32Array[];
  private readonly reader: ReadConverter;
  /** A differential pair's deterministic reads, one kernel call per multiply (bandReads.ts); else readAnalog. */
  private readonly bandReader: BandReader | null;

  constructor(
    readonly quantizedWeights: Int32Array,
    readonly weightScale: number,
    readonly inputs: number,
    readonly outputs: number,
    readonly weightBits: number,
    private readonly seed: string,
    private readonly options: ProgramOptions,
    private readonly hw: LayerHardware,
    private readonly config: HardwareConfig,
    shared: Programming | null = null,
  ) {
    // Balanced slicing: the cells use 2^cellBits levels (<= 2^bitsPerCell) over the full window.
    const slicing = bitSlicing(weightBits, hw.device.bitsPerCell);
    const d = slicing.cellBits;
    const size = hw.crossbar.size;
    checkShape('crossbar.size', size);
    const mapping = hw.crossbar.signedMapping;
    const record = (this.mapping = signedMapping(mapping));
    this.directInput = options.directInput;
    this.outputScale = options.directInput ? weightScale / DIRECT_INPUT_CODES : weightScale;
    const S = slicing.slices;
    this.slices = S;
    this.sliceWeight = Float64Array.from(slicing.shifts, (shift) => 2 ** shift);
    this.offset = weightOffset(weightBits);
    const cols = outputs * S;
    this.cols = cols;
    // The ELA's refusal (src/sim/mapping.ts), naming the layer's own field when the options name the layer.
    const layer = options.layer;
    checkedWeightColumnsPerCrossbar(mapping, size, S, layer ? layerValuePath(config, layer, 'crossbar.size') : 'crossbar.size', layer?.name);
    const bipolar = record.bipolar;
    const placed = bandColumns(mapping, cols, S, size);
    this.totalCols = placed.totalCols;
    this.partner = placed.partner;
    const cell = cellLevels({ ...hw.device, bitsPerCell: d });
    const sigma = hw.device.readNoiseSigma;
    // A device with a per-cell drift model (DevicePreset.cellDrift) drifts cell by cell; the others all by one factor.
    const cellDrift = cellDriftOf(hw.device, cell);
    const dev = {
      cell,
      readNoiseSigma: sigma,
      programSigma: hw.device.programSigma,
      programmingSpread_S: spreadOf(hw.device, cell),
      driftFactor: cellDrift ? 1 : driftFactor(hw.device.driftNu, hw.device.driftTime_s),
      cellDrift,
      stuckAtRate: hw.device.stuckAtRate,
      stuckAtOffShare: STUCK_AT_OFF_SHARE,
      rWire_ohm: hw.crossbar.rWire_ohm,
    };
    this.references = perOutputReference(adcKind(hw.adc.kind), options, outputs, bipolar);
    const bandCount = Math.ceil(inputs / size);
    const tc = this.totalCols;
    this.bands = shared ? shared.bands.slice() : [];
    for (let b = 0; b < bandCount; b++) {
      const start = b * size;
      const rows = Math.min(size, inputs - start);
      if (!shared) {
        const levels = bandLevels(quantizedWeights, inputs, outputs, start, rows, mapping, slicing, this.offset, tc, levelScratch(rows * tc));
        const faults = dev.stuckAtRate > 0 ? stuckCellsOf(`${seed}:faults:${b}`, rows * tc, dev.stuckAtRate, dev.stuckAtOffShare) : null;
        const programRng = dev.programSigma > 0 || dev.programmingSpread_S
          ? memoNormalRng(`${seed}:program:${b}`, rows * tc * ((dev.programSigma > 0 ? 1 : 0) + (dev.programmingSpread_S ? 1 : 0)))
          : null;
        const driftRng = cellDrift ? memoNormalRng(`${seed}:drift:${b}`, 2 * rows * tc) : null;
        this.bands.push(buildBand(levels, rows, tc, size, dev, faults, placed.layout, programRng, driftRng));
      }
      this.bandStart.push(start);
      this.converters.push(columnConverter(hw.adc, rows, d, {
        bipolar,
        threshold: typeof options.senseThreshold === 'number' ? options.senseThreshold : undefined,
        senseValue: typeof options.senseValue === 'number' ? options.senseValue : undefined,
      }));
    }
    this.offsets = layerConverterOffsets(hw, this.converters, cell.deltaG_S, cols, S, seed);
    this.crossbars = layerCrossbars(mapping, size, S, inputs, outputs);
    this.noise = sigma > 0 ? new FastNormal(`${seed}:readnoise`) : null;
    this.planes = options.directInput ? DIRECT_INPUT_PLANES : 1;
    const reads = this.bands.length * this.planes;
    this.shape = { reads, stride: this.bands[0].stride, noisy: this.noise !== null, inputs, outputs };
    this.caps = { rows: Math.min(size, inputs), draws: reads * cols };
    const pairReads = record.arrays === 2; // a block of two arrays (a differential pair) is read as pairs: bandReads.ts
    this.batched = this.noise !== null && pairReads && this.offsets === null
      && this.converters.every((c) => c.transfer === 'quantizer' && c.bipolar && !c.signOnly);
    this.slots = shared ? shared.slots : [];
    this.noiseStarts = shared ? shared.noiseStarts : new SeedStarts(`${seed}:readnoise:`);
    if (this.slots.length === 0) this.slots.push(newReadCache(this.shape));
    this.cache = this.slots[0];
    this.xInt = new Int32Array(inputs);
    this.lists = Array.from({ length: this.planes }, () => new Int32Array(Math.min(size, inputs)));
    this.reader = new ReadConverter({ sharedPartner: record.referenceColumns(S) > 0, cols, totalCols: tc, partner: this.partner, outputs, slices: S, sliceWeight: this.sliceWeight,
      references: this.references });
    this.digital = this.reader.digital;
    this.bandReader = pairReads
      ? new BandReader(this.bands, this.bandStart, this.shape, this.planes, cols, options.directInput, DIRECT_INPUT_CODES, this.converters)
      : null;
  }

  useSlot(slot: number): void {
    if (!Number.isInteger(slot) || slot < 0) throw new ConfigError(`slot: got ${slot}, expected a non-negative integer`);
    while (this.slots.length <= slot) this.slots.push(newReadCache(this.shape));
    this.cache = this.slots[slot];
  }

  retarget(adc: AdcConfig): ProgrammedLayer {
    return new CrossbarLayer(this.quantizedWeights, this.weightScale, this.inputs, this.outputs, this.weightBits, this.seed,
      this.options, { ...this.hw, adc }, this.config, { bands: this.bands, slots: this.slots, noiseStarts: this.noiseStarts });
  }

  reseedNoise(key: string): void {
    this.noise?.restart(this.noiseStarts.of(key));
  }

  mvm(x: Float32Array, y: Float32Array): void {
    if (x.length < this.inputs || y.length < this.outputs) {
      throw new ConfigError(`mvm: got x of ${x.length} and y of ${y.length} values, expected at least ${this.inputs} and ${this.outputs}`);
    }
    const cache = this.cache;
    const kernel = readKernel();
    bindCache(kernel, cache, this.shape, this.bands, this.caps, this.bound, this.bandReader?.block);
    const { planes, outputs } = this;
    let digital: Float64Array = this.digital;
    if (!this.sameAsLast(x)) {
      if (this.bandReader) this.bandReader.read(kernel, cache, x, 0);
      else this.readAnalog(x);
      cache.digitalBy = null;
    }
    if (this.batched) digital = this.reader.batch(kernel, this.noise!, this.reader.records(kernel, cache, this.shape, planes, this.converters, 0), 0);
    else if (cache.lastDigital && cache.digitalBy === this) digital.set(cache.lastDigital); // noise-free: the same read again
    else {
      digital.fill(0);
      for (let b = 0; b < this.bands.length; b++) {
        for (let p = 0; p < planes; p++) {
          const k = b * planes + p;
          if (cache.planeCount[k] === 0) continue; // no row driven: the crossbar is not read
          this.reader.convert(kernel, this.noise, this.converters[b], cache.planeAnalog[k], cache.planeSigma[k], PLANE_WEIGHT[p],
            this.offsets?.[b] ?? null);
        }
      }
      if (cache.lastDigital) {
        cache.lastDigital.set(digital);
        cache.digitalBy = this;
      }
    }
    // A unipolar mapping's digital DIFF: the offset times the input count.
    const diff = this.mapping.bipolar ? 0 : this.offset * cache.sumX;
    for (let o = 0; o < outputs; o++) y[o] = (digital[o] - diff) * this.outputScale;
  }

  mvmPositions(xs: Float32Array, ys: Float32Array, positions: number): void {
    const { inputs: K, outputs: N } = this;
    if (xs.length < positions * K || ys.length < positions * N) {
      throw new ConfigError(`mvmPositions: got xs of ${xs.length} and ys of ${ys.length} values, expected at least ${positions * K} and ${positions * N}`);
    }
    if (this.batched && this.bandReader && this.batchPositions(ys, positions, positions * K, (k) => this.bandReader!.readPositions(k, this.slots, xs, positions))) return;
    for (let p = 0; p < positions; p++) {
      this.useSlot(p);
      this.mvm(xs.subarray(p * K, (p + 1) * K), ys.subarray(p * N, (p + 1) * N));
    }
  }

  mvmGathered(input: Float64Array, gather: Int32Array, ys: Float32Array, positions: number): boolean {
    const n = positions * this.inputs;
    if (gather.length < n || ys.length < positions * this.outputs) {
      throw new ConfigError(`mvmGathered: got a gather of ${gather.length} and ys of ${ys.length} values, expected at least ${n} and ${positions * this.outputs}`);
    }
    const reader = this.bandReader;
    if (!this.batched || reader === null) return false;
    if (reader.roomForGather(n)) {
      // The reader's block grew (its gather table): bind it and the caches again.
      this.bound.epoch = -1;
      this.boundPositions.epoch = -1;
    }
    return this.batchPositions(ys, positions, n + input.length, (k) => reader.readGathered(k, this.slots, input, gather, positions));
  }

  /**
   * mvmPositions batched (a differential pair: bandReads.ts): every position's cache bound, then `read` (one kernel
   * call) re-reads the positions whose input changed and lists every read as a record; one fill of all their draws and
   * one conversion call. False, with nothing drawn, when the positions' caches do not fit the kernel's arena together (a
   * reset while binding them twice): the caller then reads position by position. `inputF32`: the f32 the inputs take
   * in the draws region until the reads are done.
   */
  private batchPositions(ys: Float32Array, positions: number, inputF32: number, read: (k: ReadKernel) => number): boolean {
    const { outputs: N, shape } = this;
    const k = readKernel();
    k.reserve(this.caps.rows, shape.stride, Math.max(positions * this.caps.draws, Math.ceil(inputF32 / 2)), positions * shape.reads,
      positions * N);
    if (k.epoch === this.boundPositions.epoch && positions <= this.boundPositions.count) {
      // Caches and bands all bound in this epoch (nothing reset since): bindCache would return at once for each.
      for (let p = 0; p < positions; p++) {
        k.slots[p] = this.slots[p].mem.cell;
        k.flags[p] = this.slots[p].hasLast ? 1 : 0;
      }
      this.cache = this.slots[positions - 1];
    } else {
      for (let attempt = 0; ; attempt++) {
        const epoch = k.epoch;
        for (let p = 0; p < positions; p++) {
          this.useSlot(p);
          bindCache(k, this.cache, shape, this.bands, this.caps, this.bound, this.bandReader!.block);
          k.slots[p] = this.cache.mem.cell;
          k.flags[p] = this.cache.hasLast ? 1 : 0;
        }
        if (k.epoch === epoch) break;
        if (attempt === 1) return false;
      }
      this.boundPositions.epoch = k.epoch;
      this.boundPositions.count = positions;
    }
    const n = read(k);
    // A differential pair: no digital offset, y = sum * outputScale (as mvm's (sum - 0) * outputScale).
    this.reader.batch(k, this.noise!, n, positions);
    k.scaleOutputs(ys.length === positions * N ? ys : ys.subarray(0, positions * N), this.outputScale);
    return true;
  }

  /** True when x[at .. at + inputs - 1] is the current slot's last input. */
  private sameAsLast(x: Float32Array, at = 0): boolean {
    const last = this.cache.lastX;
    if (!this.cache.hasLast) return false;
    for (let i = 0; i < this.inputs; i++) if (x[at + i] !== last[i]) return false;
    return true;
  }

  /**
   * Quantise/binarise the input and compute every band's deterministic analog read per input-bit plane (offset-diff
   * and reference-column mappings; a differential pair's twins are combined by bandReads.ts: one Gaussian of the
   * summed variance per column pair, kept in the weight column's slot, then the twin's current subtracted).
   */
  private readAnalog(x: Float32Array): void {
    const { inputs, xInt, lists, planes, cache, shape, to } = this;
    const { planeCount, planeAnalog, planeSigma } = cache;
    let sumX = 0;
    if (this.directInput) {
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
    for (let b = 0; b < this.bands.length; b++) {
      const band = this.bands[b];
      const start = this.bandStart[b];
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
        // (A differential pair reads in bandReads.ts.) Reference columns: without noise the deterministic difference is taken once here, in the weight column's
        // slot; with noise every column draws its own (convert).
        const partner = this.partner;
        if (partner && !planeSigma[k]) {
          const analog = planeAnalog[k];
          for (let c = 0; c < this.cols; c++) analog[c] = analog[c] - analog[partner[c]];
        }
      }
    }
    const lastX = cache.lastX;
    for (let i = 0; i < inputs; i++) lastX[i] = x[i];
    lastInt.set(xInt);
    cache.hasLast = true;
  }
}
