/**
 * Functional SNN inference over T timesteps, with each weight layer's matrix-vector products delegated to a
 * `LayerEngine`: the exact integer software engine below, or a programmed crossbar layer (src/sim/nonideal)
 * for hardware accuracy. Both see the same per-position input vectors, so an ideal crossbar reproduces the
 * software result sample by sample.
 *
 * - Input: 8-bit pixels, direct-coded into the first weight layer at every timestep (x = pixel / 255, which the
 *   hardware applies bit-serially as the integer `pixel`).
 * - Hidden weight layers: LIF (lif.ts) on the layer's input current; pools act on spikes (max = OR).
 * - Output: the last weight layer is a non-spiking integrator; its membrane potential after T steps,
 *   logits_n = sum_t I_n^t (no leak, no threshold), is the score; prediction = argmax (lowest index on ties).
 */
import { DIRECT_INPUT_CODES, directInputCode } from './coding.js';
import type { SnnGraph, WeightOp } from './graph.js';
import { lifStep, type LifParams } from './lif.js';
import { LifMemory } from './lifKernel.js';
import type { MembraneWord } from './membraneWord.js';
import type { LayerWeights, SnnWeights } from './weights.js';

/**
 * y (fanOut) = W x (x: fanIn values of one output position), in real weight units. Engines only read x (and xs):
 * SnnRunner keeps the direct-coded layer's gathered input across timesteps.
 */
export interface LayerEngine {
  mvm(x: Float32Array, y: Float32Array): void;
  /** Optional: select a per-position read cache (src/sim/nonideal ProgrammedLayer.useSlot); results never depend on it. */
  useSlot?(slot: number): void;
  /**
   * Optional: y for every output position at once (xs: positions x fanIn, ys: positions x fanOut), the same numbers as
   * useSlot(p) and mvm per position in order (src/sim/nonideal ProgrammedLayer.mvmPositions).
   */
  mvmPositions?(xs: Float32Array, ys: Float32Array, positions: number): void;
  /**
   * Optional: mvmPositions of xs[j] = input[gather[j]] (0 where gather[j] < 0), gathered by the engine (a conv layer's
   * im2col in the read kernel: ProgrammedLayer.mvmGathered). False, with nothing read, when it does not: SnnRunner then
   * gathers and calls mvmPositions. `gather` is the graph's table of the layer, the same array with the same entries
   * at every call (an engine may keep a copy).
   */
  mvmGathered?(input: Float64Array, gather: Int32Array, ys: Float32Array, positions: number): boolean;
  /**
   * Optional: mvmGathered `steps` times with the same input, ys = steps x positions x fanOut step after step: the same
   * numbers as `steps` calls of mvmGathered in a row (ProgrammedLayer.mvmGatheredSteps). SnnRunner calls it for the
   * direct-coded first layer, whose input is the same at every timestep.
   */
  mvmGatheredSteps?(input: Float64Array, gather: Int32Array, ys: Float32Array, positions: number, steps: number): boolean;
  /** Optional: mvm `steps` times with the same x, ys = steps x fanOut (ProgrammedLayer.mvmSteps); false when it does not. */
  mvmSteps?(x: Float32Array, ys: Float32Array, steps: number): boolean;
}

/**
 * The real weights a layer is programmed with: Float32 q * weightScale, outputs x inputs row-major (the layout
 * of src/sim/nonideal's programLayer). Exact, because weightScale has few significant bits (quantize.ts quantScale).
 */
export function programmingWeights(layer: LayerWeights): Float32Array {
  const { fanIn: K, fanOut: N, q, weightScale } = layer;
  const w = new Float32Array(K * N);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) w[n * K + k] = q[k * N + n] * weightScale;
  return w;
}

/**
 * The scale ideal hardware applies to integer sums: the crossbar model re-quantises the Float32 programming
 * weights with scale = max|w| / (2^(bits-1) - 1); computed the same way here (equal to weightScale when the scale
 * is exactly representable, as quantize.ts makes it), and divided by 255 for direct input.
 */
