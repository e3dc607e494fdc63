/** A configuration check of the ADC's range (called by checkConfig's consistency checks, src/hardware/config.ts). */
import { ConfigError } from '../core/errors.js';
import { adcKind } from './components/adc/index.js';
import type { HardwareConfig } from './configTypes.js';
import { keyValue } from './layerView.js';
import { signedMapping } from './signedMappings.js';

/**
 * A 1-bit converter on a signed column (a bipolar mapping: every one but offset-diff) is a sign comparator: its one code is the
 * column's sign, and 'full' mode sets that code's value to the largest column sum, rows x (2^d - 1) levels, so every
 * nonzero column reads as plus or minus the full range (mlp-mnist: accuracy 0.33, macError_rms 115). No convention
 * for a 1-bit full-range reconstruction is cited, so the design is refused, globally or on any layer.
 */
export function checkOneBitFullRange(config: HardwareConfig): void {
  const views = [{ where: 'adc.bits', bits: config.adc.bits, kind: config.adc.kind, mapping: config.crossbar.signedMapping },
    ...Object.keys(config.layers).map((layer) => {
      const bits = keyValue(config, layer, 'adc.bits', config.adc.bits);
      return { where: bits.path, bits: bits.value, kind: keyValue(config, layer, 'adc.kind', config.adc.kind).value,
        mapping: keyValue(config, layer, 'crossbar.signedMapping', config.crossbar.signedMapping).value };
    })];
  for (const { where, bits, kind, mapping } of views) {
    if (bits !== 1 || !signedMapping(String(mapping)).bipolar || adcKind(String(kind)).oneBitPerColumn) continue;
    throw new ConfigError(`${where}: got 1 with adc.rangeMode=full, expected 2 bits or more (a 1-bit converter on a signed column is a sign comparator; ` +
      "'full' would read every nonzero column as the whole range): use adc.rangeMode=clip, or adc.kind=senseamp for a 1-bit design");
  }
}
