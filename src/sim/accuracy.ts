/**
 * Hardware accuracy: test-split accuracy of functional SNN inference (src/snn) with every weight layer
 * programmed onto non-ideal crossbars (src/sim/nonideal programLayer): each layer's MACs are computed tile by
 * tile as the mapping places them, so crossbar size, bits per cell, ADC kind/bits/range, R_on, On/Off, wire
 * resistance, read noise, drift and stuck-at faults all act on the result.
 *
 * Reproducibility: the chip instance (quantisation, faults, drift) is programmed once per evaluation from
 * `${accuracy.seed}:${network}:${layer}`; the test samples are the first `accuracy.samples` of a seeded
 * permutation of the 10,000 test images (`${accuracy.seed}:samples`); read noise restarts for every sample at
 * `readnoise:<test index>` (and a FeFET U_mem cache's write noise at `membrane-cache:${accuracy.seed}:<test index>`),
 * so any sample's result is the same whatever the worker count or order.
 * Confidence interval: Wilson score interval at 95% over the evaluated samples, each a Bernoulli trial whose
 * randomness includes its own noise draws; `accuracy_ci95` is half the interval's width. It covers the choice of
 * test samples, not the chip: one seed programs one chip instance. With `accuracy.chips` = k >= 2 the result is the
 * mean over k chips and its Student t interval over them (`combineChips`), which covers chip-to-chip variation too:
 * chip c (c < k) is programmed and read from seed accuracy.seed + c and reads its own test samples, positions
 * [c n, (c + 1) n) of the permutation above (n = accuracy.samples; k n <= 10,000), so the chips' accuracies are
 * independent. Chip 0 is the one-chip evaluation exactly.
 * Weights: weights/<network>.json; with adc.kind = senseamp on every weight layer, weights/<network>-adcless.json
 * (ADC-less hardware-aware training) when it exists.
 */
import { adcKind } from '../hardware/components/adc/index.js';
import { LIF_CACHE_KINDS } from '../hardware/components/lif.js';
import { signedMapping } from '../hardware/signedMappings.js';
import { layerHardware, layerValue, overridesByLayerName, PARAMETERS, getPath, type HardwareConfig, type ParamValue } from '../hardware/config.js';
import { keyedValue, layerConverters, type LayerConverter } from './effectiveDesign.js';
import { ConfigError } from '../core/errors.js';
import { checkedConfigFor } from '../model/layerKeys.js';
import { isWeightLayer } from '../model/resolve.js';
import type { Network } from '../model/types.js';
import { buildSnnGraph, type SnnGraph } from '../snn/graph.js';
import { MEMBRANE_WRITE_INTERVAL_s, membraneCache, type MembraneCache } from './nonideal/membraneCache.js';
import { hardwareOutputScale, programmingWeights, SnnRunner, type LayerEngine } from '../snn/inference.js';
import { membraneWordOf, type MembraneWord } from '../snn/membraneWord.js';
import { loadMnist, MNIST_PIXELS } from '../snn/mnist.js';
import { checkWeightsFit, givenWeightsTag, loadWeights, type LayerWeights, type SnnWeights } from '../snn/weights.js';
import { createRng, shuffled } from '../util/rng.js';
import { chipSeeds, chipsError, combineChips, wilsonResult, wrongAnswersToStop, type AccuracyResult } from './accuracyResult.js';
import { APART_ACCURACY_METRIC_NAMES, MEASURED_ACCURACY_METRIC_NAMES, type AccuracyFigures } from './metrics.js';
import { programLayer, type ProgrammedLayer } from './nonideal/layer.js';
import { clearMacErrorCache, networkMacError, senseAmplifierLayers, type NetworkMacError } from './nonideal/macError.js';
import { quantizeWeights, type QuantizedWeights } from './nonideal/device.js';
import { ownedBy, SlabOwner } from './nonideal/slab.js';
import { accuracyProxy, accuracyProxyRefusal } from './nonideal/rankProxy.js';

import { weightsFor } from './trainedWeights.js';
export { isAdcLess, weightsDesignMismatch, weightsFor } from './trainedWeights.js';
export { chipSeeds, combineChips, wilsonInterval, wilsonResult, wrongAnswersToStop, type AccuracyResult, type ChipSpread } from './accuracyResult.js';

/**
 * Test-set indices evaluated for `samples` and `seed`: a seeded permutation's prefix, or for chip `chip` of a
 * chip-averaged evaluation its next `samples` positions after the earlier chips' (accuracy.chips).
 */
