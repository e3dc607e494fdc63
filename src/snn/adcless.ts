/**
 * ADC-less hardware-aware training (docs/sources.md#adc-less-imc-snn; docs/sources.md#domain-5): every crossbar column ends
 * in a 1-bit sense amplifier, so a layer's partial sum over the rows of ONE crossbar (one row tile of
 * `crossbarRows` rows) is binarised before the digital accumulation across row tiles.
 *
 * Spike-input layers (inputs 0/1):
 *   I_n = gain * sum_r H(P_rn),   P_rn = sum_{k in tile r} w_kn x_k,   H(v) = 1 if v > 0 else 0.
 * The direct-coded first layer, as the hardware applies it (src/sim/nonideal layer.ts: 8-bit codes
 * c_k = round(255 x_k), read bit-serially, one sense-amplifier decision per crossbar and input bit plane,
 * then shift-and-add):
 *   I_n = gain * sum_r sum_b (2^b / 255) H(P_rbn),   P_rbn = sum_{k in tile r} w_kn bit_b(c_k),
 * so a tile whose every plane senses '1' contributes `gain`, as a spiking tile does. The direct input is the
 * same at every timestep, so the trainer computes this once per sample.
 * H(P) is the differential sense amplifier's sign decision on I+ - I- of a G+/G- column pair (src/sim/nonideal,
 * 'differential-pair' or 'reference-column' mappings, adc.kind = 'senseamp', threshold 0). It equals the hardware
 * bit exactly when a weight fits one cell (device.bitsPerCell >= snn.weightBits, one slice per weight), the
 * devices are ideal and the weights are the same integers (docs/model-card.md, test/snn/adcless-hardware.test.ts).
 * Backward: straight-through estimator with a fast-sigmoid surrogate of width `surrogateWidth` (in
 * partial-sum units): dH/dP ~ 1 / (2 width (1 + |P| / width)^2).
 * Progressive hardware awareness: the fraction of binarised weight layers ramps linearly from 0 at
 * `rampStartEpoch` to 1 at `rampEndEpoch` (layers are switched first to last), so the network first learns
 * with high-precision partial sums and then adapts to binarisation one layer at a time.
 *
 * Limits, stated plainly: the reference sits at zero (no learnable per-output reference), so a tile keeps the
 * sign of its partial sum but not its magnitude; with several bit slices per weight the hardware senses each
 * slice column on its own, which this model does not represent (so the ADC-less design stores a weight in one
 * cell); read noise, IR drop and the other device non-idealities are not modelled in training.
 */
import { ConfigError } from '../core/errors.js';
import type { WeightOp } from './graph.js';
import { DIRECT_INPUT_CODES, DIRECT_INPUT_PLANES, directInputCode } from './coding.js';

/**
 * The ADC-less design these weights are trained for (docs/model-card.md "ADC-less variants"): `--set` overrides of
 * the registry defaults. A 1-bit sense amplifier on every column ('senseamp', sign of I+ - I- of the differential
 * pair); 4-bit weights in one 4-bit cell, so one slice per weight and the hardware bit is the trainer's H(P) (the
 * review's Table III 4-bit RRAM cell, SpikeSim defaults; 8-bit cells would need 256 levels, whose read-noise floor
 * docs/nonidealities.md shows to be far worse); 64x64 crossbars = the trainer's 64-row tiles. Everything else
 * (read noise, R_on, wires) stays at the defaults.
 */
export const ADCLESS_DESIGN: Readonly<Record<string, string | number>> = {
  'adc.kind': 'senseamp',
  'snn.weightBits': 4,
  'device.bitsPerCell': 4,
  'crossbar.signedMapping': 'differential-pair',
  'crossbar.size': 64,
};

export interface AdcLessTraining {
  /** Rows of one crossbar (crossbar.size of the target hardware). */
  readonly crossbarRows: number;
  /** Value of one '1' from a sense amplifier, in input-current units. */
  readonly gain: number;
  readonly surrogateWidth: number;
  readonly rampStartEpoch: number;
  readonly rampEndEpoch: number;
}

/** The shape of AdcLessTraining (field types only; checkAdcLess checks the values). */
export function isAdcLessTraining(value: unknown): value is AdcLessTraining {
  if (value === null || typeof value !== 'object') return false;
  const a: Partial<Record<keyof AdcLessTraining, unknown>> = value;
  return typeof a.crossbarRows === 'number' && typeof a.gain === 'number' && typeof a.surrogateWidth === 'number'
    && typeof a.rampStartEpoch === 'number' && typeof a.rampEndEpoch === 'number';
}

/** Refuses ADC-less settings no training or sense read can use; `source` (a weights file's name) prefixes each message. */
export function checkAdcLess(a: AdcLessTraining, source?: string): void {
  const at = source === undefined ? 'adcLess' : `${source}: adcLess`;
  if (!Number.isInteger(a.crossbarRows) || a.crossbarRows < 1) {
    throw new ConfigError(`${at}.crossbarRows: got ${a.crossbarRows}, expected a positive integer`);
  }
  // Finite too: JSON's 1e999 parses as Infinity, which no sense read or surrogate can use.
  if (!(a.gain > 0 && Number.isFinite(a.gain))) throw new ConfigError(`${at}.gain: got ${a.gain}, expected a finite positive number`);
  if (!(a.surrogateWidth > 0 && Number.isFinite(a.surrogateWidth))) throw new ConfigError(`${at}.surrogateWidth: got ${a.surrogateWidth}, expected a finite positive number`);
  if (!(a.rampEndEpoch >= a.rampStartEpoch && a.rampStartEpoch >= 0)) {
    throw new ConfigError(`${at}.rampEndEpoch: got ${a.rampStartEpoch}..${a.rampEndEpoch}, expected 0 <= start <= end`);
  }
}

