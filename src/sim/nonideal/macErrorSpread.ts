/**
 * How far the MAC error's crossbar sampling leaves it from the design's own value (docs/accuracy.md "Seed spread of
 * the printed MAC error"). The sampling unit is the sampled crossbar: each is its own weight draw, programming and
 * fault map, and its reads are correlated through those static errors, so the reads of one crossbar are not
 * independent samples while the crossbars are. A layer's rms pools its crossbars' error and signal sums; its standard
 * error is the jackknife over those crossbars (leave one out, recompute the pooled rms). The network's mean over layers
 * (layers sampled independently) has standard error sqrt(sum sd_L^2) / layers. 95% half-widths: Student t quantiles
 * (docs/sources.md#student-t) with k - 1 degrees of freedom for a layer of k crossbars and sum (k_L - 1) for the mean
 * over layers (a pooled count, not Satterthwaite's [assumption]): with 4 crossbars a 1.96 would claim more than 4
 * units show (mlp-mnist, seeds 1-5: the normal interval of seed 1 missed seed 2's value).
 */
import { studentTQuantile } from '../../util/studentT.js';

/** Jackknife standard error of sqrt(sum err2 / sum sig2) over the units; NaN with fewer than 2 units or no signal left. */
export function jackknifeRmsSd(err2: readonly number[], sig2: readonly number[]): number {
  const k = err2.length;
  if (k < 2) return NaN;
  const e = err2.reduce((a, b) => a + b, 0);
  const s = sig2.reduce((a, b) => a + b, 0);
  const loo = err2.map((ei, i) => Math.sqrt((e - ei) / (s - sig2[i])));
  if (loo.some((v) => !Number.isFinite(v))) return NaN;
  const mean = loo.reduce((a, b) => a + b, 0) / k;
  return Math.sqrt(((k - 1) / k) * loo.reduce((a, v) => a + (v - mean) ** 2, 0));
}

/**
 * 95% half-width of the mean over layers of their rms: NaN when any layer has no standard error (a layer of one
 * crossbar: its weights are a random draw too, whose spread one crossbar cannot show), or no layer.
 */
export function meanRmsCi95(layers: readonly { readonly rms_sd: number; readonly crossbarsSampled: number }[]): number {
  const df = layers.reduce((a, l) => a + l.crossbarsSampled - 1, 0);
  if (layers.length === 0 || !(df >= 1)) return NaN;
  return (studentTQuantile(0.95, df) * Math.sqrt(layers.reduce((a, l) => a + l.rms_sd ** 2, 0))) / layers.length;
}

/** 95% half-width of one layer's rms (Student t, crossbarsSampled - 1 degrees of freedom). */
export function layerRmsCi95(layer: { readonly rms_sd: number; readonly crossbarsSampled: number }): number {
  return layer.crossbarsSampled >= 2 ? studentTQuantile(0.95, layer.crossbarsSampled - 1) * layer.rms_sd : NaN;
}
