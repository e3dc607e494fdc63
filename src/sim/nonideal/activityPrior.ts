/**
 * Hidden-layer activity prior for the accuracy proxies (issue 11 item 3; docs/accuracy.md "The activity prior"):
 * the spike rate each spiking weight layer's crossbar rows see, from the network's own untrained propagation,
 * instead of `snn.spikeRate` (0.1 by default, a guess). What it uses is available without trained weights:
 * - the network's layers (its SNN graph, src/snn/graph.ts: LIF after every weight layer but the last, OR pooling);
 * - weights drawn as the trainer initialises them, N(0, (initGain / sqrt(fanIn))^2) (src/snn/trainOptions.ts,
 *   DEFAULT_TRAIN_OPTIONS.initGain), quantised to snn.weightBits like trained weights;
 * - the trainer's default LIF (leak 0.9, threshold 1, subtract reset), T = snn.timesteps steps;
 * - the first ACTIVITY_IMAGES images of the dataset's training split for a 1x28x28 network (MNIST, the dataset the
 *   MNIST networks read), otherwise i.i.d. uniform [0, 1] pixels (the MAC error's default input).
 * The rate of layer l is the mean of what its rows read: sum over images, timesteps, positions and rows of the
 * gathered input / (images x T x positions x rows). Deterministic (fixed seed); cached per network, T and weight bits.
 * It is the rate at the start of training, not the trained one (trained mlp fc1 0.33, cnn conv2 input higher than
 * at init: docs/accuracy.md gives both); a prior, not a measurement of the trained network.
 */
import { layerHardware, type HardwareConfig, type LayerHardware } from '../../hardware/config.js';
import type { Network, ResolvedLayer } from '../../model/types.js';
import { buildSnnGraph, type SnnGraph, type WeightOp } from '../../snn/graph.js';
import { SnnRunner, softwareEngines } from '../../snn/inference.js';
import { loadMnist, MNIST_PIXELS, MNIST_SIDE } from '../../snn/mnist.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../snn/trainOptions.js';
import { quantizeLayer, type SnnWeights } from '../../snn/weights.js';
import { createRng } from '../../util/rng.js';

/** Images propagated (an estimate over images x T x positions x neurons reads; its standard error is < 0.01). */
export const ACTIVITY_IMAGES = 64;

/**
 * What every weight layer's rows read in the untrained propagation (candidate C, docs/accuracy.md "Empirical reads"):
 * `frames` holds, per image and timestep, the layer's input activation (inSize values; gather at a position and row
 * block to get one crossbar read). The direct-coded first layer reads its image (pixel / 255) at every timestep.
 */
export interface LayerTrace {
  readonly op: WeightOp;
  readonly images: number;
  readonly timesteps: number;
  /** (image * timesteps + t) * op.inSize + i: input i of the layer at timestep t of image `image`. */
  readonly frames: Float32Array;
}

interface Untrained {
  readonly rates: ReadonlyMap<string, number>;
  /** Recorded only when asked for (they hold images x T x every layer's input). */
  readonly traces?: ReadonlyMap<string, LayerTrace>;
}

const cache = new Map<string, Untrained>();

/**
 * Input spike rate of every spiking-input weight layer (by layer name) in the untrained network; the direct-coded
 * first layer is absent (it reads pixels, not spikes).
 */
export function untrainedSpikeRates(network: Network, timesteps: number, weightBits: number): ReadonlyMap<string, number> {
  return untrained(network, timesteps, weightBits, false).rates;
}

/** Every weight layer's inputs in the untrained propagation (by layer name), the direct-coded first layer included. */
export function untrainedTraces(network: Network, timesteps: number, weightBits: number): ReadonlyMap<string, LayerTrace> {
  return untrained(network, timesteps, weightBits, true).traces!;
}

/** The untrained propagation (the same rates with or without traces), cached per network, T and weight bits. */
function untrained(network: Network, timesteps: number, weightBits: number, withTraces: boolean): Untrained {
  const key = JSON.stringify([network.name, network.input, network.layers.map((l) => [l.name, l.kind]), timesteps, weightBits]);
  const known = cache.get(key);
  if (known && (known.traces || !withTraces)) return known;
  const graph = buildSnnGraph(network);
  const rng = createRng(`activity-prior:${network.name}:weights`);
  const weights: SnnWeights = {
    network: network.name, weightBits, lif: DEFAULT_TRAIN_OPTIONS.lif, trainedTimesteps: timesteps, training: {},
    layers: graph.weightOps.map((op) => {
      const sd = DEFAULT_TRAIN_OPTIONS.initGain / Math.sqrt(op.fanIn);
      const w = new Float32Array(op.fanIn * op.fanOut);
      for (let i = 0; i < w.length; i++) w[i] = rng.normal() * sd;
      return quantizeLayer(op.name, op.fanIn, op.fanOut, w, weightBits);
    }),
  };
  const images = inputImages(network, graph.inputSize);
  if (!withTraces) {
    const out = { rates: propagatedSpikeRates(graph, weights, timesteps, images, ACTIVITY_IMAGES) };
    cache.set(key, out);
    return out;
  }
  const traces = new Map<string, LayerTrace>();
  for (const op of graph.weightOps) {
    traces.set(op.name, { op, images: ACTIVITY_IMAGES, timesteps, frames: new Float32Array(ACTIVITY_IMAGES * timesteps * op.inSize) });
  }
  const direct = graph.weightOps[0];
  const first = traces.get(direct.name)!;
  for (let s = 0; s < ACTIVITY_IMAGES; s++) {
    for (let t = 0; t < timesteps; t++) {
      const frame = first.frames.subarray((s * timesteps + t) * direct.inSize, (s * timesteps + t + 1) * direct.inSize);
      for (let i = 0; i < direct.inSize; i++) frame[i] = images[s * graph.inputSize + i] / 255;
    }
  }
  const rates = propagatedSpikeRates(graph, weights, timesteps, images, ACTIVITY_IMAGES, (s, t, op, input) => {
    traces.get(op.name)!.frames.set(input, (s * timesteps + t) * op.inSize);
  });
  const out = { rates, traces };
  cache.set(key, out);
  return out;
}

