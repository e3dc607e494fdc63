/**
 * The effective design of a configuration: the chip its overrides describe once every adc.* setting a layer's converter
 * does not read (its kind's ignoredSettings at its adc.bits: a sense amplifier's adc.bits, adc.columnsPerAdc and
 * adc.offsetSigma_lsb; a multi-bit converter's adc.senseOffsetSigma_uA; a 1-bit one's adc.offsetSigma_lsb) is put back
 * to its one canonical value, the default. Two configurations with the same effective design are one chip: the same
 * numbers from every engine. The one rule a search uses to list such a chip once (src/app/designKey.ts), read from the
 * ADC kind registry as the model notes read it (modelNotes.ts ignoredAdcSettingNote), never a second list.
 */
import { unreadSetting, type SettingReader } from '../hardware/components/adc/index.js';
import { getPath, layerHardware, parameterSpec, type HardwareConfig, type ParamValue } from '../hardware/config.js';
import { layerOverride } from '../hardware/layerView.js';
import { weightLayerKeys } from '../model/layerKeys.js';
import { isWeightLayer } from '../model/resolve.js';
import type { Network, ResolvedLayer } from '../model/types.js';
import { splitLayerPath } from '../util/layerKeys.js';

/**
 * `overrides` (applied in `config`, on `network`) without those whose value no layer reads: a `layers.<key>.<path>`
 * override whose layer's converter ignores `path`, and a global override of a path that a layer's converter ignores
 * and every layer it reaches (those without their own value) ignores: the ADC registry's one rule, unreadSetting. Per
 * layer: in a layer-wise design a global value goes only when no layer it reaches reads it. An override left out takes the default, the canonical value, so equal results give equal effective designs.
 */
export function effectiveOverrides(network: Network, config: HardwareConfig, overrides: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  const layers = layerConverters(network, config);
  const keys = weightLayerKeys(network);
  const out: Record<string, ParamValue> = {};
  for (const [path, value] of Object.entries(overrides)) {
    const split = splitLayerPath(path);
    const name = split && keys.get(split.layer);
    const readers = split && name !== undefined ? ownValueReaders(config, layers, name, split.path) : split ? [] : globalValueReaders(config, layers, path);
    if (unreadSetting(split ? split.path : path, readers) === undefined) out[path] = value;
  }
  return out;
}

/**
 * `value` of an adc.* `path` as a cache key holds it (src/sim/accuracy.ts accuracyCacheKey, macErrorCacheKey): its
 * default where no layer it reaches reads it (the one rule, unreadSetting, as effectiveOverrides reads it), else
 * itself. `layer`: the value is that layer's own (`layers.<layer>.<path>`); none: the global one. Put to the default
 * rather than left out as effectiveOverrides does: a key is compared with any configuration's, not with designs
 * holding the same paths, and a layer's own value left out would read as the global one (adc.kind's default, sar, is
 * of the 1-bit kinds that do not read it: multiplexed.ts ONE_BIT_KIND).
 */
export function keyedValue(config: HardwareConfig, layers: readonly LayerConverter[], path: string, value: ParamValue, layer?: string): ParamValue {
  if (!path.startsWith('adc.')) return value;
  // Keyed as the default, so a layer's own value is compared with the default in its place, not with the global value.
  const readers = layer === undefined ? globalValueReaders(config, layers, path) : ownValueReaders(config, layers, layer, path, parameterSpec(path).default);
  return unreadSetting(path, readers) === undefined ? value : parameterSpec(path).default;
}

/** A weight layer with the converter it has under a configuration: what a value of an adc.* path may reach (unreadSetting). */
export interface LayerConverter extends SettingReader {
  readonly layer: ResolvedLayer;
}

/** The network's weight layers, each with its converter under `config`. */
export function layerConverters(network: Network, config: HardwareConfig): LayerConverter[] {
  return network.layers.filter(isWeightLayer).map((layer) => ({ layer, name: layer.name, adc: layerHardware(config, layer, network).adc }));
}

/**
 * The layers a global value of `path` reaches: every one, each told whether it holds a value of its own (which the
 * global one does not reach), and the converter it has without the value (the default) where the path sets it.
 */
export function globalValueReaders(config: HardwareConfig, layers: readonly LayerConverter[], path: string): LayerConverter[] {
  return layers.map((l) => ({ ...l, ownValue: layerOverride(config, l.layer, path) !== undefined, ...fallback(l.adc, path, () => parameterSpec(path).default) }));
}

/**
 * The layer `name` whose own value of `path` is at stake, with the converter it has without it where the path sets it:
 * with `instead` in its place (default: the global value, which it takes without its own).
 */
export function ownValueReaders(config: HardwareConfig, layers: readonly LayerConverter[], name: string, path: string, instead?: ParamValue): LayerConverter[] {
  return layers.filter((l) => l.name === name).map((l) => ({ ...l, ...fallback(l.adc, path, () => instead ?? (getPath(config, path) as ParamValue)) }));
}

/**
 * SettingReader.fallback: `adc` with `value()` in place of the one at stake, where `path` is one of the converter's own
 * (adc.kind, adc.bits). `value` is read only then: a search's design key also passes paths that are no parameter (a
 * multi-network space's `network`), whose spec lookup refuses; until 2026-12-07 that refusal made every design of such a
 * space keyless, so its repeated chips went unmarked (test/cli/network-front-notes.test.ts).
 */
function fallback(adc: LayerConverter['adc'], path: string, value: () => ParamValue): Pick<LayerConverter, 'fallback'> {
  if (path === 'adc.kind') return { fallback: { ...adc, kind: String(value()) } };
  if (path === 'adc.bits') return { fallback: { ...adc, bits: Number(value()) } };
  return {};
}
