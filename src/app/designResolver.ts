/**
 * A run's designs resolved as the simulator evaluates them: the space's network (or a row's `network` override) and
 * the default configuration with the space's base overrides applied once, then each design's own overrides. The one
 * reading the main thread's per-row hooks share (rowNote.ts, designKey.ts, frontNotes.ts).
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../hardware/config.js';
import { networkLoader, type Network } from '../model/index.js';
import type { ParamValue } from '../search/index.js';
import { resolveConfiguration } from '../sim/simulate.js';

export type ResolvedDesign = { readonly network: Network; readonly config: HardwareConfig };

/** A resolver of `network`'s designs over `base`; networks are loaded once per resolver. */
export function designResolver(network: string, base: Readonly<Record<string, ParamValue>> = {}): (overrides: Readonly<Record<string, ParamValue>>) => ResolvedDesign {
  const load = networkLoader();
  const config = applyOverrides(defaultConfig(), base);
  return (overrides) => resolveConfiguration((name) => load(name ?? network), overrides, config);
}
