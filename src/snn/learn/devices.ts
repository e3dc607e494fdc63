/**
 * Device presets for on-chip learning (docs/sources.md#online-learning-devices): what a weight update does to a
 * cell. NeuroSim's nonlinear pulse response (MLP_NeuroSim V3.0; DNN+NeuroSim V2.1 training):
 *   G(p) = B (1 - e^(-p / A)) + G_min,  B = (G_max - G_min) / (1 - e^(-P_max / A)),  A = a(NL) * P_max,
 * separately for potentiation (LTP) and depression (LTD), where a(NL) is NeuroSim's normalised A for the device's
 * nonlinearity label (getParamA). States = P_max + 1 (NeuroSim's maxNumLevel, the pulses over the range, is the
 * table's state count itself: P_max one larger than here, docs/training.md). Cycle-to-cycle variation: sigma_c2c of
 * the conductance range times sqrt(n) per write of n pulses (NeuroSim); device-to-device: a per-cell scale of the pulse
 * step (AIHWKit's dw_min_dtod; NeuroSim's own d2d spreads the nonlinearity label instead, 0 in its table).
 * The first seven rows are NeuroSim V3.0's device table (manual Table II); the AIHWKit presets (pulsed-update fits)
 * are linear here (their soft-bounds response is not the exponential form), with their step and variations.
 */
import { ConfigError, didYouMean } from '../../core/index.js';

export interface LearningDevice {
  readonly name: string;
  /** Conductance states along one update direction (P_max + 1). */
  readonly states: number;
  /** NeuroSim nonlinearity labels (0 = linear) for LTP and LTD; a negative LTD label is a convex depression curve. */
  readonly nonlinearityLtp: number;
  readonly nonlinearityLtd: number;
  /** Normalised A (A / P_max) for each direction: NeuroSim getParamA(NL); Infinity when linear. */
  readonly normalizedALtp: number;
  readonly normalizedALtd: number;
  /** Cycle-to-cycle write noise: standard deviation as a fraction of the conductance range per pulse (sqrt(n) per write of n). */
  readonly c2cSigma: number;
  /** Device-to-device spread of each cell's pulse step (relative standard deviation). */
  readonly d2dSigma: number;
  /** Read noise in the forward reads, standard deviation as a fraction of the conductance range. */
  readonly readNoiseSigma: number;
  readonly source: string;
}

const NEUROSIM = 'docs/sources.md#online-learning-devices (MLP_NeuroSim V3.0 manual Table II; getParamA)';
const AIHWKIT = 'docs/sources.md#aihwkit-presets (IBM/aihwkit presets/devices.py)';

function neurosim(name: string, states: number, nl: [number, number], a: [number, number], c2c: number): LearningDevice {
  // NeuroSim's d2d default is 0 in this table (the manual varies it separately); read noise is not part of its table.
  return { name, states, nonlinearityLtp: nl[0], nonlinearityLtd: nl[1], normalizedALtp: a[0], normalizedALtd: a[1], c2cSigma: c2c,
    d2dSigma: 0, readNoiseSigma: 0, source: NEUROSIM };
}

/**
 * a(NL) values read from NeuroSim's getParamA table at the labels used below: index (int)(|NL| * 100) - 1, truncated
 * (GST's 0.105 reads the 0.10 entry, 12.625807); a negative label gives -a (a convex curve).
 */
export const LEARNING_DEVICES: readonly LearningDevice[] = [
  { name: 'ideal', states: 1 << 20, nonlinearityLtp: 0, nonlinearityLtd: 0, normalizedALtp: Infinity, normalizedALtd: Infinity, c2cSigma: 0,
    d2dSigma: 0, readNoiseSigma: 0, source: 'float weights through the same update path' },
  neurosim('ag-a-si', 97, [2.4, -4.88], [0.499181, 0.200303], 0.035),
  neurosim('taox-hfox', 128, [0.04, -0.63], [31.566827, 1.997332], 0.037),
  neurosim('pcmo', 50, [3.68, -6.76], [0.300644, 0.100251], 0.01),
  neurosim('alox-hfo2', 40, [1.94, -0.61], [0.629249, 2.063266], 0.05),
  neurosim('gst-pcm', 100, [0.105, 2.4], [12.625807, 0.499181], 0.015),
  neurosim('epiram', 64, [0.5, -0.5], [2.519877, 2.519877], 0.02),
  neurosim('hzo-fefet', 32, [1.75, 1.46], [0.702081, 0.848677], 0.005),
  // AIHWKit: dw_min 0.002 over a range of 2 (w in [-0.75, 1.25]) -> 1000 steps; c2c dw_min_std 3.75 steps is per
  // pulse: over one update of n pulses that is 3.75 * dw_min * sqrt(n) (taken at n = 1 here).
  { name: 'reram-sb', states: 1001, nonlinearityLtp: 0, nonlinearityLtd: 0, normalizedALtp: Infinity, normalizedALtd: Infinity,
    c2cSigma: (3.75 * 0.002) / 2, d2dSigma: 0.3, readNoiseSigma: 0, source: AIHWKIT },
  // GokmenVlasovPresetDevice (RPU spec): dw_min 0.0016 "to keep 1200 states", c2c 0.3 dw_min, dtod 0.3.
  { name: 'gokmen-vlasov', states: 1201, nonlinearityLtp: 0, nonlinearityLtd: 0, normalizedALtp: Infinity, normalizedALtd: Infinity,
    c2cSigma: (0.3 * 0.0016) / 2, d2dSigma: 0.3, readNoiseSigma: 0, source: AIHWKIT },
];

export function learningDevice(name: string): LearningDevice {
  const found = LEARNING_DEVICES.find((d) => d.name === name);
  if (!found) {
    const names = LEARNING_DEVICES.map((d) => d.name);
    throw new ConfigError(`device: got "${name}"${didYouMean(name, names)}, expected one of ${names.join(', ')}`);
  }
  return found;
}

/** Normalised conductance after x in [0, 1] of the pulses along a curve with normalised A (linear when A is infinite). */
export function pulseCurve(x: number, a: number): number {
  if (!Number.isFinite(a)) return x;
  return (1 - Math.exp(-x / a)) / (1 - Math.exp(-1 / a));
}

/** Inverse of pulseCurve: the pulse position x in [0, 1] of normalised conductance g. */
export function pulsePosition(g: number, a: number): number {
  if (!Number.isFinite(a)) return g;
  return -a * Math.log(1 - g * (1 - Math.exp(-1 / a)));
}