/** Fraction of weight layers binarised during `epoch` (0-based) of `totalEpochs`. */
export function adcLessFraction(a: AdcLessTraining, epoch: number, _totalEpochs: number): number {
  if (epoch < a.rampStartEpoch) return 0;
  if (a.rampEndEpoch <= a.rampStartEpoch) return 1;
  return Math.min(1, (epoch - a.rampStartEpoch + 1) / (a.rampEndEpoch - a.rampStartEpoch + 1));
}

/**
 * Partial sums of one row tile at position p. Spike input (`direct` false): partial[n] = sum_k w_kn x_k.
 * Direct input: partial[b * N + n] = sum_k w_kn bit_b(code(x_k)) for every bit plane b.
 */
function tilePartialSums(op: WeightOp, input: Float32Array, w: Float32Array, p: number, r: number, rows: number, direct: boolean,
  partial: Float64Array): void {
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
    if (!direct) {
      for (let n = 0; n < N; n++) partial[n] += v * w[wb + n];
      continue;
    }
    const code = directInputCode(v);
    for (let b = 0; b < DIRECT_INPUT_PLANES; b++) {
      if (((code >> b) & 1) === 0) continue;
      const pb = b * N;
      for (let n = 0; n < N; n++) partial[pb + n] += w[wb + n];
    }
  }
}

/** Partial sums per tile: N values for spike input, DIRECT_INPUT_PLANES x N for direct input. */
function partialBuffer(op: WeightOp, direct: boolean): Float64Array {
  return new Float64Array((direct ? DIRECT_INPUT_PLANES : 1) * op.fanOut);
}

/**
 * Forward of a binarised layer (see the file comment). Each output is gain times an exact integer count
 * (tiles sensing '1'; for direct input weighted 2^b and divided by 255), computed in float64 and stored once.
 */
export function binarizedForward(op: WeightOp, input: Float32Array, w: Float32Array, out: Float32Array, a: AdcLessTraining,
  direct = false): void {
  const N = op.fanOut;
  const tiles = Math.ceil(op.fanIn / a.crossbarRows);
  const planes = direct ? DIRECT_INPUT_PLANES : 1;
  const partial = partialBuffer(op, direct);
  const count = new Float64Array(N);
  const unit = direct ? a.gain / DIRECT_INPUT_CODES : a.gain;
  for (let p = 0; p < op.positions; p++) {
    count.fill(0);
    for (let r = 0; r < tiles; r++) {
      tilePartialSums(op, input, w, p, r, a.crossbarRows, direct, partial);
      for (let b = 0; b < planes; b++) {
        const pb = b * N;
        const weight = 2 ** b;
        for (let n = 0; n < N; n++) if (partial[pb + n] > 0) count[n] += weight;
      }
    }
    for (let n = 0; n < N; n++) out[p * N + n] = count[n] * unit;
  }
}

/** Backward of binarizedForward (straight-through surrogate); `gradIn` is not produced for direct input. */
export function binarizedBackward(op: WeightOp, input: Float32Array, w: Float32Array, gradOut: Float32Array, gradW: Float32Array,
  gradIn: Float32Array | undefined, a: AdcLessTraining, direct = false): void {
  const K = op.fanIn;
  const N = op.fanOut;
  const rows = a.crossbarRows;
  const tiles = Math.ceil(K / rows);
  const planes = direct ? DIRECT_INPUT_PLANES : 1;
  const partial = partialBuffer(op, direct);
  const gP = new Float64Array(planes * N);
  const width = a.surrogateWidth;
  const unit = direct ? a.gain / DIRECT_INPUT_CODES : a.gain;
  for (let p = 0; p < op.positions; p++) {
    for (let r = 0; r < tiles; r++) {
      tilePartialSums(op, input, w, p, r, rows, direct, partial);
      for (let b = 0; b < planes; b++) {
        const pb = b * N;
        const weight = unit * 2 ** b;
        for (let n = 0; n < N; n++) {
          const z = 1 + Math.abs(partial[pb + n]) / width;
          gP[pb + n] = (weight * gradOut[p * N + n]) / (2 * width * z * z);
        }
      }
      const end = Math.min(K, (r + 1) * rows);
      for (let k = r * rows; k < end; k++) {
        const idx = op.gather[p * K + k];
        if (idx < 0) continue;
        const v = input[idx];
        const wb = k * N;
        if (direct) {
          const code = directInputCode(v);
          for (let b = 0; b < planes; b++) {
            if (((code >> b) & 1) === 0) continue;
            const pb = b * N;
            for (let n = 0; n < N; n++) gradW[wb + n] += gP[pb + n];
          }
          continue;
        }
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
