/**
 * The accuracy engine behind the persistent cache: recall a configuration's hardware accuracy and MAC error from
 * the store, or compute them and store them. ELA results are not cached: the ELA engine (~16 µs per VGG16
 * evaluation) is far cheaper than one store read (~1 ms; docs/cache.md).
 */
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import { accuracyMetrics, wantsAccuracyProxy, wantsMeasuredAccuracy, wrongAnswersToStop, type AccuracyMetrics } from '../../sim/accuracy.js';
import { loadWeights } from '../../snn/weights.js';
import { stoppableAccuracyMetrics } from '../lazyBounds.js';
import { accuracyEntryKey, engineIdentity, stoppedEntryKey, type EngineIdentity } from './keys.js';

/**
 * Where results are kept: the persistent store (written at once, or deferred: DeferredStore), or a process's memory
 * (`MemoryStore`). `compute_ms` tells a deferring store how long the value took to compute.
 */
export interface AccuracyStore {
  get<T>(key: string, check: (value: unknown) => value is T): Promise<T | undefined>;
  put(key: string, value: unknown, compute_ms?: number): Promise<void>;
}

export interface CachedAccuracy {
  readonly metrics: AccuracyMetrics;
  /** True when the metrics came from the store. */
  readonly hit: boolean;
  /** Why the computed metrics could not be stored (a failed write: disk full, no permission); absent when stored or a hit. */
  readonly notStored?: string;
}

/**
 * A stored entry: the metrics, without `accuracyProxy` when the request that computed them did not want it (the proxy
 * is computed apart, src/sim/accuracy.ts accuracyMetricsWith), so the entry says whether it holds the proxy.
 */
export type StoredAccuracy = Omit<AccuracyMetrics, 'accuracyProxy'> & { readonly accuracyProxy?: number };

/** How one configuration's accuracy metrics are asked for. */
export interface AccuracyRequest<Compute> {
  /** The metrics the caller reads (default: every one); the accuracy proxy is computed and recalled only when named. */
  readonly wanted?: readonly string[];
  /** What computes them on a miss (default: the accuracy engine). */
  readonly compute?: Compute;
  /** The engine's identity in the key (default: this process's, engineIdentity). */
  readonly identity?: EngineIdentity;
}

type Compute = (network: Network, config: HardwareConfig, wanted?: readonly string[]) => AccuracyMetrics | Promise<AccuracyMetrics>;
type StoppableCompute = (network: Network, config: HardwareConfig, floor: number, wanted?: readonly string[]) => AccuracyMetrics | Promise<AccuracyMetrics>;

/** The metrics a stored entry gives a request for `wanted`: none when it lacks the proxy the request needs; NaN for a proxy not wanted (as computed). */
function answer(stored: StoredAccuracy | undefined, wanted: readonly string[] | undefined): AccuracyMetrics | undefined {
  if (!stored) return undefined;
  if (!wantsAccuracyProxy(wanted)) return { ...stored, accuracyProxy: NaN };
  return stored.accuracyProxy === undefined ? undefined : { ...stored, accuracyProxy: stored.accuracyProxy };
}

/**
 * The keys whose entries can answer a request for `wanted`, its own first (what it stores under): one without the
 * accuracy proxy is keyed without what only the proxy reads (accuracyEntryKey), and an entry with the proxy (a caller
 * of every metric) answers it too; where the proxy is not computed both are one key.
 */
function answeringKeys(key: (wanted?: readonly string[]) => string, wanted: readonly string[] | undefined): readonly string[] {
  const own = key(wanted);
  const withProxy = key();
  return own === withProxy ? [own] : [own, withProxy];
}

/** The first of `keys` whose entry answers a request for `wanted`. */
async function firstAnswer(store: AccuracyStore, keys: readonly string[], wanted: readonly string[] | undefined): Promise<AccuracyMetrics | undefined> {
  for (const key of keys) {
    const found = answer(await store.get(key, isStoredAccuracy), wanted);
    if (found) return found;
  }
  return undefined;
}

/** What is stored of metrics computed for `wanted`: without the proxy when it was not computed. */
function entryOf(metrics: AccuracyMetrics, wanted: readonly string[] | undefined): StoredAccuracy {
  if (wantsAccuracyProxy(wanted)) return metrics;
  const { accuracyProxy: _notComputed, ...rest } = metrics;
  return rest;
}

/** The stored metrics of this configuration, or `compute`'s (default: the accuracy engine), stored for next time. */
export async function cachedAccuracyMetrics(
  store: AccuracyStore | undefined,
  network: Network,
  config: HardwareConfig,
  request: AccuracyRequest<Compute> = {},
): Promise<CachedAccuracy> {
  const { wanted, compute = accuracyMetrics } = request;
  if (!store) return { metrics: await compute(network, config, wanted), hit: false };
  const identity = request.identity ?? engineIdentity(network.name);
  const keys = answeringKeys((w) => accuracyEntryKey(network, config, identity, w), wanted);
  // A trained network's MAC error without its test-set measurement is kept apart (macOnlyKey): it answers no request
  // for the accuracy, while a full entry answers the MAC error alone. Untrained networks have one kind of entry.
  // Trained: the engine's own test (accuracyMetrics measures when loadWeights has weights, given ones included).
  const macOnly = !wantsMeasuredAccuracy(wanted) && loadWeights(network.name) !== undefined;
  const stored = await firstAnswer(store, macOnly ? [...keys, ...keys.map(macOnlyKey)] : keys, wanted);
  if (stored) return { metrics: macOnly ? withoutMeasurement(stored) : stored, hit: true };
  const since = performance.now();
  const metrics = await compute(network, config, wanted);
  return { metrics, hit: false, ...await storeEntry(store, macOnly ? macOnlyKey(keys[0]) : keys[0], entryOf(metrics, wanted), performance.now() - since) };
}

