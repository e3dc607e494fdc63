/**
 * Spike-propagating accuracy proxy, for networks without trained weights (issue 11 item 3; docs/accuracy.md).
 *
 * The MAC error (macError.ts) averages each layer's RMS partial-sum error. What an SNN's accuracy depends on is
 * different: a hidden layer's error matters only where it moves a membrane potential across the LIF threshold (a
 * flipped spike), and flipped spikes are the next layer's wrong inputs; at the output the class is an argmax, blind
 * to a common offset and a positive gain. So, on the same sampled, programmed crossbars as the MAC error:
 * - Hidden layer l: threshold θ per crossbar at the (1 - r) quantile of its ideal outputs, r the spike rate of the
 *   layer it feeds (an ideal neuron fires at that rate). From the hardware reads: P(miss) = P(y_hw ≤ θ | y_ideal > θ),
 *   P(false) = P(y_hw > θ | y_ideal ≤ θ), pooled over the layer's crossbars.
 * - Layer l + 1 reads inputs corrupted with those probabilities (each spike dropped with P(miss), each silent input
 *   turned on with P(false), seeded), against the ideal outputs of the clean inputs: the error propagates.
 * - The output layer (no layer after it): the part of the hardware outputs no affine map of the ideal ones explains,
 *   sqrt(1 - r²) (r: Pearson correlation per crossbar over samples x outputs, 1 - r² averaged over crossbars;
 *   1 when the hardware output is constant). In [0, 1]: 0 = exact up to gain and offset, 1 = no information.
 * The proxy is that output-layer figure (`spikeProxy`). No constant is fitted; one read per sample and crossbar,
 * like the MAC error, whose programmed crossbars it shares (the MAC-error LRU).
 * Simplifications (stated, not hidden): one read per sample (no T-step integration of the membrane), the threshold
 * on one crossbar's partial sum (row blocks are i.i.d., so the relative error of the full sum is the same), input
 * flips independent across rows.
 */
import { layerHardware, type HardwareConfig, type LayerHardware } from '../../hardware/config.js';
import { ConfigError } from '../../core/errors.js';
import { isWeightLayer } from '../../model/resolve.js';
import type { Network, ResolvedLayer } from '../../model/types.js';
import { createRng } from '../../util/rng.js';
import { layerShape, sampledCrossbars, type MacErrorOptions } from './macError.js';

export interface SpikeProxyOptions extends MacErrorOptions {
  /**
   * The hardware neuron's threshold: the ideal one ('ideal', default: a fixed LIF threshold, so a gain error of the
   * converter moves spikes) or the hardware outputs' own (1 - r) quantile ('matched': only the order of the
   * membrane potentials counts, as if the threshold were re-calibrated to the chip).
   */
  readonly threshold?: 'ideal' | 'matched';
  /**
   * What the threshold and the residual see: one crossbar's partial sums ('partial') or the membrane input, the sum
   * of the sampled crossbars' partial sums ('summed': min(row blocks, crossbars sampled) i.i.d. blocks added per
   * sample and output, as the digital accumulator adds the row blocks before the LIF neuron).
   */
  readonly membrane?: 'partial' | 'summed';
}

export interface SpikeProxyLayer {
  readonly layer: string;
  readonly index: number;
  /** P(a spike the ideal layer fires is lost); NaN for the output layer. */
  readonly miss: number;
  /** P(a spike the ideal layer does not fire appears); NaN for the output layer. */
  readonly falseFire: number;
  /** sqrt(1 - r²) between hardware and ideal outputs, inputs corrupted by the previous layers' flips. */
  readonly residual: number;
}

export interface NetworkSpikeProxy {
  readonly layers: readonly SpikeProxyLayer[];
  /** The output layer's residual: 0 = exact up to gain and offset, 1 = no information left. */
  readonly spikeProxy: number;
}

/** sqrt(1 - r²) of y against ref (r: Pearson), 1 when either is constant. */
export function affineResidual(y: Float32Array, ref: Float32Array): number {
  const n = y.length;
  let my = 0;
  let mr = 0;
  for (let k = 0; k < n; k++) {
    my += y[k];
    mr += ref[k];
  }
  my /= n;
  mr /= n;
  let syy = 0;
  let srr = 0;
  let syr = 0;
  for (let k = 0; k < n; k++) {
    const a = y[k] - my;
    const b = ref[k] - mr;
    syy += a * a;
    srr += b * b;
    syr += a * b;
  }
  if (syy <= 0 || srr <= 0) return 1;
  const r2 = (syr * syr) / (syy * srr);
  return Math.sqrt(Math.max(0, 1 - Math.min(1, r2)));
}

/** Threshold at which a fraction `rate` of `values` lies strictly above (the (1 - rate) quantile). */
export function firingThreshold(values: Float32Array, rate: number): number {
  const sorted = Float32Array.from(values).sort();
  const k = Math.min(sorted.length - 1, Math.max(0, Math.floor((1 - rate) * sorted.length) - 1));
  return sorted[k];
}