/**
 * Mean input spike rate of every spiking-input weight layer (by name) of `graph` running `weights` on the first
 * `count` of `images` (graph.inputSize pixels each) for T steps: what its crossbar rows read, OR pooling included.
 * Also used on trained weights, for comparison (docs/accuracy.md). `record` sees each spiking-input layer's input.
 */
export function propagatedSpikeRates(graph: SnnGraph, weights: SnnWeights, timesteps: number, images: Uint8Array,
  count: number, record?: (image: number, t: number, op: WeightOp, input: Float64Array) => void): Map<string, number> {
  const engines = softwareEngines(weights);
  const runner = new SnnRunner(graph);
  // Activations after each op, rebuilt from the observed spikes (pools: OR over their windows, as inference does).
  const acts = graph.ops.map((op) => new Float64Array(op.outSize));
  const on = new Float64Array(graph.ops.length);
  const reads = new Float64Array(graph.ops.length);
  let image = 0;
  const countReads = (op: WeightOp, input: Float64Array, j: number, t: number) => {
    let s = 0;
    for (let k = 0; k < op.gather.length; k++) if (op.gather[k] >= 0) s += input[op.gather[k]];
    on[j] += s;
    reads[j] += op.gather.length;
    record?.(image, t, op, input);
  };
  const observe = (t: number, i: number, spikes: Float64Array) => {
    const op = graph.ops[i];
    if (op.kind !== 'weight' || !op.spiking) return;
    acts[i].set(spikes);
    for (let j = i + 1; j < graph.ops.length; j++) {
      const next = graph.ops[j];
      if (next.kind === 'weight') {
        countReads(next, acts[j - 1], j, t);
        break;
      }
      for (let o = 0; o < next.outSize; o++) {
        let v = 0;
        for (let k = 0; k < next.window; k++) {
          const idx = next.gather[o * next.window + k];
          if (idx >= 0) v = Math.max(v, acts[j - 1][idx]);
        }
        acts[j][o] = v;
      }
    }
  };
  for (let s = 0; s < count; s++) {
    image = s;
    runner.run(images.subarray(s * graph.inputSize, (s + 1) * graph.inputSize), engines,
      { timesteps, lif: weights.lif, reuseDirectLayer: true, observe });
  }
  const rates = new Map<string, number>();
  graph.ops.forEach((op, j) => {
    if (op.kind === 'weight' && op.weightIndex > 0) rates.set(op.name, reads[j] > 0 ? on[j] / reads[j] : 0);
  });
  return rates;
}

/**
 * Whether the network reads MNIST images: a 1x28x28 input read by a direct-coded first layer (mlp-mnist, cnn-mnist,
 * mnist-fc2-small). Event-coded networks (N-MNIST frames) and other datasets have no shipped images here.
 */
export function readsMnistImages(network: Network): boolean {
  const { channels, height, width } = network.input;
  return channels === 1 && height === MNIST_SIDE && width === MNIST_SIDE && network.layers.some((l) => l.directInput);
}

/**
 * ACTIVITY_IMAGES inputs: MNIST training images for a network that reads them (readsMnistImages), else i.i.d. uniform
 * 8-bit pixels (only the research candidates read those: the shipped accuracy proxy is NaN for such networks).
 */
function inputImages(network: Network, size: number): Uint8Array {
  if (readsMnistImages(network) && size === MNIST_PIXELS) {
    return loadMnist('train').images.subarray(0, ACTIVITY_IMAGES * MNIST_PIXELS);
  }
  const rng = createRng(`activity-prior:${network.name}:inputs`);
  const out = new Uint8Array(ACTIVITY_IMAGES * size);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rng.next() * 256);
  return out;
}

/**
 * The per-layer hardware view of the proxies under the activity prior: layerHardware, with each spiking-input
 * layer's spike rate replaced by its untrained propagation rate (the direct-coded first layer keeps its own).
 */
export function activityHardware(network: Network, config: HardwareConfig): (layer: ResolvedLayer) => LayerHardware {
  const rates = untrainedSpikeRates(network, config.snn.timesteps, config.snn.weightBits);
  return (layer) => {
    const hw = layerHardware(config, layer, network);
    const rate = rates.get(layer.name);
    return rate === undefined ? hw : { ...hw, spikeRate: rate };
  };
}
