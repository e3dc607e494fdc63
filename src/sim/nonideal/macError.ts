/**
 * MAC error of a layer's crossbars, for networks without trained weights (VGG16 etc.): how far the digital partial
 * sums a crossbar delivers (after ADC, shift-and-add and DIFF) are from the exact integer dot products.
 *
 * Monte Carlo, all seeded from `seed`:
 * - Crossbars: up to MAC_ERROR_CROSSBARS of the layer's crossbars (row block, column block) drawn uniformly without
 *   replacement; each is emulated by a proxy layer with that block's rows and floor(weight columns / slices) outputs
 *   (at least 1), programmed with its own faults under the layer's crossbar.signedMapping (a reference-column
 *   crossbar holds X - S weight columns; a differential pair is the block and its twin).
 * - Weights: i.i.d. N(0, 1) per crossbar, quantised to snn.weightBits by the max-abs quantiser of trained layers, with
 *   the crossbar's own max|w| as the tensor (default) or the whole layer's expected one (MacErrorOptions.weightScale).
 * - Inputs: spiking layers get Bernoulli(hw.spikeRate) spikes per row; the direct-coded first layer gets i.i.d.
 *   uniform [0, 1] inputs (8-bit, bit-serial).
 * - Per sample, each proxy reads one fresh input with fresh read noise; errors and ideal values are pooled.
 * rms = sqrt(sum (y_hw - y_ideal)^2 / sum y_ideal^2) (normalised RMS error), snr_dB = 10 log10(sum y_ideal^2 /
 * sum (y_hw - y_ideal)^2) = -20 log10(rms): Infinity when the hardware is exact.
 *
 * Speed (a cache, results unchanged): a programmed proxy with its inputs and ideal outputs is kept in a bounded LRU
 * keyed by everything but the converter, so a design that differs only in adc.* (or in a bitsPerCell with the same
 * bit slicing) is not programmed again, only read.
 */
import { checkedConfig, layerHardware, type HardwareConfig, type LayerHardware } from '../../hardware/config.js';
import { adcKind } from '../../hardware/components/adc/index.js';
import { ConfigError, describeValue } from '../../core/errors.js';
import { checkedConfigFor } from '../../model/layerKeys.js';
import { isWeightLayer, shapeSize } from '../../model/resolve.js';
import type { Network, ResolvedLayer } from '../../model/types.js';
import { probit } from 'simple-statistics';
import { createRng } from '../../util/rng.js';
import { ByteLru } from './byteLru.js';
import { quantizeWeights, sliceCount, type QuantizedWeights } from './device.js';
import { idealMvm } from './ideal.js';
import { clearNormalMemo } from './normal.js';
import { normalsOnce } from './normalMemo.js';
import { clearStuckCells } from './stuckCells.js';
import { programLayer, type ProgrammedLayer, type ProgramOptions } from './layer.js';
import { bitSlicing, weightColumnsPerCrossbar } from './placement.js';
import { ownedBy, SlabOwner } from './slab.js';
import { jackknifeRmsSd } from './macErrorSpread.js';

/** Crossbars sampled per layer: bounds the cost for large layers (VGG16: up to 72 x 16 crossbars per layer). */
export const MAC_ERROR_CROSSBARS = 4;

export interface MacErrorResult {
  readonly rms: number;
  /** Jackknife standard error of rms over the sampled crossbars (macErrorSpread.ts; NaN with fewer than 2). */
  readonly rms_sd: number;
  readonly snr_dB: number;
  readonly crossbarsSampled: number;
  readonly samples: number;
}

export interface LayerMacError extends MacErrorResult {
  readonly layer: string;
  readonly index: number;
}

export interface NetworkMacError {
  readonly layers: readonly LayerMacError[];
  /** Mean of the weight layers' rms. */
  readonly macError_rms: number;
  /** Mean of the weight layers' snr_dB (Infinity when any layer is exact). */
  readonly macSnr_dB: number;
}

/** Crossbar rows and logical outputs of a weight layer (mapping of docs/sources.md#domain-2). */
export function layerShape(layer: ResolvedLayer): { rows: number; outputs: number } {
  if (!isWeightLayer(layer)) throw new ConfigError(`layer ${layer.name}: got kind "${layer.kind}", expected a conv or linear layer`);
  const rows = layer.kind === 'conv' ? layer.kernel * layer.kernel * layer.inputShape.channels : shapeSize(layer.inputShape);
  return { rows, outputs: layer.outputShape.channels };
}

