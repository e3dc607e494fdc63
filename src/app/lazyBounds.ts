/**
 * The simulator's expensive metrics for a lazy search (src/search/lazy): the accuracy engine's (a Monte Carlo and
 * test-set inference, seconds per design against milliseconds for energy-latency-area), each with its best possible
 * value in its own sense, which stands in for it until it is measured. Only strict bounds, from each metric's range
 * in the registry: accuracy is a fraction of test images (<= 1; the software accuracy is not a bound, a finite test
 * sample under noise can exceed it), an RMS error or a confidence half-width is >= 0, an SNR has no finite upper bound.
 */
import type { HardwareConfig } from '../hardware/config.js';
import type { Network } from '../model/types.js';
import { plannedMetric, samplesMetric } from '../search/index.js';
import { accuracyMetricsWith, evaluateAccuracy, type AccuracyMetrics } from '../sim/accuracy.js';
import { ACCURACY_METRICS, bestPossibleValue } from '../sim/metrics.js';
import { loadWeights } from '../snn/weights.js';

/**
 * Every accuracy-engine metric with its bound, derived from its registry entry (bestPossibleValue: accuracy 1, an
 * error or a half-width 0, an SNR Infinity), so a new accuracy metric needs no line here (a hand table missing a
 * line threw as the module loaded: every command died, `list` included).
 */
export const EXPENSIVE_METRIC_BOUNDS: Readonly<Record<string, number>> = Object.fromEntries(ACCURACY_METRICS.map((m) => [m.name, bestPossibleValue(m)]));

/**
 * The accuracy engine's metrics under a lazy run's early stop (src/search/lazy/earlyStop.ts): hardware accuracy
 * stops once it is proven below `floor` (then `accuracy` is that upper bound and `accuracy_ci95` NaN), and the
 * samples measured and planned are reported. The MAC error is always measured in full; the accuracy proxy when
 * `wanted` names it (src/sim/accuracy.ts accuracyMetricsWith).
 */
export function stoppableAccuracyMetrics(
  network: Network, config: HardwareConfig, floor: number, wanted?: readonly string[],
): { metrics: AccuracyMetrics; extra: Record<string, number> } {
  const detail = loadWeights(network.name) ? evaluateAccuracy(network, config, { stopBelow: floor }) : undefined;
  const metrics = accuracyMetricsWith(network, config, detail, wanted);
  return { metrics, extra: sampleCounts(metrics) };
}

/** The samples measured and planned of an accuracy result, as the early-stop protocol reports them (none without one). */
export function sampleCounts(metrics: AccuracyMetrics): Record<string, number> {
  const detail = metrics.detail;
  return detail ? { [samplesMetric('accuracy')]: detail.samples, [plannedMetric('accuracy')]: detail.planned ?? detail.samples } : {};
}
