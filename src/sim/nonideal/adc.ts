/**
 * Functional model of the column converter: the analog column value (level units, G_off pedestal removed) becomes a
 * digital partial sum. Sources: circuits.md §2.1 (LSB = one cell level, lossless bits), §2.4 (quantisation + clipping;
 * sense amplifier thresholding at I_ref); preamble (senseamp = 1 bit per column whatever adc.bits says).
 */
import type { AdcConfig } from '../../hardware/config.js';
import { ConfigError } from '../../hardware/errors.js';

/** How one crossbar's columns are digitised. digitizeColumn(v) = the partial sum the digital side receives. */
export interface ColumnConverter {
  /** 'quantizer': round(v / lsb) clipped to [0, maxCode], times lsb. 'senseamp': v >= threshold ? 2 threshold : 0. */
  readonly kind: 'quantizer' | 'senseamp';
  readonly lsb: number;
  readonly maxCode: number;
  /** Sense-amplifier reference in level units (default: half the 1-bit range). */
  readonly threshold: number;
}

/**
 * The converter of a crossbar with `rows` mapped rows of `bitsPerCell`-bit cells.
 * - 'clip': 1 LSB = one cell level, codes 0 .. 2^bits-1; larger sums clip.
 * - 'full': the range spans the largest possible sum rows*(2^d-1); LSB = max(1, range/(2^bits-1)), so a converter
 *   with at least the lossless bits is exact.
 * - senseamp: a 1-bit converter; its reference sits at half that 1-bit range (0.5 level in 'clip' mode, half the
 *   largest sum in 'full' mode) unless `threshold` is given, and a 1 reads back as 2 * threshold (mid-range).
 */
export function columnConverter(adc: AdcConfig, rows: number, bitsPerCell: number, threshold?: number): ColumnConverter {
  const range = rows * (2 ** bitsPerCell - 1);
  if (adc.kind === 'senseamp') {
    const t = threshold ?? (adc.rangeMode === 'full' ? range / 2 : 0.5);
    if (!(t > 0) || !Number.isFinite(t)) throw new ConfigError(`sense threshold: got ${t}, expected a positive number of cell levels`);
    return { kind: 'senseamp', lsb: 2 * t, maxCode: 1, threshold: t };
  }
  if (!Number.isInteger(adc.bits) || adc.bits < 1) throw new ConfigError(`adc.bits: got ${adc.bits}, expected an integer >= 1`);
  const maxCode = 2 ** adc.bits - 1;
  const lsb = adc.rangeMode === 'full' ? Math.max(1, range / maxCode) : 1;
  return { kind: 'quantizer', lsb, maxCode, threshold: lsb / 2 };
}

/** The digital partial sum for an analog column value v (level units). */
export function digitizeColumn(conv: ColumnConverter, v: number): number {
  if (conv.kind === 'senseamp') return v >= conv.threshold ? conv.lsb : 0;
  const code = Math.round(v / conv.lsb);
  return (code < 0 ? 0 : code > conv.maxCode ? conv.maxCode : code) * conv.lsb;
}
