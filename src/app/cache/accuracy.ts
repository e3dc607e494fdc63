/**
 * The accuracy engine behind the persistent cache: recall a configuration's hardware accuracy and MAC error from
 * the store, or compute them and store them. ELA results are not cached: the ELA engine (~16 µs per VGG16
 * evaluation) is far cheaper than one store read (~1 ms; docs/cache.md).
 */
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import type { EvaluationStore } from '../../io/cache/index.js';
import { accuracyMetrics, type AccuracyMetrics } from '../../sim/accuracy.js';
import { accuracyEntryKey, engineIdentity, type EngineIdentity } from './keys.js';

export interface CachedAccuracy {
  readonly metrics: AccuracyMetrics;
  /** True when the metrics came from the store. */
  readonly hit: boolean;
}

/** The stored metrics of this configuration, or `compute`'s (default: the accuracy engine), stored for next time. */
export async function cachedAccuracyMetrics(
  store: EvaluationStore | undefined,
  network: Network,
  config: HardwareConfig,
  compute: (network: Network, config: HardwareConfig) => AccuracyMetrics | Promise<AccuracyMetrics> = accuracyMetrics,
  identity: EngineIdentity = engineIdentity(network.name),
): Promise<CachedAccuracy> {
  if (!store) return { metrics: await compute(network, config), hit: false };
  const key = accuracyEntryKey(network, config, identity);
  const stored = await store.get(key, isAccuracyMetrics);
  if (stored) return { metrics: stored, hit: true };
  const metrics = await compute(network, config);
  await store.put(key, metrics);
  return { metrics, hit: false };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numbers = (v: Record<string, unknown>, keys: readonly string[]) => keys.every((k) => typeof v[k] === 'number');

/** A stored value with every field an AccuracyMetrics has (anything else reads as a miss). */
export function isAccuracyMetrics(v: unknown): v is AccuracyMetrics {
  if (!isRecord(v) || !numbers(v, ['accuracy', 'accuracy_ci95', 'macError_rms', 'macSnr_dB', 'accuracyProxy'])) return false;
  const detail = v.detail;
  if (detail !== undefined && !(isRecord(detail)
    && numbers(detail, ['accuracy', 'accuracy_ci95', 'accuracy_low', 'accuracy_high', 'samples', 'correct'])
    && (detail.weights === 'hp' || detail.weights === 'adcless'))) return false;
  return Array.isArray(v.macErrorLayers) && v.macErrorLayers.every((l) =>
    isRecord(l) && typeof l.layer === 'string' && numbers(l, ['index', 'rms', 'snr_dB', 'crossbarsSampled', 'samples']));
}
