import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { SRAM_LEAKAGE_uW_PER_KB } from '../../src/hardware/components/sram.js';
import { lstpDevice, sramLeakage_W, sramLeakageScaleFrom65nm } from '../../src/hardware/components/sramLeakage.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { trainingCost } from '../../src/sim/training/index.js';

// CACTI 7 (HewlettPackard/cacti tech_params/<node>nm.dat), LSTP column: -I_off_n at the row temp 30 (330 K, the
// 65 nm calibration run's temperature) in A/µm, and -Vdd in V (docs/sources.md#circuits-3-7).
const CACTI = {
  90: { off: 1.25e-11, vdd: 1.3 },
  65: { off: 3.64e-11, vdd: 1.2 },
  45: { off: 4.06e-11, vdd: 1.1 },
  32: { off: 7.83e-11, vdd: 1.0 },
  22: { off: 1.94e-10, vdd: 0.8 },
} as const;
/** I_off·F·V_dd at a tabulated node over its 65 nm value: the cell widths are fixed multiples of F in every file. */
const cited = (node: keyof typeof CACTI) => (CACTI[node].off * node * CACTI[node].vdd) / (CACTI[65].off * 65 * CACTI[65].vdd);
/** CACTI's rule between two files (parameter.cc): each parameter linear in the node, the width the node's own F. */
const between = (node: number, lo: keyof typeof CACTI, hi: keyof typeof CACTI) => {
  const a = (node - hi) / (lo - hi);
  const off = a * CACTI[lo].off + (1 - a) * CACTI[hi].off;
  const vdd = a * CACTI[lo].vdd + (1 - a) * CACTI[hi].vdd;
  return (off * node * vdd) / (CACTI[65].off * 65 * CACTI[65].vdd);
};

const config = (overrides: Record<string, unknown> = {}) => applyOverrides(defaultConfig(), overrides);
const net = zooNetwork('cnn-mnist');
/** The engine's chip leakage power (W): leakage energy over the inference's latency. */
const chipLeak_W = (node: number) => {
  const e = evaluate(net, config({ 'tech.node_nm': node }));
  return (e.breakdown.energy_pJ.leakage / e.latency_ns) * 1e-3;
};

describe('SRAM leakage across nodes (CACTI 7 LSTP devices)', () => {
  it('at the tabulated nodes scales the 65 nm figure by I_off·F·V_dd: 22 nm x1.203, 32 nm x0.883, 45 nm x0.708, 90 nm x0.515', () => {
    for (const node of [90, 45, 32, 22] as const) expect(sramLeakageScaleFrom65nm(node)).toBeCloseTo(cited(node), 12);
    expect(sramLeakageScaleFrom65nm(22)).toBeCloseTo(1.2026, 4);
    expect(sramLeakageScaleFrom65nm(45)).toBeCloseTo(0.7078, 4);
    // 65 nm is the calibration, exactly: 2.6 µW per 20 KB.
    expect(sramLeakageScaleFrom65nm(65)).toBe(1);
    expect(sramLeakage_W(20, 65)).toBe(20 * SRAM_LEAKAGE_uW_PER_KB * 1e-6);
  });

  it('between tabulated nodes follows CACTI\'s own interpolation (40 nm between 45 and 32, 28 nm between 32 and 22)', () => {
    expect(sramLeakageScaleFrom65nm(40)).toBeCloseTo(between(40, 45, 32), 12);
    expect(sramLeakageScaleFrom65nm(28)).toBeCloseTo(between(28, 32, 22), 12);
    expect(lstpDevice(40).offCurrent_A_per_um).toBeCloseTo(5.51e-11, 22);
  });

  it('rises as the node shrinks from 45 to 22 nm (CACTI\'s I_off grows faster than F·V_dd falls), but 65 nm leaks more than 45 and 90 nm', () => {
    const path = [45, 40, 32, 28, 22].map(sramLeakageScaleFrom65nm);
    for (let i = 1; i < path.length; i++) expect(path[i]).toBeGreaterThan(path[i - 1]);
    // No trend across 65 nm: the table's 90 -> 65 -> 45 ratios are 0.515 -> 1 -> 0.708.
    expect(sramLeakageScaleFrom65nm(45)).toBeLessThan(1);
    expect(sramLeakageScaleFrom65nm(90)).toBeLessThan(1);
  });

  it('outside the table (14, 130 nm) holds the nearest end\'s device and scales the width with F only', () => {
    expect(sramLeakageScaleFrom65nm(14)).toBeCloseTo(cited(22) * (14 / 22), 12);
    expect(sramLeakageScaleFrom65nm(130)).toBeCloseTo(cited(90) * (130 / 90), 12);
    expect(() => sramLeakageScaleFrom65nm(0)).toThrow(/tech\.node_nm=0/);
  });

  it('the engine charges the chip\'s buffers and U_mem cache by it at every node it accepts (not the logic energy factor)', () => {
    const at65 = chipLeak_W(65);
    const expected: Record<number, number> = { 130: cited(90) * (130 / 90), 45: cited(45), 40: between(40, 45, 32), 32: cited(32), 28: between(28, 32, 22), 22: cited(22), 14: cited(22) * (14 / 22) };
    for (const [node, ratio] of Object.entries(expected)) expect(chipLeak_W(Number(node)) / at65).toBeCloseTo(ratio, 10);
  });

  it('the training SRAMs leak by the same factor (nmnist-fc5, SDFA, 22 nm)', () => {
    const c = config({ 'training.algorithm': 'sdfa', 'tech.node_nm': 22 });
    const fc5 = zooNetwork('nmnist-fc5');
    const inference = evaluate(fc5, c);
    const t = trainingCost(fc5, c);
    const chip_W = (inference.breakdown.energy_pJ.leakage / inference.latency_ns) * 1e-3;
    const train_W = ((t.stateBuffer_bits + t.gradientMemory_bits) / 8192) * SRAM_LEAKAGE_uW_PER_KB * 1e-6 * cited(22);
    const B = t.batchSize;
    expect(t.breakdown_pJ.leakage * B).toBeCloseTo((chip_W + train_W) * t.latency_ns_per_batch * 1e3, 2);
  });

  it('cosearch evaluate notes the held device outside 22-90 nm, and nothing inside', () => {
    const leakNote = (node: number) => modelAssumptionNotes(net, config({ 'tech.node_nm': node })).filter((n) => n.includes('LSTP'));
    expect(leakNote(14)).toEqual([expect.stringContaining('tech.node_nm=14 is outside CACTI 7\'s LSTP table (22-90 nm): SRAM leakage holds the 22 nm LSTP device (I_off 1.94e-10 A/µm at 330 K, V_dd 0.8 V)')]);
    expect(leakNote(130)).toEqual([expect.stringContaining('holds the 90 nm LSTP device (I_off 1.25e-11 A/µm at 330 K, V_dd 1.3 V)')]);
    for (const node of [65, 45, 40, 32, 28, 22]) expect(leakNote(node)).toEqual([]);
  });
});
