/**
 * The hardware-accuracy trend claims of test/sim/accuracy.test.ts and test/sim/precision.test.ts, as data, so that
 * scripts/trend-seeds.ts can check the same claims over many accuracy seeds.
 *
 * Each claim compares points measured on one chip and one sample set (`accuracy.seed` draws the test images, the
 * programming error, the stuck cells and the read noise), so its margin must hold for any seed, not only the default
 * one. With the margins of before, 8 of seeds 2-11 and 14 of seeds 21-40 failed at least one claim (the shipped seed
 * 1 passed them all). Every margin here is at most the gap's mean - 3 SD over seeds 1-20 and at most its smallest
 * value there - 0.02, and was then checked on seeds 21-40, which took no part in choosing it: every claim holds on
 * all 40 (docs/nonidealities.md, "Trend claims across seeds"). The comment on each gives its mean +- SD over seeds 1-20.
 */
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluateAccuracy } from '../../src/sim/accuracy.js';
import { IDEAL_HARDWARE } from '../../src/sim/nonideal/ideal.js';

export const IDEAL = IDEAL_HARDWARE;
const OFF = { ...IDEAL, 'crossbar.signedMapping': 'offset-diff' };
const DP = { ...IDEAL, 'crossbar.signedMapping': 'differential-pair' };

/** accuracy(points[hi]) > accuracy(points[lo]) + margin; with `atLeast`, >= accuracy(points[lo]) - margin. */
export interface Gap {
  readonly hi: number;
  readonly lo: number;
  readonly margin: number;
  readonly atLeast?: true;
}

export interface TrendClaim {
  /** The test's name. */
  readonly name: string;
  /** The describe block it belongs to. */
  readonly group: 'offset-diff' | 'differential-pair' | 'precision';
  /** mlp-mnist test samples per point. */
  readonly samples: number;
  /** One configuration (overrides of the defaults) per point. */
  readonly points: readonly Readonly<Record<string, number | string>>[];
  readonly gaps: readonly Gap[];
}

