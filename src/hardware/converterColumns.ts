/**
 * A converter's column mux cannot be wider than the crossbar: the engine clamped it (min(columnsPerConverter, X)), so
 * every adc.columnsPerAdc from X up was one design shown as several. The bound is X, not the weight columns W (X - s
 * with reference columns): the mux is wired to the crossbar's columns, and columnsPerAdc = X is its own design (one
 * converter per crossbar) under every mapping. A kind with a converter per column (sense amplifier) muxes nothing.
 */
import { ConfigError } from '../core/errors.js';
import { adcKind } from './components/adc/index.js';
import type { HardwareConfig, ParamValue } from './configTypes.js';
import { keyValue, layerOverride, layerValuePath } from './layerView.js';

/**
 * Refuses adc.columnsPerAdc above crossbar.size, globally and for each layer key (its own size, kind or columns, the
 * rest global), naming each path as it holds the value. Part of checkConfig's and applyOverrides' consistency check.
 * The global values are compared only when no layer key sets any of the three: a layer that does sees them no more
 * (a global 64 above a global size of 32 is no mistake when every layer sets its own columns), and
 * which layers keep the global ones only the network knows, so checkNetworkConverterColumns compares them there.
 */
export function checkConverterColumns(config: HardwareConfig): void {
  const { kind, columnsPerAdc } = config.adc;
  let layered = false;
  for (const layer in config.layers) {
    const own = config.layers[layer];
    layered ||= CONVERTER_PATHS.some((path) => own[path] !== undefined);
    check(keyValue(config, layer, 'adc.kind', kind), keyValue(config, layer, 'adc.columnsPerAdc', columnsPerAdc), keyValue(config, layer, 'crossbar.size', config.crossbar.size));
  }
  // The global values without the Held records: this runs on every applyOverrides, a search worker's hot path.
  if (!layered && adcKind(kind).columnsPerConverter(columnsPerAdc) > config.crossbar.size) {
    tooWide({ value: columnsPerAdc, path: 'adc.columnsPerAdc' }, { value: config.crossbar.size, path: 'crossbar.size' });
  }
}

/** The paths that decide a layer's bound: its converter kind, its columns per converter and its crossbar size. */
const CONVERTER_PATHS = ['adc.kind', 'adc.columnsPerAdc', 'crossbar.size'] as const;

/**
 * The bound on each weight layer of a network with the values it sees (layerOverride, else global), for a
 * configuration whose layer keys set any of CONVERTER_PATHS (checkConsistency compared the others' global values):
 * checkConfigLayers calls it, where the network is known, so a global value some layer still reads is refused before
 * anything is evaluated.
 */
export function checkNetworkConverterColumns(config: HardwareConfig, layers: readonly { readonly index: number; readonly name: string }[]): void {
  for (const layer of layers) {
    const kind = layerOverride(config, layer, 'adc.kind') ?? config.adc.kind;
    const columns = layerOverride(config, layer, 'adc.columnsPerAdc') ?? config.adc.columnsPerAdc;
    const size = layerOverride(config, layer, 'crossbar.size') ?? config.crossbar.size;
    if (typeof kind !== 'string' || typeof columns !== 'number' || typeof size !== 'number') continue;
    checkLayerConverterColumns(config, layer, columns, adcKind(kind).columnsPerConverter(columns), size);
  }
}

/** A value the layer sees and the path that holds it. */
interface Held {
  readonly value: ParamValue;
  readonly path: string;
}

function check(kind: Held, columns: Held, size: Held): void {
  if (typeof kind.value !== 'string' || typeof columns.value !== 'number' || typeof size.value !== 'number') return;
  if (adcKind(kind.value).columnsPerConverter(columns.value) > size.value) tooWide(columns, size);
}

function tooWide(columns: Held, size: Held): never {
  throw new ConfigError(`${columns.path}: got ${String(columns.value)}, expected at most ${size.path} = ${String(size.value)} columns per converter (a converter cannot serve more columns than the crossbar has)`);
}

/**
 * The same bound for one layer of a network, on the values it sees (called by the ELA per layer). checkConfig cannot
 * join a layer's keys (`layers.1` and `layers.conv2` may name one layer: only the network knows), so a size under one
 * key and columns under the other passed it and were clamped; here each value is named by the path that holds it.
 */
export function checkLayerConverterColumns(config: HardwareConfig, layer: { readonly index: number; readonly name: string }, columnsPerAdc: number, columnsPerConverter: number, size: number): void {
  if (columnsPerConverter <= size) return;
  tooWide({ value: columnsPerAdc, path: layerValuePath(config, layer, 'adc.columnsPerAdc') }, { value: size, path: layerValuePath(config, layer, 'crossbar.size') });
}
