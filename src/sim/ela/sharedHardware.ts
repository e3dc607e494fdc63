/** The per-layer hardware view of a configuration without per-layer overrides, made once per evaluation (evaluate.ts). */
import type { HardwareConfig, LayerHardware } from '../../hardware/config.js';

/**
 * What layerHardware gives a layer without overrides: `shared` kept while its parts are the same objects (designs that
 * outlive their call may hold it); `reusedShared` refilled in place for evaluateTotals' reused designs, which live only
 * as long as the call (a search's configurations each have new parts: a new record per evaluation).
 */
let shared: LayerHardware | undefined;
let reusedShared: { -readonly [K in keyof LayerHardware]: LayerHardware[K] } | undefined;

export function sharedHardware(config: HardwareConfig, spikeRate: number, reuse: boolean): LayerHardware {
  const r = reuse ? reusedShared : undefined;
  if (r) {
    r.device = config.device; r.crossbar = config.crossbar; r.adc = config.adc; r.spikeRate = spikeRate;
    return r;
  }
  const s = shared;
  if (!reuse && s && s.device === config.device && s.crossbar === config.crossbar && s.adc === config.adc && s.spikeRate === spikeRate) return s;
  const view = { device: config.device, crossbar: config.crossbar, adc: config.adc, spikeRate };
  if (reuse) reusedShared = view;
  else shared = view;
  return view;
}
