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
import { activityHardware, untrainedSpikeRates } from './activityPrior.js';
import { mnistPixelPrior } from './inputPrior.js';
import { networkMacError, type InputPrior, type LayerMacError } from './macError.js';

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
  const { channels, height, width } = network.input;
  const direct = network.layers.some((l) => l.directInput);
  return direct && channels === 1 && height === 28 && width === 28 ? mnistPixelPrior() : undefined;
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