export function accuracySampleIndices(samples: number, seed: number, testCount: number, chip = 0): Int32Array {
  if (!Number.isInteger(samples) || samples < 1 || samples > testCount) {
    throw new ConfigError(`accuracy.samples: got ${samples}, expected an integer in [1, ${testCount}]`);
  }
  if ((chip + 1) * samples > testCount) throw chipsError(chip + 1, samples, testCount);
  return shuffled(testCount, createRng(`${seed}:samples`)).slice(chip * samples, (chip + 1) * samples);
}

/**
 * Program every weight layer of `weights` onto the crossbars of `config`. `reuse`: the weights are the loaded ones
 * (loadWeights), which never change in a process, so their transposed and quantised form is kept per layer and
 * weight width instead of recomputed by every evaluation (programLayer only reads it).
 */
export function programNetwork(network: Network, graph: SnnGraph, weights: SnnWeights, config: HardwareConfig, reuse = false): ProgrammedLayer[] {
  checkedConfigFor(network, config); // as every exported entry point here: a ConfigError for a bad hand-built configuration
  checkWeightsFit(graph, weights);
  return graph.weightOps.map((op, i) => {
    const layer = network.layers[op.layerIndex];
    const hw = layerHardware(config, { index: op.layerIndex, name: layer.name });
    const directInput = i === 0;
    // ADC-less weights (src/snn/adcless.ts) state the real value of a sense amplifier's '1' (`gain`); on a signed
    // mapping the engine's '1' is `senseValue` integer units times outputScale, so senseValue = gain / weightScale:
    // a spike tile's '1' reads gain, and a direct-input tile's '1' on bit plane b reads gain 2^b / 255 (outputScale =
    // weightScale / 255, shift-added by 2^b), so all 8 planes sensing '1' read gain, as the trainer models it.
    const gain = weights.adcLess?.gain;
    const senseValue = gain !== undefined && adcKind(hw.adc.kind).oneBitPerColumn && signedMapping(hw.crossbar.signedMapping).bipolar
      ? gain / hardwareOutputScale(weights.layers[i], config.snn.weightBits, false) : undefined;
    const bits = config.snn.weightBits;
    const w = reuse ? quantizedLayer(weights.layers[i], bits) : programmingWeights(weights.layers[i]);
    return programLayer(w, op.fanIn, op.fanOut, hw, config,
      `${config.accuracy.seed}:${network.name}:${op.name}`, { directInput, senseValue, layer: { index: op.layerIndex, name: layer.name } });
  });
}

/** Loaded layers' programming weights quantised per weight width (programNetwork's `reuse`). */
const quantizedLayers = new WeakMap<LayerWeights, Map<number, QuantizedWeights>>();

function quantizedLayer(layer: LayerWeights, bits: number): QuantizedWeights {
  let byBits = quantizedLayers.get(layer);
  if (!byBits) quantizedLayers.set(layer, (byBits = new Map()));
  let q = byBits.get(bits);
  if (!q) byBits.set(bits, (q = quantizeWeights(programmingWeights(layer), bits)));
  return q;
}

export interface AccuracyOptions {
  /** Use these weights instead of the shipped ones. */
  readonly weights?: SnnWeights;
  /** Evaluate only these positions of the sample list (for splitting across workers); default all. */
  readonly range?: { readonly from: number; readonly to: number };
  /**
   * With accuracy.chips >= 2: evaluate chip `chip` alone (its seed and its samples; `range` is within them);
   * without, evaluateAccuracy measures every chip and combines them, and hardwarePredictions gives chip 0's.
   */
  readonly chip?: number;
  /**
   * Stop as soon as the accuracy over all the samples is provably below this fraction (correct so far plus every
   * sample left < stopBelow x samples): the result then holds that upper bound, the samples evaluated and
   * `planned` (a lazy search's early stop, src/search/lazy). Not cached. With accuracy.chips >= 2, over all the
   * chips' samples (chip after chip).
   */
  readonly stopBelow?: number;
  /** One chip of a chip-averaged stop: stop at this many wrong answers (unset: stopBelow's count, wrongAnswersToStop). */
  readonly stopAtWrong?: number;
}

/**
 * The LIF datapath of `config` for a threshold θ: its snn.membraneBits word, which every LIF step rounds to
 * (src/snn/membraneWord.ts), and a FeFET U_mem cache's write variation, window and retention (membraneCache.ts); an
 * SRAM cache stores the word exactly (no cache model).
 */
