/**
 * A LIF network of fully connected layers (and optionally conv layers, conv.ts) and its three learning rules
 * (docs/training.md); a conv hidden layer is treated like any hidden layer (its output map flattened (c, y, x)):
 * - bptt: the exact surrogate gradient, errors carried layer to layer through W^T at every timestep;
 * - sdfa: as the released SDFA code (docs/sources.md#pipesdfa): one fixed Gaussian B (C x N_max, N(0, 1)) shared by
 *   all hidden layers (layer l uses its first N_l columns); e = dL/dr on the time-averaged output rate; the
 *   projection g_l = e B[:, :N_l] / sqrt(N_max), computed once per sample, is the gradient of every timestep's
 *   spikes of hidden layer l; then BPTT through that layer's own dynamics only; the output layer keeps its true
 *   gradient and no gradient crosses from one layer into the one below;
 * - shallow: the output layer's true gradient only (hidden layers keep their random initial weights).
 * Output: the last layer spikes too; r = (1/T) sum_t s_L[t], loss = softmax cross-entropy of r (SDFA's N-MNIST setup).
 */
import { ConfigError } from '../../core/errors.js';
import { createRng } from '../../util/rng.js';
import type { FrameSet } from '../data/frames.js';
import { checkConvShape, convFanIn, convForward, convGrad, convTransposedRead, convWeightCount, type ConvShape } from './conv.js';
import { TrainerMemory, type TrainerExports } from './kernel.js';
import { createSparseSteps, groupByInput, lifDynamicsBackward, lifLayerBackward, lifLayerForward, lifSteps, transposedRead, type LearningLif,
  type SparseSteps } from './neuron.js';
import { type CrossbarReadModel, isIdealRead, maxReadCurrent, readWeights, tiledCurrents } from './readModel.js';

export const ALGORITHMS = ['bptt', 'sdfa', 'shallow'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];
export const LOSSES = ['ce', 'mse'] as const;
export type Loss = (typeof LOSSES)[number];

/** A crossbar read model in use: the weights as read (refreshed after every weight change) and scratch. */
interface ReadState {
  readonly model: CrossbarReadModel;
  readonly levelsPerWeight: readonly number[];
  readonly weights: Float32Array[];
  stale: boolean;
  readonly partial: Float64Array;
  readonly active: Uint8Array;
}

/** Per weight layer: a convolution (conv.ts), or null for a fully connected layer. */
export type LayerKinds = readonly (ConvShape | null)[];

/** Weights of layer l: fanIn x fanOut for a fully connected layer, the kernel's for a conv layer. */
export function weightCount(sizes: readonly number[], conv: LayerKinds, l: number): number {
  const c = conv[l];
  return c ? convWeightCount(c) : sizes[l] * sizes[l + 1];
}

/** Refuse conv shapes that do not fit the layer widths (conv.length: 0, or one entry per weight layer). */
export function checkLayerKinds(sizes: readonly number[], conv: LayerKinds): void {
  if (conv.length === 0) return;
  if (conv.length !== sizes.length - 1) throw new ConfigError(`conv layers: got ${conv.length} entries, expected ${sizes.length - 1} (one per weight layer, null = fully connected)`);
  conv.forEach((c, l) => c && checkConvShape(c, sizes[l], sizes[l + 1], `layer ${l + 1}`));
}

/**
 * The initial weights of a network (PyTorch's default initialisation of nn.Linear and nn.Conv2d: U(+-1/sqrt(fanIn)),
 * from the stream `${seed}:init`), written into `into` (one array per layer) or fresh arrays.
 */
export function initialWeights(sizes: readonly number[], conv: LayerKinds, seed: string | number, into?: Float32Array[]): Float32Array[] {
  const init = createRng(`${seed}:init`);
  return sizes.slice(1).map((_, l) => {
    const w = into?.[l] ?? new Float32Array(weightCount(sizes, conv, l));
    const c = conv[l];
    const bound = 1 / Math.sqrt(c ? convFanIn(c) : sizes[l]);
    for (let i = 0; i < w.length; i++) w[i] = (2 * init.next() - 1) * bound;
    return w;
  });
}

