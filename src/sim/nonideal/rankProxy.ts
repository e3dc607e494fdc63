/**
 * The rank proxy: a candidate accuracy proxy for networks without trained weights (issue 11 item 3; docs/accuracy.md
 * "The rank proxy"). Measured: Spearman ρ −0.907 / −0.926 against the accuracy of the 60 designs it was chosen on, but
 * −0.867 / −0.866 on 30 fresh designs where macError_rms gives −0.922 / −0.925, so it is not a registry metric. It is
 * the MAC error (macError.ts: the same
 * sampled, programmed crossbars, i.i.d. N(0, 1) weights, Bernoulli(spike rate) spikes) with three changes, each a
 * physical argument, none a fitted constant:
 * - Direct-coded inputs from the dataset's pixel distribution (inputPrior.ts) instead of uniform [0, 1]: how many rows
 *   a bit plane switches on sets how often a coarse `clip` converter saturates (MNIST: ~11% per plane, uniform: 50%).
 * - The error of the mean of T reads (T = snn.timesteps, fresh read noise each): a LIF membrane integrates T reads,
 *   so per-read noise counts 1/T as much as an error every read repeats (IR drop, reference offsets, clipping).
 * - Per layer min(rms, 1), then the mean over weight layers: an error as large as the signal leaves nothing to
 *   order; a layer 10x worse than dead is no deader.
 * 0 = exact, 1 = every layer's partial sums carry no more signal than error.
 */
import { layerHardware, type HardwareConfig, type LayerHardware } from '../../hardware/config.js';
import type { Network, ResolvedLayer } from '../../model/types.js';
import { isWeightLayer } from '../../model/resolve.js';
import { snnGraphRefusal } from '../../snn/graph.js';
import { createRng } from '../../util/rng.js';
import { activityHardware, readsMnistImages, untrainedSpikeRates, untrainedTraces, type LayerTrace } from './activityPrior.js';
import { idealMvm } from './ideal.js';
import { mnistPixelPrior } from './inputPrior.js';
import { layerMacError, layerShape, networkMacError, sampledCrossbars, type InputPrior, type LayerMacError } from './macError.js';

export interface NetworkRankProxy {
  /** Per weight layer: the MAC error of the T-read mean (uncapped). */
  readonly layers: readonly LayerMacError[];
  /** Mean over weight layers of min(rms, 1). */
  readonly rankProxy: number;
}

/**
 * The input prior of a network's direct-coded first layer: MNIST's pixel distribution for a 1x28x28 input read
 * by a direct-coded layer (the MNIST networks), otherwise none (uniform [0, 1], the MAC error's default: no other dataset's
 * statistics are shipped).
 */
export function datasetInputPrior(network: Network): InputPrior | undefined {
  return readsMnistImages(network) ? mnistPixelPrior() : undefined;
}

export function networkRankProxy(
  network: Network,
  config: HardwareConfig,
  seed: string,
  samples: number,
  hwFor: (layer: ResolvedLayer) => LayerHardware = (layer) => layerHardware(config, layer, network),
  inputPrior: InputPrior | undefined = datasetInputPrior(network),
): NetworkRankProxy {
  const mac = networkMacError(network, config, seed, samples, hwFor, { inputPrior, reads: config.snn.timesteps });
  const rankProxy = mac.layers.reduce((s, l) => s + Math.min(l.rms, 1), 0) / mac.layers.length;
  return { layers: mac.layers, rankProxy };
}

/**
 * The two pre-registered candidates of the activity prior (docs/accuracy.md "The activity prior"; activityPrior.ts):
 * hidden layers read Bernoulli spikes at the network's untrained propagation rate instead of snn.spikeRate, the
 * direct-coded first layer reads the dataset's pixels (datasetInputPrior).
 * - activityMacError: otherwise the MAC error (one read, mean over weight layers of the uncapped rms).
 * - activityRankProxy: otherwise the rank proxy (mean of T reads, mean over weight layers of min(rms, 1)).
 */
