/**
 * On-chip learning through a device model (docs/training.md "On-chip"): each weight is one cell's normalised
 * conductance g in [0, 1], w = w_max (2 g - 1) (a differential reference column holds the midpoint), with
 * w_max = weightRange / sqrt(fanIn) per layer. The optimiser's intended change is accumulated digitally and sent
 * as whole pulses once it reaches one pulse's worth (mixed-precision / threshold update, docs/sources.md#mixed-precision):
 * n = trunc(chi / step), step = 2 w_max / P_max (or, 'rounded', each update rounded to whole pulses as NeuroSim does).
 * Pulses move the cell along its LTP or LTD curve (devices.ts), then cycle-to-cycle noise sigma sqrt(n) is added
 * (open-loop), or the cell is read back and corrected (program-and-verify); device-to-device spread scales each cell's pulse step. The forward reads see
 * read noise (drawn once per mini-batch); SDFA's B is programmed once into the same kind of cells, quantised to
 * its states and with its own write error, and never updated.
 */
import { createRng, type Rng } from '../../util/rng.js';
import { type LearningDevice, pulseCurve, pulsePosition } from './devices.js';
import type { WeightSink } from './trainer.js';

/**
 * How the optimiser's change becomes pulses: 'threshold' keeps the sub-pulse remainder in a digital accumulator and
 * pulses once it reaches a whole pulse (mixed precision, docs/sources.md#mixed-precision); 'rounded' is NeuroSim's
 * RealDevice::Write: each update is rounded to the nearest whole number of pulses (truncate(x, P_max, 0.5)) and
 * the remainder is lost (docs/sources.md#online-learning-devices).
 */
export const ONCHIP_UPDATE_SCHEMES = ['threshold', 'rounded'] as const;
export type OnChipUpdateScheme = (typeof ONCHIP_UPDATE_SCHEMES)[number];

/**
 * How pulses are written: 'open-loop' applies them blind; 'verify' reads the cell back after the pulses and corrects
 * with further pulses (each with its own c2c error), counted along the device's nominal curve, until it lies within
 * half a local pulse step of the intended conductance, stops improving, or `verifyIterations` corrections have been spent (program-and-verify,
 * incremental pulses until the conductance lies in an acceptance range, as in NeuRRAM: docs/sources.md#neurram).
 */
export const WRITE_SCHEMES = ['open-loop', 'verify'] as const;
export type WriteScheme = (typeof WRITE_SCHEMES)[number];

export interface OnChipSettings {
  readonly device: LearningDevice;
  /** Default 'threshold'. */
  readonly updateScheme?: OnChipUpdateScheme;
  /** Default 'open-loop'. */
  readonly writeScheme?: WriteScheme;
  /** Most correction rounds per write with 'verify' (default 5). */
  readonly verifyIterations?: number;
  /** w_max * sqrt(fanIn): the weight range the conductance range maps to (PyTorch's init bound is 1). */
  readonly weightRange: number;
  /** |B| values mapped to the feedback cells' range (B ~ N(0, 1) is clipped to +-feedbackRange). */
  readonly feedbackRange: number;
  readonly seed: number | string;
}

/**
 * The smallest per-cell pulse step, as a fraction of the nominal step, that the device-to-device spread may draw
 * (scale = max(floor, 1 + sigma_d2d N(0, 1))): a cell must move the way it is pulsed, so a zero or negative step is no
 * device. 0.1 is a round choice [assumption], docs/sources.md#aihwkit-presets; the share of cells raised to it is
 * DeviceSink.stepFloorShare (Phi(-(1 - 0.1) / sigma_d2d): 32.6 % at sigma_d2d = 2).
 */
export const D2D_STEP_SCALE_FLOOR_FRACTION = 0.1;

export const DEFAULT_ONCHIP = { weightRange: 4, feedbackRange: 3, updateScheme: 'threshold', writeScheme: 'open-loop', verifyIterations: 5 } as const;

interface CellArray {
  readonly g: Float32Array;
  readonly residual: Float32Array;
  /** Per-cell pulse-step scale (device-to-device spread); undefined when none. */
  readonly stepScale?: Float32Array;
  readonly wMax: number;
}