/** SDFA's fixed B (classes x N_max, N(0, 1), row-major) from the stream `${seed}:feedback`; N_max = the widest hidden layer. */
export function feedbackMatrix(sizes: readonly number[], seed: string | number): Float32Array {
  const maxHidden = Math.max(0, ...sizes.slice(1, -1));
  const fb = createRng(`${seed}:feedback`);
  const feedback = new Float32Array(sizes[sizes.length - 1] * maxHidden);
  for (let i = 0; i < feedback.length; i++) feedback[i] = fb.normal();
  return feedback;
}

interface LayerState {
  readonly H: Float32Array;
  readonly S: Uint8Array;
  readonly gS: Float32Array;
  readonly gX: Float32Array;
  readonly out: SparseSteps;
}

export class LifNetwork {
  /** sizes[0] inputs, sizes[L] classes. */
  readonly sizes: readonly number[];
  /** Weights per layer: sizes[l] x sizes[l+1], row-major, or a conv layer's kernel (views of the kernel's memory). */
  readonly weights: Float32Array[];
  readonly grads: Float32Array[];
  /** `perWeightArrays` more arrays shaped like the weights (the trainer's Adam moments), in the kernel's memory. */
  readonly weightShaped: Float32Array[][];
  /** The fixed feedback matrix B (classes x N_max), row-major; empty when there is no hidden layer. */
  readonly feedback: Float32Array;
  readonly maxHidden: number;
  readonly rates: Float64Array;
  readonly kernel: TrainerExports;
  private readonly layers: LayerState[];
  private readonly input: SparseSteps;
  private readonly X: Float32Array;
  private readonly V: Float32Array;
  /** BPTT transposed-read scratch (widest x even T, f64). */
  private readonly scratch: Float64Array;
  /** SDFA projection scratch (N_max). */
  private readonly g: Float32Array;
  /** Spikes per layer in the last forward pass (for activity statistics). */
  readonly spikeCounts: Int32Array;
  private read: ReadState | undefined;

  /** `conv`: per weight layer, a convolution or null (fully connected); empty = every layer fully connected. */
  constructor(sizes: readonly number[], readonly T: number, readonly lif: LearningLif, seed: string | number, perWeightArrays = 0,
    readonly conv: LayerKinds = []) {
    checkLayerKinds(sizes, conv);
    this.sizes = sizes;
    const widest = Math.max(...sizes);
    // Every array the kernel touches is laid out in its memory now; views are taken once the layout is done.
    const memory = new TrainerMemory();
    this.kernel = memory.kernel;
    const weights: Float32Array[] = [];
    const grads: Float32Array[] = [];
    const shaped: Float32Array[][] = Array.from({ length: perWeightArrays }, () => []);
    sizes.slice(1).forEach((_, l) => {
      const count = weightCount(sizes, conv, l);
      memory.f32(count, (a) => (weights[l] = a));
      memory.f32(count, (a) => (grads[l] = a));
      for (const list of shaped) memory.f32(count, (a) => (list[l] = a));
    });
    const layers: LayerState[] = sizes.slice(1).map((n) => {
      const st: { -readonly [K in keyof LayerState]: LayerState[K] } = { H: new Float32Array(0), S: new Uint8Array(0), gS: new Float32Array(0),
        gX: new Float32Array(0), out: createSparseSteps(T, n, memory) };
      memory.f32(T * n, (a) => (st.H = a));
      memory.u8(T * n, (a) => (st.S = a));
      memory.f32(T * n, (a) => (st.gS = a));
      memory.f32(T * n, (a) => (st.gX = a));
      return st;
    });
    this.input = createSparseSteps(T, sizes[0], memory);
    let X: Float32Array = new Float32Array(0);
    let scratch: Float64Array = new Float64Array(0);
    let V: Float32Array = new Float32Array(0);
    memory.f32(widest, (a) => (V = a));
    memory.f32(T * widest, (a) => (X = a));
    memory.f64(widest * (T + (T % 2)), (a) => (scratch = a));
    memory.done();
    this.weights = weights;
    this.grads = grads;
    this.weightShaped = shaped;
    this.layers = layers;
    this.X = X;
    this.scratch = scratch;
    this.V = V;
    initialWeights(sizes, conv, seed, weights);
    this.maxHidden = Math.max(0, ...sizes.slice(1, -1));
    const classes = sizes[sizes.length - 1];
    this.feedback = feedbackMatrix(sizes, seed);
    this.g = new Float32Array(this.maxHidden);
    this.rates = new Float64Array(classes);
    this.spikeCounts = new Int32Array(sizes.length - 1);
  }