export function membraneOf(config: HardwareConfig, threshold: number): { word: MembraneWord; cache?: MembraneCache } {
  const word = membraneWordOf(config.snn.membraneBits, threshold);
  if (!LIF_CACHE_KINDS[config.snn.lifCache].analog) return { word };
  return { word, cache: membraneCache({ writeSigma: config.snn.lifCacheWriteSigma, retention_s: config.snn.lifCacheRetention_s,
    interval_s: MEMBRANE_WRITE_INTERVAL_s, threshold }) };
}

/** Per-sample predictions on hardware (and the test labels), for tests and for splitting work. */
export function hardwarePredictions(network: Network, config: HardwareConfig, options: AccuracyOptions = {}):
  { predictions: Int32Array; labels: Int32Array; indices: Int32Array; variant: 'hp' | 'adcless' } {
  checkedConfigFor(network, config);
  const chosen = options.weights ? { weights: options.weights, variant: options.weights.adcLess ? 'adcless' as const : 'hp' as const }
    : weightsFor(network, config);
  if (!chosen) throw new ConfigError(`network ${network.name}: got no trained weights (weights/${network.name}.json), expected a network with weights for accuracy`);
  const graph = buildSnnGraph(network);
  const test = loadMnist('test');
  if (graph.inputSize !== MNIST_PIXELS) throw new ConfigError(`network ${network.name}: got input size ${graph.inputSize}, expected ${MNIST_PIXELS} (MNIST)`);
  const chip = options.chip ?? 0;
  const all = accuracySampleIndices(config.accuracy.samples, config.accuracy.seed, test.count, chip);
  const indices = all.slice(options.range?.from ?? 0, options.range?.to ?? all.length);
  // The band arrays of this programming go back to the slab pool when the samples are done (slab.ts), so the next
  // evaluation in this thread reuses their pages instead of faulting in fresh ones. Nothing programmed here outlives
  // this call (a read of a released band throws).
  const owner = new SlabOwner();
  try {
    const chipConfig = chip === 0 ? config : { ...config, accuracy: { ...config.accuracy, seed: chipSeeds(config, test.count)[chip] } };
    const layers = ownedBy(owner, () => programNetwork(network, graph, chosen.weights, chipConfig, options.weights === undefined));
    const engines: LayerEngine[] = layers;
    const runner = new SnnRunner(graph);
    // Without read noise every non-ideality is static, so the direct-coded first layer reads the same at every
    // timestep: computing it once is exact (and T times cheaper).
    const first = network.layers[graph.weightOps[0].layerIndex];
    const reuseDirectLayer = layerHardware(config, { index: first.index, name: first.name }).device.readNoiseSigma === 0;
    const { word: membraneWord, cache: umem } = membraneOf(config, chosen.weights.lif.threshold);
    const storeMembrane = umem ? (_op: number, membrane: Float64Array) => umem.store(membrane) : undefined;
    const predictions = new Int32Array(indices.length);
    const labels = new Int32Array(indices.length);
    // The wrong answer that proves the accuracy over all the samples below stopBelow: the bound evaluateAccuracy
    // reports is then below it, in the same arithmetic (wrongAnswersToStop).
    const stopAt = options.stopAtWrong ?? (options.stopBelow === undefined ? undefined : wrongAnswersToStop(options.stopBelow, indices.length)) ?? Infinity;
    for (let i = 0, wrong = 0; i < indices.length; i++) {
      const j = indices[i];
      for (const l of layers) l.reseedNoise(String(j));
      const pixels = test.images.subarray(j * MNIST_PIXELS, (j + 1) * MNIST_PIXELS);
      // Per chip and per image: seeded by the image alone, every chip wrote the same noise for the same image.
      umem?.reseed(`${chipConfig.accuracy.seed}:${j}`);
      predictions[i] = runner.run(pixels, engines, { timesteps: config.snn.timesteps, lif: chosen.weights.lif, reuseDirectLayer, membraneWord, storeMembrane }).predicted;
      labels[i] = test.labels[j];
      if (predictions[i] !== labels[i] && ++wrong >= stopAt) {
        return { predictions: predictions.slice(0, i + 1), labels: labels.slice(0, i + 1), indices, variant: chosen.variant };
      }
    }
    return { predictions, labels, indices, variant: chosen.variant };
  } finally {
    owner.release();
  }
}