export interface NetworkActivityProxy {
  readonly activityMacError: number;
  readonly activityRankProxy: number;
  /** The hidden layers' spike rates used (by layer name). */
  readonly rates: ReadonlyMap<string, number>;
}

export function networkActivityProxy(network: Network, config: HardwareConfig, seed: string, samples: number): NetworkActivityProxy {
  const hwFor = activityHardware(network, config);
  const inputPrior = datasetInputPrior(network);
  const mac = networkMacError(network, config, seed, samples, hwFor, { inputPrior });
  const rank = networkRankProxy(network, config, seed, samples, hwFor, inputPrior);
  return { activityMacError: mac.macError_rms, activityRankProxy: rank.rankProxy, rates: untrainedSpikeRates(network, config.snn.timesteps, config.snn.weightBits) };
}

/**
 * The two pre-registered candidates of the empirical reads (docs/accuracy.md "Empirical reads"): the rank proxy
 * (error of the T-read mean, mean over weight layers of min(rms, 1), the same sampled and programmed crossbars) whose
 * reads come from the untrained network's own propagation (activityPrior.ts untrainedTraces) instead of i.i.d. draws.
 * Per sample: an image, an output position and a row block of the layer, each uniform; the crossbar reads that
 * block's rows at each of the T timesteps (hidden layers: the spikes of step t; the direct-coded layer: its pixels /
 * 255 every step), each read with fresh read noise; the error is that of the summed T reads against the summed exact
 * ones. Dense stroke patches and bursts switch many rows on at once (clipping, IR drop); an i.i.d. draw at the mean
 * rate does not.
 * - C, `empiricalRankProxy`: every weight layer reads its empirical reads.
 * - D, `hiddenEmpiricalRankProxy`: the hidden (spiking-input) layers read their empirical reads; the direct-coded
 *   layer reads i.i.d. pixels of the dataset's histogram as in candidate B (activityRankProxy), the same numbers.
 */
export interface NetworkEmpiricalProxy {
  readonly empiricalRankProxy: number;
  readonly hiddenEmpiricalRankProxy: number;
  /** Per weight layer, uncapped: the empirical-read rms, and (direct-coded layers only) the i.i.d.-prior rms. */
  readonly layers: readonly { readonly layer: string; readonly empirical: number; readonly prior?: number }[];
}

/**
 * The shipped accuracy proxy (metric `accuracyProxy`): candidate D, `hiddenEmpiricalRankProxy`, which passed its
 * pre-registered test (docs/accuracy.md "Empirical reads": Spearman ρ −0.927 / −0.922 against measured accuracy on 60
 * fresh designs, mlp-mnist / cnn-mnist). NaN for a network it does not measure (accuracyProxyRefusal).
 */
export function accuracyProxy(network: Network, config: HardwareConfig, seed: string, samples: number): number {
  if (accuracyProxyRefusal(network) !== undefined) return NaN;
  return networkEmpiricalProxy(network, config, seed, samples).hiddenEmpiricalRankProxy;
}

/**
 * Whether buildSnnGraph accepts the network (it refuses average pools and residual adds). A check of layer kinds,
 * without building gather tables: VGG16's cost ~45 ms only to be refused.
 */
export function snnGraphRuns(network: Network): boolean {
  return snnGraphRefusal(network) === undefined;
}

/**
 * Why the accuracy proxy does not measure the network, or undefined when it does. The functional SNN graph must run
 * it (average pools, residual `add` layers: VGG, ResNet have no untrained propagation, and no fallback rate is
 * invented), and it must read MNIST images (readsMnistImages): the proxy propagates MNIST pixels and was validated
 * only on mlp-mnist and cnn-mnist; an event-coded network fed random bytes reads nearly every input as a spike.
 */