export function hardwareOutputScale(layer: LayerWeights, weightBits: number, directInput: boolean): number {
  let maxAbs = 0;
  for (let i = 0; i < layer.q.length; i++) maxAbs = Math.max(maxAbs, Math.abs(Math.fround(layer.q[i] * layer.weightScale)));
  const scale = maxAbs === 0 ? 1 : maxAbs / Math.max(2 ** (weightBits - 1) - 1, 1);
  return directInput ? scale / DIRECT_INPUT_CODES : scale;
}

/**
 * The exact software layer, i.e. the ideal-hardware arithmetic: acc = sum_k q_kn * x_k as an exact integer
 * (x_k = 1 for a nonzero spike, round(255 x_k) for direct input), y_n = float32(acc * outputScale).
 */
export function softwareEngine(layer: LayerWeights, weightBits: number, directInput: boolean): LayerEngine {
  const K = layer.fanIn;
  const N = layer.fanOut;
  const q = layer.q;
  const sums = new Float64Array(N);
  const outputScale = hardwareOutputScale(layer, weightBits, directInput);
  return {
    mvm(x, y) {
      sums.fill(0);
      for (let k = 0; k < K; k++) {
        const v = x[k];
        if (v === 0) continue;
        const code = directInput ? directInputCode(v) : 1;
        if (code === 0) continue;
        const wb = k * N;
        for (let n = 0; n < N; n++) sums[n] += code * q[wb + n];
      }
      for (let n = 0; n < N; n++) y[n] = sums[n] * outputScale;
    },
  };
}

/** Software engines for every weight layer of trained weights. */
export function softwareEngines(weights: SnnWeights): LayerEngine[] {
  return weights.layers.map((l, i) => softwareEngine(l, weights.weightBits, i === 0));
}

export interface InferenceResult {
  /** Output membrane potentials after T steps. */
  readonly logits: Float64Array;
  readonly predicted: number;
  /** Spikes emitted per spiking layer (summed over timesteps). */
  readonly spikes: readonly number[];
}

export interface InferenceOptions {
  readonly timesteps: number;
  readonly lif: LifParams;
  /**
   * Compute the first (direct-input) layer once and reuse it every timestep. Exact for software and ideal
   * hardware (the input is the same each step); hardware inference re-reads it every step so read noise is
   * drawn per read.
   */
  readonly reuseDirectLayer?: boolean;
  /**
   * Called every timestep after each spiking layer's LIF step with its spikes, and after the output layer with
   * its membrane potential so far (for diagnostics and tests).
   */
  readonly observe?: (timestep: number, opIndex: number, spikes: Float64Array) => void;
  /** The LIF datapath's word (hardware: snn.membraneBits): every potential a LIF step leaves is rounded to it. */
  readonly membraneWord?: MembraneWord;
  /** The U_mem cache: called after each spiking layer's LIF step; may change the stored potentials in place. */
  readonly storeMembrane?: (opIndex: number, membrane: Float64Array) => void;
}

/** Reusable buffers for one graph. */
export class SnnRunner {
  private readonly lif: LifMemory;
  private readonly acts: Float64Array[];
  private readonly membranes: Float64Array[];
  private readonly xs: Float32Array[];
  private readonly ys: Float32Array[];
  /** Every position's input and output of a multi-position layer (engines with mvmPositions). */
  private readonly xsAll: Float32Array[];
  private readonly ysAll: Float32Array[];
  private readonly input: Float64Array;
  /** Per op: its input is 0/1 (a spiking layer's spikes, or a pool of them), not the pixels' fractions. */
  private readonly binary: boolean[];
  /** Per op: xsAll holds its gathered input of this sample (not when the engine gathered it: mvmGathered). */
  private readonly held: boolean[];
  /** The first layer's outputs of every timestep (firstLayerSteps), grown on demand. */
  private steps = new Float32Array(0);

