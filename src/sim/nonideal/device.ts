/**
 * Device model of a 1T-1R cell: conductance levels, weight quantisation and bit slicing, drift, stuck-at faults.
 * Equations and sources: docs/nonidealities.md and docs/sources.md#circuits-2-1, docs/sources.md#circuits-2-4.
 */
import type { DeviceConfig } from '../../hardware/config.js';
import { ConfigError } from '../../core/errors.js';
import { ACCESS_RESISTANCE_FRACTION, conductanceLevels } from '../../hardware/components/crossbar.js';
import { DEVICE_PRESETS, programmingSpread_S } from '../../hardware/devices.js';
import { directInputCode } from '../../snn/coding.js';

export { ACCESS_RESISTANCE_FRACTION };

/**
 * Drift reference time t0: G(t) = G(t0) ((t + t0) / t0)^-nu, t = time since programming. Source: AIHWKit noise/pcm.py
 * (t0 = 20 s, t_inference counted from programming), docs/sources.md#aihwkit-pcm.
 */
export const DRIFT_T0_S = 20;
/** Share of stuck cells stuck at G_off (the rest at G_on). Source: MNSIM-2.0 SimConfig.ini (9% HRS : 1% LRS; docs/sources.md#circuits-2-4). */
export const STUCK_AT_OFF_SHARE = 0.9;

/**
 * Read conductances of one cell technology. Levels are read conductances of the whole 1T-1R stack (device in series
 * with the access transistor): program-and-verify targets the read current, which flows through the transistor, so
 * the levels stay evenly spaced [inference]. The stack's extremes are the device's R_on / R_off plus R_access.
 */
export interface CellLevels {
  /** Levels per cell: 2^bitsPerCell. */
  readonly levels: number;
  /** Device (memristor alone) on and off conductances: 1/R_on and 1/(R_on * onOffRatio). */
  readonly deviceOn_S: number;
  readonly deviceOff_S: number;
  /** Access-transistor on-resistance, 0.25 R_on (NeuroSim V1.4). */
  readonly rAccess_ohm: number;
  /** Stack read conductances at the top and bottom level. */
  readonly stackOn_S: number;
  readonly stackOff_S: number;
  /** Stack conductance step between levels: G_k = stackOff_S + k * deltaG_S, k = 0 .. levels-1. */
  readonly deltaG_S: number;
}

export function cellLevels(device: Pick<DeviceConfig, 'bitsPerCell' | 'rOn_ohm' | 'onOffRatio'>): CellLevels {
  const { bitsPerCell, rOn_ohm, onOffRatio } = device;
  if (!Number.isInteger(bitsPerCell) || bitsPerCell < 1 || bitsPerCell > 8) {
    throw new ConfigError(`device.bitsPerCell: got ${bitsPerCell}, expected an integer in [1, 8]`);
  }
  if (!(rOn_ohm > 0)) throw new ConfigError(`device.rOn_ohm: got ${rOn_ohm}, expected a positive resistance (ohm)`);
  if (!(onOffRatio > 1)) throw new ConfigError(`device.onOffRatio: got ${onOffRatio}, expected a ratio above 1`);
  // The same stack levels the ELA prices (hardware/components/crossbar.ts), so both engines see one cell.
  const stack = conductanceLevels(rOn_ohm, onOffRatio, bitsPerCell);
  return {
    levels: 2 ** bitsPerCell,
    deviceOn_S: 1 / rOn_ohm,
    deviceOff_S: 1 / (rOn_ohm * onOffRatio),
    rAccess_ohm: stack.rAccess_ohm,
    stackOn_S: stack.gOn_S,
    stackOff_S: stack.gOff_S,
    deltaG_S: stack.deltaG_S,
  };
}

/** Read conductance of a device in series with the access transistor. */
export function stackConductance(device_S: number, rAccess_ohm: number): number {
  return device_S / (1 + device_S * rAccess_ohm);
}

/** Device conductance that gives a stack read conductance (inverse of stackConductance). */
export function deviceConductance(stack_S: number, rAccess_ohm: number): number {
  return stack_S / (1 - stack_S * rAccess_ohm);
}

/**
 * The conductance spread after program-and-verify of `device` on the window of `cell`: sigma_G (siemens) as a function
 * of the target device conductance, the kind's measured fit times device.programmingSpread (devices.ts); null when
 * off. It depends on G in siemens only, not on the number of levels.
 */