/** Row blocks of a weight layer on its crossbars. */
function rowBlocksOf(layer: ResolvedLayer, hw: LayerHardware): number {
  return Math.ceil(layerShape(layer).rows / hw.crossbar.size);
}

/** Per sample and output, the sum of several crossbars' reads and ideal outputs (outputs: the fewest any has). */
function sumBlocks(reads: readonly { ys: Float32Array; refs: Float32Array; outputs: number }[], samples: number):
  { ys: Float32Array; refs: Float32Array; outputs: number } {
  const outputs = Math.min(...reads.map((r) => r.outputs));
  const ys = new Float32Array(samples * outputs);
  const refs = new Float32Array(samples * outputs);
  for (const r of reads) {
    for (let s = 0; s < samples; s++) {
      for (let o = 0; o < outputs; o++) {
        ys[s * outputs + o] += r.ys[s * r.outputs + o];
        refs[s * outputs + o] += r.refs[s * r.outputs + o];
      }
    }
  }
  return { ys, refs, outputs };
}

interface Flips {
  readonly miss: number;
  readonly falseFire: number;
}

/**
 * One layer: read every sampled crossbar with inputs corrupted by `flips` (the previous layer's), return its flip
 * probabilities at threshold rate `outRate` (undefined: output layer) and its residual.
 */
function layerSpikeProxy(layer: ResolvedLayer, hw: LayerHardware, config: HardwareConfig, seed: string, samples: number,
  flips: Flips, outRate: number | undefined, options: SpikeProxyOptions): { flips: Flips; residual: number } {
  const crossbars = sampledCrossbars(layer, hw, config, seed, samples, options);
  let on = 0;
  let off = 0;
  let missed = 0;
  let falsely = 0;
  let residual2 = 0;
  const reads: { ys: Float32Array; refs: Float32Array; outputs: number }[] = [];
  for (const { c, proxy, xs, refs, inputs, outputs } of crossbars) {
    const flipRng = createRng(`${seed}:flips:${c}`);
    const x = new Float32Array(inputs);
    const ys = new Float32Array(samples * outputs);
    const corrupt = !layer.directInput && (flips.miss > 0 || flips.falseFire > 0);
    for (let s = 0; s < samples; s++) {
      const clean = xs.subarray(s * inputs, (s + 1) * inputs);
      if (corrupt) for (let i = 0; i < inputs; i++) x[i] = clean[i] > 0 ? (flipRng.next() < flips.miss ? 0 : 1) : (flipRng.next() < flips.falseFire ? 1 : 0);
      proxy.reseedNoise(String(s));
      proxy.mvm(corrupt ? x : clean, ys.subarray(s * outputs, (s + 1) * outputs));
    }
    reads.push({ ys, refs, outputs });
  }
  const groups = options.membrane === 'summed' ? [sumBlocks(reads.slice(0, Math.max(1, Math.min(rowBlocksOf(layer, hw), reads.length))), samples)] : reads;
  for (const { ys, refs } of groups) {
    residual2 += affineResidual(ys, refs) ** 2;
    if (outRate === undefined) continue;
    const theta = firingThreshold(refs, outRate);
    const thetaHw = options.threshold === 'matched' ? firingThreshold(ys, outRate) : theta;
    for (let k = 0; k < ys.length; k++) {
      if (refs[k] > theta) {
        on++;
        if (ys[k] <= thetaHw) missed++;
      }
      else {
        off++;
        if (ys[k] > thetaHw) falsely++;
      }
    }
  }
  const residual = Math.sqrt(residual2 / groups.length);
  return { flips: { miss: on > 0 ? missed / on : 0, falseFire: off > 0 ? falsely / off : 0 }, residual };
}

/**
 * The spike-propagating proxy of a network: its weight layers in order, each one's flips corrupting the next one's
 * inputs (see the file comment). Same seeds and crossbars as networkMacError with the same `seed` and `samples`.
 */
export function networkSpikeProxy(
  network: Network,
  config: HardwareConfig,
  seed: string,
  samples: number,
  hwFor: (layer: ResolvedLayer) => LayerHardware = (layer) => layerHardware(config, layer, network),
  options: SpikeProxyOptions = {},
): NetworkSpikeProxy {
  const weightLayers = network.layers.filter(isWeightLayer);
  if (weightLayers.length === 0) throw new ConfigError(`network ${network.name}: got no conv or linear layer, expected at least one`);
  const layers: SpikeProxyLayer[] = [];
  let flips: Flips = { miss: 0, falseFire: 0 };
  weightLayers.forEach((layer, k) => {
    const next = weightLayers[k + 1];
    const outRate = next ? hwFor(next).spikeRate : undefined;
    const r = layerSpikeProxy(layer, hwFor(layer), config, `${seed}:${network.name}:${layer.name}`, samples, flips, outRate, options);
    layers.push({ layer: layer.name, index: layer.index, miss: next ? r.flips.miss : NaN, falseFire: next ? r.flips.falseFire : NaN, residual: r.residual });
    flips = r.flips;
  });
  return { layers, spikeProxy: layers[layers.length - 1].residual };
}
