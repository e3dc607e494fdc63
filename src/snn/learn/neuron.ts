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
  /** spikingjelly detach_reset: no gradient through the reset (dV/dH = 1 - s); default false (the H sigma' term kept). */
  readonly detachReset?: boolean;
}

/** spikingjelly LIFNode defaults used by SDFA (tau = 2, v_threshold = 1, v_reset = 0, surrogate.ATan(alpha = 2)). */
export const SDFA_LIF: LearningLif = { tau: 2, threshold: 1, alpha: 2 };

/** ATan surrogate derivative at x = H - V_th. */
export function atanSurrogate(x: number, alpha: number): number {
  const k = (Math.PI * alpha * x) / 2;
  return alpha / 2 / (1 + k * k);
}

/**
 * Sparse activity of one layer over T timesteps: entries start[t] .. start[t + 1] of index / value (ascending index
 * within a step). `byInput` is the same activity grouped by input (see groupByInput).
 */
export interface SparseSteps {
  readonly start: Int32Array;
  index: Int32Array;
  value: Float32Array;
  readonly byInput: InputGroups;
}

/**
 * The activity grouped by input: rows[r] (ascending) is active at steps step[p] with value value[p] for p in
 * rowStart[r] .. rowStart[r + 1] (ascending t). Why: a weight row is then read from memory once per sample, not
 * once per active step (saccade frames: ~650 distinct inputs for ~2,000 active (input, step) pairs per sample).
 */
export interface InputGroups {
  count: number;
  rows: Int32Array;
  rowStart: Int32Array;
  step: Int32Array;
  value: Float32Array;
  /** Scratch: group number of an input while grouping, else -1 (grown on demand). */
  slot: Int32Array;
}

export function createSparseSteps(T: number, capacity: number): SparseSteps {
  return { start: new Int32Array(T + 1), index: new Int32Array(capacity), value: new Float32Array(capacity),
    byInput: { count: 0, rows: new Int32Array(capacity), rowStart: new Int32Array(capacity + 1), step: new Int32Array(capacity),
      value: new Float32Array(capacity), slot: new Int32Array(0) } };
}

/** Fill `a.byInput` from its per-step lists (a counting sort by input; O(entries + distinct inputs log distinct)). */
export function groupByInput(a: SparseSteps, T: number): void {
  const g = a.byInput;
  const n = a.start[T];
  if (g.step.length < n) {
    g.rows = new Int32Array(n * 2);
    g.rowStart = new Int32Array(n * 2 + 1);
    g.step = new Int32Array(n * 2);
    g.value = new Float32Array(n * 2);
  }
  let maxIndex = -1;
  for (let e = 0; e < n; e++) if (a.index[e] > maxIndex) maxIndex = a.index[e];
  if (g.slot.length <= maxIndex) g.slot = new Int32Array(maxIndex + 1).fill(-1);
  const { slot, rows, rowStart } = g;
  let count = 0;
  for (let e = 0; e < n; e++) {
    const i = a.index[e];
    if (slot[i] < 0) {
      slot[i] = 0;
      rows[count++] = i;
    }
  }
  rows.subarray(0, count).sort();
  // rowStart[r + 1] counts row r's entries, then the prefix sum turns counts into starts.
  for (let r = 0; r < count; r++) slot[rows[r]] = r;
  rowStart.fill(0, 0, count + 1);
  for (let e = 0; e < n; e++) rowStart[slot[a.index[e]] + 1]++;
  for (let r = 0; r < count; r++) rowStart[r + 1] += rowStart[r];
  // Steps in ascending t: entries are visited in step order; rowStart[r] serves as the fill cursor, then is restored.
  for (let t = 0; t < T; t++) {
    for (let e = a.start[t]; e < a.start[t + 1]; e++) {
      const p = rowStart[slot[a.index[e]]]++;
      g.step[p] = t;
      g.value[p] = a.value[e];
    }
  }
  for (let r = count; r > 0; r--) rowStart[r] = rowStart[r - 1];
  rowStart[0] = 0;
  for (let r = 0; r < count; r++) slot[rows[r]] = -1;
  g.count = count;
}

/** y[y0 + j] += v x[x0 + j] for j < n (Float32 stores: each addition rounded as `+=` on a Float32Array does). */
function axpy(y: Float32Array, y0: number, v: number, x: Float32Array, x0: number, n: number): void {
  let j = 0;
  for (; j + 3 < n; j += 4) {
    y[y0 + j] += v * x[x0 + j];
    y[y0 + j + 1] += v * x[x0 + j + 1];
    y[y0 + j + 2] += v * x[x0 + j + 2];
    y[y0 + j + 3] += v * x[x0 + j + 3];
  }
  for (; j < n; j++) y[y0 + j] += v * x[x0 + j];
}

/** X[a + j] += va W[row + j] and X[b + j] += vb W[row + j] (a != b): one load of each weight for two steps. */
function axpy2(X: Float32Array, a: number, va: number, b: number, vb: number, W: Float32Array, row: number, n: number): void {
  for (let j = 0; j < n; j++) {
    const w = W[row + j];
    X[a + j] += va * w;
    X[b + j] += vb * w;
  }
}

