/**
 * Trained, quantised SNN weights: integer weights per layer (row-major fanIn x fanOut, i.e. crossbar rows x
 * logical columns, rows ordered as graph.ts's patch order) with one real scale per layer, plus the LIF
 * parameters and the settings that regenerate them. Stored as JSON with the integers base64-encoded
 * (int8 for <= 8 bits, int16 above), in weights/<network>.json (weights/<network>-adcless.json for the
 * ADC-less hardware-aware variant).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, describeValue } from '../core/errors.js';
import { packageRoot } from '../core/packageRoot.js';
import { INPUT_LIMITS_BYTES, parseJsonStrict, readInputText } from '../core/input/index.js';
import { isRecord } from '../model/checks.js';
import { type AdcLessTraining, isAdcLessTraining } from './adcless.js';
import type { SnnGraph } from './graph.js';
import { checkLifParams, isLifParams, type LifParams } from './lif.js';
import { quantScale, quantizeValue } from './quantize.js';

export const WEIGHTS_FORMAT = 'cosearch-snn-weights/1';

export interface LayerWeights {
  readonly name: string;
  readonly fanIn: number;
  readonly fanOut: number;
  /** Real weight = q * weightScale. */
  readonly weightScale: number;
  /** fanIn x fanOut integers in [-2^(bits-1), 2^(bits-1) - 1]. */
  readonly q: Int32Array;
}

export interface SnnWeights {
  readonly network: string;
  readonly weightBits: number;
  readonly lif: LifParams;
  /** Timesteps the network was trained at. */
  readonly trainedTimesteps: number;
  /** Set when trained ADC-less (1-bit sense amplifiers on partial sums of crossbarRows rows). */
  readonly adcLess?: AdcLessTraining;
  /** Seed, options, command and per-epoch log: everything that regenerates the weights. */
  readonly training: Readonly<Record<string, unknown>>;
  readonly layers: readonly LayerWeights[];
}

/** Quantise latent float weights exactly as the trainer's fake quantisation does. */
export function quantizeLayer(name: string, fanIn: number, fanOut: number, w: Float32Array, bits: number): LayerWeights {
  const { scale, levels } = quantScale(w, bits);
  const q = new Int32Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = quantizeValue(w[i], scale, levels);
  return { name, fanIn, fanOut, weightScale: scale, q };
}

/** Real-valued weights q * scale (Float64). */
export function realWeights(layer: LayerWeights): Float64Array {
  const out = new Float64Array(layer.q.length);
  for (let i = 0; i < out.length; i++) out[i] = layer.q[i] * layer.weightScale;
  return out;
}

export function serializeWeights(w: SnnWeights): string {
  const bytes = w.weightBits <= 8 ? 1 : 2;
  const layers = w.layers.map((l) => {
    const arr = bytes === 1 ? Int8Array.from(l.q) : Int16Array.from(l.q);
    return { name: l.name, fanIn: l.fanIn, fanOut: l.fanOut, weightScale: l.weightScale,
      encoding: bytes === 1 ? 'int8-base64' : 'int16le-base64', data: Buffer.from(arr.buffer).toString('base64') };
  });
  return `${JSON.stringify({ format: WEIGHTS_FORMAT, network: w.network, weightBits: w.weightBits, lif: w.lif,
    trainedTimesteps: w.trainedTimesteps, adcLess: w.adcLess, training: w.training, layers }, null, 1)}\n`;
}

export function parseWeights(text: string, source = 'weights'): SnnWeights {
  const raw: unknown = parseJsonStrict(text, source);
  if (!isRecord(raw)) throw new ConfigError(`${source}: got ${describeValue(raw)}, expected a weights object`);
  if (raw.format !== WEIGHTS_FORMAT) throw new ConfigError(`${source}: got format ${String(raw.format)}, expected ${WEIGHTS_FORMAT}`);
  if (!Array.isArray(raw.layers) || !raw.layers.every(isRecord)) {
    throw new ConfigError(`${source}: layers: got ${describeValue(raw.layers)}, expected an array of layer objects`);
  }
  if (!isLifParams(raw.lif)) throw new ConfigError(`${source}: lif: got ${describeValue(raw.lif)}, expected { leak, threshold, reset }`);
  if (raw.adcLess !== undefined && !isAdcLessTraining(raw.adcLess)) {
    throw new ConfigError(`${source}: adcLess: got ${describeValue(raw.adcLess)}, expected the ADC-less training settings`);
  }
  const training = raw.training ?? {};
  if (!isRecord(training)) throw new ConfigError(`${source}: training: got ${describeValue(training)}, expected an object`);
  const layers = raw.layers.map((l) => {
    const buf = Buffer.from(String(l.data), 'base64');
    const copy = new Uint8Array(buf).buffer;
    const ints = l.encoding === 'int8-base64' ? new Int8Array(copy) : new Int16Array(copy);
    const fanIn = Number(l.fanIn);
    const fanOut = Number(l.fanOut);
    if (ints.length !== fanIn * fanOut) {
      throw new ConfigError(`${source}: layer ${String(l.name)} has ${ints.length} weights, expected ${fanIn} x ${fanOut}`);
    }
    return { name: String(l.name), fanIn, fanOut, weightScale: Number(l.weightScale), q: Int32Array.from(ints) };
  });
  return {
    network: String(raw.network), weightBits: Number(raw.weightBits), lif: checkLifParams(raw.lif),
    trainedTimesteps: Number(raw.trainedTimesteps), adcLess: raw.adcLess, training, layers,
  };
}

