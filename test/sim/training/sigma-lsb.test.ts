/**
 * training.updateSigma_lsb is in weight LSBs (docs/training-cost.md §4, D2): one LSB of the least significant slice is
 * P_max / (2^cellBits - 1) write steps of the layer's cell, so a device with more write steps per level writes more
 * pulses for the same weight change (NeuroSim Cell.cpp RealDevice::Write). Until 2026-12-06 σ was in write steps and
 * every device and cell gave the same pulses per update (0.7636 at σ = 1).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { normalCdf, pulsesPerLsb, trainingCost, trainingView } from '../../../src/sim/training/index.js';
import { weightCount } from '../../../src/sim/training/layers.js';
import { refusal } from '../../helpers/refusal.js';

const mlp = zooNetwork('mlp-mnist');
const sdfa = (o: Record<string, unknown>) => trainingCost(mlp, applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', ...o }));

/** E[round(|x|)] for x ~ N(0, s²), capped at `cap` pulses, from P(n = k) = 2[Φ((k + ½)/s) − Φ((k − ½)/s)] (n = cap takes the rest). */
function expectedPulses(s: number, cap: number): number {
  let mean = 0;
  for (let k = 1; k < cap; k++) mean += k * 2 * (normalCdf((k + 0.5) / s) - normalCdf((k - 0.5) / s));
  return mean + cap * 2 * (1 - normalCdf((cap - 0.5) / s));
}