export class DeviceSink implements WeightSink {
  readonly feedback: Float32Array;
  private readonly cells: CellArray[];
  private writeRng: Rng;
  private readRng: Rng;
  private readonly pulses: number;
  /** Pulses applied so far, per layer (for write statistics; verify's correction pulses included). */
  readonly pulseCount: Float64Array;
  /** Verify reads so far, per layer (0 when open-loop). */
  readonly verifyReads: Float64Array;
  /** Share of the weight cells whose d2d step scale was raised to D2D_STEP_SCALE_FLOOR_FRACTION (0 without d2d). */
  readonly stepFloorShare: number;

  constructor(readonly settings: OnChipSettings, sizes: readonly number[], weights: Float32Array[], feedback: Float32Array) {
    const d = settings.device;
    this.pulses = d.states - 1;
    this.writeRng = createRng(`${settings.seed}:device-write`);
    this.readRng = createRng(`${settings.seed}:device-read`);
    const d2d = createRng(`${settings.seed}:device-d2d`);
    this.pulseCount = new Float64Array(weights.length);
    this.verifyReads = new Float64Array(weights.length);
    let floored = 0;
    let cellCount = 0;
    this.cells = weights.map((w, l) => {
      const wMax = settings.weightRange / Math.sqrt(sizes[l]);
      const g = new Float32Array(w.length);
      // The initial weights are programmed exactly (write-verify before training starts), clipped to the range.
      for (let i = 0; i < w.length; i++) {
        g[i] = Math.min(1, Math.max(0, (w[i] / wMax + 1) / 2));
        w[i] = wMax * (2 * g[i] - 1);
      }
      let stepScale: Float32Array | undefined;
      if (d.d2dSigma > 0) {
        stepScale = new Float32Array(w.length);
        for (let i = 0; i < w.length; i++) {
          const drawn = 1 + d.d2dSigma * d2d.normal();
          if (drawn < D2D_STEP_SCALE_FLOOR_FRACTION) floored++;
          stepScale[i] = Math.max(D2D_STEP_SCALE_FLOOR_FRACTION, drawn);
        }
      }
      cellCount += w.length;
      return { g, residual: new Float32Array(w.length), stepScale, wMax };
    });
    this.stepFloorShare = cellCount > 0 ? floored / cellCount : 0;
    this.feedback = this.programFeedback(feedback);
  }

  /** B as programmed: clipped to +-feedbackRange, quantised to the device's states, plus one write error per cell. */
  private programFeedback(b: Float32Array): Float32Array {
    const rng = createRng(`${this.settings.seed}:device-feedback`);
    const r = this.settings.feedbackRange;
    const out = new Float32Array(b.length);
    for (let i = 0; i < b.length; i++) {
      const x = Math.min(1, Math.max(0, (b[i] / r + 1) / 2));
      const q = Math.round(x * this.pulses) / this.pulses;
      const g = Math.min(1, Math.max(0, q + this.settings.device.c2cSigma * rng.normal()));
      out[i] = r * (2 * g - 1);
    }
    return out;
  }

  /** Cell levels per weight unit of each layer: one level is one state step, 2 w_max / P_max of weight. */
  levelsPerWeight(): number[] {
    return this.cells.map((c) => this.pulses / (2 * c.wMax));
  }

  startEpoch(epoch: number): void {
    this.writeRng = createRng(`${this.settings.seed}:device-write:${epoch}`);
    this.readRng = createRng(`${this.settings.seed}:device-read:${epoch}`);
  }

  state(): Float32Array[] {
    return this.cells.flatMap((c) => [c.g, c.residual]);
  }

