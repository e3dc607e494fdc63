/**
 * A FeFET is programmed through its gate, with no DC path through the ferroelectric (docs/training-cost.md §4,
 * docs/sources.md#training-fefet-write): a pulse charges V_w²·(C_gate + C_line) and switches ΔP·V_w·A of polarisation,
 * not V_w²·Ḡ·t_w of channel current. Until 2026-12-05 a FeFET pulse was charged the resistive form (mlp-mnist fc1:
 * 0.735 of its 1.028 pJ was channel current).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { bitlineCapacitance_F, conductanceLevels } from '../../../src/hardware/components/crossbar.js';
import { DEVICE_PRESETS } from '../../../src/hardware/devices.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { ACTION, actionVector } from '../../../src/sim/ela/actions.js';
import { trainingView } from '../../../src/sim/training/index.js';
import { priceTrainingLayer } from '../../../src/sim/training/price.js';
import { writePulseEnergy_pJ } from '../../../src/sim/training/pulses.js';

const fc1Pulse = (o: Record<string, unknown>) => {
  const c = applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', 'device.kind': 'fefet', ...o });
  const [fc1] = trainingView(zooNetwork('mlp-mnist'), c).layers;
  const out = actionVector();
  priceTrainingLayer(fc1, fc1.prices, c, { state_KB: 1, gradient_KB: 1, feedback_KB: 0 }, out);
  const line_F = bitlineCapacitance_F(fc1.m.crossbarSize, c.tech.node_nm, fc1.rOn_ohm);
  const gMean_S = conductanceLevels(fc1.rOn_ohm, fc1.onOffRatio, fc1.bitsPerCell).gMean_S;
  return { priced: out[ACTION.writePulse], line_F, gMean_S, c };
};

describe('FeFET write pulses: gate and polarisation, no channel current', () => {
  it('the preset says so as data: ferroelectric, C_gate 2.1717e-18 F, P_r 0.2 C/m², A = 2F²; the others resistive', () => {
    expect(DEVICE_PRESETS.fefet.write.energy).toMatchObject({ kind: 'ferroelectric', gateCapacitance_F: 2.1717e-18, remanentPolarisation_C_per_m2: 0.2, ferroelectricArea_F2: 2 });
    for (const k of ['rram', 'pcm', 'sttmram', 'sram'] as const) expect(DEVICE_PRESETS[k].write.energy.kind).toBe('resistive');
  });
  it('mlp-mnist fc1: the mean of SET and RESET of V²·(C_gate + C_line) + (2·P_r/P_max)·V·2F², exactly', () => {
    const { priced, line_F, c } = fc1Pulse({});
    const area_m2 = 2 * (c.tech.node_nm * 1e-9) ** 2;
    const pulse = (v: number) => (v * v * (2.1717e-18 + line_F) + ((2 * 0.2) / 32) * v * area_m2) * 1e12;
    expect(priced).toBeCloseTo((pulse(3.65) + pulse(2.95)) / 2, 12);
  });
  it('no V²·Ḡ·t_w term: below the resistive price, and independent of R_on\'s channel term and of the pulse width', () => {
    const { priced, line_F, gMean_S } = fc1Pulse({});
    const resistive = (writePulseEnergy_pJ(3.65, gMean_S, 75, line_F) + writePulseEnergy_pJ(2.95, gMean_S, 75, line_F)) / 2;
    expect(priced).toBeLessThan(resistive - 0.5);
    expect(fc1Pulse({ 'device.writePulse_ns': 750, 'device.resetPulse_ns': 750 }).priced).toBe(priced);
  });
  it('rises with the write voltage (quadratically through the lines) and with the polarisation switched per pulse (fewer pulses per window)', () => {
    const v = [2, 3, 4, 5].map((x) => fc1Pulse({ 'device.writeVoltage_V': x }).priced);
    for (let i = 1; i < v.length; i++) expect(v[i]).toBeGreaterThan(v[i - 1]);
    const p = [32, 16, 8].map((n) => fc1Pulse({ 'device.pulseLevels': n, 'device.bitsPerCell': 3 }).priced);
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThan(p[i - 1]);
  });
});
