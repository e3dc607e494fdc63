/**
 * The simulator's expensive metrics for a lazy search (src/search/lazy): the accuracy engine's (a Monte Carlo and
 * test-set inference, seconds per design against milliseconds for energy-latency-area), each with its best possible
 * value in its own sense, which stands in for it until it is measured. Only strict bounds: accuracy is a fraction
 * of test images (<= 1; the software accuracy is not a bound, a finite test sample under noise can exceed it), an
 * RMS error or a confidence half-width is >= 0, an SNR has no finite upper bound.
 */
import { ACCURACY_METRICS } from '../sim/metrics.js';

const BOUNDS: Readonly<Record<string, number>> = {
  accuracy: 1,
  accuracy_ci95: 0,
  macError_rms: 0,
  macSnr_dB: Infinity,
};

/** Every accuracy-engine metric with its bound; a new accuracy metric without one is a bug caught at load. */
export const EXPENSIVE_METRIC_BOUNDS: Readonly<Record<string, number>> = Object.fromEntries(
  ACCURACY_METRICS.map((m) => {
    const bound = BOUNDS[m.name];
    if (bound === undefined) throw new Error(`internal: accuracy metric ${m.name} has no best-value bound for lazy search (src/app/lazyBounds.ts)`);
    return [m.name, bound];
  }),
);
