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
import { buildBand, type Band } from './band.js';
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
  quantizeWeights, type QuantizedWeights,
  spreadOf,
  weightOffset,
} from './device.js';
import type { ProgrammedLayer } from './programmedLayer.js';
import { bandColumns, bandLevels, bitSlicing, layerCrossbars, levelScratch } from './placement.js';
import { bindCache, newReadCache, type CacheShape, type ReadCache } from './readCache.js';
import { analogRead, readAnalog, type AnalogRead } from './analogRead.js';
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
  /** readAnalog's layer and scratch (analogRead.ts). */
  private readonly analog: AnalogRead;
  private readonly digital: Float64Array;
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
    this.analog = analogRead(this.bands, this.bandStart, this.shape, this.planes, options.directInput, this.partner, cols, Math.min(size, inputs));
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
      else readAnalog(this.analog, this.cache, x);
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

  mvmSteps(x: Float32Array, ys: Float32Array, steps: number): boolean {
    if (!Number.isInteger(steps) || steps < 1) throw new ConfigError(`mvmSteps: got ${steps} steps, expected a positive integer`);
    if (x.length < this.inputs || ys.length < steps * this.outputs) {
      throw new ConfigError(`mvmSteps: got x of ${x.length} and ys of ${ys.length} values, expected at least ${this.inputs} and ${steps * this.outputs}`);
    }
    if (!this.batched) return false;
    const { cache, outputs: N } = this;
    const kernel = readKernel();
    // Room for every step's draws and sums first (a larger reserve resets the arena: bindCache then binds anew).
    kernel.reserve(this.caps.rows, this.shape.stride, this.caps.draws * Math.ceil(steps / 2), this.shape.reads, steps * N);
    bindCache(kernel, cache, this.shape, this.bands, this.caps, this.bound, this.bandReader?.block);
    if (!this.sameAsLast(x)) {
      if (this.bandReader) this.bandReader.read(kernel, cache, x, 0);
      else readAnalog(this.analog, this.cache, x);
      cache.digitalBy = null;
    }
    kernel.counts[0] = this.reader.records(kernel, cache, this.shape, this.planes, this.converters, 0);
    const digital = this.reader.batchSteps(kernel, this.noise!, kernel.counts[0], 1, steps);
    // mvm's outputs, step after step.
    const diff = this.mapping.bipolar ? 0 : this.offset * cache.sumX;
    for (let j = 0; j < steps * N; j++) ys[j] = (digital[j] - diff) * this.outputScale;
    return true;
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
    return this.gatheredSteps(input, gather, ys, positions, 1);
  }

  mvmGatheredSteps(input: Float64Array, gather: Int32Array, ys: Float32Array, positions: number, steps: number): boolean {
    if (!Number.isInteger(steps) || steps < 1) throw new ConfigError(`mvmGatheredSteps: got ${steps} steps, expected a positive integer`);
    return this.gatheredSteps(input, gather, ys, positions, steps);
  }

  /** mvmGathered `steps` times (ys: steps x positions x outputs), the reads once, every step's draws in one fill. */
  private gatheredSteps(input: Float64Array, gather: Int32Array, ys: Float32Array, positions: number, steps: number): boolean {
    const n = positions * this.inputs;
    if (gather.length < n || ys.length < steps * positions * this.outputs) {
      const what = steps === 1 ? 'mvmGathered' : 'mvmGatheredSteps';
      throw new ConfigError(`${what}: got a gather of ${gather.length} and ys of ${ys.length} values, expected at least ${n} and ${steps * positions * this.outputs}`);
    }
    const reader = this.bandReader;
    if (!this.batched || reader === null) return false;
    if (reader.roomForGather(n)) {
      // The reader's block grew (its gather table): bind it and the caches again.
      this.bound.epoch = -1;
      this.boundPositions.epoch = -1;
    }
    return this.batchPositions(ys, positions, n + input.length, (k) => reader.readGathered(k, this.slots, input, gather, positions), steps);
  }

  /**
   * mvmPositions batched (a differential pair: bandReads.ts): every position's cache bound, then `read` (one kernel
   * call) re-reads the positions whose input changed and lists every read as a record; one fill of all their draws and
   * one conversion call. False, with nothing drawn, when the positions' caches do not fit the kernel's arena together (a
   * reset while binding them twice): the caller then reads position by position. `inputF32`: the f32 the inputs take
   * in the draws region until the reads are done. `steps` > 1: the same reads converted `steps` times with fresh draws
   * (ReadConverter.batchSteps), ys step after step: the numbers of `steps` calls, as the reads of the later calls would
   * find every position's input unchanged.
   */
  private batchPositions(ys: Float32Array, positions: number, inputF32: number, read: (k: ReadKernel) => number, steps = 1): boolean {
    const { outputs: N, shape } = this;
    const k = readKernel();
    // The draws region is f64: one step's draws take positions x caps.draws f64 (room for twice its f32 draws).
    k.reserve(this.caps.rows, shape.stride, Math.max(positions * this.caps.draws * Math.ceil(steps / 2), Math.ceil(inputF32 / 2)),
      positions * shape.reads, steps * positions * N);
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
    if (steps === 1) this.reader.batch(k, this.noise!, n, positions);
    else this.reader.batchSteps(k, this.noise!, n, positions, steps);
    const outs = steps * positions * N;
    k.scaleOutputs(ys.length === outs ? ys : ys.subarray(0, outs), this.outputScale);
    return true;
  }

  /** True when x[at .. at + inputs - 1] is the current slot's last input. */
  private sameAsLast(x: Float32Array, at = 0): boolean {
    const last = this.cache.lastX;
    if (!this.cache.hasLast) return false;
    for (let i = 0; i < this.inputs; i++) if (x[at + i] !== last[i]) return false;
    return true;
  }
}
