/**
 * Configuration checks of the column converter against its column (called by checkConfig's consistency checks,
 * src/hardware/config.ts): a 1-bit converter's full range, a sense amplifier on an unsigned column.
 */
import { ConfigError } from '../core/errors.js';
import { adcKind } from './components/adc/index.js';
import type { HardwareConfig } from './configTypes.js';
import { checkViews, viewHeld, viewValue, type CheckView } from './layerView.js';
import { SIGNED_MAPPINGS, signedMapping } from './signedMappings.js';

/**
 * A 1-bit converter on a signed column (a bipolar mapping: every one but offset-diff) is a sign comparator: its one code is the
 * column's sign, and 'full' mode sets that code's value to the largest column sum, rows x (2^d - 1) levels, so every
 * nonzero column reads as plus or minus the full range (mlp-mnist: accuracy 0.33, macError_rms 115). No convention
 * for a 1-bit full-range reconstruction is cited, so the design is refused on every view that reads it (checkViews:
 * without `layers`, the configuration's own; with a network's weight layers, each layer's).
 */
export function checkOneBitFullRange(config: HardwareConfig, layers?: readonly CheckView[]): void {
  for (const view of checkViews(config, ONE_BIT_PATHS, layers)) {
    const bits = viewValue(config, view, 'adc.bits');
    if (bits !== 1 || !signedMapping(String(viewValue(config, view, 'crossbar.signedMapping'))).bipolar) continue;
    if (adcKind(String(viewValue(config, view, 'adc.kind'))).oneBitPerColumn) continue;
    throw new ConfigError(`${viewHeld(config, view, 'adc.bits').path}: got 1 with adc.rangeMode=full, expected 2 bits or more (a 1-bit converter on a signed column is a sign comparator; ` +
      "'full' would read every nonzero column as the whole range): use adc.rangeMode=clip, or adc.kind=senseamp for a 1-bit design");
  }
}

/** The paths that decide checkOneBitFullRange's refusal. */
const ONE_BIT_PATHS = ['adc.bits', 'adc.kind', 'crossbar.signedMapping'] as const;

/**
 * The one rule for a sense amplifier (a kind with `oneBitPerColumn`) on a mapping whose column is not signed
 * (offset-diff: every cell holds q + 2^(b-1), so the column current is never negative): why it cannot compute the
 * layer, or undefined when it can. Its one decision compares the column with a reference, and the offset of every
 * active row dominates that current, so the bit mostly counts the active rows, not the dot product; the digital DIFF
 * that removes the offset comes after the bit, too late (docs/model-card.md, The ADC-less design; mlp-mnist 9-11%,
 * chance). Refused, globally or on any layer key: an energy and area for a chip that does not compute its network
 * would be a confident wrong answer.
 */
export function unsignedSenseColumn(kind: string, mapping: string): string | undefined {
  if (!adcKind(kind).oneBitPerColumn || signedMapping(mapping).bipolar) return undefined;
  return `a sense amplifier compares one column with a reference, and on crossbar.signedMapping=${mapping} the offset of every active row ` +
    'dominates the column current, so its bit counts active rows, not the dot product (the digital DIFF comes after the bit)';
}

/** The signed mappings, for the refusal's expectation. */
const SIGNED = SIGNED_MAPPINGS.filter((m) => signedMapping(m).bipolar).join(' or ');

/** The paths that decide unsignedSenseColumn's refusal. */
const SENSE_PATHS = ['adc.kind', 'crossbar.signedMapping'] as const;

/**
 * Refuses unsignedSenseColumn's combination on every view that reads it (checkViews: without `layers`, the
 * configuration's own; with a network's weight layers, each layer's, so a global pair a layer with no key of its own
 * still reads is refused: QA maint2 defect 1), each value named by the path that holds it.
 */
export function checkSenseColumns(config: HardwareConfig, layers?: readonly CheckView[]): void {
  for (const view of checkViews(config, SENSE_PATHS, layers)) {
    const why = unsignedSenseColumn(String(viewValue(config, view, 'adc.kind')), String(viewValue(config, view, 'crossbar.signedMapping')));
    if (why === undefined) continue;
    const kind = viewHeld(config, view, 'adc.kind');
    const mapping = viewHeld(config, view, 'crossbar.signedMapping');
    throw new ConfigError(`${mapping.path}: got ${String(mapping.value)} with ${kind.path}=${String(kind.value)}, expected a signed mapping (${SIGNED}): ${why} (docs/model-card.md, The ADC-less design)`);
  }
}
