/**
 * A converter's column mux cannot be wider than the crossbar: the engine clamped it (min(columnsPerConverter, X)), so
 * every adc.columnsPerAdc from X up was one design shown as several. The bound is X, not the weight columns W (X - s
 * with reference columns): the mux is wired to the crossbar's columns, and columnsPerAdc = X is its own design (one
 * converter per crossbar) under every mapping. A kind with a converter per column (sense amplifier) muxes nothing.
 */
import { ConfigError } from '../core/errors.js';
import { adcKind } from './components/adc/index.js';
import type { HardwareConfig } from './configTypes.js';
import { checkViews, layerHeld, viewHeld, viewValue, type CheckView, type HeldValue } from './layerView.js';

/**
 * Refuses adc.columnsPerAdc above crossbar.size on every view that reads them (checkViews: without `layers`, each layer
 * key's and the global one when no key sets any of the three; with a network's weight layers, each layer's), naming
 * each path as it holds the value. Part of checkConfig's and applyOverrides' consistency check, and of
 * checkConfigLayers' per-network pass. A global 64 above a global size of 32 is no mistake when every layer sets its
 * own columns: only the network tells which layers keep the global values.
 */
export function checkConverterColumns(config: HardwareConfig, layers?: readonly CheckView[]): void {
  for (const view of checkViews(config, CONVERTER_PATHS, layers)) {
    // The values first, the Held records only for a refusal: this runs on every applyOverrides, a search worker's hot path.
    const kind = viewValue(config, view, 'adc.kind');
    const columns = viewValue(config, view, 'adc.columnsPerAdc');
    const size = viewValue(config, view, 'crossbar.size');
    if (typeof kind !== 'string' || typeof columns !== 'number' || typeof size !== 'number') continue;
    if (adcKind(kind).columnsPerConverter(columns) > size) tooWide(viewHeld(config, view, 'adc.columnsPerAdc'), viewHeld(config, view, 'crossbar.size'));
  }
}

/** The paths that decide a layer's bound: its converter kind, its columns per converter and its crossbar size. */
const CONVERTER_PATHS = ['adc.kind', 'adc.columnsPerAdc', 'crossbar.size'] as const;

function tooWide(columns: HeldValue, size: HeldValue): never {
  throw new ConfigError(`${columns.path}: got ${String(columns.value)}, expected at most ${size.path} = ${String(size.value)} columns per converter (a converter cannot serve more columns than the crossbar has)`);
}

/**
 * The same bound for one layer of a network, on the values it sees (called by the ELA per layer). checkConfig cannot
 * join a layer's keys (`layers.1` and `layers.conv2` may name one layer: only the network knows), so a size under one
 * key and columns under the other passed it and were clamped; here each value is named by the path that holds it.
 */
export function checkLayerConverterColumns(config: HardwareConfig, layer: { readonly index: number; readonly name: string }, columnsPerAdc: number, columnsPerConverter: number, size: number): void {
  if (columnsPerConverter <= size) return;
  tooWide(layerHeld(config, layer, 'adc.columnsPerAdc'), layerHeld(config, layer, 'crossbar.size'));
}
