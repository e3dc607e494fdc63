/**
 * The accuracy engine behind the persistent cache: recall a configuration's hardware accuracy and MAC error from
 * the store, or compute them and store them. ELA results are not cached: the ELA engine (~16 µs per VGG16
 * evaluation) is far cheaper than one store read (~1 ms; docs/cache.md).
 */
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import type { EvaluationStore } from '../../io/cache/index.js';
import { accuracyMetrics, type AccuracyMetrics } from '../../sim/accuracy.js';
import { stoppableAccuracyMetrics } from '../lazyBounds.js';
import { accuracyEntryKey, engineIdentity, stoppedEntryKey, wrongAnswersToStop, type EngineIdentity } from './keys.js';

/** Where results are kept: the persistent store, or a process's memory (`MemoryStore`). */
export type AccuracyStore = Pick<EvaluationStore, 'get' | 'put'>;

export interface CachedAccuracy {
  readonly metrics: AccuracyMetrics;
  /** True when the metrics came from the store. */
  readonly hit: boolean;
}

/** The stored metrics of this configuration, or `compute`'s (default: the accuracy engine), stored for next time. */
export async function cachedAccuracyMetrics(
  store: AccuracyStore | undefined,
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

/**
 * The accuracy engine's metrics under a lazy run's early stop at `floor` (src/app/lazyBounds.ts), recalled when the
 * store holds what a fresh measurement would give, bit for bit:
 * - a full result whose wrong answers are fewer than the stop needs (the stop could not have come; so does a
 *   result without hardware accuracy, a network without weights);
 * - a result stopped at the same wrong answer (`wrongAnswersToStop`: any floor with the same count; a higher floor
 *   needing fewer wrong answers would stop earlier, at a sample the stored result cannot tell, so it misses).
 * A new measurement is stored as full (then an eager run's entry, under its key) or as stopped at its count.
 */
export async function cachedStoppableAccuracyMetrics(
  store: AccuracyStore | undefined,
  network: Network,
  config: HardwareConfig,
  floor: number,
  compute: (network: Network, config: HardwareConfig, floor: number) => AccuracyMetrics | Promise<AccuracyMetrics> = (n, c, f) => stoppableAccuracyMetrics(n, c, f).metrics,
  identity: EngineIdentity = engineIdentity(network.name),
): Promise<CachedAccuracy> {
  if (!store) return { metrics: await compute(network, config, floor), hit: false };
  const wrong = wrongAnswersToStop(floor, config.accuracy.samples);
  const fullKey = accuracyEntryKey(network, config, identity);
  const full = await store.get(fullKey, isAccuracyMetrics);
  if (full && (!full.detail || wrong === undefined || full.detail.samples - full.detail.correct < wrong)) return { metrics: full, hit: true };
  const stoppedKey = wrong === undefined ? undefined : stoppedEntryKey(network, config, wrong, identity);
  const stopped = stoppedKey === undefined ? undefined : await store.get(stoppedKey, isAccuracyMetrics);
  if (stopped) return { metrics: stopped, hit: true };
  const metrics = await compute(network, config, floor);
  const detail = metrics.detail;
  const isStopped = detail?.planned !== undefined && detail.samples < detail.planned;
  if (!isStopped) await store.put(fullKey, metrics);
  else if (stoppedKey !== undefined) await store.put(stoppedKey, metrics);
  return { metrics, hit: false };
}

/** A bounded in-process store (oldest entry out first): an early-stop run without the persistent cache. */
export class MemoryStore implements AccuracyStore {
  private readonly entries = new Map<string, unknown>();
  constructor(private readonly limit = 512) {}

  get<T>(key: string, check: (value: unknown) => value is T): Promise<T | undefined> {
    const value = this.entries.get(key);
    return Promise.resolve(check(value) ? value : undefined);
  }

  put(key: string, value: unknown): Promise<void> {
    if (this.entries.size >= this.limit && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    return Promise.resolve();
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numbers = (v: Record<string, unknown>, keys: readonly string[]) => keys.every((k) => typeof v[k] === 'number');

/** A stored value with every field an AccuracyMetrics has (anything else reads as a miss). */
export function isAccuracyMetrics(v: unknown): v is AccuracyMetrics {
  if (!isRecord(v) || !numbers(v, ['accuracy', 'accuracy_ci95', 'macError_rms', 'macSnr_dB', 'accuracyProxy'])) return false;
  const detail = v.detail;
  if (detail !== undefined && !(isRecord(detail)
    && numbers(detail, ['accuracy', 'accuracy_ci95', 'accuracy_low', 'accuracy_high', 'samples', 'correct'])
    && (detail.weights === 'hp' || detail.weights === 'adcless') && (detail.planned === undefined || typeof detail.planned === 'number'))) return false;
  return Array.isArray(v.macErrorLayers) && v.macErrorLayers.every((l) =>
    isRecord(l) && typeof l.layer === 'string' && numbers(l, ['index', 'rms', 'snr_dB', 'crossbarsSampled', 'samples']));
}