/** Check that weights fit a compiled graph (layer names and shapes). */
export function checkWeightsFit(graph: SnnGraph, w: SnnWeights): void {
  if (w.layers.length !== graph.weightOps.length) {
    throw new ConfigError(`weights for ${w.network}: got ${w.layers.length} layers, expected ${graph.weightOps.length} for network ${graph.name}`);
  }
  graph.weightOps.forEach((op, i) => {
    const l = w.layers[i];
    if (l.fanIn !== op.fanIn || l.fanOut !== op.fanOut) {
      throw new ConfigError(`weights for ${w.network}: layer ${l.name} is ${l.fanIn}x${l.fanOut}, expected ${op.fanIn}x${op.fanOut} (${op.name})`);
    }
  });
}

/** The package's weights/ directory (the same from src/, dist/ and the bundles). */
export function weightsDir(): string {
  return join(packageRoot(), 'weights');
}

export function weightsPath(network: string, variant: 'hp' | 'adcless' = 'hp'): string {
  return join(weightsDir(), variant === 'adcless' ? `${network}-adcless.json` : `${network}.json`);
}

const loaded = new Map<string, SnnWeights | null>();

/**
 * A user's weights file for `network` (`cosearch evaluate --weights FILE`): parsed and checked to be this network's
 * (its name, and every weight layer's name and shape), else one ConfigError naming the file.
 */
export function readWeightsFor(file: string, graph: SnnGraph): SnnWeights {
  const w = parseWeights(readInputText(file, { what: '--weights', maxBytes: INPUT_LIMITS_BYTES.weights }), file);
  if (w.network !== graph.name) throw new ConfigError(`--weights ${file}: got weights for ${w.network}, expected weights for ${graph.name} (--network)`);
  checkWeightsFit(graph, w);
  return w;
}

/** Weights a user gave for a network (`cosearch evaluate --weights FILE`), in place of both shipped variants. */
const given = new Map<string, SnnWeights>();

/**
 * Use `w` for its network (w.network) instead of the shipped weights, both variants, until the returned function is
 * called (it restores what was there). Every reader goes through loadWeights, so the engine, the caches' weight hash
 * and the ADC-less checks all see them.
 */
export function useGivenWeights(w: SnnWeights): () => void {
  const before = given.get(w.network);
  given.set(w.network, w);
  return () => (before ? given.set(w.network, before) : given.delete(w.network));
}

/** The weights given for a network with useGivenWeights, if any. */
export function givenWeights(network: string): SnnWeights | undefined {
  return given.get(network);
}

/** An in-process tag of the weights given for a network (`given#<n>`, one per weights object), or undefined. */
export function givenWeightsTag(network: string): string | undefined {
  const w = given.get(network);
  if (!w) return undefined;
  let id = givenIds.get(w);
  if (id === undefined) givenIds.set(w, (id = ++givenCount));
  return `given#${id}`;
}
const givenIds = new WeakMap<SnnWeights, number>();
let givenCount = 0;

/** Trained weights of a network (given ones first), or undefined when none are shipped. Cached per process. */
export function loadWeights(network: string, variant: 'hp' | 'adcless' = 'hp'): SnnWeights | undefined {
  const chosen = given.get(network);
  if (chosen) return chosen;
  const file = weightsPath(network, variant);
  if (!loaded.has(file)) loaded.set(file, existsSync(file) ? parseWeights(readInputText(file, { what: 'weights file', maxBytes: INPUT_LIMITS_BYTES.weights }), file) : null);
  return loaded.get(file) ?? undefined;
}

export function saveWeights(file: string, w: SnnWeights): void {
  writeFileSync(file, serializeWeights(w));
}
