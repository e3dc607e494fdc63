/**
 * The functional column converter of a layer's crossbars: the configured ADC kind's transfer (quantizer or
 * threshold), whose pure math lives with the kind in src/hardware/components/adc/ (both engines use that module).
 */
import { adcKind, digitizeColumn, type ColumnConverter, type ConverterOptions } from '../../hardware/components/adc/index.js';
import type { AdcConfig } from '../../hardware/config.js';

export { digitizeColumn, type ColumnConverter, type ConverterOptions };

/** The converter of a crossbar with `rows` mapped rows of `bitsPerCell`-bit cells (a number = the threshold option). */
export function columnConverter(adc: AdcConfig, rows: number, bitsPerCell: number, options: ConverterOptions | number = {}): ColumnConverter {
  const opts: ConverterOptions = typeof options === 'number' ? { threshold: options } : options;
  return adcKind(adc.kind).functional(adc, rows, bitsPerCell, opts);
}