export function accuracyProxyRefusal(network: Network): string | undefined {
  if (!snnGraphRuns(network)) return 'the functional SNN graph cannot run it';
  if (!readsMnistImages(network)) return 'its input is not MNIST images, the only input the proxy propagates';
  return undefined;
}

export function networkEmpiricalProxy(network: Network, config: HardwareConfig, seed: string, samples: number): NetworkEmpiricalProxy {
  const layers = networkEmpiricalProxyLayers(network, config, seed, samples);
  const mean = (f: (l: (typeof layers)[number]) => number) => layers.reduce((s, l) => s + Math.min(f(l), 1), 0) / layers.length;
  return { empiricalRankProxy: mean((l) => l.empirical), hiddenEmpiricalRankProxy: mean((l) => l.prior ?? l.empirical), layers };
}

function networkEmpiricalProxyLayers(network: Network, config: HardwareConfig, seed: string, samples: number): NetworkEmpiricalProxy['layers'] {
  const T = config.snn.timesteps;
  const traces = untrainedTraces(network, T, config.snn.weightBits);
  const hwFor = activityHardware(network, config);
  const inputPrior = datasetInputPrior(network);
  const out: { layer: string; empirical: number; prior?: number }[] = [];
  for (const layer of network.layers) {
    if (!isWeightLayer(layer)) continue;
    const trace = traces.get(layer.name);
    if (!trace) throw new Error(`layer ${layer.name}: got no trace of the untrained propagation, expected one per weight layer`);
    const layerSeed = `${seed}:${network.name}:${layer.name}`;
    const hw = hwFor(layer);
    let err2 = 0;
    let sig2 = 0;
    for (const { c, proxy, inputs, outputs } of sampledCrossbars(layer, hw, config, layerSeed, samples, { inputPrior })) {
      const rng = createRng(`${layerSeed}:reads:${c}`);
      const x = new Float32Array(inputs);
      const one = new Float32Array(outputs);
      const exact = new Float32Array(outputs);
      const y = new Float64Array(outputs);
      const ref = new Float64Array(outputs);
      for (let s = 0; s < samples; s++) {
        y.fill(0);
        ref.fill(0);
        const image = rng.int(trace.images);
        const position = rng.int(trace.op.positions);
        const block = rng.int(Math.ceil(layerShape(layer).rows / hw.crossbar.size));
        for (let t = 0; t < T; t++) {
          gatherRead(trace, image, t, position, block * hw.crossbar.size, x);
          proxy.reseedNoise(`${s}:${t}`);
          proxy.mvm(x, one);
          idealMvm(proxy, x, exact);
          for (let o = 0; o < outputs; o++) {
            y[o] += one[o];
            ref[o] += exact[o];
          }
        }
        for (let o = 0; o < outputs; o++) {
          err2 += (y[o] - ref[o]) ** 2;
          sig2 += ref[o] ** 2;
        }
      }
    }
    const rms = sig2 > 0 ? Math.sqrt(err2 / sig2) : err2 > 0 ? Infinity : 0;
    // The direct-coded layer's i.i.d.-prior rms: exactly candidate B's (networkRankProxy, same seed, hardware, reads).
    const prior = layer.directInput
      ? layerMacError(layer, hw, config, layerSeed, samples, { inputPrior, reads: T }).rms : undefined;
    out.push({ layer: layer.name, empirical: rms, prior });
  }
  return out;
}

/** One crossbar read: rows from..from + x.length of the layer's patch at `position`, timestep t of `image` (0 past the fan-in). */
function gatherRead(trace: LayerTrace, image: number, t: number, position: number, from: number, x: Float32Array): void {
  const { op, timesteps, frames } = trace;
  const base = (image * timesteps + t) * op.inSize;
  for (let k = 0; k < x.length; k++) {
    const row = from + k;
    const idx = row < op.fanIn ? op.gather[position * op.fanIn + row] : -1;
    x[k] = idx >= 0 ? frames[base + idx] : 0;
  }
}
