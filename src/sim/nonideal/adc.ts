/**
 * Functional model of the column converter: the analog column value (level units, G_off pedestal removed) becomes a
 * digital partial sum. Sources: circuits.md §2.1 (LSB = one cell level, lossless bits), §2.4 (quantisation + clipping;
 * sense amplifier thresholding at I_ref); preamble (senseamp = 1 bit per column whatever adc.bits says).
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
import type { AdcConfig } from '../../hardware/config.js';
import { ConfigError } from '../../core/errors.js';

/** How one crossbar's columns are digitised. digitizeColumn(v) = the partial sum the digital side receives. */
export interface ColumnConverter {
  /**
   * 'quantizer': round(v / lsb) clipped to [0, maxCode] (unipolar) or to [-maxCode, maxCode] (bipolar), times lsb.
   * 'senseamp': unipolar v >= threshold ? 2 threshold : 0; bipolar v > threshold ? lsb : 0.
   */
  readonly kind: 'quantizer' | 'senseamp';
  /** True when the converter sees a signed current difference (reference-column or differential-pair mapping). */
  readonly bipolar: boolean;
  /** Value of one code step (quantizer) or of a '1' (sense amplifier), in level units. */
  readonly lsb: number;
  /** Largest code magnitude. */
  readonly maxCode: number;
  /** Bipolar 1-bit quantizer: the sign comparator alone, ±1 LSB. */
  readonly signOnly: boolean;
  /** Sense-amplifier reference in level units (unipolar default: half the 1-bit range; bipolar default: 0). */
  readonly threshold: number;
}

export interface ConverterOptions {
  /** Signed input (bipolar converter). Default false. */
  readonly bipolar?: boolean;
  /** Sense-amplifier reference (level units). */
  readonly threshold?: number;
  /** Bipolar sense amplifier only: digital value of a '1' in level units (default 1). */
  readonly senseValue?: number;
}

/**
 * The converter of a crossbar with `rows` mapped rows of `bitsPerCell`-bit cells.
 * - 'clip': 1 LSB = one cell level; unipolar codes 0 .. 2^bits-1, bipolar codes ±(2^(bits-1) - 1); larger sums clip.
 * - 'full': the range spans the largest possible |sum| rows*(2^d-1); LSB = max(1, range/maxCode), so a converter
 *   with at least the lossless bits is exact.
 * - senseamp, unipolar: a 1-bit converter; its reference sits at half that 1-bit range (0.5 level in 'clip' mode, half
 *   the largest sum in 'full' mode) unless `threshold` is given, and a 1 reads back as 2 * threshold (mid-range).
 * - senseamp, bipolar: the sign detector of the signed partial sum: bit = (v > threshold), threshold default 0; a 1
 *   reads back as `senseValue` level units (default 1), a 0 as 0 (the {0, 1} outputs of the ADC-less model,
 *   src/snn/adcless.ts).
 */
export function columnConverter(adc: AdcConfig, rows: number, bitsPerCell: number, options: ConverterOptions | number = {}): ColumnConverter {
  const opts: ConverterOptions = typeof options === 'number' ? { threshold: options } : options;
  const bipolar = opts.bipolar === true;
  const range = rows * (2 ** bitsPerCell - 1);
  if (adc.kind === 'senseamp') {
    if (bipolar) {
      const t = opts.threshold ?? 0;
      const value = opts.senseValue ?? 1;
      if (!Number.isFinite(t)) throw new ConfigError(`sense threshold: got ${t}, expected a finite number of cell levels`);
      if (!(value > 0) || !Number.isFinite(value)) throw new ConfigError(`sense value: got ${value}, expected a positive number of cell levels`);
      return { kind: 'senseamp', bipolar, lsb: value, maxCode: 1, signOnly: false, threshold: t };
    }
    const t = opts.threshold ?? (adc.rangeMode === 'full' ? range / 2 : 0.5);
    if (!(t > 0) || !Number.isFinite(t)) throw new ConfigError(`sense threshold: got ${t}, expected a positive number of cell levels`);
    return { kind: 'senseamp', bipolar, lsb: 2 * t, maxCode: 1, signOnly: false, threshold: t };
  }
  if (!Number.isInteger(adc.bits) || adc.bits < 1) throw new ConfigError(`adc.bits: got ${adc.bits}, expected an integer >= 1`);
  // A 1-bit bipolar converter is the sign comparator alone: it reads ±1 LSB (0 only for an exactly zero input).
  const maxCode = bipolar ? Math.max(1, 2 ** (adc.bits - 1) - 1) : 2 ** adc.bits - 1;
  const lsb = adc.rangeMode === 'full' ? Math.max(1, range / maxCode) : 1;
  return { kind: 'quantizer', bipolar, lsb, maxCode, signOnly: bipolar && adc.bits === 1, threshold: lsb / 2 };
}

/** The digital partial sum for an analog column value v (level units). */
export function digitizeColumn(conv: ColumnConverter, v: number): number {
  if (conv.kind === 'senseamp') {
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
