/**
 * Configuration checks of the column converter against its column (called by checkConfig's consistency checks,
 * src/hardware/config.ts): a 1-bit converter's full range, a sense amplifier on an unsigned column.
 */
import { ConfigError } from '../core/errors.js';
import { adcKind } from './components/adc/index.js';
import type { HardwareConfig, ParamValue } from './configTypes.js';
import { keyValue, layerOverride, layerValuePath } from './layerView.js';
import { SIGNED_MAPPINGS, signedMapping } from './signedMappings.js';

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

/**
 * Refuses unsignedSenseColumn's combination: globally when no layer key sets adc.kind or crossbar.signedMapping, and
 * for each layer key with the values it sees (a global pair every layer overrides is read by none).
 */
export function checkSenseColumns(config: HardwareConfig): void {
  const paths = ['adc.kind', 'crossbar.signedMapping'];
  const layered = Object.values(config.layers).some((own) => paths.some((p) => own[p] !== undefined));
  const views = layered
    ? Object.keys(config.layers).map((layer) => ({ kind: keyValue(config, layer, 'adc.kind', config.adc.kind), mapping: keyValue(config, layer, 'crossbar.signedMapping', config.crossbar.signedMapping) }))
    : [{ kind: { value: config.adc.kind, path: 'adc.kind' }, mapping: { value: config.crossbar.signedMapping, path: 'crossbar.signedMapping' } }];
  for (const { kind, mapping } of views) refuseSenseColumn(kind, mapping);
}

/**
 * checkSenseColumns on each weight layer of a network with the pair it sees (layerOverride, else global), for a
 * configuration whose layer keys set adc.kind or crossbar.signedMapping: checkSenseColumns then compared only each key's
 * own view, and a layer with no key of its own still reads the global pair (QA maint2 defect 1: a global senseamp on
 * offset-diff with layers.fc1.adc.kind=sar ran fc2 at chance). checkConfigLayers calls it, where the network is known.
 */
export function checkNetworkSenseColumns(config: HardwareConfig, layers: readonly { readonly index: number; readonly name: string }[]): void {
  for (const layer of layers) {
    const kind = layerOverride(config, layer, 'adc.kind') ?? config.adc.kind;
    const mapping = layerOverride(config, layer, 'crossbar.signedMapping') ?? config.crossbar.signedMapping;
    refuseSenseColumn({ value: kind, path: layerValuePath(config, layer, 'adc.kind') }, { value: mapping, path: layerValuePath(config, layer, 'crossbar.signedMapping') });
  }
}

/** The refusal of unsignedSenseColumn's combination for one view: each value named by the path that holds it. */
function refuseSenseColumn(kind: { readonly value: ParamValue; readonly path: string }, mapping: { readonly value: ParamValue; readonly path: string }): void {
  const why = unsignedSenseColumn(String(kind.value), String(mapping.value));
  if (why === undefined) return;
  throw new ConfigError(`${mapping.path}: got ${String(mapping.value)} with ${kind.path}=${String(kind.value)}, expected a signed mapping (${SIGNED}): ${why} (docs/model-card.md, The ADC-less design)`);
}