  constructor(readonly graph: SnnGraph) {
    // Spiking layers' membranes and spikes live in the LIF kernel's memory (lifKernel.ts).
    this.lif = new LifMemory(graph.ops.map((op) => (op.kind === 'weight' && op.spiking ? op.outSize : 0)));
    this.acts = graph.ops.map((op, i) => (op.kind === 'weight' && op.spiking ? this.lif.spikes[i] : new Float64Array(op.outSize)));
    this.membranes = this.lif.membranes;
    this.xs = graph.ops.map((op) => new Float32Array(op.kind === 'weight' ? op.fanIn : 0));
    this.ys = graph.ops.map((op) => new Float32Array(op.kind === 'weight' ? op.fanOut : 0));
    this.xsAll = graph.ops.map((op) => new Float32Array(op.kind === 'weight' && op.positions > 1 ? op.positions * op.fanIn : 0));
    // Multi-position layers' outputs (also the per-position path's, written position by position).
    this.ysAll = graph.ops.map((op) => new Float32Array(op.kind === 'weight' && op.positions > 1 ? op.positions * op.fanOut : 0));
    this.input = new Float64Array(graph.inputSize);
    this.held = graph.ops.map(() => false);
    this.binary = [false];
    for (let i = 1; i < graph.ops.length; i++) {
      const before = graph.ops[i - 1];
      this.binary.push(before.kind === 'weight' ? before.spiking : this.binary[i - 1]);
    }
  }

  /** Run one sample (pixels 0..255) through the engines (one per weight layer). */
  run(pixels: Uint8Array, engines: readonly LayerEngine[], o: InferenceOptions): InferenceResult {
    const g = this.graph;
    for (let i = 0; i < g.inputSize; i++) this.input[i] = pixels[i] / DIRECT_INPUT_CODES;
    for (const m of this.membranes) m.fill(0);
    const last = g.ops.length - 1;
    const logits = new Float64Array(g.outputSize);
    const spikes = g.weightOps.filter((op) => op.spiking).map(() => 0);
    const steps = o.reuseDirectLayer ? null : this.firstLayerSteps(engines, o.timesteps);
    for (let t = 0; t < o.timesteps; t++) {
      let spikeLayer = 0;
      for (let i = 0; i <= last; i++) {
        const op = g.ops[i];
        const input = i === 0 ? this.input : this.acts[i - 1];
        if (op.kind === 'pool') {
          if (this.binary[i]) orPool(op.gather, op.window, input, this.acts[i]);
          else poolSpikes(op.gather, op.window, input, this.acts[i]);
          continue;
        }
        // The layer's current is the engine's Float32 output itself (read as doubles, exactly what a Float64 copy
        // held). With reuseDirectLayer the first layer's output stays from t = 0: nothing else writes it.
        const cur = i === 0 && o.reuseDirectLayer && t > 0
          ? this.outputOf(op, i)
          : i === 0 && steps !== null
            ? steps.subarray(t * op.positions * op.fanOut, (t + 1) * op.positions * op.fanOut)
            // The first layer's input (the pixels) is the same every timestep: its gathered xs stay from t = 0.
            : this.applyLayer(op, input, engines[op.weightIndex], i, i === 0 && t > 0);
        if (op.spiking) {
          spikes[spikeLayer++] += o.lif.reset === 'subtract'
            ? this.lif.stepSubtract(i, cur, o.lif.leak, o.lif.threshold, o.membraneWord)
            : lifStep(this.membranes[i], cur, this.acts[i], o.lif, o.membraneWord);
          o.storeMembrane?.(i, this.membranes[i]);
          o.observe?.(t, i, this.acts[i]);
        } else {
          for (let n = 0; n < logits.length; n++) logits[n] += cur[n];
          o.observe?.(t, i, logits);
        }
      }
    }
    let predicted = 0;
    for (let n = 1; n < logits.length; n++) if (logits[n] > logits[predicted]) predicted = n;
    return { logits, predicted, spikes };
  }

  /**
   * The direct-coded first layer's output at every timestep (timesteps x positions x fanOut), computed before the
   * first timestep when its engine gathers several positions in steps (mvmGatheredSteps): its input, the pixels, is
   * the same at every timestep, and only its read noise differs. Null when the engine does not (each timestep then
   * calls applyLayer).
   */
  private firstLayerSteps(engines: readonly LayerEngine[], timesteps: number): Float32Array | null {
    const op = this.graph.ops[0];
    if (op.kind !== 'weight' || timesteps < 2) return null;
    const engine = engines[op.weightIndex];
    if (op.positions > 1 ? !engine.mvmGatheredSteps : !engine.mvmSteps) return null;
    const n = timesteps * op.positions * op.fanOut;
    if (this.steps.length < n) this.steps = new Float32Array(n);
    const out = this.steps.subarray(0, n);
    if (op.positions > 1) return engine.mvmGatheredSteps!(this.input, op.gather, out, op.positions, timesteps) ? out : null;
    gatherInput(op.gather, op.fanIn, this.input, this.xs[0]);
    return engine.mvmSteps!(this.xs[0], out, timesteps) ? out : null;
  }

