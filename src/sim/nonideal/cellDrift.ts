/**
 * Per-cell drift and accumulated 1/f noise of a device whose DevicePreset.cellDrift is not 'uniform' (devices.ts):
 * AIHWKit's PCM statistical model (docs/sources.md#aihwkit-pcm; docs/nonidealities.md "Drift"). Each cell draws two
 * normals once per chip (`${seed}:drift:<band>`, row-major, the drift exponent's first): its own drift exponent
 *   nu = |s mu_nu(G_target) + s sigma_nu(G_target) N1|,  s = device.driftNu / mu_nu(G_max)
 * (s = 1 at the preset; AIHWKit's drift_scale), and the 1/f deviation accumulated since programming, so at inference
 * time t (device.driftTime_s) its device conductance is
 *   G = max(0, G_prog r + G_prog r Q_s(G_prog) sqrt(ln((t + t0 + t_read) / (2 t_read))) N2),  r = ((t + t0) / t0)^-nu,
 * t0 = 20 s, static over the inference (every read and timestep of one chip sees it). The WebAssembly programming
 * kernel (wasm/program.ts cellConductances) computes the same expressions in the same order: driftedConductance is
 * its reference, and buildBand's own for stuck cells.
 */
import type { DeviceConfig } from '../../hardware/config.js';
import { DEVICE_PRESETS, type AihwkitPcmDrift, type LogLinearFit } from '../../hardware/devices.js';
import { DRIFT_T0_S, type CellLevels } from './device.js';

/** A device's per-cell drift at its configured time, on the window of `cell`. */
export interface CellDrift {
  readonly model: AihwkitPcmDrift;
  /** device.driftNu / mu_nu(G_max): scales every cell's nu (1 at the preset). */
  readonly driftScale: number;
  /** ln((t + t0) / t0): r = exp(-nu lnTime). */
  readonly lnTime: number;
  /** sqrt(ln((t + t0 + t_read) / (2 t_read))): the 1/f sigma is Q_s times this. */
  readonly noiseTime: number;
  /** 1 / G_max of the device window (the device's on conductance). */
  readonly invGMax_perS: number;
}

/** clamp(slope ln(g) + intercept, min, max) of relative conductance g (floored at the model's minRelativeG). */
export function logLinear(fit: LogLinearFit, relativeG: number, minRelativeG: number): number {
  const v = fit.slope_perLnG * Math.log(Math.max(relativeG, minRelativeG)) + fit.intercept;
  return v < fit.min ? fit.min : v > fit.max ? fit.max : v;
}

/** Q_s(G/G_max) = min(c / max((G/G_max)^e, floor), max), the power as exp(e ln x) (the kernel's form). */
export function qsOf(model: AihwkitPcmDrift, relativeG: number): number {
  let p = Math.exp(model.qsExponent * Math.log(relativeG));
  if (p < model.qsPowerFloor) p = model.qsPowerFloor;
  const q = model.qsCoefficient_relative / p;
  return q > model.qsMax_relative ? model.qsMax_relative : q;
}

/** The per-cell model of `device` at its drift time on `cell`'s window; null for a 'uniform' device. */
export function cellDriftOf(device: Pick<DeviceConfig, 'kind' | 'driftNu' | 'driftTime_s'>,
  cell: Pick<CellLevels, 'deviceOn_S'>): CellDrift | null {
  const model = DEVICE_PRESETS[device.kind].cellDrift;
  if (model.kind === 'uniform') return null;
  const t = device.driftTime_s;
  return {
    model,
    driftScale: device.driftNu / logLinear(model.nuMean, 1, model.minRelativeG),
    lnTime: Math.log((t + DRIFT_T0_S) / DRIFT_T0_S),
    noiseTime: Math.sqrt(Math.log((t + DRIFT_T0_S + model.tRead_s) / (2 * model.tRead_s))),
    invGMax_perS: 1 / cell.deviceOn_S,
  };
}

/** s mu_nu and s sigma_nu of a cell programmed to target device conductance gTarget_S. */
export function nuStats(cd: CellDrift, gTarget_S: number): { mean: number; sigma: number } {
  const rel = gTarget_S * cd.invGMax_perS;
  const { model } = cd;
  return {
    mean: cd.driftScale * logLinear(model.nuMean, rel, model.minRelativeG),
    sigma: cd.driftScale * logLinear(model.nuSigma, rel, model.minRelativeG),
  };
}

/**
 * The device conductance at inference time of a cell programmed to gProg_S whose target's nu statistics are
 * (nuMean, nuSigma), with its two draws (nNu, nNoise): the kernel's arithmetic, in its order.
 */
export function driftedConductance(cd: CellDrift, nuMean: number, nuSigma: number, gProg_S: number, nNu: number,
  nNoise: number): number {
  const nu = Math.abs(nuMean + nuSigma * nNu);
  const g = gProg_S * Math.exp(-nu * cd.lnTime);
  const out = g + g * qsOf(cd.model, gProg_S * cd.invGMax_perS) * cd.noiseTime * nNoise;
  return out > 0 ? out : 0;
}