export const TREND_CLAIMS: readonly TrendClaim[] = [
  // offset-diff: the common mode on every column makes IR drop and coarse ADCs bite early.
  {
    name: 'falls as the crossbar grows at fixed wire resistance', group: 'offset-diff', samples: 300,
    points: [32, 64, 128].map((s) => ({ ...OFF, 'crossbar.rWire_ohm': 0.5, 'crossbar.size': s })),
    gaps: [{ hi: 0, lo: 1, margin: 0.06 /* 0.121 +- 0.019 */ }, { hi: 1, lo: 2, margin: 0.3 /* 0.605 +- 0.026 */ }],
  },
  {
    name: 'rises with R_on', group: 'offset-diff', samples: 300,
    points: [2e4, 2e5, 2e6].map((r) => ({ ...OFF, 'crossbar.rWire_ohm': 5, 'device.rOn_ohm': r })),
    gaps: [{ hi: 1, lo: 0, margin: 0.3 /* 0.754 +- 0.020 */ }, { hi: 2, lo: 1, margin: 0.06 /* 0.124 +- 0.018 */ }],
  },
  {
    name: 'falls with read noise', group: 'offset-diff', samples: 300,
    points: [0, 0.3, 1].map((s) => ({ ...OFF, 'device.readNoiseSigma': s })),
    gaps: [{ hi: 0, lo: 1, margin: 0.01 /* 0.076 +- 0.020, smallest 0.033 */ }, { hi: 1, lo: 2, margin: 0.3 /* 0.669 +- 0.024 */ }],
  },
  {
    // 1% of stuck cells costs 0.017 +- 0.010 (one seed of 20 gained a sample): no gain beyond 6 of 300 samples.
    name: 'falls with the stuck-at rate', group: 'offset-diff', samples: 300,
    points: [0, 0.01, 0.05].map((r) => ({ ...OFF, 'device.stuckAtRate': r })),
    gaps: [{ hi: 0, lo: 1, margin: 0.02, atLeast: true }, { hi: 1, lo: 2, margin: 0.25 /* 0.465 +- 0.060 */ }],
  },
  {
    name: 'falls when the ADC has fewer bits than the lossless point (10 bits for 64 rows of 4-bit cells)', group: 'offset-diff', samples: 300,
    points: [10, 7, 5].map((b) => ({ ...OFF, 'adc.bits': b })),
    gaps: [{ hi: 0, lo: 1, margin: 0.3 /* 0.589 +- 0.026 */ }, { hi: 1, lo: 2, margin: 0.15 /* 0.304 +- 0.027 */ }],
  },
  // differential-pair (the default): the twin columns cancel the common mode, so the same knobs need larger steps to
  // bite. The programming error and the stuck cells are one chip's draw: their gaps scatter most from seed to seed
  // (accuracy at programSigma 0.5: 0.59-0.80 over seeds 1-20).
  {
    name: 'falls as the crossbar grows at fixed wire resistance (5 Ohm, R_on 2 kOhm)', group: 'differential-pair', samples: 300,
    points: [64, 256, 1024].map((s) => ({ ...DP, 'crossbar.rWire_ohm': 5, 'device.rOn_ohm': 2e3, 'crossbar.size': s })),
    gaps: [{ hi: 0, lo: 1, margin: 0.3 /* 0.484 +- 0.034 */ }, { hi: 1, lo: 2, margin: 0.2 /* 0.393 +- 0.039 */ }],
  },
  {
    name: 'rises with R_on (256 x 256, 5 Ohm)', group: 'differential-pair', samples: 300,
    points: [2e3, 5e3, 2e4].map((r) => ({ ...DP, 'crossbar.rWire_ohm': 5, 'crossbar.size': 256, 'device.rOn_ohm': r })),
    gaps: [{ hi: 1, lo: 0, margin: 0.25 /* 0.363 +- 0.032 */ }, { hi: 2, lo: 1, margin: 0.04 /* 0.122 +- 0.023, smallest 0.066 */ }],
  },
  {
    name: 'falls with read noise', group: 'differential-pair', samples: 300,
    points: [0, 0.5, 1].map((s) => ({ ...DP, 'device.readNoiseSigma': s })),
    gaps: [{ hi: 0, lo: 2, margin: 0.12 /* 0.207 +- 0.025 */ }, { hi: 1, lo: 2, margin: 0.11 /* 0.188 +- 0.023 */ }],
  },
  {
    name: 'falls with the programming error', group: 'differential-pair', samples: 300,
    points: [0, 0.2, 0.5].map((s) => ({ ...DP, 'device.programSigma': s })),
    gaps: [{ hi: 0, lo: 2, margin: 0.08 /* 0.273 +- 0.064, smallest 0.190 */ }, { hi: 1, lo: 2, margin: 0.05 /* 0.258 +- 0.067, smallest 0.167 */ }],
  },
  {
    name: 'falls with the stuck-at rate', group: 'differential-pair', samples: 300,
    points: [0, 0.02, 0.1].map((r) => ({ ...DP, 'device.stuckAtRate': r })),
    gaps: [{ hi: 0, lo: 1, margin: 0.02, atLeast: true /* 0.034 +- 0.017, smallest 0.007 */ }, { hi: 1, lo: 2, margin: 0.16 /* 0.445 +- 0.093, smallest 0.297 */ }],
  },
  {
    name: 'falls when the ADC has fewer bits than the lossless point (11 bits: sign + 10)', group: 'differential-pair', samples: 300,
    points: [11, 3, 2].map((b) => ({ ...DP, 'adc.bits': b })),
    gaps: [{ hi: 0, lo: 1, margin: 0.06 /* 0.143 +- 0.026 */ }, { hi: 1, lo: 2, margin: 0.04 /* 0.146 +- 0.033, smallest 0.086 */ }],
  },
  // Bits per cell at a lossless 12-bit ADC, defaults otherwise (measured spread on): 8-bit cells (one slice) are no
  // better than the realistic 4 bits (two slices) beyond 7 of 200 samples, 1 SE at 96%. acc(8) - acc(4) over seeds
  // 1-20: -0.003 +- 0.009, from -0.020 to +0.015; the tolerance is that largest gain + 0.02 (above mean + 3 SD, 0.024).
  {
    name: 'does not improve beyond the realistic 4 bits per cell', group: 'precision', samples: 200,
    points: [4, 8].map((d) => ({ 'device.bitsPerCell': d, 'adc.bits': 12 })),
    gaps: [{ hi: 0, lo: 1, margin: 0.035, atLeast: true }],
  },
];

/** mlp-mnist's hardware accuracy at each of a claim's points, on the chip and sample set of `seed`. */
export function claimAccuracies(claim: TrendClaim, seed: number): number[] {
  const mlp = zooNetwork('mlp-mnist');
  return claim.points.map((o) =>
    evaluateAccuracy(mlp, applyOverrides(defaultConfig(), { ...o, 'accuracy.samples': claim.samples, 'accuracy.seed': seed })).accuracy);
}

/** Whether a claim's gap holds for the accuracies of its points. */
export function gapHolds(g: Gap, accuracy: readonly number[]): boolean {
  return g.atLeast ? accuracy[g.hi] >= accuracy[g.lo] - g.margin : accuracy[g.hi] > accuracy[g.lo] + g.margin;
}