/**
 * Forward of one LIF layer over T steps: X[t] = sum over active inputs of value * W[row], then the LIF step.
 * Every X[t] is computed first, input row by input row (each weight row read once; each X[t][j] still sums its
 * terms in ascending input order, so the result is bit-identical to the step-by-step loop). X holds T x fanOut.
 * Writes H (T x N), S (T x N, 0/1) and the layer's output spikes as sparse steps (grouped too); returns the spike count.
 */
export function lifLayerForward(lif: LearningLif, W: Float32Array, fanOut: number, input: SparseSteps, T: number,
  H: Float32Array, S: Uint8Array, out: SparseSteps, X: Float32Array, V: Float32Array): number {
  V.fill(0);
  X.fill(0, 0, T * fanOut);
  const g = input.byInput;
  for (let r = 0; r < g.count; r++) {
    const row = g.rows[r] * fanOut;
    const end = g.rowStart[r + 1];
    let p = g.rowStart[r];
    // Up to four steps per pass over the row: one weight load feeds them all (same additions per X element).
    for (; p + 3 < end; p += 4) {
      const a = g.step[p] * fanOut;
      const b = g.step[p + 1] * fanOut;
      const c = g.step[p + 2] * fanOut;
      const d = g.step[p + 3] * fanOut;
      const va = g.value[p];
      const vb = g.value[p + 1];
      const vc = g.value[p + 2];
      const vd = g.value[p + 3];
      for (let j = 0; j < fanOut; j++) {
        const w = W[row + j];
        X[a + j] += va * w;
        X[b + j] += vb * w;
        X[c + j] += vc * w;
        X[d + j] += vd * w;
      }
    }
    for (; p + 1 < end; p += 2) axpy2(X, g.step[p] * fanOut, g.value[p], g.step[p + 1] * fanOut, g.value[p + 1], W, row, fanOut);
    if (p < end) axpy(X, g.step[p] * fanOut, g.value[p], W, row, fanOut);
  }
  return lifSteps(lif, X, fanOut, T, H, S, out, V);
}

/**
 * The LIF steps of one layer from its input currents X (T x fanOut): writes H, S and the output spikes (sparse and
 * grouped); returns the spike count. V is scratch (fanOut).
 */
export function lifSteps(lif: LearningLif, X: Float32Array, fanOut: number, T: number, H: Float32Array, S: Uint8Array,
  out: SparseSteps, V: Float32Array): number {
  V.fill(0, 0, fanOut);
  let spikes = 0;
  const inv = 1 / lif.tau;
  for (let t = 0; t < T; t++) {
    out.start[t] = spikes;
    const base = t * fanOut;
    for (let j = 0; j < fanOut; j++) {
      const h = V[j] + (X[base + j] - V[j]) * inv;
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
  groupByInput(out, T);
  return spikes;
}

/**
 * Backward of one LIF layer through its own dynamics: from gS (T x N, gradient of the loss w.r.t. the layer's
 * spikes) to gX (T x N, w.r.t. its input currents); accumulates dW += sum_t input[t] (x) gX[t] over active inputs
 * only, row by row with t descending (the order of the step-by-step loop: bit-identical, one row read per sample).
 */
export function lifLayerBackward(lif: LearningLif, fanOut: number, T: number, H: Float32Array, S: Uint8Array,
  gS: Float32Array, gX: Float32Array, gV: Float32Array, input: SparseSteps, dW: Float32Array): void {
  const inv = 1 / lif.tau;
  const keep = 1 - inv;
  const threshold = lif.threshold;
  const alpha = lif.alpha;
  const resetPath = lif.detachReset ? 0 : 1;
  gV.fill(0);
  for (let t = T - 1; t >= 0; t--) {
    const base = t * fanOut;
    for (let j = 0; j < fanOut; j++) {
      const h = H[base + j];
      const sg = atanSurrogate(h - threshold, alpha);
      const gH = gS[base + j] * sg + gV[j] * (1 - S[base + j] - resetPath * h * sg);
      gX[base + j] = gH * inv;
      gV[j] = gH * keep;
    }
  }
  const g = input.byInput;
  for (let r = 0; r < g.count; r++) {
    const row = g.rows[r] * fanOut;
    const first = g.rowStart[r];
    let p = g.rowStart[r + 1] - 1;
    // Up to four steps per pass over the dW row, t descending (each dW element gets the same additions in the same
    // order, rounded to float32 after each as the one-step loop does): the 9 MB gradient is read once per row.
    for (; p - 3 >= first; p -= 4) {
      const a = g.step[p] * fanOut;
      const b = g.step[p - 1] * fanOut;
      const c = g.step[p - 2] * fanOut;
      const d = g.step[p - 3] * fanOut;
      const va = g.value[p];
      const vb = g.value[p - 1];
      const vc = g.value[p - 2];
      const vd = g.value[p - 3];
      for (let j = 0; j < fanOut; j++) {
        dW[row + j] = Math.fround(Math.fround(Math.fround(dW[row + j] + va * gX[a + j]) + vb * gX[b + j]) + vc * gX[c + j]) + vd * gX[d + j];
      }
    }
    for (; p - 1 >= first; p -= 2) {
      const a = g.step[p] * fanOut;
      const b = g.step[p - 1] * fanOut;
      const va = g.value[p];
      const vb = g.value[p - 1];
      for (let j = 0; j < fanOut; j++) dW[row + j] = Math.fround(dW[row + j] + va * gX[a + j]) + vb * gX[b + j];
    }
    if (p >= first) axpy(dW, row, g.value[p], gX, g.step[p] * fanOut, fanOut);
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