export function spreadOf(
  device: Pick<DeviceConfig, 'kind' | 'programmingSpread'>, cell: Pick<CellLevels, 'deviceOn_S' | 'deviceOff_S'>,
): ((gDevice_S: number) => number) | null {
  const fit = DEVICE_PRESETS[device.kind].programmingSpread;
  const scale = device.programmingSpread;
  if (!(scale > 0) || fit.kind === 'none') return null;
  const window = { gMax_S: cell.deviceOn_S, gMin_S: cell.deviceOff_S };
  return (g) => scale * programmingSpread_S(fit, g, window);
}

/**
 * Drift factor G(t)/G(t0) = ((t + t0) / t0)^-nu of a 'uniform' device, t = time since programming (1 at t = 0;
 * review Sec. IV C 3; AIHWKit noise/pcm.py, docs/sources.md#aihwkit-pcm): continuous from t = 0, unlike (t / t0)^-nu
 * held at 1 before t0 (0.9227 instead of 0.9143 at t = 100 s, nu = 0.05).
 */
export function driftFactor(nu: number, time_s: number): number {
  return time_s > 0 && nu > 0 ? ((time_s + DRIFT_T0_S) / DRIFT_T0_S) ** -nu : 1;
}

/** Bit slices (columns) per weight: ceil(weightBits / bitsPerCell) (docs/sources.md#domain-2). */
export function sliceCount(weightBits: number, bitsPerCell: number): number {
  return Math.ceil(weightBits / bitsPerCell);
}

/** Offset added to signed integer weights so they are stored unsigned: 2^(weightBits-1) (preamble, SpikeSim DIFF). */
export function weightOffset(weightBits: number): number {
  return 2 ** (weightBits - 1);
}

/** Smallest ADC resolution that represents every column sum of `rows` cells of `bitsPerCell` bits (docs/sources.md#circuits-2-1). */
export function losslessAdcBits(rows: number, bitsPerCell: number): number {
  return Math.ceil(Math.log2(rows * (2 ** bitsPerCell - 1) + 1));
}

export interface QuantizedWeights {
  /** Integers in [-(2^(b-1)), 2^(b-1) - 1], same layout as the input. */
  readonly q: Int32Array;
  /** Real weight of one integer step: w ≈ q * scale. */
  readonly scale: number;
}

/**
 * Symmetric per-tensor quantisation: scale = max|w| / (2^(b-1) - 1), q = clamp(round(w / scale)).
 * For b = 1 the only levels are {-1, 0} (offset-binary with offset 1): scale = max|w|, q = -1 for w < -scale/2.
 * An all-zero tensor gets scale 1. `tensorMaxAbs`: the weights are a block of a tensor with that max|w| (values beyond
 * it clamp).
 */
export function quantizeWeights(weights: Float32Array, bits: number, tensorMaxAbs?: number): QuantizedWeights {
  if (!Number.isInteger(bits) || bits < 1 || bits > 16) {
    throw new ConfigError(`snn.weightBits: got ${bits}, expected an integer in [1, 16]`);
  }
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) {
    const a = Math.abs(weights[i]);
    if (!Number.isFinite(a)) throw new ConfigError(`weights[${i}]: got ${weights[i]}, expected a finite number`);
    if (a > maxAbs) maxAbs = a;
  }
  // A block of a larger tensor (the MAC-error proxy's crossbars) quantises with the whole tensor's max|w|.
  if (tensorMaxAbs !== undefined && tensorMaxAbs > 0) maxAbs = tensorMaxAbs;
  const qMax = 2 ** (bits - 1) - 1;
  const qMin = -(2 ** (bits - 1));
  const scale = maxAbs === 0 ? 1 : maxAbs / Math.max(qMax, 1);
  const q = new Int32Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const r = Math.round(weights[i] / scale);
    q[i] = r < qMin ? qMin : r > qMax ? qMax : r;
  }
  return { q, scale };
}

/** Quantise direct inputs in [0, 1] (clipped) to their codes 0..DIRECT_INPUT_CODES (src/snn/coding.ts). */
export function quantizeDirectInput(x: Float32Array, out: Int32Array): void {
  for (let i = 0; i < x.length; i++) out[i] = directInputCode(x[i]);
}
