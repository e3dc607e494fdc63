/**
 * The neurons and per-layer kernels of the learning trainer, as in the released SDFA code (docs/sources.md#pipesdfa):
 * spikingjelly's LIFNode with tau = 2, V_th = 1, hard reset to 0, reset not detached, ATan surrogate (alpha = 2):
 *   H[t] = V[t-1] + (X[t] - V[t-1]) / tau;   s[t] = (H[t] >= V_th);   V[t] = H[t] (1 - s[t])
 *   d s / d H ~ sigma'(H - V_th) = (alpha / 2) / (1 + (pi alpha (H - V_th) / 2)^2)
 * Backward through one layer's own dynamics (BPTT inside the layer), from the gradient of its spikes gS[t]:
 *   gH[t] = gS[t] sigma'(t) + gV[t] (1 - s[t] - H[t] sigma'(t));  gX[t] = gH[t] / tau;  gV[t-1] = gH[t] (1 - 1 / tau)
 * Inputs of every layer are sparse (event counts or binary spikes): lists of (index, value) per timestep.
 * Weights are fanIn x fanOut, row-major (row = crossbar row = input), no bias (a crossbar has none).
 */

export interface LearningLif {
  readonly tau: number;
  readonly threshold: number;
  /** ATan surrogate sharpness alpha. */
  readonly alpha: number;
}

/** spikingjelly LIFNode defaults used by SDFA (tau = 2, v_threshold = 1, v_reset = 0, surrogate.ATan(alpha = 2)). */
export const SDFA_LIF: LearningLif = { tau: 2, threshold: 1, alpha: 2 };

/** ATan surrogate derivative at x = H - V_th. */
export function atanSurrogate(x: number, alpha: number): number {
  const k = (Math.PI * alpha * x) / 2;
  return alpha / 2 / (1 + k * k);
}

/** Sparse activity of one layer over T timesteps: entries start[t] .. start[t + 1] of index / value. */
export interface SparseSteps {
  readonly start: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

export function createSparseSteps(T: number, capacity: number): SparseSteps {
  return { start: new Int32Array(T + 1), index: new Int32Array(capacity), value: new Float32Array(capacity) };
}

/**
 * Forward of one LIF layer over T steps: X[t] = sum over active inputs of value * W[row], then the LIF step.
 * Writes H (T x N), S (T x N, 0/1) and the layer's output spikes as sparse steps; returns the spike count.
 */
export function lifLayerForward(lif: LearningLif, W: Float32Array, fanOut: number, input: SparseSteps, T: number,
  H: Float32Array, S: Uint8Array, out: SparseSteps, X: Float32Array, V: Float32Array): number {
  V.fill(0);
  let spikes = 0;
  const inv = 1 / lif.tau;
  for (let t = 0; t < T; t++) {
    X.fill(0);
    for (let e = input.start[t]; e < input.start[t + 1]; e++) {
      const v = input.value[e];
      const row = input.index[e] * fanOut;
      for (let j = 0; j < fanOut; j++) X[j] += v * W[row + j];
    }
    out.start[t] = spikes;
    const base = t * fanOut;
    for (let j = 0; j < fanOut; j++) {
      const h = V[j] + (X[j] - V[j]) * inv;
      H[base + j] = h;
      if (h >= lif.threshold) {
        S[base + j] = 1;
        V[j] = 0;
        out.index[spikes] = j;
        out.value[spikes++] = 1;
      } else {
        S[base + j] = 0;
        V[j] = h;
      }
    }
  }
  out.start[T] = spikes;
  return spikes;
}

/**
 * Backward of one LIF layer through its own dynamics: from gS (T x N, gradient of the loss w.r.t. the layer's
 * spikes) to gX (T x N, w.r.t. its input currents); accumulates dW += sum_t input[t] (x) gX[t] (sparse rows).
 */
export function lifLayerBackward(lif: LearningLif, fanOut: number, T: number, H: Float32Array, S: Uint8Array,
  gS: Float32Array, gX: Float32Array, gV: Float32Array, input: SparseSteps, dW: Float32Array): void {
  const inv = 1 / lif.tau;
  const keep = 1 - inv;
  gV.fill(0);
  for (let t = T - 1; t >= 0; t--) {
    const base = t * fanOut;
    for (let j = 0; j < fanOut; j++) {
      const h = H[base + j];
      const sg = atanSurrogate(h - lif.threshold, lif.alpha);
      const gH = gS[base + j] * sg + gV[j] * (1 - S[base + j] - h * sg);
      gX[base + j] = gH * inv;
      gV[j] = gH * keep;
    }
    for (let e = input.start[t]; e < input.start[t + 1]; e++) {
      const v = input.value[e];
      const row = input.index[e] * fanOut;
      for (let j = 0; j < fanOut; j++) dW[row + j] += v * gX[base + j];
    }
  }
}

/** BPTT's transposed read: gSprev[t][i] = sum_j W[i][j] gX[t][j] for every input i of the layer. */
export function transposedRead(W: Float32Array, fanIn: number, fanOut: number, T: number, gX: Float32Array, gSprev: Float32Array): void {
  for (let t = 0; t < T; t++) {
    const g = t * fanOut;
    for (let i = 0; i < fanIn; i++) {
      const row = i * fanOut;
      let s = 0;
      for (let j = 0; j < fanOut; j++) s += W[row + j] * gX[g + j];
      gSprev[t * fanIn + i] = s;
    }
  }
}