  get depth(): number {
    return this.sizes.length - 1;
  }

  /**
   * Read every layer through `model` (IR drop, converter; readModel.ts); levelsPerWeight[l] = cell levels per weight
   * unit of layer l. An ideal model (or undefined) keeps the float path. `readWeights`, one array per layer shaped
   * like its weights and laid out in the kernel's memory (a spare `weightShaped` set), receives the weights as read:
   * BPTT's transposed read runs in the kernel over them.
   */
  setReadModel(model: CrossbarReadModel | undefined, levelsPerWeight: readonly number[], readWeights: readonly Float32Array[]): void {
    if (!model || isIdealRead(model)) {
      this.read = undefined;
      return;
    }
    if (this.conv.some((c) => c)) throw new ConfigError(`crossbar reads ${model.label}: got a conv layer, expected fully connected layers (conv reads through crossbars are not modelled)`);
    // Refuse a converter whose full scale keeps a layer's membrane below threshold: that layer could never spike. The
    // highest membrane within T steps is the largest current held from V = 0: top (1 - (1 - 1/tau)^T) (H rises towards
    // the input, never reaching it, so an input of exactly V_th never fires either).
    const reach = 1 - (1 - 1 / this.lif.tau) ** this.T;
    for (let l = 0; l < this.depth; l++) {
      const top = maxReadCurrent(model, this.sizes[l], levelsPerWeight[l]);
      if (top * reach < this.lif.threshold) {
        throw new ConfigError(`crossbar reads ${model.label}: got a largest input current of ${top.toPrecision(3)} for layer ${l + 1} ` +
          `(${Math.ceil(this.sizes[l] / model.rows)} row tiles x ${model.fullScale_levels} levels / ${levelsPerWeight[l].toPrecision(3)} levels per weight), ` +
          `a membrane of at most ${(top * reach).toPrecision(3)} in ${this.T} steps, expected at least V_th = ${this.lif.threshold} (the layer could never spike): ` +
          model.raiseCurrent);
      }
    }
    const widest = Math.max(...this.sizes.slice(1));
    this.read = { model, levelsPerWeight, weights: readWeights.slice(0, this.depth), stale: true,
      partial: new Float64Array(this.T * widest), active: new Uint8Array(this.T) };
  }

  /** Tell the network its weights changed (the read weights are recomputed before the next read). */
  weightsChanged(): void {
    if (this.read) this.read.stale = true;
  }

  private readState(): ReadState | undefined {
    const r = this.read;
    if (r?.stale) {
      this.weights.forEach((w, l) => readWeights(r.model, w, this.sizes[l], this.sizes[l + 1], r.weights[l]));
      r.stale = false;
    }
    return r;
  }

  /** Forward pass of sample `k` of `data`; fills `rates` and returns the predicted class (lowest index on ties). */
  forward(data: FrameSet, k: number): number {
    const T = this.T;
    const f0 = k * data.timesteps;
    const from = data.offsets[f0];
    const input = this.input;
    const n = data.offsets[f0 + T] - from;
    if (n > input.index.length) throw new RangeError(`sample ${k}: ${n} active inputs, expected at most ${input.index.length} (T x inputs)`);
    for (let t = 0; t <= T; t++) input.start[t] = data.offsets[f0 + t] - from;
    for (let e = 0; e < n; e++) {
      input.index[e] = data.index[from + e];
      input.value[e] = data.value[from + e];
    }
    groupByInput(this.kernel, input, T);
    const read = this.readState();
    let prev = input;
    for (let l = 0; l < this.depth; l++) {
      const st = this.layers[l];
      const n = this.sizes[l + 1];
      const conv = this.conv[l];
      if (conv) {
        convForward(conv, this.weights[l], prev, T, this.X);
        this.spikeCounts[l] = lifSteps(this.kernel, this.lif, this.X, n, T, st.H, st.S, st.out, this.V);
      } else if (read) {
        tiledCurrents(read.model, read.weights[l], n, prev, T, read.levelsPerWeight[l], this.X, read.partial, read.active);
        this.spikeCounts[l] = lifSteps(this.kernel, this.lif, this.X, n, T, st.H, st.S, st.out, this.V);
      } else {
        this.spikeCounts[l] = lifLayerForward(this.kernel, this.lif, this.weights[l], n, prev, T, st.H, st.S, st.out, this.X, this.V);
      }
      prev = st.out;
    }
    const last = this.layers[this.depth - 1];
    const C = this.sizes[this.depth];
    this.rates.fill(0);
    for (let t = 0; t < T; t++) for (let j = 0; j < C; j++) this.rates[j] += last.S[t * C + j] / T;
    let best = 0;
    for (let j = 1; j < C; j++) if (this.rates[j] > this.rates[best]) best = j;
    return best;
  }