  /** Where applyLayer leaves layer i's output (positions x fanOut). */
  private outputOf(op: WeightOp, i: number): Float32Array {
    return op.positions > 1 ? this.ysAll[i] : this.ys[i];
  }

  /**
   * The layer's output for `input` (positions x fanOut, a reused buffer: outputOf). `gathered`: this.xs[i] /
   * this.xsAll[i] already hold this input (engines never write them).
   */
  private applyLayer(op: WeightOp, input: Float64Array, engine: LayerEngine, i: number, gathered: boolean): Float32Array {
    const K = op.fanIn;
    const N = op.fanOut;
    const x = this.xs[i];
    const y = this.ys[i];
    const out = this.outputOf(op, i);
    // One read cache per position: the direct-coded first layer sees the same patch at a position every timestep,
    // and a spiking layer's band of rows often sees the same spikes as one timestep before.
    const slotted = op.positions > 1;
    if (slotted && engine.mvmGathered?.(input, op.gather, out, op.positions)) {
      this.held[i] = false;
      return out;
    }
    if (slotted && engine.mvmPositions) {
      if (!gathered || !this.held[i]) gatherInput(op.gather, op.positions * K, input, this.xsAll[i]);
      this.held[i] = true;
      engine.mvmPositions(this.xsAll[i], out, op.positions);
      return out;
    }
    if (op.positions === 1) {
      if (!gathered) gatherInput(op.gather, K, input, x);
      engine.mvm(x, y);
      return out;
    }
    for (let p = 0; p < op.positions; p++) {
      for (let k = 0; k < K; k++) {
        const idx = op.gather[p * K + k];
        x[k] = idx < 0 ? 0 : input[idx];
      }
      if (slotted) engine.useSlot?.(p);
      engine.mvm(x, y);
      out.set(y, p * N);
    }
    return out;
  }
}

/** out[j] = input[gather[j]] for j < n (0 where gather[j] < 0: padding). */
function gatherInput(gather: Int32Array, n: number, input: Float64Array, out: Float32Array): void {
  for (let j = 0; j < n; j++) {
    const idx = gather[j];
    out[j] = idx < 0 ? 0 : input[idx];
  }
}

/**
 * poolSpikes for inputs that are 0 or 1 (spikes): their max is the integer OR, without Math.max's branches (the same
 * +0 or 1; measured ~6 ns per input read with Math.max on random spikes).
 */
function orPool(gather: Int32Array, window: number, input: Float64Array, out: Float64Array): void {
  if (window !== 4) {
    for (let o = 0; o < out.length; o++) {
      let v = 0;
      for (let j = 0; j < window; j++) v |= input[gather[o * window + j]];
      out[o] = v;
    }
    return;
  }
  for (let o = 0, g = 0; o < out.length; o++, g += 4) out[o] = input[gather[g]] | input[gather[g + 1]] | input[gather[g + 2]] | input[gather[g + 3]];
}

/** OR (max) pooling of spikes (graph.ts explains why every pool on spikes is one). */
function poolSpikes(gather: Int32Array, window: number, input: Float64Array, out: Float64Array): void {
  for (let o = 0; o < out.length; o++) {
    let v = 0;
    for (let j = 0; j < window; j++) v = Math.max(v, input[gather[o * window + j]]);
    out[o] = v;
  }
}

/** Predictions of `weights` on the given samples of a dataset (exact integer software path). */
export function softwarePredictions(graph: SnnGraph, weights: SnnWeights, images: Uint8Array, indices: ArrayLike<number>,
  timesteps: number): Int32Array {
  const runner = new SnnRunner(graph);
  const engines = softwareEngines(weights);
  const out = new Int32Array(indices.length);
  const n = graph.inputSize;
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    out[i] = runner.run(images.subarray(j * n, (j + 1) * n), engines, { timesteps, lif: weights.lif, reuseDirectLayer: true }).predicted;
  }
  return out;
}
