/**
 * On-chip learning through a device model (docs/training.md "On-chip"): each weight is one cell's normalised
 * conductance g in [0, 1], w = w_max (2 g - 1) (a differential reference column holds the midpoint), with
 * w_max = weightRange / sqrt(fanIn) per layer. The optimiser's intended change is accumulated digitally and sent
 * as whole pulses once it reaches one pulse's worth (mixed-precision / threshold update, docs/sources.md#mixed-precision):
 * n = trunc(chi / step), step = 2 w_max / P_max. Pulses move the cell along its LTP or LTD curve (devices.ts),
 * then cycle-to-cycle noise is added; device-to-device spread scales each cell's pulse step. The forward reads see
 * read noise (drawn once per mini-batch); SDFA's B is programmed once into the same kind of cells, quantised to
 * its states and with its own write error, and never updated.
 */
import { createRng, type Rng } from '../../util/rng.js';
import { type LearningDevice, pulseCurve, pulsePosition } from './devices.js';
import type { WeightSink } from './trainer.js';

export interface OnChipSettings {
  readonly device: LearningDevice;
  /** w_max * sqrt(fanIn): the weight range the conductance range maps to (PyTorch's init bound is 1). */
  readonly weightRange: number;
  /** |B| values mapped to the feedback cells' range (B ~ N(0, 1) is clipped to +-feedbackRange). */
  readonly feedbackRange: number;
  readonly seed: number | string;
}

export const DEFAULT_ONCHIP = { weightRange: 4, feedbackRange: 3 } as const;

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
  /** Pulses applied so far, per layer (for write statistics). */
  readonly pulseCount: Float64Array;

  constructor(readonly settings: OnChipSettings, sizes: readonly number[], weights: Float32Array[], feedback: Float32Array) {
    const d = settings.device;
    this.pulses = d.states - 1;
    this.writeRng = createRng(`${settings.seed}:device-write`);
    this.readRng = createRng(`${settings.seed}:device-read`);
    const d2d = createRng(`${settings.seed}:device-d2d`);
    this.pulseCount = new Float64Array(weights.length);
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
        for (let i = 0; i < w.length; i++) stepScale[i] = Math.max(0.1, 1 + d.d2dSigma * d2d.normal());
      }
      return { g, residual: new Float32Array(w.length), stepScale, wMax };
    });
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

  startEpoch(epoch: number): void {
    this.writeRng = createRng(`${this.settings.seed}:device-write:${epoch}`);
    this.readRng = createRng(`${this.settings.seed}:device-read:${epoch}`);
  }

  state(): Float32Array[] {
    return this.cells.flatMap((c) => [c.g, c.residual]);
  }

  apply(l: number, delta: Float32Array, w: Float32Array): void {
    const c = this.cells[l];
    const d = this.settings.device;
    const step = (2 * c.wMax) / this.pulses;
    let pulses = 0;
    for (let i = 0; i < w.length; i++) {
      const chi = c.residual[i] + delta[i];
      const n = Math.trunc(chi / step);
      c.residual[i] = chi - n * step;
      if (n === 0) continue;
      pulses += Math.abs(n);
      const dx = (Math.abs(n) / this.pulses) * (c.stepScale ? c.stepScale[i] : 1);
      let g: number;
      if (n > 0) {
        g = pulseCurve(Math.min(1, pulsePosition(c.g[i], d.normalizedALtp) + dx), d.normalizedALtp);
      } else if (d.nonlinearityLtd < 0) {
        // Negative LTD label (NeuroSim's sign): a convex curve, steep first; mirrored about the range.
        g = 1 - pulseCurve(Math.min(1, pulsePosition(1 - c.g[i], d.normalizedALtd) + dx), d.normalizedALtd);
      } else {
        // Positive (or zero) LTD label: back down the concave pulse curve, small steps near the top.
        g = pulseCurve(Math.max(0, pulsePosition(c.g[i], d.normalizedALtd) - dx), d.normalizedALtd);
      }
      if (d.c2cSigma > 0) g += d.c2cSigma * this.writeRng.normal();
      c.g[i] = Math.min(1, Math.max(0, g));
      w[i] = c.wMax * (2 * c.g[i] - 1);
    }
    this.pulseCount[l] += pulses;
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