  /**
   * Loss of the last rates against `label`, e = dL/dr into `error`: softmax cross-entropy ('ce'), or 'mse', the
   * SDFA train.py's F.mse_loss(r, onehot) = (1/C) sum_j (r_j - y_j)^2, e_j = 2 (r_j - y_j) / C.
   */
  lossAndError(label: number, error: Float64Array, loss: Loss = 'ce'): number {
    const r = this.rates;
    if (loss === 'mse') {
      let sum = 0;
      for (let j = 0; j < r.length; j++) {
        const d = r[j] - (j === label ? 1 : 0);
        sum += d * d;
        error[j] = (2 * d) / r.length;
      }
      return sum / r.length;
    }
    let max = -Infinity;
    for (const v of r) max = Math.max(max, v);
    let sum = 0;
    for (const v of r) sum += Math.exp(v - max);
    for (let j = 0; j < r.length; j++) error[j] = Math.exp(r[j] - max) / sum - (j === label ? 1 : 0);
    return Math.log(sum) + max - r[label];
  }

  /** The SDFA projection for a hidden layer of width n: g = e B[:, :n] / sqrt(N_max). */
  projection(error: Float64Array, n: number, out: Float32Array): void {
    this.projectionWith(this.feedback, error, n, out);
  }

  /** Accumulate the gradients of the last forward pass, given e = dL/dr, by `algorithm`. */
  backward(algorithm: Algorithm, error: Float64Array, feedback: Float32Array = this.feedback): void {
    const T = this.T;
    const L = this.depth;
    const C = this.sizes[L];
    const outState = this.layers[L - 1];
    for (let t = 0; t < T; t++) for (let j = 0; j < C; j++) outState.gS[t * C + j] = error[j] / T;
    const g = this.g;
    for (let l = L - 1; l >= 0; l--) {
      const st = this.layers[l];
      const n = this.sizes[l + 1];
      if (l < L - 1) {
        if (algorithm === 'shallow') return;
        if (algorithm === 'sdfa') {
          this.projectionWith(feedback, error, n, g);
          for (let t = 0; t < T; t++) st.gS.set(g.subarray(0, n), t * n);
        }
        // bptt: st.gS was written by the layer above's transposed read.
      }
      const input = l === 0 ? this.input : this.layers[l - 1].out;
      const conv = this.conv[l];
      if (conv) {
        lifDynamicsBackward(this.kernel, this.lif, n, T, st.H, st.S, st.gS, st.gX, this.V);
        convGrad(conv, this.grads[l], input, st.gX);
        if (algorithm === 'bptt' && l > 0) convTransposedRead(conv, this.weights[l], T, st.gX, this.layers[l - 1].gS);
        continue;
      }
      lifLayerBackward(this.kernel, this.lif, n, T, st.H, st.S, st.gS, st.gX, this.V, input, this.grads[l]);
      // BPTT's error read goes through the same arrays (IR-attenuated weights when a read model is set).
      const W = this.read ? this.read.weights[l] : this.weights[l];
      if (algorithm === 'bptt' && l > 0) transposedRead(this.kernel, W, this.sizes[l], n, T, st.gX, this.layers[l - 1].gS, this.scratch);
    }
  }

  private projectionWith(feedback: Float32Array, error: Float64Array, n: number, out: Float32Array): void {
    const norm = 1 / Math.sqrt(this.maxHidden);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < error.length; c++) s += error[c] * feedback[c * this.maxHidden + j];
      out[j] = s * norm;
    }
  }

  /** Gradient of the loss w.r.t. each layer's spikes in the last backward pass (T x N per layer; for tests). */
  spikeGradients(): readonly Float32Array[] {
    return this.layers.map((s) => s.gS);
  }

  /** Output spikes per layer of the last forward pass (T x N, 0/1; for tests). */
  spikes(): readonly Uint8Array[] {
    return this.layers.map((s) => s.S);
  }
}
