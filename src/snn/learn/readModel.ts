/**
 * What a crossbar read does to a layer's currents in on-chip training (docs/training.md "IR drop and ADC"): the
 * crossbar models live in src/sim, above this layer, so the trainer sees them through this interface, built by
 * src/app/train.ts from the design's hardware parameters with the simulator's own functions.
 *
 * A layer's fanIn inputs are read in tiles of `rows` crossbar rows; output j sits at column position j mod `cols` of
 * its crossbar (0 = next to the row driver). A read of one tile at one timestep:
 *   v_j = lpw * sum_{i in tile, active} x_i w_ij F[i mod rows][j mod cols]      (cell levels)
 *   X[t][j] += convert(v_j) / lpw                                                (weight units)
 * F is the IR-drop factor of a cell (its current over its ideal current, 1 without wire resistance), lpw the cell
 * levels per weight unit of the layer (one level = one device state step: P_max / (2 w_max)), convert the column
 * converter (quantisation and clipping of the signed column value). The error reads of BPTT (W^T) see the same
 * IR-attenuated weights, without a converter; SDFA's projection through B is read ideally (not modelled).
 */
import type { SparseSteps } from './neuron.js';

export interface CrossbarReadModel {
  /** Crossbar rows: the partial sums of each block of `rows` inputs are converted separately. */
  readonly rows: number;
  /** Crossbar columns (an output's column position is its index mod cols). */
  readonly cols: number;
  /** rows x cols IR-drop factors (row-major, crossbar row then column position); null = no wire resistance. */
  readonly irFactor: Float32Array | null;
  /** Convert `count` signed column values (cell levels) in place; null = an ideal converter. */
  readonly convert: ((values: Float64Array, count: number) => void) | null;
  /** Largest magnitude the converter outputs (cell levels); Infinity without a converter. */
  readonly fullScale_levels: number;
  /** What the model is, for run manifests (e.g. "sar 5 bit clip, 64x64, 5 ohm"). */
  readonly label: string;
  /** What raises the largest current the reads pass (the advice when a layer could never spike); depends on the converter. */
  readonly raiseCurrent: string;
}

/** True when the model changes nothing (then the trainer keeps its float path, bit-identical to training without). */
export function isIdealRead(model: CrossbarReadModel | undefined): boolean {
  return !model || (model.irFactor === null && model.convert === null);
}

/**
 * The largest input current a layer can receive per step through `model` (weight units): every row tile at the
 * converter's full scale. A LIF neuron (tau > 1, reset to 0) whose input never reaches V_th never fires.
 */
export function maxReadCurrent(model: CrossbarReadModel, fanIn: number, levelsPerWeight: number): number {
  return (Math.ceil(fanIn / model.rows) * model.fullScale_levels) / levelsPerWeight;
}

/** W ⊙ F: the weights as the crossbar reads them (fanIn x fanOut, row-major); a copy of W without IR drop. */
export function readWeights(model: CrossbarReadModel, W: Float32Array, fanIn: number, fanOut: number, out: Float32Array): void {
  const F = model.irFactor;
  if (!F) {
    out.set(W);
    return;
  }
  const { rows, cols } = model;
  for (let i = 0; i < fanIn; i++) {
    const f = (i % rows) * cols;
    const base = i * fanOut;
    for (let j = 0; j < fanOut; j++) out[base + j] = W[base + j] * F[f + (j % cols)];
  }
}

/**
 * The input currents of a layer read tile by tile through the converter: X (T x fanOut) from the read weights Wr
 * (readWeights) and the grouped sparse input. `partial` is scratch of T x fanOut, `active` of T.
 */
export function tiledCurrents(model: CrossbarReadModel, Wr: Float32Array, fanOut: number, input: SparseSteps, T: number,
  levelsPerWeight: number, X: Float32Array, partial: Float64Array, active: Uint8Array): void {
  X.fill(0, 0, T * fanOut);
  partial.fill(0, 0, T * fanOut);
  active.fill(0, 0, T);
  const g = input.byInput;
  const toWeight = 1 / levelsPerWeight;
  const flush = (): void => {
    for (let t = 0; t < T; t++) {
      if (!active[t]) continue;
      const v = partial.subarray(t * fanOut, (t + 1) * fanOut);
      for (let j = 0; j < fanOut; j++) v[j] *= levelsPerWeight;
      model.convert?.(v, fanOut);
      const base = t * fanOut;
      for (let j = 0; j < fanOut; j++) X[base + j] += v[j] * toWeight;
      v.fill(0);
      active[t] = 0;
    }
  };
  let tile = -1;
  for (let r = 0; r < g.count; r++) {
    const input = g.rows[r];
    const k = Math.floor(input / model.rows);
    if (k !== tile) {
      flush();
      tile = k;
    }
    const row = input * fanOut;
    for (let p = g.rowStart[r]; p < g.rowStart[r + 1]; p++) {
      const t = g.step[p];
      const x = g.value[p];
      const base = t * fanOut;
      active[t] = 1;
      for (let j = 0; j < fanOut; j++) partial[base + j] += x * Wr[row + j];
    }
  }
  flush();
}
