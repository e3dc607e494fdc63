/** The MAC error's interval over its sampled crossbars (src/sim/nonideal/macErrorSpread.ts): exact jackknife values. */
import { describe, expect, it } from 'vitest';
import { jackknifeRmsSd, layerRmsCi95, meanRmsCi95 } from '../../../src/sim/nonideal/macErrorSpread.js';
import { studentTQuantile } from '../../../src/util/studentT.js';

describe('jackknife over sampled crossbars', () => {
  it('leaves each crossbar out of the pooled rms: known answer by hand', () => {
    // Crossbars (err2, sig2): (1, 10), (4, 10), (1, 20). Leave-one-out rms: sqrt(5/30), sqrt(2/30), sqrt(5/20).
    const loo = [Math.sqrt(5 / 30), Math.sqrt(2 / 30), Math.sqrt(5 / 20)];
    const mean = (loo[0] + loo[1] + loo[2]) / 3;
    const sd = Math.sqrt((2 / 3) * loo.reduce((a, v) => a + (v - mean) ** 2, 0));
    expect(jackknifeRmsSd([1, 4, 1], [10, 10, 20])).toBeCloseTo(sd, 15);
  });

  it('is 0 for identical crossbars and NaN for one crossbar', () => {
    expect(jackknifeRmsSd([2, 2, 2, 2], [8, 8, 8, 8])).toBe(0);
    expect(jackknifeRmsSd([2], [8])).toBeNaN();
  });

  it('95% half-widths: Student t with k - 1 (a layer) and sum (k - 1) (the mean over layers) degrees of freedom', () => {
    expect(layerRmsCi95({ rms_sd: 0.01, crossbarsSampled: 4 })).toBeCloseTo(0.01 * 3.182446305284263, 12);
    expect(layerRmsCi95({ rms_sd: 0.01, crossbarsSampled: 1 })).toBeNaN();
    const layers = [{ rms_sd: 0.01, crossbarsSampled: 4 }, { rms_sd: 0.02, crossbarsSampled: 2 }];
    expect(meanRmsCi95(layers)).toBeCloseTo((studentTQuantile(0.95, 4) * Math.sqrt(0.01 ** 2 + 0.02 ** 2)) / 2, 12);
  });
});
