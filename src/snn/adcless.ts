/**
 * ADC-less hardware-aware training (papers/adc-less-imc-snn.txt; domain.md §5): every crossbar column ends
 * in a 1-bit sense amplifier, so a layer's partial sum over the rows of ONE crossbar (one row tile of
 * `crossbarRows` rows) is binarised before the digital accumulation across row tiles:
 *   I_n = gain * sum_r H(P_rn),   P_rn = sum_{k in tile r} w_kn x_k,   H(v) = 1 if v > 0 else 0.
 * The comparison against zero is the sense amplifier deciding whether the signed partial sum (stored
 * weights w + offset, compared with an offset reference column) is positive [inference].
 * Backward: straight-through estimator with a fast-sigmoid surrogate of width `surrogateWidth` (in
 * partial-sum units): dH/dP ~ 1 / (2 width (1 + |P| / width)^2).
 * Progressive hardware awareness: the fraction of binarised weight layers ramps linearly from 0 at
 * `rampStartEpoch` to 1 at `rampEndEpoch` (layers are switched first to last), so the network first learns
 * with high-precision partial sums and then adapts to binarisation one layer at a time.
 *
 * Limits, stated plainly: the reference sits at zero (no learnable per-output reference yet), so a tile keeps
 * the sign of its partial sum but not its magnitude; and this is differential sensing of the signed sum,
 * whereas src/sim/nonideal's sense amplifier compares each offset-coded (q + 2^(b-1)) bit-slice column with a
 * fixed reference. Weights trained here therefore do not yet transfer to that hardware model, and no
 * weights/<network>-adcless.json is shipped (docs/model-card.md).
 */
import { ConfigError } from '../hardware/errors.js';
import type { WeightOp } from './graph.js';

export interface AdcLessTraining {
  /** Rows of one crossbar (crossbar.size of the target hardware). */
  readonly crossbarRows: number;
  /** Value of one '1' from a sense amplifier, in input-current units. */
  readonly gain: number;
  readonly surrogateWidth: number;
  readonly rampStartEpoch: number;
  readonly rampEndEpoch: number;
}

export function checkAdcLess(a: AdcLessTraining): void {
  if (!Number.isInteger(a.crossbarRows) || a.crossbarRows < 1) {
    throw new ConfigError(`adcLess.crossbarRows: got ${a.crossbarRows}, expected a positive integer`);
  }
  if (!(a.gain > 0)) throw new ConfigError(`adcLess.gain: got ${a.gain}, expected a positive number`);
  if (!(a.surrogateWidth > 0)) throw new ConfigError(`adcLess.surrogateWidth: got ${a.surrogateWidth}, expected a positive number`);
  if (!(a.rampEndEpoch >= a.rampStartEpoch && a.rampStartEpoch >= 0)) {
    throw new ConfigError(`adcLess.rampEndEpoch: got ${a.rampStartEpoch}..${a.rampEndEpoch}, expected 0 <= start <= end`);
  }
}

/** Fraction of weight layers binarised during `epoch` (0-based) of `totalEpochs`. */
export function adcLessFraction(a: AdcLessTraining, epoch: number, _totalEpochs: number): number {
  if (epoch < a.rampStartEpoch) return 0;
  if (a.rampEndEpoch <= a.rampStartEpoch) return 1;
  return Math.min(1, (epoch - a.rampStartEpoch + 1) / (a.rampEndEpoch - a.rampStartEpoch + 1));
}

function tilePartialSums(op: WeightOp, input: Float32Array, w: Float32Array, p: number, r: number, rows: number, partial: Float64Array): void {
  const K = op.fanIn;
  const N = op.fanOut;
  partial.fill(0);
  const end = Math.min(K, (r + 1) * rows);
  for (let k = r * rows; k < end; k++) {
    const idx = op.gather[p * K + k];
    if (idx < 0) continue;
    const v = input[idx];
    if (v === 0) continue;
    const wb = k * N;
    for (let n = 0; n < N; n++) partial[n] += v * w[wb + n];
  }
}

export function binarizedForward(op: WeightOp, input: Float32Array, w: Float32Array, out: Float32Array, a: AdcLessTraining): void {
  const N = op.fanOut;
  const tiles = Math.ceil(op.fanIn / a.crossbarRows);
  const partial = new Float64Array(N);
  out.fill(0);
  for (let p = 0; p < op.positions; p++) {
    for (let r = 0; r < tiles; r++) {
      tilePartialSums(op, input, w, p, r, a.crossbarRows, partial);
      for (let n = 0; n < N; n++) if (partial[n] > 0) out[p * N + n] += a.gain;
    }
  }
}

export function binarizedBackward(op: WeightOp, input: Float32Array, w: Float32Array, gradOut: Float32Array, gradW: Float32Array,
  gradIn: Float32Array | undefined, a: AdcLessTraining): void {
  const K = op.fanIn;
  const N = op.fanOut;
  const rows = a.crossbarRows;
  const tiles = Math.ceil(K / rows);
  const partial = new Float64Array(N);
  const gP = new Float64Array(N);
  const width = a.surrogateWidth;
  for (let p = 0; p < op.positions; p++) {
    for (let r = 0; r < tiles; r++) {
      tilePartialSums(op, input, w, p, r, rows, partial);
      for (let n = 0; n < N; n++) {
        const z = 1 + Math.abs(partial[n]) / width;
        gP[n] = (a.gain * gradOut[p * N + n]) / (2 * width * z * z);
      }
      const end = Math.min(K, (r + 1) * rows);
      for (let k = r * rows; k < end; k++) {
        const idx = op.gather[p * K + k];
        if (idx < 0) continue;
        const v = input[idx];
        const wb = k * N;
        if (gradIn) {
          let s = 0;
          for (let n = 0; n < N; n++) s += w[wb + n] * gP[n];
          gradIn[idx] += s;
        }
        if (v !== 0) for (let n = 0; n < N; n++) gradW[wb + n] += v * gP[n];
      }
    }
  }
}