/**
 * Median of max|w| over n i.i.d. N(0, 1) weights: P(max|Z| <= m) = (2Φ(m) - 1)^n = 1/2, m = Φ^-1((1 + 2^(-1/n)) / 2).
 * The whole layer's largest weight sets the quantiser scale of each of its crossbars.
 */
export function medianMaxAbsNormal(n: number): number {
  return probit((1 + 0.5 ** (1 / n)) / 2);
}

export interface MacErrorOptions {
  /** Quantise each sampled crossbar with its own max|w| ('crossbar', default) or the whole layer's expected one ('layer'). */
  readonly weightScale?: 'layer' | 'crossbar';
  /**
   * The direct-coded first layer's inputs: i.i.d. uniform [0, 1] by default, or drawn from this prior (e.g. a
   * dataset's pixel-intensity distribution, inputPrior.ts). `name` keys the programmed-proxy cache.
   */
  readonly inputPrior?: InputPrior;
  /**
   * Reads averaged per sample (default 1): each with fresh read noise, as a membrane integrates T reads of the same
   * input over T timesteps; the error is that of the mean read, so per-read noise counts 1/reads as much as an
   * error every read repeats (IR drop, offsets, clipping, quantisation).
   */
  readonly reads?: number;
}

/** A distribution of direct-coded input values in [0, 1], sampled with one uniform draw (inverse CDF). */
export interface InputPrior {
  readonly name: string;
  /** The input value at uniform quantile u in [0, 1). */
  quantile(u: number): number;
}

export function layerMacError(
  layer: ResolvedLayer,
  hw: LayerHardware,
  config: HardwareConfig,
  seed: string,
  samples: number,
  options: MacErrorOptions = {},
): MacErrorResult {
  const chosen = sampledCrossbars(layer, hw, config, seed, samples, options);
  const reads = options.reads ?? 1;
  if (!Number.isInteger(reads) || reads < 1) throw new ConfigError(`reads: got ${reads}, expected a positive integer`);
  let err2 = 0;
  let sig2 = 0;
  const perCrossbar = { err2: [] as number[], sig2: [] as number[] };
  for (const { proxy, xs, refs, inputs, outputs } of chosen) {
    const before = { err2, sig2 };
    const y = new Float32Array(outputs);
    const one = reads > 1 ? new Float32Array(outputs) : y;
    for (let s = 0; s < samples; s++) {
      const ref = refs.subarray(s * outputs, (s + 1) * outputs);
      const x = xs.subarray(s * inputs, (s + 1) * inputs);
      proxy.reseedNoise(String(s));
      proxy.mvm(x, one);
      if (reads > 1) {
        // The mean of `reads` reads (read 0 keeps the single-read seed).
        y.set(one);
        for (let t = 1; t < reads; t++) {
          proxy.reseedNoise(`${s}:${t}`);
          proxy.mvm(x, one);
          for (let o = 0; o < outputs; o++) y[o] += one[o];
        }
        for (let o = 0; o < outputs; o++) y[o] /= reads;
      }
      for (let o = 0; o < outputs; o++) {
        const e = y[o] - ref[o];
        err2 += e * e;
        sig2 += ref[o] * ref[o];
      }
    }
    perCrossbar.err2.push(err2 - before.err2);
    perCrossbar.sig2.push(sig2 - before.sig2);
  }
  const rms = sig2 > 0 ? Math.sqrt(err2 / sig2) : err2 > 0 ? Infinity : 0;
  const snr_dB = err2 > 0 ? 10 * Math.log10(sig2 / err2) : Infinity;
  return { rms, rms_sd: jackknifeRmsSd(perCrossbar.err2, perCrossbar.sig2), snr_dB, crossbarsSampled: chosen.length, samples };
}

/**
 * One sampled crossbar of a layer, programmed and read through the layer's converter: its index `c` among the
 * layer's crossbars, its Monte Carlo inputs `xs` (samples x inputs) and ideal outputs `refs` (samples x outputs).
 */
export interface SampledCrossbar {
  readonly c: number;
  readonly proxy: ProgrammedLayer;
  readonly xs: Float32Array;
  readonly refs: Float32Array;
  readonly inputs: number;
  readonly outputs: number;
}

/**
 * The crossbars the MAC-error Monte Carlo reads for this layer (up to MAC_ERROR_CROSSBARS, drawn from `seed`),
 * programmed (or taken from the LRU) and retargeted to the layer's converter. Shared by layerMacError and the
 * spike-propagating proxy (spikeProxy.ts), so both read the same programmed arrays.
 */
