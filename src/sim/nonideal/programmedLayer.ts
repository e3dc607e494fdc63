/** What a weight layer programmed onto crossbars offers (layer.ts programLayer builds one). */
import type { AdcConfig } from '../../hardware/config.js';
import type { IdealLayer } from './ideal.js';

export interface ProgrammedLayer extends IdealLayer {
  /** Real weight of one integer weight step. */
  readonly weightScale: number;
  /** Crossbars the layer occupies: bands x ceil(outputs * slices / size). */
  readonly crossbars: number;
  /** y = W_hw x in real weight units (x: inputs values, y: outputs values). Allocation-free. */
  mvm(x: Float32Array, y: Float32Array): void;
  /**
   * mvm `steps` times with the same x (ys: steps x outputs, step after step): the numbers of `steps` mvm calls in a row
   * (each step's own noise draws, in the same stream), the read done once and every step's draws filled and converted
   * together; false, with nothing read or drawn, when this layer does not batch its conversions (call mvm per step).
   */
  mvmSteps(x: Float32Array, ys: Float32Array, steps: number): boolean;
  /** Restart the read-noise stream at `${seed}:readnoise:${key}` (call per sample to make samples reproducible). */
  reseedNoise(key: string): void;
  /**
   * Select the read cache used by the next mvm calls (default slot 0). A layer re-reads an unchanged input without
   * recomputing its deterministic analog part; with one slot per output position of a conv layer, a direct-coded
   * input that repeats every timestep is found position by position. Results do not depend on slots (a cache only).
   */
  useSlot(slot: number): void;
  /**
   * y for `positions` output positions at once (xs: positions x inputs, ys: positions x outputs), position p in slot
   * p: the same numbers as useSlot(p) and mvm per position, in order (their noise draws are the same stream).
   */
  mvmPositions(xs: Float32Array, ys: Float32Array, positions: number): void;
  /**
   * mvmPositions of xs[j] = input[gather[j]] (0 where gather[j] < 0) for j < positions x inputs, gathered in the kernel;
   * false, with nothing read or drawn, when this layer does not batch its positions (the caller gathers and calls
   * mvmPositions). The layer keeps a copy of `gather` in the kernel (per arena epoch): a table passed again must hold
   * the same entries (a graph's tables are fixed; pass a new array for other entries).
   */
  mvmGathered(input: Float64Array, gather: Int32Array, ys: Float32Array, positions: number): boolean;
  /**
   * mvmGathered `steps` times with the same input (ys: steps x positions x outputs, step after step): the numbers of
   * `steps` mvmGathered calls in a row (each step's own noise draws, in the same stream), with the reads done once
   * and every step's draws filled and converted together; false, with nothing read or drawn, as mvmGathered.
   */
  mvmGatheredSteps(input: Float64Array, gather: Int32Array, ys: Float32Array, positions: number, steps: number): boolean;
  /**
   * The same programmed arrays read through another converter (`adc`; every other field of the hardware must be the
   * one this layer was programmed with): the programming and the read caches (slots) are shared, so a design that
   * differs only in its converter re-reads a known input with new noise draws and conversions only.
   */
  retarget(adc: AdcConfig): ProgrammedLayer;
}
