/** `cosearch evaluate`'s text of the accuracy engine's metrics: the accuracy with its interval, the MAC error, the proxy. */
import { sampleStandardDeviation } from 'simple-statistics';
import type { AccuracyMetrics } from './accuracy.js';
import type { AccuracyResult } from './accuracyResult.js';
import { SENSE_AMPLIFIER_REASON } from './nonideal/macError.js';
import { worstMacErrorLayer } from './nonideal/worstLayer.js';
import { layerRmsCi95, meanRmsCi95 } from './nonideal/macErrorSpread.js';

/**
 * The accuracy and its 95% interval, e.g. `80.00% (95% Wilson interval 49.02%-94.33% over 10 test samples of one
 * chip, ...)`. A Wilson interval is not symmetric about the accuracy (80% of 10: centre 71.67%), nor is one clipped
 * to [0, 1], so those are printed as their bounds; only an unclipped Student t interval as ± its half-width.
 */
function accuracyWithInterval(d: AccuracyResult, pct: (x: number) => string): string {
  const weights = d.weights === 'adcless' ? 'ADC-less' : 'high-precision-ADC';
  const studentT = d.chips?.interval === 'student-t';
  const symmetric = studentT && d.accuracy_low === d.accuracy - d.accuracy_ci95 && d.accuracy_high === d.accuracy + d.accuracy_ci95;
  const interval = symmetric ? `${pct(d.accuracy)} ± ${pct(d.accuracy_ci95)} (95% Student t`
    : `${pct(d.accuracy)} (95% ${studentT ? 'Student t' : 'Wilson'} interval ${pct(d.accuracy_low)}-${pct(d.accuracy_high)}`;
  if (!d.chips) return `${interval} over ${d.samples} test samples of one chip, ${weights} weights)`;
  const k = d.chips.accuracies.length;
  const pooled = d.chips.interval === 'pooled-wilson' ? ' of the pooled samples, wider than Student t,' : '';
  return `${interval}${pooled} over ${k} chips, ${d.samples / k} test samples each, ${weights} weights)`;
}

/** Why a design with sense-amplifier layers has no MAC error (evaluate's line; docs/accuracy.md "Sense-amplifier designs"). */
export const SENSE_AMPLIFIER_NOTE = `${SENSE_AMPLIFIER_REASON} (docs/accuracy.md "Sense-amplifier designs"); measure accuracy with ADC-less weights instead (mlp-mnist, cnn-mnist)`;

/** A short text table of the accuracy metrics (for `cosearch evaluate`); `proxyRefusal`: why the network has no proxy. */
export function formatAccuracy(a: AccuracyMetrics, note?: string, proxyRefusal?: string): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const chips = a.detail?.chips;
  // macErrorOf's NaN: sense-amplifier layers (senseAmplifierLayers), which also leave the proxy NaN.
  const sensing = Number.isNaN(a.macError_rms);
  const lines = [a.detail ? `accuracy  ${accuracyWithInterval(a.detail, pct)}`
    : `accuracy  n/a (no trained weights for this network${sensing ? '' : '; see macError_rms / macSnr_dB'})`];
  if (chips) lines.push(`  per chip  ${chips.accuracies.map(pct).join(' ')} (SD ${pct(sampleStandardDeviation(chips.accuracies))} between chips, each on its own samples)`);
  if (note) lines.push(`  note: ${note}; the trained design is in docs/model-card.md`);
  const meanCi = meanRmsCi95(a.macErrorLayers);
  const single = a.macErrorLayers.filter((l) => l.crossbarsSampled < 2).map((l) => l.layer);
  const spread = Number.isFinite(meanCi) ? `; ± 95% over up to ${Math.max(...a.macErrorLayers.map((l) => l.crossbarsSampled))} sampled crossbars per layer`
    : single.length ? `; no interval: ${single.join(', ')} ${single.length === 1 ? 'is' : 'are'} one weight block (a crossbar, or a differential pair's two)` : '';
  lines.push(sensing ? `MAC error n/a (${SENSE_AMPLIFIER_NOTE})`
    : `MAC error ${a.macError_rms.toPrecision(3)}${plusMinus(meanCi)} rms, SNR ${a.macSnr_dB.toFixed(1)} dB (mean over weight layers${spread})`);
  const worst = worstMacErrorLayer(a.macErrorLayers);
  if (worst) lines.push(`MAC error worst layer ${worst.layer} ${worst.rms.toPrecision(3)}${plusMinus(layerRmsCi95(worst))} rms (macErrorMax_rms)`);
  lines.push(!Number.isNaN(a.accuracyProxy) ? `accuracy proxy ${a.accuracyProxy.toPrecision(3)} (0 = exact, 1 = no signal; ranks designs, not an accuracy)`
    : `accuracy proxy n/a (${sensing ? 'a MAC error of T reads: as above' : proxyRefusal ?? 'not measured for this network'})`);
  for (const l of a.macErrorLayers) lines.push(`  ${l.layer.padEnd(10)} ${l.rms.toPrecision(3)} rms  ${l.snr_dB.toFixed(1)} dB`);
  return `${lines.join('\n')}\n`;
}

/** ` ± h` of a MAC-error interval half-width (2 significant digits), or nothing when it is not known (one crossbar). */
function plusMinus(half: number): string {
  return Number.isFinite(half) ? ` ± ${half.toPrecision(2)}` : '';
}
