/**
 * The two functional transfers a column converter can have: a uniform quantizer (SAR, flash, ramp) and a 1-bit
 * threshold (sense amplifier). Pure math, shared by both engines' users: the analog column value (level units,
 * G_off pedestal removed) becomes a digital partial sum. Sources: docs/sources.md#circuits-2-1 (LSB = one cell level, lossless
 * bits), §2.4 (quantisation + clipping; sense amplifier thresholding at I_ref).
 *
 * Two polarities:
 * - unipolar ('offset-diff' mapping): the column current itself is converted, codes 0 .. 2^bits - 1.
 * - bipolar ('reference-column' / 'differential-pair' mappings): the converter sees the signed difference of two
 *   column currents (I_col - I_ref, or I+ - I-). It is a sign-magnitude converter [inference]: a comparator first
 *   decides the sign of the difference (the first step of a differential SAR, and the whole of a 1-bit sense
 *   amplifier), then bits - 1 bits resolve the magnitude, codes -(2^(bits-1) - 1) .. 2^(bits-1) - 1 (symmetric; the
 *   two zeros are one value). Rounding is half away from zero, so ideal integer sums are exact. With bits = 1 only
 *   the sign comparator is left: it reads ±1 LSB.
 */
import { ConfigError } from '../../../core/errors.js';

export const ADC_RANGE_MODES = ['clip', 'full'] as const;
export type AdcRangeMode = (typeof ADC_RANGE_MODES)[number];

/** The converter settings a transfer reads (AdcConfig's fields; here so that this package needs no config import). */
export interface ConverterSettings {
  readonly bits: number;
  readonly rangeMode: AdcRangeMode;
}

/** How one crossbar's columns are digitised. digitizeColumn(v) = the partial sum the digital side receives. */
export interface ColumnConverter {
  /**
   * 'quantizer': round(v / lsb) clipped to [0, maxCode] (unipolar) or to [-maxCode, maxCode] (bipolar), times lsb.
   * 'threshold': unipolar v >= threshold ? 2 threshold : 0; bipolar v > threshold ? lsb : 0.
   */
  readonly transfer: 'quantizer' | 'threshold';
  /** True when the converter sees a signed current difference (reference-column or differential-pair mapping). */
  readonly bipolar: boolean;
  /** Value of one code step (quantizer) or of a '1' (threshold), in level units. */
  readonly lsb: number;
  /** Largest code magnitude. */
  readonly maxCode: number;
  /** Bipolar 1-bit quantizer: the sign comparator alone, ±1 LSB. */
  readonly signOnly: boolean;
  /** Threshold reference in level units (unipolar default: half the 1-bit range; bipolar default: 0). */
  readonly threshold: number;
}

export interface ConverterOptions {
  /** Signed input (bipolar converter). Default false. */
  readonly bipolar?: boolean;
  /** Threshold converters: the reference (level units). */
  readonly threshold?: number;
  /** Bipolar threshold converters only: digital value of a '1' in level units (default 1). */
  readonly senseValue?: number;
}

/** Per-output references of a threshold converter (one value per output, applied to all of its slice columns). */
export interface PerOutputReference {
  readonly threshold: Float32Array | null;
  readonly value: Float32Array | null;
}

/**
 * A uniform quantizer of `adc.bits` bits.
 * - 'clip': 1 LSB = one cell level; unipolar codes 0 .. 2^bits-1, bipolar codes ±(2^(bits-1) - 1); larger sums clip.
 * - 'full': the range spans the largest possible |sum| rows*(2^d-1); LSB = max(1, range/maxCode), so a converter
 *   with at least the lossless bits is exact.
 */
export function quantizer(adc: ConverterSettings, rows: number, bitsPerCell: number, options: ConverterOptions): ColumnConverter {
  if (!Number.isInteger(adc.bits) || adc.bits < 1) throw new ConfigError(`adc.bits: got ${adc.bits}, expected an integer >= 1`);
  const bipolar = options.bipolar === true;
  const range = rows * (2 ** bitsPerCell - 1);
  // A 1-bit bipolar converter is the sign comparator alone: it reads ±1 LSB (0 only for an exactly zero input).
  const maxCode = bipolar ? Math.max(1, 2 ** (adc.bits - 1) - 1) : 2 ** adc.bits - 1;
  const lsb = adc.rangeMode === 'full' ? Math.max(1, range / maxCode) : 1;
  return { transfer: 'quantizer', bipolar, lsb, maxCode, signOnly: bipolar && adc.bits === 1, threshold: lsb / 2 };
}

