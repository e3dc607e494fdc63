/**
 * The accuracy proxy is computed only when asked for (src/sim/accuracy.ts wantsAccuracyProxy): by the metrics a
 * caller needs or the ones it reports (SimulationNeeds.reported, a search's CSV columns); the other accuracy-engine
 * metrics are the same either way, and the proxy, when computed, is the one every metric gets.
 */
import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../../src/model/load.js';
import { clearAccuracyCache, wantsAccuracyProxy } from '../../src/sim/accuracy.js';
import { accuracyWanted, simulateConfiguration } from '../../src/sim/simulate.js';

const mlp = loadNetwork('mlp-mnist');
const small = { 'accuracy.samples': 10, 'accuracy.macSamples': 10, 'adc.bits': 5 };
const metrics = (needs: Parameters<typeof simulateConfiguration>[2]) => {
  clearAccuracyCache();
  return simulateConfiguration(mlp, small, needs).metrics;
};

describe('the accuracy proxy on demand', () => {
  it('is wanted by every-metric callers and by those that name it, needed or reported', () => {
    expect(wantsAccuracyProxy(undefined)).toBe(true);
    expect(wantsAccuracyProxy(['accuracy', 'macError_rms'])).toBe(false);
    expect(wantsAccuracyProxy(['accuracyProxy'])).toBe(true);
    expect(accuracyWanted({})).toBeUndefined();
    expect(accuracyWanted({ metrics: ['accuracy'], reported: ['energy_pJ', 'accuracyProxy'] })).toEqual(['accuracy', 'energy_pJ', 'accuracyProxy']);
  });

  it('is NaN when not asked for; the other metrics are unchanged; asked for, it is the every-metric value', () => {
    const all = metrics({});
    expect(all.accuracyProxy).toBeGreaterThan(0);
    const without = metrics({ metrics: ['accuracy'] });
    expect(without.accuracyProxy).toBeNaN();
    expect({ ...without, accuracyProxy: all.accuracyProxy }).toEqual(all);
    expect(metrics({ metrics: ['accuracy'], reported: ['accuracyProxy'] })).toEqual(all);
    expect(metrics({ metrics: ['accuracy', 'accuracyProxy'] })).toEqual(all);
    // The proxy alone runs no test-set measurement (docs/search.md: accuracy and accuracy_ci95 are their own group).
    expect(metrics({ metrics: ['accuracyProxy'] })).toEqual({ ...all, accuracy: NaN, accuracy_ci95: NaN });
    // Reported metrics make no engine run.
    expect(metrics({ metrics: ['energy_pJ'], reported: ['accuracy', 'accuracyProxy'] }).accuracy).toBeNaN();
  }, 120_000);
});
