/**
 * Saccade-MNIST: an N-MNIST-like event stream made from a static MNIST digit by the N-MNIST protocol
 * (docs/sources.md#nmnist): the digit sits still on a 34x34 field and a virtual sensor moves over it in three
 * straight saccades (an equilateral triangle), each `saccade_ms` long; a DVS pixel model turns the moving image
 * into ON/OFF events (docs/sources.md#dvs-pixel):
 *   L = ln(I + logEpsilon); an ON (OFF) event when L - L_ref >= C_on (<= -C_off) of that pixel; then L_ref = L and
 *   the pixel is blind for `refractory_ms`. C_on, C_off ~ N(contrast, contrastMismatch) per pixel (mismatch),
 *   plus Poisson background events at `noiseRate_Hz` per pixel.
 * The image is resampled by bilinear interpolation every `step_ms`. Every random draw comes from one seeded
 * stream per sample (util/rng), so the events are the same on every machine.
 */
import { createRng } from '../../util/rng.js';

export const SACCADE_SIDE = 34;
export const SACCADE_PIXELS = SACCADE_SIDE * SACCADE_SIDE;
/** Inputs of a frame: 2 polarities x 34 x 34 (index = polarity * 1156 + y * 34 + x, spikingjelly's [2, H, W]). */
export const SACCADE_INPUTS = 2 * SACCADE_PIXELS;

export interface DvsParams {
  /** Saccade amplitude (triangle side) in pixels; N-MNIST moves a few pixels (docs/sources.md#nmnist). */
  readonly amplitude_px: number;
  readonly saccade_ms: number;
  readonly saccades: number;
  /** Time step of the resampled image (also the timestamp resolution). */
  readonly step_ms: number;
  /** Mean contrast threshold in ln-intensity units (docs/sources.md#dvs-pixel). */
  readonly contrast: number;
  /** Per-pixel standard deviation of the thresholds (fixed-pattern mismatch). */
  readonly contrastMismatch: number;
  readonly refractory_ms: number;
  /** Offset in L = ln(I + logEpsilon), I in [0, 1]: keeps dark pixels finite. */
  readonly logEpsilon: number;
  readonly noiseRate_Hz: number;
}

/** Defaults of docs/sources.md#dvs-pixel (the N-MNIST recipe of the PipeSDFA notes, §4.3). */
export const DEFAULT_DVS: DvsParams = {
  amplitude_px: 3, saccade_ms: 100, saccades: 3, step_ms: 1, contrast: 0.15, contrastMismatch: 0.03, refractory_ms: 1,
  logEpsilon: 0.01, noiseRate_Hz: 0.1,
};

/** Events of one sample, time-ordered (within a step: by pixel index). */
export interface EventStream {
  /** Timestamp of each event in steps (step_ms each). */
  readonly t: Uint16Array;
  /** Input index polarity * 1156 + y * 34 + x (polarity 0 = ON, 1 = OFF). */
  readonly index: Uint16Array;
  readonly count: number;
  /** Duration in steps. */
  readonly steps: number;
}

/** Sensor offset (x, y) in pixels at `step` along the triangle path (vertices (0,0), (A,0), (A/2, A*sqrt(3)/2)). */
export function sensorOffset(p: DvsParams, step: number): readonly [number, number] {
  const A = p.amplitude_px;
  const vertices: ReadonlyArray<readonly [number, number]> = [[0, 0], [A, 0], [A / 2, (A * Math.sqrt(3)) / 2]];
  const perSaccade = p.saccade_ms / p.step_ms;
  const k = Math.min(Math.floor(step / perSaccade), p.saccades - 1);
  const f = Math.min(1, (step - k * perSaccade) / perSaccade);
  const [x0, y0] = vertices[k % 3];
  const [x1, y1] = vertices[(k + 1) % 3];
  return [x0 + f * (x1 - x0), y0 + f * (y1 - y0)];
}

/** The digit as intensities in [0, 1] with a zero border of `pad` pixels (so bilinear reads need no bounds checks). */
export function paddedImage(image: ArrayLike<number>, side: number, pad: number): Float64Array {
  const w = side + 2 * pad;
  const out = new Float64Array(w * w);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) out[(y + pad) * w + x + pad] = image[y * side + x] / 255;
  return out;
}