  apply(l: number, delta: Float32Array, w: Float32Array): void {
    const c = this.cells[l];
    const step = (2 * c.wMax) / this.pulses;
    const rounded = (this.settings.updateScheme ?? DEFAULT_ONCHIP.updateScheme) === 'rounded';
    const verify = (this.settings.writeScheme ?? DEFAULT_ONCHIP.writeScheme) === 'verify';
    const rounds = this.settings.verifyIterations ?? DEFAULT_ONCHIP.verifyIterations;
    let pulses = 0;
    let reads = 0;
    for (let i = 0; i < w.length; i++) {
      let n: number;
      if (rounded) {
        // NeuroSim truncate(x, P_max, 0.5): round half away from zero; no remainder is kept.
        const x = Math.abs(delta[i]) / step;
        n = Math.sign(delta[i]) * (x - Math.trunc(x) >= 0.5 ? Math.trunc(x) + 1 : Math.trunc(x));
      } else {
        const chi = c.residual[i] + delta[i];
        n = Math.trunc(chi / step);
        c.residual[i] = chi - n * step;
      }
      if (n === 0) continue;
      pulses += Math.abs(n);
      const target = Math.min(1, Math.max(0, c.g[i] + n / this.pulses));
      let g = this.pulse(c, i, c.g[i], n);
      if (verify) {
        // Read back (an ideal read) and correct: the controller knows the device's nominal LTP/LTD curves (from
        // characterisation), so it sends the pulses that move g to the target along the curve of the correcting
        // direction; it stops when that count rounds to 0 (within half a local step: no closer state is reachable),
        // when a round made no progress (c2c noise, a bound), or after `rounds` corrections.
        for (let k = 0; k < rounds; k++) {
          reads++;
          const e = target - g;
          const m = this.pulsesBetween(g, target);
          if (m === 0) break;
          pulses += Math.abs(m);
          g = this.pulse(c, i, g, m);
          if (Math.abs(target - g) >= Math.abs(e)) break;
        }
      }
      c.g[i] = g;
      w[i] = c.wMax * (2 * g - 1);
    }
    this.pulseCount[l] += pulses;
    this.verifyReads[l] += reads;
  }

  /** Whole pulses (sign = direction) that move a cell from `from` to `to` along the nominal curve of that direction. */
  private pulsesBetween(from: number, to: number): number {
    const d = this.settings.device;
    if (to > from) return Math.round((pulsePosition(to, d.normalizedALtp) - pulsePosition(from, d.normalizedALtp)) * this.pulses);
    if (d.nonlinearityLtd < 0) return -Math.round((pulsePosition(1 - to, d.normalizedALtd) - pulsePosition(1 - from, d.normalizedALtd)) * this.pulses);
    return -Math.round((pulsePosition(from, d.normalizedALtd) - pulsePosition(to, d.normalizedALtd)) * this.pulses);
  }

  /**
   * n pulses (sign = direction) on cell i from conductance g along its LTP or LTD curve (NeuroSim RealDevice::Write:
   * x = G^-1(g), g' = G(x + n)), then c2c noise sigma sqrt(|n|) of the range (NeuroSim: gaussian * sqrt(abs(numPulse))).
   */
  private pulse(c: CellArray, i: number, from: number, n: number): number {
    const d = this.settings.device;
    const dx = (Math.abs(n) / this.pulses) * (c.stepScale ? c.stepScale[i] : 1);
    let g: number;
    if (n > 0) {
      g = pulseCurve(Math.min(1, pulsePosition(from, d.normalizedALtp) + dx), d.normalizedALtp);
    } else if (d.nonlinearityLtd < 0) {
      // Negative LTD label (NeuroSim's sign: A < 0, a convex curve): the same as the concave curve mirrored.
      g = 1 - pulseCurve(Math.min(1, pulsePosition(1 - from, d.normalizedALtd) + dx), d.normalizedALtd);
    } else {
      // Positive (or zero) LTD label: back down the concave pulse curve, small steps near the top.
      g = pulseCurve(Math.max(0, pulsePosition(from, d.normalizedALtd) - dx), d.normalizedALtd);
    }
    if (d.c2cSigma > 0) g += d.c2cSigma * Math.sqrt(Math.abs(n)) * this.writeRng.normal();
    return Math.min(1, Math.max(0, g));
  }

  beforeBatch(weights: Float32Array[]): void {
    const sigma = this.settings.device.readNoiseSigma;
    if (sigma <= 0) return;
    weights.forEach((w, l) => {
      const c = this.cells[l];
      for (let i = 0; i < w.length; i++) w[i] = c.wMax * (2 * (c.g[i] + sigma * this.readRng.normal()) - 1);
    });
  }

  settle(weights: Float32Array[]): void {
    weights.forEach((w, l) => {
      const c = this.cells[l];
      for (let i = 0; i < w.length; i++) w[i] = c.wMax * (2 * c.g[i] - 1);
    });
  }
}
