/**
 * The per-layer sense references of 1-bit-per-column converters (ADC-less designs): options of programLayer, checked
 * once. Only kinds with `oneBitPerColumn` read them.
 */
import type { AdcKindModule, PerOutputReference } from '../../hardware/components/adc/index.js';
import { ConfigError } from '../../core/errors.js';

export interface ProgramOptions {
  /** True for the first weight layer: inputs in [0, 1], quantised to 8 bits and applied bit-serially. */
  readonly directInput: boolean;
  /**
   * Only for 1-bit-per-column converters (adc.kind = 'senseamp'): the reference in cell-level units, one for all
   * columns or one per output (applied to every slice column and crossbar of that output). Default: half the 1-bit
   * range for 'offset-diff', 0 (the sign of the signed partial sum) for 'reference-column' and 'differential-pair'.
   */
  readonly senseThreshold?: number | Float32Array;
  /**
   * Only for 1-bit-per-column converters with a signed mapping: the digital value of a sense amplifier's '1' in
   * level units of its slice (before its 2^shift_s shift-and-add), one for all or one per output. Default 1.
   */
  readonly senseValue?: number | Float32Array;
  /** The weights are one block of a tensor whose max|w| is this (it sets the quantiser scale); default: their own. */
  readonly tensorMaxAbs?: number;
  /** The layer the weights are (refusals name it and the field its own overrides set); default: unnamed, global fields. */
  readonly layer?: { readonly index: number; readonly name: string };
}

/** The per-output references of a layer, or null when its converters take none (or only single values). */
export function perOutputReference(kind: AdcKindModule, options: ProgramOptions, outputs: number, bipolar: boolean): PerOutputReference | null {
  if (!kind.oneBitPerColumn) return null;
  const threshold = perOutput('senseThreshold', options.senseThreshold, outputs, bipolar ? null : 'positive');
  const value = bipolar ? perOutput('senseValue', options.senseValue, outputs, 'positive') : null;
  return threshold || value ? { threshold, value } : null;
}

/** A per-output Float32Array option checked and copied, or null when the option is a single number / absent. */
function perOutput(name: string, value: number | Float32Array | undefined, outputs: number, need: 'positive' | null): Float32Array | null {
  if (!(value instanceof Float32Array)) return null;
  if (value.length !== outputs) throw new ConfigError(`${name}: got ${value.length} values, expected one per output (${outputs})`);
  for (const t of value) {
    if (!Number.isFinite(t) || (need === 'positive' && !(t > 0))) {
      throw new ConfigError(`${name}: got ${t}, expected ${need === 'positive' ? 'positive' : 'finite'} cell-level values`);
    }
  }
  return Float32Array.from(value);
}
