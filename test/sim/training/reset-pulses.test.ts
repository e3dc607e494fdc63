/**
 * RESET (depression) pulses at their own voltage and width (docs/training-cost.md §4): NeuroSim writes a row in a SET
 * phase then a RESET phase, t_WU = Σ_rows (max n_SET·t_SET + max n_RESET·t_RESET), and charges each pulse
 * V_w²·Ḡ·t_w + C_line·V_w² at its own V_w and t_w (docs/sources.md#training-neurosim). Until 2026-12-05 a RESET
 * pulse was priced as a copy of the SET pulse (PCM: 2 x 6 µs per row slot instead of 6 µs + 125 ns).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { bitlineCapacitance_F, conductanceLevels } from '../../../src/hardware/components/crossbar.js';
import { DEVICE_PRESETS } from '../../../src/hardware/devices.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { ACTION, actionVector } from '../../../src/sim/ela/actions.js';
import { trainingCost, trainingView } from '../../../src/sim/training/index.js';
import { priceTrainingLayer } from '../../../src/sim/training/price.js';
import { expectedRowMaxSet, openLoopPulses, pulseEnergyOf_pJ, writePulseEnergy_pJ } from '../../../src/sim/training/pulses.js';
import { cellsPerRow, layerWrite_ns } from '../../../src/sim/training/writes.js';

const net = zooNetwork('nmnist-fc3');
const BASE = { 'training.algorithm': 'sdfa', 'arch.dataflow': 'pipelined', 'snn.timesteps': 10 };
const config = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), { ...BASE, ...o });

describe('device presets: a RESET pulse of their own (MLP_NeuroSim V3.0 Table II)', () => {
  it('PCM RESET 3 V / 125 ns, FeFET -2.95 V / 75 ns; RRAM and STT-MRAM list one pulse for both polarities', () => {
    const pairs = Object.fromEntries(Object.entries(DEVICE_PRESETS).map(([k, p]) => [k, [p.write.voltage_V, p.write.pulse_ns, p.write.resetVoltage_V, p.write.resetPulse_ns]]));
    expect(pairs).toMatchObject({ rram: [1.6, 50, 1.6, 50], pcm: [0.7, 6000, 3, 125], fefet: [3.65, 75, 2.95, 75], sttmram: [1, 10, 1, 10] });
  });
  it('device.kind loads them; an explicit override wins whichever side of device.kind it is named', () => {
    expect([config({ 'device.kind': 'pcm' }).device.resetVoltage_V, config({ 'device.kind': 'pcm' }).device.resetPulse_ns]).toEqual([3, 125]);
    expect(config({ 'device.resetPulse_ns': 500, 'device.kind': 'pcm' }).device.resetPulse_ns).toBe(500);
    const earlier = applyOverrides(config({ 'device.resetVoltage_V': 2 }), { 'device.kind': 'fefet' });
    expect([earlier.device.resetVoltage_V, earlier.device.resetPulse_ns]).toEqual([2, 75]);
  });
});

describe('write time: a SET phase at t_SET then a RESET phase at t_RESET', () => {
  it('layerWrite_ns = rows · E[max n per sign] · (t_SET + t_RESET) (+ 2 reads for verify)', () => {
    for (const scheme of ['open-loop', 'verify']) {
      const c = config({ 'device.kind': 'pcm', 'training.updateScheme': scheme });
      const d = openLoopPulses(1, c.device.pulseLevels);
      for (const l of trainingView(net, c).layers) {
        const read_ns = scheme === 'verify' ? l.readTime_ns : 0;
        const expected = Math.min(l.m.rows, l.m.crossbarSize) * expectedRowMaxSet(d, cellsPerRow(l), 2) * (6000 + 125 + 2 * read_ns);
        expect(layerWrite_ns(l, c, d)).toBeCloseTo(expected, 6);
      }
    }
  });
  it('PCM, nmnist-fc3: 64 rows · 11.71 · (6 µs + 125 ns) ≈ 4,592 µs per batch at σ = 1 weight LSB = 100/15 write steps; 689 µs at one step (σ = 0.15 LSB)', () => {
    // Until 2026-12-06 σ = 1 was one write step: 815 µs (1002 µs under ceil, 1963 µs when RESET copied SET); then
    // 5,409 and 815 µs with every weight of a row written in both arrays of its pair (13.80 slots, not 11.71).
    // 4-bit cells named: PCM's preset loads 3 since 2026-12-06 (100/7 steps per LSB).
    const t = trainingCost(net, config({ 'device.kind': 'pcm', 'device.bitsPerCell': 4 })).timing.write_ns;
    expect(t / 1e3).toBeCloseTo(4591.6, 0);
    const oneStep = trainingCost(net, config({ 'device.kind': 'pcm', 'device.bitsPerCell': 4, 'training.updateSigma_lsb': 0.15 })).timing.write_ns;
    expect(oneStep / 1e3).toBeCloseTo(688.6, 0);
    expect(oneStep).toBeLessThan(0.52 * 1963e3);
  });
  it('the write time rises with the RESET width and not with its voltage', () => {
    const w = (o: Record<string, unknown>) => trainingCost(net, config({ 'device.kind': 'pcm', ...o })).timing.write_ns;
    const widths = [125, 1000, 6000, 20000].map((ns) => w({ 'device.resetPulse_ns': ns }));
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1]);
    expect(w({ 'device.resetVoltage_V': 1 })).toBe(w({ 'device.resetVoltage_V': 3 }));
  });
});

describe('write energy: half the pulses SET, half RESET, each at its own V and t', () => {
  const prices = (o: Record<string, unknown>) => {
    const c = config(o);
    const [fc1] = trainingView(net, c).layers;
    const out = actionVector();
    priceTrainingLayer(fc1, fc1.prices, c, { state_KB: 1, gradient_KB: 1, feedback_KB: 0 }, out);
    const g = conductanceLevels(fc1.rOn_ohm, fc1.onOffRatio, fc1.bitsPerCell).gMean_S;
    const line_F = bitlineCapacitance_F(fc1.m.crossbarSize, c.tech.node_nm, fc1.rOn_ohm);
    const cell = { gMean_S: g, lineCapacitance_F: line_F, node_nm: c.tech.node_nm, pulseLevels: c.device.pulseLevels };
    return {
      priced: out[ACTION.writePulse],
      pulse: (v: number, ns: number) => writePulseEnergy_pJ(v, g, ns, line_F),
      // The device's own form (FeFET: ferroelectric, test/sim/training/fefet-write-energy.test.ts).
      own: (v: number, ns: number) => pulseEnergyOf_pJ(DEVICE_PRESETS[c.device.kind].write.energy, { voltage_V: v, pulse_ns: ns }, cell),
    };
  };
  it('PCM: (E(0.7 V, 6 µs) + E(3 V, 125 ns)) / 2; FeFET: (E(3.65 V, 75 ns) + E(2.95 V, 75 ns)) / 2 in its own form', () => {
    const pcm = prices({ 'device.kind': 'pcm' });
    expect(pcm.priced).toBeCloseTo((pcm.pulse(0.7, 6000) + pcm.pulse(3, 125)) / 2, 12);
    const fefet = prices({ 'device.kind': 'fefet' });
    expect(fefet.priced).toBeCloseTo((fefet.own(3.65, 75) + fefet.own(2.95, 75)) / 2, 12);
    expect(fefet.priced).toBeLessThan(fefet.own(3.65, 75));
  });
  it('RRAM (one pulse for both): unchanged, E(1.6 V, 50 ns)', () => {
    const rram = prices({ 'device.kind': 'rram' });
    expect(rram.priced).toBeCloseTo(rram.pulse(1.6, 50), 12);
  });
  it('the pulse energy rises with the RESET voltage and width', () => {
    const e = [1, 2, 3, 4].map((v) => prices({ 'device.kind': 'fefet', 'device.resetVoltage_V': v }).priced);
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThan(e[i - 1]);
    // Width: a resistive cell (PCM) conducts for the pulse; a FeFET's pulse energy does not depend on it.
    const t = [10, 125, 500].map((ns) => prices({ 'device.kind': 'pcm', 'device.resetPulse_ns': ns }).priced);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
  });
});