/**
 * A 1-bit threshold converter (sense amplifier), whatever adc.bits says.
 * - unipolar: its reference sits at half the 1-bit range (0.5 level in 'clip' mode, half the largest sum in 'full'
 *   mode) unless `threshold` is given, and a 1 reads back as 2 * threshold (mid-range).
 * - bipolar: the sign detector of the signed partial sum: bit = (v > threshold), threshold default 0; a 1 reads back
 *   as `senseValue` level units (default 1), a 0 as 0 (the {0, 1} outputs of the ADC-less model, src/snn/adcless.ts).
 */
export function threshold(adc: ConverterSettings, rows: number, bitsPerCell: number, options: ConverterOptions): ColumnConverter {
  const bipolar = options.bipolar === true;
  if (bipolar) {
    const t = options.threshold ?? 0;
    const value = options.senseValue ?? 1;
    if (!Number.isFinite(t)) throw new ConfigError(`sense threshold: got ${t}, expected a finite number of cell levels`);
    if (!(value > 0) || !Number.isFinite(value)) throw new ConfigError(`sense value: got ${value}, expected a positive number of cell levels`);
    return { transfer: 'threshold', bipolar, lsb: value, maxCode: 1, signOnly: false, threshold: t };
  }
  const range = rows * (2 ** bitsPerCell - 1);
  const t = options.threshold ?? (adc.rangeMode === 'full' ? range / 2 : 0.5);
  if (!(t > 0) || !Number.isFinite(t)) throw new ConfigError(`sense threshold: got ${t}, expected a positive number of cell levels`);
  return { transfer: 'threshold', bipolar, lsb: 2 * t, maxCode: 1, signOnly: false, threshold: t };
}

/** The digital partial sum for an analog column value v (level units). */
export function digitizeColumn(conv: ColumnConverter, v: number): number {
  if (conv.transfer === 'threshold') {
    if (conv.bipolar) return v > conv.threshold ? conv.lsb : 0;
    return v >= conv.threshold ? conv.lsb : 0;
  }
  if (conv.bipolar) {
    const m = conv.signOnly ? (v === 0 ? 0 : 1) : Math.floor(Math.abs(v) / conv.lsb + 0.5);
    const code = m > conv.maxCode ? conv.maxCode : m;
    return v < 0 && code > 0 ? -code * conv.lsb : code * conv.lsb;
  }
  const code = Math.round(v / conv.lsb);
  return (code < 0 ? 0 : code > conv.maxCode ? conv.maxCode : code) * conv.lsb;
}

/**
 * Digitise `cols` weight columns at once into `out` (the hot loop of the functional engine; allocation-free).
 * Column c belongs to output floor(c / slices); `perOutput` replaces a threshold converter's reference / value per
 * output (ignored by quantizers).
 */
export function digitizeColumns(
  conv: ColumnConverter, values: Float64Array, cols: number, slices: number, perOutput: PerOutputReference | null, out: Float64Array,
): void {
  if (conv.transfer === 'threshold') {
    const thresholds = perOutput ? perOutput.threshold : null;
    if (conv.bipolar) {
      const ones = perOutput ? perOutput.value : null;
      for (let c = 0; c < cols; c++) {
        const o = Math.floor(c / slices);
        const t = thresholds ? thresholds[o] : conv.threshold;
        out[c] = values[c] > t ? (ones ? ones[o] : conv.lsb) : 0;
      }
    } else {
      for (let c = 0; c < cols; c++) {
        const t = thresholds ? thresholds[Math.floor(c / slices)] : conv.threshold;
        out[c] = values[c] >= t ? 2 * t : 0;
      }
    }
    return;
  }
  const { lsb, maxCode } = conv;
  const invLsb = 1 / lsb;
  if (conv.bipolar) {
    for (let c = 0; c < cols; c++) {
      const v = values[c] * invLsb;
      // sign-magnitude: magnitude rounded half up, clipped to maxCode
      const m = conv.signOnly ? (v === 0 ? 0 : 1) : Math.floor((v < 0 ? -v : v) + 0.5);
      const code = m > maxCode ? maxCode : m;
      out[c] = v < 0 && code > 0 ? -code * lsb : code * lsb;
    }
  } else {
    const top = maxCode - 0.5;
    for (let c = 0; c < cols; c++) {
      const v = values[c] * invLsb;
      // round half up, clipped to [0, maxCode]
      out[c] = (v < 0.5 ? 0 : v >= top ? maxCode : Math.floor(v + 0.5)) * lsb;
    }
  }
}