/**
 * Stores a computed entry. A failed write (disk full, no permission, a read-only cache) loses the entry, a later miss;
 * it never fails the evaluation that computed it (docs/cache.md): the caller gets the reason to tell the user.
 */
async function storeEntry(store: AccuracyStore, key: string, value: StoredAccuracy, compute_ms: number): Promise<{ notStored?: string }> {
  try {
    await store.put(key, value, compute_ms);
    return {};
  } catch (error) {
    return { notStored: error instanceof Error ? error.message : String(error) };
  }
}

/** The entry key of a trained network's MAC error stored without its test-set measurement. */
export const macOnlyKey = (key: string): string => `${key}|mac-only`;

/** A full entry answering a request without the measurement: as computed for it (no accuracy), whatever was stored. */
function withoutMeasurement(metrics: AccuracyMetrics): AccuracyMetrics {
  const { detail: _notWanted, ...rest } = metrics;
  return { ...rest, accuracy: NaN, accuracy_ci95: NaN };
}

/**
 * The accuracy engine's metrics under a lazy run's early stop at `floor` (src/app/lazyBounds.ts), recalled when the
 * store holds what a fresh measurement would give, bit for bit:
 * - a full result whose wrong answers are fewer than the stop needs (the stop could not have come; so does a
 *   result without hardware accuracy, a network without weights);
 * - a result stopped at the same wrong answer (`wrongAnswersToStop`: any floor with the same count; a higher floor
 *   needing fewer wrong answers would stop earlier, at a sample the stored result cannot tell, so it misses).
 * Either must hold the accuracy proxy when `wanted` names it. A new measurement is stored as full (then an eager
 * run's entry, under its key) or as stopped at its count.
 */
export async function cachedStoppableAccuracyMetrics(
  store: AccuracyStore | undefined,
  network: Network,
  config: HardwareConfig,
  floor: number,
  request: AccuracyRequest<StoppableCompute> = {},
): Promise<CachedAccuracy> {
  const { wanted, compute = (n, c, f, w) => stoppableAccuracyMetrics(n, c, f, w).metrics } = request;
  if (!store) return { metrics: await compute(network, config, floor, wanted), hit: false };
  const identity = request.identity ?? engineIdentity(network.name);
  // Over every chip's samples: a chip-averaged measurement stops on the wrong answers of all its chips.
  const wrong = wrongAnswersToStop(floor, config.accuracy.samples * config.accuracy.chips);
  const fullKeys = answeringKeys((w) => accuracyEntryKey(network, config, identity, w), wanted);
  const full = await firstAnswer(store, fullKeys, wanted);
  if (full && (!full.detail || wrong === undefined || full.detail.samples - full.detail.correct < wrong)) return { metrics: full, hit: true };
  const stoppedKeys = wrong === undefined ? undefined : answeringKeys((w) => stoppedEntryKey(network, config, wrong, identity, w), wanted);
  const stopped = stoppedKeys === undefined ? undefined : await firstAnswer(store, stoppedKeys, wanted);
  if (stopped) return { metrics: stopped, hit: true };
  const since = performance.now();
  const metrics = await compute(network, config, floor, wanted);
  const compute_ms = performance.now() - since;
  const detail = metrics.detail;
  const isStopped = detail?.planned !== undefined && detail.samples < detail.planned;
  const key = isStopped ? stoppedKeys?.[0] : fullKeys[0];
  return { metrics, hit: false, ...(key === undefined ? {} : await storeEntry(store, key, entryOf(metrics, wanted), compute_ms)) };
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

const isChipSpread = (c: unknown) => isRecord(c) && (c.interval === 'student-t' || c.interval === 'pooled-wilson')
  && Array.isArray(c.accuracies) && c.accuracies.every((a) => typeof a === 'number');

/** A stored value with every field an AccuracyMetrics has, the accuracy proxy only if computed (anything else reads as a miss). */
export function isStoredAccuracy(v: unknown): v is StoredAccuracy {
  if (!isRecord(v) || !numbers(v, ['accuracy', 'accuracy_ci95', 'macError_rms', 'macSnr_dB'])) return false;
  if (v.accuracyProxy !== undefined && typeof v.accuracyProxy !== 'number') return false;
  const detail = v.detail;
  if (detail !== undefined && !(isRecord(detail)
    && numbers(detail, ['accuracy', 'accuracy_ci95', 'accuracy_low', 'accuracy_high', 'samples', 'correct'])
    && (detail.weights === 'hp' || detail.weights === 'adcless') && (detail.planned === undefined || typeof detail.planned === 'number')
    && (detail.chips === undefined || isChipSpread(detail.chips)))) return false;
  return Array.isArray(v.macErrorLayers) && v.macErrorLayers.every((l) =>
    isRecord(l) && typeof l.layer === 'string' && numbers(l, ['index', 'rms', 'rms_sd', 'snr_dB', 'crossbarsSampled', 'samples']));
}