/** Intensity in [0, 1] of the 34x34 field when the sensor is at (dx, dy): bilinear sample of the centred digit. */
export function fieldIntensity(padded: Float64Array, side: number, pad: number, dx: number, dy: number, A: number, out: Float64Array): void {
  const w = side + 2 * pad;
  const origin = (SACCADE_SIDE - side - A) / 2;
  for (let y = 0; y < SACCADE_SIDE; y++) {
    const sy = y - origin - dy + pad;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    const inY = y0 >= 0 && y0 + 1 < w;
    for (let x = 0; x < SACCADE_SIDE; x++) {
      const sx = x - origin - dx + pad;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      let v = 0;
      if (inY && x0 >= 0 && x0 + 1 < w) {
        const r0 = y0 * w + x0;
        const r1 = r0 + w;
        v = (1 - fy) * ((1 - fx) * padded[r0] + fx * padded[r0 + 1]) + fy * ((1 - fx) * padded[r1] + fx * padded[r1 + 1]);
      }
      out[y * SACCADE_SIDE + x] = v;
    }
  }
}

/** The DVS events of one 8-bit digit image (side x side, row-major), seeded by `seed`. */
export function saccadeEvents(image: ArrayLike<number>, side: number, seed: string, p: DvsParams = DEFAULT_DVS): EventStream {
  const rng = createRng(seed);
  const n = SACCADE_PIXELS;
  const cOn = new Float64Array(n);
  const cOff = new Float64Array(n);
  const floor = p.contrast / 4; // a threshold never collapses to 0 (it would fire on noise)
  for (let i = 0; i < n; i++) {
    cOn[i] = Math.max(floor, p.contrast + p.contrastMismatch * rng.normal());
    cOff[i] = Math.max(floor, p.contrast + p.contrastMismatch * rng.normal());
  }
  const steps = Math.round((p.saccades * p.saccade_ms) / p.step_ms);
  const refractorySteps = Math.round(p.refractory_ms / p.step_ms);
  const noiseP = p.noiseRate_Hz * p.step_ms * 1e-3;
  const field = new Float64Array(n);
  const ref = new Float64Array(n);
  const blindUntil = new Int32Array(n);
  const pad = Math.ceil(SACCADE_SIDE);
  const padded = paddedImage(image, side, pad);
  const [sx, sy] = sensorOffset(p, 0);
  fieldIntensity(padded, side, pad, sx, sy, p.amplitude_px, field);
  const darkLog = Math.log(p.logEpsilon);
  for (let i = 0; i < n; i++) ref[i] = Math.log(field[i] + p.logEpsilon);
  // Background noise: the gap to the next noisy (pixel, step) slot is geometric (one draw per noise event).
  const logKeep = Math.log1p(-noiseP);
  const nextGap = (): number => (noiseP > 0 ? Math.floor(Math.log(1 - rng.next()) / logKeep) : Infinity);
  let noiseIn = nextGap();
  const ts: number[] = [];
  const idx: number[] = [];
  for (let s = 1; s <= steps; s++) {
    const [dx, dy] = sensorOffset(p, s);
    fieldIntensity(padded, side, pad, dx, dy, p.amplitude_px, field);
    for (let i = 0; i < n; i++) {
      const I = field[i];
      const L = I === 0 ? darkLog : Math.log(I + p.logEpsilon);
      const d = L - ref[i];
      let polarity = -1;
      if (s >= blindUntil[i]) {
        if (d >= cOn[i]) polarity = 0;
        else if (d <= -cOff[i]) polarity = 1;
      }
      if (polarity >= 0) {
        ref[i] = L;
        blindUntil[i] = s + refractorySteps;
      }
      if (noiseIn-- === 0) {
        if (polarity < 0) polarity = rng.next() < 0.5 ? 0 : 1;
        noiseIn = nextGap();
      }
      if (polarity >= 0) {
        ts.push(s - 1);
        idx.push(polarity * n + i);
      }
    }
  }
  return { t: Uint16Array.from(ts), index: Uint16Array.from(idx), count: ts.length, steps };
}