export function sampledCrossbars(
  layer: ResolvedLayer,
  hw: LayerHardware,
  config: HardwareConfig,
  seed: string,
  samples: number,
  options: MacErrorOptions = {},
): SampledCrossbar[] {
  if (!Number.isInteger(samples) || samples < 1) throw new ConfigError(`samples: got ${samples}, expected a positive integer`);
  releaseEvicted();
  const { rows, outputs } = layerShape(layer);
  const size = hw.crossbar.size;
  const slices = sliceCount(config.snn.weightBits, hw.device.bitsPerCell);
  // Weight columns per crossbar: X, or X - S beside the reference columns ('reference-column'); a differential pair's
  // twin crossbar is programmed with its partner by programLayer.
  const perCrossbar = Math.max(1, weightColumnsPerCrossbar(hw.crossbar.signedMapping, size, slices));
  const rowBlocks = Math.ceil(rows / size);
  const colBlocks = Math.ceil((outputs * slices) / perCrossbar);
  const total = rowBlocks * colBlocks;
  const pick = createRng(`${seed}:crossbars`);
  const chosen: number[] = [];
  // A partial Fisher-Yates over 0..total-1, the moved entries in a map (VGG16 layers have up to 18,432 crossbars).
  const pool = new Map<number, number>();
  const entry = (i: number) => pool.get(i) ?? i;
  for (let k = 0; k < Math.min(MAC_ERROR_CROSSBARS, total); k++) {
    const at = k + pick.int(total - k);
    const picked = entry(at);
    pool.set(at, entry(k));
    pool.set(k, picked);
    chosen.push(picked);
  }
  const direct = layer.directInput;
  const rate = hw.spikeRate;
  const slicing = bitSlicing(config.snn.weightBits, hw.device.bitsPerCell);
  const { bitsPerCell: _bits, ...device } = hw.device;
  const programmingKey = JSON.stringify([config.snn.weightBits, slicing, device, hw.crossbar, rate, samples, direct]);
  return chosen.map((c) => {
    const rb = Math.floor(c / colBlocks);
    const cb = c % colBlocks;
    const inputs = Math.min(size, rows - rb * size);
    const proxyOutputs = Math.max(1, Math.floor(Math.min(perCrossbar, outputs * slices - cb * perCrossbar) / slices));
    const tensorMaxAbs = (options.weightScale ?? 'crossbar') === 'layer' ? medianMaxAbsNormal(rows * outputs) : undefined;
    const prior = direct ? options.inputPrior : undefined;
    const key = `${seed}:${c}:${inputs}:${proxyOutputs}:${tensorMaxAbs ?? ''}${prior ? `:${prior.name}` : ''}|${programmingKey}`;
    const known = proxies.getOrAdd(key, () => programProxy(inputs, proxyOutputs, hw, config, seed, c, samples, direct, rate, tensorMaxAbs, prior, layer));
    return { c, proxy: known.proxy.retarget(hw.adc), xs: known.xs, refs: known.refs, inputs, outputs: proxyOutputs };
  });
}

/**
 * What designs share in sampledCrossbars, as a key (a routing hint for backends, speed only): designs with equal keys
 * program the same proxy crossbars (the cache's programming key: weight bits, bit slicing, the device but its bits per
 * cell, the crossbar, spike rate, samples) and differ only in what is read through them (converter) or not used here
 * (timesteps). Per-layer overrides are not looked at: a hint may be coarse, and has no effect on results.
 * Measured on `npm start`: routing by this key programmed ~28% fewer proxies than no routing, and ~17% fewer than a
 * coarser key without the device (which also shares weights and Monte Carlo inputs across devices).
 */
export function macErrorAffinity(config: HardwareConfig): string {
  const { weightBits, spikeRate } = config.snn;
  const { bitsPerCell, ...device } = config.device;
  return JSON.stringify([weightBits, sliceCount(weightBits, bitsPerCell), device, config.crossbar, spikeRate, config.accuracy.macSamples]);
}

/** A programmed proxy crossbar with its Monte Carlo inputs (samples x inputs) and ideal outputs (samples x outputs). */
interface Proxy {
  readonly proxy: ProgrammedLayer;
  readonly xs: Float32Array;
  readonly refs: Float32Array;
  /** Rough bytes held: programmed cells (value and noise variance), inputs and outputs. */
  readonly bytes: number;
  /** Holds the proxy's band arrays; released (buffers reused) after the proxy leaves the cache. */
  readonly owner: SlabOwner;
}

