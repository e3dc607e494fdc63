/**
 * Trained, quantised SNN weights: integer weights per layer (row-major fanIn x fanOut, i.e. crossbar rows x
 * logical columns, rows ordered as graph.ts's patch order) with one real scale per layer, plus the LIF
 * parameters and the settings that regenerate them. Stored as JSON with the integers base64-encoded
 * (int8 for <= 8 bits, int16 above), in weights/<network>.json (weights/<network>-adcless.json for the
 * ADC-less hardware-aware variant).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, describeValue } from '../core/errors.js';
import { packageRoot } from '../core/packageRoot.js';
import { INPUT_LIMITS_BYTES, parseJsonStrict, readInputText } from '../core/input/index.js';
import { isRecord } from '../model/checks.js';
import { type AdcLessTraining, checkAdcLess, isAdcLessTraining } from './adcless.js';
import { buildSnnGraph, type SnnGraph } from './graph.js';
import type { Network } from '../model/types.js';
import { checkLifParams, isLifParams, type LifParams } from './lif.js';
import { quantLevels, quantScale, quantizeValue } from './quantize.js';

export const WEIGHTS_FORMAT = 'cosearch-snn-weights/1';

export interface LayerWeights {
  readonly name: string;
  readonly fanIn: number;
  readonly fanOut: number;
  /** Real weight = q * weightScale. */
  readonly weightScale: number;
  /** fanIn x fanOut integers in [-levels - 1, levels], levels = quantLevels(bits) (2^(bits-1) - 1; 1 for 1 bit). */
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
  // The field named and its value quoted (until 2026-12-07 `got format undefined` for a file without one, QA trust25).
  if (raw.format !== WEIGHTS_FORMAT) throw new ConfigError(`${source}: format: got ${describeValue(raw.format)}, expected "${WEIGHTS_FORMAT}" (a weights file scripts/train.ts writes)`);
  if (!Array.isArray(raw.layers) || !raw.layers.every(isRecord)) {
    throw new ConfigError(`${source}: layers: got ${describeValue(raw.layers)}, expected an array of layer objects`);
  }
  if (!isLifParams(raw.lif)) throw new ConfigError(`${source}: lif: got ${describeValue(raw.lif)}, expected { leak, threshold, reset }`);
  if (raw.adcLess !== undefined && !isAdcLessTraining(raw.adcLess)) {
    throw new ConfigError(`${source}: adcLess: got ${describeValue(raw.adcLess)}, expected the ADC-less training settings`);
  }
  // The values too: a gain <= 0 or a fractional row count would be measured (sense values, the design note) as given.
  if (raw.adcLess !== undefined) checkAdcLess(raw.adcLess, source);
  const training = raw.training ?? {};
  if (!isRecord(training)) throw new ConfigError(`${source}: training: got ${describeValue(training)}, expected an object`);
  if (typeof raw.network !== 'string' || raw.network === '') {
    throw new ConfigError(`${source}: network: got ${describeValue(raw.network)}, expected the network's name`);
  }
  // The engine maps integers onto cells: a float file (0 bits) or one wider than int16 storage cannot be mapped.
  const weightBits = raw.weightBits;
  if (!isIntegerIn(weightBits, 1, 16)) throw new ConfigError(`${source}: weightBits: got ${describeValue(weightBits)}, expected an integer in [1, 16]`);
  if (!isIntegerIn(raw.trainedTimesteps, 1, Number.MAX_SAFE_INTEGER)) {
    throw new ConfigError(`${source}: trainedTimesteps: got ${describeValue(raw.trainedTimesteps)}, expected a positive integer`);
  }
  // The trainer's range (quantizeValue): [-levels - 1, levels]; the largest magnitude is levels + 1.
  const levels = quantLevels(weightBits);
  const qMax = levels + 1;
  const layers = raw.layers.map((l, i) => {
    const where = `${source}: layers[${i}]`;
    if (typeof l.name !== 'string' || l.name === '') throw new ConfigError(`${where}.name: got ${describeValue(l.name)}, expected the layer's name`);
    const at = `${source}: layer ${l.name}`;
    for (const key of ['fanIn', 'fanOut'] as const) {
      if (!isIntegerIn(l[key], 1, Number.MAX_SAFE_INTEGER)) throw new ConfigError(`${at}: ${key}: got ${describeValue(l[key])}, expected a positive integer`);
    }
    const fanIn = l.fanIn as number;
    const fanOut = l.fanOut as number;
    // A real weight is q x weightScale: a negative scale or not a number would silently flip or poison it.
    if (typeof l.weightScale !== 'number' || !Number.isFinite(l.weightScale) || l.weightScale < 0) {
      throw new ConfigError(`${at}: weightScale: got ${describeValue(l.weightScale)}, expected a finite number > 0 (0 only for a layer of zeros)`);
    }
    // The engine computes in f32: a scale whose largest weight is not a finite f32 overflows (1e300 read as -Infinity).
    if (!Number.isFinite(Math.fround(l.weightScale * qMax))) {
      throw new ConfigError(`${at}: weightScale: got ${l.weightScale}, expected at most ${(3.4028234663852886e38 / qMax).toPrecision(4)} (its largest weight, x ${qMax}, must be a finite f32)`);
    }
    if (l.encoding !== 'int8-base64' && l.encoding !== 'int16le-base64') {
      throw new ConfigError(`${at}: encoding: got ${describeValue(l.encoding)}, expected "int8-base64" or "int16le-base64"`);
    }
    if (typeof l.data !== 'string') throw new ConfigError(`${at}: data: got ${describeValue(l.data)}, expected base64 text`);
    const buf = Buffer.from(l.data, 'base64');
    const copy = new Uint8Array(buf).buffer;
    const ints = l.encoding === 'int8-base64' ? new Int8Array(copy) : new Int16Array(copy);
    if (ints.length !== fanIn * fanOut) {
      throw new ConfigError(`${at} has ${ints.length} weights, expected ${fanIn} x ${fanOut}`);
    }
    const q = Int32Array.from(ints);
    for (let k = 0; k < q.length; k++) {
      if (q[k] < -qMax || q[k] > levels) throw new ConfigError(`${at}: weight ${k}: got ${q[k]}, expected an integer in [${-qMax}, ${levels}] (weightBits ${weightBits})`);
      // Scale 0 only for a layer of zeros (quantizeValue's case): with any other integer it would zero the layer.
      if (l.weightScale === 0 && q[k] !== 0) throw new ConfigError(`${at}: weightScale: got 0, expected a finite number > 0 (0 only for a layer of zeros; weight ${k} is ${q[k]})`);
    }
    return { name: l.name, fanIn, fanOut, weightScale: l.weightScale, q };
  });
  return {
    network: raw.network, weightBits, lif: checkLifParams(raw.lif, source),
    trainedTimesteps: raw.trainedTimesteps as number, adcLess: raw.adcLess, training, layers,
  };
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Check that weights fit a compiled graph (layer names and shapes); `source` starts each message. */
export function checkWeightsFit(graph: SnnGraph, w: SnnWeights, source = `weights for ${w.network}`): void {
  if (w.layers.length !== graph.weightOps.length) {
    throw new ConfigError(`${source}: got ${w.layers.length} layers, expected ${graph.weightOps.length} for network ${graph.name}`);
  }
  graph.weightOps.forEach((op, i) => {
    const l = w.layers[i];
    if (l.name !== op.name) throw new ConfigError(`${source}: layers[${i}].name: got ${JSON.stringify(l.name)}, expected ${JSON.stringify(op.name)}`);
    if (l.fanIn !== op.fanIn || l.fanOut !== op.fanOut) {
      throw new ConfigError(`${source}: layer ${l.name} is ${l.fanIn}x${l.fanOut}, expected ${op.fanIn}x${op.fanOut}`);
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
export function readWeightsFor(file: string, network: Network): SnnWeights {
  refuseLearnedWeights(file);
  const w = parseWeights(readInputText(file, { what: '--weights', maxBytes: INPUT_LIMITS_BYTES.weights }), file);
  // The name first: another network's file is named as such even when this network has no SNN graph (vgg16's pools).
  if (w.network !== network.name) throw new ConfigError(`--weights ${file}: got weights for ${w.network}, expected weights for ${network.name} (--network)`);
  checkWeightsFit(buildSnnGraph(network), w, `--weights ${file}`);
  return w;
}

/** Weights a user gave for a network (`cosearch evaluate --weights FILE`), in place of both shipped variants. */
const given = new Map<string, SnnWeights>();

/**
 * Use `w` for its network (w.network) instead of the shipped weights, both variants, until the returned function is
 * called. Every reader goes through loadWeights, so the engine, the caches' weight hash and the ADC-less checks all
 * see them. One at a time per network: two overlapping evaluations would read each other's weights and cache the
 * mix under one of them, so a second call before the first's restore is refused.
 */
export function useGivenWeights(w: SnnWeights): () => void {
  if (given.has(w.network)) throw new Error(`internal: weights for ${w.network} are already given (one evaluation with given weights at a time)`);
  given.set(w.network, w);
  return () => {
    if (given.get(w.network) === w) given.delete(w.network);
  };
}

/** The weights given for a network with useGivenWeights, if any. */
export function givenWeights(network: string): SnnWeights | undefined {
  return given.get(network);
}

/**
 * The weights given for a network named by their content (`given:<sha256 of the serialised file>`), or undefined:
 * the same file gives the same tag in every process and every command, so the in-process and persistent caches
 * key its results alike and never answer for other weights. Hashed once per weights object.
 */
export function givenWeightsTag(network: string): string | undefined {
  const w = given.get(network);
  if (!w) return undefined;
  let tag = givenTags.get(w);
  if (tag === undefined) givenTags.set(w, (tag = `given:${createHash('sha256').update(serializeWeights(w)).digest('hex')}`));
  return tag;
}
const givenTags = new WeakMap<SnnWeights, string>();

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

/**
 * `cosearch train`'s learned weights (`.snnw`, cosearch-learned-weights/1: gzip, src/snn/learn/weightsFile.ts) are
 * refused in one line: they carry 8-bit weights and the trainer's own neurons (SDFA's τ, hard reset) for an event
 * dataset, none of which the accuracy engine runs (its LIF, rate-coded MNIST test set, WEIGHTS_FORMAT JSON), and no
 * conversion exists; a learned network's hardware accuracy is `cosearch train --on-chip`'s (docs/training.md). Read as
 * JSON such a file would fail as "not UTF-8 text", which names no cause. Recognised by its name or by gzip's magic bytes 1f 8b.
 */
function refuseLearnedWeights(file: string): void {
  let gzip = false;
  if (existsSync(file)) {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(2);
      gzip = readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
    } catch {
      gzip = false; // a folder or an unreadable file: readInputText names the problem
    } finally {
      closeSync(fd);
    }
  }
  if (!gzip && !file.endsWith('.snnw')) return;
  throw new ConfigError(`--weights ${file}: got a cosearch train weights file (.snnw, gzip), expected ${WEIGHTS_FORMAT} JSON (scripts/train.ts --out; `
    + 'docs/model-card.md); .snnw weights have no hardware accuracy here and no conversion: measure them on a design with cosearch train --on-chip (docs/training.md)');
}
