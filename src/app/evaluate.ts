/**
 * `cosearch evaluate`'s simulation: the ELA engine, then (unless skipped) the accuracy engine recalled from or
 * stored in the persistent cache, with a progress bar on a terminal while test samples are evaluated, on worker
 * threads when asked and worth it (the same result as one thread, sample for sample).
 */
import { ConfigError } from '../core/errors.js';
import type { HardwareConfig } from '../hardware/config.js';
import type { Network } from '../model/types.js';
import { EvaluationStore, type CacheSettings } from '../io/cache/index.js';
import { createCountProgress, type CountProgress } from '../io/countProgress.js';
import { accuracyMetrics } from '../sim/accuracy.js';
import { simulationValues } from '../sim/metrics.js';
import { givenWeights, loadWeights } from '../snn/weights.js';
import { ELA_ONLY, simulateResolved, type ConfigurationResult } from '../sim/simulate.js';
import type { PricedInference } from '../sim/evaluate.js';
import { accuracyPool } from './accuracyPool.js';
import { accuracyChunks, accuracyMetricsWithProgress } from './accuracyProgress.js';
import { cachedAccuracyMetrics } from './cache/accuracy.js';

/**
 * Fewer test samples (over all chips) than this are evaluated in this thread: a worker takes ~0.4 s of CPU to load
 * the engine, the weights and the test set, about 400 mlp-mnist samples' worth.
 */
export const POOL_MIN_SAMPLES = 400;

/** The ELA engine and the training cost (no accuracy: that is computed below, through the cache). */
const TRAINING_ONLY = { metrics: ['trainEnergy_pJ_per_sample'] };

export interface EvaluateOptions {
  /** Run the accuracy engine (hardware accuracy, MAC error); default true. */
  readonly accuracy?: boolean;
  /** Also cost on-chip training (training.algorithm must be bptt or sdfa). */
  readonly training?: boolean;
  /** The persistent cache; none: always compute. */
  readonly cache?: CacheSettings;
  /** Worker threads for hardware accuracy (used from POOL_MIN_SAMPLES test samples on); default 1 = this thread. */
  readonly workers?: number;
  /** Where progress goes (a bar only when it is a terminal); default stderr. */
  readonly progress?: NodeJS.WriteStream;
  /** The inference of this network and configuration already priced (sim/ela/priced.ts): the ELA engine is not run again. */
  readonly priced?: PricedInference;
}

export interface EvaluateResult extends ConfigurationResult {
  /** True when the accuracy engine's metrics came from the persistent cache. */
  readonly cacheHit: boolean;
  /** Why the computed accuracy metrics could not be stored in the cache (CachedAccuracy.notStored). */
  readonly notCached?: string;
}

export async function evaluateConfiguration(network: Network, config: HardwareConfig, options: EvaluateOptions = {}): Promise<EvaluateResult> {
  const ela = simulateResolved(network, config, options.training ? TRAINING_ONLY : ELA_ONLY, undefined, options.priced);
  if (options.accuracy === false) return { ...ela, cacheHit: false };
  const stream = options.progress ?? process.stderr;
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new ConfigError(`workers: got ${workers}, expected an integer >= 1`);
  const compute = async (n: Network, c: HardwareConfig) => {
    const parallel = workers > 1 && c.accuracy.samples * c.accuracy.chips >= POOL_MIN_SAMPLES && loadWeights(n.name) !== undefined;
    if (!stream.isTTY && !parallel) return accuracyMetrics(n, c);
    // No more threads than chunks: each loads the engine, the weights and the test set.
    const pool = parallel ? accuracyPool(Math.min(workers, accuracyChunks(c).length), givenWeights(n.name)) : undefined;
    // Made at the first report: a network without trained weights evaluates no samples and shows no bar.
    let bar: CountProgress | undefined;
    try {
      return await accuracyMetricsWithProgress(n, c, (done, total) => {
        if (!stream.isTTY) return;
        bar ??= createCountProgress({ label: 'accuracy', unit: 'samples', total, stream });
        bar.update(done);
      }, pool ? { runner: pool.runner, concurrency: pool.workers } : {});
    } finally {
      bar?.stop();
      await pool?.close();
    }
  };
  const store = options.cache ? new EvaluationStore(options.cache) : undefined;
  const { metrics: accuracy, hit, notStored } = await cachedAccuracyMetrics(store, network, config, { compute });
  return { ...ela, accuracy, metrics: simulationValues({ evaluation: ela.evaluation, accuracy, training: ela.training }), cacheHit: hit,
    ...(notStored === undefined ? {} : { notCached: notStored }) };
}