/**
 * Hardware accuracy of a network with trained weights (see the file comment for method and seeding). With
 * accuracy.chips >= 2 and no `chip` option every chip is measured, one after the other, and combined (`range` is
 * refused); `stopBelow` then counts the wrong answers over all the chips' samples, so a stop can come in any chip.
 */
export function evaluateAccuracy(network: Network, config: HardwareConfig, options: AccuracyOptions = {}): AccuracyResult {
  checkedConfigFor(network, config);
  if (config.accuracy.chips > 1 && options.chip === undefined) {
    if (options.range) throw new Error('internal: evaluateAccuracy takes a sample range only for one chip (options.chip)');
    const key = options.weights || options.stopBelow !== undefined ? undefined : accuracyCacheKey(network, config);
    const hit = key ? cache.get(key) : undefined;
    if (hit) return hit;
    const chips = chipSeeds(config).length;
    const planned = chips * config.accuracy.samples;
    const budget = options.stopBelow === undefined ? undefined : wrongAnswersToStop(options.stopBelow, planned);
    const perChip: AccuracyResult[] = [];
    let wrong = 0;
    for (let chip = 0; chip < chips; chip++) {
      const r = evaluateAccuracy(network, config, { weights: options.weights, chip, ...(budget === undefined ? {} : { stopAtWrong: budget - wrong }) });
      perChip.push(r);
      wrong += r.samples - r.correct;
      // A chip's last sample can be the stopping wrong answer: the chip then reads as full, but the stop is here.
      if (r.planned !== undefined || (wrong === budget && chip < chips - 1)) return stoppedResult(perChip, planned);
    }
    const result = combineChips(perChip);
    if (key) remember(cache, key, result);
    return result;
  }
  const key = options.weights || options.range || options.stopBelow !== undefined || options.chip !== undefined ? undefined : accuracyCacheKey(network, config);
  const hit = key ? cache.get(key) : undefined;
  if (hit) return hit;
  const { predictions, labels, indices, variant } = hardwarePredictions(network, config, options);
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === labels[i]) correct++;
  const n = predictions.length;
  if (n < indices.length) return stoppedResult([{ samples: n, correct, weights: variant }], indices.length);
  const result = wilsonResult(correct, n, variant);
  if (key) remember(cache, key, result);
  return result;
}

/**
 * A measurement stopped before its `planned` samples (AccuracyOptions.stopBelow), from the parts measured (one chip,
 * or the chips up to the one that stopped): `accuracy` is the upper bound (correct + planned - samples) / planned.
 */
function stoppedResult(parts: readonly Pick<AccuracyResult, 'samples' | 'correct' | 'weights'>[], planned: number): AccuracyResult {
  const samples = parts.reduce((a, p) => a + p.samples, 0);
  const correct = parts.reduce((a, p) => a + p.correct, 0);
  const bound = (correct + planned - samples) / planned;
  return { accuracy: bound, accuracy_ci95: NaN, accuracy_low: NaN, accuracy_high: bound, samples, correct, weights: parts[0].weights, planned };
}

const ACCURACY_PATHS = PARAMETERS.filter((p) => p.affects.includes('accuracy')).map((p) => p.path);
const ACCURACY_PATH_SET = new Set(ACCURACY_PATHS);

/**
 * The cache key: network name plus every parameter whose registry entry affects accuracy, and the per-layer
 * overrides of such parameters. Parameters that only affect energy/latency/area (buffers, clock, NoC...) are not
 * part of it, so a search varying only those re-uses the result. An adc.* value no converter it reaches reads is keyed
 * as its default (effectiveDesign.ts keyedValue): a 1-bit SAR, flash and ramp are measured once (QA runs defect 1).
 */
export function accuracyCacheKey(network: Network, config: HardwareConfig): string {
  const read = readPaths(network, config);
  const converters = layerConverters(network, config);
  const global = ACCURACY_PATHS.filter(read).map((p) => `${p}=${String(keyedValue(config, converters, p, getPath(config, p) as ParamValue))}`);
  const layers = layerKeyParts(network, config, converters, (p) => ACCURACY_PATH_SET.has(p) && read(p));
  const given = givenWeightsTag(network.name); // given weights' results never answer for the shipped weights
  return [network.name, ...(given ? [`weights=${given}`] : []), JSON.stringify(network.layers), ...global, ...layers].join('|');
}