describe('σ in weight LSBs, converted to each layer\'s write steps', () => {
  it('pulsesPerLsb = P_max / (2^cellBits - 1): RRAM 128/15, PCM 100/15, FeFET 32/15 for 4-bit cells; a binary cell 1', () => {
    expect(pulsesPerLsb(128, 4)).toBe(128 / 15);
    expect(pulsesPerLsb(100, 4)).toBe(100 / 15);
    expect(pulsesPerLsb(32, 4)).toBe(32 / 15);
    expect(pulsesPerLsb(1, 1)).toBe(1);
    expect(pulsesPerLsb(128, 1)).toBe(128);
  });

  it('two devices at the same σ_lsb differ by exactly the pmf at σ·pulsesPerLsb (RRAM 8.53, FeFET 2.13 steps per LSB of a 4-bit cell)', () => {
    // σ = 15/32 LSB is exactly 1 FeFET step: the tabled 2Σ_k k[Φ(k + ½) − Φ(k − ½)] = 0.76358; RRAM's 4 steps give 3.18321 (E|x| = 4·sqrt(2/π) = 3.19154 less rounding's share).
    const rram = sdfa({ 'training.updateSigma_lsb': 15 / 32 });
    const fefet = sdfa({ 'training.updateSigma_lsb': 15 / 32, 'device.kind': 'fefet' });
    expect(fefet.pulsesPerUpdate).toBeCloseTo(0.76358, 5);
    expect(rram.pulsesPerUpdate).toBeCloseTo(expectedPulses(4, 128), 7);
    expect(rram.pulsesPerUpdate).toBeCloseTo(3.18321, 5);
    // The defaults (σ = 1 LSB): 128/15 and 32/15 steps; mlp-mnist 0.7636 for every device until 2026-12-06.
    expect(sdfa({}).pulsesPerUpdate).toBeCloseTo(expectedPulses(128 / 15, 128), 7);
    expect(sdfa({ 'device.kind': 'fefet' }).pulsesPerUpdate).toBeCloseTo(expectedPulses(32 / 15, 32), 7);
    expect(sdfa({ 'device.kind': 'pcm', 'device.bitsPerCell': 4 }).pulsesPerUpdate).toBeCloseTo(expectedPulses(100 / 15, 100), 7);
    // PCM's own preset default, 3 bits per cell (2026-12-06): 100/7 steps per LSB.
    expect(sdfa({ 'device.kind': 'pcm' }).pulsesPerUpdate).toBeCloseTo(expectedPulses(100 / 7, 100), 7);
    expect(sdfa({}).pulsesPerUpdate).toBeCloseTo(6.8047, 4);
  });

  it('a 1-bit layer (P_max = 128 steps per LSB) writes more than a 4-bit one at the same σ; the epoch mixes the layers by their cells', () => {
    const four = sdfa({});
    const one = sdfa({ 'layers.fc2.device.bitsPerCell': 1 });
    const view = trainingView(mlp, applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', 'layers.fc2.device.bitsPerCell': 1 }));
    const [fc1, fc2] = view.layers;
    expect([fc1.m.cellBits, fc2.m.cellBits]).toEqual([4, 1]);
    const cells = [weightCount(fc1), weightCount(fc2)];
    const perLayer = [expectedPulses(128 / 15, 128), expectedPulses(128, 128)];
    expect(one.pulsesPerUpdate).toBeCloseTo((cells[0] * perLayer[0] + cells[1] * perLayer[1]) / (cells[0] + cells[1]), 7);
    expect(perLayer[1]).toBeGreaterThan(perLayer[0]);
    expect(one.pulsesPerUpdate).toBeGreaterThan(four.pulsesPerUpdate);
    // fc2's cells take ~102 pulses per update: they set the most-written cell, so the lifetime falls.
    expect(one.lifetime_epochs).toBeLessThan(four.lifetime_epochs);
    // p99 of the mixture: the cell-weighted share of cells below it is 0.99 (each layer's writes Gaussian, CLT).
    const w = one.writesPerCellPerEpoch;
    const below = [0, 1].reduce((sum, i) => sum + cells[i] * normalCdf((w.p99 - 469 * perLayer[i]) / Math.sqrt(469 * variance(i === 0 ? 128 / 15 : 128, 128))), 0);
    expect(below / (cells[0] + cells[1])).toBeCloseTo(0.99, 6);
    expect(w.mean).toBeCloseTo(469 * one.pulsesPerUpdate, 4);
    expect(one.writesPerCellPerEpoch.max).toBeCloseTo(469 * perLayer[1] + Math.sqrt(469 * variance(128, 128)) * Math.sqrt(2 * Math.log(cells[0] + cells[1])), 3);
  });

  it('the refusal\'s line moves to σ = 0.0874 / pulsesPerLsb LSB: mlp-mnist RRAM 0.01024, FeFET 0.04096; the message names the layer\'s field', () => {
    expect(sdfa({ 'training.updateSigma_lsb': 0.0103 }).pulsesPerUpdate).toBeGreaterThan(0);
    expect(refusal(() => sdfa({ 'training.updateSigma_lsb': 0.0102 }))).toMatch(/^training\.updateSigma_lsb: got 0\.0102 weight LSBs, expected updates that write at least one cell per epoch/);
    expect(sdfa({ 'device.kind': 'fefet', 'training.updateSigma_lsb': 0.041 }).pulsesPerUpdate).toBeGreaterThan(0);
    expect(refusal(() => sdfa({ 'device.kind': 'fefet', 'training.updateSigma_lsb': 0.04, 'layers.fc1.device.bitsPerCell': 4 }))).toBe(
      'training.updateSigma_lsb: got 0.04 weight LSBs, expected updates that write at least one cell per epoch under training.updateScheme=open-loop '
      + "(layer fc1's cells: device.pulseLevels / (2^4 - 1) = 32 / 15 write steps per weight LSB, 4-bit cells from layers.fc1.device.bitsPerCell, so σ is 0.0853 write steps; "
      + '469 updates x 203264 cells x 4.65e-9 pulses per update = 0.443 pulses per epoch, below 1: no cell is expected to be written, the network does not train; '
      + 'training.updateScheme=threshold accumulates sub-step updates)');
  });

  it('pulses per update, write time and wear rise with device.pulseLevels at a fixed σ_lsb (more write steps per weight LSB)', () => {
    const runs = [15, 32, 64, 128, 256].map((p) => sdfa({ 'device.pulseLevels': p }));
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].pulsesPerUpdate).toBeGreaterThan(runs[i - 1].pulsesPerUpdate);
      expect(runs[i].timing.write_ns).toBeGreaterThan(runs[i - 1].timing.write_ns);
      expect(runs[i].lifetime_epochs).toBeLessThan(runs[i - 1].lifetime_epochs);
    }
    // P_max = 15 on 4-bit cells: one step per LSB, the write-step figures of before 2026-12-06.
    expect(runs[0].pulsesPerUpdate).toBeCloseTo(0.76358, 5);
  });
});

/** Var[n] of the capped pmf above. */
function variance(s: number, cap: number): number {
  let second = 0;
  for (let k = 1; k < cap; k++) second += k * k * 2 * (normalCdf((k + 0.5) / s) - normalCdf((k - 0.5) / s));
  second += cap * cap * 2 * (1 - normalCdf((cap - 0.5) / s));
  const m = expectedPulses(s, cap);
  return second - m * m;
}