function programProxy(inputs: number, outputs: number, hw: LayerHardware, config: HardwareConfig, seed: string, c: number,
  samples: number, direct: boolean, rate: number, tensorMaxAbs: number | undefined, prior?: InputPrior, layer?: ProgramOptions['layer']): Proxy {
  const w = proxyWeights(seed, c, inputs * outputs, config.snn.weightBits, tensorMaxAbs);
  const owner = new SlabOwner();
  const proxy = ownedBy(owner, () => programLayer(w, inputs, outputs, hw, config, `${seed}:crossbar:${c}`, { directInput: direct, tensorMaxAbs, layer: layer && { index: layer.index, name: layer.name } }));
  // The inputs and ideal outputs depend on the weights and the input draws, not on the device or the crossbar's
  // programming: designs that share them (e.g. differing only in R_on) read the same ones from `monteCarloInputs`.
  const inputKey = JSON.stringify([seed, c, inputs, outputs, samples, direct, rate, tensorMaxAbs ?? null, prior?.name ?? null, config.snn.weightBits]);
  const { xs, refs } = monteCarloInputs.getOrAdd(inputKey, () => drawInputs(proxy, seed, c, inputs, outputs, samples, direct, rate, prior));
  const columns = 2 * outputs * sliceCount(config.snn.weightBits, hw.device.bitsPerCell) + 16;
  return { proxy, xs, refs, bytes: inputs * columns * 8 + (xs.length + refs.length) * 4, owner };
}

/**
 * A proxy's quantised weights: its normals (`<seed>:weights:<c>`) as Float32, quantised with the tensor's max|w|. They
 * depend on the seed, the crossbar, its size, the weight bits and tensorMaxAbs, not on the device, so designs that
 * differ only in the device share them (an LRU of QUANTIZED_WEIGHT_BYTES per thread; read only by programLayer).
 */
function proxyWeights(seed: string, c: number, n: number, weightBits: number, tensorMaxAbs: number | undefined): QuantizedWeights {
  const key = `${seed}:weights:${c}:${n}:${weightBits}:${tensorMaxAbs ?? ''}`;
  return quantizedWeights.getOrAdd(key, () => quantizeWeights(new Float32Array(normalsOnce(`${seed}:weights:${c}`, n)), weightBits, tensorMaxAbs));
}

/** Bytes of quantised proxy weights kept per process (an LRU; 64 KB for a 128 x 128 crossbar). */
const QUANTIZED_WEIGHT_BYTES = 16 * 2 ** 20;
const quantizedWeights = new ByteLru<QuantizedWeights>(QUANTIZED_WEIGHT_BYTES, (w) => 4 * w.q.length);

/** Monte Carlo inputs (samples x inputs) and the ideal outputs of a proxy's integer weights (samples x outputs). */
function drawInputs(ideal: ProgrammedLayer, seed: string, c: number, inputs: number, outputs: number, samples: number,
  direct: boolean, rate: number, prior?: InputPrior): { xs: Float32Array; refs: Float32Array } {
  const xRng = createRng(`${seed}:inputs:${c}`);
  const xs = new Float32Array(samples * inputs);
  const refs = new Float32Array(samples * outputs);
  for (let s = 0; s < samples; s++) {
    const x = xs.subarray(s * inputs, (s + 1) * inputs);
    for (let i = 0; i < inputs; i++) x[i] = direct ? (prior ? prior.quantile(xRng.next()) : xRng.next()) : xRng.next() < rate ? 1 : 0;
    idealMvm(ideal, x, refs.subarray(s * outputs, (s + 1) * outputs));
  }
  return { xs, refs };
}

/** Bytes of input sets kept per process (an LRU; about 50 KB each at 128 rows and 50 samples). */
const MONTE_CARLO_INPUT_BYTES = 48 * 2 ** 20;
const monteCarloInputs = new ByteLru<{ xs: Float32Array; refs: Float32Array }>(MONTE_CARLO_INPUT_BYTES, (v) => (v.xs.length + v.refs.length) * 4);

/**
 * Proxies evicted from the cache, released at the next sampledCrossbars call: by then the crossbars its callers took
 * (one layer's, read before the next layer's are taken) are no longer read.
 */
const evicted: SlabOwner[] = [];