/**
 * Which accuracy paths the engines read under this configuration: a kind that ignores adc.bits (the 1-bit sense
 * amplifier) makes them unread, so when every weight layer's kind (layerValue) ignores them no adc.bits splits the
 * caches: an ADC-less design swept over ADC resolutions is simulated once. A global kind no weight layer reads does
 * not count (until QA maint2 it did: every layer's own sense amplifier under a global SAR split the caches by adc.bits).
 */
function readPaths(network: Network, config: HardwareConfig): (path: string) => boolean {
  const ignored = (kind: string) => adcKind(kind).ignoresBits;
  const allIgnore = network.layers.filter(isWeightLayer).every((layer) => ignored(String(layerValue(config, layer, 'adc.kind'))));
  return allIgnore ? (path) => path !== 'adc.bits' : () => true;
}

/**
 * A key's per-layer part: the `pick`ed overrides each layer gets, written `layers.<name>.<path>=<value>` whether the
 * configuration names the layer or gives its index (overridesByLayerName), so one design has one key; a value its
 * layer's converter does not read as its default (keyedValue).
 */
function layerKeyParts(network: Network, config: HardwareConfig, converters: readonly LayerConverter[], pick: (path: string) => boolean): string[] {
  return overridesByLayerName(config, network.layers, pick).flatMap(([layer, values]) => values.map(([p, v]) => `layers.${layer}.${p}=${String(keyedValue(config, converters, p, v, layer))}`));
}

const CACHE_LIMIT = 512;
const cache = new Map<string, AccuracyResult>();

/** Stores `value` under `key` in one of this module's caches, dropping the oldest entry beyond CACHE_LIMIT; returns it. */
function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value as string);
  map.set(key, value);
  return value;
}

/** Number of cached accuracy results (for tests and diagnostics). */
export function accuracyCacheSize(): number {
  return cache.size;
}

export function clearAccuracyCache(): void {
  cache.clear();
  macCache.clear();
  clearMacErrorCache();
}

export interface AccuracyMetrics extends AccuracyFigures {
  /** Present for networks with trained weights. */
  readonly detail?: AccuracyResult;
  readonly macErrorLayers: NetworkMacError['layers'];
}

/**
 * Accuracy parameters the MAC-error Monte Carlo does not read: it makes one crossbar read per sample (no timesteps,
 * no neurons, no test images), so these must not split its cache.
 */
const NOT_MAC_ERROR_PATHS = new Set(['snn.timesteps', 'snn.membraneBits', 'snn.lifCache', 'snn.lifCacheWriteSigma', 'snn.lifCacheRetention_s',
  'accuracy.samples', 'accuracy.chips']);
const MAC_ERROR_PATHS = ACCURACY_PATHS.filter((p) => !NOT_MAC_ERROR_PATHS.has(p));

/**
 * The MAC-error cache key: network plus every accuracy parameter the Monte Carlo reads, their per-layer overrides,
 * and the spike rates (global and per layer) that drive its random inputs.
 */
export function macErrorCacheKey(network: Network, config: HardwareConfig): string {
  const read = readPaths(network, config);
  const converters = layerConverters(network, config);
  const global = MAC_ERROR_PATHS.filter(read).map((p) => `${p}=${String(keyedValue(config, converters, p, getPath(config, p) as ParamValue))}`);
  const layers = layerKeyParts(network, config, converters, (p) => (ACCURACY_PATH_SET.has(p) && !NOT_MAC_ERROR_PATHS.has(p) && read(p)) || p === 'snn.spikeRate');
  return [network.name, JSON.stringify(network.layers), ...global, `snn.spikeRate=${config.snn.spikeRate}`, ...layers].join('|');
}

const macCache = new Map<string, NetworkMacError>();

/**
 * Accuracy metrics of a configuration: hardware accuracy (with its CI) when the network has trained weights,
 * NaN otherwise (no invented accuracy), and the MAC error of every weight layer's crossbars
 * (src/sim/nonideal networkMacError, accuracy.macSamples Monte Carlo reads per sampled crossbar) for every network,
 * and the accuracy proxy when `wanted` (default: every metric) names it. All are cached by the parameters that affect them.
 */
export function accuracyMetrics(network: Network, config: HardwareConfig, wanted?: readonly string[]): AccuracyMetrics {
  checkedConfigFor(network, config);
  const detail = wantsMeasuredAccuracy(wanted) && loadWeights(network.name) ? evaluateAccuracy(network, config) : undefined;
  return accuracyMetricsWith(network, config, detail, wanted);
}

/**
 * Whether a caller that reads `wanted` (undefined: every metric) needs the test-set measurement (hardware accuracy,
 * its interval); without it a trained network's accuracy is NaN, as for a network without weights.
 */
