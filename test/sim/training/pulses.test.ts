import { describe, expect, it } from 'vitest';
import {
  expectedRowMaxSet, normalCdf, openLoopPulses, thresholdPulses, writePulseEnergy_pJ, writesPerCell,
} from '../../../src/sim/training/index.js';

// Φ(1), Φ(2), Φ(3), Φ(4) from tables.
const PHI = [0.5, 0.8413447461, 0.9772498681, 0.9986501020, 0.9999683288, 0.9999997133];
// Φ(0.5), Φ(1.5), ..., Φ(5.5) from tables.
const PHI_HALF = [0.6914624613, 0.9331927987, 0.9937903347, 0.9997673709, 0.9999966023, 0.9999999810];

describe('the NeuroSim pulse model (ΔG in units of ΔG_min)', () => {
  it('normalCdf matches the table to 1e-7', () => {
    PHI.forEach((p, k) => expect(normalCdf(k)).toBeCloseTo(p, 6));
  });

  it('open loop at σ = 1: n = round(|x|) (NeuroSim truncate, threshold 1/2): P(n=0) = 2Φ(1/2)-1, P(n=k) = 2[Φ(k+1/2)-Φ(k-1/2)]', () => {
    const d = openLoopPulses(1);
    expect(d.pmf[0]).toBeCloseTo(2 * PHI_HALF[0] - 1, 7);
    expect(d.pmf[1]).toBeCloseTo(2 * (PHI_HALF[1] - PHI_HALF[0]), 7);
    expect(d.pmf[2]).toBeCloseTo(2 * (PHI_HALF[2] - PHI_HALF[1]), 7);
    expect(d.pmf[3]).toBeCloseTo(2 * (PHI_HALF[3] - PHI_HALF[2]), 7);
    let mean = 0;
    for (let k = 1; k <= 5; k++) mean += k * 2 * (PHI_HALF[k] - PHI_HALF[k - 1]);
    expect(mean).toBeCloseTo(0.76358, 5); // until 2026-12-06 ceil(|x|): 0.68289
    expect(d.mean).toBeCloseTo(mean, 6);
    expect(d.pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('open loop at small σ: the write probability from the upper tail, not 1 - Φ (which is 0 in doubles from z ≈ 8.3)', () => {
    // Q(10) = 7.6198530e-24 (tables); σ = 0.05: P(n = 1) = 2[Q(10) - Q(30)], mean 2 Q(10) = 1.524e-23 pulses
    const d = openLoopPulses(0.05);
    expect(d.pmf[1] / (2 * 7.6198530e-24)).toBeCloseTo(1, 6);
    expect(d.mean / (2 * 7.6198530e-24)).toBeCloseTo(1, 6);
    expect(d.mean).toBeGreaterThan(0);
  });

  it('at most P_max pulses per update (|ΔG| cannot exceed the window): a binary cell (P_max = 1) at σ = 1 gets one pulse with P(|x| >= 1/2) = 2(1 - Φ(1/2))', () => {
    const p = 2 * (1 - PHI_HALF[0]);
    const d = openLoopPulses(1, 1);
    expect(d.pmf.length).toBe(2);
    expect(d.pmf[0]).toBeCloseTo(1 - p, 7);
    expect(d.pmf[1]).toBeCloseTo(p, 7);
    expect(d.mean).toBeCloseTo(p, 7);
    expect(d.variance).toBeCloseTo(p * (1 - p), 7);
    // P_max = 2: every |x| >= 3/2 is 2 pulses.
    expect(openLoopPulses(1, 2).mean).toBeCloseTo(2 * (PHI_HALF[1] - PHI_HALF[0]) + 2 * 2 * (1 - PHI_HALF[1]), 7);
    // A window far above the tail changes nothing.
    expect(openLoopPulses(1, 128).pmf).toEqual(openLoopPulses(1).pmf);
    const t = thresholdPulses(1, 1);
    expect(t.pmf.length).toBe(2);
    expect(t.mean).toBeLessThan(thresholdPulses(1).mean);
  });

  it('more pulses as the update grows', () => {
    const means = [0.5, 1, 2, 4].map((s) => openLoopPulses(s).mean);
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]);
  });

  it('a row of one cell: E[max SET] = E[n]/2 (half the updates are positive); two cells by hand', () => {
    const d = openLoopPulses(1);
    expect(expectedRowMaxSet(d, 1)).toBeCloseTo(d.mean / 2, 9);
    let two = 0;
    let above = 1;
    for (const p of d.pmf) {
      above -= p;
      if (above <= 0) break;
      two += 1 - (1 - above / 2) ** 2;
    }
    expect(expectedRowMaxSet(d, 2)).toBeCloseTo(two, 12);
    expect(expectedRowMaxSet(d, 64)).toBeGreaterThan(expectedRowMaxSet(d, 2));
  });

  it('pulse energy: 2 V, 50 µS, 10 ns, 50 fF line = 2 pJ cell + 0.2 pJ line', () => {
    expect(writePulseEnergy_pJ(2, 50e-6, 10, 50e-15)).toBeCloseTo(2.2, 12);
  });

  it('threshold accumulation: ~σ² pulses per update for small σ, ~σ·sqrt(2/π) - 1/2 for large σ (floor keeps half a step on average), more pulses than open loop for small updates (open loop drops them), fewer for large ones', () => {
    expect(thresholdPulses(0.1).mean).toBeGreaterThan(0.009);
    expect(thresholdPulses(0.1).mean).toBeLessThan(0.011);
    expect(thresholdPulses(10).mean / (10 * Math.sqrt(2 / Math.PI) - 0.5)).toBeCloseTo(1, 2);
    expect(thresholdPulses(0.1)).toBe(thresholdPulses(0.1)); // memoised, seeded
    expect(thresholdPulses(0.2).mean).toBeGreaterThan(openLoopPulses(0.2).mean);
    expect(thresholdPulses(0.5).mean).toBeLessThan(openLoopPulses(0.5).mean);
    expect(thresholdPulses(2).mean).toBeLessThan(openLoopPulses(2).mean);
  });

  it('writes per cell per epoch: mean = updates x E[n], p99 and max above it, max grows with the cell count', () => {
    const d = openLoopPulses(1);
    const w = writesPerCell(d, 469, 1e6);
    expect(w.mean).toBeCloseTo(469 * d.mean, 9);
    expect(w.p99).toBeCloseTo(w.mean + 2.326347874 * Math.sqrt(469 * d.variance), 9);
    expect(w.max).toBeGreaterThan(w.p99);
    expect(writesPerCell(d, 469, 1e9).max).toBeGreaterThan(w.max);
  });
});