/** Bytes of proxies kept per process (an LRU): about six 128x128 VGG16 designs. */
export const MAC_ERROR_CACHE_BYTES = 96 * 2 ** 20;
const proxies = new ByteLru<Proxy>(MAC_ERROR_CACHE_BYTES, (p) => p.bytes, (p) => evicted.push(p.owner));

function releaseEvicted(): void {
  for (const owner of evicted) owner.release();
  evicted.length = 0;
}

/** Forget every cached proxy, input set, memoised normal stream and stuck-cell list (results never depend on them). */
export function clearMacErrorCache(): void {
  // Dropped, not released: a caller may still hold crossbars it took (their buffers go to the collector).
  proxies.clear();
  evicted.length = 0;
  monteCarloInputs.clear();
  quantizedWeights.clear();
  clearNormalMemo();
  clearStuckCells();
}

/** Why the MAC error does not apply to a sense-amplifier layer, in the words evaluate and the space validator use. */
export const SENSE_AMPLIFIER_REASON = 'sense amplifiers binarise each partial sum by design, so an error against the exact dot product measures the design, not the hardware';

/**
 * The weight layers whose columns a 1-bit comparator reads (adc.kind with `oneBitPerColumn`: sense amplifiers, the
 * ADC-less design). Such a layer binarises each partial sum by design, so its error against the exact dot product
 * (VGG16 0.93, mlp-mnist 0.96; within 0.01 on ideal hardware) measures the design, not the hardware: the MAC error and the
 * proxies built on it do not apply to a design with one (docs/accuracy.md "Sense-amplifier designs").
 */
export function senseAmplifierLayers(network: Network, config: HardwareConfig): string[] {
  return network.layers.filter((l) => isWeightLayer(l) && adcKind(layerHardware(config, l, network).adc.kind).oneBitPerColumn).map((l) => l.name);
}

/**
 * MAC error of every weight layer (its own hardware view from `hwFor`, by default layerHardware:
 * per-layer overrides, spike rate from config override > layer > network > snn.spikeRate) and the network aggregate:
 * means over weight layers.
 */
export function networkMacError(
  network: Network,
  config: HardwareConfig,
  seed: string,
  samples: number,
  hwFor: (layer: ResolvedLayer) => LayerHardware = (layer) => layerHardware(config, layer, network),
  options: MacErrorOptions = {},
): NetworkMacError {
  const layers: LayerMacError[] = [];
  for (const layer of network.layers) {
    if (!isWeightLayer(layer)) continue;
    const r = layerMacError(layer, hwFor(layer), config, `${seed}:${network.name}:${layer.name}`, samples, options);
    layers.push({ ...r, layer: layer.name, index: layer.index });
  }
  if (layers.length === 0) throw new ConfigError(`network ${network.name}: got no conv or linear layer, expected at least one`);
  const mean = (f: (l: LayerMacError) => number) => layers.reduce((s, l) => s + f(l), 0) / layers.length;
  return { layers, macError_rms: mean((l) => l.rms), macSnr_dB: mean((l) => l.snr_dB) };
}

/*
 * The library's layerMacError and networkMacError (src/sim/nonideal/index.ts exports these under those names): the
 * configuration checked as evaluateAccuracy and simulateConfiguration check it, so a hand-built one with a NaN or
 * out-of-range value is refused instead of read (unchecked, a readNoiseSigma of NaN or -0.5 reads as no noise). The
 * engine's own callers pass configurations already checked and call the unchecked functions above (the hot path).
 */
export function checkedLayerMacError(
  layer: ResolvedLayer, hw: LayerHardware, config: HardwareConfig, seed: string, samples: number, options: MacErrorOptions = {},
): MacErrorResult {
  checkedConfig(config);
  checkSeed(seed);
  return layerMacError(layer, hw, config, seed, samples, options);
}

export function checkedNetworkMacError(
  network: Network, config: HardwareConfig, seed: string, samples: number,
  hwFor: (layer: ResolvedLayer) => LayerHardware = (layer) => layerHardware(config, layer, network), options: MacErrorOptions = {},
): NetworkMacError {
  checkedConfigFor(network, config);
  checkSeed(seed);
  return networkMacError(network, config, seed, samples, hwFor, options);
}

// The seed names every random stream (`${seed}:crossbars`): a number or an object would be stringified silently.
function checkSeed(seed: unknown): void {
  if (typeof seed !== 'string') throw new ConfigError(`seed: got ${describeValue(seed)}, expected a string`);
}