export function wantsMeasuredAccuracy(wanted: readonly string[] | undefined): boolean {
  return wanted === undefined || MEASURED_ACCURACY_METRIC_NAMES.some((m) => wanted.includes(m));
}

/**
 * Whether a caller that reads `wanted` (undefined: every metric) needs the accuracy proxy. The proxy is the one
 * figure of the engine computed apart (0.11-0.17 s per mlp-mnist / cnn-mnist design); the others come together.
 */
export function wantsAccuracyProxy(wanted: readonly string[] | undefined): boolean {
  return wanted === undefined || APART_ACCURACY_METRIC_NAMES.some((m) => wanted.includes(m));
}

/**
 * The accuracy engine's metrics around a measured accuracy (or none): the network's MAC error added, and its accuracy
 * proxy when `wanted` (the metrics the caller reads; default every one) names it, else NaN.
 */
export function accuracyMetricsWith(network: Network, config: HardwareConfig, detail: AccuracyResult | undefined, wanted?: readonly string[]): AccuracyMetrics {
  return accuracyMetricsOf(detail, macErrorOf(network, config), wantsAccuracyProxy(wanted) ? accuracyProxyOf(network, config) : NaN);
}

/**
 * The network's MAC error as accuracyMetrics seeds and sizes it (cached by the parameters that affect it); NaN, no
 * layer, for a design with sense-amplifier layers (senseAmplifierLayers: it does not apply to them).
 */
export function macErrorOf(network: Network, config: HardwareConfig): NetworkMacError {
  const key = macErrorCacheKey(network, config);
  return macCache.get(key) ?? remember(macCache, key, senseAmplifierLayers(network, config).length > 0 ? NO_MAC_ERROR
    : networkMacError(network, config, `${config.accuracy.seed}:macerror`, config.accuracy.macSamples));
}

const NO_MAC_ERROR: NetworkMacError = { layers: [], macError_rms: NaN, macSnr_dB: NaN };

/**
 * The accuracy proxy for networks without trained weights (src/sim/nonideal/rankProxy.ts `accuracyProxy`, docs/accuracy.md
 * "Empirical reads"), seeded and sized like the MAC error; cached by the MAC error's key and accuracyProxyKeyPart.
 */
export function accuracyProxyOf(network: Network, config: HardwareConfig): number {
  // Networks the proxy does not measure (VGG16, N-MNIST): NaN without building a cache key per design.
  if (accuracyProxyRefusal(network) !== undefined) return NaN;
  const key = `${macErrorCacheKey(network, config)}|${proxyReads(config)}`;
  // The proxy is a MAC error too (of T-read sums): it does not apply to sense-amplifier layers either.
  return proxyCache.get(key) ?? remember(proxyCache, key, senseAmplifierLayers(network, config).length > 0 ? NaN
    : accuracyProxy(network, config, `${config.accuracy.seed}:macerror`, config.accuracy.macSamples));
}

/** What the proxy reads beyond the MAC error's parameters: snn.timesteps (T reads, a T-step propagation). */
const proxyReads = (config: HardwareConfig): string => `snn.timesteps=${config.snn.timesteps}`;

/**
 * What the accuracy proxy adds to a stored result's key (src/app/cache/keys.ts) where the engine computes it for a
 * caller of `wanted` (default: every metric): proxyReads. Null where it gives NaN at every T (a network the proxy does
 * not measure: VGG, ResNet, N-MNIST; a caller that does not read it), so such results are one entry for every T.
 */
export function accuracyProxyKeyPart(network: Network, config: HardwareConfig, wanted?: readonly string[]): string | null {
  return wantsAccuracyProxy(wanted) && accuracyProxyRefusal(network) === undefined ? proxyReads(config) : null;
}
const proxyCache = new Map<string, number>();

/** The accuracy engine's metrics from a measured accuracy (none: NaN, no invented accuracy), a MAC error and the accuracy proxy. */
export function accuracyMetricsOf(detail: AccuracyResult | undefined, mac: NetworkMacError, proxy: number): AccuracyMetrics {
  return {
    accuracy: detail ? detail.accuracy : NaN,
    accuracy_ci95: detail ? detail.accuracy_ci95 : NaN,
    macError_rms: mac.macError_rms,
    macSnr_dB: mac.macSnr_dB,
    accuracyProxy: proxy,
    detail,
    macErrorLayers: mac.layers,
  };
}
